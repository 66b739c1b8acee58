//! Versions and groups across upserts: the newest version of an id stands, whatever the read
//! order, and a group whose canonical story is replaced stays consistent.

use std::fs;
use std::path::Path;

use newsidx_core::{Article, NewsIndex, Version};
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, TantivyDocument, Term};

use crate::{IndexReport, Indexer};

/// A NewsML-G2 text item of guid `guid`, version `version`, whose body holds `word`.
fn newsml(guid: &str, version: u32, created: &str, word: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="{guid}" version="{version}" standard="NewsML-G2" standardversion="2.25" xml:lang="en">
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <provider qcode="nprov:EXW"/>
    <versionCreated>{created}</versionCreated>
    <firstCreated>2024-03-01T08:00:00Z</firstCreated>
  </itemMeta>
  <contentMeta><headline>Port strike talks</headline></contentMeta>
  <contentSet>
    <inlineXML contenttype="application/xhtml+xml">
      <html xmlns="http://www.w3.org/1999/xhtml"><body><p>Dockers met the port authority; the {word} clause was discussed.</p></body></html>
    </inlineXML>
  </contentSet>
</newsItem>
"#
    )
}

/// Stories of the index whose body holds `word`.
fn with_word(index: &NewsIndex, word: &str) -> usize {
    let reader = index.reader().unwrap();
    reader.reload().unwrap();
    let term = Term::from_field_text(index.schema().body, word);
    reader
        .searcher()
        .search(&TermQuery::new(term, IndexRecordOption::Basic), &Count)
        .unwrap()
}

fn run(index: &NewsIndex, dir: &Path) -> IndexReport {
    Indexer::new(index).run(&[dir], |_| {}).unwrap()
}

const GUID: &str = "urn:newsml:example.org:20240301:port-1";

#[test]
fn newsml_version_2_stands_whatever_the_order_in_one_run() {
    // Both orders of the file names (the walk's order), each into a fresh index.
    for (first, second) in [((1, "zebra"), (2, "okapi")), ((2, "okapi"), (1, "zebra"))] {
        let dir = tempfile::tempdir().unwrap();
        for (name, (version, word)) in [("a.xml", first), ("b.xml", second)] {
            let created = format!("2024-03-01T0{version}:00:00Z");
            fs::write(dir.path().join(name), newsml(GUID, version, &created, word)).unwrap();
        }
        let index = NewsIndex::create_in_ram().unwrap();
        let report = run(&index, dir.path());
        assert_eq!(report.stories_in_index, 1, "{report:?}");
        assert_eq!(
            (with_word(&index, "okapi"), with_word(&index, "zebra")),
            (1, 0),
            "version 2 ({first:?} then {second:?})"
        );
        // Version 1 was either replaced (read first) or skipped (read second).
        assert!(report.older_versions <= 1, "{report:?}");
    }
}

/// A fresh index on disk fed the NewsML-G2 items `first` then `second` (version, word), each
/// in a run of its own, from one folder: the report of the second run, the index, and the
/// folders of the stories and of the index (kept for as long as the test uses them).
fn two_runs(
    first: (u32, &str),
    second: (u32, &str),
) -> (IndexReport, NewsIndex, [tempfile::TempDir; 2]) {
    let (dir, idx) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let index = NewsIndex::open_or_create(idx.path()).unwrap();
    let mut report = None;
    for (version, word) in [first, second] {
        let created = format!("2024-03-01T0{}:00:00Z", version + 7);
        let item = newsml(GUID, version, &created, word);
        fs::write(dir.path().join(format!("v{version}.xml")), item).unwrap();
        report = Some(run(&index, dir.path()));
    }
    (report.unwrap(), index, [dir, idx])
}

