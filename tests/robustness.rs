//! End-to-end tests of incremental indexing, crash safety, the writer lock and `stats`.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::Sandbox;

/// Writes `files` JSON Lines files of `per_file` short stories each; returns the story count.
fn synthetic_corpus(sandbox: &Sandbox, files: usize, per_file: usize) -> u64 {
    for f in 0..files {
        let mut lines = String::new();
        for s in 0..per_file {
            lines.push_str(&format!(
                "{{\"id\":\"s{f}-{s}\",\"title\":\"Story {s} of file {f}\",\"date\":\"2021-{:02}-{:02}\",\"body\":\"Talks in Bamako and Paris continued on day {s}.\"}}\n",
                f % 12 + 1,
                s % 28 + 1
            ));
        }
        sandbox.write(&format!("big/part-{f:04}.jsonl"), lines);
    }
    (files * per_file) as u64
}

fn stats(sandbox: &Sandbox) -> serde_json::Value {
    let run = sandbox.run(&["stats", "--json"]);
    run.expect_code(0);
    run.json()
}

#[test]
fn stats_reports_what_the_index_holds() {
    let sandbox = Sandbox::new();
    let summary = sandbox.index_corpus();
    let s = stats(&sandbox);
    assert_eq!(s["stories"], summary["stories_in_index"]);
    let formats: Vec<&str> = s["formats"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["value"].as_str().unwrap())
        .collect();
    assert!(
        formats.contains(&"text") && formats.contains(&"jsonl"),
        "{formats:?}"
    );
    assert!(
        s["first_date"].as_str().unwrap().starts_with("2019-"),
        "{s}"
    );
    assert!(s["last_date"].as_str().unwrap().starts_with("2024-"), "{s}");
    assert!(s["size_bytes"].as_u64().unwrap() > 0);
    assert!(!s["countries"].as_array().unwrap().is_empty());
    let text = sandbox.run(&["stats"]);
    assert!(text.stdout.contains("Sources:"), "{}", text.stdout);
}

#[test]
fn a_second_run_skips_unchanged_files_and_prune_removes_gone_ones() {
    let sandbox = Sandbox::new();
    let total = synthetic_corpus(&sandbox, 3, 5);
    let first = sandbox.run(&["index", "big", "--json"]);
    first.expect_code(0);
    assert_eq!(first.json()["stories_in_index"], total);
    let second = sandbox.run(&["index", "big", "--json"]).json();
    assert_eq!(second["files_unchanged"], 3);
    assert_eq!(second["stories_indexed"], 0);
    std::fs::remove_file(sandbox.path().join("big/part-0001.jsonl")).unwrap();
    let pruned = sandbox.run(&["index", "big", "--prune", "--json"]).json();
    assert_eq!(pruned["files_pruned"], 1);
    assert_eq!(pruned["stories_in_index"], total - 5);
}

#[test]
fn a_second_writer_is_told_the_index_is_locked_at_once() {
    let sandbox = Sandbox::new();
    sandbox.write("in/a.txt", "Title\n\nBody.\n");
    let index = newsidx::NewsIndex::open_or_create(sandbox.path().join("idx")).unwrap();
    let _writer = index.writer_with_threads(1, 15_000_000).unwrap();
    let start = Instant::now();
    let run = sandbox.run(&["index", "in"]);
    run.expect_code(2)
        .expect_stderr(&["locked by another writer"]);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "waited for the lock"
    );
}

