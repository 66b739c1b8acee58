//! What to search for: the [`NewsQuery`] builder.

use chrono::{DateTime, Utc};
use newsidx_core::{ByDimension, Dimension};

use crate::dates::parse_bound;
use crate::error::Result;
use crate::histogram::Interval;

/// Hits per page unless set ([`NewsQuery::limit`]).
pub const DEFAULT_LIMIT: usize = 10;

/// Values per facet unless set ([`NewsQuery::facet_limit`]).
pub const DEFAULT_FACET_LIMIT: usize = 10;

/// Highlighted fragments per hit unless set ([`NewsQuery::fragments`]).
pub const DEFAULT_FRAGMENTS: usize = 1;

/// How hits are ordered. Read from text as `relevance`, `newest` or `oldest` (`score` and
/// `date` are accepted for `relevance` and `newest`).
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
            "newest" | "date" => Ok(Sort::Newest),
            "oldest" => Ok(Sort::Oldest),
            other => Err(format!(
                "unknown sort {other:?}: expected relevance, newest (or date), or oldest"
            )),
        }
    }
}

/// How near-duplicate copies of a story (one `cluster`, see `newsidx_core::dedupe`) show in
/// the hits. Read from text as `collapse` or `show`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Duplicates {
    /// One hit per group: its first in the order of hits (the best score, or the newest or
    /// oldest under a date sort), with the number of other stories of its group.
    #[default]
    Collapse,
    /// Every story, each with its group and the number of other stories in it.
    Show,
}

impl std::str::FromStr for Duplicates {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "collapse" => Ok(Duplicates::Collapse),
            "show" => Ok(Duplicates::Show),
            other => Err(format!(
                "unknown duplicates mode {other:?}: expected collapse or show"
            )),
        }
    }
}

/// What the total, facets and histogram count. Read from text as `stories` or `groups`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CountMode {
    /// Every matching story.
    #[default]
    Stories,
    /// Every group of near-duplicates with a matching story, once (in the total, per facet
    /// value, per histogram day): each group counts where the first of its matching stories
    /// in index order counts. Costs a hash-set insert per match (see the README). The
    /// counts of the selected filter values ([`crate::Facets::selected`]) stay stories.
    Groups,
}

impl std::str::FromStr for CountMode {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "stories" => Ok(CountMode::Stories),
            "groups" => Ok(CountMode::Groups),
            other => Err(format!(
                "unknown count {other:?}: expected stories or groups"
            )),
        }
    }
}

/// A search: free text, filters, ordering, paging and facet options.
///
/// Built with methods that take and return the query (`NewsQuery::new("x").limit(5)`); read
/// back with the `get_` methods, as [`std::process::Command`] does.
///
/// Query text follows the grammar of [`crate::parse`]: all words must match; `"a phrase"~2`,
/// `OR`, `-word`, `(...)`, `title:`/`body:` and inline filters (`country:Mali`,
/// `date:2021-09`) work. Filters given here and top-level inline filters combine: values of
/// one [`Dimension`] are alternatives (any of the countries), dimensions must all hold, and
/// date bounds narrow each other. Dates are inclusive, in UTC.
///
/// Defaults: 10 hits by relevance, 10 values per facet, every facet and the histogram
/// counted, one highlighted fragment per hit, no co-mentions, near-duplicates collapsed to one
/// hit per group ([`Duplicates`]), stories counted ([`CountMode`]). Switching facets, histogram and
/// fragments off ([`NewsQuery::facets`], [`NewsQuery::histogram`], [`NewsQuery::fragments`])
/// leaves the page of hits and the exact total, the cheapest search.
///
/// # Example
/// ```
/// use newsidx_core::Dimension;
/// use newsidx_query::{NewsQuery, Sort};
/// let q = NewsQuery::new("Wagner Mali")
///     .filter(Dimension::Country, "ML")
///     .from_date("2021")?
///     .to_date("2022-06")?
///     .sort(Sort::Newest)
///     .limit(5);
/// assert_eq!(q.get_filter(Dimension::Country), ["ML"]);
/// assert_eq!(q.get_limit(), 5);
/// # Ok::<(), newsidx_query::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct NewsQuery {
    pub(crate) text: String,
    pub(crate) filters: ByDimension<Vec<String>>,
    pub(crate) from: Option<DateTime<Utc>>,
    pub(crate) to: Option<DateTime<Utc>>,
    pub(crate) sort: Sort,
    pub(crate) limit: usize,
    pub(crate) offset: usize,
    pub(crate) facet_limit: usize,
    pub(crate) interval: Option<Interval>,
    pub(crate) facets: bool,
    pub(crate) histogram: bool,
    pub(crate) fragments: usize,
    pub(crate) co_mentions: bool,
    pub(crate) duplicates: Duplicates,
    pub(crate) count: CountMode,
}

