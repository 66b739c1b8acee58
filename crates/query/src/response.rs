//! What a search returns: [`SearchResponse`], serialisable with serde as one JSON document.

use std::ops::Index;

use chrono::{DateTime, Utc};
use newsidx_core::{ByDimension, Dimension};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::histogram::Histogram;

/// The answer to a [`crate::NewsQuery`].
#[derive(Debug, Clone, Serialize)]
pub struct SearchResponse {
    /// The query text as given.
    pub query: String,
    /// The query text normalised: operators spelled out (`AND`, `OR`, `NOT`), groups in
    /// parentheses, field aliases resolved, dates as exact ranges (see
    /// [`crate::parse::Node`]'s `Display`).
    pub parsed_query: String,
    /// Exact number of matching stories (all pages).
    pub total: u64,
    /// Milliseconds spent searching, counting and highlighting.
    pub took_ms: f64,
    /// The requested page of hits, best first (or by date).
    pub hits: Vec<Hit>,
    /// Counts per value, over all matching stories.
    pub facets: Facets,
    /// Matching stories per calendar interval.
    pub histogram: Histogram,
    /// The filters that were applied (options and top-level inline filters), after resolving
    /// names to codes.
    pub filters: AppliedFilters,
    /// Actors and countries over-represented in the matches against the whole archive; `None`
    /// (JSON `null`) unless asked for with [`crate::NewsQuery::co_mentions`].
    pub co_mentions: Option<CoMentions>,
}

/// A query as the engine runs it ([`crate::NewsSearcher::explain`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// The query text as given.
    pub query: String,
    /// The query text normalised, as in [`SearchResponse::parsed_query`].
    pub parsed_query: String,
    /// The whole query in Lucene's notation: each word analysed over its fields with their
    /// boosts (`title:oil^3`), prefixes with the terms they expand to, `+` for clauses that
    /// must match, `-` for those that must not, `#` for filters (which must match but do
    /// not score).
    pub engine: String,
}

/// One matching story.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Story id.
    pub id: String,
    /// Relevance score (0 when sorted by date).
    pub score: f32,
    /// Headline.
    pub title: String,
    /// Publication date.
    pub date: Option<DateTime<Utc>>,
    /// Agency or outlet.
    pub source: Option<String>,
    /// The file the story was read from, as indexed (an absolute path); `None` for a story an
    /// app added without one.
    pub path: Option<String>,
    /// The story's web address, when its source gave one.
    pub url: Option<String>,
    /// A fragment of the body (or standfirst) around the matched words.
    pub snippet: String,
    /// Byte ranges of the matched words within `snippet`.
    pub highlights: Vec<[usize; 2]>,
    /// Up to [`crate::NewsQuery::fragments`] passages around the matches, best first (the
    /// first one is `snippet`), with the matched words and phrases and the mentions of the
    /// filtered entities marked.
    pub fragments: Vec<Fragment>,
    /// ISO country codes of the story.
    pub countries: Vec<String>,
    /// Actors of the story.
    pub actors: Vec<String>,
    /// Id of the canonical story of the story's near-duplicate group (its own id when it
    /// heads its group), in both [`crate::Duplicates`] modes.
    pub cluster: String,
    /// Number of other stories of the index in the story's group (matching the query or
    /// not).
    pub duplicates: u64,
}

/// Facet counts, one list per facet dimension ([`Dimension::is_facet`]), largest first.
///
/// Read with `facets[Dimension::Country]`; in JSON an object with one list per facet
/// dimension, named and ordered as [`Dimension::ALL`] (`{"country": [...], "actor": [...]}`).
///
/// The lists are drill-sideways: a filtered dimension is counted without its own filter, so
/// its other values show, and the selected values need not be among its largest counts.
/// [`Facets::selected`] gives the selected values with their counts, for a display that puts
/// them first (not part of the JSON, whose `filters` name them).
#[derive(Debug, Clone, Default)]
pub struct Facets {
    lists: ByDimension<Vec<FacetValue>>,
    selected: ByDimension<Vec<FacetValue>>,
}

