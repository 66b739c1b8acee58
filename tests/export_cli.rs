//! End-to-end tests of `newsidx export --to opensearch`: the shape of what it writes, since no
//! engine runs here. Valid JSON everywhere, every story of the bundled corpus exactly once
//! under its id, every value typed as the template maps it, the query document's examples
//! JSON that names mapped fields; and the refusals (a folder with files, an unknown engine, a
//! folder that cannot be made).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::{DateTime, NaiveDateTime};
use serde_json::Value;

use crate::util::Sandbox;

/// The id of the seed story of `corpus/` (a hash of its title, date and body).
const SEED_ID: &str = "9b9822b2a3f68534";

/// Fields that hold many values per story: always arrays in the documents.
const MANY: [&str; 6] = [
    "countries",
    "mentioned_countries",
    "places",
    "people",
    "organisations",
    "actors",
];

/// Indexes the corpus and exports it into `<sandbox>/out` with `extra` arguments; the
/// summary.
fn export(sandbox: &Sandbox, extra: &[&str]) -> Value {
    sandbox.index_corpus();
    let mut args = vec!["export", "--to", "opensearch", "out", "--json"];
    args.extend_from_slice(extra);
    let run = sandbox.run(&args);
    run.expect_code(0);
    run.json()
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}\n{text}", path.display()))
}

/// The bulk files of an export folder, sorted by name.
fn bulk_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_str().unwrap();
            name.starts_with("bulk-") && name.ends_with(".ndjson")
        })
        .collect();
    files.sort();
    files
}

/// Every (action, document) pair of a bulk file, checking the NDJSON framing.
fn pairs(path: &Path) -> Vec<(Value, Value)> {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(
        text.ends_with('\n'),
        "{}: the last line must end",
        path.display()
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.len() % 2,
        0,
        "{}: odd number of lines",
        path.display()
    );
    lines
        .chunks(2)
        .map(|pair| {
            let parse = |line: &str| -> Value {
                serde_json::from_str(line)
                    .unwrap_or_else(|e| panic!("{}: {e}\n{line}", path.display()))
            };
            (parse(pair[0]), parse(pair[1]))
        })
        .collect()
}

/// The chrono pattern of an OpenSearch date format the exporter may name.
fn chrono_pattern(format: &str) -> &'static str {
    match format {
        "strict_date_time_no_millis" => "%Y-%m-%dT%H:%M:%SZ",
        other => panic!("the test does not know the date format {other:?}"),
    }
}

