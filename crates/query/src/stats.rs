//! What an index holds: story count, stories per source, per language and per reader format,
//! the date span, the top countries and actors, and the size on disk.

use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::query::AllQuery;

use crate::error::Result;
use newsidx_core::Dimension;

use crate::collector::{facet_values, CountsCollector};
use crate::histogram;
use crate::response::FacetValue;
use crate::searcher::NewsSearcher;

/// A summary of an index's content.
#[derive(Debug, Clone, Serialize)]
pub struct IndexStats {
    /// Stories in the index.
    pub stories: u64,
    /// Stories per source, largest first.
    pub sources: Vec<FacetValue>,
    /// Stories per language (lower-case BCP 47 tags; `und`, labelled `unknown`, for stories
    /// whose language is not known, such as plain text), largest first.
    pub languages: Vec<FacetValue>,
    /// Stories per reader format (`text`, `jsonl`, `reuters-sgml`...), largest first.
    pub formats: Vec<FacetValue>,
    /// Date of the oldest dated story.
    pub first_date: Option<DateTime<Utc>>,
    /// Date of the newest dated story.
    pub last_date: Option<DateTime<Utc>>,
    /// Stories without a date.
    pub undated: u64,
    /// The most frequent countries.
    pub countries: Vec<FacetValue>,
    /// The most frequent actors.
    pub actors: Vec<FacetValue>,
    /// Bytes on disk (0 for an index in RAM).
    pub size_bytes: u64,
}

impl NewsSearcher {
    /// Counts what the index holds, with `top` values per list.
    pub fn stats(&self, top: usize) -> Result<IndexStats> {
        let searcher = self.reader().searcher();
        let counts = searcher.search(
            &AllQuery,
            &CountsCollector::new(
                [
                    Dimension::Source.field_name(),
                    "format",
                    Dimension::Country.field_name(),
                    Dimension::Actor.field_name(),
                    Dimension::Language.field_name(),
                ]
                .map(String::from)
                .to_vec(),
                Some("date".into()),
            ),
        )?;
        let list =
            |i: usize, label: &dyn Fn(&str) -> String| facet_values(&counts.fields[i], top, label);
        let same = |v: &str| v.to_string();
        let day = |d: Option<&i64>| d.map(|d| histogram::start_of_epoch_day(*d));
        Ok(IndexStats {
            stories: counts.total,
            sources: list(0, &same),
            languages: list(4, &|v| self.label(Dimension::Language, v)),
            formats: list(1, &same),
            first_date: day(counts.per_day.keys().next()),
            last_date: day(counts.per_day.keys().next_back()),
            undated: counts.undated,
            countries: list(2, &|c| self.country_label(c)),
            actors: list(3, &same),
            size_bytes: self.index().size_on_disk(),
        })
    }
}
