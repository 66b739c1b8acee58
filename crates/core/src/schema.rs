//! The one place that defines every field of a newsidx index.
//!
//! | field | kind | indexed as | stored | fast |
//! |---|---|---|---|---|
//! | `id` | exact | raw | yes | no |
//! | `title`, `standfirst`, `body` | text | English stemmed, with positions | yes | no |
//! | `dateline`, `byline` | text | English stemmed | yes | no |
//! | `date` | date (seconds, UTC) | yes | yes | yes |
//! | `source` | exact | lower case ([`crate::keyword`]) | yes | yes (as spelled) |
//! | `language` | exact, lower-case BCP 47 (`und`: unknown) | the tag and its primary subtag | yes | yes |
//! | `format` | exact | raw | yes | yes |
//! | `countries`, `mentioned_countries`, `places`, `people`, `organisations`, `actors`, `primary_country`, `subjects` | exact, many per story | raw | yes | yes |
//! | `url`, `path` | exact | raw (`path` only) | yes | no |
//! | `tag_places`, `tag_people`, `tag_orgs`, `tag_topics` | exact (editors' tags) | raw | yes | no |
//! | `cluster` | exact: the id of the canonical story of the story's near-duplicate group ([`crate::dedupe`]) | no | yes | no |
//! | `cluster_key` | u64: a hash of `cluster` ([`cluster_key`]) | no | no | yes |
//! | `cluster_member` | u64: `cluster_key` of a story that is not its group's canonical story (none for canonical ones) | yes | no | no |
//! | `dup_sig` | bytes: the story's [`crate::dedupe::Signature`] as [`crate::dedupe::Signature::to_bytes`] (none for stories too short to have one) | no | no | yes |
//! | `version` | u64: the source's version number of the story ([`crate::Version`]) | no | yes | yes |
//! | `version_created` | date (seconds, UTC): when the source made this version | no | yes | yes |
//! | `text_de`, `text_fr`, ... (one per [`crate::analyzer::STEMMED_LANGUAGES`]) | text of that language's stories: title, standfirst, body | stemmed in the language, ASCII-folded, with positions | no | no |
//!
//! Ranking weights title above standfirst above body: see [`TITLE_BOOST`] and
//! [`STANDFIRST_BOOST`].

use crate::analyzer::{stemmed_language, STEMMED_LANGUAGES};
use crate::keyword::{LANGUAGE_TAG, LOWERCASE_KEYWORD};
use tantivy::schema::{
    BytesOptions, DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};

/// Version of the schema and of the way articles are mapped onto it. Bump it whenever a field
/// is added, removed or filled differently; indexes written with another version must be
/// rebuilt.
///
/// Version 2: `source` and `language` index lower-case terms (the language also its primary
/// subtag), languages are stored in lower case, a story of unknown language has `und`, and
/// `mentioned_countries` holds every country a story names.
///
/// Version 3: the title, standfirst and body of a story in a language of
/// [`crate::analyzer::STEMMED_LANGUAGES`] are also indexed in that language's field
/// (`text_de`, `text_fr`...), stemmed in the language and folded to ASCII.
///
/// Version 4: near-duplicate groups: every story has a `cluster` (its group's canonical id),
/// its hash `cluster_key` (indexed as `cluster_member` for stories that are not canonical),
/// and stories long enough their signature, `dup_sig`.
///
/// Version 5: the story's source version, `version` and `version_created` (stored and fast),
/// so that a later run keeps the newer of two stories of one id.
///
/// Version 6: `dup_sig` is one bytes value a story ([`crate::dedupe::Signature::to_bytes`])
/// instead of 21 u64 values, which had doubled the memory of merges.
pub const SCHEMA_VERSION: u32 = 6;

/// The `cluster_key` of a group: a 64-bit hash of its `cluster` id (FNV-1a, so that it is
/// the same in every build).
pub fn cluster_key(cluster: &str) -> u64 {
    cluster.bytes().fold(0xCBF2_9CE4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    })
}

/// Name of the tokenizer used for the text fields: tantivy's built-in English stemmer, whose
/// terms [`crate::analyzer::text_analyzer`] makes faster (see [`crate::analyzer`]).
pub const TEXT_TOKENIZER: &str = "en_stem";

/// Boost of a match in the title, relative to the body.
pub const TITLE_BOOST: f32 = 3.0;

/// Boost of a match in the standfirst, relative to the body.
pub const STANDFIRST_BOOST: f32 = 1.5;

