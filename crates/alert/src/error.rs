//! The error type of the alert crate. The caller's mistakes (a bad watch name, a name taken
//! or unknown, a query that does not check) are kept apart from faults of the files beside the
//! index ([`Error::is_user_error`]).

use std::path::PathBuf;

/// What can go wrong keeping watches and alerts.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file of the watch store, the alert log or the journal could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The watch store is not the JSON this version writes.
    #[error("{}: not a watch store: {message}", path.display())]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The watch store was written by a later version of newsidx.
    #[error("{}: watch store version {found}, this newsidx reads version {expected}", path.display())]
    Version {
        /// The file.
        path: PathBuf,
        /// The version found.
        found: u64,
        /// The version read ([`crate::watch::STORE_VERSION`]).
        expected: u64,
    },
    /// A watch of this name exists already.
    #[error("a watch named {name:?} exists already")]
    Duplicate {
        /// The name.
        name: String,
    },
    /// No watch has this name.
    #[error("no watch named {name:?}")]
    UnknownWatch {
        /// The name.
        name: String,
    },
    /// A watch name that cannot be used.
    #[error("bad watch name {name:?}: {reason}")]
    BadName {
        /// The name.
        name: String,
        /// Why.
        reason: &'static str,
    },
    /// A webhook this build cannot call.
    #[error("bad webhook {url:?}: {reason}")]
    BadWebhook {
        /// The URL as given.
        url: String,
        /// Why.
        reason: &'static str,
    },
    /// The saved query does not check: a syntax error, an unknown country or actor, a bad
    /// date.
    #[error(transparent)]
    Query(#[from] newsidx_query::Error),
    /// An internal error from tantivy while reading matched stories.
    #[error("alert read error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

impl Error {
    /// True for the caller's mistakes rather than faults of the files.
    pub fn is_user_error(&self) -> bool {
        match self {
            Error::Duplicate { .. }
            | Error::UnknownWatch { .. }
            | Error::BadName { .. }
            | Error::BadWebhook { .. } => true,
            Error::Query(e) => e.is_user_error(),
            _ => false,
        }
    }

    /// An I/O error on `path`.
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { path, source }
    }
}

/// Result with the alert [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
