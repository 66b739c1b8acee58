//! The article model: one news story as the readers produce it and the index stores it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One news story.
///
/// Readers fill the fields they find in the source (title, date, body...); the extraction step
/// fills the derived entity fields (`places`, `countries`, `mentioned_countries`, `people`, `organisations`, `actors`,
/// `primary_country`). Every list holds distinct values in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Article {
    /// Stable story id: the source's own id where the format has one, else a content hash
    /// (see [`Article::content_id`]).
    pub id: String,
    /// Headline.
    pub title: String,
    /// Summary or lede shown under the headline; not part of `body`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standfirst: Option<String>,
    /// Publication date in UTC, when the story has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<DateTime<Utc>>,
    /// Dateline as written, e.g. `BAMAKO` or `SALVADOR, Feb 26`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    /// Agency or outlet, e.g. `Reuters` or `News Agencies`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Author.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// Body text, paragraphs separated by blank lines.
    pub body: String,
    /// Canonical URL of the story.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Language code, e.g. `en`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Subject codes or keywords the source attached (e.g. IPTC subjects).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<String>,
    /// Tags a source's editors attached (Reuters-21578 PLACES, PEOPLE, ORGS, TOPICS). Kept apart
    /// from the extracted entities so that extraction can be measured against them.
    #[serde(skip_serializing_if = "EditorTags::is_empty")]
    pub editor_tags: EditorTags,
    /// Place names found in the text (cities, regions), canonical spelling.
    pub places: Vec<String>,
    /// Countries the story is about, ISO 3166-1 alpha-2 codes.
    pub countries: Vec<String>,
    /// Every country the story mentions, about it or in passing (a superset of `countries`),
    /// ISO 3166-1 alpha-2 codes, most salient first.
    pub mentioned_countries: Vec<String>,
    /// The country the story is most about, when one stands out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub primary_country: Option<String>,
    /// People named in the story, canonical names.
    pub people: Vec<String>,
    /// Organisations named in the story, canonical names.
    pub organisations: Vec<String>,
    /// People and organisations together.
    pub actors: Vec<String>,
    /// Where the story came from: the file path, and the line or item within it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// The id of the canonical story of the story's near-duplicate group, as an index
    /// assigned it when the story was written (readers leave it empty; an index fills it when
    /// the story is read back).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
    /// Which version of the source's story this is, for a story whose id is the source's
    /// own (a NewsML-G2 guid, a NITF doc-id, a ninjs uri, a JSON Lines id): an index keeps
    /// the newest version of an id (see [`Version::compare`]). Empty when the source says
    /// nothing.
    #[serde(skip_serializing_if = "Version::is_empty")]
    pub version: Version,
}

/// The version of a story as its source numbers and dates it: what decides which of two
/// stories of the same id is the newer one.
///
/// | format | `number` | `created` |
/// |---|---|---|
/// | NewsML-G2 | `newsItem/@version` | `itemMeta/versionCreated` |
/// | NITF | `docdata/du-key/@version` | `docdata/date.issue/@norm` |
/// | ninjs | `version` (a string of digits) | `versioncreated` |
/// | JSON Lines | `version` (a whole number, or a string of digits) | `versioncreated`, `version_created` |
///
/// # Example
/// ```
/// use std::cmp::Ordering;
/// use newsidx_model::Version;
///
/// let first = Version { number: Some(1), created: None };
/// let second = Version { number: Some(2), created: None };
/// assert_eq!(second.compare(&first), Ordering::Greater);
/// assert_eq!(second.compare(&Version::default()), Ordering::Equal); // nothing to compare
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Version {
    /// The source's version number (higher is newer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<u64>,
    /// When this version was made (later is newer), compared to the second.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<DateTime<Utc>>,
}

impl Version {
    /// True when the source gave neither a number nor a time.
    pub fn is_empty(&self) -> bool {
        self.number.is_none() && self.created.is_none()
    }

    /// Whether `self` is newer (`Greater`) or older (`Less`) than `other`, the two being
    /// versions of one story:
    ///
    /// 1. when both have a number and the numbers differ, the higher number is newer;
    /// 2. else, when both have a time and the times differ (to the second), the later is
    ///    newer;
    /// 3. else `Equal`: neither says it is newer (equal versions, or one without any), and an
    ///    index keeps the one it reads last.
    ///
    /// Only two versions at a time are compared (the one an index holds and the one it
    /// reads), so rule 3 needs no total order.
    pub fn compare(&self, other: &Version) -> std::cmp::Ordering {
        use std::cmp::Ordering::Equal;
        let numbers = match (self.number, other.number) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => Equal,
        };
        if numbers != Equal {
            return numbers;
        }
        match (self.created, other.created) {
            (Some(a), Some(b)) => a.timestamp().cmp(&b.timestamp()),
            _ => Equal,
        }
    }
}