impl Facets {
    /// The lists; those of dimensions that are not facets stay empty.
    pub fn new(lists: ByDimension<Vec<FacetValue>>) -> Facets {
        Facets {
            lists,
            selected: ByDimension::default(),
        }
    }

    /// Sets the values each dimension is filtered by, with their counts (see
    /// [`Facets::selected`]).
    pub fn with_selected(mut self, selected: ByDimension<Vec<FacetValue>>) -> Facets {
        self.selected = selected;
        self
    }

    /// The values `dimension` is filtered by, as resolved, each with the number of stories
    /// that match the query with it (empty when the dimension is not filtered).
    pub fn selected(&self, dimension: Dimension) -> &[FacetValue] {
        &self.selected[dimension]
    }

    /// Every facet dimension with its list, in the order of [`Dimension::ALL`].
    pub fn iter(&self) -> impl Iterator<Item = (Dimension, &[FacetValue])> {
        Dimension::facets().map(|d| (d, self.lists[d].as_slice()))
    }
}

impl Index<Dimension> for Facets {
    type Output = [FacetValue];
    /// The list of `dimension` (empty for a dimension that is not a facet).
    fn index(&self, dimension: Dimension) -> &[FacetValue] {
        &self.lists[dimension]
    }
}

impl Serialize for Facets {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (dimension, list) in self.iter() {
            map.serialize_entry(dimension.name(), list)?;
        }
        map.end()
    }
}

/// One value of a facet and the number of matching stories that have it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FacetValue {
    /// The value as indexed (a country code, an actor's canonical name).
    pub value: String,
    /// A display label (a country's name); the value itself where there is no other.
    pub label: String,
    /// Matching stories with this value.
    pub count: u64,
}

/// The filters applied to a search, as resolved. Values of one dimension are alternatives;
/// dimensions must all hold; date bounds from the request and from `date:` filters narrow each
/// other.
///
/// Read with `filters[Dimension::Country]`. In JSON an object with the non-empty lists, named
/// and ordered as [`Dimension::ALL`], then `from` and `to` when set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AppliedFilters {
    /// Values per dimension (any of them).
    pub values: ByDimension<Vec<String>>,
    /// Earliest date, inclusive.
    pub from: Option<DateTime<Utc>>,
    /// Latest date, inclusive.
    pub to: Option<DateTime<Utc>>,
}

impl AppliedFilters {
    /// True when no filter applies.
    pub fn is_empty(&self) -> bool {
        self.values.iter().all(|(_, v)| v.is_empty()) && self.from.is_none() && self.to.is_none()
    }
}

impl Index<Dimension> for AppliedFilters {
    type Output = [String];
    fn index(&self, dimension: Dimension) -> &[String] {
        &self.values[dimension]
    }
}

impl Serialize for AppliedFilters {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (dimension, values) in self.values.iter() {
            if !values.is_empty() {
                map.serialize_entry(dimension.name(), values)?;
            }
        }
        if let Some(from) = &self.from {
            map.serialize_entry("from", from)?;
        }
        if let Some(to) = &self.to {
            map.serialize_entry("to", to)?;
        }
        map.end()
    }
}

/// A passage of a story with the matches marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fragment {
    /// The passage (line breaks and tabs turned into spaces).
    pub text: String,
    /// Byte ranges of the matched words within `text`; a matched phrase is one range.
    pub highlights: Vec<[usize; 2]>,
    /// Mentions of the filtered entities within `text` (e.g. "Bamako" and "Malian" under
    /// `country:ML`), found by the extractor.
    pub mentions: Vec<MentionMark>,
}

/// A mention of a filtered entity within a fragment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MentionMark {
    /// Byte offset of the first byte in the fragment's text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The filter value it matches (a country code, an actor's name).
    pub entity: String,
}

