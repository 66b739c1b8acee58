//! Near-duplicate groups through the command line: `--duplicates collapse|show` and
//! `--count groups` on `search`, and `cluster`/`duplicates` on every hit.

use crate::util::Sandbox;

/// JSON Lines of two wire versions of one story and one other story.
fn wires() -> String {
    let body = "The central bank raised its main interest rate by half a point on Tuesday, the \
        third increase this year, saying inflation had proved more stubborn than expected. \
        Economists had forecast a smaller move. The currency rose against the dollar after the \
        announcement, and bond yields climbed to their highest in a decade. The governor told \
        reporters the bank would act again if prices kept rising, and said wages were growing \
        faster than productivity in most industries.";
    [
        serde_json::json!({"id": "w1", "title": "Bank raises rates", "body": body}),
        serde_json::json!({"id": "w2", "title": "UPDATE 1-Bank raises rates",
            "body": format!("{body} Shares of banks fell two percent in early trade.")}),
        serde_json::json!({"id": "s1", "title": "Bank holiday traffic",
            "body": "Roads were busy as the bank holiday began."}),
    ]
    .iter()
    .map(|j| format!("{j}\n"))
    .collect()
}

fn indexed() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write("wires/w.jsonl", wires());
    sandbox.run(&["index", "wires"]).expect_code(0);
    sandbox
}

#[test]
fn search_collapses_wire_versions_to_one_hit_by_default() {
    let sandbox = indexed();
    let collapsed = sandbox.search_json(&["bank"]);
    assert_eq!(collapsed["total"], 3, "stories are counted: {collapsed}");
    let hits = collapsed["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 2, "{collapsed}");
    let wire = hits.iter().find(|h| h["cluster"] == "w1").unwrap();
    assert_eq!(wire["duplicates"], 1);
    let other = hits.iter().find(|h| h["id"] == "s1").unwrap();
    assert_eq!(
        (&other["cluster"], &other["duplicates"]),
        (&"s1".into(), &0.into())
    );
}

#[test]
fn show_lists_every_version_and_count_groups_counts_each_group_once() {
    let sandbox = indexed();
    let shown = sandbox.search_json(&["bank", "--duplicates", "show"]);
    let hits = shown["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 3, "{shown}");
    for id in ["w1", "w2"] {
        let hit = hits.iter().find(|h| h["id"] == id).unwrap();
        assert_eq!(
            (&hit["cluster"], &hit["duplicates"]),
            (&"w1".into(), &1.into())
        );
    }
    let text = sandbox.run(&["search", "rates", "--color", "never"]);
    text.expect_code(0);
    assert!(text.stdout.contains("1 copy (group w1)"), "{}", text.stdout);
    let groups = sandbox.search_json(&["bank", "--count", "groups"]);
    assert_eq!(groups["total"], 2, "{groups}");
    sandbox
        .run(&["search", "bank", "--duplicates", "hide"])
        .expect_code(2)
        .expect_stderr(&["collapse", "show"]);
}

#[test]
fn ndjson_hits_carry_their_group() {
    let sandbox = indexed();
    let run = sandbox.run(&["search", "rates", "--format", "ndjson", "--all"]);
    run.expect_code(0);
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert_eq!(
        (&lines[0]["cluster"], &lines[0]["duplicates"]),
        (&"w1".into(), &1.into())
    );
}

/// Issue 13: two versions of one agency story (JSON Lines `id` with `version`): the newer
/// stands whatever the order, and an older one in a later run is skipped and said so.
#[test]
fn an_older_version_in_a_later_run_is_skipped_and_the_summary_says_so() {
    let sandbox = Sandbox::new();
    let story = |version: u32, word: &str| {
        format!(
            "{}\n",
            serde_json::json!({"id": "afp-1", "version": version, "title": "Port strike",
                "body": format!("Dockers met; the {word} clause was discussed.")})
        )
    };
    sandbox.write("feed/a.jsonl", story(2, "okapi"));
    sandbox.run(&["index", "feed"]).expect_code(0);
    sandbox.write("feed/b.jsonl", story(1, "zebra"));
    let out = sandbox.run(&["index", "feed"]);
    out.expect_code(0);
    assert!(
        out.stdout
            .contains("Skipped 1 older version: the index already held a newer version of its id."),
        "{}",
        out.stdout
    );
    assert_eq!(sandbox.search_json(&["okapi"])["total"], 1);
    assert_eq!(sandbox.search_json(&["zebra"])["total"], 0);
}
