//! Writing newsidx indexes: the read -> extract -> map -> write part of the flow.
//!
//! An [`Indexer`] walks corpus folders, reads every file with the format readers of
//! `newsidx-read`, annotates each story with the entities `newsidx-extract` finds, maps it
//! onto the schema of `newsidx-core` and writes it to the index. Reading and extraction run in
//! parallel (rayon), writing in tantivy's own indexing threads. Stories are upserted by id, so
//! indexing the same files again adds nothing. Files that cannot be read are reported in the
//! [`IndexReport`] and the run goes on; the index is committed at bounded intervals so a crash
//! loses at most the stories since the last commit.
//!
//! # Quick start
//! ```
//! use newsidx_core::NewsIndex;
//! use newsidx_index::Indexer;
//!
//! let dir = tempfile::tempdir()?;
//! std::fs::write(
//!     dir.path().join("story.txt"),
//!     "Mali approached Russian companies\n\n25 Sep 2021\n\nMali has asked Russian companies for help.\n",
//! )?;
//! let index = NewsIndex::create_in_ram()?;
//! let report = Indexer::new(&index).run(&[dir.path()], |_| {})?;
//! assert_eq!(report.stories_indexed, 1);
//! assert_eq!(report.stories_in_index, 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod files;

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::sync_channel;
use std::time::{Duration, Instant};

use newsidx_core::{Article, NewsIndex};
use newsidx_extract::Extractor;
use newsidx_read::{walk, ErrorKind, FileRead, ReadError, Readers};
use rayon::prelude::*;
use serde::Serialize;
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{IndexWriter, TantivyDocument, Term};

use crate::files::{FileRecords, Stamp};

/// Errors that stop an indexing run (bad files do not: they are reported in the
/// [`IndexReport`]).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Opening, writing or committing the index failed.
    #[error(transparent)]
    Index(#[from] newsidx_core::Error),
    /// An error from tantivy while writing.
    #[error("index write error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// The built-in gazetteer could not be loaded (a fault of the build, not of the input).
    #[error("loading the built-in gazetteer: {0}")]
    Gazetteer(#[from] newsidx_extract::Error),
    /// The record of indexed files could not be written.
    #[error("writing the file record in {path}: {source}")]
    Record {
        /// The index folder.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

/// Result with the index [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// Progress of a run, passed to the callback of [`Indexer::run`] after each file.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    /// Files read so far.
    pub files_done: usize,
    /// Files to read in all.
    pub files_total: usize,
    /// Stories written so far.
    pub stories: usize,
}

/// One file that could not be read, or a story in it that was not indexed.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    /// The file.
    pub path: PathBuf,
    /// `line 3`, `byte 1200`, `story 2`, when known.
    pub location: Option<String>,
    /// The kind of problem (`io`, `malformed`, `bad-value`, `not-a-story`...).
    pub kind: &'static str,
    /// What went wrong.
    pub message: String,
}

impl From<&ReadError> for Failure {
    fn from(e: &ReadError) -> Failure {
        Failure {
            path: e.path.clone(),
            location: e.location.map(|l| l.to_string()),
            kind: e.kind.as_str(),
            message: e.message.clone(),
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(location) = &self.location {
            write!(f, ", {location}")?;
        }
        write!(f, ": {} ({})", self.message, self.kind)
    }
}

/// What an indexing run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IndexReport {
    /// Files found under the given paths.
    pub files: usize,
    /// Files from which at least one story was read.
    pub files_read: usize,
    /// Files from which no story could be read because of a problem.
    pub files_failed: usize,
    /// Files left alone because their size and modification time are those recorded at
    /// their last indexing.
    pub files_unchanged: usize,
    /// Files read before whose stories were replaced because the file changed.
    pub files_changed: usize,
    /// Files recorded in the index but gone from disk, whose stories `prune` removed.
    pub files_pruned: usize,
    /// Stories removed with pruned files.
    pub stories_pruned: u64,
    /// Files skipped as not stories: kinds no reader handles, or valid items that hold no
    /// text story (a picture item, a package). Not failures.
    pub files_skipped: usize,
    /// Stories written in this run (a story met twice is written twice and kept once).
    pub stories_indexed: usize,
    /// Stories in the index after the run.
    pub stories_in_index: u64,
    /// Every problem met, file by file.
    pub failures: Vec<Failure>,
    /// Every file or item skipped, with the reason.
    pub skipped: Vec<Failure>,
    /// Wall-clock seconds of the run.
    pub seconds: f64,
    /// Stories written per second.
    pub stories_per_second: f64,
    /// Bytes of the index on disk after the run (0 in RAM).
    pub index_bytes: u64,
    /// Commits made.
    pub commits: usize,
}

/// Builds and runs indexing jobs over one [`NewsIndex`].
pub struct Indexer<'a> {
    index: &'a NewsIndex,
    readers: Readers,
    extractor: Option<Extractor>,
    threads: usize,
    heap_bytes: usize,
    commit_every: Duration,
    force: bool,
    prune: bool,
}

