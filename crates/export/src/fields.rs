//! The one table of the exported fields: each field's name, its OpenSearch type and how its
//! value is read from an [`Article`]. The index template ([`crate::template`]), the bulk
//! documents ([`source`]) and the query document ([`crate::queries`]) all iterate
//! [`FIELDS`], so a document always holds what the template maps, typed as it says.
//!
//! Every field of the newsidx schema ([`newsidx_core::NewsSchema`]) has a row, under the
//! same name; a test keeps it so.

use chrono::SecondsFormat;
use newsidx_core::dimension::Values;
use newsidx_core::keyword::UNKNOWN_LANGUAGE;
use newsidx_core::Dimension;
use newsidx_model::Article;
use serde_json::{Map, Value};

/// The OpenSearch type of an exported field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Full text, analysed in English (`text` with [`crate::template::TEXT_ANALYZER`]).
    Text,
    /// One exact value (`keyword`): a JSON string.
    Keyword,
    /// Exact values, many per story (`keyword`): a JSON array of strings.
    Keywords,
    /// A date and time in UTC (`date`, [`DATE_FORMAT`]): a JSON string.
    Date,
    /// An exact value kept but not searchable (`keyword`, not indexed): a URL.
    Stored,
    /// A whole number (`long`): a JSON number.
    Number,
}

/// The `format` of the date field, in OpenSearch's names: `2021-09-25T00:00:00Z`.
pub const DATE_FORMAT: &str = "strict_date_time_no_millis";

/// One exported field.
#[derive(Debug, Clone, Copy)]
pub struct ExportField {
    /// Name in the template and the documents (the newsidx schema's name).
    pub name: &'static str,
    /// Its OpenSearch type.
    pub kind: Kind,
    /// What it holds, for the query document.
    pub about: &'static str,
    /// Its value in a story; `None` (or an empty list) leaves it out of the document.
    pub value: fn(&Article) -> Option<Value>,
}

impl ExportField {
    /// The filter and facet dimension this field holds, if any.
    pub fn dimension(&self) -> Option<Dimension> {
        Dimension::ALL
            .into_iter()
            .find(|d| d.field_name() == self.name)
    }

    /// Whether filters on this field ignore case in newsidx (source, language): the
    /// template gives it a lower-cased sub-field, [`FOLDED`].
    pub fn folded(&self) -> bool {
        self.dimension()
            .is_some_and(|d| matches!(d.values(), Values::Label | Values::LowercaseCode))
    }
}

/// Name of the lower-cased sub-field of the fields newsidx matches ignoring case
/// (`source.folded`).
pub const FOLDED: &str = "folded";

fn text(s: &str) -> Option<Value> {
    Some(Value::String(s.to_string()))
}

fn opt(s: &Option<String>) -> Option<Value> {
    s.as_deref().map(|s| Value::String(s.to_string()))
}

fn list(values: &[String]) -> Option<Value> {
    (!values.is_empty()).then(|| Value::from(values.to_vec()))
}

/// Every exported field, in the order of the documents.
pub const FIELDS: &[ExportField] = &[
    ExportField {
        name: "id",
        kind: Kind::Keyword,
        about: "story id (also the document's `_id`)",
        value: |a| text(&a.id),
    },
    ExportField {
        name: "title",
        kind: Kind::Text,
        about: "headline",
        value: |a| text(&a.title),
    },
    ExportField {
        name: "standfirst",
        kind: Kind::Text,
        about: "summary or lede",
        value: |a| opt(&a.standfirst),
    },
    ExportField {
        name: "body",
        kind: Kind::Text,
        about: "story text",
        value: |a| text(&a.body),
    },
    ExportField {
        name: "dateline",
        kind: Kind::Text,
        about: "dateline as written",
        value: |a| opt(&a.dateline),
    },
    ExportField {
        name: "byline",
        kind: Kind::Text,
        about: "author",
        value: |a| opt(&a.byline),
    },
    ExportField {
        name: "date",
        kind: Kind::Date,
        about: "publication date, UTC, to the second",
        value: |a| {
            a.date
                .map(|d| Value::String(d.to_rfc3339_opts(SecondsFormat::Secs, true)))
        },
    },
    ExportField {
        name: "source",
        kind: Kind::Keyword,
        about: "agency or outlet, as spelled",
        value: |a| opt(&a.source),
    },
    ExportField {
        name: "language",
        kind: Kind::Keyword,
        about: "lower-case BCP 47 tag, `und` when unknown",
        value: |a| text(a.language.as_deref().unwrap_or(UNKNOWN_LANGUAGE)),
    },
    ExportField {
        name: "format",
        kind: Kind::Keyword,
        about: "reader that read the story",
        value: |a| a.origin.as_ref().and_then(|o| text(&o.format)),
    },
    ExportField {
        name: "countries",
        kind: Kind::Keywords,
        about: "countries the story is about (ISO 3166 codes)",
        value: |a| list(&a.countries),
    },
    ExportField {
        name: "mentioned_countries",
        kind: Kind::Keywords,
        about: "every country the story mentions (ISO 3166 codes)",
        value: |a| list(&a.mentioned_countries),
    },
    ExportField {
        name: "primary_country",
        kind: Kind::Keyword,
        about: "the country the story is most about",
        value: |a| opt(&a.primary_country),
    },
    ExportField {
        name: "places",
        kind: Kind::Keywords,
        about: "places other than countries",
        value: |a| list(&a.places),
    },
    ExportField {
        name: "people",
        kind: Kind::Keywords,
        about: "people, canonical names",
        value: |a| list(&a.people),
    },
    ExportField {
        name: "organisations",
        kind: Kind::Keywords,
        about: "organisations, canonical names",
        value: |a| list(&a.organisations),
    },
    ExportField {
        name: "actors",
        kind: Kind::Keywords,
        about: "people and organisations",
        value: |a| list(&a.actors),
    },
    ExportField {
        name: "subjects",
        kind: Kind::Keywords,
        about: "the source's subject codes or keywords",
        value: |a| list(&a.subjects),
    },
    ExportField {
        name: "url",
        kind: Kind::Stored,
        about: "URL of the story",
        value: |a| opt(&a.url),
    },
    ExportField {
        name: "path",
        kind: Kind::Keyword,
        about: "file the story was read from",
        value: |a| a.origin.as_ref().and_then(|o| text(&o.path)),
    },
    ExportField {
        name: "cluster",
        kind: Kind::Keyword,
        about: "id of the canonical story of the story's near-duplicate group",
        value: |a| opt(&a.cluster),
    },
    ExportField {
        name: "version",
        kind: Kind::Number,
        about: "the source's version number of the story (of two stories of one id, newsidx keeps the newer)",
        value: |a| a.version.number.map(Value::from),
    },
    ExportField {
        name: "version_created",
        kind: Kind::Date,
        about: "when the source made this version of the story, UTC, to the second",
        value: |a| {
            a.version
                .created
                .map(|d| Value::String(d.to_rfc3339_opts(SecondsFormat::Secs, true)))
        },
    },
    ExportField {
        name: "tag_places",
        kind: Kind::Keywords,
        about: "editors' place tags",
        value: |a| list(&a.editor_tags.places),
    },
    ExportField {
        name: "tag_people",
        kind: Kind::Keywords,
        about: "editors' people tags",
        value: |a| list(&a.editor_tags.people),
    },
    ExportField {
        name: "tag_orgs",
        kind: Kind::Keywords,
        about: "editors' organisation tags",
        value: |a| list(&a.editor_tags.orgs),
    },
    ExportField {
        name: "tag_topics",
        kind: Kind::Keywords,
        about: "editors' topic tags",
        value: |a| list(&a.editor_tags.topics),
    },
];