/// The tantivy schema of a newsidx index, with a handle for every field.
#[derive(Debug, Clone)]
pub struct NewsSchema {
    /// The tantivy schema itself.
    pub schema: Schema,
    /// Story id (exact).
    pub id: Field,
    /// Headline (text with positions).
    pub title: Field,
    /// Summary or lede (text with positions).
    pub standfirst: Field,
    /// Body (text with positions).
    pub body: Field,
    /// Dateline (text).
    pub dateline: Field,
    /// Author (text).
    pub byline: Field,
    /// Publication date (fast date, second precision).
    pub date: Field,
    /// Agency or outlet (exact, fast; indexed in lower case).
    pub source: Field,
    /// Lower-case BCP 47 language tag, `und` when unknown (exact, fast; indexed with its
    /// primary subtag).
    pub language: Field,
    /// Reader that produced the story (exact, fast).
    pub format: Field,
    /// ISO country codes (exact, fast, many).
    pub countries: Field,
    /// Every country the story mentions, about it or in passing (exact, fast, many).
    pub mentioned_countries: Field,
    /// The story's main country (exact, fast).
    pub primary_country: Field,
    /// Place names (exact, fast, many).
    pub places: Field,
    /// People (exact, fast, many).
    pub people: Field,
    /// Organisations (exact, fast, many).
    pub organisations: Field,
    /// People and organisations (exact, fast, many).
    pub actors: Field,
    /// Source subject codes or keywords (exact, fast, many).
    pub subjects: Field,
    /// URL (stored only).
    pub url: Field,
    /// Path of the file the story came from (exact).
    pub path: Field,
    /// Editors' place tags (exact).
    pub tag_places: Field,
    /// Editors' people tags (exact).
    pub tag_people: Field,
    /// Editors' organisation tags (exact).
    pub tag_orgs: Field,
    /// Editors' topic tags (exact).
    pub tag_topics: Field,
    /// Id of the canonical story of the story's near-duplicate group (stored); its own id
    /// when it is canonical.
    pub cluster: Field,
    /// [`cluster_key`] of `cluster` (fast u64): groups are counted and collapsed by it.
    pub cluster_key: Field,
    /// [`cluster_key`] of `cluster` for the other stories of a group than its canonical one
    /// (indexed u64): a group's size is a count of its postings (few stories have it, so
    /// it costs little to index).
    pub cluster_member: Field,
    /// The story's near-duplicate signature, [`crate::dedupe::Signature::to_bytes`] (fast
    /// bytes).
    pub dup_sig: Field,
    /// The source's version number of the story, [`crate::Version::number`] (stored, fast
    /// u64).
    pub version: Field,
    /// When the source made this version, [`crate::Version::created`] (stored, fast date,
    /// second precision).
    pub version_created: Field,
    /// One field per language of [`crate::analyzer::STEMMED_LANGUAGES`], in its order: the
    /// title, standfirst and body of that language's stories, stemmed in the language and
    /// folded to ASCII (indexed with positions, not stored).
    pub languages: Vec<(&'static str, Field)>,
}

impl NewsSchema {
    /// Builds the schema. Cheap; every call gives an equal schema.
    pub fn new() -> NewsSchema {
        let mut builder = Schema::builder();
        let positions = TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TEXT_TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let plain_text = TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TEXT_TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let exact_fast = STRING | STORED | FAST;
        let exact = STRING | STORED;
        let id = builder.add_text_field("id", exact.clone());
        let title = builder.add_text_field("title", positions.clone());
        let standfirst = builder.add_text_field("standfirst", positions.clone());
        let body = builder.add_text_field("body", positions);
        let dateline = builder.add_text_field("dateline", plain_text.clone());
        let byline = builder.add_text_field("byline", plain_text);
        let date = builder.add_date_field(
            "date",
            DateOptions::default()
                .set_indexed()
                .set_stored()
                .set_fast()
                .set_precision(DateTimePrecision::Seconds),
        );
        // Filters on these ignore case: the terms are normalised, the stored and fast values
        // are kept as mapped.
        let normalised = |tokenizer: &str| {
            TextOptions::from(STORED | FAST).set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(tokenizer)
                    .set_index_option(IndexRecordOption::Basic),
            )
        };
        let source = builder.add_text_field("source", normalised(LOWERCASE_KEYWORD));
        let language = builder.add_text_field("language", normalised(LANGUAGE_TAG));
        let format = builder.add_text_field("format", exact_fast.clone());
        let countries = builder.add_text_field("countries", exact_fast.clone());
        let mentioned_countries = builder.add_text_field("mentioned_countries", exact_fast.clone());
        let primary_country = builder.add_text_field("primary_country", exact_fast.clone());
        let places = builder.add_text_field("places", exact_fast.clone());
        let people = builder.add_text_field("people", exact_fast.clone());
        let organisations = builder.add_text_field("organisations", exact_fast.clone());
        let actors = builder.add_text_field("actors", exact_fast.clone());
        let subjects = builder.add_text_field("subjects", exact_fast);
        let url = builder.add_text_field("url", STORED);
        let path = builder.add_text_field("path", exact.clone());
        let tag_places = builder.add_text_field("tag_places", exact.clone());
        let tag_people = builder.add_text_field("tag_people", exact.clone());
        let tag_orgs = builder.add_text_field("tag_orgs", exact.clone());
        let tag_topics = builder.add_text_field("tag_topics", exact);
        let cluster = builder.add_text_field("cluster", STORED);
        let cluster_key =
            builder.add_u64_field("cluster_key", NumericOptions::default().set_fast());
        let cluster_member =
            builder.add_u64_field("cluster_member", NumericOptions::default().set_indexed());
        let dup_sig = builder.add_bytes_field("dup_sig", BytesOptions::default().set_fast());
        let version =
            builder.add_u64_field("version", NumericOptions::default().set_stored().set_fast());
        let version_created = builder.add_date_field(
            "version_created",
            DateOptions::default()
                .set_stored()
                .set_fast()
                .set_precision(DateTimePrecision::Seconds),
        );
        let languages = STEMMED_LANGUAGES
            .iter()
            .map(|&(tag, name, _)| {
                let indexing = TextFieldIndexing::default()
                    .set_tokenizer(name)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions);
                let options = TextOptions::default().set_indexing_options(indexing);
                (tag, builder.add_text_field(name, options))
            })
            .collect();
        NewsSchema {
            schema: builder.build(),
            id,
            title,
            standfirst,
            body,
            dateline,
            byline,
            date,
            source,
            language,
            format,
            countries,
            mentioned_countries,
            primary_country,
            places,
            people,
            organisations,
            actors,
            subjects,
            url,
            path,
            tag_places,
            tag_people,
            tag_orgs,
            tag_topics,
            cluster,
            cluster_key,
            cluster_member,
            dup_sig,
            version,
            version_created,
            languages,
        }
    }

    /// Rebuilds the field handles from an existing tantivy schema, checking that every field
    /// exists with the expected name. Fails with the name of the first missing field.
    pub fn from_schema(schema: &Schema) -> Result<NewsSchema, String> {
        let expected = NewsSchema::new();
        for (_, entry) in expected.schema.fields() {
            let found = schema
                .get_field(entry.name())
                .map_err(|_| entry.name().to_string())?;
            if schema.get_field_entry(found) != entry {
                return Err(entry.name().to_string());
            }
        }
        if schema.num_fields() != expected.schema.num_fields() {
            return Err("(extra fields)".to_string());
        }
        Ok(expected)
    }

    /// The stemmed field of a language (a BCP 47 tag, any case: `"de-AT"`), if it has one.
    pub fn language_field(&self, tag: &str) -> Option<Field> {
        let primary = stemmed_language(tag)?;
        self.languages
            .iter()
            .find(|(l, _)| *l == primary)
            .map(|&(_, f)| f)
    }

    /// The text fields a free-text query searches, with their ranking boosts.
    pub fn text_fields(&self) -> [(Field, f32); 3] {
        [
            (self.title, TITLE_BOOST),
            (self.standfirst, STANDFIRST_BOOST),
            (self.body, 1.0),
        ]
    }
}

impl Default for NewsSchema {
    fn default() -> Self {
        NewsSchema::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_round_trips_through_from_schema() {
        let s = NewsSchema::new();
        let again = NewsSchema::from_schema(&s.schema).unwrap();
        assert_eq!(again.title, s.title);
        assert_eq!(again.actors, s.actors);
    }

    #[test]
    fn from_schema_names_a_missing_field() {
        let mut builder = Schema::builder();
        builder.add_text_field("id", STRING | STORED);
        let err = NewsSchema::from_schema(&builder.build()).unwrap_err();
        assert_eq!(err, "title");
    }

    #[test]
    fn entity_fields_are_fast_and_title_has_positions() {
        let s = NewsSchema::new();
        for f in [s.countries, s.actors, s.source, s.people, s.organisations] {
            assert!(s.schema.get_field_entry(f).is_fast());
        }
        let title = s.schema.get_field_entry(s.title);
        let opts = match title.field_type() {
            tantivy::schema::FieldType::Str(o) => o.get_indexing_options().unwrap().clone(),
            other => panic!("title is {other:?}"),
        };
        assert_eq!(
            opts.index_option(),
            IndexRecordOption::WithFreqsAndPositions
        );
    }
}