/// Runs `newsidx index FOLDER --commit-every 0.05 --threads 1`, waits until its commits hold
/// `files` whole files or more, then kills it with SIGKILL at once. Returns whether it had
/// finished before the kill.
///
/// The file record is written at every commit and lists the files that commit holds whole.
/// Waiting for the record alone is not enough (a time-based commit before any story is
/// written also writes it), and waiting a fixed time after it is not either (on a loaded
/// machine the run can be writing its last segments by then, every story committed).
fn index_then_kill_9(sandbox: &Sandbox, folder: &str, files: usize) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsidx"))
        .args(["index", folder, "--commit-every", "0.05", "--threads", "1"])
        .current_dir(sandbox.path())
        .env("NEWSIDX_INDEX", sandbox.path().join("idx"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let record = sandbox.path().join("idx/newsidx-files.json");
    let committed_files = || {
        std::fs::read(&record)
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
            .and_then(|v| v["files"].as_object().map(|f| f.len()))
            .unwrap_or(0)
    };
    let deadline = Instant::now() + Duration::from_secs(120);
    while committed_files() < files && Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let finished_before_kill = child.try_wait().unwrap().is_some();
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    finished_before_kill
}

#[test]
fn kill_9_during_indexing_leaves_an_index_at_its_last_commit() {
    let sandbox = Sandbox::new();
    let total = synthetic_corpus(&sandbox, 300, 100);
    let finished_before_kill = index_then_kill_9(&sandbox, "big", 1);

    let after_kill = stats(&sandbox)["stories"].as_u64().unwrap();
    assert!(after_kill > 0, "the first commit is in the index");
    if !finished_before_kill {
        assert!(
            after_kill < total,
            "killed mid-run, yet {after_kill} of {total} stories"
        );
    }
    let rerun = sandbox.run(&["index", "big", "--json"]);
    rerun.expect_code(0);
    assert_eq!(
        rerun.json()["stories_in_index"],
        total,
        "no duplicates, none missing"
    );
}

/// Writes `files` JSON Lines files of `per_file` stories, story `n` (counting across files) a
/// copy of story family `n % families`: the same 60 words, a title of its own. Returns each
/// story's id and family.
fn copies_corpus(
    sandbox: &Sandbox,
    files: usize,
    per_file: usize,
    families: usize,
) -> Vec<(String, usize)> {
    const WORDS: [&str; 40] = [
        "harvest", "council", "river", "budget", "strike", "port", "minister", "wheat", "court",
        "border", "vote", "bank", "storm", "rail", "export", "union", "mine", "coast", "school",
        "fuel", "market", "bridge", "army", "treaty", "price", "factory", "election", "drought",
        "tariff", "hospital", "village", "pipeline", "loan", "police", "festival", "airport",
        "reform", "debt", "grain", "ferry",
    ];
    let family_text = |k: usize| -> String {
        // A xorshift stream per family: different families share words, not phrases.
        let mut x = (k as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        (0..150)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                WORDS[(x % WORDS.len() as u64) as usize]
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut stories = Vec::new();
    for f in 0..files {
        let mut lines = String::new();
        for s in 0..per_file {
            let n = f * per_file + s;
            let (id, family) = (format!("c{f}-{s}"), n % families);
            let story = serde_json::json!({
                "id": id,
                "title": format!("Copy {n} of story {family}"),
                "date": "2021-03-04",
                "body": family_text(family),
            });
            lines.push_str(&format!("{story}\n"));
            stories.push((id, family));
        }
        sandbox.write(&format!("copies/part-{f:04}.jsonl"), lines);
    }
    stories
}

#[test]
fn kill_9_during_indexing_leaves_groups_a_rerun_makes_whole() {
    let sandbox = Sandbox::new();
    // Each story's copies are spread over many files, so that commits fall between them.
    let stories = copies_corpus(&sandbox, 120, 50, 700);
    // A few more commits land after the first, then the kill comes between or during them.
    let finished_before_kill = index_then_kill_9(&sandbox, "copies", 4);
    let after_kill = stats(&sandbox)["stories"].as_u64().unwrap();
    assert!(after_kill > 0, "the first commit is in the index");
    if !finished_before_kill {
        assert!(after_kill < stories.len() as u64, "killed mid-run");
    }

    // What the kill left is consistent, and a second run makes it whole.
    check_groups(&sandbox, &stories, after_kill as usize);
    sandbox.run(&["index", "copies"]).expect_code(0);
    check_groups(&sandbox, &stories, stories.len());
}

/// Checks the groups of every story in the index: `indexed` stories; each group headed by
/// one of its stories, holding stories of one family, every indexed story of a family in
/// one group, and every story's `duplicates` its group's size less one.
fn check_groups(sandbox: &Sandbox, stories: &[(String, usize)], indexed: usize) {
    use std::collections::{BTreeSet, HashMap};
    let run = sandbox.run(&[
        "search",
        "",
        "--all",
        "--duplicates",
        "show",
        "--format",
        "ndjson",
    ]);
    run.expect_code(0);
    let hits: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(hits.len(), indexed, "every story once");
    let family: HashMap<&str, usize> = stories.iter().map(|(id, f)| (id.as_str(), *f)).collect();
    let cluster_of: HashMap<&str, &str> = hits
        .iter()
        .map(|h| (h["id"].as_str().unwrap(), h["cluster"].as_str().unwrap()))
        .collect();
    let mut groups: HashMap<&str, Vec<&str>> = HashMap::new();
    for (id, cluster) in &cluster_of {
        groups.entry(cluster).or_default().push(id);
    }
    for (cluster, members) in &groups {
        assert_eq!(cluster_of.get(cluster), Some(cluster), "group {cluster}");
        let families: BTreeSet<usize> = members.iter().map(|id| family[id]).collect();
        assert_eq!(families.len(), 1, "group {cluster} mixes {families:?}");
    }
    let families: BTreeSet<usize> = cluster_of.keys().map(|id| family[id]).collect();
    assert_eq!(groups.len(), families.len(), "one group a family");
    for h in &hits {
        let size = groups[h["cluster"].as_str().unwrap()].len() as u64;
        assert_eq!(h["duplicates"].as_u64(), Some(size - 1), "{h}");
    }
}

#[test]
fn map_reads_json_lines_with_other_field_names() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "in/feed.jsonl",
        "{\"data\":{\"headline_text\":\"Nested headline\",\"copy\":\"Talks in Bamako.\",\"meta\":{\"when\":\"2022-05-01\"}}}\n",
    );
    let run = sandbox.run(&[
        "index",
        "in",
        "--map",
        "title=data.headline_text",
        "--map",
        "body=data.copy",
        "--map",
        "date=data.meta.when",
    ]);
    run.expect_code(0);
    let response = sandbox.search_json(&["headline"]);
    assert_eq!(response["total"], 1);
    assert_eq!(response["hits"][0]["title"], "Nested headline");
    assert_eq!(response["hits"][0]["date"], "2022-05-01T00:00:00Z");
    assert_eq!(response["hits"][0]["countries"], serde_json::json!(["ML"]));

    let bad = sandbox.run(&["index", "in", "--map", "headline"]);
    bad.expect_code(2).expect_stderr(&["headline"]);
}
