//! Writing newsidx indexes: the read -> extract -> map -> write part of the flow.
//!
//! An [`Indexer`] walks corpus folders, reads every file with the format readers of
//! `newsidx-read`, annotates each story with the entities `newsidx-extract` finds, maps it
//! onto the schema of `newsidx-core` and writes it to the index. Reading and extraction run in
//! parallel (rayon), writing in tantivy's own indexing threads. Stories are upserted by id, so
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
pub mod pipeline;
mod queue;
pub mod report;
#[cfg(test)]
mod tests;

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

/// Adds already-read articles to an index (upserting by id) and commits: the library path for
/// apps that produce stories themselves. Articles without an id get a content id; entity
/// fields are filled by `extractor` when given; each joins its near-duplicate group as in
/// [`Indexer::run`] (the canonical stories of the whole batch are held in memory). Returns the number of articles added.
pub fn add_articles(
    index: &NewsIndex,
    articles: impl IntoIterator<Item = Article>,
    extractor: Option<&Extractor>,
) -> Result<usize> {
    let mut writer = index.writer_with_threads(1, ADD_ARTICLES_HEAP_BYTES)?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let before = (searcher.num_docs() > 0).then_some(searcher);
    let mut groups = groups::Groups::new(usize::MAX, before);
    let schema = index.schema();
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
        for (article, signature) in chunk.iter().zip(&signatures) {
            let (cluster, canonical) = groups.assign(&article.id, signature.as_ref())?;
            let mut doc = schema.to_document(article);
            if let Some(signature) = signature {
                schema.add_signature(&mut doc, signature);
            }
            schema.add_group(&mut doc, &cluster, signature.is_some(), canonical);
            writer.delete_story(&article.id);
            writer.add_document(doc)?;
            count += 1;
        }
    }
    writer.commit()?;
    Ok(count)
}
