//! What a search returns: [`SearchResponse`], serialisable as the `--json` document.

use chrono::{DateTime, Utc};
use serde::Serialize;

/// The answer to a [`crate::NewsQuery`].
#[derive(Debug, Clone, Serialize)]
pub struct SearchResponse {
    /// The query text as given.
    pub query: String,
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
    /// The filters that were applied, after resolving names to codes.
    pub filters: AppliedFilters,
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
    /// A fragment of the body (or standfirst) around the matched words.
    pub snippet: String,
    /// Byte ranges of the matched words within `snippet`.
    pub highlights: Vec<[usize; 2]>,
    /// ISO country codes of the story.
    pub countries: Vec<String>,
    /// Actors of the story.
    pub actors: Vec<String>,
}

/// Facet counts, one list per dimension, largest first.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    /// Countries (value: ISO code, label: name).
    pub country: Vec<FacetValue>,
    /// Actors (people and organisations).
    pub actor: Vec<FacetValue>,
    /// Sources.
    pub source: Vec<FacetValue>,
    /// People.
    pub person: Vec<FacetValue>,
    /// Organisations.
    pub organisation: Vec<FacetValue>,
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

/// Stories per calendar interval.
#[derive(Debug, Clone, Serialize)]
pub struct Histogram {
    /// The interval: `day`, `week`, `month`, `quarter` or `year`.
    pub interval: crate::Interval,
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

/// The filters applied to a search, as resolved.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AppliedFilters {
    /// Country codes (any of them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub country: Vec<String>,
    /// Actors (any of them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actor: Vec<String>,
    /// Sources (any of them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub source: Vec<String>,
    /// Earliest date, inclusive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<DateTime<Utc>>,
    /// Latest date, inclusive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<DateTime<Utc>>,
}
