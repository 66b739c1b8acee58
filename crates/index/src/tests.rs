//! Tests of the indexing pipeline over a small corpus written to a temporary folder.

use std::fs;

use newsidx_core::{Article, NewsIndex, MIN_WRITER_HEAP_BYTES};
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use crate::{IndexReport, Indexer, Progress};

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.txt"),
        "Mali talks\n\n25 Sep 2021\n\nMali has asked Russian companies.\n\nSource: AFP\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("b.jsonl"),
        "{\"id\":\"j1\",\"title\":\"One\",\"body\":\"Text in Kyiv.\"}\nnot json\n{\"id\":\"j2\",\"title\":\"Two\",\"body\":\"More.\"}\n",
    )
    .unwrap();
    fs::write(dir.path().join("c.txt"), b"\x00\x01binary").unwrap();
    fs::write(dir.path().join("notes.md"), "# Notes").unwrap();
    dir
}

#[test]
fn bad_files_are_reported_and_good_stories_indexed() {
    let dir = corpus();
    let index = NewsIndex::create_in_ram().unwrap();
    let mut last = Progress::default();
    let report = Indexer::new(&index)
        .run(&[dir.path()], |p| last = p)
        .unwrap();
    assert_eq!(report.files, 4);
    assert_eq!((last.files_done, last.files_total, last.stories), (4, 4, 3));
    assert_eq!(report.files_skipped, 1);
    assert!(report.skipped[0].path.ends_with("notes.md"));
    assert_eq!(report.stories_indexed, 3);
    assert_eq!(report.stories_in_index, 3);
    assert_eq!(report.files_failed, 1);
    let failures: Vec<String> = report
        .failures
        .iter()
        .map(|f| f.to_string().replace(&dir.path().display().to_string(), ""))
        .collect();
    assert_eq!(failures.len(), 2, "{failures:?}");
    assert!(
        failures[0].starts_with("/b.jsonl, line 2: invalid JSON"),
        "{failures:?}"
    );
    assert!(failures[1].starts_with("/c.txt: "), "{failures:?}");
}

#[test]
fn indexing_twice_adds_no_duplicates() {
    let dir = corpus();
    let index = NewsIndex::create_in_ram().unwrap();
    let first = Indexer::new(&index).run(&[dir.path()], |_| {}).unwrap();
    let second = Indexer::new(&index).run(&[dir.path()], |_| {}).unwrap();
    assert_eq!(first.stories_in_index, 3);
    assert_eq!(second.stories_in_index, 3);
}

#[test]
fn stories_are_annotated_with_entities() {
    let dir = corpus();
    let index = NewsIndex::create_in_ram().unwrap();
    Indexer::new(&index).run(&[dir.path()], |_| {}).unwrap();
    let searcher = index.reader().unwrap().searcher();
    let term = Term::from_field_text(index.schema().countries, "ML");
    let query = TermQuery::new(term, IndexRecordOption::Basic);
    let count = searcher.search(&query, &Count).unwrap();
    assert_eq!(count, 1);
}

fn count(index: &NewsIndex) -> u64 {
    let reader = index.reader().unwrap();
    reader.reload().unwrap();
    reader.searcher().num_docs()
}

