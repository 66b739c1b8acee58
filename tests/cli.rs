//! End-to-end tests of the `newsidx` binary on the bundled corpus: indexing (twice, and
//! beside a bad file), the seed story's search and facets, the JSON keys, the country and
//! date filters, the exit codes and the human output.

use crate::util::{facet, Sandbox};
use serde_json::Value;

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {value}"))
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

fn facet_values(response: &Value, dim: &str) -> Vec<(String, u64)> {
    facet(response, dim)
}

fn search(sandbox: &Sandbox, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend_from_slice(&["--limit", "1000"]);
    sandbox.search_json(&all)
}

#[test]
fn wagner_mali_finds_the_seed_with_its_facets() {
    let sandbox = Sandbox::new();
    let summary = sandbox.index_corpus();
    assert!(
        summary["stories_in_index"].as_u64().unwrap() >= 61,
        "{summary}"
    );

    let run = sandbox.run(&["search", "Wagner Mali", "--json"]);
    run.expect_code(0);
    let response = run.json();
    let top3: Vec<&str> = response["hits"]
        .as_array()
        .unwrap()
        .iter()
        .take(3)
        .map(|h| h["title"].as_str().unwrap())
        .collect();
    assert!(
        top3.contains(&"Mali approached Russian companies, Moscow not involved: Lavrov"),
        "seed not in the top 3: {top3:?}"
    );
    let countries: Vec<String> = facet_values(&response, "country")
        .into_iter()
        .map(|(v, _)| v)
        .collect();
    assert!(countries.contains(&"ML".to_string()), "{countries:?}");
    assert!(countries.contains(&"RU".to_string()), "{countries:?}");
    let actors: Vec<String> = facet_values(&response, "actor")
        .into_iter()
        .map(|(v, _)| v)
        .collect();
    assert!(actors.contains(&"Wagner Group".to_string()), "{actors:?}");
}

#[test]
fn json_output_has_the_documented_keys() {
    let sandbox = Sandbox::new();
    sandbox.index_corpus();
    let response = search(&sandbox, &["Wagner Mali"]);
    for key in ["query", "total", "took_ms", "hits", "facets", "histogram"] {
        assert!(response.get(key).is_some(), "missing {key}: {response}");
    }
    assert_eq!(response["query"], "Wagner Mali");
    let hit = &response["hits"][0];
    for key in [
        "id",
        "score",
        "title",
        "date",
        "source",
        "snippet",
        "countries",
        "actors",
    ] {
        assert!(hit.get(key).is_some(), "hit lacks {key}: {hit}");
    }
    for dim in ["country", "actor", "source"] {
        assert!(
            response["facets"][dim].is_array(),
            "facet {dim}: {response}"
        );
    }
    let country = &response["facets"]["country"][0];
    for key in ["value", "label", "count"] {
        assert!(country.get(key).is_some(), "facet value lacks {key}");
    }
    assert!(response["histogram"]["interval"].is_string());
    let buckets = response["histogram"]["buckets"].as_array().unwrap();
    assert!(buckets[0]["start"]
        .as_str()
        .unwrap()
        .ends_with("T00:00:00Z"));
    let sum: u64 = buckets.iter().map(|b| b["count"].as_u64().unwrap()).sum();
    let undated = response["histogram"]["undated"].as_u64().unwrap();
    assert_eq!(sum + undated, response["total"].as_u64().unwrap());
}

