//! The indexing pipeline: [`Indexer`] and the steps of [`Indexer::run`].
//!
//! A run selects the files to read (new or changed since the file record), prunes the stories
//! of files that are gone (on request), then reads and extracts files in parallel on reading
//! threads (one per core, as many as rayon's pool) while the calling thread writes their
//! stories in the order of the sorted list of files (`order.rs`), committing at bounded
//! intervals, and finally commits and counts.
//!
//! Memory is bounded by [`Indexer::memory`], whatever the corpus size: tantivy's indexing heap
//! takes half of the budget; the stories read and extracted but not yet written (sent to the
//! writer in chunks of [`CHUNK_STORIES`], never a whole file at once) a quarter: half of it in
//! the reading threads' queues (a gate each, counted in bytes), half in what the writer takes
//! together in one batch; the canonical stories of the run's near-duplicate groups a sixteenth
//! (`groups.rs`: committed and cleared when full); the ids seen in a run cost 8 bytes
//! each (a hash).

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use newsidx_core::merges::CappedMerges;
use newsidx_core::{
    Article, NewsIndex, NewsSchema, NewsWriter, Signature, Version, MIN_WRITER_HEAP_BYTES,
};
use newsidx_extract::Extractor;
use newsidx_read::{walk, ErrorKind, FileRead, ReadError, Readers};
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{IndexReader, TantivyDocument, Term};

use crate::error::{Error, Result};
use crate::files::{FileRecords, Stamp};
use crate::groups::{id_hash, Groups};
use crate::order::{CloseOnDrop, Delivery, FileMessage, InOrder, Reading};
use crate::report::{Failure, IndexReport, Progress};
use crate::versions::Versions;

/// The file an index run writes in the index folder when it starts and removes when it
/// ends: found at the start of a run, it says that the last one did not end, and the run
/// first has the groups the last one may have left without a canonical story elect one
/// (README, "Duplicates").
pub const RUN_MARKER: &str = "newsidx-run";

/// Default memory budget of a run (800 MB; see [`Indexer::memory`]): at a million stories
/// the run peaks at about 650 MB and leaves 6 segments (README, Benchmarks, "Scale").
pub const DEFAULT_MEMORY_BYTES: usize = 800_000_000;

/// Default indexing memory of a run (400 MB, half of [`DEFAULT_MEMORY_BYTES`]), shared by
/// tantivy's indexing threads: large enough that a corpus of a few hundred thousand stories
/// flushes few segments.
pub const DEFAULT_HEAP_BYTES: usize = DEFAULT_MEMORY_BYTES / 2;

/// The smallest budget [`Indexer::memory`] takes per indexing thread (60 MB): tantivy needs
/// [`MIN_WRITER_HEAP_BYTES`] per thread, and the heap is half of the budget, with margin.
pub const MIN_MEMORY_BYTES_PER_THREAD: usize = 4 * MIN_WRITER_HEAP_BYTES;

/// The most tantivy takes as indexing memory per thread (just under 4 GB).
const MAX_HEAP_BYTES_PER_THREAD: usize = 4_000_000_000;

/// Default longest time between two commits (30 s): what a crash can lose at most.
pub const DEFAULT_COMMIT_EVERY: Duration = Duration::from_secs(30);

/// Stories whose groups are looked up in the index in one pass over its signatures (see
/// [`Indexer::write_files`]).
const BATCH_STORIES: usize = 8192;

/// Stories per message from the reading threads to the writer: a file of many stories (a
/// JSON Lines file of a whole archive) goes in chunks, so that the queue between them is
/// bounded in bytes, not in files.
pub const CHUNK_STORIES: usize = 256;