#[test]
fn newsml_version_2_stands_whatever_the_order_across_runs_and_an_older_one_is_skipped() {
    // Version 1, then version 2 in a later run: it replaces version 1.
    let (report, index, _dirs) = two_runs((1, "zebra"), (2, "okapi"));
    assert_eq!((report.stories_indexed, report.older_versions), (1, 0));
    assert_eq!(
        (with_word(&index, "okapi"), with_word(&index, "zebra")),
        (1, 0)
    );

    // Version 2 first, version 1 in a later run: skipped, reported, and nothing changes.
    let (report, index, [dir, _idx]) = two_runs((2, "okapi"), (1, "zebra"));
    assert_eq!((report.stories_indexed, report.older_versions), (0, 1));
    assert_eq!(report.stories_in_index, 1);
    assert_eq!(
        (with_word(&index, "okapi"), with_word(&index, "zebra")),
        (1, 0)
    );
    // With --force both files are read again: version 2 still stands.
    let report = Indexer::new(&index)
        .force(true)
        .run(&[dir.path()], |_| {})
        .unwrap();
    assert_eq!(report.stories_in_index, 1);
    assert_eq!(
        (with_word(&index, "okapi"), with_word(&index, "zebra")),
        (1, 0)
    );
}

/// A JSON Lines record of id `id`, version `version`, whose body holds `word`.
fn jsonl(id: &str, version: u32, word: &str) -> String {
    format!(
        "{}\n",
        serde_json::json!({
            "id": id, "version": version, "title": "Port strike talks",
            "body": format!("Dockers met the port authority; the {word} clause was discussed.")
        })
    )
}

#[test]
fn jsonl_id_with_version_keeps_the_newest_in_a_file_and_across_runs() {
    // In one file, either order.
    for lines in [
        [jsonl("afp-7", 1, "zebra"), jsonl("afp-7", 2, "okapi")],
        [jsonl("afp-7", 2, "okapi"), jsonl("afp-7", 1, "zebra")],
    ] {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("feed.jsonl"), lines.concat()).unwrap();
        let index = NewsIndex::create_in_ram().unwrap();
        let report = run(&index, dir.path());
        let skipped = usize::from(lines[0].contains("okapi"));
        assert_eq!(report.older_versions, skipped, "{report:?}");
        assert_eq!(report.stories_in_index, 1);
        assert_eq!(
            (with_word(&index, "okapi"), with_word(&index, "zebra")),
            (1, 0)
        );
    }
    // Across runs: an older version in another file is skipped; a version without a number
    // or time replaces (nothing to compare), as a story of the same id always did.
    let dir = tempfile::tempdir().unwrap();
    let idx = tempfile::tempdir().unwrap();
    let index = NewsIndex::open_or_create(idx.path()).unwrap();
    fs::write(dir.path().join("a.jsonl"), jsonl("afp-7", 5, "okapi")).unwrap();
    run(&index, dir.path());
    fs::write(dir.path().join("b.jsonl"), jsonl("afp-7", 4, "zebra")).unwrap();
    let report = run(&index, dir.path());
    assert_eq!((report.stories_indexed, report.older_versions), (0, 1));
    fs::write(
        dir.path().join("c.jsonl"),
        "{\"id\":\"afp-7\",\"title\":\"Port\",\"body\":\"The gazelle clause.\"}\n",
    )
    .unwrap();
    let report = run(&index, dir.path());
    assert_eq!((report.stories_indexed, report.older_versions), (1, 0));
    assert_eq!(
        (with_word(&index, "gazell"), with_word(&index, "okapi")),
        (1, 0)
    );
}

#[test]
fn a_changed_file_s_older_version_replaces_the_newer_it_held() {
    // The file that held version 5 now holds version 4 only: the file is what stands.
    let dir = tempfile::tempdir().unwrap();
    let idx = tempfile::tempdir().unwrap();
    let index = NewsIndex::open_or_create(idx.path()).unwrap();
    let file = dir.path().join("a.jsonl");
    fs::write(&file, jsonl("afp-7", 5, "okapi")).unwrap();
    run(&index, dir.path());
    fs::write(
        &file,
        [jsonl("afp-7", 4, "zebra"), jsonl("afp-8", 1, "lynx")].concat(),
    )
    .unwrap();
    let report = run(&index, dir.path());
    assert_eq!((report.files_changed, report.older_versions), (1, 0));
    assert_eq!(
        (with_word(&index, "zebra"), with_word(&index, "okapi")),
        (1, 0)
    );
}