/// The `_source` of a story's document: every field of [`FIELDS`] that has a value.
pub fn source(article: &Article) -> Map<String, Value> {
    FIELDS
        .iter()
        .filter_map(|f| Some((f.name.to_string(), (f.value)(article)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use newsidx_core::NewsSchema;
    use newsidx_model::Origin;

    #[test]
    fn every_schema_field_is_exported_once_under_its_name() {
        let schema = NewsSchema::new();
        // The per-language fields (`text_de`...) are index-only copies of title, standfirst
        // and body, analysed for one language: the export carries those fields once.
        // `cluster_key`, `cluster_member` (a hash of `cluster`) and `dup_sig` (the
        // near-duplicate signature) serve newsidx's grouping only.
        let mut copies: Vec<&str> = schema
            .languages
            .iter()
            .map(|&(_, f)| schema.schema.get_field_name(f))
            .collect();
        copies.extend(["cluster_key", "cluster_member", "dup_sig"]);
        let mut names: Vec<&str> = schema
            .schema
            .fields()
            .map(|(_, e)| e.name())
            .filter(|n| !copies.contains(n))
            .collect();
        let mut exported: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
        names.sort_unstable();
        exported.sort_unstable();
        assert_eq!(exported, names);
    }

    #[test]
    fn every_dimension_is_a_keyword_field_and_only_source_and_language_fold() {
        for d in Dimension::ALL {
            let f = FIELDS.iter().find(|f| f.name == d.field_name()).unwrap();
            assert!(matches!(f.kind, Kind::Keyword | Kind::Keywords), "{d}");
        }
        let folded: Vec<&str> = FIELDS
            .iter()
            .filter(|f| f.folded())
            .map(|f| f.name)
            .collect();
        assert_eq!(folded, ["source", "language"]);
    }

    #[test]
    fn a_document_types_its_values_as_the_table_says() {
        let a = Article {
            id: "a1".into(),
            title: "Mali's junta".into(),
            body: "Text.".into(),
            date: Some(Utc.with_ymd_and_hms(2021, 9, 25, 8, 5, 3).unwrap()),
            countries: vec!["ML".into()],
            origin: Some(Origin {
                path: "c/a.txt".into(),
                format: "text".into(),
                line: None,
            }),
            version: newsidx_model::Version {
                number: Some(2),
                created: Some(Utc.with_ymd_and_hms(2021, 9, 25, 9, 0, 0).unwrap()),
            },
            ..Article::default()
        };
        let doc = source(&a);
        assert_eq!(doc["version"], 2);
        assert_eq!(doc["version_created"], "2021-09-25T09:00:00Z");
        assert_eq!(doc["date"], "2021-09-25T08:05:03Z");
        assert_eq!(doc["countries"], serde_json::json!(["ML"]));
        assert_eq!(doc["language"], "und");
        assert_eq!(doc["path"], "c/a.txt");
        assert_eq!(doc["format"], "text");
        assert!(!doc.contains_key("people"), "empty lists are left out");
        assert!(!doc.contains_key("standfirst"));
        for f in FIELDS {
            let Some(v) = doc.get(f.name) else { continue };
            match f.kind {
                Kind::Keywords => assert!(v.as_array().unwrap().iter().all(Value::is_string)),
                Kind::Number => assert!(v.is_u64(), "{}", f.name),
                _ => assert!(v.is_string(), "{}", f.name),
            }
        }
    }
}
