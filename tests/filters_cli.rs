//! End-to-end tests of what a newcomer tripped on (issue 17): filters that ignore case and
//! match languages by primary subtag, country values, selected facet values shown first,
//! empty and reversed ranges, unknown languages, the language facet and list, HTML facets, and
//! the words of the search, stats, related and extract output.

use crate::util::{facet, ids, Sandbox};
use serde_json::Value;

/// A sandbox with a JSON Lines file of five stories (sources and languages in several
/// spellings) and one plain-text story, indexed.
fn sandbox() -> Sandbox {
    let sandbox = Sandbox::new();
    let story = |id: &str, title: &str, body: &str, source: &str, lang: &str, date: &str| {
        let mut v = serde_json::json!({
            "id": id, "title": title, "body": body, "source": source, "date": date,
        });
        if !lang.is_empty() {
            v["language"] = Value::from(lang);
        }
        v.to_string()
    };
    let lines = [
        story(
            "r1",
            "Saudi oil output rises",
            "Saudi Arabia raised its oil output, officials in Riyadh said.",
            "Reuters",
            "en",
            "1987-03-02T10:00:00Z",
        ),
        story(
            "r2",
            "Saudi oil exports steady",
            "Saudi Arabia kept oil exports steady while the United States bought more.",
            "Reuters",
            "EN",
            "1987-04-02T10:00:00Z",
        ),
        story(
            "r3",
            "US oil imports rise",
            "The United States imported more oil from Mexico and Canada.",
            "REUTERS",
            "en-GB",
            "1987-05-02T10:00:00Z",
        ),
        story(
            "f1",
            "Helsinki port strike ends",
            "Dockers in Helsinki, Finland, ended their strike over pay.",
            "STT",
            "fi-FI",
            "1987-06-02T10:00:00Z",
        ),
        story(
            "s1",
            "Soviet grain purchases grow",
            "The Soviet Union bought more grain from the United States, Moscow said.",
            "Reuters",
            "",
            "1987-07-02T10:00:00Z",
        ),
    ];
    sandbox.write("in/wire.jsonl", lines.join("\n") + "\n");
    sandbox.write(
        "in/text/oil-talks.txt",
        "Oil talks open in Vienna\n\n2 Aug 1987\n\nOil ministers met in Vienna, Reuters \
         reported.\n",
    );
    sandbox.run(&["index", "in"]).expect_code(0);
    sandbox
}

fn total(r: &Value) -> u64 {
    r["total"].as_u64().unwrap()
}

/// Item 1: `--source reuters` gave only the story spelled "REUTERS", `source:reuters oil`
/// gave 0, and `--lang fi` was unknown although a story is `fi-FI`.
#[test]
fn source_and_language_filters_ignore_case_and_match_primary_subtags() {
    let s = sandbox();
    let reuters = ["r1", "r2", "r3", "s1"];
    for args in [
        &["", "--source", "reuters"][..],
        &["", "--source", "Reuters"],
        &["", "--source", "REUTERS"],
        &["source:reuters"],
    ] {
        assert_eq!(ids(&s.search_json(args)), reuters, "{args:?}");
    }
    assert_eq!(
        ids(&s.search_json(&["source:reuters oil"])),
        ["r1", "r2", "r3"]
    );
    for lang in ["fi", "FI", "fi-FI", "fi-fi"] {
        assert_eq!(ids(&s.search_json(&["", "--lang", lang])), ["f1"], "{lang}");
    }
    // s1 has no language tag: it is detected as English.
    assert_eq!(ids(&s.search_json(&["lang:en"])), ["r1", "r2", "r3", "s1"]);
    assert_eq!(ids(&s.search_json(&["lang:en-gb"])), ["r3"]);
    // The source facet keeps each spelling; languages are lower-case tags.
    let all = s.search_json(&[""]);
    let sources = facet(&all, "source");
    assert!(sources.contains(&("Reuters".into(), 3)), "{sources:?}");
    assert!(sources.contains(&("REUTERS".into(), 1)), "{sources:?}");
    let languages = facet(&all, "language");
    for expected in [("en", 3), ("en-gb", 1), ("fi-fi", 1), ("und", 1)] {
        assert!(
            languages.contains(&(expected.0.into(), expected.1)),
            "{expected:?} not in {languages:?}"
        );
    }
}

