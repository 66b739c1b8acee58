//! The newsidx article model, its tantivy schema and the mapping between them.
//!
//! Every other newsidx crate speaks in these types: readers produce [`Article`]s, extraction
//! fills their entity fields, the index writer maps them onto the [`NewsSchema`] with
//! [`NewsSchema::to_document`], and search reads them back with [`NewsSchema::to_article`].
//! [`NewsIndex`] opens or creates an index and refuses one written by another
//! [`SCHEMA_VERSION`].
//!
//! # Quick start
//! ```
//! use newsidx_core::{Article, NewsIndex};
//!
//! let index = NewsIndex::create_in_ram()?;
//! let mut writer = index.writer_with_threads(1, 15_000_000)?;
//! let mut story = Article {
//!     title: "Mali approached Russian companies".into(),
//!     body: "Mali has asked Russian private companies to boost security.".into(),
//!     countries: vec!["ML".into(), "RU".into()],
//!     ..Article::default()
//! };
//! story.ensure_id();
//! writer.add_document(index.schema().to_document(&story))?;
//! index.commit(&mut writer)?;
//! assert_eq!(index.reader()?.searcher().num_docs(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod analyzer;
pub mod dimension;
pub mod error;
pub mod index;
pub mod map;
pub mod schema;

pub use dimension::{ByDimension, Dimension};
pub use error::{Error, Result};
pub use index::{IndexPayload, NewsIndex};
pub use newsidx_model::{self as model, Article, EditorTags, Origin};
pub use schema::{NewsSchema, SCHEMA_VERSION};
pub use tantivy;
