//! Opening and creating newsidx indexes, with the schema version check.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::directory::error::LockError;
use tantivy::{Index, IndexReader, TantivyError};

use crate::analyzer;
use crate::error::{Error, Result};
use crate::schema::{NewsSchema, SCHEMA_VERSION};
use crate::writer::NewsWriter;

/// The smallest indexing memory tantivy accepts for one writer thread (15 MB): enough for a
/// writer that adds a handful of stories, or none (the version commit of a new index).
pub const MIN_WRITER_HEAP_BYTES: usize = 15_000_000;

/// Decompressed blocks of stored stories a reader keeps, over all segments: at most about
/// 64 MB with tantivy's 16 KB blocks.
pub const STORE_CACHE_BLOCKS: usize = 4096;

/// What newsidx records in every commit of an index (tantivy's commit payload).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexPayload {
    /// The [`SCHEMA_VERSION`] the index was written with.
    pub schema_version: u32,
    /// The newsidx version that made the commit.
    pub newsidx_version: String,
}

/// A tantivy index with the newsidx schema, checked to be of this build's schema version.
#[derive(Clone)]
pub struct NewsIndex {
    index: Index,
    schema: NewsSchema,
    path: Option<PathBuf>,
}

impl NewsIndex {
    /// Creates an empty index in memory, for tests, examples and apps that index on the fly.
    pub fn create_in_ram() -> Result<NewsIndex> {
        let schema = NewsSchema::new();
        let index = Index::create_in_ram(schema.schema.clone());
        analyzer::register(&index);
        let news = NewsIndex {
            index,
            schema,
            path: None,
        };
        news.record_version()?;
        Ok(news)
    }

