//! The error type of the index crate.

use std::path::PathBuf;

/// Errors that stop an indexing run (bad files do not: they are reported in the
/// [`IndexReport`](crate::IndexReport)).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Opening, writing or committing the index failed.
    #[error(transparent)]
    Index(#[from] newsidx_core::Error),
    /// An error from tantivy while counting or reloading.
    #[error("index write error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// The built-in gazetteer could not be loaded (a fault of the build, not of the input).
    #[error("loading the built-in gazetteer: {0}")]
    Gazetteer(#[from] newsidx_extract::Error),
    /// The record of indexed files could not be written.
    #[error("writing the file record in {path}: {source}")]
    Record {
        /// The index folder.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The marker of a run in progress could not be written or removed.
    #[error("writing the run marker {path}: {source}")]
    RunMarker {
        /// The marker file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The hook of [`Indexer::before_commit`](crate::Indexer::before_commit) failed: the
    /// commit was not made.
    #[error("recording the stories written before a commit: {source}")]
    BeforeCommit {
        /// The hook's error.
        #[source]
        source: std::io::Error,
    },
    /// The memory budget of [`Indexer::memory`](crate::Indexer::memory) is too small for the
    /// indexing threads.
    #[error(
        "a memory budget of {bytes} bytes is too small for {threads} indexing threads: \
         {least} bytes at least"
    )]
    Memory {
        /// The budget given.
        bytes: usize,
        /// The indexing threads.
        threads: usize,
        /// The smallest budget for that many threads.
        least: usize,
    },
}

impl Error {
    /// True for problems with what the caller named (an index folder that is locked or of
    /// another schema version) rather than faults met while writing.
    pub fn is_user_error(&self) -> bool {
        matches!(self, Error::Memory { .. }) || matches!(self, Error::Index(e) if e.is_user_error())
    }
}

/// Result with the index [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
