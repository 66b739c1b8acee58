//! Conformance over the real corpora in `../shared/corpora` (resolved from the workspace root:
//! `CARGO_MANIFEST_DIR/../../../shared/corpora`).
//!
//! Every file of reuters21578, bbc, iptc-newsml-g2-examples, wire-samples-superdesk and
//! dpa-newsmlg2 is read through `Readers`, as `newsidx index` does. The test asserts the
//! counts the corpora README documents (Reuters 21,578 stories with distinct ids, BBC 2,225
//! stories each with a title and a body, dpa 100), that every file not read carries a reason,
//! and that the non-story files beside the stories are reported, not indexed. It prints a
//! table of counts per set (`cargo test -p newsidx-read --test conformance -- --nocapture`).
//!
//! `NEWSIDX_CORPORA=/path/to/corpora` reads the corpora from another folder (a checkout in a
//! worktree has no `../shared` beside it). When the folder is absent the test fails under CI
//! (`CI=true` or `CI=1`, as CI services set it), so that CI never passes without checking;
//! elsewhere it prints so and passes: the corpora are not part of the repository (their terms
//! forbid copying them in).

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use newsidx_read::{walk, ErrorKind, FileRead, Readers};

const SETS: &[&str] = &[
    "reuters21578",
    "bbc",
    "iptc-newsml-g2-examples",
    "wire-samples-superdesk",
    "dpa-newsmlg2",
];

/// The corpora folder: `NEWSIDX_CORPORA`, else `../shared/corpora` beside the checkout.
fn corpora_path() -> PathBuf {
    match std::env::var_os("NEWSIDX_CORPORA") {
        Some(path) => PathBuf::from(path),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora"),
    }
}

/// True when the value of `CI` says the tests run under CI.
fn is_ci(value: Option<&str>) -> bool {
    value.is_some_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

/// The corpora folder, or `None` (with a note printed) when it is absent outside CI.
///
/// # Panics
/// When the folder is absent under CI.
fn corpora() -> Option<PathBuf> {
    let root = corpora_path();
    if root.is_dir() {
        return Some(root);
    }
    let ci = std::env::var("CI").ok();
    assert!(
        !is_ci(ci.as_deref()),
        "conformance: {} is absent and CI={} is set: the corpora must be there under CI \
         (or named by NEWSIDX_CORPORA)",
        root.display(),
        ci.unwrap_or_default()
    );
    println!(
        "conformance: {} is absent, nothing checked (the corpora are not in the repository; \
         set NEWSIDX_CORPORA to their folder)",
        root.display()
    );
    None
}

#[test]
fn ci_is_recognised_as_ci_services_set_it() {
    assert!(is_ci(Some("true")) && is_ci(Some("TRUE")) && is_ci(Some("1")));
    assert!(!is_ci(None) && !is_ci(Some("false")) && !is_ci(Some("0")) && !is_ci(Some("")));
}

struct SetResult {
    files: Vec<FileRead>,
}

impl SetResult {
    fn stories(&self) -> usize {
        self.files.iter().map(|f| f.stories.len()).sum()
    }

    fn read(&self) -> impl Iterator<Item = &FileRead> {
        self.files.iter().filter(|f| !f.stories.is_empty())
    }

    fn not_read(&self) -> impl Iterator<Item = &FileRead> {
        self.files.iter().filter(|f| f.stories.is_empty())
    }

    fn not_read_named(&self, name: &str) -> bool {
        self.not_read()
            .any(|f| f.path.file_name().is_some_and(|n| n == name))
    }
}

#[test]
fn every_file_of_the_real_corpora_is_read_or_has_a_reason() {
    let Some(root) = corpora() else {
        return;
    };
    let readers = Readers::new();
    let mut results = BTreeMap::new();
    println!("| set | stories | files read | files not read |");
    println!("|---|---:|---:|---:|");
    for set in SETS {
        let listing = walk(&[root.join(set)]);
        assert!(listing.errors.is_empty(), "{set}: {:?}", listing.errors);
        let files: Vec<FileRead> = listing.files.iter().map(|p| readers.read_path(p)).collect();
        let result = SetResult { files };
        println!(
            "| {set} | {} | {} | {} |",
            result.stories(),
            result.read().count(),
            result.not_read().count()
        );
        results.insert(*set, result);
    }
    println!();
    for (set, result) in &results {
        for file in result.not_read() {
            let reason = file.errors.first().unwrap_or_else(|| {
                panic!("{set}: {} has no story and no reason", file.path.display())
            });
            assert!(!reason.message.is_empty());
            assert_eq!(reason.path, file.path, "the reason names the file");
            println!("{set}: not read: {reason} [{}]", reason.kind.as_str());
        }
    }

    let reuters = &results["reuters21578"];
    assert_eq!(reuters.stories(), 21_578);
    let ids: HashSet<&str> = reuters
        .read()
        .flat_map(|f| f.stories.iter().map(|s| s.id.as_str()))
        .collect();
    assert_eq!(ids.len(), 21_578, "Reuters ids are distinct");
    assert!(reuters.read().all(|f| f.format == Some("reuters-sgml")));
    for name in [
        "README.txt",
        "SHA256SUMS.txt",
        "all-places-strings.lc.txt",
        "all-topics-strings.lc.txt",
        "cat-descriptions_120396.txt",
        "feldman-cia-worldfactbook-data.txt",
        "lewis.dtd",
    ] {
        assert!(
            reuters.not_read_named(name),
            "{name} must be reported as not a story"
        );
    }
    let tagged = reuters
        .read()
        .flat_map(|f| &f.stories)
        .filter(|s| s.editor_tags.places.contains(&"usa".to_string()))
        .count();
    assert!(tagged > 10_000, "PLACES usa on {tagged} stories");

    let bbc = &results["bbc"];
    assert_eq!(bbc.stories(), 2_225);
    for story in bbc.read().flat_map(|f| &f.stories) {
        assert!(
            !story.title.is_empty() && !story.body.is_empty(),
            "{:?}",
            story.origin
        );
    }
    assert!(bbc.not_read_named("README.TXT"));

    assert_eq!(results["dpa-newsmlg2"].stories(), 100);
    assert!(results["iptc-newsml-g2-examples"].stories() >= 5);
    let wire = &results["wire-samples-superdesk"];
    assert!(wire.stories() >= 60, "wire samples: {}", wire.stories());
    // WENN's Atom feed: the story text is in its own metadata, `content` a placeholder.
    let wenn: Vec<_> = wire
        .read()
        .filter(|f| f.path.ends_with("wenn.xml"))
        .flat_map(|f| &f.stories)
        .collect();
    assert_eq!(wenn.len(), 2);
    assert_eq!(
        wenn[0].title,
        "Suge Knight involved in fatal hit and run incident"
    );
    assert!(wenn[0]
        .body
        .starts_with("The embattled hip-hop mogul's lawyer"));
    assert!(wenn[0]
        .standfirst
        .as_deref()
        .is_some_and(|s| s.starts_with("Police officials")));
    assert!(wenn
        .iter()
        .all(|s| s.date.is_some() && s.origin.as_ref().is_some_and(|o| o.format == "feed")));
    // Picture items and packages are named as such, not silently dropped.
    assert!(wire
        .not_read()
        .flat_map(|f| &f.errors)
        .any(|e| e.kind == ErrorKind::NotAStory && e.message.contains("picture")));
}
