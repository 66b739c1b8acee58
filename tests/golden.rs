//! Golden test: `newsidx search --json` over the bundled corpus gives the same documents for a
//! fixed list of queries as when the file `tests/golden/search.json` was written. It guards
//! refactoring: a change of behaviour shows as a diff of this file.
//!
//! `NEWSIDX_BLESS=1 cargo test --test integration golden` rewrites the file from the current binary; review
//! the diff before committing it.

use crate::util::Sandbox;
use serde_json::{json, Value};

/// The searches, each as the arguments after `newsidx search`.
const SEARCHES: &[&[&str]] = &[
    &["Wagner Mali"],
    &[""],
    &["Mali", "--country", "FR"],
    &["Mali", "--country", "France"],
    &["\"foreign minister\" Lavrov -Ukraine"],
    &["coup OR junta", "--sort", "date", "--limit", "20"],
    &["junta country:Malian actor:\"PMC Wagner\" date:2021-09-01..2022-06-30"],
    &[
        "",
        "--actor",
        "Wagner Group",
        "--from",
        "2021-06",
        "--to",
        "2022",
    ],
    &["Mali", "--co-mentions"],
    &["title:mali OR body:bamako", "--fragments", "3"],
    &["", "--sort", "oldest", "--offset", "5", "--limit", "5"],
    &["election", "--interval", "year", "--facets", "3"],
    &["president", "--person", "Emmanuel Macron"],
    &["security", "--org", "United Nations", "--sort", "date"],
    &["\"interest rates\"~1"],
    &["minister -(Russia OR France)"],
    &["", "--place", "Bamako"],
    &["attack", "--country", "ML", "--country", "BF"],
    &["date:>=2022 country:BF"],
];

/// Drops what changes from run to run (the time taken), makes hits' file paths relative to the
/// corpus folder, rounds scores, and orders hits that
/// tie on the sort key (the score, or the date under `--sort`) by id: the corpus is indexed by
/// two threads, so the order of tied stories follows segment order, which is not behaviour.
/// Every search lists all its hits (`--limit 100`) except the paging one, whose sort key has no
/// ties on the page.
fn normalise(mut response: Value, by_date: bool) -> Value {
    if let Some(obj) = response.as_object_mut() {
        obj.remove("took_ms");
    }
    if let Some(hits) = response["hits"].as_array_mut() {
        let corpus = Sandbox::corpus();
        let corpus = std::fs::canonicalize(&corpus).unwrap_or(corpus);
        for hit in hits.iter_mut() {
            if let Some(score) = hit["score"].as_f64() {
                hit["score"] = json!((score * 1000.0).round() / 1000.0);
            }
            // The file path is absolute: keep the part below the corpus folder, which is
            // behaviour, and drop where the checkout happens to be, which is not.
            if let Some(path) = hit["path"].as_str() {
                let below = std::path::Path::new(path)
                    .strip_prefix(&corpus)
                    .map_or_else(|_| path.to_string(), |p| p.display().to_string());
                hit["path"] = json!(below);
            }
        }
        let key = |h: &Value| h[if by_date { "date" } else { "score" }].to_string();
        let mut start = 0;
        while start < hits.len() {
            let mut end = start + 1;
            while end < hits.len() && key(&hits[end]) == key(&hits[start]) {
                end += 1;
            }
            hits[start..end].sort_by_key(|h| h["id"].as_str().unwrap_or_default().to_string());
            start = end;
        }
    }
    response
}

#[test]
fn search_json_over_the_bundled_corpus_matches_the_golden_file() {
    let sandbox = Sandbox::new();
    sandbox.index_corpus();
    let mut actual = serde_json::Map::new();
    for args in SEARCHES {
        let key = args.join(" | ");
        let mut all = args.to_vec();
        if !args.contains(&"--limit") {
            all.extend(["--limit", "100"]);
        }
        let by_date = args.contains(&"--sort");
        actual.insert(key, normalise(sandbox.search_json(&all), by_date));
    }
    let stats = sandbox.run(&["stats", "--json"]);
    stats.expect_code(0);
    let mut stats = stats.json();
    if let Some(obj) = stats.as_object_mut() {
        // On-disk size depends on segment layout and timing, not on behaviour.
        obj.remove("size_bytes");
        obj.remove("index_bytes");
    }
    actual.insert("stats".into(), stats);
    let actual = Value::Object(actual);

    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/search.json");
    if std::env::var("NEWSIDX_BLESS").as_deref() == Ok("1") {
        let text = serde_json::to_string_pretty(&actual).unwrap() + "\n";
        std::fs::write(&path, text).unwrap();
        return;
    }
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the golden file {}: {e}", path.display()));
    let expected: Value = serde_json::from_str(&text).unwrap();
    for (key, want) in expected.as_object().unwrap() {
        let got = &actual[key];
        assert_eq!(
            got,
            want,
            "`{key}` differs from the golden file\n--- got\n{}\n--- want\n{}",
            serde_json::to_string_pretty(got).unwrap(),
            serde_json::to_string_pretty(want).unwrap()
        );
    }
    assert_eq!(
        actual.as_object().unwrap().len(),
        expected.as_object().unwrap().len(),
        "the golden file lists another set of searches"
    );
}
