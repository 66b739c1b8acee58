//! newsidx: search news wire archives by what the stories are about.
//!
//! This facade re-exports the crates a story travels through:
//! read ([`newsidx_read`]: format readers) -> extract ([`newsidx_extract`]: countries, people,
//! organisations) -> map ([`newsidx_core`]: the article model and schema) -> write
//! ([`newsidx_index`]: the indexing pipeline) -> query ([`newsidx_query`]: search, filters,
//! facets, histograms).
//!
//! # Quick start
//! Index a few stories in RAM and run a faceted search:
//! ```
//! use std::sync::Arc;
//! use newsidx::{add_articles, Article, Dimension, Extractor, NewsIndex, NewsQuery, NewsSearcher};
//!
//! let extractor = Arc::new(Extractor::new()?);
//! let index = NewsIndex::create_in_ram()?;
//! let stories = vec![
//!     Article {
//!         title: "Mali approached Russian companies, Moscow not involved: Lavrov".into(),
//!         body: "Russian Foreign Minister Sergey Lavrov said Mali had asked private Russian \
//!                companies, including the Wagner Group, for help in Bamako.".into(),
//!         ..Article::default()
//!     },
//!     Article {
//!         title: "France completes withdrawal from Mali".into(),
//!         body: "The last French soldiers of the Barkhane force left Gao.".into(),
//!         ..Article::default()
//!     },
//! ];
//! add_articles(&index, stories, Some(&extractor))?;
//!
//! let searcher = NewsSearcher::with_extractor(index, extractor)?;
//! let response = searcher.search(&NewsQuery::new("Mali").filter(Dimension::Country, "Russia"))?;
//! assert_eq!(response.total, 1);
//! assert_eq!(response.hits[0].countries.contains(&"ML".to_string()), true);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub use newsidx_core as core;
pub use newsidx_extract as extract;
pub use newsidx_index as index;
pub use newsidx_query as query;
pub use newsidx_read as read;

pub use newsidx_core::{Article, NewsIndex, NewsSchema, SCHEMA_VERSION};
pub use newsidx_extract::Extractor;
pub use newsidx_index::{add_articles, IndexReport, Indexer};
pub use newsidx_query::{
    ByDimension, Dimension, FacetValue, Facets, Histogram, Hit, Interval, NewsQuery, NewsSearcher,
    SearchResponse, Sort,
};
pub use newsidx_read::{ReadError, Readers};