/// Tags attached by a source's editors, kept verbatim.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EditorTags {
    /// Place codes, e.g. Reuters `usa`, `west-germany`.
    pub places: Vec<String>,
    /// People, e.g. Reuters `reagan`.
    pub people: Vec<String>,
    /// Organisations, e.g. Reuters `opec`.
    pub orgs: Vec<String>,
    /// Topics, e.g. Reuters `cocoa`.
    pub topics: Vec<String>,
}

impl EditorTags {
    /// True when no tag of any kind is present.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
            && self.people.is_empty()
            && self.orgs.is_empty()
            && self.topics.is_empty()
    }
}

/// Where a story was read from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// Path of the file, as given to the reader.
    pub path: String,
    /// Name of the reader that produced the story, e.g. `text`, `jsonl`, `reuters-sgml`.
    pub format: String,
    /// 1-based line of the story in its file, where the format is line-oriented.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
}

impl Article {
    /// A stable id derived from the story's content: the first 16 hex digits of the BLAKE3
    /// hash of the title, date and body. The same text always gets the same id, so indexing a
    /// file twice replaces its stories instead of duplicating them.
    pub fn content_id(&self) -> String {
        let mut hasher = blake3::Hasher::new();
        hasher.update(self.title.trim().as_bytes());
        hasher.update(b"\0");
        if let Some(date) = self.date {
            hasher.update(date.to_rfc3339().as_bytes());
        }
        hasher.update(b"\0");
        hasher.update(self.body.trim().as_bytes());
        let hex = hasher.finalize().to_hex();
        hex[..16].to_string()
    }

    /// Fills `id` with [`Article::content_id`] when it is empty.
    pub fn ensure_id(&mut self) {
        if self.id.trim().is_empty() {
            self.id = self.content_id();
        }
    }

    /// All text the extraction step reads, in order: title, standfirst, dateline, body.
    pub fn full_text(&self) -> String {
        let mut text = String::with_capacity(self.title.len() + self.body.len() + 64);
        for part in [
            Some(self.title.as_str()),
            self.standfirst.as_deref(),
            self.dateline.as_deref(),
            Some(self.body.as_str()),
        ]
        .into_iter()
        .flatten()
        {
            if !part.is_empty() {
                if !text.is_empty() {
                    text.push_str("\n\n");
                }
                text.push_str(part);
            }
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_id_is_stable_and_depends_on_text() {
        let a = Article {
            title: "Title".into(),
            body: "Body".into(),
            ..Article::default()
        };
        let mut b = a.clone();
        assert_eq!(a.content_id(), b.content_id());
        assert_eq!(a.content_id().len(), 16);
        b.body.push('!');
        assert_ne!(a.content_id(), b.content_id());
    }

    #[test]
    fn ensure_id_keeps_a_source_id() {
        let mut a = Article {
            id: "reuters-42".into(),
            ..Article::default()
        };
        a.ensure_id();
        assert_eq!(a.id, "reuters-42");
        a.id.clear();
        a.ensure_id();
        assert_eq!(a.id, a.content_id());
    }

    #[test]
    fn versions_compare_by_number_then_time_and_else_not_at_all() {
        use std::cmp::Ordering::{Equal, Greater, Less};
        let at = |s: &str| Some(s.parse::<DateTime<Utc>>().unwrap());
        let v = |number, created| Version { number, created };
        let early = at("2016-01-04T15:43:34Z");
        let late = at("2016-01-04T16:34:45Z");
        // The number decides, even against the times.
        assert_eq!(v(Some(2), early).compare(&v(Some(1), late)), Greater);
        assert_eq!(v(Some(1), late).compare(&v(Some(2), early)), Less);
        // Equal or missing numbers: the time decides.
        assert_eq!(v(Some(3), late).compare(&v(Some(3), early)), Greater);
        assert_eq!(v(None, early).compare(&v(Some(3), late)), Less);
        // Nothing to compare, or the same second: neither is newer.
        assert_eq!(v(Some(2), None).compare(&v(None, early)), Equal);
        assert_eq!(v(None, None).compare(&v(Some(1), early)), Equal);
        let same_second = at("2016-01-04T16:34:45.900Z");
        assert_eq!(v(None, same_second).compare(&v(None, late)), Equal);
        assert!(Version::default().is_empty() && !v(Some(1), None).is_empty());
    }

    #[test]
    fn serde_round_trip_skips_empty_fields() {
        let a = Article {
            id: "x".into(),
            title: "T".into(),
            ..Article::default()
        };
        let json = serde_json::to_string(&a).unwrap();
        assert!(!json.contains("standfirst"), "{json}");
        let back: Article = serde_json::from_str(&json).unwrap();
        assert_eq!(a, back);
    }
}
