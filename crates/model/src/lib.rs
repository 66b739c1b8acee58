//! The newsidx story model, shared by every step a story travels through.
//!
//! Readers ([`newsidx-read`]) produce [`Article`]s, extraction ([`newsidx-extract`]) fills their
//! entity fields, and the index ([`newsidx-core`]) maps them onto its schema. This crate holds
//! only the data types, so a reader or the extractor can be used without compiling tantivy: it
//! depends on serde, chrono (dates) and blake3 (content ids) and nothing else.
//!
//! [`newsidx-read`]: https://docs.rs/newsidx-read
//! [`newsidx-extract`]: https://docs.rs/newsidx-extract
//! [`newsidx-core`]: https://docs.rs/newsidx-core
//!
//! # Example
//! ```
//! use newsidx_model::{Article, DateTime, Utc};
//!
//! let mut story = Article {
//!     title: "Mali approached Russian companies".into(),
//!     body: "Mali has asked Russian private companies to boost security.".into(),
//!     date: Some("2021-09-25T00:00:00Z".parse::<DateTime<Utc>>()?),
//!     ..Article::default()
//! };
//! story.ensure_id();
//! assert_eq!(story.id.len(), 16);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod article;

pub use article::{Article, EditorTags, Origin, Version};
/// The date and time types of [`Article::date`], re-exported so a caller needs no chrono
/// dependency of its own to build an article.
pub use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
