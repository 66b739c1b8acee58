//! The query document (`QUERIES.md`): how to load the export, and newsidx's queries written
//! for OpenSearch: the text query, filters, facets as `terms` aggregations, drill-sideways as
//! `post_filter` plus `filter` aggregations, the calendar histogram as `date_histogram` with
//! `calendar_interval`, related stories as `more_like_this`.
//!
//! Every example is built here as JSON from the field table ([`crate::fields`]) and the
//! dimension table ([`Dimension`]), so the document names the fields the template maps.

use std::fmt::Write as _;

use newsidx_core::schema::{STANDFIRST_BOOST, TITLE_BOOST};
use newsidx_core::Dimension;
use newsidx_query::related::MAX_TERMS;
use newsidx_query::request::{DEFAULT_FACET_LIMIT, DEFAULT_LIMIT};
use serde_json::{json, Value};

use crate::fields::{Kind, FIELDS, FOLDED};
use crate::template::TEXT_ANALYZER;

/// Name of the query document in the export folder.
pub const QUERIES_FILE: &str = "QUERIES.md";

/// The fields a text query searches, with newsidx's boosts (`title^3`).
fn text_fields() -> Value {
    json!([
        format!("title^{TITLE_BOOST}"),
        format!("standfirst^{STANDFIRST_BOOST}"),
        "body"
    ])
}

/// newsidx's text query: every word must match, in the title, standfirst or body.
fn text_query(text: &str) -> Value {
    json!({
        "simple_query_string": {
            "query": text,
            "fields": text_fields(),
            "default_operator": "and",
        }
    })
}

/// A filter on one dimension's value, as newsidx matches it: exact, ignoring case for
/// source and language, a language's primary subtag matching its longer tags.
fn filter(dimension: Dimension, value: &str) -> Value {
    let field = dimension.field_name();
    let folded = FIELDS.iter().any(|f| f.name == field && f.folded());
    match dimension {
        Dimension::Language => json!({
            "bool": {
                "should": [
                    { "term": { format!("{field}.{FOLDED}"): value.to_lowercase() } },
                    { "prefix": { format!("{field}.{FOLDED}"): format!("{}-", value.to_lowercase()) } },
                ],
                "minimum_should_match": 1,
            }
        }),
        _ if folded => json!({ "term": { format!("{field}.{FOLDED}"): value.to_lowercase() } }),
        _ => json!({ "term": { field: value } }),
    }
}

/// A date range filter, the upper bound excluded.
fn date_range(from: &str, to_before: &str) -> Value {
    json!({ "range": { "date": { "gte": from, "lt": to_before } } })
}

/// One `terms` aggregation per facet dimension, named after the dimension.
fn facet_aggs() -> serde_json::Map<String, Value> {
    Dimension::facets()
        .map(|d| {
            (
                d.name().to_string(),
                json!({ "terms": { "field": d.field_name(), "size": DEFAULT_FACET_LIMIT } }),
            )
        })
        .collect()
}

/// The histogram aggregation at an interval.
fn histogram(interval: &str) -> Value {
    json!({
        "date_histogram": {
            "field": "date",
            "calendar_interval": interval,
            "min_doc_count": 0,
            "format": "yyyy-MM-dd",
        }
    })
}

/// A fenced JSON block of `value`, pretty-printed, after a request line.
fn block(out: &mut String, request: &str, value: &Value) {
    let pretty = serde_json::to_string_pretty(value).unwrap_or_default();
    let _ = write!(out, "`{request}`\n\n```json\n{pretty}\n```\n\n");
}

/// The document for an export to the index `name`; `example_id` is the id of one exported
/// story, used in the examples that take one.
pub fn document(name: &str, example_id: &str) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "# Loading this export into OpenSearch, and newsidx's queries there\n\n\
         Written by `newsidx export --to opensearch`. This folder holds:\n\n\
         - `template.json`: the index template (`PUT _index_template/{name}`): English-analysed \
         text, keyword fields for every newsidx dimension, a date field, the story id. It \
         applies to the index `{name}` and to `{name}-*`.\n\
         - `bulk-NNNN.ndjson`: every story with its extracted entities as `_bulk` requests \
         (an `index` action line, then the document; the story id is the document's `_id`), \
         each file small enough for one request.\n\
         - `QUERIES.md`: this document.\n\n\
         Nothing here was run against an engine when it was written: newsidx's tests check \
         the shape (valid JSON, every story once, every value typed as the template maps \
         it), not an OpenSearch cluster. The requests are for OpenSearch 2.x and should \
         suit Elasticsearch 7.10 and later.\n\n"
    );
    load(&mut out, name);
    fields(&mut out);
    searches(&mut out, name);
    drill_sideways(&mut out, name);
    histograms(&mut out, name);
    related(&mut out, name, example_id);
    out
}

