//! End-to-end tests of `newsidx index` at its rough edges: an index folder that is a file or
//! sits inside the corpus, paths that do not exist, folders with no story, empty files, the
//! summary's wording, and Ctrl-C / SIGTERM during a run.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{facet, ids, Sandbox};

/// A plain-text wire story whose content (and so whose id) depends on `n`.
fn story(n: usize) -> String {
    format!(
        "Talks on Mali resume, round {n}\n\n25 Sep 2021\n\nDelegates met in Bamako for round {n} \
         of the talks on the transition.\n\nSource: AFP\n"
    )
}

/// How many times `needle` occurs in `haystack`.
fn occurrences(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// Regression (issue 17, item 9): `index ... --index afile` printed "File exists (os error 17):
/// File exists (os error 17)", `search --index afile` advised running `index`, and a missing
/// gazetteer doubled its message (and created the index first).
#[test]
fn an_index_folder_that_is_a_file_is_one_line_saying_what_to_do() {
    let sandbox = Sandbox::new();
    sandbox.write("afile", "not an index");
    sandbox.write("in/a.txt", story(1));
    let index = sandbox.run(&["index", "in", "--index", "afile"]);
    index
        .expect_code(2)
        .expect_stderr(&["afile is a file", "--index takes a folder"]);
    assert_eq!(index.stderr.lines().count(), 1, "{}", index.stderr);
    assert!(!index.stderr.contains("os error"), "{}", index.stderr);

    let search = sandbox.run(&["search", "mali", "--index", "afile"]);
    search.expect_code(2).expect_stderr(&["afile is a file"]);
    assert!(
        !search.stderr.contains("run `newsidx index"),
        "{}",
        search.stderr
    );

    let gazetteer = sandbox.run(&["index", "in", "--gazetteer", "no-such.tsv"]);
    gazetteer.expect_code(2).expect_stderr(&["no-such.tsv"]);
    assert_eq!(
        occurrences(&gazetteer.stderr, "os error 2"),
        1,
        "{}",
        gazetteer.stderr
    );
    assert!(
        !sandbox.path().join("idx").exists(),
        "a refused run created the index"
    );
}

/// Regression (item 10): a misspelt corpus path exited 3 and left an empty index behind.
#[test]
fn a_missing_corpus_path_exits_2_and_creates_nothing() {
    let sandbox = Sandbox::new();
    sandbox.write("corpus/a.txt", story(1));
    let run = sandbox.run(&["index", "corpus", "corpsu"]);
    run.expect_code(2)
        .expect_stderr(&["corpsu: no such file or folder"]);
    assert!(
        !sandbox.path().join("idx").exists(),
        "the index was created"
    );
}

/// Regression (item 10): a folder with no story said "Indexed 0 stories" and nothing else,
/// and a 0-byte file failed the run (exit 3) while a README beside it was skipped.
#[test]
fn empty_files_are_skipped_like_a_readme_and_no_story_at_all_is_a_warning() {
    let sandbox = Sandbox::new();
    sandbox.write("none/empty.txt", "");
    sandbox.write("none/blank.xml", "\n  \n");
    sandbox.write("none/README", "These are the notes of the archive.\n");
    let run = sandbox.run(&["index", "none"]);
    run.expect_code(0)
        .expect_stderr(&["warning: no story found in 3 files"]);
    assert!(
        run.stdout.contains("Skipped 3 files that hold no story"),
        "{}",
        run.stdout
    );

    sandbox.write("some/empty.txt", "");
    sandbox.write("some/a.txt", story(1));
    let run = sandbox.run(&["index", "some", "--json"]);
    run.expect_code(0);
    let report = run.json();
    assert_eq!(report["files_skipped"], 1, "{report}");
    assert_eq!(report["skipped"][0]["kind"], "not-a-story", "{report}");
    assert!(
        report["failures"].as_array().unwrap().is_empty(),
        "{report}"
    );
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

/// Regression (item 12): `index ccopy --index ccopy` read its own `*.fieldnorm` files as bad
/// stories on the next run, and `--force` said that unchanged files had their stories
/// replaced.
#[test]
fn an_index_inside_the_corpus_is_not_read_and_force_replaces_only_changed_files() {
    let sandbox = Sandbox::new();
    for n in 0..3 {
        sandbox.write(&format!("ccopy/{n}.txt"), story(n));
    }
    let first = sandbox.run(&["index", "ccopy", "--index", "ccopy"]);
    first.expect_code(0);
    let again = sandbox.run(&["index", "ccopy", "--index", "ccopy", "--force"]);
    again.expect_code(0);
    assert!(!again.stdout.contains("fieldnorm"), "{}", again.stdout);
    assert!(!again.stdout.contains("problem"), "{}", again.stdout);
    assert!(!again.stdout.contains("replaced"), "{}", again.stdout);
    assert!(
        again
            .stdout
            .starts_with("Indexed 3 stories from 3 of 3 files"),
        "{}",
        again.stdout
    );

    // A subfolder index is left out too, and a file changed on disk is counted as changed.
    sandbox.write("c/1.txt", story(1));
    sandbox.write("c/2.txt", story(2));
    sandbox
        .run(&["index", "c", "--index", "c/idx"])
        .expect_code(0);
    std::thread::sleep(Duration::from_millis(20));
    sandbox.write("c/2.txt", story(22));
    let changed = sandbox.run(&["index", "c", "--index", "c/idx", "--force"]);
    changed.expect_code(0);
    assert!(
        changed
            .stdout
            .contains("1 file changed on disk had its stories replaced."),
        "{}",
        changed.stdout
    );
    assert!(
        changed
            .stdout
            .contains("Index c/idx: 2 stories (2 before this run)"),
        "{}",
        changed.stdout
    );
}

/// Regression (item 16): "Skipped 1 files", "1 problems", and "Indexed 3" then "Index: 2
/// stories" with no word on the story that two files share.
#[test]
fn the_summary_counts_in_words_and_explains_repeated_stories() {
    let sandbox = Sandbox::new();
    sandbox.write("in/a.txt", story(1));
    sandbox.write("in/copy-of-a.txt", story(1));
    sandbox.write("in/b.txt", story(2));
    sandbox.write("in/README", "Notes.\n");
    sandbox.write("in/broken.jsonl", "{broken\n");
    let run = sandbox.run(&["index", "in"]);
    run.expect_code(3);
    let out = &run.stdout;
    assert!(
        out.starts_with("Indexed 3 stories from 3 of 5 files"),
        "{out}"
    );
    assert!(
        out.contains("1 of them had the id of a story written earlier in this run"),
        "{out}"
    );
    assert!(out.contains(": 2 stories, "), "{out}");
    assert!(out.contains("Skipped 1 file that holds no story"), "{out}");
    assert!(out.contains("1 problem (1 file read no story):"), "{out}");
}

/// Starts `newsidx index` on `input`, committing often, with its output piped.
fn spawn_index(sandbox: &Sandbox, input: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_newsidx"))
        .args(["index", input.to_str().unwrap(), "--commit-every", "0.2"])
        .current_dir(sandbox.path())
        .env("NEWSIDX_INDEX", sandbox.path().join("idx"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run newsidx")
}

/// Regression (item 11): Ctrl-C during `index` left the progress bar, said nothing, and
/// `stats` then showed no story. SIGINT and SIGTERM now stop the reading, commit what is
/// written and exit 130 with a message. The run is signalled once its first commit has
/// recorded files; when it finishes first (a fast machine), the input doubles and it runs
/// again.
#[test]
fn ctrl_c_and_sigterm_commit_what_is_done_and_exit_130() {
    for signal in ["INT", "TERM"] {
        let mut files = 4000;
        loop {
            let sandbox = Sandbox::new();
            let input = sandbox.path().join("many");
            std::fs::create_dir_all(&input).unwrap();
            for n in 0..files {
                std::fs::write(input.join(format!("{n:06}.txt")), story(n)).unwrap();
            }
            let child = spawn_index(&sandbox, &input);
            let record = sandbox.path().join("idx/newsidx-files.json");
            let deadline = Instant::now() + Duration::from_secs(300);
            while !record.exists() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(20));
            }
            assert!(record.exists(), "no commit within 300 s");
            let kill = Command::new("kill")
                .args([&format!("-{signal}"), &child.id().to_string()])
                .status()
                .expect("run kill");
            assert!(kill.success());
            let output = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            let code = output.status.code();
            if code == Some(0) {
                // Finished before the signal: more input, and again.
                assert!(!stderr.contains("interrupted"), "{stderr}");
                files *= 2;
                assert!(files <= 64_000, "the run always finished before the signal");
                continue;
            }
            assert_eq!(code, Some(130), "SIG{signal}: {stderr}");
            let line = stderr
                .lines()
                .find(|l| l.starts_with("interrupted: "))
                .unwrap_or_else(|| panic!("no message: {stderr}"));
            assert!(line.ends_with(" committed, run again to finish"), "{line}");
            let committed: u64 = line
                .trim_start_matches("interrupted: ")
                .split(' ')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            assert!(committed > 0 && committed < files as u64, "{line}");
            let stats = sandbox.run(&["stats", "--json"]);
            stats.expect_code(0);
            assert_eq!(stats.json()["stories"], committed, "{}", stats.stdout);
            // Running again finishes the job, with no story twice.
            let rest = sandbox.run(&["index", input.to_str().unwrap(), "--json"]);
            rest.expect_code(0);
            assert_eq!(rest.json()["stories_in_index"], files, "{}", rest.stdout);
            break;
        }
    }
}

/// Regression (item 15): JSON Lines records whose fields have other names failed listing the
/// accepted names only; the message now suggests `--map` with the keys it saw, and the
/// suggestion indexes the file.
#[test]
fn json_lines_with_other_field_names_suggest_the_map_that_reads_them() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "feed/wire.jsonl",
        "{\"data\":{\"headline_text\":\"Mali talks resume\",\"copy\":\"Talks resumed in Bamako.\"}}\n",
    );
    let run = sandbox.run(&["index", "feed"]);
    run.expect_code(3);
    assert!(
        run.stdout
            .contains("e.g. `--map title=data.headline_text --map body=data.copy`"),
        "{}",
        run.stdout
    );
    let mapped = sandbox.run(&[
        "index",
        "feed",
        "--map",
        "title=data.headline_text",
        "--map",
        "body=data.copy",
    ]);
    mapped.expect_code(0);
    assert!(mapped.stdout.contains(": 1 story, "), "{}", mapped.stdout);
}

