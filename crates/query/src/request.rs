//! What to search for: the [`NewsQuery`] builder.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};

use crate::error::{Error, Result};
use crate::histogram::Interval;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best match first (BM25, title weighted above standfirst above body).
    #[default]
    Relevance,
    /// Newest first; undated stories last.
    Newest,
    /// Oldest first; undated stories last.
    Oldest,
}

impl std::str::FromStr for Sort {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "relevance" | "score" => Ok(Sort::Relevance),
            "date" | "newest" => Ok(Sort::Newest),
            "oldest" => Ok(Sort::Oldest),
            other => Err(format!(
                "unknown sort {other:?}: expected relevance, date (newest), or oldest"
            )),
        }
    }
}

/// A search: free text, filters, ordering, paging and facet options.
///
/// Query text follows the grammar of [`crate::parse`]: all words must match; `"a phrase"~2`,
/// `OR`, `-word`, `(...)`, `title:`/`body:` and inline filters (`country:Mali`,
/// `date:2021-09`) work. Filters given here and top-level inline filters combine: values of
/// one kind are alternatives (any of the countries), kinds must all hold, and date bounds
/// narrow each other. Dates are inclusive, in UTC.
///
/// Defaults: 10 hits by relevance, 10 values per facet, every facet and the histogram
/// counted, one highlighted fragment per hit, no co-mentions. Switching facets, histogram and
/// fragments off ([`NewsQuery::facets`], [`NewsQuery::histogram`], [`NewsQuery::fragments`])
/// leaves the page of hits and the exact total, the cheapest search.
///
/// # Example
/// ```
/// use newsidx_query::{NewsQuery, Sort};
/// let q = NewsQuery::new("Wagner Mali")
///     .country("ML")
///     .from_date("2021")?
///     .to_date("2022-06")?
///     .sort(Sort::Newest)
///     .limit(5);
/// assert_eq!(q.countries, ["ML"]);
/// # Ok::<(), newsidx_query::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct NewsQuery {
    /// The query text; empty matches every story.
    pub text: String,
    /// Country codes or names (`ML`, `Mali`, `Malian`).
    pub countries: Vec<String>,
    /// Actor names or aliases.
    pub actors: Vec<String>,
    /// Sources, matched without regard to case.
    pub sources: Vec<String>,
    /// People (any name or alias).
    pub people: Vec<String>,
    /// Organisations (any name or alias).
    pub organisations: Vec<String>,
    /// Places other than countries (cities, regions), as indexed.
    pub places: Vec<String>,
    /// Language codes (`en`).
    pub languages: Vec<String>,
    /// Earliest date, inclusive.
    pub from: Option<DateTime<Utc>>,
    /// Latest date, inclusive.
    pub to: Option<DateTime<Utc>>,
    /// Order of hits.
    pub sort: Sort,
    /// Hits per page (default 10).
    pub limit: usize,
    /// Hits skipped before the page.
    pub offset: usize,
    /// Values per facet (default 10).
    pub facet_limit: usize,
    /// Histogram interval; `None` picks one from the span of the matches.
    pub interval: Option<Interval>,
    /// Whether facets are counted (default true).
    pub facets: bool,
    /// Whether the date histogram is counted (default true).
    pub histogram: bool,
    /// Highlighted fragments per hit (default 1; 0 leaves `snippet` empty and skips reading
    /// the stories' text).
    pub fragments: usize,
    /// Whether co-mentions are computed (default false).
    pub co_mentions: bool,
}

impl NewsQuery {
    /// A query for `text` with no filters, 10 hits by relevance, 10 values per facet.
    pub fn new(text: impl Into<String>) -> NewsQuery {
        NewsQuery {
            text: text.into(),
            countries: Vec::new(),
            actors: Vec::new(),
            sources: Vec::new(),
            from: None,
            to: None,
            sort: Sort::Relevance,
            limit: 10,
            offset: 0,
            facet_limit: 10,
            interval: None,
            people: Vec::new(),
            organisations: Vec::new(),
            places: Vec::new(),
            languages: Vec::new(),
            facets: true,
            histogram: true,
            fragments: 1,
            co_mentions: false,
        }
    }

