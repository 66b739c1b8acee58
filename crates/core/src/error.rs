//! The error type of the core crate. Messages speak in library terms (the index, its folder,
//! its schema version); a program adds its own advice, such as the command that rebuilds an
//! index.

use std::path::PathBuf;

/// What can go wrong opening or creating an index.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The index was written by another schema version and must be rebuilt.
    #[error(
        "the index at {path} was written with schema version {found}, this newsidx uses version \
         {expected}: re-index the corpus into a fresh folder"
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
    #[error("no newsidx index at {path}")]
    NoIndex {
        /// Index folder.
        path: PathBuf,
    },
    /// Another process holds the index's writer lock.
    #[error("the index at {path} is locked by another writer")]
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

impl Error {
    /// True for problems with the index folder the caller named (none there, another schema
    /// version, not a newsidx index, locked by another writer) rather than faults met while
    /// reading or writing it.
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            Error::SchemaVersion { .. }
                | Error::NotNewsIndex { .. }
                | Error::NoIndex { .. }
                | Error::Locked { .. }
        )
    }
}

/// Result with the core [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
