//! End-to-end tests of `newsidx search` and `newsidx related` on the bundled corpus: the
//! query language, drill-sideways facets, histogram, paging and streaming, highlighting,
//! related stories and the JSON shape.

use crate::util::{facet, Sandbox};
use serde_json::Value;

fn json_search(sandbox: &Sandbox, args: &[&str]) -> Value {
    sandbox.search_json(args)
}

fn ids(response: &Value) -> Vec<String> {
    response["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

fn total(response: &Value) -> u64 {
    response["total"].as_u64().unwrap()
}

#[test]
fn syntax_errors_name_the_position_and_what_was_expected() {
    let sandbox = Sandbox::new();
    sandbox.index_corpus();
    for (query, position, expected) in [
        ("wagner (mali", "at character 13", "expected ')'"),
        ("\"foreign minister", "at character 18", "expected '\"'"),
        ("coup OR", "at character 8", "after OR"),
        ("mali -", "at character 7", "after '-'"),
        (
            "mali contry:FR",
            "at character 6",
            "expected title:, body:, country:",
        ),
        ("oil date:2021-13", "at character 10", "expected a date"),
        ("\"a b\"~x", "at character 7", "a number"),
    ] {
        let run = sandbox.run(&["search", query]);
        run.expect_code(2)
            .expect_stderr(&[position, expected, "syntax error"]);
    }
}

#[test]
fn unknown_countries_and_actors_suggest_the_closest_names() {
    let sandbox = Sandbox::new();
    sandbox.index_corpus();
    let run = sandbox.run(&["search", "country:Malii"]);
    run.expect_code(2)
        .expect_stderr(&["unknown country \"Malii\"", "Mali"]);
    let run = sandbox.run(&["search", "mali", "--actor", "Wagnr Group"]);
    run.expect_code(2)
        .expect_stderr(&["unknown actor", "did you mean Wagner Group"]);
}

#[test]
fn inline_filters_equal_options_and_resolve_names_and_demonyms() {
    let sandbox = Sandbox::new();
    sandbox.index_corpus();
    let option = json_search(&sandbox, &["Mali", "--country", "FR", "--limit", "100"]);
    assert!(total(&option) > 0);
    for inline in [
        "Mali country:FR",
        "Mali country:France",
        "country:French Mali",
    ] {
        let r = json_search(&sandbox, &[inline, "--limit", "100"]);
        assert_eq!(ids(&r), ids(&option), "{inline}");
        assert_eq!(
            r["filters"]["country"],
            serde_json::json!(["FR"]),
            "{inline}"
        );
    }
    // Values of one kind are alternatives, kinds AND together.
    let either = json_search(&sandbox, &["country:FR", "--country", "RU", "--limit", "0"]);
    let fr = json_search(&sandbox, &["country:FR", "--limit", "0"]);
    let ru = json_search(&sandbox, &["country:RU", "--limit", "0"]);
    assert!(total(&either) >= total(&fr).max(total(&ru)));
    assert!(total(&either) <= total(&fr) + total(&ru));
    let both = json_search(&sandbox, &["country:FR actor:Wagner", "--limit", "0"]);
    assert!(total(&both) <= total(&fr));
    assert_eq!(
        both["filters"]["actor"],
        serde_json::json!(["Wagner Group"])
    );
    let ranged = json_search(&sandbox, &["date:2021-06..2022", "--limit", "100"]);
    let option = json_search(
        &sandbox,
        &["", "--from", "2021-06", "--to", "2022", "--limit", "100"],
    );
    assert_eq!(ids(&ranged), ids(&option));
}

#[test]
fn drill_sideways_for_every_dimension() {
    let sandbox = Sandbox::new();
    sandbox.index_corpus();
    let base = json_search(&sandbox, &["", "--facets", "1000", "--limit", "0"]);
    for (dim, option) in [
        ("country", "--country"),
        ("actor", "--actor"),
        ("person", "--person"),
        ("organisation", "--org"),
        ("place", "--place"),
        ("source", "--source"),
    ] {
        let values = facet(&base, dim);
        let (value, count) = values
            .iter()
            .find(|(_, n)| *n > 1 && *n < total(&base))
            .unwrap_or_else(|| panic!("no {dim} value to filter on: {values:?}"))
            .clone();
        let filtered = json_search(
            &sandbox,
            &["", option, &value, "--facets", "1000", "--limit", "0"],
        );
        assert_eq!(total(&filtered), count, "{dim} {value}");
        // The value's count under its own filter is its count without it, and the
        // dimension's other values are still there.
        assert_eq!(facet(&filtered, dim), values, "{dim} {value}");
        assert!(
            filtered["filters"].as_object().unwrap().len() == 1,
            "{dim}: {}",
            filtered["filters"]
        );
    }
}

#[test]
fn histogram_buckets_sum_to_the_total_on_calendar_months() {
    let sandbox = Sandbox::new();
    sandbox.index_corpus();
    let r = json_search(&sandbox, &["", "--interval", "month", "--limit", "0"]);
    assert_eq!(r["histogram"]["interval"], "month");
    let buckets = r["histogram"]["buckets"].as_array().unwrap();
    let sum: u64 = buckets.iter().map(|b| b["count"].as_u64().unwrap()).sum();
    assert_eq!(sum + r["histogram"]["undated"].as_u64().unwrap(), total(&r));
    let starts: Vec<&str> = buckets
        .iter()
        .map(|b| b["start"].as_str().unwrap())
        .collect();
    for pair in starts.windows(2) {
        let (y0, m0): (i32, u32) = (
            pair[0][..4].parse().unwrap(),
            pair[0][5..7].parse().unwrap(),
        );
        let (y1, m1): (i32, u32) = (
            pair[1][..4].parse().unwrap(),
            pair[1][5..7].parse().unwrap(),
        );
        assert_eq!(y1 * 12 + m1 as i32, y0 * 12 + m0 as i32 + 1, "{pair:?}");
        assert!(pair[1].ends_with("-01T00:00:00Z"), "{pair:?}");
    }
    // The automatic interval also covers every dated match.
    let auto = json_search(&sandbox, &["Mali", "--limit", "0"]);
    let sum: u64 = auto["histogram"]["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["count"].as_u64().unwrap())
        .sum();
    assert_eq!(
        sum + auto["histogram"]["undated"].as_u64().unwrap(),
        total(&auto)
    );
}

#[test]
fn pages_are_stable_and_complete_and_all_streams_total_lines() {
    let sandbox = Sandbox::new();
    sandbox.index_corpus();
    for sort in ["relevance", "date", "oldest"] {
        let full = json_search(&sandbox, &["Mali", "--sort", sort, "--limit", "1000"]);
        let n = total(&full) as usize;
        assert!(n > 10);
        let mut paged = Vec::new();
        let mut offset = 0;
        while offset < n {
            let page = json_search(
                &sandbox,
                &[
                    "Mali",
                    "--sort",
                    sort,
                    "--limit",
                    "7",
                    "--offset",
                    &offset.to_string(),
                ],
            );
            assert_eq!(total(&page) as usize, n);
            paged.extend(ids(&page));
            offset += 7;
        }
        assert_eq!(paged, ids(&full), "{sort}");
        let mut distinct = paged.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), n, "{sort}: duplicates across pages");

        let run = sandbox.run(&[
            "search", "Mali", "--sort", sort, "--all", "--format", "ndjson",
        ]);
        run.expect_code(0);
        let lines: Vec<Value> = run
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
            .collect();
        assert_eq!(lines.len(), n, "{sort}");
        let mut streamed: Vec<String> = lines
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect();
        if sort != "relevance" {
            assert_eq!(streamed, ids(&full), "{sort}");
        }
        streamed.sort();
        assert_eq!(streamed, distinct, "{sort}");
    }
    let every = sandbox.run(&["search", "", "--all", "--format", "ndjson"]);
    let all = json_search(&sandbox, &["", "--limit", "0"]);
    assert_eq!(every.stdout.lines().count() as u64, total(&all));
}

#[test]
fn a_phrase_is_highlighted_as_one_range() {
    let sandbox = Sandbox::new();
    sandbox.index_corpus();
    let r = json_search(&sandbox, &["\"foreign minister\"", "--fragments", "3"]);
    assert!(total(&r) > 0);
    let mut phrases = 0;
    for hit in r["hits"].as_array().unwrap() {
        let fragments = hit["fragments"].as_array().unwrap();
        assert!(!fragments.is_empty() && fragments.len() <= 3, "{hit}");
        assert_eq!(hit["snippet"], fragments[0]["text"]);
        for fragment in fragments {
            let text = fragment["text"].as_str().unwrap();
            for range in fragment["highlights"].as_array().unwrap() {
                let (s, e) = (
                    range[0].as_u64().unwrap() as usize,
                    range[1].as_u64().unwrap() as usize,
                );
                let marked = text[s..e].to_lowercase();
                assert!(
                    marked.starts_with("foreign") && marked.ends_with("minister"),
                    "a word of the phrase marked alone: {marked:?} in {text:?}"
                );
                phrases += 1;
            }
        }
    }
    assert!(phrases > 0, "no phrase marked: {r}");
}

#[test]
fn entity_mentions_are_marked_under_a_country_filter() {
    let sandbox = Sandbox::new();
    sandbox.index_corpus();
    let r = json_search(&sandbox, &["junta country:ML", "--fragments", "2"]);
    let marked: Vec<String> = r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|h| h["fragments"].as_array().unwrap().clone())
        .flat_map(|f| {
            let text = f["text"].as_str().unwrap().to_string();
            f["mentions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| {
                    assert_eq!(m["entity"], "ML");
                    text[m["start"].as_u64().unwrap() as usize..m["end"].as_u64().unwrap() as usize]
                        .to_string()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        marked
            .iter()
            .any(|m| ["Mali", "Malian", "Bamako"].contains(&m.as_str())),
        "{marked:?}"
    );
}

#[test]
fn terminal_html_and_colour_renderers() {
    let sandbox = Sandbox::new();
    sandbox.index_corpus();
    let plain = sandbox.run(&["search", "Wagner", "--color", "never", "--limit", "2"]);
    plain.expect_code(0);
    assert!(!plain.stdout.contains("\x1b["));
    assert!(plain.stdout.contains("[Wagner]"), "{}", plain.stdout);
    let coloured = sandbox.run(&["search", "Wagner", "--color", "always", "--limit", "2"]);
    assert!(
        coloured.stdout.contains("\x1b[1;33mWagner\x1b[0m"),
        "{}",
        coloured.stdout
    );
    let html = sandbox.run(&["search", "Wagner", "--format", "html", "--limit", "2"]);
    html.expect_code(0);
    assert!(
        html.stdout.starts_with("<!DOCTYPE html>"),
        "{}",
        html.stdout
    );
    assert!(
        html.stdout.contains("<mark>Wagner</mark>"),
        "{}",
        html.stdout
    );
    assert!(!html.stdout.contains("\x1b["));
}

#[test]
fn json_has_every_key_old_and_new() {
    let sandbox = Sandbox::new();
    sandbox.index_corpus();
    let r = json_search(
        &sandbox,
        &["Wagner Mali", "--co-mentions", "--country", "ML"],
    );
    for key in [
        "query",
        "total",
        "took_ms",
        "hits",
        "facets",
        "histogram",
        "filters",
        "co_mentions",
    ] {
        assert!(r.get(key).is_some(), "missing {key}: {r}");
    }
    for dim in [
        "country",
        "actor",
        "source",
        "person",
        "organisation",
        "place",
    ] {
        assert!(r["facets"][dim].is_array(), "facet {dim}: {r}");
    }
    let hit = &r["hits"][0];
    for key in [
        "id",
        "score",
        "title",
        "date",
        "source",
        "snippet",
        "highlights",
        "fragments",
        "countries",
        "actors",
    ] {
        assert!(hit.get(key).is_some(), "hit lacks {key}: {hit}");
    }
    let fragment = &hit["fragments"][0];
    for key in ["text", "highlights", "mentions"] {
        assert!(
            fragment.get(key).is_some(),
            "fragment lacks {key}: {fragment}"
        );
    }
    assert!(r["histogram"]["interval"].is_string());
    assert!(r["histogram"]["buckets"][0]["start"].is_string());
    assert!(r["histogram"]["buckets"][0]["count"].is_u64());
    let co = &r["co_mentions"];
    for dim in ["actor", "country"] {
        let list = co[dim].as_array().unwrap_or_else(|| panic!("{co}"));
        for v in list {
            for key in ["value", "count", "background", "score"] {
                assert!(v.get(key).is_some(), "{v}");
            }
            assert!(v["count"].as_u64() <= v["background"].as_u64());
        }
    }
    assert!(!co["country"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v["value"] == "ML"));
    assert!(!co["actor"].as_array().unwrap().is_empty(), "{co}");
    // Without --co-mentions the key is there, null.
    let r = json_search(&sandbox, &["Wagner"]);
    assert!(r["co_mentions"].is_null());
}

#[test]
fn related_excludes_the_story_and_its_duplicates() {
    let sandbox = Sandbox::new();
    let body = "Ivory Coast cocoa arrivals at the ports of Abidjan and San Pedro rose to 500,000 \
                tonnes by the end of the week, exporters said on Monday, as the main crop harvest \
                gathered pace after the rains.";
    let line = |id: &str, title: &str, body: &str| {
        serde_json::json!({"id": id, "title": title, "body": body, "date": "2021-03-01"})
            .to_string()
    };
    let stories = [
        line("orig", "Ivory Coast cocoa arrivals rise", body),
        line("copy", "Ivory Coast cocoa arrivals rise", body),
        line(
            "near",
            "Cocoa arrivals up in Ivory Coast",
            &format!("{body} Traders agreed."),
        ),
        line(
            "retitled",
            "IVORY COAST COCOA ARRIVALS RISE",
            "Cocoa arrivals rose, exporters said.",
        ),
        line(
            "ghana",
            "Ghana cocoa arrivals fall",
            "Ghana cocoa arrivals at Tema fell to 200,000 tonnes, exporters said.",
        ),
        line(
            "gold",
            "Gold steady in London",
            "Gold was steady in quiet London trading on Monday.",
        ),
        line(
            "oil",
            "Oil prices rise",
            "Oil prices rose on Monday in London trading.",
        ),
        line(
            "wheat",
            "Wheat exports fall",
            "Wheat exports fell in the week, traders said.",
        ),
    ];
    sandbox.write("in/wire.jsonl", stories.join("\n") + "\n");
    sandbox.run(&["index", "in"]).expect_code(0);
    let run = sandbox.run(&["related", "orig", "--json"]);
    run.expect_code(0);
    let r = run.json();
    let related: Vec<&str> = r["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    for excluded in ["orig", "copy", "near", "retitled"] {
        assert!(!related.contains(&excluded), "{excluded} in {related:?}");
    }
    assert_eq!(related.first(), Some(&"ghana"), "{r}");
    let mut duplicates: Vec<&str> = r["duplicates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    duplicates.sort();
    assert_eq!(duplicates, ["copy", "near", "retitled"]);

    let text = sandbox.run(&["related", "orig", "--limit", "1"]);
    text.expect_code(0);
    assert!(
        text.stdout.contains("Ghana cocoa arrivals fall"),
        "{}",
        text.stdout
    );
    let missing = sandbox.run(&["related", "no-such-id"]);
    missing.expect_code(2).expect_stderr(&["no-such-id"]);
}

#[test]
fn countries_mentioned_in_passing_are_a_facet_and_a_filter_of_their_own() {
    // The seed story is about Russia, Mali and France, and names Libya and Afghanistan in
    // passing ("as in Libya", "the Taliban in Afghanistan"): the country filter leaves it out
    // for Libya, the mentioned filter keeps it, by code or by name.
    const SEED: &str = "9b9822b2a3f68534";
    let sandbox = Sandbox::new();
    sandbox.index_corpus();
    let about = json_search(&sandbox, &["", "--country", "LY", "--limit", "100"]);
    assert!(!ids(&about).contains(&SEED.to_string()));
    for value in ["LY", "Libya", "AF", "Afghanistan", "ML"] {
        let mentioned = json_search(&sandbox, &["", "--mentioned", value, "--limit", "100"]);
        assert!(ids(&mentioned).contains(&SEED.to_string()), "{value}");
    }
    let q = json_search(&sandbox, &["mentioned:Libya lavrov"]);
    assert!(ids(&q).contains(&SEED.to_string()));
    assert!(total(&q) < total(&json_search(&sandbox, &["lavrov"])));
    // Every story about a country mentions it: the mentioned facet counts at least as many.
    let all = json_search(&sandbox, &["", "--facets", "300"]);
    for (code, n) in facet(&all, "country") {
        let mentioned = facet(&all, "mentioned");
        let m = mentioned.iter().find(|(c, _)| *c == code).map(|(_, m)| *m);
        assert!(
            m.is_some_and(|m| m >= n),
            "{code}: {n} about, {m:?} mentioned"
        );
    }
}

/// Issue 11: a query may start with '-' (clap took `-title:cocoa` for a flag), nested
/// brackets are a syntax error and not a stack overflow, `--explain` shows the query as the
/// engine runs it, and the JSON echoes the normalised query.
#[test]
fn lucene_idioms_on_the_command_line() {
    let sandbox = Sandbox::new();
    sandbox.index_corpus();
    let mali = json_search(&sandbox, &["mali", "--limit", "0"]);
    let not_title = json_search(&sandbox, &["-title:mali mali", "--limit", "0"]);
    assert!(total(&not_title) > 0 && total(&not_title) < total(&mali));
    assert_eq!(not_title["parsed_query"], "NOT title:mali AND mali");
    // Options before and after a query that starts with '-'.
    let before = json_search(
        &sandbox,
        &["--limit", "0", "-title:mali", "--country", "ML"],
    );
    assert_eq!(before["query"], "-title:mali");
    assert_eq!(before["filters"]["country"], serde_json::json!(["ML"]));

    for (n, expected) in [
        (20_000, "at most 64 nested groups"),
        (100_000, "a query of at most 32768 bytes"),
    ] {
        let deep = "(".repeat(n);
        let run = sandbox.run(&["search", &deep]);
        run.expect_code(2).expect_stderr(&[
            "syntax error",
            expected,
            &format!("of {n} characters"),
        ]);
        assert!(run.stderr.len() < 1000, "{}", run.stderr);
    }
    let deep = format!("{}mali{}", "(".repeat(200), ")".repeat(200));
    sandbox
        .run(&["search", &deep])
        .expect_code(2)
        .expect_stderr(&["syntax error", "at character 65", "at most 64 nested"]);
    for (query, expected) in [
        ("wheat AND", "after AND"),
        ("NOT", "after NOT"),
        ("*", "a lone '*'"),
        ("headlne:mali", "did you mean headline:?"),
        ("date:[2021 TO 2022", "to close the range"),
    ] {
        sandbox
            .run(&["search", query])
            .expect_code(2)
            .expect_stderr(&["syntax error", expected]);
    }

    let run = sandbox.run(&[
        "search",
        "wag* NOT headline:mali",
        "--country",
        "ML",
        "--explain",
    ]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("parsed:  wag* AND NOT title:mali\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("body:wag*[wage wagner") && run.stdout.contains("#countries:\"ML\""),
        "{}",
        run.stdout
    );
    let run = sandbox.run(&["search", "mali || wagner", "--explain", "--json"]);
    run.expect_code(0);
    assert_eq!(run.json()["parsed_query"], "mali OR wagner");
}