fn load(out: &mut String, name: &str) {
    let _ = write!(
        out,
        "## Load\n\n\
         ```sh\n\
         OS=http://localhost:9200\n\
         curl -fsS -X PUT \"$OS/_index_template/{name}\" -H 'Content-Type: application/json' \\\n    \
         --data-binary @template.json\n\
         for f in bulk-*.ndjson; do\n    \
         curl -fsS -X POST \"$OS/_bulk\" -H 'Content-Type: application/x-ndjson' --data-binary \"@$f\" \\\n        \
         | grep -q '\"errors\":false' || echo \"$f: some stories were refused (see the response's items)\"\n\
         done\n\
         curl -fsS -X POST \"$OS/{name}/_refresh\"\n\
         curl -fsS \"$OS/{name}/_count\"   # the number of stories exported\n\
         ```\n\n\
         The template must be in place before the first bulk file creates the index. Loading \
         again replaces each story (the `index` action, by `_id`). The template leaves shards \
         and replicas to the cluster's defaults: for a cluster of several nodes set \
         `number_of_shards` in `template.settings` before loading.\n\n"
    );
}

fn fields(out: &mut String) {
    out.push_str("## Fields\n\n| field | type | holds | newsidx filter |\n|---|---|---|---|\n");
    for f in FIELDS {
        let kind = match f.kind {
            Kind::Text => format!("text (`{TEXT_ANALYZER}`)"),
            Kind::Keyword => "keyword".to_string(),
            Kind::Keywords => "keyword, many".to_string(),
            Kind::Date => "date".to_string(),
            Kind::Stored => "keyword, not indexed".to_string(),
            Kind::Number => "long".to_string(),
        };
        let kind = if f.folded() {
            format!("{kind}; `{}.{FOLDED}` lower case", f.name)
        } else {
            kind
        };
        let flag = f
            .dimension()
            .map(|d| format!("`{}:`, `--{}`", d.key(), d.spec().flag))
            .unwrap_or_default();
        let _ = writeln!(out, "| `{}` | {kind} | {} | {flag} |", f.name, f.about);
    }
    out.push_str(
        "\nThe text analyser is newsidx's in OpenSearch's parts (standard tokenizer, English \
         possessives, lower case, the Snowball English stemmer, no stop words): close to \
         newsidx's terms, not identical (newsidx splits at every non-alphanumeric \
         character). A filter takes what newsidx indexes: country codes (`ML`, not `Mali`) \
         and canonical names (`Wagner Group`). newsidx resolves names and aliases with its \
         gazetteer first; `newsidx search --explain` shows the values a query resolves to. \
         newsidx also indexes stories in 16 other languages with their language's stemmer \
         (`text_de`, `text_fr`...); this export does not: every story's text is in the \
         English-analysed fields, so `Regierungen` does not find `Regierung` here. Add a \
         sub-field with OpenSearch's `german`, `french`... analyser where that matters.\n\n",
    );
}

fn searches(out: &mut String, name: &str) {
    out.push_str(
        "## Search\n\n`newsidx search 'oil prices'`: every word must match, in the title \
         (weighted 3), standfirst (1.5) or body. `simple_query_string` reads \"phrases\", \
         `-word` and `prefix*` as newsidx does; newsidx's `OR` is `|`, `NOT` is `-`, and a \
         field (`title:oil`) is a query on that field alone.\n\n",
    );
    block(
        out,
        &format!("GET {name}/_search"),
        &json!({
            "query": text_query("oil prices"),
            "size": DEFAULT_LIMIT,
            "highlight": { "fields": { "body": {}, "title": {} } },
        }),
    );
    out.push_str(
        "`--sort newest` (undated stories last): add `\"sort\": [{\"date\": {\"order\": \"desc\", \
         \"missing\": \"_last\"}}]`. Filters (`country:ML actor:\"Wagner Group\" source:reuters \
         lang:fi date:2021..2022`) go in `bool.filter`, so they do not change the ranking; \
         source and language are matched on their lower-case sub-fields, and a primary \
         language subtag (`fi`) matches its longer tags (`fi-fi`) by prefix:\n\n",
    );
    block(
        out,
        &format!("GET {name}/_search"),
        &json!({
            "query": {
                "bool": {
                    "must": [text_query("oil")],
                    "filter": [
                        filter(Dimension::Country, "ML"),
                        filter(Dimension::Actor, "Wagner Group"),
                        filter(Dimension::Source, "Reuters"),
                        filter(Dimension::Language, "fi"),
                        date_range("2021-01-01T00:00:00Z", "2023-01-01T00:00:00Z"),
                    ],
                }
            }
        }),
    );
    let _ = write!(
        out,
        "An empty newsidx query (`newsidx search ''`, every story) is `{{\"match_all\": {{}}}}`. \
         One story (`newsidx show ID`) is `GET {name}/_doc/ID`.\n\n"
    );
    out.push_str("### Facets\n\nEach facet is a `terms` aggregation on the dimension's field:\n\n");
    block(
        out,
        &format!("GET {name}/_search"),
        &json!({
            "query": text_query("oil"),
            "size": DEFAULT_LIMIT,
            "aggs": facet_aggs(),
        }),
    );
    out.push_str(
        "On one shard the counts are exact, as newsidx's are. Over several shards a `terms` \
         aggregation sums each shard's top values: raise `shard_size`, and read \
         `doc_count_error_upper_bound` in the answer.\n\n",
    );
}

