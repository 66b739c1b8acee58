//! The error type of the query crate. The caller's mistakes (a bad query, an unknown country,
//! a bad date, an unknown story) are kept apart from faults of the index
//! ([`Error::is_user_error`]). Messages speak of the query and its filters, not of any
//! command line.

use newsidx_core::Dimension;

use crate::dates::DateError;
use crate::parse::SyntaxError;

/// What can go wrong searching.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The query text breaks the grammar of [`crate::parse`].
    #[error("syntax error in the query {} {error}", shortened(query))]
    Syntax {
        /// The query text.
        query: String,
        /// Where and what was expected.
        error: SyntaxError,
    },
    /// A prefix (`a*`) matches more terms than a search may expand to.
    #[error(
        "the prefix {prefix}* in the query {} matches more than {limit} terms of the \
         {field} field; write a longer prefix",
        shortened(query)
    )]
    TooManyTerms {
        /// The query text.
        query: String,
        /// The prefix as written, without the `*`.
        prefix: String,
        /// The field whose terms it matches.
        field: String,
        /// The most terms a prefix may expand to ([`crate::MAX_EXPANSIONS`]).
        limit: usize,
    },
    /// No story has the id asked for.
    #[error("no story with the id {id:?} in the index")]
    UnknownStory {
        /// The id as given.
        id: String,
    },
    /// A date filter cannot be read.
    #[error(transparent)]
    BadDate(#[from] DateError),
    /// A filter names a value the index does not know.
    #[error("unknown {dimension} {value:?}{}", suggestion_text(.suggestions))]
    UnknownValue {
        /// The dimension filtered.
        dimension: Dimension,
        /// The value as given.
        value: String,
        /// The closest known values.
        suggestions: Vec<String>,
    },
    /// The date bounds run backwards: the earliest date is after the latest, so no story
    /// could match (`--from 1987-06 --to 1987-03`, or `date:` filters that do not overlap).
    #[error(
        "the dates run backwards: from {} is after to {}, so no story can match",
        bound_text(.from, "00:00:00"),
        bound_text(.to, "23:59:59")
    )]
    ReversedDates {
        /// Earliest date asked for, inclusive.
        from: chrono::DateTime<chrono::Utc>,
        /// Latest date asked for, inclusive.
        to: chrono::DateTime<chrono::Utc>,
    },
    /// The gazetteer that resolves names could not be loaded.
    #[error("loading the gazetteer: {0}")]
    Gazetteer(#[from] newsidx_extract::Error),
    /// Opening the index failed.
    #[error(transparent)]
    Index(#[from] newsidx_core::Error),
    /// An internal error from tantivy.
    #[error("search error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// A date bound as a day when it falls at the edge of one (`whole`), else as an RFC 3339 time.
fn bound_text(date: &chrono::DateTime<chrono::Utc>, whole: &str) -> String {
    if date.format("%H:%M:%S").to_string() == whole {
        date.format("%Y-%m-%d").to_string()
    } else {
        date.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }
}

/// The query quoted, cut to its first 80 characters when it is longer (a message should
/// not repeat a 30 KiB query).
fn shortened(query: &str) -> String {
    const SHOWN: usize = 80;
    match query.char_indices().nth(SHOWN) {
        None => format!("{query:?}"),
        Some((cut, _)) => format!(
            "{:?} (first {SHOWN} of {} characters)",
            &query[..cut],
            query.chars().count()
        ),
    }
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
            Error::Syntax { .. }
                | Error::TooManyTerms { .. }
                | Error::UnknownStory { .. }
                | Error::BadDate(_)
                | Error::ReversedDates { .. }
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