/// Every id of the index, from `search '' --all --format ndjson`.
fn indexed_ids(sandbox: &Sandbox) -> BTreeSet<String> {
    let run = sandbox.run(&[
        "search",
        "",
        "--all",
        "--format",
        "ndjson",
        "--fragments",
        "0",
    ]);
    run.expect_code(0);
    run.stdout
        .lines()
        .map(|l| {
            let hit: Value = serde_json::from_str(l).unwrap();
            hit["id"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn export_writes_every_story_once_typed_as_the_template_says() {
    let sandbox = Sandbox::new();
    let summary = export(&sandbox, &["--max-stories", "20", "--name", "news"]);
    let out = sandbox.path().join("out");

    let template = read_json(&out.join("template.json"));
    assert_eq!(template["index_patterns"][0], "news");
    let mapping = &template["template"]["mappings"];
    assert_eq!(mapping["dynamic"], "strict");
    let props = mapping["properties"].as_object().unwrap();
    let analysis = &template["template"]["settings"]["analysis"];
    for field in ["title", "body"] {
        assert_eq!(props[field]["type"], "text");
        let analyzer = props[field]["analyzer"].as_str().unwrap();
        assert!(
            analysis["analyzer"].get(analyzer).is_some(),
            "{analyzer} defined"
        );
    }
    for field in MANY.iter().chain(&["source", "language", "id"]) {
        assert_eq!(props[*field]["type"], "keyword", "{field}");
    }
    for sub in ["source", "language"] {
        let normalizer = props[sub]["fields"]["folded"]["normalizer"]
            .as_str()
            .unwrap();
        assert!(analysis["normalizer"].get(normalizer).is_some());
    }
    assert_eq!(props["date"]["type"], "date");
    let date_pattern = chrono_pattern(props["date"]["format"].as_str().unwrap());

    let ids = indexed_ids(&sandbox);
    assert!(ids.len() > 40, "{ids:?}");
    let files = bulk_files(&out);
    assert_eq!(files.len(), summary["bulk"].as_array().unwrap().len());
    assert_eq!(files.len(), ids.len().div_ceil(20));
    let mut seen: BTreeMap<String, Value> = BTreeMap::new();
    for file in &files {
        let pairs = pairs(file);
        assert!(!pairs.is_empty() && pairs.len() <= 20, "{}", file.display());
        for (action, doc) in pairs {
            let meta = &action["index"];
            assert_eq!(action.as_object().unwrap().len(), 1, "{action}");
            assert_eq!(meta["_index"], "news");
            let id = meta["_id"].as_str().unwrap().to_string();
            assert_eq!(doc["id"], id.as_str(), "the _id is the story's id");
            for (name, value) in doc.as_object().unwrap() {
                let mapped = props
                    .get(name)
                    .unwrap_or_else(|| panic!("{name} is not in the template (dynamic: strict)"));
                match mapped["type"].as_str().unwrap() {
                    "text" => assert!(value.is_string(), "{id} {name}: {value}"),
                    "keyword" if MANY.contains(&name.as_str()) => assert!(
                        value
                            .as_array()
                            .is_some_and(|a| !a.is_empty() && a.iter().all(Value::is_string)),
                        "{id} {name}: {value}"
                    ),
                    "keyword" => assert!(
                        value.is_string()
                            || value
                                .as_array()
                                .is_some_and(|a| a.iter().all(Value::is_string)),
                        "{id} {name}: {value}"
                    ),
                    "date" => {
                        let text = value.as_str().unwrap();
                        NaiveDateTime::parse_from_str(text, date_pattern)
                            .unwrap_or_else(|e| panic!("{id} date {text:?}: {e}"));
                    }
                    other => panic!("{name} has the unexpected type {other}"),
                }
            }
            assert!(
                seen.insert(id.clone(), doc).is_none(),
                "{id} exported twice"
            );
        }
    }
    assert_eq!(seen.keys().cloned().collect::<BTreeSet<_>>(), ids);
    assert_eq!(summary["stories"], ids.len());

    // The seed story holds what `show` shows: text, entities and date.
    let shown = sandbox.run(&["show", SEED_ID, "--json"]);
    shown.expect_code(0);
    let shown = shown.json();
    let doc = &seen[SEED_ID];
    for field in ["title", "body", "countries", "actors", "source"] {
        assert_eq!(doc[field], shown[field], "{field}");
    }
    let exported = DateTime::parse_from_rfc3339(doc["date"].as_str().unwrap()).unwrap();
    let stored = DateTime::parse_from_rfc3339(shown["date"].as_str().unwrap()).unwrap();
    assert_eq!(exported, stored);
}

/// The fields a query example names: values of `field` keys, and the keys of `term`,
/// `prefix` and `range` clauses.
fn named_fields(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("field", Value::String(f)) => out.push(f.clone()),
                    ("term" | "prefix" | "range", Value::Object(clause)) => {
                        out.extend(clause.keys().cloned())
                    }
                    ("fields", Value::Array(fs)) => out.extend(
                        fs.iter()
                            .map(|f| f.as_str().unwrap().split('^').next().unwrap().to_string()),
                    ),
                    _ => {}
                }
                named_fields(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| named_fields(v, out)),
        _ => {}
    }
}

#[test]
fn export_query_document_examples_are_json_over_mapped_fields() {
    let sandbox = Sandbox::new();
    export(&sandbox, &[]);
    let out = sandbox.path().join("out");
    let props = read_json(&out.join("template.json"))["template"]["mappings"]["properties"].clone();
    let doc = std::fs::read_to_string(out.join("QUERIES.md")).unwrap();
    for needle in [
        "_index_template/newsidx",
        "application/x-ndjson",
        "\"terms\"",
        "\"post_filter\"",
        "\"calendar_interval\"",
        "\"more_like_this\"",
    ] {
        assert!(doc.contains(needle), "QUERIES.md lacks {needle}");
    }
    let mut examples = 0;
    for rest in doc.split("```json\n").skip(1) {
        let body = &rest[..rest.find("```").unwrap()];
        let example: Value =
            serde_json::from_str(body).unwrap_or_else(|e| panic!("{e} in example:\n{body}"));
        let mut fields = Vec::new();
        named_fields(&example, &mut fields);
        assert!(!fields.is_empty(), "{example}");
        for field in fields {
            let (name, sub) = field.split_once('.').unwrap_or((&field, ""));
            let mapped = &props[name];
            assert!(mapped.is_object(), "{field} is not mapped");
            if !sub.is_empty() {
                assert!(mapped["fields"][sub].is_object(), "{field} is not mapped");
            }
        }
        examples += 1;
    }
    assert!(examples >= 5, "{examples} examples");
    // The related-stories example names a story that was exported.
    let related = doc.split("## Related").nth(1).unwrap();
    let first_bulk = std::fs::read_to_string(&bulk_files(&out)[0]).unwrap();
    let first: Value = serde_json::from_str(first_bulk.lines().next().unwrap()).unwrap();
    assert!(related.contains(first["index"]["_id"].as_str().unwrap()));
}

#[test]
fn export_cuts_bulk_files_at_the_byte_bound() {
    let sandbox = Sandbox::new();
    let summary = export(&sandbox, &["--max-bytes", "30000"]);
    let files = summary["bulk"].as_array().unwrap();
    assert!(files.len() > 3, "{summary}");
    for f in files {
        let bytes = f["bytes"].as_u64().unwrap();
        // Paths are as given: relative to the sandbox.
        let path = sandbox.path().join(f["path"].as_str().unwrap());
        let on_disk = std::fs::metadata(path).unwrap().len();
        assert_eq!(bytes, on_disk);
        assert!(bytes <= 30_000 || f["stories"] == 1, "{f}");
    }
}

#[test]
fn export_refuses_a_folder_with_files_unless_forced() {
    let sandbox = Sandbox::new();
    sandbox.index_corpus();
    sandbox.write("out/notes.txt", "mine");
    sandbox
        .run(&["export", "--to", "opensearch", "out"])
        .expect_code(2)
        .expect_stderr(&["out is not empty", "--force"]);
    assert!(!sandbox.path().join("out/template.json").exists());
    sandbox.write("out/bulk-0099.ndjson", "stale");
    sandbox
        .run(&["export", "--to", "opensearch", "out", "--force"])
        .expect_code(0);
    assert!(sandbox.path().join("out/template.json").exists());
    assert!(
        sandbox.path().join("out/notes.txt").exists(),
        "other files stay"
    );
    assert!(
        !sandbox.path().join("out/bulk-0099.ndjson").exists(),
        "an earlier export's bulk files go"
    );
}

#[test]
fn export_lists_the_engines_and_names_a_folder_it_cannot_make() {
    let sandbox = Sandbox::new();
    sandbox.index_corpus();
    sandbox
        .run(&["export", "--to", "quickwit", "out"])
        .expect_code(2)
        .expect_stderr(&["quickwit", "possible values: opensearch"]);
    sandbox.write("afile", "x");
    sandbox
        .run(&["export", "--to", "opensearch", "afile/out"])
        .expect_code(2)
        .expect_stderr(&["cannot create the folder", "afile/out"]);
    sandbox
        .run(&["export", "--to", "opensearch", "out", "--name", "News"])
        .expect_code(2)
        .expect_stderr(&["\"News\" cannot name an OpenSearch index"]);
}