/// Item 2: `--country XX` (and QQ, ZZ, EU) quietly gave 0 stories; `--country "Soviet
/// Union"`, `"West Germany"`, `USSR` and `England` were rejected as unknown.
#[test]
fn unknown_country_codes_fail_and_historical_states_resolve() {
    let s = sandbox();
    for code in ["XX", "QQ", "ZZ", "EU"] {
        s.run(&["search", "", "--country", code])
            .expect_code(2)
            .expect_stderr(&["unknown country", code]);
    }
    for (name, code) in [
        ("Soviet Union", "RU"),
        ("USSR", "RU"),
        ("West Germany", "DE"),
        ("England", "GB"),
    ] {
        let run = s.run(&["search", "", "--country", name, "--json"]);
        assert!(run.code == 0 || run.code == 1, "{name}: {}", run.stderr);
        assert_eq!(run.json()["filters"]["country"], serde_json::json!([code]));
    }
    let soviet = s.search_json(&["grain country:\"Soviet Union\""]);
    assert_eq!(ids(&soviet), ["s1"]);
}

/// Item 3: under `country:"Saudi Arabia"` the terminal listed `US United States` first and
/// the selected country could be missing from the list (here Mexico, outside the top 1).
#[test]
fn the_terminal_shows_selected_facet_values_first_and_marked() {
    let s = sandbox();
    let run = s.run(&[
        "search",
        "oil",
        "--country",
        "Mexico",
        "--facets",
        "1",
        "--color",
        "never",
    ]);
    run.expect_code(0);
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("Countries:"))
        .unwrap_or_else(|| panic!("no country facet:\n{}", run.stdout));
    assert!(
        line == "Countries: selected: MX Mexico (1); others: SA Saudi Arabia (2)",
        "{line}"
    );
    // The JSON keeps the drill-sideways list as counted: the top value only.
    let json = s.search_json(&["oil", "--country", "MX", "--facets", "1"]);
    assert_eq!(facet(&json, "country"), [("SA".to_string(), 2)]);
}

