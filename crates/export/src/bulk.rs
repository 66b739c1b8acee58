//! The `_bulk` files: an `index` action line and the story's document, pair after pair,
//! cut into files that each make one bulk request of bounded size. Written as the stories
//! come: one file is open at a time and nothing is held but its counts.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

use crate::error::{Error, Result};

/// Longest `_id` OpenSearch takes, in bytes.
pub const MAX_ID_BYTES: usize = 512;

/// Prefix and extension of the bulk files: `bulk-0001.ndjson`.
pub(crate) const PREFIX: &str = "bulk-";
pub(crate) const EXTENSION: &str = ".ndjson";

/// Whether `name` is the name of a bulk file this crate writes.
pub(crate) fn is_bulk_file(name: &str) -> bool {
    name.strip_prefix(PREFIX)
        .and_then(|rest| rest.strip_suffix(EXTENSION))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// One bulk file written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkFile {
    /// Its path.
    pub path: PathBuf,
    /// Stories in it.
    pub stories: u64,
    /// Its size in bytes.
    pub bytes: u64,
}

/// Writes bulk files into a folder, starting a new file before one would pass a bound.
pub(crate) struct BulkWriter {
    dir: PathBuf,
    index: String,
    max_stories: u64,
    max_bytes: u64,
    open: Option<(BufWriter<File>, BulkFile)>,
    done: Vec<BulkFile>,
    /// The action and document of one story, reused.
    pair: Vec<u8>,
}

impl BulkWriter {
    pub(crate) fn new(dir: &Path, index: &str, max_stories: u64, max_bytes: u64) -> BulkWriter {
        BulkWriter {
            dir: dir.to_path_buf(),
            index: index.to_string(),
            max_stories,
            max_bytes,
            open: None,
            done: Vec::new(),
            pair: Vec::new(),
        }
    }

    /// Adds one story: its `_id` and its document. A story bigger than the byte bound
    /// alone gets a file of its own.
    pub(crate) fn add(&mut self, id: &str, source: &Map<String, Value>) -> Result<()> {
        self.pair.clear();
        let action = json!({ "index": { "_index": self.index, "_id": id } });
        // Serialising JSON values into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut self.pair, &action);
        self.pair.push(b'\n');
        let _ = serde_json::to_writer(&mut self.pair, source);
        self.pair.push(b'\n');
        let len = self.pair.len() as u64;
        if let Some((_, file)) = &self.open {
            if file.stories >= self.max_stories || file.bytes + len > self.max_bytes {
                self.close()?;
            }
        }
        if self.open.is_none() {
            let path = self
                .dir
                .join(format!("{PREFIX}{:04}{EXTENSION}", self.done.len() + 1));
            let out = File::create(&path).map_err(Error::io("create", &path))?;
            let file = BulkFile {
                path,
                stories: 0,
                bytes: 0,
            };
            self.open = Some((BufWriter::with_capacity(1 << 16, out), file));
        }
        if let Some((out, file)) = &mut self.open {
            out.write_all(&self.pair)
                .map_err(Error::io("write", &file.path))?;
            file.stories += 1;
            file.bytes += len;
        }
        Ok(())
    }

    /// Flushes and closes the open file.
    fn close(&mut self) -> Result<()> {
        if let Some((out, file)) = self.open.take() {
            let out = out
                .into_inner()
                .map_err(|e| Error::io("write", &file.path)(e.into_error()))?;
            out.sync_all().map_err(Error::io("write", &file.path))?;
            self.done.push(file);
        }
        Ok(())
    }

    /// Closes the last file; the files written, in order.
    pub(crate) fn finish(mut self) -> Result<Vec<BulkFile>> {
        self.close()?;
        Ok(self.done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("body".into(), Value::String(body.into()));
        m
    }

    #[test]
    fn files_are_cut_at_the_story_bound_and_the_byte_bound() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = BulkWriter::new(dir.path(), "news", 2, 1_000_000);
        for i in 0..5 {
            w.add(&i.to_string(), &doc("x")).unwrap();
        }
        let files = w.finish().unwrap();
        let stories: Vec<u64> = files.iter().map(|f| f.stories).collect();
        assert_eq!(stories, [2, 2, 1]);
        assert!(files[2].path.ends_with("bulk-0003.ndjson"));

        let dir = tempfile::tempdir().unwrap();
        let mut w = BulkWriter::new(dir.path(), "news", 100, 200);
        for body in [
            "a".repeat(40),
            "b".repeat(40),
            "c".repeat(500),
            "d".repeat(10),
        ] {
            w.add("id", &doc(&body)).unwrap();
        }
        let files = w.finish().unwrap();
        let stories: Vec<u64> = files.iter().map(|f| f.stories).collect();
        assert_eq!(stories, [2, 1, 1], "the big story has a file of its own");
        for f in &files {
            let text = std::fs::read_to_string(&f.path).unwrap();
            assert_eq!(text.len() as u64, f.bytes);
            assert!(f.bytes <= 200 || f.stories == 1);
            assert_eq!(text.lines().count() as u64, 2 * f.stories);
            assert!(text.ends_with('\n'));
        }
    }

    #[test]
    fn bulk_file_names_are_recognised() {
        assert!(is_bulk_file("bulk-0001.ndjson"));
        assert!(is_bulk_file("bulk-12345.ndjson"));
        assert!(!is_bulk_file("bulk-.ndjson"));
        assert!(!is_bulk_file("bulk-01.json"));
        assert!(!is_bulk_file("notes.md"));
    }
}