    /// Keeps stories about this country (code or name); repeat for alternatives.
    pub fn country(mut self, country: impl Into<String>) -> Self {
        self.countries.push(country.into());
        self
    }

    /// Keeps stories naming this actor; repeat for alternatives.
    pub fn actor(mut self, actor: impl Into<String>) -> Self {
        self.actors.push(actor.into());
        self
    }

    /// Keeps stories from this source; repeat for alternatives.
    pub fn source(mut self, source: impl Into<String>) -> Self {
        self.sources.push(source.into());
        self
    }

    /// Keeps stories naming this person; repeat for alternatives.
    pub fn person(mut self, person: impl Into<String>) -> Self {
        self.people.push(person.into());
        self
    }

    /// Keeps stories naming this organisation; repeat for alternatives.
    pub fn organisation(mut self, organisation: impl Into<String>) -> Self {
        self.organisations.push(organisation.into());
        self
    }

    /// Keeps stories naming this place (city, region); repeat for alternatives.
    pub fn place(mut self, place: impl Into<String>) -> Self {
        self.places.push(place.into());
        self
    }

    /// Keeps stories in this language (`en`); repeat for alternatives.
    pub fn language(mut self, language: impl Into<String>) -> Self {
        self.languages.push(language.into());
        self
    }

    /// Keeps stories dated on or after the start of `date` (`2021`, `2021-09`, `2021-09-25`,
    /// or an RFC 3339 time).
    pub fn from_date(mut self, date: &str) -> Result<Self> {
        self.from = Some(parse_bound(date, false)?);
        Ok(self)
    }

    /// Keeps stories dated on or before the end of `date` (`2021` means up to 2021-12-31).
    pub fn to_date(mut self, date: &str) -> Result<Self> {
        self.to = Some(parse_bound(date, true)?);
        Ok(self)
    }

    /// Sets the order of hits.
    pub fn sort(mut self, sort: Sort) -> Self {
        self.sort = sort;
        self
    }

    /// Sets the page size.
    pub fn limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }

    /// Sets how many hits to skip.
    pub fn offset(mut self, offset: usize) -> Self {
        self.offset = offset;
        self
    }

    /// Sets the number of values per facet.
    pub fn facet_limit(mut self, k: usize) -> Self {
        self.facet_limit = k;
        self
    }

    /// Sets the histogram interval.
    pub fn interval(mut self, interval: Interval) -> Self {
        self.interval = Some(interval);
        self
    }

    /// Counts facets (the default) or not. Drill-sideways counts cost one extra pass per
    /// filtered dimension.
    pub fn facets(mut self, on: bool) -> Self {
        self.facets = on;
        self
    }

    /// Counts the date histogram (the default) or not.
    pub fn histogram(mut self, on: bool) -> Self {
        self.histogram = on;
        self
    }

    /// Sets the highlighted fragments per hit (0: none, `snippet` left empty).
    pub fn fragments(mut self, n: usize) -> Self {
        self.fragments = n;
        self
    }

    /// Computes co-mentions (off by default): one term-dictionary lookup per distinct actor
    /// and country of the matches.
    pub fn co_mentions(mut self, on: bool) -> Self {
        self.co_mentions = on;
        self
    }
}

/// Parses a date bound: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or RFC 3339. A lower bound is the
/// first second of the period, an upper bound its last second.
pub fn parse_bound(text: &str, upper: bool) -> Result<DateTime<Utc>> {
    let t = text.trim();
    let bad = |why: &str| Error::BadDate {
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
    fn bad_dates_are_user_errors() {
        for t in ["2021-02-31", "yesterday", "21-09", "2021-13"] {
            let e = parse_bound(t, false).unwrap_err();
            assert!(matches!(e, Error::BadDate { .. }), "{t}: {e}");
            assert!(e.to_string().contains(t), "{e}");
        }
    }
}