#[test]
fn add_articles_keeps_the_newest_version() {
    let index = NewsIndex::create_in_ram().unwrap();
    let story = |version: u64, body: &str| Article {
        id: "x1".into(),
        title: "Port strike".into(),
        body: body.into(),
        version: Version {
            number: Some(version),
            created: None,
        },
        ..Article::default()
    };
    let added = crate::add_articles(
        &index,
        [story(3, "The okapi clause."), story(2, "The zebra clause.")],
        None,
    )
    .unwrap();
    assert_eq!(added, 1);
    let added = crate::add_articles(&index, [story(1, "The lynx clause.")], None).unwrap();
    assert_eq!(added, 0);
    assert_eq!(
        (with_word(&index, "okapi"), with_word(&index, "zebra")),
        (1, 0)
    );
}

/// Each story's (id, cluster), by id.
fn clusters(index: &NewsIndex) -> Vec<(String, String)> {
    let schema = index.schema();
    let reader = index.reader().unwrap();
    reader.reload().unwrap();
    let searcher = reader.searcher();
    let mut out = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        for doc in segment.doc_ids_alive() {
            let doc: TantivyDocument = searcher.doc(DocAddress::new(ord as u32, doc)).unwrap();
            let text = |f| doc.get_first(f).unwrap().as_str().unwrap().to_string();
            out.push((text(schema.id), text(schema.cluster)));
        }
    }
    out.sort();
    out
}

/// Every story's cluster is a story of the index whose cluster is itself.
fn assert_consistent(clusters: &[(String, String)]) {
    for (id, cluster) in clusters {
        let head = clusters.iter().find(|(other, _)| other == cluster);
        assert!(
            head.is_some_and(|(h, c)| h == c),
            "{id} points at {cluster}, which is not a canonical story: {clusters:?}"
        );
    }
}

/// A wire story long enough for a signature: `text` is one of the bodies below.
fn wire(id: &str, title: &str, body: &str) -> String {
    format!(
        "{}\n",
        serde_json::json!({"id": id, "title": title, "body": body})
    )
}

const RATES: &str = "The central bank raised its main interest rate by half a point on Tuesday, \
    the third increase this year, saying inflation had proved more stubborn than expected. \
    Economists had forecast a smaller move. The currency rose against the dollar after the \
    announcement, and bond yields climbed to their highest in a decade. The governor told \
    reporters the bank would act again if prices kept rising, and said wages were growing \
    faster than productivity in most industries.";

const HARVEST: &str = "Farmers in the northern provinces began the wheat harvest two weeks \
    early after a dry and unusually warm spring, the agriculture ministry said on Monday. \
    Yields were expected to fall by a tenth from last year, and officials warned that \
    irrigation reservoirs stood at less than half their usual level. Grain traders said \
    export prices had already climbed on the news, and millers asked the government to \
    release part of the strategic reserve before the autumn.";

#[test]
fn a_canonical_story_replaced_by_another_text_leaves_its_copies_regrouped() {
    let dir = tempfile::tempdir().unwrap();
    let idx = tempfile::tempdir().unwrap();
    let index = NewsIndex::open_or_create(idx.path()).unwrap();
    fs::write(
        dir.path().join("a.jsonl"),
        [
            wire("w1", "Bank raises rates", RATES),
            wire("w2", "UPDATE 1-Bank raises rates", RATES),
            wire("w3", "CORRECTED-Bank raises rates", RATES),
            wire("h1", "Early harvest", HARVEST),
        ]
        .concat(),
    )
    .unwrap();
    run(&index, dir.path());
    let before = clusters(&index);
    assert!(
        before.iter().filter(|(_, c)| c == "w1").count() == 3,
        "{before:?}"
    );

    // w1 comes again, in a later file, with the harvest story's text: it joins h1's group,
    // and its copies elect one of them.
    fs::write(
        dir.path().join("b.jsonl"),
        wire("w1", "Harvest starts early", HARVEST),
    )
    .unwrap();
    let report = run(&index, dir.path());
    assert_eq!(report.groups_reelected, 1, "{report:?}");
    let after = clusters(&index);
    assert_consistent(&after);
    let cluster_of = |id: &str| after.iter().find(|(i, _)| i == id).unwrap().1.clone();
    assert_eq!(cluster_of("w1"), "h1");
    // One of the copies heads the other (the first in index order: tantivy's threads may
    // have put them in either order).
    let head = cluster_of("w2");
    assert!(head == "w2" || head == "w3", "{after:?}");
    assert_eq!(cluster_of("w3"), head, "{after:?}");

    // A later copy of the rates story finds the elected one, not w1.
    fs::write(
        dir.path().join("c.jsonl"),
        wire("w4", "REFILE-Bank raises rates", RATES),
    )
    .unwrap();
    run(&index, dir.path());
    let last = clusters(&index);
    assert_consistent(&last);
    assert!(last.contains(&("w4".into(), head)), "{last:?}");
}

