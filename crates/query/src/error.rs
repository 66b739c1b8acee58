//! The error type of the query crate. User mistakes (a bad query, an unknown country, a bad
//! date) are kept apart from faults of the index.

/// What can go wrong searching.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The query text cannot be parsed.
    #[error("cannot parse the query {query:?}: {message}")]
    BadQuery {
        /// The query text.
        query: String,
        /// What is wrong with it.
        message: String,
    },
    /// A date filter cannot be read.
    #[error("cannot read the date {text:?}: {message}")]
    BadDate {
        /// The date as given.
        text: String,
        /// What is wrong with it.
        message: String,
    },
    /// A filter names a value the index does not know.
    #[error("unknown {dimension} {value:?}{}", suggestion_text(.suggestions))]
    UnknownValue {
        /// `country`, `actor` or `source`.
        dimension: &'static str,
        /// The value as given.
        value: String,
        /// The closest known values.
        suggestions: Vec<String>,
    },
    /// Opening the index failed.
    #[error(transparent)]
    Index(#[from] newsidx_core::Error),
    /// An internal error from tantivy.
    #[error("search error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

fn suggestion_text(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", suggestions.join(", "))
    }
}

impl Error {
    /// True for mistakes in the request rather than faults of the index.
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            Error::BadQuery { .. } | Error::BadDate { .. } | Error::UnknownValue { .. }
        )
    }
}

/// Result with the query [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