#[test]
fn unchanged_files_are_skipped_changed_replaced_and_gone_pruned() {
    let dir = corpus();
    let idx = tempfile::tempdir().unwrap();
    let index = NewsIndex::open_or_create(idx.path()).unwrap();
    let first = Indexer::new(&index).run(&[dir.path()], |_| {}).unwrap();
    assert_eq!(first.stories_in_index, 3);

    let again = Indexer::new(&index).run(&[dir.path()], |_| {}).unwrap();
    assert_eq!(again.files_unchanged, 2, "{again:?}");
    assert_eq!(again.stories_indexed, 0);
    assert_eq!(again.stories_in_index, 3);

    // A changed file replaces its stories: j2 is gone, j3 is new.
    fs::write(
        dir.path().join("b.jsonl"),
        "{\"id\":\"j1\",\"title\":\"One\",\"body\":\"Text.\"}\n{\"id\":\"j3\",\"title\":\"Three\",\"body\":\"New.\"}\n{\"id\":\"j4\",\"title\":\"Four\",\"body\":\"New.\"}\n",
    )
    .unwrap();
    let changed = Indexer::new(&index).run(&[dir.path()], |_| {}).unwrap();
    assert_eq!(changed.files_changed, 1);
    assert_eq!(changed.stories_in_index, 4);
    let searcher = index.reader().unwrap().searcher();
    let has = |id: &str| {
        let term = Term::from_field_text(index.schema().id, id);
        searcher
            .search(&TermQuery::new(term, IndexRecordOption::Basic), &Count)
            .unwrap()
    };
    assert_eq!((has("j1"), has("j2"), has("j3")), (1, 0, 1));

    // Without --prune a vanished file keeps its stories; with it they go.
    fs::remove_file(dir.path().join("a.txt")).unwrap();
    Indexer::new(&index).run(&[dir.path()], |_| {}).unwrap();
    assert_eq!(count(&index), 4);
    let pruned = Indexer::new(&index)
        .prune(true)
        .run(&[dir.path()], |_| {})
        .unwrap();
    assert_eq!((pruned.files_pruned, pruned.stories_pruned), (1, 1));
    assert_eq!(pruned.stories_in_index, 3);
}

#[test]
fn a_file_that_turns_bad_keeps_its_stories() {
    let dir = corpus();
    let idx = tempfile::tempdir().unwrap();
    let index = NewsIndex::open_or_create(idx.path()).unwrap();
    Indexer::new(&index).run(&[dir.path()], |_| {}).unwrap();
    fs::write(dir.path().join("a.txt"), b"\x00\x00 truncated").unwrap();
    let report = Indexer::new(&index).run(&[dir.path()], |_| {}).unwrap();
    assert_eq!(
        report.stories_in_index, 3,
        "nothing already indexed is lost"
    );
    assert!(report.failures.iter().any(|f| f.path.ends_with("a.txt")));
    // It stays unrecorded as good, so the next run reports it again.
    let next = Indexer::new(&index).run(&[dir.path()], |_| {}).unwrap();
    assert!(next.failures.iter().any(|f| f.path.ends_with("a.txt")));
}

#[test]
fn search_works_while_a_writer_is_open() {
    let dir = corpus();
    let index = NewsIndex::create_in_ram().unwrap();
    Indexer::new(&index).run(&[dir.path()], |_| {}).unwrap();
    let writer = index.writer_with_threads(1, MIN_WRITER_HEAP_BYTES).unwrap();
    writer
        .add_article(&Article {
            id: "uncommitted".into(),
            ..Article::default()
        })
        .unwrap();
    assert_eq!(count(&index), 3, "readers see the last commit");
}

#[test]
fn a_run_stopped_by_its_flag_commits_what_it_wrote_and_says_so() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let dir = corpus();
    let index = NewsIndex::create_in_ram().unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    // Stop once the first file is written: the others are not.
    let report = Indexer::new(&index)
        .stop_when(stop)
        .run(&[dir.path()], |p| {
            if p.files_done >= 1 {
                flag.store(true, Ordering::Relaxed);
            }
        })
        .unwrap();
    assert!(report.interrupted);
    assert!(report.commits >= 1);
    assert_eq!(report.stories_in_index, report.stories_indexed as u64);
    assert!(report.files_read + report.files_failed + report.files_skipped <= 1);

    let again = Indexer::new(&index).run(&[dir.path()], |_| {}).unwrap();
    assert!(!again.interrupted);
    assert_eq!(again.stories_in_index, 3);
}

#[test]
fn an_index_folder_inside_the_corpus_is_not_read() {
    let dir = corpus();
    let index = NewsIndex::open_or_create(dir.path().join("idx")).unwrap();
    let first = Indexer::new(&index).run(&[dir.path()], |_| {}).unwrap();
    let second = Indexer::new(&index)
        .force(true)
        .run(&[dir.path()], |_| {})
        .unwrap();
    assert_eq!(first.files, 4, "{first:?}");
    assert_eq!(second.files, 4, "{second:?}");
    assert_eq!(second.failures.len(), first.failures.len(), "{second:?}");
    assert_eq!(second.files_changed, 0, "unchanged files are not 'changed'");
    assert_eq!(second.stories_before, 3);
}

