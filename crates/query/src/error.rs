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
    /// The query text breaks the grammar of [`crate::parse`].
    #[error("syntax error in the query {query:?} {error}")]
    Syntax {
        /// The query text.
        query: String,
        /// Where and what was expected.
        error: crate::parse::SyntaxError,
    },
    /// No story has the id asked for.
    #[error("no story with the id {id:?} in the index")]
    UnknownStory {
        /// The id as given.
        id: String,
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
        /// `country`, `actor`, `person`, `organisation`, `place`, `source` or `language`.
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
            Error::BadQuery { .. }
                | Error::Syntax { .. }
                | Error::UnknownStory { .. }
                | Error::BadDate { .. }
                | Error::UnknownValue { .. }
        )
    }

    /// For a syntax error, the query with a caret under the position and what was expected
    /// (two lines, for a terminal); `None` for other errors.
    pub fn caret(&self) -> Option<String> {
        match self {
            Error::Syntax { query, error } => Some(crate::parse::caret(query, error)),
            _ => None,
        }
    }
}

/// Result with the query [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