/// `--memory` (issue 16): a bad size or a budget too small for the threads is refused with
/// the option named and nothing created; a small budget that fits indexes as the default does.
#[test]
fn memory_takes_a_size_and_refuses_bad_ones_naming_the_option() {
    let sandbox = Sandbox::new();
    sandbox.write("in/a.txt", story(1));
    for bad in ["lots", "5X", "1.5G", "-1M"] {
        let run = sandbox.run(&["index", "in", &format!("--memory={bad}")]);
        run.expect_code(2).expect_stderr(&["--memory"]);
    }
    let small = sandbox.run(&["index", "in", "--threads", "2", "--memory", "100M"]);
    small
        .expect_code(2)
        .expect_stderr(&["--memory 100000000: too small for 2 indexing threads"]);
    assert!(
        !sandbox.path().join("idx").exists(),
        "a refused run created the index"
    );
    let run = sandbox.run(&[
        "index",
        "in",
        "--threads",
        "2",
        "--memory",
        "120MB",
        "--json",
    ]);
    run.expect_code(0);
    assert_eq!(run.json()["stories_indexed"], 1, "{}", run.stdout);
}

/// `newsidx optimize` merges the segments of several runs into one; searches find the same
/// stories; a second call has nothing to merge; without an index it is an error that says
/// how to make one.
#[test]
fn optimize_merges_segments_and_searches_find_the_same_stories() {
    let sb = Sandbox::new();
    sb.index_corpus();
    for n in 0..3 {
        sb.write(&format!("more/{n}/story.txt"), story(n));
        let run = sb.run(&["index", &format!("more/{n}"), "--json"]);
        run.expect_code(0);
    }
    let before = sb.search_json(&["mali", "--limit", "100"]);
    let run = sb.run(&["optimize", "--json"]);
    run.expect_code(0);
    let summary = run.json();
    assert!(
        summary["segments_before"].as_u64().unwrap() >= 2,
        "{summary}"
    );
    assert_eq!(summary["segments_after"], 1, "{summary}");
    let after = sb.search_json(&["mali", "--limit", "100"]);
    assert_eq!(after["total"], before["total"]);
    assert_eq!(ids(&after), ids(&before));
    let again = sb.run(&["optimize"]);
    again.expect_code(0);
    assert!(
        again.stdout.contains("Nothing to merge"),
        "{}",
        again.stdout
    );

    let empty = Sandbox::new();
    empty
        .run(&["optimize"])
        .expect_code(2)
        .expect_stderr(&["no newsidx index", "newsidx index"]);
}