#[test]
fn before_commit_is_given_every_id_written_and_can_stop_the_commit() {
    let dir = corpus();
    let index = NewsIndex::create_in_ram().unwrap();
    let seen = std::sync::Mutex::new(Vec::new());
    let hook = |ids: &[String]| {
        seen.lock().unwrap().extend_from_slice(ids);
        Ok(())
    };
    let report = Indexer::new(&index)
        .before_commit(&hook)
        .run(&[dir.path()], |_| {})
        .unwrap();
    let mut seen = seen.into_inner().unwrap();
    seen.sort();
    assert_eq!(seen.len(), report.stories_indexed);
    assert!(seen.contains(&"j1".to_string()) && seen.contains(&"j2".to_string()));

    // A failing hook: no commit, so the stories are not in the index.
    let other = NewsIndex::create_in_ram().unwrap();
    let failing = |_: &[String]| Err(std::io::Error::other("disk full"));
    let error = Indexer::new(&other)
        .before_commit(&failing)
        .run(&[dir.path()], |_| {})
        .unwrap_err();
    assert!(error.to_string().contains("disk full"), "{error}");
    assert_eq!(other.reader().unwrap().searcher().num_docs(), 0);
}

/// A JSON Lines file of `n` stories with ids `prefix0..`, the last repeating the first's id.
fn many_stories(prefix: &str, n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let id = if i + 1 == n { 0 } else { i };
        out.push_str(&format!(
            "{{\"id\":\"{prefix}{id}\",\"title\":\"Story {i}\",\"body\":\"Talks in Bamako, round {i}.\"}}\n"
        ));
    }
    out
}

/// Issue 16: a file of many stories goes to the writer in chunks (a bounded queue, not whole
/// files); a story repeated across chunks is kept once, and a file read again after a change
/// replaces all its stories, those of every chunk.
#[test]
fn files_larger_than_a_chunk_are_written_whole_once() {
    let n = 2 * crate::CHUNK_STORIES + 10;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.jsonl");
    fs::write(&file, many_stories("a", n)).unwrap();
    fs::write(dir.path().join("small.jsonl"), many_stories("s", 3)).unwrap();
    let index = NewsIndex::open_or_create(dir.path().join("idx")).unwrap();
    // The smallest budget: the queue holds about one chunk at a time.
    let run = || {
        Indexer::new(&index)
            .threads(1)
            .memory(crate::least_memory(1))
            .run(&[dir.path()], |_| {})
            .unwrap()
    };
    let report = run();
    assert_eq!(report.stories_indexed, n + 3);
    assert_eq!(report.stories_repeated, 2);
    assert_eq!(report.stories_in_index, (n - 1 + 2) as u64);
    assert_eq!(report.files_read, 2);

    fs::write(&file, many_stories("b", n - 100)).unwrap();
    let report = run();
    assert_eq!((report.files_read, report.files_changed), (1, 1));
    assert_eq!(report.stories_in_index, (n - 100 - 1 + 2) as u64);
}

#[test]
fn a_budget_too_small_for_the_threads_is_refused() {
    let index = NewsIndex::create_in_ram().unwrap();
    let err = Indexer::new(&index)
        .threads(4)
        .memory(100_000_000)
        .run(&[std::env::temp_dir()], |_| {})
        .err()
        .unwrap();
    assert!(err.is_user_error());
    assert!(
        err.to_string()
            .contains("too small for 4 indexing threads: 240000000 bytes at least"),
        "{err}"
    );
}

/// A wire story long enough for a near-duplicate signature, under `title`, with `extra` added.
fn wire(id: &str, title: &str, extra: &str) -> String {
    let body = "The central bank raised its main interest rate by half a point on Tuesday, the \
        third increase this year, saying inflation had proved more stubborn than expected. \
        Economists had forecast a smaller move. The currency rose against the dollar after \
        the announcement, and bond yields climbed to their highest in a decade. The governor \
        told reporters the bank would act again if prices kept rising, and said wages were \
        growing faster than productivity in most industries. Opposition lawmakers criticised \
        the decision, arguing that households already squeezed by higher fuel and food bills \
        would now face larger mortgage payments.";
    format!(
        "{}\n",
        serde_json::json!({"id": id, "title": title, "body": format!("{body} {extra}")})
    )
}

