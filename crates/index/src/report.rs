//! What an indexing run tells its caller: [`Progress`] while it runs, an [`IndexReport`] at the
//! end, with a [`Failure`] for every file or story it could not index.

use std::path::PathBuf;

use newsidx_read::ReadError;
use serde::Serialize;

/// Progress of a run, passed to the callback of [`Indexer::run`](crate::Indexer::run) after
/// each file and each chunk of stories written.
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
    /// The kind of problem (`io`, `malformed`, `bad-value`, `not-a-story`, `internal`...).
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
    /// Near-duplicate groups whose canonical story was pruned, or replaced by a story of the
    /// same id that its other stories do not all match, and whose other stories were
    /// grouped again (electing new canonical stories among themselves).
    pub groups_reelected: usize,
    /// Files skipped as not stories: kinds no reader handles, or valid items that hold no
    /// text story (a picture item, a package). Not failures.
    pub files_skipped: usize,
    /// Stories written in this run (a story met twice is written twice and kept once).
    pub stories_indexed: usize,
    /// Stories written in this run whose id a story written earlier in the run already had
    /// (the same story in two files, say): each replaced the earlier one, so they add nothing
    /// to the index's count.
    pub stories_repeated: usize,
    /// Stories read but not written because the index (or the run) already held a newer
    /// version of their id ([`newsidx_core::Version::compare`]).
    pub older_versions: usize,
    /// Stories in the index when the run began.
    pub stories_before: u64,
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
    /// The run was stopped early ([`Indexer::stop_when`](crate::Indexer::stop_when)): what it
    /// wrote is committed, the files it did not reach are read by the next run.
    pub interrupted: bool,
}
