//! newsidx: search news wire archives by what the stories are about.
//!
//! This facade re-exports the crates a story travels through:
//! read ([`newsidx_read`]: format readers) -> extract ([`newsidx_extract`]: countries, people,
//! organisations) -> map and write ([`newsidx_core`]: the schema, the index and its
//! [`NewsWriter`]; [`newsidx_index`]: the indexing pipeline) -> query ([`newsidx_query`]:
//! search, filters, facets, histograms); beside them, [`newsidx_alert`] keeps saved searches
//! and alerts when an indexing run brings stories that match them. Past one machine,
//! [`newsidx_export`] writes the stories for OpenSearch (index template, `_bulk` files, the
//! queries). The story types
//! ([`Article`] and its parts) come from [`newsidx_model`], with the date types an article
//! needs ([`DateTime`], [`Utc`]), so a caller needs no chrono of its own. Every crate's error converts into one [`Error`].
//!
//! # Features
//! - `cli` (default): the `newsidx` command-line program and what only it needs (clap,
//!   indicatif, mimalloc, anyhow). An app that embeds newsidx as a library turns it off:
//!   `newsidx = { version = "0.1", default-features = false }`.
//!
//! # Quick start
//! Index a few stories in RAM and run a faceted search:
//! ```
//! use newsidx::{
//!     add_articles, Article, DateTime, Dimension, Extractor, NewsIndex, NewsQuery, NewsSearcher, Utc,
//! };
//!
//! let extractor = Extractor::new()?;
//! let index = NewsIndex::create_in_ram()?;
//! let stories = vec![
//!     Article {
//!         title: "Mali approached Russian companies, Moscow not involved: Lavrov".into(),
//!         body: "Russian Foreign Minister Sergey Lavrov said Mali had asked private Russian \
//!                companies, including the Wagner Group, for help in Bamako.".into(),
//!         date: Some("2021-09-25T00:00:00Z".parse::<DateTime<Utc>>()?),
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

mod error;

pub use newsidx_alert as alert;
pub use newsidx_core as core;
pub use newsidx_export as export;
pub use newsidx_extract as extract;
pub use newsidx_index as index;
pub use newsidx_model as model;
pub use newsidx_query as query;
pub use newsidx_read as read;

/// The tantivy newsidx is built on, re-exported on purpose (and only here) so that the
/// tantivy types newsidx's API exposes ([`NewsIndex::index`], [`NewsWriter::add_document`],
/// [`NewsWriter::delete_term`]) always come from the same version as newsidx's own.
pub use tantivy;

pub use error::{Error, Result};
pub use newsidx_core::{NewsIndex, NewsSchema, NewsWriter, SCHEMA_VERSION};
pub use newsidx_extract::Extractor;
pub use newsidx_index::{add_articles, IndexReport, Indexer};
pub use newsidx_model::{Article, DateTime, EditorTags, NaiveDate, Origin, TimeZone, Utc, Version};
pub use newsidx_query::{
    ByDimension, CountMode, Dimension, Duplicates, FacetValue, Facets, Histogram, Hit, Interval,
    NewsQuery, NewsSearcher, SearchResponse, Sort,
};
pub use newsidx_read::{ReadError, Readers};

/// The README's Rust blocks, compiled and run as doctests so that they cannot drift from the
/// library (blocks fenced as `sh`, `text` or `json` are not Rust and are left alone).
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
