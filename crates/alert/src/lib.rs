//! Saved searches and alerts for newsidx: a newsroom's "tell me when a story about Wagner in
//! Niger comes in".
//!
//! A [`Watch`] is a saved search (query text, filters, dates) with a name, kept with the
//! others in the index folder ([`WatchStore`], `watches.json`). Each indexing run journals the
//! ids of the stories it writes ([`Journal`]), and after its final commit [`after_run`] runs
//! every watch over those stories only (percolation: [`percolate`], over a
//! [`newsidx_query::Batch`]), appends what matched to the alert log (`alerts.ndjson`, one
//! [`Alert`] a line) and delivers it ([`deliver()`]: a command or a webhook), recording each
//! [`Delivery`]. Alerts are recorded at least once, even across a crash (see [`percolate`]'s
//! module docs).
//!
//! Modules: [`watch`] (watches and their store), [`percolate`] (the journal and the run),
//! [`log`] (the alert and delivery logs, read by offset for a server), [`mod@deliver`] (exec and
//! webhook), [`files`] (the files and how they are written).
//!
//! # Quick start
//! ```
//! use newsidx_alert::{percolate, Watch};
//! use newsidx_core::{Article, Dimension, NewsIndex};
//! use newsidx_query::NewsSearcher;
//!
//! let index = NewsIndex::create_in_ram()?;
//! let mut writer = index.writer_with_threads(1, 15_000_000)?;
//! for (id, title, country) in [("1", "Wagner in Niger", "NE"), ("2", "Wagner in Mali", "ML"), ("3", "Niger floods", "NE")] {
//!     let story = Article { id: id.into(), title: title.into(), countries: vec![country.into()], ..Article::default() };
//!     writer.add_document(index.schema().to_document(&story))?;
//! }
//! writer.commit()?;
//! let searcher = NewsSearcher::open(index)?;
//!
//! let watch = Watch::new("wagner-niger", "wagner").filters(Dimension::Country, ["Niger"]);
//! assert_eq!(watch.check(&searcher)?, 1);
//! // Stories 1 and 2 came in with the last run.
//! let batch = searcher.batch(["1", "2"])?;
//! let (alerts, failures) = percolate::percolate(&searcher, &batch, &[watch])?;
//! assert!(failures.is_empty());
//! assert_eq!(alerts.len(), 1);
//! assert_eq!(alerts[0].title, "Wagner in Niger");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod deliver;
pub mod error;
pub mod files;
pub mod log;
pub mod percolate;
pub mod watch;

pub use deliver::{deliver, DeliveryOptions};
pub use error::{Error, Result};
pub use log::{alert_log, read_alerts, read_deliveries, Alert, Delivery};
pub use percolate::{after_run, Journal, Percolation, WatchFailure};
pub use watch::{add_watch, list_watches, remove_watch, Watch, WatchStore, STORE_VERSION};
