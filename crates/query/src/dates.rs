//! Date bounds: reading `2021`, `2021-09`, `2021-09-25` or an RFC 3339 time as the first or
//! last second of the period, and the ranges of the query language's `date:` filter.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};

/// A date that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot read the date {text:?}: {message}")]
pub struct DateError {
    /// The date as given.
    pub text: String,
    /// What is wrong with it.
    pub message: String,
}

/// An inclusive date range; either side may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateRange {
    /// Earliest time, inclusive.
    pub from: Option<DateTime<Utc>>,
    /// Latest time, inclusive.
    pub to: Option<DateTime<Utc>>,
}

/// Parses a date bound: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or RFC 3339. A lower bound is the
/// first second of the period, an upper bound its last second.
///
/// ```
/// use newsidx_query::dates::parse_bound;
/// assert_eq!(parse_bound("2020-02", true)?.to_rfc3339(), "2020-02-29T23:59:59+00:00");
/// assert!(parse_bound("2021-13", false).is_err());
/// # Ok::<(), newsidx_query::dates::DateError>(())
/// ```
pub fn parse_bound(text: &str, upper: bool) -> Result<DateTime<Utc>, DateError> {
    let t = text.trim();
    let bad = |why: &str| DateError {
        text: text.to_string(),
        message: why.to_string(),
    };
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Ok(dt.with_timezone(&Utc));
    }
    let parts: Vec<&str> = t.split('-').collect();
    let num = |s: &str| {
        s.parse::<u32>()
            .map_err(|_| bad("expected YYYY, YYYY-MM or YYYY-MM-DD"))
    };
    let (first, last) = match parts.as_slice() {
        [y] if y.len() == 4 => {
            let y = num(y)? as i32;
            (
                NaiveDate::from_ymd_opt(y, 1, 1),
                NaiveDate::from_ymd_opt(y, 12, 31),
            )
        }
        [y, m] if y.len() == 4 => {
            let (y, m) = (num(y)? as i32, num(m)?);
            let first = NaiveDate::from_ymd_opt(y, m, 1);
            let last = first.and_then(|f| {
                let next = if m == 12 {
                    NaiveDate::from_ymd_opt(y + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(y, m + 1, 1)
                };
                next.and_then(|n| n.pred_opt())
                    .filter(|l| l.year() == f.year())
            });
            (first, last)
        }
        [y, m, d] if y.len() == 4 => {
            let day = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?);
            (day, day)
        }
        _ => {
            return Err(bad(
                "expected YYYY, YYYY-MM, YYYY-MM-DD or an RFC 3339 time",
            ))
        }
    };
    let day = if upper { last } else { first }.ok_or_else(|| bad("no such day"))?;
    let time = if upper {
        day.and_hms_opt(23, 59, 59)
    } else {
        day.and_hms_opt(0, 0, 0)
    }
    .expect("valid time");
    Ok(Utc.from_utc_datetime(&time))
}

/// Reads the value of `date:`: a period (`2021-09`), an inclusive range with either side open
/// (`2021..2022-06`, `..2021`), or a comparison (`>=2021`, `<2022`). `None` when it is none of
/// these.
pub fn date_range(value: &str) -> Option<DateRange> {
    let lower = |t: &str| parse_bound(t, false).ok();
    let upper = |t: &str| parse_bound(t, true).ok();
    let second = Duration::seconds(1);
    if let Some(t) = value.strip_prefix(">=") {
        return Some(DateRange {
            from: Some(lower(t)?),
            to: None,
        });
    }
    if let Some(t) = value.strip_prefix("<=") {
        return Some(DateRange {
            from: None,
            to: Some(upper(t)?),
        });
    }
    if let Some(t) = value.strip_prefix('>') {
        return Some(DateRange {
            from: Some(upper(t)? + second),
            to: None,
        });
    }
    if let Some(t) = value.strip_prefix('<') {
        return Some(DateRange {
            from: None,
            to: Some(lower(t)? - second),
        });
    }
    if let Some((a, b)) = value.split_once("..") {
        if a.is_empty() && b.is_empty() {
            return None;
        }
        let from = if a.is_empty() { None } else { Some(lower(a)?) };
        let to = if b.is_empty() { None } else { Some(upper(b)?) };
        return Some(DateRange { from, to });
    }
    Some(DateRange {
        from: Some(lower(value)?),
        to: Some(upper(value)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_cover_whole_periods() {
        let s = |t, u| parse_bound(t, u).unwrap().to_rfc3339();
        assert_eq!(s("2021", false), "2021-01-01T00:00:00+00:00");
        assert_eq!(s("2021", true), "2021-12-31T23:59:59+00:00");
        assert_eq!(s("2020-02", true), "2020-02-29T23:59:59+00:00");
        assert_eq!(s("2021-12", true), "2021-12-31T23:59:59+00:00");
        assert_eq!(s("2021-09-25", false), "2021-09-25T00:00:00+00:00");
    }

    #[test]
    fn bad_dates_name_the_text() {
        for t in ["2021-02-31", "yesterday", "21-09", "2021-13"] {
            let e = parse_bound(t, false).unwrap_err();
            assert_eq!(e.text, t);
            assert!(e.to_string().contains(t), "{e}");
        }
    }
}