/// What the reading threads send the writer. A file's messages come in order, from one
/// thread: its chunks of stories, then the file's outcome.
enum Message {
    /// Up to [`CHUNK_STORIES`] stories of a file, mapped onto the schema, with their ids.
    Stories {
        /// The file's path for its first chunk (its old stories are deleted before it).
        new_file: Option<String>,
        ids: Vec<String>,
        docs: Vec<TantivyDocument>,
        /// Each story's near-duplicate signature (`None`: too short).
        signatures: Vec<Option<Signature>>,
        /// Each story's source version.
        versions: Vec<Version>,
        /// What the chunk counts for in its reading thread's gate.
        bytes: usize,
    },
    /// A file is read: what was read (its stories taken out: `stories` says how many it
    /// held) and its stamp before reading (`None` when it had none).
    Done {
        file: FileRead,
        stories: usize,
        stamp: Option<Stamp>,
    },
}

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
    queue_bytes: usize,
    groups_bytes: usize,
    merge_bytes: usize,
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
    /// The run's near-duplicate groups.
    groups: Groups,
    last_commit: Instant,
}

/// The files a run reads, and every file it found (for pruning).
struct Selection {
    to_read: Vec<(PathBuf, Option<Stamp>)>,
    seen: BTreeSet<PathBuf>,
}