impl NewsQuery {
    /// A query for `text` (empty: every story) with no filters and the defaults above.
    pub fn new(text: impl Into<String>) -> NewsQuery {
        NewsQuery {
            text: text.into(),
            filters: ByDimension::default(),
            from: None,
            to: None,
            sort: Sort::Relevance,
            limit: DEFAULT_LIMIT,
            offset: 0,
            facet_limit: DEFAULT_FACET_LIMIT,
            interval: None,
            facets: true,
            histogram: true,
            fragments: DEFAULT_FRAGMENTS,
            co_mentions: false,
            duplicates: Duplicates::Collapse,
            count: CountMode::Stories,
        }
    }

    /// Keeps stories with `value` in `dimension`; repeat for alternatives. Values are written
    /// as in queries: a country by code, name or demonym, an actor by any alias (see
    /// [`newsidx_core::dimension::Values`]).
    pub fn filter(mut self, dimension: Dimension, value: impl Into<String>) -> Self {
        self.filters[dimension].push(value.into());
        self
    }

    /// Keeps stories with any of `values` in `dimension` (added to those already given).
    pub fn filters<I, S>(mut self, dimension: Dimension, values: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.filters[dimension].extend(values.into_iter().map(Into::into));
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

    /// Sets the histogram interval (by default one is picked from the span of the matches).
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

    /// Sets the highlighted fragments per hit (0: none, `snippet` left empty and the stories'
    /// text not read).
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

    /// Collapses near-duplicates to one hit per group (the default) or shows every story.
    /// The total, facets and histogram count stories either way (unless
    /// [`NewsQuery::count`] says groups).
    pub fn duplicates(mut self, duplicates: Duplicates) -> Self {
        self.duplicates = duplicates;
        self
    }

    /// Counts stories (the default) or groups of near-duplicates in the total, facets and
    /// histogram.
    pub fn count(mut self, count: CountMode) -> Self {
        self.count = count;
        self
    }

    /// How near-duplicates show in the hits.
    pub fn get_duplicates(&self) -> Duplicates {
        self.duplicates
    }

    /// What the total, facets and histogram count.
    pub fn get_count(&self) -> CountMode {
        self.count
    }

    /// The query text.
    pub fn get_text(&self) -> &str {
        &self.text
    }

    /// The values given for `dimension` (not those inline in the text).
    pub fn get_filter(&self, dimension: Dimension) -> &[String] {
        &self.filters[dimension]
    }

    /// Earliest date, inclusive.
    pub fn get_from(&self) -> Option<DateTime<Utc>> {
        self.from
    }

    /// Latest date, inclusive.
    pub fn get_to(&self) -> Option<DateTime<Utc>> {
        self.to
    }

    /// Order of hits.
    pub fn get_sort(&self) -> Sort {
        self.sort
    }

    /// Hits per page.
    pub fn get_limit(&self) -> usize {
        self.limit
    }

    /// Hits skipped before the page.
    pub fn get_offset(&self) -> usize {
        self.offset
    }

    /// Values per facet.
    pub fn get_facet_limit(&self) -> usize {
        self.facet_limit
    }

    /// Histogram interval; `None` picks one from the span of the matches.
    pub fn get_interval(&self) -> Option<Interval> {
        self.interval
    }

    /// Whether facets are counted.
    pub fn get_facets(&self) -> bool {
        self.facets
    }

    /// Whether the date histogram is counted.
    pub fn get_histogram(&self) -> bool {
        self.histogram
    }

    /// Highlighted fragments per hit.
    pub fn get_fragments(&self) -> usize {
        self.fragments
    }

    /// Whether co-mentions are computed.
    pub fn get_co_mentions(&self) -> bool {
        self.co_mentions
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    #[test]
    fn bad_dates_are_user_errors() {
        let e = NewsQuery::new("").from_date("2021-13").unwrap_err();
        assert!(matches!(e, Error::BadDate(_)), "{e}");
        assert!(e.is_user_error());
        assert_eq!(
            e.to_string(),
            "cannot read the date \"2021-13\": no such day"
        );
    }

    #[test]
    fn sort_reads_both_vocabularies() {
        for (text, sort) in [
            ("relevance", Sort::Relevance),
            ("newest", Sort::Newest),
            ("date", Sort::Newest),
            ("Oldest", Sort::Oldest),
        ] {
            assert_eq!(text.parse::<Sort>(), Ok(sort), "{text}");
        }
        assert!("latest".parse::<Sort>().is_err());
    }

    #[test]
    fn filters_accumulate_per_dimension() {
        let q = NewsQuery::new("")
            .filter(Dimension::Country, "ML")
            .filters(Dimension::Country, ["FR"])
            .filter(Dimension::Language, "en");
        assert_eq!(q.get_filter(Dimension::Country), ["ML", "FR"]);
        assert_eq!(q.get_filter(Dimension::Language), ["en"]);
        assert!(q.get_filter(Dimension::Actor).is_empty());
    }
}
