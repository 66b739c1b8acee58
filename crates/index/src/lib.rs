//! Writing newsidx indexes: the read -> extract -> map -> write part of the flow.
//!
//! An [`Indexer`] walks corpus folders, reads every file with the format readers of
//! `newsidx-read`, annotates each story with the entities `newsidx-extract` finds, maps it
//! onto the schema of `newsidx-core` and writes it to the index. Reading and extraction run in
//! parallel, one thread per core, and the stories are written in the order of the sorted list
//! of files, whichever thread is quicker (so two runs over the same files give the same
//! groups); writing runs in tantivy's own indexing threads. Stories are upserted by id, so
//! indexing the same files again adds nothing. Files that cannot be read are reported in the
//! [`IndexReport`] and the run goes on; the index is committed at bounded intervals so a crash
//! loses at most the stories since the last commit. [`add_articles`] is the short path for an
//! app that makes its stories itself.
//!
//! Modules: [`pipeline`] (the [`Indexer`] and the steps of a run), [`files`] (the record of
//! indexed files that makes re-runs incremental), [`report`] (progress and the run's report).
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

pub mod error;
pub mod files;
mod groups;
mod order;
pub mod pipeline;
mod queue;
pub mod report;
#[cfg(test)]
mod tests;
mod versions;

use newsidx_core::{Article, NewsIndex, Signature};
use newsidx_extract::Extractor;

pub use error::{Error, Result};
pub use pipeline::{
    least_memory, BeforeCommit, Indexer, CHUNK_STORIES, DEFAULT_COMMIT_EVERY, DEFAULT_HEAP_BYTES,
    DEFAULT_MEMORY_BYTES, MIN_MEMORY_BYTES_PER_THREAD,
};
pub use report::{Failure, IndexReport, Progress};

/// Indexing memory of [`add_articles`] (50 MB, one thread): what a batch of stories an app
/// adds at a time needs.
pub const ADD_ARTICLES_HEAP_BYTES: usize = 50_000_000;

/// What the canonical stories of an [`add_articles`] batch may take in memory (25 MB, a
/// sixteenth of [`DEFAULT_MEMORY_BYTES`] as in an [`Indexer`] run; about 600 bytes a story)
/// before the batch is committed and they are looked up in the index instead.
pub const ADD_ARTICLES_GROUPS_BYTES: usize = DEFAULT_MEMORY_BYTES / 16;

/// Adds already-read articles to an index (upserting by id) and commits: the library path for
/// apps that produce stories themselves. Articles without an id get a content id; entity
/// fields are filled by `extractor` when given; each joins its near-duplicate group as in
/// [`Indexer::run`], and of two articles with one id (in the index or the batch) the newer
/// [`Version`](newsidx_core::Version) stands: an older one is not added. The batch's
/// canonical stories are held in a table of at most [`ADD_ARTICLES_GROUPS_BYTES`]; past it,
/// what the batch added so far is committed (a large batch is committed in parts). Returns
/// the number of articles added.
pub fn add_articles(
    index: &NewsIndex,
    articles: impl IntoIterator<Item = Article>,
    extractor: Option<&Extractor>,
) -> Result<usize> {
    add_articles_within(index, articles, extractor, ADD_ARTICLES_GROUPS_BYTES)
}

/// [`add_articles`] with a budget of `groups_bytes` for the batch's canonical stories.
fn add_articles_within(
    index: &NewsIndex,
    articles: impl IntoIterator<Item = Article>,
    extractor: Option<&Extractor>,
    groups_bytes: usize,
) -> Result<usize> {
    let mut writer = index.writer_with_threads(1, ADD_ARTICLES_HEAP_BYTES)?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let before = (searcher.num_docs() > 0).then_some(searcher);
    let mut groups = groups::Groups::new(groups_bytes, before.clone());
    let schema = index.schema();
    let mut versions = versions::Versions::new(before, schema, &[], Default::default());
    let mut seen = rustc_hash::FxHashSet::default();
    let mut count = 0;
    let mut articles = articles.into_iter().peekable();
    while articles.peek().is_some() {
        let mut chunk: Vec<Article> = articles.by_ref().take(CHUNK_STORIES).collect();
        let signatures: Vec<Option<Signature>> = chunk
            .iter_mut()
            .map(|article| {
                article.ensure_id();
                if let Some(extractor) = extractor {
                    extractor.annotate(article);
                }
                Signature::of(&article.title, &article.body)
            })
            .collect();
        groups.prepare(signatures.iter().flatten())?;
        for (article, signature) in chunk.iter().zip(signatures) {
            let hash = groups::id_hash(&article.id);
            if !versions.admit(&article.id, &article.version, seen.contains(&hash))? {
                continue;
            }
            seen.insert(hash);
            let doc = schema.to_document(article);
            groups.write(&writer, schema, &article.id, doc, signature, true)?;
            count += 1;
        }
        // As in a run: a full table is committed and its stories found in the index.
        if groups.over_budget() {
            writer.commit()?;
            reader.reload()?;
            groups.committed(reader.searcher());
        }
    }
    writer.commit()?;
    Ok(count)
}