/// Each story's (id, cluster) in the index, by id.
fn clusters(index: &NewsIndex) -> Vec<(String, String)> {
    let schema = index.schema();
    let searcher = index.reader().unwrap().searcher();
    let mut out = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        for doc in segment.doc_ids_alive() {
            let doc: tantivy::TantivyDocument = searcher
                .doc(tantivy::DocAddress::new(ord as u32, doc))
                .unwrap();
            let text = |f| {
                tantivy::schema::Value::as_str(&doc.get_first(f).unwrap())
                    .unwrap()
                    .to_string()
            };
            out.push((text(schema.id), text(schema.cluster)));
        }
    }
    out.sort();
    out
}

#[test]
fn wire_copies_share_the_first_story_s_cluster_and_other_stories_keep_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let stories = [
        wire("w1", "Bank raises rates", ""),
        wire("w2", "UPDATE 1-Bank raises rates", "Shares of banks fell two percent."),
        "{\"id\":\"s1\",\"title\":\"Gold steady\",\"body\":\"Gold was steady in London trading on Tuesday as dealers waited for the central bank decision later in the week.\"}\n".to_string(),
    ];
    fs::write(dir.path().join("wire.jsonl"), stories.concat()).unwrap();
    let index = NewsIndex::create_in_ram().unwrap();
    Indexer::new(&index).run(&[dir.path()], |_| {}).unwrap();
    assert_eq!(
        clusters(&index),
        [
            ("s1".into(), "s1".into()),
            ("w1".into(), "w1".into()),
            ("w2".into(), "w1".into())
        ]
    );
}

/// The stories are written in the order of the sorted files, whichever reading thread is
/// quicker: the copy in the first file heads the group, though its file takes far longer to
/// read (600 stories before it) than the second file's single copy, and an id in both files is
/// the second file's story. So two runs over the same files give the same groups.
#[test]
fn the_first_file_in_sorted_order_heads_the_group_however_long_it_takes_to_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut first: Vec<String> = (0..600).map(|i| distinct(i, 60)).collect();
    first.push(wire("w1", "Bank raises rates", ""));
    first.push(distinct(1000, 60).replace("\"d1000\"", "\"both\""));
    fs::write(dir.path().join("a-slow.jsonl"), first.concat()).unwrap();
    let second = [
        wire("w2", "UPDATE 1-Bank raises rates", "Shares of banks fell."),
        distinct(1001, 60).replace("\"d1001\"", "\"both\""),
    ];
    fs::write(dir.path().join("b-quick.jsonl"), second.concat()).unwrap();
    let index = NewsIndex::create_in_ram().unwrap();
    Indexer::new(&index).run(&[dir.path()], |_| {}).unwrap();
    let groups = clusters(&index);
    let of = |id: &str| groups.iter().find(|(i, _)| i == id).map(|(_, c)| c.clone());
    assert_eq!(of("w1").as_deref(), Some("w1"), "{groups:?}");
    assert_eq!(of("w2").as_deref(), Some("w1"), "{groups:?}");
    let searcher = index.reader().unwrap().searcher();
    let both = Term::from_field_text(index.schema().id, "both");
    let hits = searcher
        .search(
            &TermQuery::new(both, IndexRecordOption::Basic),
            &tantivy::collector::TopDocs::with_limit(2).order_by_score(),
        )
        .unwrap();
    assert_eq!(hits.len(), 1);
    let doc: tantivy::TantivyDocument = searcher.doc(hits[0].1).unwrap();
    let title = doc.get_first(index.schema().title).unwrap();
    assert_eq!(tantivy::schema::Value::as_str(&title), Some("Story 1001"));
}

