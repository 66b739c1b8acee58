//! Parsing the date forms wire stories use into UTC times.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Longest text, in bytes, read as a date: longer text is prose, refused without trying the
/// date forms.
const MAX_DATE_BYTES: usize = 64;

/// What went wrong parsing a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The text is not a date in any known form.
    #[error("not a date in any known form")]
    NotADate,
    /// The text has a date's form but names a day that does not exist (2021-02-31).
    #[error("{0:?} names a day that does not exist")]
    NoSuchDay(String),
}

/// Parses a date or date-time as wire stories write them:
/// RFC 3339 / ISO 8601 (`2021-09-25T09:15:00Z`, `2021-09-25T09:15:00+02:00`, `2021-09-25`,
/// `2021-09-25 09:15:00`, `20210925T091500Z`), RFC 2822, `25 Sep 2021`, `25 September 2021`,
/// `September 25, 2021`, `Sep 25 2021`, `Published On 25 Sep 2021`, `Updated: ...`, and with a
/// weekday in front (`Saturday, 25 Sep 2021`). Dates without a time are midnight UTC; times
/// without a zone are taken as UTC.
pub fn parse_date(text: &str) -> Result<DateTime<Utc>, DateError> {
    let text = strip_prefixes(text.trim());
    if text.is_empty() || text.len() > MAX_DATE_BYTES {
        return Err(DateError::NotADate);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Ok(dt.with_timezone(&Utc));
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(text) {
        return Ok(dt.with_timezone(&Utc));
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y%m%dT%H%M%S%z",
        "%Y%m%dT%H%M%S%.fZ",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(text, format) {
            return Ok(dt.with_timezone(&Utc));
        }
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.fZ",
        "%Y-%m-%d %H:%M:%S%.fZ",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%Y%m%dT%H%M%S",
        "%Y%m%dT%H%M%SZ",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(text, format) {
            return Ok(Utc.from_utc_datetime(&dt));
        }
    }
    if let Some(date) = parse_day(text)? {
        return Ok(Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN)));
    }
    Err(DateError::NotADate)
}

/// Drops "Published On", "Updated:", a weekday and similar words before the date.
fn strip_prefixes(mut text: &str) -> &str {
    loop {
        let lower = text.to_ascii_lowercase();
        let mut stripped = false;
        for prefix in [
            "published on",
            "published:",
            "published",
            "updated on",
            "updated:",
            "updated",
            "posted on",
            "posted:",
            "posted",
            "date:",
            "dated",
        ] {
            if lower.starts_with(prefix) {
                text = text[prefix.len()..].trim_start();
                stripped = true;
                break;
            }
        }
        let first: String = lower
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        if first.len() >= 3
            && ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].contains(&&first[..3])
            && (first.ends_with("day") || first.len() == 3)
            && text[first.len()..].starts_with([',', ' '])
        {
            text = text[first.len()..].trim_start_matches([',', ' ']);
            stripped = true;
        }
        if !stripped {
            return text;
        }
    }
}

/// Parses a day-only date: ISO `2021-09-25`, `25 Sep 2021`, `September 25, 2021`.
fn parse_day(text: &str) -> Result<Option<NaiveDate>, DateError> {
    let parts: Vec<&str> = text
        .split([' ', ',', '-', '/', '.'])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != 3 {
        return Ok(None);
    }
    let number = |s: &str| -> Option<u32> {
        (s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let month = |s: &str| -> Option<u32> {
        let lower = s.to_ascii_lowercase();
        let lower = lower.trim_end_matches('.');
        if lower.len() < 3 {
            return None;
        }
        let index = MONTHS.iter().position(|m| lower.starts_with(m))?;
        let full = [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ][index];
        (full.starts_with(lower) || lower == "sept").then_some(index as u32 + 1)
    };
    let (year, month, day) = match (number(parts[0]), number(parts[1]), number(parts[2])) {
        (Some(y), Some(m), Some(d)) if parts[0].len() == 4 => (y, m, d),
        (Some(d), None, Some(y)) if parts[2].len() == 4 => match month(parts[1]) {
            Some(m) => (y, m, d),
            None => return Ok(None),
        },
        (None, Some(d), Some(y)) if parts[2].len() == 4 => match month(parts[0]) {
            Some(m) => (y, m, d),
            None => return Ok(None),
        },
        _ => return Ok(None),
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(DateError::NoSuchDay(text.to_string()));
    }
    NaiveDate::from_ymd_opt(year as i32, month, day)
        .map(Some)
        .ok_or_else(|| DateError::NoSuchDay(text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> String {
        parse_date(text)
            .unwrap_or_else(|e| panic!("{text:?}: {e:?}"))
            .to_rfc3339()
    }

    #[test]
    fn wire_forms_all_give_the_same_day() {
        for text in [
            "25 Sep 2021",
            "25 September 2021",
            "September 25, 2021",
            "Sep 25, 2021",
            "Sept 25 2021",
            "2021-09-25",
            "Published On 25 Sep 2021",
            "Saturday, 25 Sep 2021",
            "Updated: 25 Sep 2021",
        ] {
            assert_eq!(day(text), "2021-09-25T00:00:00+00:00", "{text}");
        }
    }

    #[test]
    fn times_and_zones_go_to_utc() {
        assert_eq!(day("2022-03-04T09:15:00Z"), "2022-03-04T09:15:00+00:00");
        assert_eq!(
            day("2022-03-04T09:15:00+02:00"),
            "2022-03-04T07:15:00+00:00"
        );
        assert_eq!(day("2022-03-04 09:15:00"), "2022-03-04T09:15:00+00:00");
        assert_eq!(day("20220304T091500Z"), "2022-03-04T09:15:00+00:00");
        assert_eq!(
            day("Fri, 04 Mar 2022 09:15:00 +0000"),
            "2022-03-04T09:15:00+00:00"
        );
    }

    #[test]
    fn a_day_that_does_not_exist_is_named() {
        assert_eq!(
            parse_date("2021-02-31"),
            Err(DateError::NoSuchDay("2021-02-31".into()))
        );
        assert!(matches!(
            parse_date("31 Feb 2021"),
            Err(DateError::NoSuchDay(_))
        ));
    }

    #[test]
    fn date_errors_say_what_is_wrong() {
        let error: Box<dyn std::error::Error> = Box::new(parse_date("2021-02-31").unwrap_err());
        assert_eq!(
            error.to_string(),
            "\"2021-02-31\" names a day that does not exist"
        );
        assert_eq!(
            parse_date("soon").unwrap_err().to_string(),
            "not a date in any known form"
        );
    }

    #[test]
    fn prose_is_not_a_date() {
        for text in [
            "",
            "Mali has asked Russian companies",
            "25 apples 2021",
            "May",
        ] {
            assert_eq!(parse_date(text), Err(DateError::NotADate), "{text}");
        }
    }
}