#[test]
fn a_canonical_story_replaced_by_a_text_of_its_own_heads_what_still_matches_it() {
    let dir = tempfile::tempdir().unwrap();
    let idx = tempfile::tempdir().unwrap();
    let index = NewsIndex::open_or_create(idx.path()).unwrap();
    let shortened: String = RATES.split(". ").take(4).collect::<Vec<_>>().join(". ");
    fs::write(
        dir.path().join("a.jsonl"),
        [
            wire("w1", "Bank raises rates", RATES),
            wire("w2", "UPDATE 1-Bank raises rates", RATES),
            wire("w3", "Bank raises rates", &shortened),
        ]
        .concat(),
    )
    .unwrap();
    run(&index, dir.path());
    assert!(clusters(&index).iter().all(|(_, c)| c == "w1"));
    // A new version of w1 with a paragraph added: w2 (the whole text) still matches it.
    let longer = format!(
        "{RATES} Opposition lawmakers criticised the decision, arguing that households \
         already squeezed by higher fuel and food bills would now face larger mortgage \
         payments, and the finance minister said the government would review its plans."
    );
    fs::write(
        dir.path().join("b.jsonl"),
        wire("w1", "Bank raises rates", &longer),
    )
    .unwrap();
    run(&index, dir.path());
    let after = clusters(&index);
    assert_consistent(&after);
    assert!(after.contains(&("w1".into(), "w1".into())), "{after:?}");
    assert!(after.contains(&("w2".into(), "w1".into())), "{after:?}");

    // The same in one run (a fresh index): the copies were written in the run, not read
    // back, so the new version heads the group whatever its text, and all stays consistent.
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.jsonl"),
        [
            wire("w1", "Bank raises rates", RATES),
            wire("w2", "UPDATE 1-Bank raises rates", RATES),
            wire("w1", "Early harvest", HARVEST),
        ]
        .concat(),
    )
    .unwrap();
    let index = NewsIndex::create_in_ram().unwrap();
    run(&index, dir.path());
    let one_run = clusters(&index);
    assert_consistent(&one_run);
    assert_eq!(
        one_run,
        [("w1".into(), "w1".into()), ("w2".into(), "w1".into())]
    );
}

/// A story of `words` words of its own (story `i` shares no run of three words with another).
fn distinct(i: usize, words: usize) -> Article {
    let body: Vec<String> = (0..words)
        .map(|j| format!("w{}x{}", (i * 7919 + j * 104_729) % 1_000_003, j % 3))
        .collect();
    Article {
        id: format!("d{i}"),
        title: format!("Story {i}"),
        body: body.join(" "),
        ..Article::default()
    }
}

#[test]
fn add_articles_past_its_groups_budget_commits_and_finds_earlier_stories_in_the_index() {
    let index = NewsIndex::create_in_ram().unwrap();
    let mut stories: Vec<Article> = (0..300).map(|i| distinct(i, 60)).collect();
    for i in 0..3 {
        let mut copy = distinct(i, 60);
        copy.id = format!("copy{i}");
        copy.title = format!("UPDATE 1-Story {i}");
        stories.push(copy);
    }
    let added = crate::add_articles_within(&index, stories, None, 1).unwrap();
    assert_eq!(added, 303);
    let all = clusters(&index);
    assert_eq!(all.len(), 303);
    assert_consistent(&all);
    for i in 0..3 {
        assert!(
            all.contains(&(format!("copy{i}"), format!("d{i}"))),
            "copy{i}: {:?}",
            all.iter().find(|(id, _)| id == &format!("copy{i}"))
        );
    }
}
