//! The record of indexed files, kept beside the index, that makes re-runs incremental.
//!
//! `newsidx-files.json` in the index folder maps each file's canonical path to its size and
//! modification time at the time it was indexed. It is written (atomically: a temporary file
//! renamed over the old one) only after a commit, and only for files whose stories that commit
//! holds, so it never claims a file the index lacks: after a crash, files indexed since the
//! last commit are simply read again, and upserts by story id keep them from doubling.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

/// File name of the record, inside the index folder.
pub const FILE_NAME: &str = "newsidx-files.json";

/// Size and modification time of a file when it was indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime_ns: u128,
}

impl Stamp {
    /// The stamp of the file at `path` now, `None` when it cannot be read.
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        let mtime_ns = meta
            .modified()
            .ok()?
            .duration_since(UNIX_EPOCH)
            .ok()?
            .as_nanos();
        Some(Stamp {
            size: meta.len(),
            mtime_ns,
        })
    }
}

/// The files an index holds stories of, with their stamps.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FileRecords {
    /// Canonical path -> stamp.
    pub files: BTreeMap<PathBuf, Stamp>,
}

impl FileRecords {
    /// Loads the record of the index in `dir`; an absent or unreadable record is empty (every
    /// file is then read again, which is safe).
    pub fn load(dir: &Path) -> FileRecords {
        std::fs::read(dir.join(FILE_NAME))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes the record atomically into `dir`.
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        let tmp = dir.join(format!("{FILE_NAME}.tmp"));
        let bytes = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, dir.join(FILE_NAME))
    }

    /// True when `path` was indexed with exactly this stamp.
    pub fn unchanged(&self, path: &Path, stamp: Option<Stamp>) -> bool {
        stamp.is_some() && self.files.get(path) == stamp.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_and_detect_changes() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "one").unwrap();
        let mut records = FileRecords::default();
        records
            .files
            .insert(file.clone(), Stamp::of(&file).unwrap());
        records.save(dir.path()).unwrap();
        let loaded = FileRecords::load(dir.path());
        assert!(loaded.unchanged(&file, Stamp::of(&file)));
        std::fs::write(&file, "three").unwrap();
        assert!(!loaded.unchanged(&file, Stamp::of(&file)));
        assert!(!loaded.unchanged(&dir.path().join("b.txt"), None));
    }

    #[test]
    fn a_missing_or_corrupt_record_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        assert!(FileRecords::load(dir.path()).files.is_empty());
        std::fs::write(dir.path().join(FILE_NAME), "{not json").unwrap();
        assert!(FileRecords::load(dir.path()).files.is_empty());
    }
}