impl<'a> Indexer<'a> {
    /// An indexer with every built-in reader, the built-in gazetteer, tantivy's default
    /// thread count, a memory budget of [`DEFAULT_MEMORY_BYTES`] and a commit at least every
    /// [`DEFAULT_COMMIT_EVERY`].
    pub fn new(index: &'a NewsIndex) -> Indexer<'a> {
        Indexer {
            index,
            readers: Readers::new(),
            extractor: None,
            threads: 0,
            heap_bytes: DEFAULT_HEAP_BYTES,
            queue_bytes: DEFAULT_MEMORY_BYTES / 4,
            groups_bytes: DEFAULT_MEMORY_BYTES / 16,
            merge_bytes: DEFAULT_MEMORY_BYTES / 2,
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

    /// Memory for tantivy's indexing buffers, in bytes (default [`DEFAULT_HEAP_BYTES`]);
    /// [`Indexer::memory`] sets it too (the last call wins).
    pub fn heap_bytes(mut self, bytes: usize) -> Self {
        self.heap_bytes = bytes;
        self
    }

    /// The memory budget of a run, in bytes (default [`DEFAULT_MEMORY_BYTES`]): half is
    /// tantivy's indexing heap (shared by its threads; a larger heap flushes fewer, larger
    /// segments, so merges cost less), a quarter bounds the stories read and extracted ahead
    /// of the writer, a sixteenth holds the canonical stories of the run's near-duplicate
    /// groups (about 600 bytes each: when full, the run commits and finds them through the
    /// index instead), and the rest is left for what the reading threads hold (the file
    /// each one is reading, whole) and for merges. A merge joins at most half the budget of
    /// segments ([`newsidx_core::merges::CappedMerges`]): tantivy maps the segments it
    /// merges, and their pages count in the process's memory while it runs. Not counted:
    /// the gazetteer and tagger (about 100 MB, fixed), 8 bytes per story of the run (its
    /// id's hash, to keep a story met twice once), and about 64 bytes per story that
    /// carries a version (to keep the newest: see `versions.rs`). Peak memory of the
    /// 1M-story run: README, Benchmarks.
    ///
    /// At least [`MIN_MEMORY_BYTES_PER_THREAD`] per indexing thread, else [`Indexer::run`]
    /// fails with [`Error::Memory`]; at most about 8 GB per thread is used.
    pub fn memory(mut self, bytes: usize) -> Self {
        self.heap_bytes = bytes / 2;
        self.queue_bytes = bytes / 4;
        self.groups_bytes = bytes / 16;
        self.merge_bytes = bytes / 2;
        self
    }

    /// The bytes the run's table of canonical stories may take before it is committed and
    /// lookups go to the index (tests reach that state with a few stories).
    #[cfg(test)]
    pub(crate) fn groups_budget(mut self, bytes: usize) -> Self {
        self.groups_bytes = bytes;
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

    /// Indexes every file below `paths`, calling `progress` after each file and each chunk of
    /// stories written. Bad files are reported in the returned [`IndexReport`]; only index
    /// failures return an error.
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
        // Pruning deletes without a commit: the reader still shows the index before the run.
        state.report.stories_before = reader.searcher().num_docs();
        let fresh = state.report.stories_before == 0;
        let before = (!fresh).then(|| reader.searcher());
        state.groups = Groups::new(self.groups_bytes, before.clone());
        // A run that did not end (killed, or the machine stopped) may have committed the
        // deletes of a file read again without the new canonical stories of the groups its
        // stories headed: those groups elect them now.
        let marker = self.index.path().map(|p| p.join(RUN_MARKER));
        if let Some(marker) = &marker {
            if marker.exists() && !fresh {
                state.report.groups_reelected += state
                    .groups
                    .repair_headless(&state.writer, self.index.schema())?;
            }
            std::fs::write(marker, b"an index run is in progress, or did not end\n").map_err(
                |source| Error::RunMarker {
                    path: marker.clone(),
                    source,
                },
            )?;
        }
        let pruned = if self.prune {
            self.prune_gone(paths, &selection.seen, &reader, &mut state)?
        } else {
            Default::default()
        };
        // The files read again: an index that was empty holds no story of theirs.
        let rewritten = if fresh {
            &[][..]
        } else {
            &selection.to_read[..]
        };
        let mut versions = Versions::new(before, self.index.schema(), rewritten, pruned);
        self.read_and_write(
            &selection.to_read,
            &extractor,
            fresh,
            &mut versions,
            &mut state,
            &mut progress,
        )?;
        state.report.interrupted = self.stopped();
        self.commit(&mut state)?;
        let report = self.finish(state, &reader, start)?;
        if let Some(marker) = &marker {
            match std::fs::remove_file(marker) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(Error::RunMarker {
                        path: marker.clone(),
                        source: e,
                    })
                }
                _ => {}
            }
        }
        Ok(report)
    }

    /// Takes the index's writer and loads the record of indexed files.
    fn begin(&self) -> Result<RunState> {
        let threads = indexing_threads(self.threads);
        if self.heap_bytes < threads * MIN_WRITER_HEAP_BYTES {
            return Err(Error::Memory {
                bytes: self.heap_bytes * 2,
                threads,
                least: least_memory(self.threads),
            });
        }
        let heap = self.heap_bytes.min(threads * MAX_HEAP_BYTES_PER_THREAD);
        let writer = self.index.writer_with_threads(threads, heap)?;
        if let Some(folder) = self.index.path() {
            writer.set_merge_policy(Box::new(CappedMerges::new(folder, self.merge_bytes as u64)));
        }
        Ok(RunState {
            writer,
            records: self.index.path().map(FileRecords::load).unwrap_or_default(),
            report: IndexReport::default(),
            pending: Vec::new(),
            written: Vec::new(),
            groups: Groups::new(self.groups_bytes, None),
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

    /// Deletes the stories of recorded files below `paths` that were not found on disk; a
    /// near-duplicate group whose canonical story goes gets another (see `groups::reelect`).
    /// Returns the paths pruned.
    fn prune_gone<P: AsRef<Path>>(
        &self,
        paths: &[P],
        seen: &BTreeSet<PathBuf>,
        reader: &IndexReader,
        state: &mut RunState,
    ) -> Result<rustc_hash::FxHashSet<String>> {
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
        let paths: rustc_hash::FxHashSet<String> =
            gone.iter().map(|f| f.display().to_string()).collect();
        state.report.groups_reelected +=
            crate::groups::reelect(&mut state.groups, schema, &state.writer, &paths)?;
        for file in gone {
            let path = file.display().to_string();
            let term = Term::from_field_text(schema.path, &path);
            state.report.stories_pruned +=
                searcher.search(&TermQuery::new(term, IndexRecordOption::Basic), &Count)? as u64;
            state.writer.delete_file_stories(&path);
            state.records.files.remove(&file);
            state.report.files_pruned += 1;
        }
        Ok(paths)
    }

    /// Reads and extracts the files on reading threads and writes their stories on this one,
    /// in the order of `to_read`, committing every `commit_every`. `fresh`: the index held no
    /// story when the run began. At most `queue_bytes` of stories wait between them (see
    /// `order.rs`).
    fn read_and_write(
        &self,
        to_read: &[(PathBuf, Option<Stamp>)],
        extractor: &Extractor,
        fresh: bool,
        versions: &mut Versions,
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
        // Files are written in the order of `to_read` (paths sorted), whichever thread reads
        // them quicker: see `order.rs`. The queues are unbounded channels; the gates bound them.
        // The queues hold half of the budget for stories read ahead; the writer's batch the
        // other half (see `write_files`).
        let threads = rayon::current_num_threads().clamp(1, to_read.len().max(1));
        let order = InOrder::new(to_read.len(), threads, self.queue_bytes / 2);
        let (senders, delivery) = Delivery::new(&order);
        let (readers, schema, order) = (&self.readers, self.index.schema(), &order);
        std::thread::scope(|scope| -> Result<()> {
            for (thread, sender) in senders.into_iter().enumerate() {
                scope.spawn(move || {
                    let _reading = Reading(order);
                    let gate = order.gate(thread);
                    while let Some(k) = order.take(thread, self.stopped()) {
                        let (path, stamp) = &to_read[k];
                        // The gate closes and the receiver hangs up only when the writer
                        // stopped (an index error, an interruption): stop quietly then.
                        let sent = std::cell::Cell::new(0);
                        let mut send = |message: Message| {
                            let stories = message.stories();
                            let ok = gate.enter(message.bytes()) && sender.send(message).is_ok();
                            sent.set(sent.get() + if ok { stories } else { 0 });
                            ok
                        };
                        // A panic in a reader or the extractor (a bug) fails this file only.
                        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            read_file(readers, extractor, schema, path, *stamp, &mut send)
                        }));
                        let done = match read {
                            Ok(done) => done,
                            Err(panic) => send(failed_file(path, sent.get(), panic.as_ref())),
                        };
                        if !done {
                            return;
                        }
                    }
                });
            }
            let _close = CloseOnDrop(order);
            let mut write = Writes {
                upserts: &mut upserts,
                versions,
            };
            self.write_files(delivery, &mut write, state, &mut done, progress)
        })
    }

    /// The writing side of [`Indexer::read_and_write`]: takes each message as it arrives.
    fn write_files(
        &self,
        mut delivery: Delivery<Message>,
        write: &mut Writes,
        state: &mut RunState,
        done: &mut Progress,
        progress: &mut impl FnMut(Progress),
    ) -> Result<()> {
        let mut batch: Vec<Message> = Vec::new();
        while let Some(first) = delivery.recv() {
            // While canonical stories are looked up in the index, each lookup is one pass over
            // its signatures: chunks are taken together, up to BATCH_STORIES stories and half
            // the queue budget's bytes (the readers' queues hold the other half), for one pass.
            batch.push(first);
            if state.groups.reads_index() {
                let (mut stories, mut bytes) = (batch[0].stories(), batch[0].bytes());
                while stories < BATCH_STORIES && bytes < self.queue_bytes / 2 && !self.stopped() {
                    let Some(next) = delivery.recv() else { break };
                    stories += next.stories();
                    bytes += next.bytes();
                    batch.push(next);
                }
            }
            state
                .groups
                .prepare(batch.iter().flat_map(Message::signatures).flatten())?;
            for message in batch.drain(..) {
                if self.stopped() {
                    // Read but not written: not recorded either, so the next run reads it
                    // (and first deletes what of it a commit may hold).
                    return Ok(());
                }
                match message {
                    Message::Stories {
                        new_file,
                        ids,
                        docs,
                        signatures,
                        versions,
                        bytes: _,
                    } => {
                        let chunk = Chunk {
                            new_file,
                            ids,
                            docs,
                            signatures,
                            versions,
                        };
                        self.write_stories(chunk, state, write)?;
                    }
                    Message::Done {
                        file,
                        stories,
                        stamp,
                    } => {
                        let path = file.path.display().to_string();
                        state.report.groups_reelected +=
                            state
                                .groups
                                .file_done(&state.writer, self.index.schema(), &path)?;
                        self.take_file(&file, stories, stamp, state);
                        done.files_done += 1;
                    }
                }
                done.stories = state.report.stories_indexed;
                progress(*done);
                if state.last_commit.elapsed() >= self.commit_every {
                    self.commit(state)?;
                }
            }
            // The lookups of a batch are against one state of the index: only between batches
            // does a full table make way for the index as committed (so the table may pass its
            // budget by one batch).
            if state.groups.over_budget() {
                self.commit(state)?;
                let reader = self.index.reader()?;
                reader.reload()?;
                state.groups.committed(reader.searcher());
            }
        }
        Ok(())
    }

    /// Writes a chunk of a file's stories; before the file's first, deletes the stories it
    /// had (unless the index was empty when the run began). A story older than the one of
    /// its id that stands is skipped (see `versions.rs`).
    fn write_stories(&self, chunk: Chunk, state: &mut RunState, write: &mut Writes) -> Result<()> {
        let schema = self.index.schema();
        // Stories the file no longer holds go; the ones it holds come back below. An index
        // that was empty when the run began holds no story of any file yet.
        if let (Some(path), false) = (chunk.new_file, write.upserts.fresh) {
            state.groups.file_replaced(schema, &path)?;
            state.writer.delete_file_stories(&path);
            state.groups.file_deleted(&path);
        }
        let report = &mut state.report;
        let stories = chunk.ids.into_iter().zip(chunk.docs);
        let more = chunk.signatures.into_iter().zip(chunk.versions);
        for ((id, doc), (signature, version)) in stories.zip(more) {
            let hash = id_hash(&id);
            if !write
                .versions
                .admit(&id, &version, write.upserts.seen.contains(&hash))?
            {
                report.older_versions += 1;
                continue;
            }
            let (delete, repeated) = write.upserts.take(hash);
            report.groups_reelected +=
                state
                    .groups
                    .write(&state.writer, schema, &id, doc, signature, delete)?;
            report.stories_repeated += usize::from(repeated);
            report.stories_indexed += 1;
            if self.before_commit.is_some() {
                state.written.push(id);
            }
        }
        Ok(())
    }

    /// Counts a file's outcome (its stories, `stories` of them, are written already) and
    /// notes it for the record of the next commit.
    fn take_file(
        &self,
        file: &FileRead,
        stories: usize,
        stamp: Option<Stamp>,
        state: &mut RunState,
    ) {
        let report = &mut state.report;
        let skip = |e: &ReadError| matches!(e.kind, ErrorKind::Unsupported | ErrorKind::NotAStory);
        if stories > 0 {
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
        // Changed on disk since it was indexed; a file read again with `force` and unchanged
        // gets the same stories back, which replaces nothing.
        if stories > 0
            && matches!(state.records.files.get(&file.path), Some(old) if Some(*old) != stamp)
        {
            report.files_changed += 1;
        }
        if let Some(stamp) = stamp {
            // A file that now reads no story but errors keeps its old stories and its old
            // record, so the next run tries it again.
            if stories > 0 || file.errors.is_empty() {
                state.pending.push((file.path.clone(), stamp));
            }
        }
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

/// The indexing threads of a run asking for `threads` (0: tantivy's own choice, one per core,
/// at most 8).
fn indexing_threads(threads: usize) -> usize {
    match threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get().min(8)),
        n => n,
    }
}

/// The smallest budget [`Indexer::memory`] takes for `threads` indexing threads (0: tantivy's
/// choice, one per core): [`MIN_MEMORY_BYTES_PER_THREAD`] each.
pub fn least_memory(threads: usize) -> usize {
    indexing_threads(threads) * MIN_MEMORY_BYTES_PER_THREAD
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
        || name == RUN_MARKER
        || name.starts_with("watches.")
        || name.starts_with("alerts.")
}

/// Reads one file, annotates its stories with their entities and maps them onto the schema
/// (the work of the reading threads), passing them to `send` in chunks of [`CHUNK_STORIES`]
/// and then the file's outcome. Each story's text is dropped once it is mapped. Stops when
/// `send` says false, and then returns false.
fn read_file(
    readers: &Readers,
    extractor: &Extractor,
    schema: &NewsSchema,
    path: &Path,
    stamp: Option<Stamp>,
    send: &mut dyn FnMut(Message) -> bool,
) -> bool {
    let mut file = readers.read_path(path);
    let stories = std::mem::take(&mut file.stories);
    let count = stories.len();
    let mut new_file = Some(file.path.display().to_string());
    let mut stories = stories.into_iter();
    loop {
        let mut ids = Vec::with_capacity(CHUNK_STORIES.min(count));
        let mut docs = Vec::with_capacity(CHUNK_STORIES.min(count));
        let mut signatures = Vec::with_capacity(CHUNK_STORIES.min(count));
        let mut versions = Vec::with_capacity(CHUNK_STORIES.min(count));
        let mut bytes = 0;
        for mut story in stories.by_ref().take(CHUNK_STORIES) {
            extractor.annotate(&mut story);
            let signature = Signature::of(&story.title, &story.body);
            bytes += story_bytes(&story);
            let doc = schema.to_document(&story);
            docs.push(doc);
            signatures.push(signature);
            versions.push(story.version);
            ids.push(story.id);
        }
        if ids.is_empty() {
            break;
        }
        let chunk = Message::Stories {
            new_file: new_file.take(),
            ids,
            docs,
            signatures,
            versions,
            bytes,
        };
        if !send(chunk) {
            return false;
        }
    }
    send(Message::Done {
        file,
        stories: count,
        stamp,
    })
}

/// The outcome of a file whose reading or extraction panicked after `sent` of its stories
/// were sent to the writer: those stay, the file is not recorded (no stamp), so the next
/// run reads it again, and the failure says what the panic said.
fn failed_file(path: &Path, sent: usize, panic: &(dyn std::any::Any + Send)) -> Message {
    let mut error = ReadError::from_panic(path, panic);
    error.message.push_str(": the run went on");
    Message::Done {
        file: FileRead {
            path: path.to_path_buf(),
            format: None,
            stories: Vec::new(),
            errors: vec![error],
        },
        stories: sent,
        stamp: None,
    }
}

/// About what a story mapped onto the schema holds in memory: its text (the document keeps it
/// to store) and a fixed share for its id, entities and fields.
fn story_bytes(story: &Article) -> usize {
    let optional = |o: &Option<String>| o.as_ref().map_or(0, String::len);
    story.title.len()
        + story.body.len()
        + optional(&story.standfirst)
        + optional(&story.dateline)
        + optional(&story.byline)
        + 512
}

impl FileMessage for Message {
    fn ends_file(&self) -> bool {
        matches!(self, Message::Done { .. })
    }

    /// What the message counts for in its reading thread's gate (a file's outcome: nothing).
    fn bytes(&self) -> usize {
        match self {
            Message::Stories { bytes, .. } => *bytes,
            Message::Done { .. } => 0,
        }
    }
}

impl Message {
    /// How many stories it carries.
    fn stories(&self) -> usize {
        match self {
            Message::Stories { ids, .. } => ids.len(),
            Message::Done { .. } => 0,
        }
    }

    /// The signatures of its stories.
    fn signatures(&self) -> &[Option<Signature>] {
        match self {
            Message::Stories { signatures, .. } => signatures,
            Message::Done { .. } => &[],
        }
    }
}

/// A file's chunk of stories as the writer takes it.
struct Chunk {
    new_file: Option<String>,
    ids: Vec<String>,
    docs: Vec<TantivyDocument>,
    signatures: Vec<Option<Signature>>,
    versions: Vec<Version>,
}

/// What the writer keeps of the stories it wrote in a run.
struct Writes<'u, 'v, 'a> {
    upserts: &'u mut Upserts,
    versions: &'v mut Versions<'a>,
}

/// Which writes must first delete a story of the same id, and which repeat an id this run
/// already wrote. Deletes cost at commit time, so a run into an index that was empty when it
/// began deletes only ids it has already written.
///
/// Memory: one 64-bit hash per id written ([`id_hash`]), not the id. Two ids of the run with
/// the same hash (odds about 3 in 100 million for a million stories) would only count the
/// second as repeated and delete its id before writing it, which deletes nothing.
struct Upserts {
    fresh: bool,
    seen: HashSet<u64>,
}

impl Upserts {
    /// Notes a write of the id of hash `hash`: (must delete first, the run wrote this id
    /// before).
    fn take(&mut self, hash: u64) -> (bool, bool) {
        let repeated = !self.seen.insert(hash);
        (!self.fresh || repeated, repeated)
    }
}
