//! Exports a newsidx index for an engine that runs on many machines: past the query step of
//! the read -> extract -> map -> write -> query flow, the stories leave for OpenSearch (or
//! Elasticsearch).
//!
//! [`OpenSearchExport`] writes one folder:
//!
//! - `template.json`: a composable index template ([`template`]): the English-analysed text
//!   fields, a `keyword` field for every filter and facet [`newsidx_core::Dimension`] (with a
//!   lower-cased sub-field where newsidx ignores case), the date, the ids;
//! - `bulk-NNNN.ndjson`: every story with its extracted entities as `_bulk` requests (an
//!   `index` action, then the document; the story id is the `_id`), cut into files of at most
//!   5,000 stories and 10 MB ([`BulkFile`]);
//! - `QUERIES.md`: how to load them, and newsidx's queries written for OpenSearch (facets as
//!   `terms` aggregations, drill-sideways as `post_filter` plus `filter` aggregations, the
//!   histogram as `date_histogram`, related stories as `more_like_this`): [`queries`].
//!
//! The stories are streamed from the index with [`NewsSearcher::for_each_story`] and written
//! as they come: memory does not grow with the archive. Every field comes from one table,
//! [`fields::FIELDS`], that the template, the documents and the query document all read.
//!
//! # Quick start
//! ```
//! use newsidx_core::{Article, NewsIndex};
//! use newsidx_export::OpenSearchExport;
//! use newsidx_query::NewsSearcher;
//!
//! let index = NewsIndex::create_in_ram()?;
//! let mut writer = index.writer_with_threads(1, 15_000_000)?;
//! let story = Article {
//!     id: "a1".into(),
//!     title: "Cocoa harvest falls".into(),
//!     countries: vec!["CI".into()],
//!     ..Article::default()
//! };
//! writer.add_document(index.schema().to_document(&story))?;
//! writer.commit()?;
//!
//! let dir = tempfile::tempdir()?;
//! let report = OpenSearchExport::new()
//!     .index_name("news")
//!     .write(&NewsSearcher::open(index)?, &dir.path().join("export"))?;
//! assert_eq!(report.stories, 1);
//! let bulk = std::fs::read_to_string(&report.bulk[0].path)?;
//! assert!(bulk.starts_with(r#"{"index":{"_id":"a1","_index":"news"}}"#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`NewsSearcher::for_each_story`]: newsidx_query::NewsSearcher::for_each_story
#![deny(missing_docs)]

mod bulk;
pub mod error;
pub mod fields;
mod opensearch;
pub mod queries;
pub mod template;

pub use bulk::{BulkFile, MAX_ID_BYTES};
pub use error::{Error, Result};
pub use opensearch::{
    ExportReport, OpenSearchExport, DEFAULT_INDEX_NAME, DEFAULT_MAX_BYTES, DEFAULT_MAX_STORIES,
    TEMPLATE_FILE,
};
pub use queries::QUERIES_FILE;
