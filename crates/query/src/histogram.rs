//! Calendar date histograms: day, week (ISO, from Monday), month, quarter and year buckets in
//! UTC, with empty buckets filled.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use serde::Serialize;

/// Most buckets a histogram is built with by default: a wider interval is taken when the span
/// of the matches needs more.
pub const MAX_BUCKETS: usize = 400;

/// Most intervals [`build`] counts over a span before giving up on an interval (the span is
/// then certainly too long for it).
const COUNT_CAP: usize = 100_000;

/// Stories per calendar interval.
#[derive(Debug, Clone, Serialize)]
pub struct Histogram {
    /// The interval: `day`, `week`, `month`, `quarter` or `year`.
    pub interval: Interval,
    /// Buckets in time order, empty ones included, from the first to the last matching date.
    pub buckets: Vec<Bucket>,
    /// Matching stories without a date (not in any bucket).
    pub undated: u64,
}

/// One interval of the histogram.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bucket {
    /// Start of the interval, midnight UTC.
    pub start: DateTime<Utc>,
    /// Matching stories dated in the interval.
    pub count: u64,
}

/// A calendar interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    /// One UTC day.
    Day,
    /// An ISO week, Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
    /// A calendar quarter (Jan, Apr, Jul, Oct).
    Quarter,
    /// A calendar year.
    Year,
}

impl std::str::FromStr for Interval {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "day" => Ok(Interval::Day),
            "week" => Ok(Interval::Week),
            "month" => Ok(Interval::Month),
            "quarter" => Ok(Interval::Quarter),
            "year" => Ok(Interval::Year),
            other => Err(format!(
                "unknown interval {other:?}: expected day, week, month, quarter or year"
            )),
        }
    }
}

impl Interval {
    /// The finest interval that gives at most about 40 buckets over the span from `first` to
    /// `last`: up to a month of days, half a year of weeks, three years of months, ten years
    /// of quarters, then years.
    pub fn auto(first: NaiveDate, last: NaiveDate) -> Interval {
        let days = (last - first).num_days();
        match days {
            d if d <= 31 => Interval::Day,
            d if d <= 7 * 26 => Interval::Week,
            d if d <= 31 * 37 => Interval::Month,
            d if d <= 92 * 40 => Interval::Quarter,
            _ => Interval::Year,
        }
    }

    /// The first day of the interval holding `day`.
    pub fn start_of(self, day: NaiveDate) -> NaiveDate {
        match self {
            Interval::Day => day,
            Interval::Week => day - Duration::days(i64::from(day.weekday().num_days_from_monday())),
            Interval::Month => day.with_day(1).unwrap_or(day),
            Interval::Quarter => {
                let month = (day.month0() / 3) * 3 + 1;
                NaiveDate::from_ymd_opt(day.year(), month, 1).unwrap_or(day)
            }
            Interval::Year => NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day),
        }
    }

    /// The first day of the interval after the one starting at `start`.
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            Interval::Day => start + Duration::days(1),
            Interval::Week => start + Duration::days(7),
            Interval::Month => add_months(start, 1),
            Interval::Quarter => add_months(start, 3),
            Interval::Year => add_months(start, 12),
        }
    }
}

fn add_months(day: NaiveDate, months: u32) -> NaiveDate {
    let month0 = day.month0() + months;
    NaiveDate::from_ymd_opt(day.year() + (month0 / 12) as i32, month0 % 12 + 1, 1).unwrap_or(day)
}

/// Days since 1970-01-01 of a UTC timestamp in seconds.
pub(crate) fn epoch_day(seconds: i64) -> i64 {
    seconds.div_euclid(86_400)
}

fn day_of(epoch_day: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid") + Duration::days(epoch_day)
}

/// Builds the histogram from counts per epoch day. `interval` of `None` picks one with
/// [`Interval::auto`]. At most `max_buckets` buckets are made: a wider interval is taken when
/// the span needs more.
pub fn build(
    per_day: &BTreeMap<i64, u64>,
    undated: u64,
    interval: Option<Interval>,
    max_buckets: usize,
) -> Histogram {
    let (Some((&first, _)), Some((&last, _))) =
        (per_day.first_key_value(), per_day.last_key_value())
    else {
        return Histogram {
            interval: interval.unwrap_or(Interval::Month),
            buckets: Vec::new(),
            undated,
        };
    };
    let (first, last) = (day_of(first), day_of(last));
    let mut interval = interval.unwrap_or_else(|| Interval::auto(first, last));
    let order = [
        Interval::Day,
        Interval::Week,
        Interval::Month,
        Interval::Quarter,
        Interval::Year,
    ];
    while count_buckets(interval, first, last) > max_buckets && interval != Interval::Year {
        let at = order.iter().position(|i| *i == interval).unwrap_or(4);
        interval = order[(at + 1).min(4)];
    }
    let mut buckets = Vec::new();
    let mut start = interval.start_of(first);
    let mut days = per_day.iter().peekable();
    while start <= last {
        let end = interval.next(start);
        let mut count = 0;
        while let Some((&d, &n)) = days.peek() {
            if day_of(d) < end {
                count += n;
                days.next();
            } else {
                break;
            }
        }
        buckets.push(Bucket {
            start: Utc.from_utc_datetime(&start.and_hms_opt(0, 0, 0).expect("midnight")),
            count,
        });
        start = end;
    }
    Histogram {
        interval,
        buckets,
        undated,
    }
}