#[test]
fn a_copy_in_a_later_run_joins_the_group_and_pruning_the_canonical_elects_another() {
    // The copies' run finds the canonical story through the index, not the run's table.
    let (dir, _index_dir, index, report) = copies_over_two_runs("");
    assert_eq!(report.stories_indexed, 2);
    let joined = [
        ("w1".to_string(), "w1".to_string()),
        ("w2".into(), "w1".into()),
        ("w3".into(), "w1".into()),
    ];
    assert_eq!(clusters(&index), joined);
    // Indexing again changes nothing; pruning the canonical story leaves its copies together.
    Indexer::new(&index)
        .force(true)
        .run(&[dir.path()], |_| {})
        .unwrap();
    assert_eq!(clusters(&index), joined);
    // Pruning the canonical story elects one of its copies; the other joins it.
    fs::remove_file(dir.path().join("first.jsonl")).unwrap();
    let report = Indexer::new(&index)
        .prune(true)
        .run(&[dir.path()], |_| {})
        .unwrap();
    assert_eq!((report.groups_reelected, report.stories_in_index), (1, 2));
    let reelected = clusters(&index);
    let head = &reelected[0].1;
    assert!(reelected.iter().all(|(_, c)| c == head), "{reelected:?}");
    assert!(reelected.iter().any(|(id, _)| id == head), "{reelected:?}");
    // The new canonical story is found by a later copy.
    fs::write(
        dir.path().join("last.jsonl"),
        wire("w4", "REFILE-Bank raises rates", ""),
    )
    .unwrap();
    Indexer::new(&index).run(&[dir.path()], |_| {}).unwrap();
    let last = clusters(&index);
    assert_eq!(last.len(), 3);
    assert!(last.iter().all(|(_, c)| c == head), "{last:?}");
}

/// A story of `words` words of its own (story `i` shares no run of three words with another).
fn distinct(i: usize, words: usize) -> String {
    let body: Vec<String> = (0..words)
        .map(|j| format!("w{}x{}", (i * 7919 + j * 104_729) % 1_000_003, j % 3))
        .collect();
    format!(
        "{}\n",
        serde_json::json!({"id": format!("d{i}"), "title": format!("Story {i}"), "body": body.join(" ")})
    )
}

#[test]
fn copies_after_a_full_table_find_their_group_through_the_index_in_the_same_run() {
    let dir = tempfile::tempdir().unwrap();
    // 300 distinct stories, then copies of the first three: the first chunk (256 stories)
    // fills the tiny table, which is committed; the copies come in the next batch and
    // must find their canonical stories in the index.
    let mut lines: Vec<String> = (0..300).map(|i| distinct(i, 60)).collect();
    for i in 0..3 {
        let copy = distinct(i, 60).replace(&format!("\"d{i}\""), &format!("\"copy{i}\""));
        lines.push(copy.replace(&format!("Story {i}"), &format!("UPDATE 1-Story {i}")));
    }
    fs::write(dir.path().join("many.jsonl"), lines.concat()).unwrap();
    let index = NewsIndex::create_in_ram().unwrap();
    let report = Indexer::new(&index)
        .groups_budget(1)
        .run(&[dir.path()], |_| {})
        .unwrap();
    assert_eq!(report.stories_indexed, 303);
    assert!(report.commits >= 2, "{} commits", report.commits);
    let clusters = clusters(&index);
    for i in 0..3 {
        let copy = clusters
            .iter()
            .find(|(id, _)| id == &format!("copy{i}"))
            .unwrap();
        assert_eq!(copy.1, format!("d{i}"), "{copy:?}");
    }
    // The distinct stories are each a group of their own.
    let own = clusters.iter().filter(|(id, c)| id == c).count();
    assert_eq!(own, 300);
}

/// A story unlike the wire copies, in `first.jsonl` with the canonical story w1.
const OTHER: &str = r#"{"id": "o1", "title": "Harvest starts early", "body": "Farmers across the plains began cutting wheat two weeks ahead of the usual date after a warm and dry spring, and grain merchants expect the crop to reach the ports before the end of the month, traders said on Monday in the capital."}"#;

