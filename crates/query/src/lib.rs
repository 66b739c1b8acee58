//! Searching newsidx indexes: the query step of the read -> extract -> map -> write -> query
//! flow.
//!
//! Build a [`NewsQuery`] (query text in the language of [`parse`], entity, source, language
//! and date filters, sort, paging) and run it with a [`NewsSearcher`]: one call returns a
//! [`SearchResponse`] with the page of hits and their highlighted [`Fragment`]s, the exact
//! total, facet counts by country, actor, source, person, organisation and place over all
//! matching stories (each dimension counted as if its own filter were off: drill-sideways), a
//! calendar date [`Histogram`] and, when asked, [`CoMentions`].
//! [`NewsSearcher::for_each_hit`] streams every match; [`NewsSearcher::related`] finds the
//! stories related to one, without its duplicates.
//!
//! # Quick start
//! ```
//! use newsidx_core::{Article, NewsIndex};
//! use newsidx_query::{NewsQuery, NewsSearcher};
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
//! let searcher = NewsSearcher::new(index)?;
//! let response = searcher.search(&NewsQuery::new("wagner").country("ML"))?;
//! assert_eq!(response.total, 1);
//! // Drill-sideways: the country facet still shows Libya's story.
//! assert!(response.facets.country.iter().any(|c| c.value == "LY" && c.count == 1));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod comention;
pub mod error;
pub mod facets;
pub mod highlight;
pub mod histogram;
pub mod parse;
pub mod related;
pub mod request;
pub mod response;
pub mod search;
pub mod stats;

pub use error::{Error, Result};
pub use histogram::Interval;
pub use related::{RelatedResponse, RelatedStory};
pub use request::{NewsQuery, Sort};
pub use response::{
    AppliedFilters, Bucket, CoMention, CoMentions, FacetValue, Facets, Fragment, Histogram, Hit,
    MentionMark, SearchResponse,
};
pub use search::NewsSearcher;
pub use stats::IndexStats;