fn drill_sideways(out: &mut String, name: &str) {
    out.push_str(
        "## Drill-sideways\n\nnewsidx counts each dimension's facet with every filter but its \
         own, so a page can offer the other values. In OpenSearch the query holds the text \
         only; the filters go in `post_filter` (they narrow the hits, not the aggregations); \
         each facet is a `filter` aggregation with the other dimensions' filters around its \
         `terms`; the histogram counts with every filter. For `newsidx search 'oil' --country \
         ML --source Reuters`:\n\n",
    );
    let selected = [(Dimension::Country, "ML"), (Dimension::Source, "Reuters")];
    let all: Vec<Value> = selected.iter().map(|(d, v)| filter(*d, v)).collect();
    let mut aggs = serde_json::Map::new();
    for dimension in Dimension::facets() {
        let others: Vec<Value> = selected
            .iter()
            .filter(|(d, _)| *d != dimension)
            .map(|(d, v)| filter(*d, v))
            .collect();
        aggs.insert(
            dimension.name().to_string(),
            json!({
                "filter": { "bool": { "filter": others } },
                "aggs": {
                    "values": {
                        "terms": { "field": dimension.field_name(), "size": DEFAULT_FACET_LIMIT }
                    }
                },
            }),
        );
    }
    aggs.insert(
        "histogram".to_string(),
        json!({
            "filter": { "bool": { "filter": all } },
            "aggs": { "dates": histogram("month") },
        }),
    );
    block(
        out,
        &format!("GET {name}/_search"),
        &json!({
            "query": text_query("oil"),
            "post_filter": { "bool": { "filter": all } },
            "size": DEFAULT_LIMIT,
            "aggs": aggs,
        }),
    );
    out.push_str(
        "The total of the filtered hits is `hits.total` (ask `\"track_total_hits\": true` for \
         an exact count past 10,000). newsidx also counts the selected values when they fall \
         outside the top ones; the `terms` aggregation's `include` (a list of values) does \
         the same in a second aggregation.\n\n",
    );
}

fn histograms(out: &mut String, name: &str) {
    out.push_str(
        "## Calendar histogram\n\nnewsidx's histogram buckets calendar intervals in UTC with \
         empty buckets filled: a `date_histogram` with `calendar_interval` and \
         `min_doc_count: 0`. The intervals have the same names, `day`, `week` (ISO, from \
         Monday, in both), `month`, `quarter`, `year`. Undated stories are a `missing` \
         aggregation. newsidx widens the interval when a span would need more than 400 \
         buckets; with OpenSearch pick the interval from the span (a `min`/`max` aggregation \
         on `date`) or use `auto_date_histogram`.\n\n",
    );
    block(
        out,
        &format!("GET {name}/_search"),
        &json!({
            "query": text_query("oil"),
            "size": 0,
            "aggs": {
                "histogram": histogram("month"),
                "undated": { "missing": { "field": "date" } },
            },
        }),
    );
}

fn related(out: &mut String, name: &str, id: &str) {
    let _ = write!(
        out,
        "## Related stories\n\n`newsidx related {id}`: the stories that share the most rare \
         terms, actors and countries with one story. `more_like_this` picks the story's \
         rarest terms (at most {MAX_TERMS}, as newsidx) from its text, actors and countries; \
         `must_not` leaves out the story itself. newsidx also leaves out near-exact \
         duplicates (bodies alike at 90%) and common news words; OpenSearch has no such \
         step: pass `stop_words`, and drop hits whose title repeats the story's.\n\n"
    );
    block(
        out,
        &format!("GET {name}/_search"),
        &json!({
            "query": {
                "bool": {
                    "must": {
                        "more_like_this": {
                            "fields": ["title", "standfirst", "body", "actors", "countries"],
                            "like": [{ "_index": name, "_id": id }],
                            "max_query_terms": MAX_TERMS,
                            "min_term_freq": 1,
                            "min_doc_freq": 2,
                            "min_word_length": 3,
                        }
                    },
                    "must_not": { "ids": { "values": [id] } },
                }
            },
            "size": DEFAULT_LIMIT,
        }),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON blocks of a document.
    fn blocks(doc: &str) -> Vec<Value> {
        doc.split("```json\n")
            .skip(1)
            .map(|rest| {
                let body = &rest[..rest.find("```").unwrap()];
                serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}:\n{body}"))
            })
            .collect()
    }

    #[test]
    fn every_example_is_json_and_names_mapped_fields() {
        let doc = document("news", "s1");
        let examples = blocks(&doc);
        assert_eq!(examples.len(), 6);
        let drill = &examples[3];
        let post = drill["post_filter"]["bool"]["filter"].as_array().unwrap();
        assert_eq!(post.len(), 2);
        // The country facet is counted without the country filter, with the source one.
        let country = &drill["aggs"]["country"]["filter"]["bool"]["filter"];
        assert_eq!(
            country,
            &json!([{ "term": { "source.folded": "reuters" } }])
        );
        assert_eq!(
            examples[5]["query"]["bool"]["must"]["more_like_this"]["like"][0]["_id"],
            "s1"
        );
        assert!(doc.contains("_index_template/news"));
    }
}