/// An index in a folder of its own over `first.jsonl` (w1, then the lines `more`), then, in
/// a later run (so that w1 is canonical whatever order files are read in), `later.jsonl`
/// with two copies of w1. Returns the folders, the index and the second run's report.
fn copies_over_two_runs(
    more: &str,
) -> (tempfile::TempDir, tempfile::TempDir, NewsIndex, IndexReport) {
    let dir = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    let index = NewsIndex::open_or_create(index_dir.path()).unwrap();
    fs::write(
        dir.path().join("first.jsonl"),
        [wire("w1", "Bank raises rates", ""), more.to_string()].concat(),
    )
    .unwrap();
    Indexer::new(&index).run(&[dir.path()], |_| {}).unwrap();
    fs::write(
        dir.path().join("later.jsonl"),
        [
            wire("w2", "CORRECTED-Bank raises rates", ""),
            wire("w3", "Rates go up", "The decision was unanimous."),
        ]
        .concat(),
    )
    .unwrap();
    let report = Indexer::new(&index).run(&[dir.path()], |_| {}).unwrap();
    (dir, index_dir, index, report)
}

#[test]
fn a_changed_file_that_drops_its_canonical_story_leaves_its_copies_a_new_one() {
    let (dir, _index_dir, index, _) = copies_over_two_runs(&format!("{OTHER}\n"));
    assert_eq!(
        clusters(&index),
        [
            ("o1".to_string(), "o1".to_string()),
            ("w1".into(), "w1".into()),
            ("w2".into(), "w1".into()),
            ("w3".into(), "w1".into())
        ]
    );
    // The first file changes and no longer holds the canonical story: its copies elect one
    // of themselves, which the other joins; no story points at the story that went.
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(dir.path().join("first.jsonl"), format!("{OTHER}\n")).unwrap();
    let report = Indexer::new(&index).run(&[dir.path()], |_| {}).unwrap();
    assert_eq!((report.files_changed, report.groups_reelected), (1, 1));
    let after = clusters(&index);
    assert_eq!(after.len(), 3, "{after:?}");
    assert_eq!(after[0], ("o1".into(), "o1".into()));
    let head = &after[1].1;
    assert!(head == "w2" || head == "w3", "{after:?}");
    assert!(after[1..].iter().all(|(_, c)| c == head), "{after:?}");
    // The copies' file read again with the elected story after the other: the group stays
    // one (its head is now the first story of the file).
    let story = |id: &str| match id {
        "w2" => wire("w2", "CORRECTED-Bank raises rates", ""),
        _ => wire("w3", "Rates go up", "The decision was unanimous."),
    };
    let member = if head == "w2" { "w3" } else { "w2" };
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(
        dir.path().join("later.jsonl"),
        [story(member), story(head)].concat(),
    )
    .unwrap();
    let report = Indexer::new(&index).run(&[dir.path()], |_| {}).unwrap();
    assert_eq!(report.files_changed, 1);
    let again = clusters(&index);
    assert_eq!(again.len(), 3, "{again:?}");
    assert_eq!(again[0], ("o1".into(), "o1".into()));
    assert_eq!(again[1].1, again[2].1, "{again:?}");
    assert!(again[1..].iter().any(|(id, c)| id == c), "{again:?}");
}

#[test]
fn a_run_that_did_not_end_leaves_groups_without_a_head_that_the_next_run_repairs() {
    let (dir, index_dir, index, _) = copies_over_two_runs(&format!("{OTHER}\n"));
    let marker = index_dir.path().join(crate::pipeline::RUN_MARKER);
    assert!(!marker.exists(), "a run that ends removes its marker");
    // What a run killed in the middle of reading the changed first file leaves: its
    // marker, and a commit that deleted the canonical story w1, before the copies elected
    // another.
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(dir.path().join("first.jsonl"), format!("{OTHER}\n")).unwrap();
    {
        let mut writer = index.writer_with_threads(1, MIN_WRITER_HEAP_BYTES).unwrap();
        writer.delete_story("w1");
        writer.commit().unwrap();
    }
    fs::write(&marker, "").unwrap();
    let headless = clusters(&index);
    assert_eq!(
        headless[1..],
        [("w2".into(), "w1".into()), ("w3".into(), "w1".into())],
        "{headless:?}"
    );
    // The next run finds the marker and has the copies elect a canonical story.
    let report = Indexer::new(&index).run(&[dir.path()], |_| {}).unwrap();
    assert_eq!(report.groups_reelected, 1);
    assert!(!marker.exists());
    let after = clusters(&index);
    assert_eq!(after.len(), 3, "{after:?}");
    let head = &after[1].1;
    assert!(head == "w2" || head == "w3", "{after:?}");
    assert!(after[1..].iter().all(|(_, c)| c == head), "{after:?}");
}

