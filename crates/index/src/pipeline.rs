//! The indexing pipeline: [`Indexer`] and the steps of [`Indexer::run`].
//!
//! A run selects the files to read (new or changed since the file record), prunes the stories
//! of files that are gone (on request), then reads and extracts files in parallel (rayon) on a
//! producer thread while the calling thread writes their stories, committing at bounded
//! intervals, and finally commits and counts.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Arc;
use std::time::{Duration, Instant};

use newsidx_core::{NewsIndex, NewsSchema, NewsWriter};
use newsidx_extract::Extractor;
use newsidx_read::{walk, ErrorKind, FileRead, ReadError, Readers};
use rayon::prelude::*;
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{IndexReader, TantivyDocument, Term};

use crate::error::{Error, Result};
use crate::files::{FileRecords, Stamp};
use crate::report::{Failure, IndexReport, Progress};

/// Default indexing memory of a run (200 MB), shared by tantivy's indexing threads: large
/// enough that a corpus of a few hundred thousand stories flushes few segments.
pub const DEFAULT_HEAP_BYTES: usize = 200_000_000;

/// Default longest time between two commits (30 s): what a crash can lose at most.
pub const DEFAULT_COMMIT_EVERY: Duration = Duration::from_secs(30);

/// Files read and extracted ahead of the writer (the bound of the queue between the reading
/// threads and the writing thread): enough to keep the writer busy, small enough that memory
/// stays flat when writing is the slower side.
pub const FILES_IN_FLIGHT: usize = 64;

/// One file on its way from the reading threads to the writer: what was read, its stories
/// mapped onto the schema, and its stamp before reading (`None` when it had none).
type ReadFile = (FileRead, Vec<TantivyDocument>, Option<Stamp>);

/// What [`Indexer::before_commit`] calls with the ids written since the last commit.
pub type BeforeCommit<'a> = &'a (dyn Fn(&[String]) -> std::io::Result<()> + Sync);

/// Builds and runs indexing jobs over one [`NewsIndex`].
#[must_use = "an Indexer does nothing until `run` is called"]
pub struct Indexer<'a> {
    index: &'a NewsIndex,
    readers: Readers,
    extractor: Option<Extractor>,
    threads: usize,
    heap_bytes: usize,
    commit_every: Duration,
    force: bool,
    prune: bool,
    stop: Option<Arc<AtomicBool>>,
    before_commit: Option<BeforeCommit<'a>>,
}

/// The state a run carries from step to step.
struct RunState {
    writer: NewsWriter,
    records: FileRecords,
    report: IndexReport,
    /// Files whose stories were written since the last commit; recorded once a commit holds
    /// them.
    pending: Vec<(PathBuf, Stamp)>,
    /// Ids written since the last commit, kept for [`Indexer::before_commit`] only.
    written: Vec<String>,
    last_commit: Instant,
}

/// The files a run reads, and every file it found (for pruning).
struct Selection {
    to_read: Vec<(PathBuf, Option<Stamp>)>,
    seen: BTreeSet<PathBuf>,
}