#[test]
fn country_filter_keeps_only_that_country_and_never_adds() {
    let sandbox = Sandbox::new();
    sandbox.index_corpus();
    let all = search(&sandbox, &["Mali"]);
    let france = search(&sandbox, &["Mali", "--country", "FR"]);
    let total_all = all["total"].as_u64().unwrap();
    let total_fr = france["total"].as_u64().unwrap();
    assert!(total_fr > 0, "no Mali story about France: {france}");
    assert!(total_fr <= total_all);
    for hit in france["hits"].as_array().unwrap() {
        assert!(
            strings(&hit["countries"]).contains(&"FR".to_string()),
            "{hit}"
        );
    }
    // Drill-sideways: the FR count under --country FR is the FR count without the filter.
    let fr_count = |r: &Value| {
        facet_values(r, "country")
            .into_iter()
            .find(|(v, _)| v == "FR")
            .map(|(_, n)| n)
    };
    assert_eq!(fr_count(&all), Some(total_fr));
    assert_eq!(france["filters"]["country"], serde_json::json!(["FR"]));
    // A country name resolves to its code.
    let by_name = search(&sandbox, &["Mali", "--country", "France"]);
    assert_eq!(by_name["total"], france["total"]);
}

#[test]
fn date_range_keeps_only_dates_in_range() {
    let sandbox = Sandbox::new();
    sandbox.index_corpus();
    let all = search(&sandbox, &[""]);
    let ranged = search(&sandbox, &["", "--from", "2021-06", "--to", "2022"]);
    let n = ranged["total"].as_u64().unwrap();
    assert!(n > 0 && n < all["total"].as_u64().unwrap(), "{n}");
    for hit in ranged["hits"].as_array().unwrap() {
        let date = hit["date"].as_str().expect("a dated hit");
        assert!(
            ("2021-06-01".."2023-01-01").contains(&&date[..10]),
            "{date} out of range"
        );
    }
}

#[test]
fn indexing_twice_leaves_the_count_unchanged() {
    let sandbox = Sandbox::new();
    let first = sandbox.index_corpus();
    let second = sandbox.index_corpus();
    assert_eq!(first["stories_in_index"], second["stories_in_index"]);
    assert!(first["stories_in_index"].as_u64().unwrap() > 0);
}

#[test]
fn no_hits_exit_1_and_bad_input_exit_2() {
    let sandbox = Sandbox::new();
    sandbox.index_corpus();
    let none = sandbox.run(&["search", "zzyzxnonexistentword"]);
    none.expect_code(1);
    assert!(
        none.stdout.starts_with("0 stories match"),
        "{}",
        none.stdout
    );
    let bad = sandbox.run(&["search", "wagner", "--from", "2021-02-31"]);
    bad.expect_code(2).expect_stderr(&["2021-02-31"]);
    let missing = sandbox.run(&["search", "x", "--index", "nowhere"]);
    missing.expect_code(2).expect_stderr(&["newsidx index"]);
}

#[test]
fn a_bad_file_is_reported_and_the_rest_indexed() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "in/good.txt",
        "Mali talks resume\n\n25 Sep 2021\n\nTalks in Bamako resumed.\n\nSource: AFP\n",
    );
    sandbox.write(
        "in/wire.jsonl",
        "{\"id\":\"a\",\"title\":\"One\",\"body\":\"x\"}\n{broken\n{\"id\":\"b\",\"title\":\"Two\",\"body\":\"y\"}\n",
    );
    sandbox.write("in/picture.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let run = sandbox.run(&["index", "in"]);
    run.expect_code(3);
    assert!(
        run.stdout.contains("wire.jsonl, line 2: invalid JSON"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("picture.txt"), "{}", run.stdout);
    let response = search(&sandbox, &[""]);
    assert_eq!(response["total"], 3);
}

#[test]
fn human_output_shows_hits_and_facets() {
    let sandbox = Sandbox::new();
    sandbox.index_corpus();
    let run = sandbox.run(&["search", "Wagner Mali", "--limit", "3"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("stories match \"Wagner Mali\""),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Countries: "), "{}", run.stdout);
    assert!(run.stdout.contains("ML Mali ("), "{}", run.stdout);
    assert!(run.stdout.contains("Actors: "), "{}", run.stdout);
    assert!(run.stdout.contains("Stories per "), "{}", run.stdout);
    assert!(!run.stdout.contains("\x1b["), "colour when not a terminal");
}