/// Reads `*.boom` files and panics on them, as a reader with a bug would.
struct Boom;

impl newsidx_read::Reader for Boom {
    fn name(&self) -> &'static str {
        "boom"
    }

    fn sniff(&self, path: &std::path::Path, _head: &[u8]) -> u8 {
        if path.extension().is_some_and(|e| e == "boom") {
            100
        } else {
            0
        }
    }

    fn read(&self, _path: &std::path::Path, _data: &[u8]) -> newsidx_read::ReadOutput {
        panic!("the boom reader fails")
    }
}

/// A panic while reading one file (a bug) fails that file alone: the other files are
/// indexed, the failure names the file and the panic, and the next run reads it again.
#[test]
fn a_panic_on_one_file_fails_that_file_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let story = |i: usize| format!("Talks {i}\n\nMinisters met in Bamako for round {i}.\n");
    fs::write(dir.path().join("a.txt"), story(1)).unwrap();
    fs::write(dir.path().join("b.boom"), "anything").unwrap();
    fs::write(dir.path().join("c.txt"), story(2)).unwrap();
    let index = NewsIndex::open_or_create(dir.path().join("idx")).unwrap();
    let run = || {
        Indexer::new(&index)
            .readers(newsidx_read::Readers::new().with_reader(Box::new(Boom)))
            .run(&[dir.path()], |_| {})
            .unwrap()
    };
    let report = run();
    assert_eq!((report.stories_indexed, report.files_failed), (2, 1));
    let failure = &report.failures[0];
    assert!(failure.path.ends_with("b.boom"), "{failure:?}");
    assert_eq!(failure.kind, "internal");
    assert!(
        failure.message.contains("the boom reader fails"),
        "{failure:?}"
    );
    // Not recorded: read (and reported) again; the good files are unchanged.
    let again = run();
    assert_eq!((again.files_unchanged, again.files_failed), (2, 1));
    assert_eq!(again.stories_in_index, 2);
}

/// Big stories into an index that already holds stories (so the writer gathers chunks into
/// batches for one pass over the index's signatures) on the smallest budget: chunks of about
/// 5 MB against a queue of 7.5 MB a reading thread. The writer must never wait for a chunk
/// that its own batch keeps out of a reading thread's queue.
#[test]
fn big_stories_on_a_small_budget_into_a_filled_index_do_not_stall_the_run() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.jsonl"), many_stories("a", 3)).unwrap();
    let index = NewsIndex::open_or_create(dir.path().join("idx")).unwrap();
    let budget = crate::least_memory(1);
    Indexer::new(&index)
        .threads(1)
        .memory(budget)
        .run(&[dir.path()], |_| {})
        .unwrap();
    let body = "word ".repeat(4000);
    for file in ["b", "c"] {
        let stories: String = (0..600)
            .map(|i| {
                format!("{{\"id\":\"{file}{i}\",\"title\":\"Big {i}\",\"body\":\"{i} {body}\"}}\n")
            })
            .collect();
        fs::write(dir.path().join(format!("{file}.jsonl")), stories).unwrap();
    }
    let (done, finished) = std::sync::mpsc::channel();
    let path = dir.path().to_path_buf();
    std::thread::spawn(move || {
        let report = Indexer::new(&index)
            .threads(1)
            .memory(budget)
            .run(&[path], |_| {});
        let _ = done.send(report.map(|r| r.stories_in_index));
    });
    // A stalled run never ends; a run that works takes seconds.
    let stories = finished
        .recv_timeout(std::time::Duration::from_secs(120))
        .expect("the run stalled")
        .unwrap();
    // `many_stories` repeats its first id last: 2 stories, then the 1,200 big ones.
    assert_eq!(stories, 2 + 1200);
}