impl<'a> Indexer<'a> {
    /// An indexer with every built-in reader, the built-in gazetteer, tantivy's default
    /// thread count, [`DEFAULT_HEAP_BYTES`] of indexing memory and a commit at least every
    /// [`DEFAULT_COMMIT_EVERY`].
    pub fn new(index: &'a NewsIndex) -> Indexer<'a> {
        Indexer {
            index,
            readers: Readers::new(),
            extractor: None,
            threads: 0,
            heap_bytes: DEFAULT_HEAP_BYTES,
            commit_every: DEFAULT_COMMIT_EVERY,
            force: false,
            prune: false,
            stop: None,
            before_commit: None,
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

    /// Number of tantivy indexing threads; 0 (the default) lets tantivy choose.
    pub fn threads(mut self, threads: usize) -> Self {
        self.threads = threads;
        self
    }

    /// Memory for tantivy's indexing buffers, in bytes (default [`DEFAULT_HEAP_BYTES`]).
    pub fn heap_bytes(mut self, bytes: usize) -> Self {
        self.heap_bytes = bytes;
        self
    }

    /// Longest time between two commits (default [`DEFAULT_COMMIT_EVERY`]).
    pub fn commit_every(mut self, every: Duration) -> Self {
        self.commit_every = every;
        self
    }

    /// Reads every file again, even those unchanged since they were indexed (default off).
    pub fn force(mut self, force: bool) -> Self {
        self.force = force;
        self
    }

    /// Removes the stories of files that were indexed from below `paths` and are gone
    /// (default off).
    pub fn prune(mut self, prune: bool) -> Self {
        self.prune = prune;
        self
    }

    /// Stops the run early once `stop` is set (by a signal handler, say): no further file is
    /// read, the stories already written are committed and recorded, and the report says
    /// [`IndexReport::interrupted`]. Running again later reads the files not reached.
    pub fn stop_when(mut self, stop: Arc<AtomicBool>) -> Self {
        self.stop = Some(stop);
        self
    }

    /// Calls `hook` before each commit with the ids of the stories written since the last
    /// one (none: no call), so that a caller can record them durably before the index holds
    /// them: `newsidx-alert`'s journal, which makes alerts survive a crash. An error from the
    /// hook stops the run before that commit ([`Error::BeforeCommit`]).
    pub fn before_commit(mut self, hook: BeforeCommit<'a>) -> Self {
        self.before_commit = Some(hook);
        self
    }

    /// True once the flag given to [`Indexer::stop_when`] is set.
    fn stopped(&self) -> bool {
        self.stop
            .as_ref()
            .is_some_and(|s| s.load(Ordering::Relaxed))
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
        let mut state = self.begin()?;
        // One reader for the run: the index as it was before it (pruning, the fresh-index
        // check), reloaded at the end for the final count.
        let reader = self.index.reader()?;
        let walked = walk(paths);
        // The index's own files hold no story, when its folder is in (or is) the corpus.
        let own = self
            .index
            .path()
            .and_then(|p| std::fs::canonicalize(p).ok());
        let outside = |path: &Path| {
            let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            !is_index_file(own.as_deref(), &canonical)
        };
        let errors: Vec<&ReadError> = walked.errors.iter().filter(|e| outside(&e.path)).collect();
        state.report.failures = errors.iter().map(|e| Failure::from(*e)).collect();
        state.report.files_failed = errors.len();
        let selection = self.select(&walked.files, own.as_deref(), &mut state);
        if self.prune {
            self.prune_gone(paths, &selection.seen, &reader, &mut state)?;
        }
        state.report.stories_before = reader.searcher().num_docs();
        let fresh = state.report.stories_before == 0;
        self.read_and_write(
            &selection.to_read,
            &extractor,
            fresh,
            &mut state,
            &mut progress,
        )?;
        state.report.interrupted = self.stopped();
        self.commit(&mut state)?;
        self.finish(state, &reader, start)
    }

    /// Takes the index's writer and loads the record of indexed files.
    fn begin(&self) -> Result<RunState> {
        let writer = if self.threads == 0 {
            self.index.writer(self.heap_bytes)?
        } else {
            self.index
                .writer_with_threads(self.threads, self.heap_bytes)?
        };
        Ok(RunState {
            writer,
            records: self.index.path().map(FileRecords::load).unwrap_or_default(),
            report: IndexReport::default(),
            pending: Vec::new(),
            written: Vec::new(),
            last_commit: Instant::now(),
        })
    }

    /// Which files to read: new or changed ones (all with `force`); the others are counted
    /// as unchanged. Files inside the index folder `own` are left out.
    fn select(&self, files: &[PathBuf], own: Option<&Path>, state: &mut RunState) -> Selection {
        let mut selection = Selection {
            to_read: Vec::new(),
            seen: BTreeSet::new(),
        };
        for path in files {
            let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            if is_index_file(own, &canonical) {
                continue;
            }
            state.report.files += 1;
            let stamp = Stamp::of(&canonical);
            selection.seen.insert(canonical.clone());
            if !self.force && state.records.unchanged(&canonical, stamp) {
                state.report.files_unchanged += 1;
            } else {
                selection.to_read.push((canonical, stamp));
            }
        }
        selection
    }

    /// Deletes the stories of recorded files below `paths` that were not found on disk.
    fn prune_gone<P: AsRef<Path>>(
        &self,
        paths: &[P],
        seen: &BTreeSet<PathBuf>,
        reader: &IndexReader,
        state: &mut RunState,
    ) -> Result<()> {
        let roots: Vec<PathBuf> = paths
            .iter()
            .filter_map(|p| std::fs::canonicalize(p.as_ref()).ok())
            .collect();
        let gone: Vec<PathBuf> = state
            .records
            .files
            .keys()
            .filter(|f| !seen.contains(*f) && roots.iter().any(|r| f.starts_with(r)))
            .cloned()
            .collect();
        let searcher = reader.searcher();
        let schema = self.index.schema();
        for file in gone {
            let path = file.display().to_string();
            let term = Term::from_field_text(schema.path, &path);
            state.report.stories_pruned +=
                searcher.search(&TermQuery::new(term, IndexRecordOption::Basic), &Count)? as u64;
            state.writer.delete_file_stories(&path);
            state.records.files.remove(&file);
            state.report.files_pruned += 1;
        }
        Ok(())
    }

    /// Reads and extracts the files on rayon's threads and writes their stories on this one,
    /// committing every `commit_every`. `fresh`: the index held no story when the run began.
    fn read_and_write(
        &self,
        to_read: &[(PathBuf, Option<Stamp>)],
        extractor: &Extractor,
        fresh: bool,
        state: &mut RunState,
        progress: &mut impl FnMut(Progress),
    ) -> Result<()> {
        let mut done = Progress {
            files_total: state.report.files,
            files_done: state.report.files_unchanged,
            ..Progress::default()
        };
        progress(done);
        let mut upserts = Upserts {
            fresh,
            seen: HashSet::new(),
        };
        let (sender, receiver) = sync_channel::<ReadFile>(FILES_IN_FLIGHT);
        let (readers, schema) = (&self.readers, self.index.schema());
        std::thread::scope(|scope| -> Result<()> {
            scope.spawn(move || {
                to_read
                    .par_iter()
                    .for_each_with(sender, |sender, (path, stamp)| {
                        if self.stopped() {
                            return;
                        }
                        let read = read_file(readers, extractor, schema, path, *stamp);
                        // The receiver only hangs up on an index error; stop quietly then.
                        let _ = sender.send(read);
                    });
            });
            self.write_files(receiver, &mut upserts, state, &mut done, progress)
        })
    }

    /// The writing side of [`Indexer::read_and_write`]: takes each file as it arrives.
    fn write_files(
        &self,
        receiver: Receiver<ReadFile>,
        upserts: &mut Upserts,
        state: &mut RunState,
        done: &mut Progress,
        progress: &mut impl FnMut(Progress),
    ) -> Result<()> {
        for (file, docs, stamp) in receiver {
            if self.stopped() {
                // Read but not written: not recorded either, so the next run reads it.
                break;
            }
            self.take_file(&file, docs, stamp, state, upserts)?;
            if let Some(stamp) = stamp {
                // A file that now reads no story but errors keeps its old stories and its old
                // record, so the next run tries it again.
                if !file.stories.is_empty() || file.errors.is_empty() {
                    state.pending.push((file.path.clone(), stamp));
                }
            }
            done.files_done += 1;
            done.stories = state.report.stories_indexed;
            progress(*done);
            if state.last_commit.elapsed() >= self.commit_every {
                self.commit(state)?;
            }
        }
        Ok(())
    }

    /// Counts a file's outcome and writes its stories, replacing the stories it had before.
    fn take_file(
        &self,
        file: &FileRead,
        docs: Vec<TantivyDocument>,
        stamp: Option<Stamp>,
        state: &mut RunState,
        upserts: &mut Upserts,
    ) -> Result<()> {
        let report = &mut state.report;
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
        // Changed on disk since it was indexed; a file read again with `force` and unchanged
        // gets the same stories back, which replaces nothing.
        if matches!(state.records.files.get(&file.path), Some(old) if Some(*old) != stamp) {
            report.files_changed += 1;
        }
        // Stories the file no longer holds go; the ones it holds come back below. An index
        // that was empty when the run began holds no story of any file yet.
        if !upserts.fresh {
            state
                .writer
                .delete_file_stories(&file.path.display().to_string());
        }
        for (story, doc) in file.stories.iter().zip(docs) {
            let (delete, repeated) = upserts.take(&story.id);
            if delete {
                state.writer.delete_story(&story.id);
            }
            report.stories_repeated += usize::from(repeated);
            state.writer.add_document(doc)?;
            if self.before_commit.is_some() {
                state.written.push(story.id.clone());
            }
        }
        report.stories_indexed += file.stories.len();
        Ok(())
    }

    /// Commits, then records the files that commit holds.
    fn commit(&self, state: &mut RunState) -> Result<()> {
        if let Some(hook) = self.before_commit {
            if !state.written.is_empty() {
                hook(&state.written).map_err(|source| Error::BeforeCommit { source })?;
                state.written.clear();
            }
        }
        state.writer.commit()?;
        state.report.commits += 1;
        state.last_commit = Instant::now();
        state.records.files.extend(state.pending.drain(..));
        if let Some(dir) = self.index.path() {
            state.records.save(dir).map_err(|source| Error::Record {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        Ok(())
    }

    /// Waits for merges and fills in the report's final counts.
    fn finish(&self, state: RunState, reader: &IndexReader, start: Instant) -> Result<IndexReport> {
        let mut report = state.report;
        state.writer.wait_merging_threads()?;
        reader.reload()?;
        report.stories_in_index = reader.searcher().num_docs();
        report.seconds = start.elapsed().as_secs_f64();
        report.stories_per_second = report.stories_indexed as f64 / report.seconds.max(1e-9);
        report.index_bytes = self.index.size_on_disk();
        report.failures.sort_by(|a, b| a.path.cmp(&b.path));
        report.skipped.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(report)
    }
}

/// True for a file of the index in the folder `own` (canonical paths): tantivy's `meta.json`
/// and segment files (`<32 hex digits>.<ext>`), the record of indexed files, and the saved
/// searches and alerts of `newsidx-alert` (`watches.*`, `alerts.*`).
fn is_index_file(own: Option<&Path>, path: &Path) -> bool {
    let Some(own) = own else { return false };
    if path.parent() != Some(own) {
        return false;
    }
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let segment = name
        .split_once('.')
        .is_some_and(|(stem, _)| stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit()));
    segment
        || name == "meta.json"
        || name.starts_with(crate::files::FILE_NAME)
        || name.starts_with("watches.")
        || name.starts_with("alerts.")
}

/// Reads one file, annotates its stories with their entities and maps them onto the schema
/// (the work of the reading threads).
fn read_file(
    readers: &Readers,
    extractor: &Extractor,
    schema: &NewsSchema,
    path: &Path,
    stamp: Option<Stamp>,
) -> ReadFile {
    let mut file = readers.read_path(path);
    for story in &mut file.stories {
        extractor.annotate(story);
    }
    let docs = file.stories.iter().map(|s| schema.to_document(s)).collect();
    (file, docs, stamp)
}

/// Which writes must first delete a story of the same id, and which repeat an id this run
/// already wrote. Deletes cost at commit time, so a run into an index that was empty when it
/// began deletes only ids it has already written.
struct Upserts {
    fresh: bool,
    seen: HashSet<String>,
}

impl Upserts {
    /// Notes a write of `id`: (must delete first, the run wrote this id before).
    fn take(&mut self, id: &str) -> (bool, bool) {
        let repeated = !self.seen.insert(id.to_string());
        (!self.fresh || repeated, repeated)
    }
}