/// Co-mentions: per dimension of [`CoMentions::DIMENSIONS`], the values most
/// over-represented in the matching stories, highest score first.
///
/// Read with `co_mentions[Dimension::Actor]`. In JSON an object with one list per dimension
/// of [`CoMentions::DIMENSIONS`] (`{"actor": [...], "country": [...]}`).
#[derive(Debug, Clone, Default)]
pub struct CoMentions {
    lists: ByDimension<Vec<CoMention>>,
}

impl CoMentions {
    /// The dimensions co-mentions are scored for, in the order of the response.
    pub const DIMENSIONS: [Dimension; 2] = [Dimension::Actor, Dimension::Country];

    /// The lists; those of dimensions not in [`CoMentions::DIMENSIONS`] stay empty.
    pub fn new(lists: ByDimension<Vec<CoMention>>) -> CoMentions {
        CoMentions { lists }
    }

    /// Every co-mention dimension with its list.
    pub fn iter(&self) -> impl Iterator<Item = (Dimension, &[CoMention])> {
        CoMentions::DIMENSIONS
            .into_iter()
            .map(|d| (d, self.lists[d].as_slice()))
    }
}

impl Index<Dimension> for CoMentions {
    type Output = [CoMention];
    fn index(&self, dimension: Dimension) -> &[CoMention] {
        &self.lists[dimension]
    }
}

impl Serialize for CoMentions {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (dimension, list) in self.iter() {
            map.serialize_entry(dimension.name(), list)?;
        }
        map.end()
    }
}

/// One co-mentioned value and its significance.
///
/// The score is JLH, as in Elasticsearch's `significant_terms`: with `fg = count / total` and
/// `bg = background / stories`, `score = (fg - bg) * (fg / bg)` when `fg > bg` (else the value
/// is not listed). It rewards values both frequent in the matches and rare in the archive.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoMention {
    /// The value (an actor's name, a country code).
    pub value: String,
    /// A display label (a country's name); the value itself where there is no other.
    pub label: String,
    /// Matching stories with the value.
    pub count: u64,
    /// Stories of the whole archive with the value.
    pub background: u64,
    /// JLH score (see the type's docs).
    pub score: f64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn facets_serialise_every_facet_dimension_in_order() {
        let mut lists: ByDimension<Vec<FacetValue>> = ByDimension::default();
        lists[Dimension::Place].push(FacetValue {
            value: "Gao".into(),
            label: "Gao".into(),
            count: 2,
        });
        let json = serde_json::to_string(&Facets::new(lists)).unwrap();
        assert_eq!(
            json,
            r#"{"country":[],"mentioned":[],"actor":[],"source":[],"person":[],"organisation":[],"place":[{"value":"Gao","label":"Gao","count":2}],"language":[]}"#
        );
    }

    #[test]
    fn applied_filters_serialise_the_non_empty_lists_then_dates() {
        let mut filters = AppliedFilters::default();
        assert_eq!(serde_json::to_string(&filters).unwrap(), "{}");
        assert!(filters.is_empty());
        filters.values[Dimension::Language].push("en".into());
        filters.values[Dimension::Organisation].push("OPEC".into());
        filters.values[Dimension::Country].push("ML".into());
        filters.to = Some(Utc.with_ymd_and_hms(2021, 12, 31, 23, 59, 59).unwrap());
        assert_eq!(
            serde_json::to_string(&filters).unwrap(),
            r#"{"country":["ML"],"organisation":["OPEC"],"language":["en"],"to":"2021-12-31T23:59:59Z"}"#
        );
        assert_eq!(&filters[Dimension::Country], ["ML"]);
    }

    #[test]
    fn co_mentions_serialise_actors_then_countries() {
        let json = serde_json::to_string(&CoMentions::default()).unwrap();
        assert_eq!(json, r#"{"actor":[],"country":[]}"#);
    }
}
