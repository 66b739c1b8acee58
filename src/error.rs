//! The one error type of the facade, [`Error`], that every newsidx crate's error converts into.

use newsidx_read::date::DateError;
use newsidx_read::jsonl::FieldMapError;
use newsidx_read::ReadError;

/// Everything that can go wrong in newsidx, as one type.
///
/// Each library crate keeps its own error (with the detail its callers match on); `?` turns
/// any of them into this one. A problem with the index itself (none at the folder, another
/// schema version, locked by another writer) is always [`Error::Index`], whichever crate met
/// it. Messages speak in library terms: a program adds its own advice (the command line adds
/// which command rebuilds an index).
///
/// # Example
/// ```
/// fn open(path: &std::path::Path) -> newsidx::Result<newsidx::NewsSearcher> {
///     let index = newsidx::NewsIndex::open(path)?; // a newsidx_core::Error
///     Ok(newsidx::NewsSearcher::open(index)?) // a newsidx_query::Error
/// }
/// let err = open(std::path::Path::new("no-such-index")).err().unwrap();
/// assert!(matches!(err, newsidx::Error::Index(newsidx::core::Error::NoIndex { .. })));
/// assert!(err.is_user_error());
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Opening, checking or writing the index failed (from any crate).
    #[error(transparent)]
    Index(newsidx_core::Error),
    /// A file, or a story in it, could not be read.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// A field map for JSON Lines records was refused.
    #[error(transparent)]
    FieldMap(#[from] FieldMapError),
    /// A date could not be read.
    #[error(transparent)]
    Date(#[from] DateError),
    /// The extractor could not be built (a user gazetteer that cannot be read).
    #[error(transparent)]
    Extract(#[from] newsidx_extract::Error),
    /// An indexing run stopped (its index errors are [`Error::Index`]).
    #[error(transparent)]
    Indexing(newsidx_index::Error),
    /// A search failed (its index errors are [`Error::Index`]).
    #[error(transparent)]
    Query(newsidx_query::Error),
    /// Saved searches or alerts failed (their query and index errors are [`Error::Query`]
    /// and [`Error::Index`]).
    #[error(transparent)]
    Alert(newsidx_alert::Error),
    /// An export failed (its query and index errors are [`Error::Query`] and
    /// [`Error::Index`]).
    #[error(transparent)]
    Export(newsidx_export::Error),
}

impl Error {
    /// True for the caller's mistakes (a bad query, date or file, an index folder that is
    /// missing, locked or of another schema version) rather than internal faults.
    pub fn is_user_error(&self) -> bool {
        match self {
            Error::Index(e) => e.is_user_error(),
            Error::Read(_) | Error::FieldMap(_) | Error::Date(_) | Error::Extract(_) => true,
            Error::Indexing(e) => e.is_user_error(),
            Error::Query(e) => e.is_user_error(),
            Error::Alert(e) => e.is_user_error(),
            Error::Export(e) => e.is_user_error(),
        }
    }
}

impl From<newsidx_core::Error> for Error {
    fn from(error: newsidx_core::Error) -> Error {
        Error::Index(error)
    }
}

impl From<tantivy::TantivyError> for Error {
    fn from(error: tantivy::TantivyError) -> Error {
        Error::Index(newsidx_core::Error::Tantivy(error))
    }
}

impl From<newsidx_index::Error> for Error {
    fn from(error: newsidx_index::Error) -> Error {
        match error {
            newsidx_index::Error::Index(e) => Error::Index(e),
            other => Error::Indexing(other),
        }
    }
}

impl From<newsidx_query::Error> for Error {
    fn from(error: newsidx_query::Error) -> Error {
        match error {
            newsidx_query::Error::Index(e) => Error::Index(e),
            other => Error::Query(other),
        }
    }
}

impl From<newsidx_alert::Error> for Error {
    fn from(error: newsidx_alert::Error) -> Error {
        match error {
            newsidx_alert::Error::Query(e) => Error::from(e),
            newsidx_alert::Error::Tantivy(e) => Error::from(e),
            other => Error::Alert(other),
        }
    }
}

impl From<newsidx_export::Error> for Error {
    fn from(error: newsidx_export::Error) -> Error {
        match error {
            newsidx_export::Error::Query(e) => Error::from(e),
            other => Error::Export(other),
        }
    }
}

/// Result with the facade's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_errors_of_every_crate_land_in_one_variant() {
        let locked = || newsidx_core::Error::Locked { path: "idx".into() };
        for error in [
            Error::from(locked()),
            Error::from(newsidx_index::Error::Index(locked())),
            Error::from(newsidx_query::Error::Index(locked())),
        ] {
            assert!(
                matches!(error, Error::Index(newsidx_core::Error::Locked { .. })),
                "{error:?}"
            );
            assert!(error.is_user_error());
            assert_eq!(
                error.to_string(),
                "the index at idx is locked by another writer"
            );
        }
    }

    #[test]
    fn reader_and_query_errors_keep_their_message() {
        let date = Error::from(newsidx_read::date::parse_date("2021-02-31").unwrap_err());
        assert!(date.to_string().contains("2021-02-31"), "{date}");
        let unknown = Error::from(newsidx_query::Error::UnknownStory { id: "x".into() });
        assert!(matches!(unknown, Error::Query(_)));
        assert_eq!(
            unknown.to_string(),
            "no story with the id \"x\" in the index"
        );
        let tantivy = Error::from(tantivy::TantivyError::InvalidArgument("bad".into()));
        assert!(!tantivy.is_user_error());
    }
}