/// Item 4: `--from 1987-06 --to 1987-03` gave 0 silently, and `--offset 5000` said nothing.
#[test]
fn reversed_dates_fail_and_an_offset_past_the_end_is_noted() {
    let s = sandbox();
    s.run(&["search", "oil", "--from", "1987-06", "--to", "1987-03"])
        .expect_code(2)
        .expect_stderr(&["from 1987-06-01 is after to 1987-03-31"]);
    s.run(&["search", "oil date:1987-06..1987-03"])
        .expect_code(2)
        .expect_stderr(&["dates run backwards"]);
    let run = s.run(&["search", "oil", "--offset", "5000"]);
    run.expect_code(0)
        .expect_stderr(&["--offset 5000 is past the end: 4 stories match"]);
    let run = s.run(&["search", "oil", "--offset", "1"]);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

/// Items 6 and 8: `lang:en` silently left out the plain-text stories, which carry no
/// language; `stats` had no language list and searches no language facet. An untagged story
/// gets the language detected in its text; the two-line plain-text story (seven words in
/// lower case) is too short to tell and stays unknown.
#[test]
fn unknown_languages_are_marked_listed_and_noted() {
    let s = sandbox();
    let run = s.run(&["search", "oil", "--lang", "en"]);
    run.expect_code(0)
        .expect_stderr(&["leaves out 1 story of unknown language", "lang:unknown"]);
    let unknown = s.search_json(&["oil lang:unknown"]);
    assert_eq!(total(&unknown), 1);
    assert_eq!(unknown["hits"][0]["title"], "Oil talks open in Vienna");
    let stats = s.run(&["stats"]);
    stats.expect_code(0);
    assert!(
        stats
            .stdout
            .contains("Languages: en (3), en-gb (1), fi-fi (1), und unknown (1)"),
        "{}",
        stats.stdout
    );
    let json = s.run(&["stats", "--json"]).json();
    assert_eq!(json["languages"][0]["value"], "en");
    assert_eq!(json["languages"][3]["label"], "unknown");
    let text = s.run(&["search", "oil", "--color", "never"]);
    assert!(
        text.stdout
            .contains("Languages: en (2), en-gb (1), und unknown (1)"),
        "{}",
        text.stdout
    );
}

/// Item 14: `--format html` had no facets.
#[test]
fn html_output_has_the_facets() {
    let s = sandbox();
    let run = s.run(&["search", "oil", "--format", "html", "--country", "SA"]);
    run.expect_code(0);
    let html = &run.stdout;
    assert!(html.contains("<h2>Facets</h2>"), "{html}");
    assert!(
        html.contains("<li class=\"selected\"><strong>SA Saudi Arabia (2)</strong></li>"),
        "{html}"
    );
    assert!(html.contains("<h3>Languages</h3>"), "{html}");
    assert!(html.trim_end().ends_with("</body></html>"), "{html}");
}

/// Item 16: "1 stories" in search, stats and related output; "BF?" unexplained in `extract`;
/// quarter buckets labelled by their first month.
#[test]
fn words_agree_with_their_numbers_and_marks_are_explained() {
    let s = sandbox();
    let run = s.run(&["search", "Helsinki"]);
    assert!(run.stdout.starts_with("1 story matches"), "{}", run.stdout);
    let run = s.run(&["search", "oil", "--interval", "quarter", "--color", "never"]);
    assert!(run.stdout.contains("1987-Q1"), "{}", run.stdout);
    assert!(run.stdout.contains("1987-Q3"), "{}", run.stdout);
    let one = Sandbox::new();
    one.write("in/a.txt", "Oil up\n\n2 Aug 1987\n\nOil prices rose.\n");
    one.run(&["index", "in"]).expect_code(0);
    let stats = one.run(&["stats"]);
    assert!(stats.stdout.contains(": 1 story, "), "{}", stats.stdout);
    let related = s.run(&["related", "r1", "--limit", "1"]);
    assert!(
        related.stdout.starts_with("1 story related to"),
        "{}",
        related.stdout
    );
    // The seed story names Libya once, in passing: "LY?", now explained.
    let seed = Sandbox::corpus().join("000_9d45f85104269f96.txt");
    let run = s.run(&["extract", seed.to_str().unwrap()]);
    run.expect_code(0);
    assert!(run.stdout.contains("LY? (1 mention, "), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("(CODE?: named, but not what the story is about"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("(1 mentions"), "{}", run.stdout);
}

/// Item 16: `related` showed stems ("compani") and the stop word "this" as shared terms.
#[test]
fn related_shows_shared_words_as_written() {
    let s = Sandbox::new();
    s.index_corpus();
    let run = s.run(&["related", "9b9822b2a3f68534", "--limit", "5", "--json"]);
    run.expect_code(0);
    let json = run.json();
    let mut words = Vec::new();
    for story in json["related"].as_array().unwrap() {
        for w in story["shared_terms"].as_array().unwrap() {
            words.push(w.as_str().unwrap().to_string());
        }
    }
    assert!(!words.is_empty());
    for stem in ["compani", "privat", "this", "thi", "secur"] {
        assert!(!words.iter().any(|w| w == stem), "{stem} in {words:?}");
    }
    assert!(
        words.iter().any(|w| w == "companies" || w == "private"),
        "{words:?}"
    );
    // In text, a word that is also a shared entity is listed once.
    let text = s.run(&["related", "9b9822b2a3f68534", "--limit", "5"]);
    for line in text
        .stdout
        .lines()
        .filter(|l| l.trim_start().starts_with("shared:"))
    {
        let items: Vec<&str> = line.trim_start()["shared: ".len()..].split(", ").collect();
        let mut unique = items.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), items.len(), "{line}");
    }
}