impl<'a> Indexer<'a> {
    /// An indexer with every built-in reader, the built-in gazetteer, tantivy's default
    /// thread count, 200 MB of indexing memory and a commit at least every 30 seconds.
    pub fn new(index: &'a NewsIndex) -> Indexer<'a> {
        Indexer {
            index,
            readers: Readers::new(),
            extractor: None,
            threads: 0,
            heap_bytes: 200_000_000,
            commit_every: Duration::from_secs(30),
            force: false,
            prune: false,
        }
    }

    /// Uses these readers instead of the built-in set.
    pub fn readers(mut self, readers: Readers) -> Self {
        self.readers = readers;
        self
    }

    /// Uses this extractor (for instance one with a user gazetteer) instead of the built-in.
    pub fn extractor(mut self, extractor: impl Into<Extractor>) -> Self {
        self.extractor = Some(extractor.into());
        self
    }

    /// Number of tantivy indexing threads; 0 lets tantivy choose.
    pub fn threads(mut self, threads: usize) -> Self {
        self.threads = threads;
        self
    }

    /// Memory for tantivy's indexing buffers, in bytes.
    pub fn heap_bytes(mut self, bytes: usize) -> Self {
        self.heap_bytes = bytes;
        self
    }

    /// Longest time between two commits.
    pub fn commit_every(mut self, every: Duration) -> Self {
        self.commit_every = every;
        self
    }

    /// Reads every file again, even those unchanged since they were indexed.
    pub fn force(mut self, force: bool) -> Self {
        self.force = force;
        self
    }

    /// Removes the stories of files that were indexed from below `paths` and are gone.
    pub fn prune(mut self, prune: bool) -> Self {
        self.prune = prune;
        self
    }

    /// Indexes every file below `paths`, calling `progress` after each file. Bad files are
    /// reported in the returned [`IndexReport`]; only index failures return an error.
    pub fn run<P: AsRef<Path> + Sync>(
        &self,
        paths: &[P],
        mut progress: impl FnMut(Progress),
    ) -> Result<IndexReport> {
        let start = Instant::now();
        let extractor = match &self.extractor {
            Some(e) => e.clone(),
            None => Extractor::new()?,
        };
        let mut writer = if self.threads == 0 {
            self.index.writer(self.heap_bytes)?
        } else {
            self.index
                .writer_with_threads(self.threads, self.heap_bytes)?
        };
        let schema = self.index.schema();
        // One reader for the run: the index as it was before it (pruning, the fresh-index
        // check), reloaded at the end for the final count.
        let reader = self.index.reader()?;
        let mut records = self.index.path().map(FileRecords::load).unwrap_or_default();
        let walked = walk(paths);
        let mut report = IndexReport {
            files: walked.files.len(),
            failures: walked.errors.iter().map(Failure::from).collect(),
            ..IndexReport::default()
        };
        report.files_failed = walked.errors.len();

        // Which files to read: new or changed ones (all with `force`).
        let mut to_read = Vec::new();
        let mut seen = BTreeSet::new();
        for path in &walked.files {
            let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            let stamp = Stamp::of(&canonical);
            seen.insert(canonical.clone());
            if !self.force && records.unchanged(&canonical, stamp) {
                report.files_unchanged += 1;
            } else {
                to_read.push((canonical, stamp));
            }
        }
        if self.prune {
            let roots: Vec<PathBuf> = paths
                .iter()
                .filter_map(|p| std::fs::canonicalize(p.as_ref()).ok())
                .collect();
            let gone: Vec<PathBuf> = records
                .files
                .keys()
                .filter(|f| !seen.contains(*f) && roots.iter().any(|r| f.starts_with(r)))
                .cloned()
                .collect();
            let searcher = reader.searcher();
            for file in gone {
                let term = Term::from_field_text(schema.path, &file.display().to_string());
                report.stories_pruned += searcher.search(
                    &TermQuery::new(term.clone(), IndexRecordOption::Basic),
                    &Count,
                )? as u64;
                writer.delete_term(term);
                records.files.remove(&file);
                report.files_pruned += 1;
            }
        }

        let mut state = Progress {
            files_total: walked.files.len(),
            files_done: report.files_unchanged,
            ..Progress::default()
        };
        progress(state);
        let mut pending: Vec<(PathBuf, Stamp)> = Vec::new();
        let mut last_commit = Instant::now();
        let (sender, receiver) =
            sync_channel::<(FileRead, Vec<TantivyDocument>, Option<Stamp>)>(64);
        let mut upserts = Upserts {
            fresh: reader.searcher().num_docs() == 0,
            seen: HashSet::new(),
        };
        let readers = &self.readers;
        let to_read = &to_read;
        std::thread::scope(|scope| -> Result<()> {
            scope.spawn(move || {
                to_read
                    .par_iter()
                    .for_each_with(sender, |sender, (path, stamp)| {
                        let mut file = readers.read_path(path);
                        for story in &mut file.stories {
                            extractor.annotate(story);
                        }
                        let docs = file.stories.iter().map(|s| schema.to_document(s)).collect();
                        // The receiver only hangs up on an index error; stop quietly then.
                        let _ = sender.send((file, docs, *stamp));
                    });
            });
            for (file, docs, stamp) in receiver {
                self.take_file(&writer, &file, docs, &mut report, &records, &mut upserts)?;
                if let Some(stamp) = stamp {
                    // A file that now reads no story but errors keeps its old stories and
                    // its old record, so the next run tries it again.
                    if !file.stories.is_empty() || file.errors.is_empty() {
                        pending.push((file.path.clone(), stamp));
                    }
                }
                state.files_done += 1;
                state.stories = report.stories_indexed;
                progress(state);
                if last_commit.elapsed() >= self.commit_every {
                    self.commit(&mut writer, &mut records, &mut pending)?;
                    report.commits += 1;
                    last_commit = Instant::now();
                }
            }
            Ok(())
        })?;
        self.commit(&mut writer, &mut records, &mut pending)?;
        report.commits += 1;
        writer.wait_merging_threads()?;
        reader.reload()?;
        report.stories_in_index = reader.searcher().num_docs();
        report.seconds = start.elapsed().as_secs_f64();
        report.stories_per_second = report.stories_indexed as f64 / report.seconds.max(1e-9);
        report.index_bytes = self.index.size_on_disk();
        report.failures.sort_by(|a, b| a.path.cmp(&b.path));
        report.skipped.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(report)
    }

    /// Counts a file's outcome and writes its stories, replacing the stories it had before.
    fn take_file(
        &self,
        writer: &IndexWriter,
        file: &FileRead,
        docs: Vec<TantivyDocument>,
        report: &mut IndexReport,
        records: &FileRecords,
        upserts: &mut Upserts,
    ) -> Result<()> {
        let skip = |e: &ReadError| matches!(e.kind, ErrorKind::Unsupported | ErrorKind::NotAStory);
        if !file.stories.is_empty() {
            report.files_read += 1;
        } else if !file.errors.is_empty() && file.errors.iter().all(skip) {
            report.files_skipped += 1;
        } else {
            report.files_failed += 1;
        }
        for error in &file.errors {
            if skip(error) {
                report.skipped.push(Failure::from(error));
            } else {
                report.failures.push(Failure::from(error));
            }
        }
        if file.stories.is_empty() {
            return Ok(());
        }
        if records.files.contains_key(&file.path) {
            report.files_changed += 1;
        }
        let schema = self.index.schema();
        // Stories the file no longer holds go; the ones it holds come back below. An index
        // that was empty when the run began holds no story of any file yet.
        if !upserts.fresh {
            writer.delete_term(Term::from_field_text(
                schema.path,
                &file.path.display().to_string(),
            ));
        }
        for (story, doc) in file.stories.iter().zip(docs) {
            if upserts.must_delete(&story.id) {
                writer.delete_term(Term::from_field_text(schema.id, &story.id));
            }
            writer.add_document(doc)?;
        }
        report.stories_indexed += file.stories.len();
        Ok(())
    }

    /// Commits, then records the files that commit holds.
    fn commit(
        &self,
        writer: &mut IndexWriter,
        records: &mut FileRecords,
        pending: &mut Vec<(PathBuf, Stamp)>,
    ) -> Result<()> {
        self.index.commit(writer)?;
        records.files.extend(pending.drain(..));
        if let Some(dir) = self.index.path() {
            records.save(dir).map_err(|source| Error::Record {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        Ok(())
    }
}

/// Which writes must first delete a story of the same id. Deletes cost at commit time, so a
/// run into an index that was empty when it began deletes only ids it has already written.
struct Upserts {
    fresh: bool,
    seen: HashSet<String>,
}

impl Upserts {
    fn must_delete(&mut self, id: &str) -> bool {
        if !self.fresh {
            return true;
        }
        if self.seen.contains(id) {
            return true;
        }
        self.seen.insert(id.to_string());
        false
    }
}

/// Adds already-read articles to an index (upserting by id) and commits: the library path for
/// apps that produce stories themselves. Articles without an id get a content id; entity
/// fields are filled by `extractor` when given.
pub fn add_articles(
    index: &NewsIndex,
    articles: impl IntoIterator<Item = Article>,
    extractor: Option<&Extractor>,
) -> Result<usize> {
    let mut writer = index.writer_with_threads(1, 50_000_000)?;
    let schema = index.schema();
    let mut count = 0;
    for mut article in articles {
        article.ensure_id();
        if let Some(extractor) = extractor {
            extractor.annotate(&mut article);
        }
        writer.delete_term(Term::from_field_text(schema.id, &article.id));
        writer.add_document(schema.to_document(&article))?;
        count += 1;
    }
    index.commit(&mut writer)?;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

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
        let query = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
        let count = searcher.search(&query, &tantivy::collector::Count).unwrap();
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
        let writer = index.writer_with_threads(1, 15_000_000).unwrap();
        writer
            .add_document(index.schema().to_document(&Article {
                id: "uncommitted".into(),
                ..Article::default()
            }))
            .unwrap();
        assert_eq!(count(&index), 3, "readers see the last commit");
    }
}