    /// Opens the index in `path`, or creates an empty one there (creating the folder) when the
    /// folder holds no index. Fails with [`Error::SchemaVersion`] when the index there was
    /// written by another schema version.
    pub fn open_or_create(path: impl AsRef<Path>) -> Result<NewsIndex> {
        let path = path.as_ref();
        if path.join("meta.json").exists() {
            return NewsIndex::open(path);
        }
        std::fs::create_dir_all(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let schema = NewsSchema::new();
        let index = Index::create_in_dir(path, schema.schema.clone())?;
        analyzer::register(&index);
        let news = NewsIndex {
            index,
            schema,
            path: Some(path.to_path_buf()),
        };
        news.record_version()?;
        Ok(news)
    }

    /// Opens an existing index, checking its schema version and fields.
    pub fn open(path: impl AsRef<Path>) -> Result<NewsIndex> {
        let path = path.as_ref();
        if !path.join("meta.json").exists() {
            return Err(Error::NoIndex {
                path: path.to_path_buf(),
            });
        }
        let index = Index::open_in_dir(path)?;
        analyzer::register(&index);
        let found = payload_of(&index)?.map_or(0, |p| p.schema_version);
        if found != SCHEMA_VERSION {
            return Err(Error::SchemaVersion {
                path: path.to_path_buf(),
                found,
                expected: SCHEMA_VERSION,
            });
        }
        let schema =
            NewsSchema::from_schema(&index.schema()).map_err(|field| Error::NotNewsIndex {
                path: path.to_path_buf(),
                field,
            })?;
        Ok(NewsIndex {
            index,
            schema,
            path: Some(path.to_path_buf()),
        })
    }

    /// The tantivy index, for searching. Write through [`NewsIndex::writer`] instead of a
    /// writer of this index: a commit without the schema-version payload leaves the index
    /// unopenable.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The schema with its field handles.
    pub fn schema(&self) -> &NewsSchema {
        &self.schema
    }

    /// The folder of the index, `None` for an index in RAM.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// A [`NewsWriter`] with `heap_bytes` of indexing memory (tantivy splits it between its
    /// threads, each needing at least [`MIN_WRITER_HEAP_BYTES`]; 50 MB per thread is a good
    /// size). Fails at once with [`Error::Locked`] when another writer holds the index.
    pub fn writer(&self, heap_bytes: usize) -> Result<NewsWriter> {
        self.index
            .writer(heap_bytes)
            .map(|w| NewsWriter::new(w, self.schema.clone()))
            .map_err(|e| self.lock_error(e))
    }

    /// Like [`NewsIndex::writer`] with a fixed number of indexing threads.
    pub fn writer_with_threads(&self, threads: usize, heap_bytes: usize) -> Result<NewsWriter> {
        self.index
            .writer_with_num_threads(threads, heap_bytes)
            .map(|w| NewsWriter::new(w, self.schema.clone()))
            .map_err(|e| self.lock_error(e))
    }

    /// A reader that reloads after each commit.
    ///
    /// It keeps up to [`STORE_CACHE_BLOCKS`] decompressed blocks of stored stories, shared out
    /// among the segments there are when it opens (tantivy's default is 100 a segment): a
    /// server answering the same topics again reads their hits without decompressing.
    pub fn reader(&self) -> Result<IndexReader> {
        let segments = self.index.searchable_segment_ids()?.len().max(1);
        Ok(self
            .index
            .reader_builder()
            .doc_store_cache_num_blocks((STORE_CACHE_BLOCKS / segments).max(100))
            .try_into()?)
    }

    /// The payload of the last commit.
    pub fn payload(&self) -> Result<Option<IndexPayload>> {
        payload_of(&self.index)
    }

    /// Bytes the index's files take on disk (0 for an index in RAM).
    pub fn size_on_disk(&self) -> u64 {
        let Some(path) = &self.path else { return 0 };
        std::fs::read_dir(path)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .filter_map(|e| e.metadata().ok())
                    .filter(|m| m.is_file())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    }

    /// Merges the index's segments into at most `max_segments` (0 counts as 1), of about equal
    /// numbers of stories, and drops deleted stories from those merged: an archive searched far
    /// more often than it is written reads fewer term dictionaries and columns per search.
    /// Stories, their ids and the last commit's payload are unchanged. Fails at once with
    /// [`Error::Locked`] while an `index` run writes. Returns the segments before and after.
    ///
    /// Cost: rewrites the segments merged (about 6 s for 216,000 stories on two cores); a
    /// reader open meanwhile keeps the old segments until it reloads.
    pub fn optimize(&self, max_segments: usize) -> Result<(usize, usize)> {
        let max = max_segments.max(1);
        let mut metas = self.index.searchable_segment_metas()?;
        let before = metas.len();
        if before <= max {
            return Ok((before, before));
        }
        // Largest first, each to the group with the fewest stories so far.
        metas.sort_by_key(|m| std::cmp::Reverse(m.num_docs()));
        let mut groups: Vec<(u64, Vec<tantivy::index::SegmentId>)> = vec![(0, Vec::new()); max];
        for meta in &metas {
            let smallest = groups
                .iter_mut()
                .min_by_key(|(docs, _)| *docs)
                .expect("at least one group");
            smallest.0 += u64::from(meta.num_docs());
            smallest.1.push(meta.id());
        }
        let mut writer: tantivy::IndexWriter = self
            .index
            .writer_with_num_threads(1, MIN_WRITER_HEAP_BYTES)
            .map_err(|e| self.lock_error(e))?;
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for (_, ids) in groups.iter().filter(|(_, ids)| ids.len() > 1) {
            writer.merge(ids).wait()?;
        }
        // The merged segments' files, no longer in the index, are deleted now rather than at
        // the next commit (tantivy keeps the files of every segment whose meta is still held).
        drop(metas);
        writer.garbage_collect_files().wait()?;
        writer.wait_merging_threads()?;
        let after = self.index.searchable_segment_ids()?.len();
        Ok((before, after))
    }

    fn record_version(&self) -> Result<()> {
        let mut writer = self.writer_with_threads(1, MIN_WRITER_HEAP_BYTES)?;
        writer.commit()?;
        writer.wait_merging_threads()?;
        Ok(())
    }

    fn lock_error(&self, error: TantivyError) -> Error {
        match error {
            TantivyError::LockFailure(LockError::LockBusy, _) => Error::Locked {
                path: self.path.clone().unwrap_or_default(),
            },
            other => Error::Tantivy(other),
        }
    }
}

/// The payload every newsidx commit records.
pub(crate) fn current_payload() -> String {
    serde_json::to_string(&IndexPayload {
        schema_version: SCHEMA_VERSION,
        newsidx_version: env!("CARGO_PKG_VERSION").to_string(),
    })
    .expect("the payload serialises")
}

fn payload_of(index: &Index) -> Result<Option<IndexPayload>> {
    let metas = index.load_metas()?;
    Ok(metas
        .payload
        .as_deref()
        .and_then(|p| serde_json::from_str(p).ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optimize_merges_into_at_most_the_segments_asked_and_keeps_every_story() {
        use tantivy::collector::Count;
        use tantivy::query::AllQuery;
        let dir = tempfile::tempdir().unwrap();
        let index = NewsIndex::open_or_create(dir.path().join("idx")).unwrap();
        let payload = index.payload().unwrap();
        let mut writer = index.writer_with_threads(1, MIN_WRITER_HEAP_BYTES).unwrap();
        for i in 0..5 {
            for j in 0..(i + 1) {
                let story = newsidx_model::Article {
                    id: format!("s{i}-{j}"),
                    title: format!("story {i} {j}"),
                    ..Default::default()
                };
                writer
                    .add_document(index.schema().to_document(&story))
                    .unwrap();
            }
            writer.commit().unwrap();
        }
        writer.wait_merging_threads().unwrap();
        let segments = || index.index().searchable_segment_ids().unwrap().len();
        let stories = || {
            let reader = index.index().reader().unwrap();
            reader.searcher().search(&AllQuery, &Count).unwrap()
        };
        let before = segments();
        assert!(before >= 3, "{before} segments to start with");
        assert_eq!(index.optimize(2).unwrap(), (before, 2));
        assert_eq!((segments(), stories()), (2, 15));
        let size = index.size_on_disk();
        assert_eq!(index.optimize(0).unwrap(), (2, 1));
        assert_eq!((segments(), stories()), (1, 15));
        // The merged segments' files are gone.
        assert!(
            index.size_on_disk() < size,
            "{} >= {size}",
            index.size_on_disk()
        );
        // Nothing to merge; the payload of the last commit is kept.
        assert_eq!(index.optimize(1).unwrap(), (1, 1));
        assert_eq!(index.payload().unwrap(), payload);
    }

    #[test]
    fn optimize_is_refused_while_another_writer_holds_the_index() {
        let dir = tempfile::tempdir().unwrap();
        let index = NewsIndex::open_or_create(dir.path().join("idx")).unwrap();
        let mut writer = index.writer_with_threads(1, MIN_WRITER_HEAP_BYTES).unwrap();
        for id in ["a", "b"] {
            let story = newsidx_model::Article {
                id: id.into(),
                title: id.into(),
                ..Default::default()
            };
            writer
                .add_document(index.schema().to_document(&story))
                .unwrap();
            writer.commit().unwrap();
        }
        assert_eq!(index.index().searchable_segment_ids().unwrap().len(), 2);
        assert!(matches!(index.optimize(1), Err(Error::Locked { .. })));
    }

    #[test]
    fn a_new_index_records_its_schema_version() {
        let dir = tempfile::tempdir().unwrap();
        let index = NewsIndex::open_or_create(dir.path().join("idx")).unwrap();
        assert_eq!(
            index.payload().unwrap().unwrap().schema_version,
            SCHEMA_VERSION
        );
        drop(index);
        NewsIndex::open(dir.path().join("idx")).unwrap();
    }

    #[test]
    fn an_index_of_another_schema_version_is_refused_with_a_reindex_hint() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("idx");
        let index = NewsIndex::open_or_create(&path).unwrap();
        let mut writer = index.writer_with_threads(1, MIN_WRITER_HEAP_BYTES).unwrap();
        writer
            .commit_with_payload(r#"{"schema_version":0,"newsidx_version":"0.0.1"}"#)
            .unwrap();
        drop(writer);
        let err = NewsIndex::open(&path)
            .err()
            .expect("version 0 must be refused");
        assert!(
            matches!(err, Error::SchemaVersion { found: 0, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("re-index"), "{err}");
    }

    #[test]
    fn opening_a_missing_index_names_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let err = NewsIndex::open(dir.path().join("nope")).err().unwrap();
        assert!(matches!(err, Error::NoIndex { .. }));
        assert!(err.to_string().contains("nope"), "{err}");
        assert!(!err.to_string().contains('`'), "no command advice: {err}");
    }

    #[test]
    fn a_second_writer_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let index = NewsIndex::open_or_create(dir.path().join("idx")).unwrap();
        let _first = index.writer_with_threads(1, MIN_WRITER_HEAP_BYTES).unwrap();
        let err = index
            .writer_with_threads(1, MIN_WRITER_HEAP_BYTES)
            .err()
            .unwrap();
        assert!(matches!(err, Error::Locked { .. }), "{err}");
    }
}
