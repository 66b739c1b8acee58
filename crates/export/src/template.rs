//! The OpenSearch index template: a composable template (`PUT _index_template/NAME`) whose
//! `index_patterns` match the export's index, with the English analyser of the text fields and
//! the mapping of every field of [`FIELDS`].
//!
//! The text analyser is newsidx's own (tantivy's `en_stem`) in OpenSearch's parts: the
//! standard tokenizer, English possessives removed, lower case, tokens over 40 characters
//! dropped, the Snowball English (`porter2`) stemmer, and no stop words, so that a phrase
//! matches as it does in newsidx. The mapping is `dynamic: strict`: a document with a field
//! the template does not name is refused rather than guessed at.

use newsidx_core::SCHEMA_VERSION;
use serde_json::{json, Map, Value};

use crate::fields::{Kind, DATE_FORMAT, FIELDS, FOLDED};

/// Name of the analyser of the text fields in the template's settings.
pub const TEXT_ANALYZER: &str = "newsidx_english";

/// Name of the normaliser of the case-insensitive sub-fields (`source.folded`).
pub const FOLD_NORMALIZER: &str = "newsidx_folded";

/// Priority of the template over other templates matching the same index names.
const PRIORITY: u64 = 200;

/// The index patterns of an export to the index `name`: the index itself and its dated or
/// numbered siblings (`name-2024`).
pub fn index_patterns(name: &str) -> Vec<String> {
    vec![name.to_string(), format!("{name}-*")]
}

/// The index template for the index `name`, as `PUT _index_template/{name}` takes it.
pub fn template(name: &str) -> Value {
    json!({
        "index_patterns": index_patterns(name),
        "priority": PRIORITY,
        "version": SCHEMA_VERSION,
        "_meta": {
            "generated_by": "newsidx export --to opensearch",
            "newsidx_schema_version": SCHEMA_VERSION,
        },
        "template": {
            "settings": settings(),
            "mappings": {
                "dynamic": "strict",
                "properties": properties(),
            },
        },
    })
}

/// The analysis settings: the English analyser and the lower-case normaliser.
fn settings() -> Value {
    json!({
        "analysis": {
            "filter": {
                "newsidx_possessive": { "type": "stemmer", "language": "possessive_english" },
                "newsidx_long": { "type": "length", "max": 40 },
                "newsidx_stemmer": { "type": "stemmer", "language": "porter2" },
            },
            "analyzer": {
                TEXT_ANALYZER: {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["newsidx_possessive", "lowercase", "newsidx_long", "newsidx_stemmer"],
                },
            },
            "normalizer": {
                FOLD_NORMALIZER: { "type": "custom", "filter": ["lowercase"] },
            },
        },
    })
}

/// The mapping of every field of [`FIELDS`].
fn properties() -> Map<String, Value> {
    FIELDS
        .iter()
        .map(|f| {
            let mut mapping = match f.kind {
                Kind::Text => json!({ "type": "text", "analyzer": TEXT_ANALYZER }),
                Kind::Keyword | Kind::Keywords => json!({ "type": "keyword" }),
                Kind::Date => json!({ "type": "date", "format": DATE_FORMAT }),
                Kind::Stored => json!({ "type": "keyword", "index": false, "doc_values": false }),
                Kind::Number => json!({ "type": "long" }),
            };
            if f.folded() {
                mapping["fields"] = json!({
                    FOLDED: { "type": "keyword", "normalizer": FOLD_NORMALIZER },
                });
            }
            (f.name.to_string(), mapping)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_maps_every_field_with_its_type() {
        let t = template("news");
        assert_eq!(t["index_patterns"], json!(["news", "news-*"]));
        let props = t["template"]["mappings"]["properties"].as_object().unwrap();
        assert_eq!(props.len(), FIELDS.len());
        assert_eq!(props["body"]["analyzer"], TEXT_ANALYZER);
        assert_eq!(props["countries"]["type"], "keyword");
        assert_eq!(props["date"]["format"], DATE_FORMAT);
        assert_eq!(
            props["source"]["fields"][FOLDED]["normalizer"],
            FOLD_NORMALIZER
        );
        assert!(props["countries"].get("fields").is_none());
        let analysis = &t["template"]["settings"]["analysis"];
        for filter in analysis["analyzer"][TEXT_ANALYZER]["filter"]
            .as_array()
            .unwrap()
        {
            let name = filter.as_str().unwrap();
            assert!(
                name == "lowercase" || analysis["filter"].get(name).is_some(),
                "{name} is defined"
            );
        }
    }
}
