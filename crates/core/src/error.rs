//! The error type of the core crate.

use std::path::PathBuf;

/// What can go wrong opening or creating an index.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The index was written by another schema version and must be rebuilt.
    #[error(
        "the index at {path} was written with schema version {found}, this newsidx uses version \
         {expected}: re-index the corpus into a fresh folder (or delete {path} and run \
         `newsidx index` again)"
    )]
    SchemaVersion {
        /// Index folder.
        path: PathBuf,
        /// Version found in the index (0 when none was recorded).
        found: u32,
        /// Version this build writes.
        expected: u32,
    },
    /// The folder holds a tantivy index that is not a newsidx index.
    #[error("the folder {path} holds an index that is not a newsidx index (field `{field}` differs or is missing)")]
    NotNewsIndex {
        /// Index folder.
        path: PathBuf,
        /// First field that does not match.
        field: String,
    },
    /// No index at the given folder.
    #[error("no newsidx index at {path}: run `newsidx index <CORPUS> --index {path}` first")]
    NoIndex {
        /// Index folder.
        path: PathBuf,
    },
    /// Another process holds the index's writer lock.
    #[error(
        "the index at {path} is locked by another writer (is another `newsidx index` running?)"
    )]
    Locked {
        /// Index folder.
        path: PathBuf,
    },
    /// An I/O error, with the path it concerns.
    #[error("{path}: {source}")]
    Io {
        /// The path being worked on.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// An error from tantivy.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// Result with the core [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