fn count_buckets(interval: Interval, first: NaiveDate, last: NaiveDate) -> usize {
    let mut n = 0;
    let mut start = interval.start_of(first);
    while start <= last && n <= COUNT_CAP {
        n += 1;
        start = interval.next(start);
    }
    n
}

/// The UTC midnight that starts an epoch day.
pub fn start_of_epoch_day(epoch_day: i64) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day_of(epoch_day).and_hms_opt(0, 0, 0).expect("midnight"))
}

/// The UTC midnight that starts `date`'s day.
pub fn start_of_day(date: DateTime<Utc>) -> DateTime<Utc> {
    Utc.from_utc_datetime(&date.date_naive().and_hms_opt(0, 0, 0).expect("midnight"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> i64 {
        (NaiveDate::from_ymd_opt(y, m, d).unwrap() - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap())
            .num_days()
    }

    #[test]
    fn months_of_different_length_and_a_year_boundary() {
        let mut per_day = BTreeMap::new();
        per_day.insert(day(2020, 1, 31), 2);
        per_day.insert(day(2020, 2, 29), 1);
        per_day.insert(day(2020, 3, 1), 1);
        per_day.insert(day(2021, 1, 1), 3);
        let h = build(&per_day, 4, Some(Interval::Month), 1000);
        assert_eq!(h.buckets.len(), 13);
        assert_eq!(h.buckets[0].start.to_rfc3339(), "2020-01-01T00:00:00+00:00");
        assert_eq!(h.buckets[0].count, 2);
        assert_eq!(h.buckets[1].count, 1);
        assert_eq!(h.buckets[2].count, 1);
        assert_eq!(h.buckets[3].count, 0, "empty months are filled");
        assert_eq!(
            h.buckets[12].start.to_rfc3339(),
            "2021-01-01T00:00:00+00:00"
        );
        assert_eq!(h.buckets[12].count, 3);
        assert_eq!(h.buckets.iter().map(|b| b.count).sum::<u64>(), 7);
        assert_eq!(h.undated, 4);
    }

    #[test]
    fn weeks_start_on_monday_and_quarters_on_their_month() {
        // 2021-09-25 is a Saturday.
        let sat = NaiveDate::from_ymd_opt(2021, 9, 25).unwrap();
        assert_eq!(
            Interval::Week.start_of(sat),
            NaiveDate::from_ymd_opt(2021, 9, 20).unwrap()
        );
        assert_eq!(
            Interval::Quarter.start_of(sat),
            NaiveDate::from_ymd_opt(2021, 7, 1).unwrap()
        );
        assert_eq!(
            Interval::Quarter.next(NaiveDate::from_ymd_opt(2021, 10, 1).unwrap()),
            NaiveDate::from_ymd_opt(2022, 1, 1).unwrap()
        );
    }

    #[test]
    fn the_interval_follows_the_span() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(Interval::auto(d(2021, 9, 1), d(2021, 9, 30)), Interval::Day);
        assert_eq!(
            Interval::auto(d(2021, 4, 1), d(2021, 9, 30)),
            Interval::Week
        );
        assert_eq!(
            Interval::auto(d(2015, 1, 1), d(2021, 9, 30)),
            Interval::Quarter
        );
        assert_eq!(
            Interval::auto(d(2019, 1, 1), d(2021, 9, 30)),
            Interval::Month
        );
        assert_eq!(
            Interval::auto(d(1987, 1, 1), d(2021, 9, 30)),
            Interval::Year
        );
    }

    #[test]
    fn too_many_buckets_widen_the_interval() {
        let mut per_day = BTreeMap::new();
        per_day.insert(day(2000, 1, 1), 1);
        per_day.insert(day(2020, 1, 1), 1);
        let h = build(&per_day, 0, Some(Interval::Day), 50);
        assert_eq!(h.interval, Interval::Year);
        assert_eq!(h.buckets.len(), 21);
    }
}
