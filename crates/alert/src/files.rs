//! The files beside the index, and the two ways they are written: whole and atomically (the
//! watch store), or appended to and synced (the alert log, the delivery log, the journal).
//!
//! Every name starts with `watches.` or `alerts.`: the indexing pipeline leaves such files of
//! the index folder alone when the folder is inside the corpus.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// The saved searches ([`crate::WatchStore`]).
pub const WATCHES: &str = "watches.json";
/// The alert log, one [`crate::Alert`] a line.
pub const ALERTS: &str = "alerts.ndjson";
/// The delivery log, one [`crate::Delivery`] a line.
pub const DELIVERIES: &str = "alerts.deliveries.ndjson";
/// The journal of stories written but not yet percolated ([`crate::Journal`]).
pub const JOURNAL: &str = "alerts.pending";

/// Writes `bytes` to `path` atomically: a temporary file beside it, synced, then renamed over
/// it, so that a reader (or a crash) sees the old file or the new one, never half of one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut tmp_name = path.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(".tmp");
    let tmp = path.with_file_name(tmp_name);
    let mut file = File::create(&tmp).map_err(Error::io(&tmp))?;
    file.write_all(bytes).map_err(Error::io(&tmp))?;
    file.sync_all().map_err(Error::io(&tmp))?;
    drop(file);
    std::fs::rename(&tmp, path).map_err(Error::io(path))?;
    sync_parent(path);
    Ok(())
}

/// Appends `lines` (each without its newline) to `path` in one write, and syncs it: once this
/// returns, the lines survive a crash.
pub fn append_lines<S: AsRef<str>>(path: &Path, lines: &[S]) -> Result<()> {
    if lines.is_empty() {
        return Ok(());
    }
    let mut text = String::new();
    for line in lines {
        text.push_str(line.as_ref());
        text.push('\n');
    }
    let created = !path.exists();
    let mut file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(Error::io(path))?;
    file.write_all(text.as_bytes()).map_err(Error::io(path))?;
    file.sync_data().map_err(Error::io(path))?;
    if created {
        sync_parent(path);
    }
    Ok(())
}

/// Reads `path` from byte `offset`: its complete lines (a last line without its newline, a
/// write cut short by a crash or still under way, is left for later) and the offset after
/// them. A missing file reads as empty.
pub fn read_lines(path: &Path, offset: u64) -> Result<(Vec<String>, u64)> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((Vec::new(), offset)),
        Err(e) => return Err(Error::io(path)(e)),
    };
    let start = (offset as usize).min(bytes.len());
    let end = match bytes[start..].iter().rposition(|b| *b == b'\n') {
        Some(last) => start + last + 1,
        None => return Ok((Vec::new(), start as u64)),
    };
    let lines = String::from_utf8_lossy(&bytes[start..end])
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    Ok((lines, end as u64))
}

/// Syncs the folder of `path` so that a new name in it survives a crash (best effort: not
/// every platform can open a folder).
fn sync_parent(path: &Path) {
    if let Some(parent) = path.parent() {
        if let Ok(dir) = File::open(parent) {
            let _ = dir.sync_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unfinished_last_line_is_left_for_later() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log");
        append_lines(&path, &["one", "two"]).unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"thr")
            .unwrap();
        let (lines, next) = read_lines(&path, 0).unwrap();
        assert_eq!(lines, ["one", "two"]);
        assert_eq!(next, 8);
        let (lines, next) = read_lines(&path, 4).unwrap();
        assert_eq!((lines, next), (vec!["two".to_string()], 8));
        assert_eq!(read_lines(&path, next).unwrap(), (Vec::new(), 8));
    }

    #[test]
    fn an_atomic_write_replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(WATCHES);
        write_atomic(&path, b"old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
