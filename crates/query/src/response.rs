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
    /// The filters that were applied (options and top-level inline filters), after resolving
    /// names to codes.
    pub filters: AppliedFilters,
    /// Actors and countries over-represented in the matches against the whole archive; `None`
    /// (JSON `null`) unless asked for with [`crate::NewsQuery::co_mentions`].
    pub co_mentions: Option<CoMentions>,
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
    /// Up to [`crate::NewsQuery::fragments`] passages around the matches, best first (the
    /// first one is `snippet`), with the matched words and phrases and the mentions of the
    /// filtered entities marked.
    pub fragments: Vec<Fragment>,
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
    /// Places other than countries (cities, regions).
    pub place: Vec<FacetValue>,
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

/// The filters applied to a search, as resolved. Values of one kind are alternatives; kinds
/// must all hold; date bounds from options and from `date:` filters narrow each other.
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
    /// People (any of them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub person: Vec<String>,
    /// Organisations (any of them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub organisation: Vec<String>,
    /// Places (any of them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub place: Vec<String>,
    /// Language codes (any of them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub language: Vec<String>,
    /// Earliest date, inclusive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<DateTime<Utc>>,
    /// Latest date, inclusive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<DateTime<Utc>>,
}

impl AppliedFilters {
    /// True when no filter applies.
    pub fn is_empty(&self) -> bool {
        self.country.is_empty()
            && self.actor.is_empty()
            && self.source.is_empty()
            && self.person.is_empty()
            && self.organisation.is_empty()
            && self.place.is_empty()
            && self.language.is_empty()
            && self.from.is_none()
            && self.to.is_none()
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

/// Co-mentions: per dimension, the values most over-represented in the matching stories.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CoMentions {
    /// Actors (people and organisations), highest score first.
    pub actor: Vec<CoMention>,
    /// Countries, highest score first.
    pub country: Vec<CoMention>,
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
