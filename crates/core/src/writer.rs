//! Writing to a newsidx index: [`NewsWriter`], whose every commit records the schema version.
//!
//! A newsidx index refuses to open unless its last commit carries an [`IndexPayload`] with this
//! build's [`SCHEMA_VERSION`]. A bare tantivy `IndexWriter::commit` writes no payload, so one
//! such commit would leave the index unopenable. `NewsWriter` wraps tantivy's writer and gives
//! no way to commit without the payload: its [`NewsWriter::commit`] always sets it, and the
//! inner writer is reachable only by shared reference (adding and deleting), never mutably.
//!
//! [`IndexPayload`]: crate::IndexPayload
//! [`SCHEMA_VERSION`]: crate::SCHEMA_VERSION

use tantivy::index::SegmentId;
use tantivy::{IndexWriter, Opstamp, TantivyDocument, Term};

use crate::error::Result;
use crate::index::current_payload;
use crate::schema::NewsSchema;
use crate::Article;

/// The writer of a [`NewsIndex`](crate::NewsIndex): adds, deletes and commits stories.
///
/// Made by [`NewsIndex::writer`](crate::NewsIndex::writer) or
/// [`NewsIndex::writer_with_threads`](crate::NewsIndex::writer_with_threads); holds the
/// index's writer lock until dropped. Added and deleted stories become visible to readers at
/// the next [`NewsWriter::commit`]; dropping the writer without committing discards them.
///
/// # Example
/// ```
/// use newsidx_core::{Article, NewsIndex};
///
/// let index = NewsIndex::create_in_ram()?;
/// let mut writer = index.writer_with_threads(1, newsidx_core::MIN_WRITER_HEAP_BYTES)?;
/// writer.add_article(&Article { id: "a1".into(), title: "Mali".into(), ..Article::default() })?;
/// writer.commit()?;
/// assert_eq!(index.reader()?.searcher().num_docs(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct NewsWriter {
    inner: IndexWriter,
    schema: NewsSchema,
}

impl NewsWriter {
    pub(crate) fn new(inner: IndexWriter, schema: NewsSchema) -> NewsWriter {
        NewsWriter { inner, schema }
    }

    /// Sets how the writer merges segments: tantivy's `LogMergePolicy` unless set (the
    /// indexing pipeline sets [`crate::merges::CappedMerges`]).
    pub fn set_merge_policy(&self, policy: Box<dyn tantivy::indexer::MergePolicy>) {
        self.inner.set_merge_policy(policy);
    }

    /// Maps `article` onto the schema and adds it. Does not delete a story of the same id
    /// first: call [`NewsWriter::delete_story`] before to replace one.
    pub fn add_article(&self, article: &Article) -> Result<Opstamp> {
        self.add_document(self.schema.to_document(article))
    }

    /// Adds a document already mapped with [`NewsSchema::to_document`] (the indexing pipeline
    /// maps stories on its worker threads and adds them here).
    pub fn add_document(&self, document: TantivyDocument) -> Result<Opstamp> {
        Ok(self.inner.add_document(document)?)
    }

    /// Deletes every story whose `id` field is `id` (at the next commit).
    pub fn delete_story(&self, id: &str) -> Opstamp {
        self.delete_term(Term::from_field_text(self.schema.id, id))
    }

    /// Deletes every story read from the file at `path` (its `path` field, as the indexing
    /// pipeline records it), at the next commit.
    pub fn delete_file_stories(&self, path: &str) -> Opstamp {
        self.delete_term(Term::from_field_text(self.schema.path, path))
    }

    /// Deletes every document holding `term` (at the next commit).
    pub fn delete_term(&self, term: Term) -> Opstamp {
        self.inner.delete_term(term)
    }

    /// Commits the pending additions and deletions, recording this build's schema version in
    /// the commit's payload. Returns the commit's opstamp.
    pub fn commit(&mut self) -> Result<Opstamp> {
        let mut prepared = self.inner.prepare_commit()?;
        prepared.set_payload(&current_payload());
        Ok(prepared.commit()?)
    }

    /// Drops the additions and deletions made since the last commit.
    pub fn rollback(&mut self) -> Result<Opstamp> {
        Ok(self.inner.rollback()?)
    }

    /// Merges the given segments into one, keeping the last commit's payload. Wait on the
    /// returned future, or call [`NewsWriter::wait_merging_threads`], for the merge to end.
    pub fn merge(
        &mut self,
        segment_ids: &[SegmentId],
    ) -> tantivy::FutureResult<Option<tantivy::SegmentMeta>> {
        self.inner.merge(segment_ids)
    }

    /// Ends the writer, waiting for its background merges to finish (uncommitted changes are
    /// dropped). Dropping the writer without this call leaves merges to finish on their own.
    pub fn wait_merging_threads(self) -> Result<()> {
        Ok(self.inner.wait_merging_threads()?)
    }

    /// The tantivy writer, by shared reference: for the adds and deletes `NewsWriter` does
    /// not wrap. It cannot commit (tantivy commits through `&mut`), so the schema-version
    /// payload stays guaranteed.
    pub fn tantivy_writer(&self) -> &IndexWriter {
        &self.inner
    }
}

#[cfg(test)]
impl NewsWriter {
    /// Commits with a payload of the test's choice, to build an index of another version.
    pub(crate) fn commit_with_payload(&mut self, payload: &str) -> Result<Opstamp> {
        let mut prepared = self.inner.prepare_commit()?;
        prepared.set_payload(payload);
        Ok(prepared.commit()?)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Article, NewsIndex, MIN_WRITER_HEAP_BYTES, SCHEMA_VERSION};

    #[test]
    fn every_commit_records_the_schema_version() {
        let dir = tempfile::tempdir().unwrap();
        let index = NewsIndex::open_or_create(dir.path().join("idx")).unwrap();
        let mut writer = index.writer_with_threads(1, MIN_WRITER_HEAP_BYTES).unwrap();
        writer
            .add_article(&Article {
                id: "a".into(),
                ..Article::default()
            })
            .unwrap();
        writer.commit().unwrap();
        drop(writer);
        assert_eq!(
            index.payload().unwrap().unwrap().schema_version,
            SCHEMA_VERSION
        );
        let reopened = NewsIndex::open(dir.path().join("idx")).unwrap();
        assert_eq!(reopened.reader().unwrap().searcher().num_docs(), 1);
    }

    #[test]
    fn delete_story_replaces_by_id_and_rollback_drops_changes() {
        let index = NewsIndex::create_in_ram().unwrap();
        let mut writer = index.writer_with_threads(1, MIN_WRITER_HEAP_BYTES).unwrap();
        let story = Article {
            id: "a".into(),
            ..Article::default()
        };
        writer.add_article(&story).unwrap();
        writer.commit().unwrap();
        writer.delete_story("a");
        writer.add_article(&story).unwrap();
        writer.commit().unwrap();
        writer.add_article(&story).unwrap();
        writer.rollback().unwrap();
        writer.commit().unwrap();
        let reader = index.reader().unwrap();
        reader.reload().unwrap();
        assert_eq!(reader.searcher().num_docs(), 1);
    }
}
