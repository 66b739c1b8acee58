//! Searching newsidx indexes: the query step of the read -> extract -> map -> write -> query
//! flow.
//!
//! Build a [`NewsQuery`] (query text in the language of [`parse`], filters by [`Dimension`]
//! and date, sort, paging) and run it with a [`NewsSearcher`]: one call returns a
//! [`SearchResponse`] with the page of hits and their highlighted [`Fragment`]s (byte ranges
//! of the matches: drawing them is the caller's business), the exact total, facet counts by
//! every facet [`Dimension`] over all matching stories (each dimension counted as if its own
//! filter were off: drill-sideways), a calendar date [`Histogram`] and, when asked,
//! [`CoMentions`].
//!
//! Modules, in the order a search runs: [`parse`] and [`dates`] read the query text; the
//! planner resolves filter names with the gazetteer and builds tantivy queries; collectors
//! ([`CountsCollector`]) count facets and days in one pass; [`highlight`] picks fragments;
//! [`histogram`] and [`comention`] shape the counts into the [`response`].
//! [`NewsSearcher::for_each_hit`] streams every match, [`NewsSearcher::for_each_story`] every
//! matching story whole in constant memory; [`NewsSearcher::related`] finds the
//! stories related to one, without its duplicates. [`NewsSearcher::matches_in`] runs a query
//! over a [`Batch`] of stories only (percolation of saved searches).
//!
//! # Quick start
//! ```
//! use newsidx_core::{Article, NewsIndex};
//! use newsidx_query::{Dimension, NewsQuery, NewsSearcher};
//!
//! let index = NewsIndex::create_in_ram()?;
//! let mut writer = index.writer_with_threads(1, 15_000_000)?;
//! for (id, title, countries) in [("1", "Wagner in Mali", vec!["ML", "RU"]), ("2", "Wagner in Libya", vec!["LY"])] {
//!     let story = Article {
//!         id: id.into(),
//!         title: title.into(),
//!         countries: countries.into_iter().map(String::from).collect(),
//!         ..Article::default()
//!     };
//!     writer.add_document(index.schema().to_document(&story))?;
//! }
//! writer.commit()?;
//!
//! let searcher = NewsSearcher::open(index)?;
//! let response = searcher.search(&NewsQuery::new("wagner").filter(Dimension::Country, "ML"))?;
//! assert_eq!(response.total, 1);
//! // Drill-sideways: the country facet still shows Libya's story.
//! assert!(response.facets[Dimension::Country].iter().any(|c| c.value == "LY" && c.count == 1));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod collector;
pub mod comention;
pub mod dates;
pub mod error;
mod fold;
pub mod highlight;
pub mod histogram;
mod hits;
pub mod parse;
mod plan;
mod postings;
pub mod related;
pub mod request;
mod resolve;
pub mod response;
mod searcher;
pub mod stats;
mod story;
mod stream;
mod within;

pub use collector::{Counts, CountsCollector};
pub use error::{Error, Result};
pub use histogram::{Bucket, Histogram, Interval};
pub use newsidx_core::{ByDimension, Dimension};
pub use plan::MAX_EXPANSIONS;
pub use related::{RelatedResponse, RelatedStory};
pub use request::{CountMode, Duplicates, NewsQuery, Sort};
pub use response::{
    AppliedFilters, CoMention, CoMentions, Explanation, FacetValue, Facets, Fragment, Hit,
    MentionMark, SearchResponse,
};
pub use searcher::NewsSearcher;
pub use stats::IndexStats;
pub use within::Batch;
