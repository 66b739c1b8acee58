//! The error type of the export crate. The caller's mistakes (a folder that is not empty or
//! not a folder, bounds of zero, a bad query) are kept apart from faults of the disk or the
//! index ([`Error::is_user_error`]). Every error names the path it was working on.

use std::path::PathBuf;

/// What can go wrong exporting.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The output folder holds files and overwriting was not asked for.
    #[error("{} is not empty ({found}); an export writes into an empty or new folder", .dir.display())]
    NotEmpty {
        /// The output folder.
        dir: PathBuf,
        /// One of the entries found, for the message.
        found: String,
    },
    /// The output path exists and is not a folder.
    #[error("{} is not a folder", .dir.display())]
    NotAFolder {
        /// The output path.
        dir: PathBuf,
    },
    /// A file or folder could not be created, listed, removed or written.
    #[error("cannot {action} {}", .path.display())]
    Io {
        /// What was being done: `create the folder`, `write`, `list`, `remove`.
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A bound of the bulk files is zero.
    #[error("a bulk file must hold at least one story and one byte ({what} is 0)")]
    ZeroBound {
        /// Which bound.
        what: &'static str,
    },
    /// The index name cannot name an OpenSearch index.
    #[error(
        "{name:?} cannot name an OpenSearch index: use lower-case letters, digits, '-' and \
         '_', not starting with '-', '_' or '+'"
    )]
    BadIndexName {
        /// The name as given.
        name: String,
    },
    /// Reading the stories failed (a bad query, or the index).
    #[error(transparent)]
    Query(#[from] newsidx_query::Error),
}

impl Error {
    /// True for the caller's mistakes rather than faults of the disk or the index.
    pub fn is_user_error(&self) -> bool {
        match self {
            Error::NotEmpty { .. }
            | Error::NotAFolder { .. }
            | Error::ZeroBound { .. }
            | Error::BadIndexName { .. } => true,
            Error::Io { source, .. } => matches!(
                source.kind(),
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
            ),
            Error::Query(e) => e.is_user_error(),
        }
    }

    /// An [`Error::Io`] for `path`.
    pub(crate) fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io {
            action,
            path,
            source,
        }
    }
}

/// Result with the export crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
