//! The newsidx index: its tantivy schema, the mapping of stories onto it, and opening, checking
//! and writing an index.
//!
//! The story types themselves live in `newsidx-model` ([`Article`] is re-exported here for
//! convenience). This crate is the "map" and "write" steps of the flow: the indexing pipeline
//! maps stories onto the [`NewsSchema`] with [`NewsSchema::to_document`] and writes them
//! through a [`NewsWriter`]; search reads them back with [`NewsSchema::to_article`].
//! [`NewsIndex`] opens or creates an index and refuses one written by another
//! [`SCHEMA_VERSION`]; every [`NewsWriter::commit`] records that version, so no commit made
//! through this crate can leave an index unopenable.
//!
//! This crate does not re-export tantivy: a caller that needs tantivy's types (a query of its
//! own, the tokenizers) depends on tantivy itself, or uses the `newsidx` facade's `tantivy`
//! re-export.
//!
//! # Quick start
//! ```
//! use newsidx_core::{Article, NewsIndex, MIN_WRITER_HEAP_BYTES};
//!
//! let index = NewsIndex::create_in_ram()?;
//! let mut writer = index.writer_with_threads(1, MIN_WRITER_HEAP_BYTES)?;
//! let mut story = Article {
//!     title: "Mali approached Russian companies".into(),
//!     body: "Mali has asked Russian private companies to boost security.".into(),
//!     countries: vec!["ML".into(), "RU".into()],
//!     ..Article::default()
//! };
//! story.ensure_id();
//! writer.add_article(&story)?;
//! writer.commit()?;
//! assert_eq!(index.reader()?.searcher().num_docs(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod analyzer;
pub mod dedupe;
pub mod dimension;
pub mod error;
pub mod index;
pub mod keyword;
pub mod map;
pub mod merges;
pub mod schema;
pub mod writer;

pub use dedupe::Signature;
pub use dimension::{ByDimension, Dimension};
pub use error::{Error, Result};
pub use index::{IndexPayload, NewsIndex, MIN_WRITER_HEAP_BYTES};
pub use newsidx_model::{self as model, Article, EditorTags, Origin, Version};
pub use schema::{NewsSchema, SCHEMA_VERSION};
pub use writer::NewsWriter;