#[test]
fn no_tagger_leaves_out_the_names_only_the_tagger_finds() {
    let story = r#"{"id":"1","title":"Talks resume in the north","body":"Talks between the government and the rebels will resume next week, Zorbek Malanyi told reporters in Birao on Monday. The fighters of Kharun Tessaly would hold their positions."}"#;
    let sandbox = Sandbox::new();
    sandbox.write("wire/talks.jsonl", format!("{story}\n"));
    let people = |extra: &[&str]| {
        let mut args = vec!["index", "wire", "--force"];
        args.extend_from_slice(extra);
        sandbox.run(&args).expect_code(0);
        facet(&sandbox.search_json(&["", "--facets", "20"]), "person")
            .into_iter()
            .map(|(name, _)| name)
            .collect::<Vec<_>>()
    };
    // The name rules find a name before "told"; only the tagger finds the second one.
    let with = people(&[]);
    assert!(with.iter().any(|p| p == "Kharun Tessaly"), "{with:?}");
    let without = people(&["--no-tagger"]);
    assert!(without.iter().any(|p| p == "Zorbek Malanyi"), "{without:?}");
    assert!(
        !without.iter().any(|p| p == "Kharun Tessaly"),
        "{without:?}"
    );
    // `extract` takes the same switch.
    let run = sandbox.run(&["extract", "wire/talks.jsonl", "--json", "--no-tagger"]);
    run.expect_code(0);
    let people = &run.json()["entities"]["people"];
    assert_eq!(
        people,
        &serde_json::json!(["Zorbek Malanyi"]),
        "{}",
        run.stdout
    );
}
