//! Mapping between [`Article`] and tantivy documents: the only code that knows which article
//! field goes to which index field.

use chrono::{DateTime, Utc};
use tantivy::schema::{Field, Value};
use tantivy::TantivyDocument;

use crate::dedupe::Signature;
use crate::keyword::{normalise_language, UNKNOWN_LANGUAGE};
use crate::schema::NewsSchema;
use newsidx_model::{Article, EditorTags, Origin, Version};

/// Converts a chrono UTC time to tantivy's date type (second precision).
pub fn to_tantivy_date(date: DateTime<Utc>) -> tantivy::DateTime {
    tantivy::DateTime::from_timestamp_secs(date.timestamp())
}

/// Converts tantivy's date type back to a chrono UTC time.
pub fn from_tantivy_date(date: tantivy::DateTime) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp(date.into_timestamp_secs(), 0).unwrap_or_default()
}

impl NewsSchema {
    /// Maps an article onto a tantivy document of this schema. Empty optional fields are left
    /// out, but for the language: a lower-case BCP 47 tag, or [`UNKNOWN_LANGUAGE`] when the
    /// story has none. List fields get one value per entry.
    pub fn to_document(&self, article: &Article) -> TantivyDocument {
        let mut doc = TantivyDocument::new();
        doc.add_text(self.id, &article.id);
        doc.add_text(self.title, &article.title);
        let optional = [
            (self.standfirst, &article.standfirst),
            (self.dateline, &article.dateline),
            (self.byline, &article.byline),
            (self.source, &article.source),
            (self.url, &article.url),
            (self.primary_country, &article.primary_country),
        ];
        for (field, value) in optional {
            if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
                doc.add_text(field, value);
            }
        }
        let language = article
            .language
            .as_deref()
            .map(normalise_language)
            .filter(|l| !l.is_empty());
        doc.add_text(
            self.language,
            language.as_deref().unwrap_or(UNKNOWN_LANGUAGE),
        );
        doc.add_text(self.body, &article.body);
        // A story in a stemmed language: its text again, analysed in its language.
        if let Some(field) = language.as_deref().and_then(|l| self.language_field(l)) {
            doc.add_text(field, &article.title);
            if let Some(s) = article.standfirst.as_deref().filter(|s| !s.is_empty()) {
                doc.add_text(field, s);
            }
            doc.add_text(field, &article.body);
        }
        if let Some(date) = article.date {
            doc.add_date(self.date, to_tantivy_date(date));
        }
        let lists = [
            (self.countries, &article.countries),
            (self.mentioned_countries, &article.mentioned_countries),
            (self.places, &article.places),
            (self.people, &article.people),
            (self.organisations, &article.organisations),
            (self.actors, &article.actors),
            (self.subjects, &article.subjects),
            (self.tag_places, &article.editor_tags.places),
            (self.tag_people, &article.editor_tags.people),
            (self.tag_orgs, &article.editor_tags.orgs),
            (self.tag_topics, &article.editor_tags.topics),
        ];
        for (field, values) in lists {
            for value in values {
                doc.add_text(field, value);
            }
        }
        if let Some(origin) = &article.origin {
            doc.add_text(self.path, &origin.path);
            doc.add_text(self.format, &origin.format);
        }
        if let Some(number) = article.version.number {
            doc.add_u64(self.version, number);
        }
        if let Some(created) = article.version.created {
            doc.add_date(self.version_created, to_tantivy_date(created));
        }
        doc
    }

    /// Adds a story's near-duplicate group to its document: `cluster`, the id of the group's
    /// canonical story, with its `cluster_key`; `cluster_member` for a story that is not
    /// canonical; and its signature, if it has one, in `dup_sig`, marked for a canonical
    /// story (later copies look for canonical stories only). A document without them (mapped
    /// by [`NewsSchema::to_document`] alone) is a group of its own.
    pub fn add_group(
        &self,
        doc: &mut TantivyDocument,
        cluster: &str,
        signature: Option<&Signature>,
        canonical: bool,
    ) {
        let key = crate::schema::cluster_key(cluster);
        doc.add_text(self.cluster, cluster);
        doc.add_u64(self.cluster_key, key);
        if !canonical {
            doc.add_u64(self.cluster_member, key);
        }
        if let Some(signature) = signature {
            doc.add_bytes(self.dup_sig, &signature.to_bytes(canonical));
        }
    }

    /// Reads an article back from a stored document. Fields that were not stored come back
    /// empty; the origin's line number is not stored and comes back as `None`; the language
    /// comes back in lower case, `None` when unknown.
    pub fn to_article(&self, doc: &TantivyDocument) -> Article {
        let first = |field: Field| -> Option<String> {
            doc.get_first(field)
                .and_then(|v| v.as_str().map(str::to_string))
        };
        let all = |field: Field| -> Vec<String> {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        };
        let origin = first(self.path).map(|path| Origin {
            path,
            format: first(self.format).unwrap_or_default(),
            line: None,
        });
        Article {
            id: first(self.id).unwrap_or_default(),
            title: first(self.title).unwrap_or_default(),
            standfirst: first(self.standfirst),
            date: doc
                .get_first(self.date)
                .and_then(|v| v.as_datetime())
                .map(from_tantivy_date),
            dateline: first(self.dateline),
            source: first(self.source),
            byline: first(self.byline),
            body: first(self.body).unwrap_or_default(),
            url: first(self.url),
            language: first(self.language).filter(|l| l != UNKNOWN_LANGUAGE),
            subjects: all(self.subjects),
            editor_tags: EditorTags {
                places: all(self.tag_places),
                people: all(self.tag_people),
                orgs: all(self.tag_orgs),
                topics: all(self.tag_topics),
            },
            places: all(self.places),
            countries: all(self.countries),
            mentioned_countries: all(self.mentioned_countries),
            primary_country: first(self.primary_country),
            people: all(self.people),
            organisations: all(self.organisations),
            actors: all(self.actors),
            origin,
            cluster: first(self.cluster),
            version: Version {
                number: doc.get_first(self.version).and_then(|v| v.as_u64()),
                created: doc
                    .get_first(self.version_created)
                    .and_then(|v| v.as_datetime())
                    .map(from_tantivy_date),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn article_survives_the_round_trip() {
        let schema = NewsSchema::new();
        let article = Article {
            id: "a1".into(),
            title: "Mali approached Russian companies".into(),
            standfirst: Some("Lede".into()),
            date: Some(Utc.with_ymd_and_hms(2021, 9, 25, 0, 0, 0).unwrap()),
            source: Some("News Agencies".into()),
            body: "Body text.".into(),
            countries: vec!["ML".into(), "RU".into()],
            mentioned_countries: vec!["ML".into(), "RU".into(), "LY".into()],
            actors: vec!["Sergey Lavrov".into(), "Wagner Group".into()],
            people: vec!["Sergey Lavrov".into()],
            organisations: vec!["Wagner Group".into()],
            editor_tags: EditorTags {
                topics: vec!["cocoa".into()],
                ..EditorTags::default()
            },
            origin: Some(Origin {
                path: "corpus/x.txt".into(),
                format: "text".into(),
                line: None,
            }),
            version: Version {
                number: Some(1_542_761_538),
                created: Some(Utc.with_ymd_and_hms(2016, 1, 4, 16, 34, 45).unwrap()),
            },
            ..Article::default()
        };
        let doc = schema.to_document(&article);
        assert_eq!(schema.to_article(&doc), article);
    }

    #[test]
    fn languages_are_lower_case_and_unknown_ones_marked() {
        let schema = NewsSchema::new();
        let language = |tag: Option<&str>| {
            let article = Article {
                language: tag.map(str::to_string),
                ..Article::default()
            };
            let doc = schema.to_document(&article);
            let indexed = doc
                .get_first(schema.language)
                .and_then(|v| v.as_str().map(str::to_string));
            (indexed, schema.to_article(&doc).language)
        };
        assert_eq!(
            language(Some("fi-FI")),
            (Some("fi-fi".into()), Some("fi-fi".into()))
        );
        assert_eq!(language(Some("EN")), (Some("en".into()), Some("en".into())));
        assert_eq!(language(None), (Some("und".into()), None));
        assert_eq!(language(Some(" ")), (Some("und".into()), None));
    }

    #[test]
    fn dates_keep_second_precision() {
        let date = Utc.with_ymd_and_hms(1987, 2, 26, 15, 1, 1).unwrap();
        assert_eq!(from_tantivy_date(to_tantivy_date(date)), date);
    }
}
