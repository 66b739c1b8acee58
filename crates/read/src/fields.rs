//! Field helpers every reader shares: blank values as absent, the first readable date of a
//! list of candidates, bylines without their leading `By `.
//!
//! A reader maps a format's fields onto an [`Article`](newsidx_model::Article) by trying the
//! places a field can be in, in order, and keeping the first with text: in XML through the
//! [`Element`](crate::xml::Element) field lookups ([`child_text`], [`text_at`], [`attr_at`]),
//! in JSON through the reader's own key lookups, then [`non_empty`] for every value and
//! [`first_date`] for the dates.
//!
//! [`child_text`]: crate::xml::Element::child_text
//! [`text_at`]: crate::xml::Element::text_at
//! [`attr_at`]: crate::xml::Element::attr_at

use chrono::{DateTime, Utc};
use newsidx_model::Version;

use crate::date::{parse_date, DateError};

/// The text without white space at its ends, or `None` when nothing is left.
pub fn non_empty(text: impl Into<String>) -> Option<String> {
    let text = text.into();
    let trimmed = text.trim();
    if trimmed.is_empty() {
        None
    } else if trimmed.len() == text.len() {
        Some(text)
    } else {
        Some(trimmed.to_string())
    }
}

/// Reads a date written as `text`, `what` naming the field in the message: the date, `None`
/// when the text is blank, or why the text is not a usable date.
pub fn read_date(text: &str, what: &str) -> Result<Option<DateTime<Utc>>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match parse_date(text) {
        Ok(date) => Ok(Some(date)),
        Err(DateError::NoSuchDay(_)) => {
            Err(format!("{what} {text:?} names a day that does not exist"))
        }
        Err(DateError::NotADate) => Err(format!("{what} {text:?} is not in a known date form")),
    }
}

/// The first of the candidate dates, each `(text, what it is)`, that reads as a date. When
/// none does, also the problem with the first unreadable one, if any, for the caller to
/// report beside the story.
pub fn first_date(
    candidates: impl IntoIterator<Item = (String, String)>,
) -> (Option<DateTime<Utc>>, Option<String>) {
    let mut problem = None;
    for (text, what) in candidates {
        match read_date(&text, &what) {
            Ok(Some(date)) => return (Some(date), None),
            Ok(None) => {}
            Err(message) => {
                problem.get_or_insert(message);
            }
        }
    }
    (None, problem)
}

/// A story's [`Version`] from its version number and version time as the source writes them:
/// the number is a whole number (digits only, space around allowed), the time any form
/// [`crate::date`] reads. A value that cannot be read is left out (the story is indexed as
/// if its source had not given it).
pub fn version(number: Option<&str>, created: Option<&str>) -> Version {
    let number = number
        .map(str::trim)
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    Version {
        number: number.and_then(|n| n.parse().ok()),
        created: created.and_then(|c| parse_date(c.trim()).ok()),
    }
}

/// The byline trimmed, a leading `By ` (any case) dropped.
pub fn clean_byline(byline: &str) -> String {
    let trimmed = byline.trim();
    let lower = trimmed.get(..3).map(str::to_ascii_lowercase);
    match lower.as_deref() {
        Some("by ") => trimmed[3..].trim().to_string(),
        _ => trimmed.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_read_digits_and_dates_and_leave_the_rest_out() {
        let v = version(Some(" 978556838 "), Some("2016-01-04T15:43:34.000Z"));
        assert_eq!(v.number, Some(978_556_838));
        assert_eq!(v.created.unwrap().to_rfc3339(), "2016-01-04T15:43:34+00:00");
        assert_eq!(version(Some("v2"), Some("soon")), Version::default());
        assert_eq!(version(Some("1.5"), None).number, None);
        assert_eq!(version(Some("99999999999999999999999"), None).number, None);
    }

    #[test]
    fn blank_text_is_absent_and_other_text_trimmed() {
        assert_eq!(non_empty(""), None);
        assert_eq!(non_empty(" \n\t\u{a0}"), None);
        assert_eq!(non_empty("  Mali \n").as_deref(), Some("Mali"));
        assert_eq!(non_empty(String::from("Mali")).as_deref(), Some("Mali"));
    }

    #[test]
    fn the_first_readable_date_wins_and_the_first_problem_is_kept() {
        let candidates = [
            (" ".to_string(), "<a>".to_string()),
            ("2021-02-31".to_string(), "<b>".to_string()),
            ("soon".to_string(), "<c>".to_string()),
        ];
        let (date, problem) = first_date(candidates.clone());
        assert_eq!(date, None);
        assert_eq!(
            problem.as_deref(),
            Some("<b> \"2021-02-31\" names a day that does not exist")
        );
        let mut with_date = candidates.to_vec();
        with_date.push(("2021-09-25".into(), "<d>".into()));
        let (date, problem) = first_date(with_date);
        assert_eq!(date.unwrap().to_rfc3339(), "2021-09-25T00:00:00+00:00");
        assert_eq!(problem, None);
    }

    #[test]
    fn a_leading_by_is_dropped_from_bylines() {
        assert_eq!(clean_byline("  BY Ana Field "), "Ana Field");
        assert_eq!(clean_byline("Bystander"), "Bystander");
    }
}
