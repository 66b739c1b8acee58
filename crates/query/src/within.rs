//! Searching a set of stories only: a [`Batch`] (stories named by id, found once) and
//! [`NewsSearcher::matches_in`], which runs a [`NewsQuery`] over the batch and nothing else.
//!
//! This is percolation's half in the query crate: `newsidx-alert` runs every saved search
//! over the stories an indexing run wrote. The batch is a doc-id list per segment, and the
//! query is intersected with it in tantivy's own intersection, which drives by the smaller
//! side and seeks in the other: a query over a batch of a thousand stories costs about a
//! thousand seeks in its postings, whatever the size of the archive.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::index::SegmentId;
use tantivy::query::{
    BooleanQuery, ConstScorer, EnableScoring, Explanation, Occur, Query, Scorer, Weight,
};
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, SegmentReader, Term};

use crate::error::Result;
use crate::request::NewsQuery;
use crate::searcher::NewsSearcher;

/// A set of stories of the index, by id, pinned to one view of the index (a tantivy
/// [`Searcher`]): made by [`NewsSearcher::batch`], searched by [`NewsSearcher::matches_in`].
///
/// Cheap to clone. Ids the index does not hold are left out ([`Batch::len`] counts the
/// stories found); a story deleted after the view was taken is still in the batch.
#[derive(Clone)]
pub struct Batch {
    searcher: Searcher,
    docs: Arc<HashMap<SegmentId, Arc<[DocId]>>>,
    len: usize,
}

impl Batch {
    /// Stories of the index in the batch.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when no id of the batch is in the index.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The view of the index the batch was taken on, for reading the stories
    /// [`NewsSearcher::matches_in`] returns (`searcher.doc(address)`).
    pub fn searcher(&self) -> &Searcher {
        &self.searcher
    }
}

impl std::fmt::Debug for Batch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batch").field("len", &self.len).finish()
    }
}

impl NewsSearcher {
    /// The stories of the index with these ids, as the index is now.
    ///
    /// Cost: one term lookup per id and segment.
    pub fn batch<I, S>(&self, ids: I) -> Result<Batch>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.reader.reload()?;
        let searcher = self.reader.searcher();
        let field = self.index.schema().id;
        let terms: Vec<Term> = ids
            .into_iter()
            .map(|id| Term::from_field_text(field, id.as_ref()))
            .collect();
        let mut docs = HashMap::new();
        let mut len = 0;
        for segment in searcher.segment_readers() {
            let mut found = Vec::new();
            for term in &terms {
                crate::postings::for_each_live(segment, term, |doc| found.push(doc))?;
            }
            found.sort_unstable();
            found.dedup();
            len += found.len();
            docs.insert(segment.segment_id(), Arc::from(found));
        }
        Ok(Batch {
            searcher,
            docs: Arc::new(docs),
            len,
        })
    }

    /// The stories of `batch` that `request` matches, in index order (its sort, paging,
    /// facets and fragments are ignored). Filter names are resolved, and errors raised, as
    /// in [`NewsSearcher::search`].
    ///
    /// Cost: planning the request, then about one seek in the query's postings per story of
    /// the batch (less when the query is rarer than the batch is large).
    ///
    /// # Example
    /// ```
    /// # use newsidx_core::{Article, NewsIndex};
    /// # use newsidx_query::{NewsQuery, NewsSearcher};
    /// # let index = NewsIndex::create_in_ram()?;
    /// # let mut writer = index.writer_with_threads(1, 15_000_000)?;
    /// # for (id, t) in [("1", "oil up"), ("2", "oil down"), ("3", "gold")] {
    /// #     writer.add_document(index.schema().to_document(&Article { id: id.into(), title: t.into(), ..Article::default() }))?;
    /// # }
    /// # writer.commit()?;
    /// let searcher = NewsSearcher::open(index)?;
    /// let batch = searcher.batch(["2", "3", "unknown"])?;
    /// assert_eq!(batch.len(), 2);
    /// let found = searcher.matches_in(&batch, &NewsQuery::new("oil"))?;
    /// assert_eq!(found.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn matches_in(&self, batch: &Batch, request: &NewsQuery) -> Result<Vec<DocAddress>> {
        let searcher = &batch.searcher;
        let plan = self.plan(searcher, request)?;
        if batch.is_empty() {
            return Ok(Vec::new());
        }
        let query = BooleanQuery::new(vec![
            (Occur::Must, plan.query()),
            (
                Occur::Must,
                Box::new(BatchQuery {
                    docs: Arc::clone(&batch.docs),
                }),
            ),
        ]);
        let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
        let mut out = Vec::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            if !batch.docs.contains_key(&segment.segment_id()) {
                continue;
            }
            weight.for_each_no_score(segment, &mut |docs| {
                out.extend(
                    docs.iter()
                        .filter(|d| !segment.is_deleted(**d))
                        .map(|d| DocAddress::new(ord as u32, *d)),
                );
            })?;
        }
        Ok(out)
    }
}

/// Matches the docs of a batch, segment by segment, at a constant score.
#[derive(Clone)]
struct BatchQuery {
    docs: Arc<HashMap<SegmentId, Arc<[DocId]>>>,
}

impl std::fmt::Debug for BatchQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BatchQuery")
    }
}

impl Query for BatchQuery {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for BatchQuery {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let docs = self
            .docs
            .get(&reader.segment_id())
            .cloned()
            .unwrap_or_else(|| Arc::from(Vec::new()));
        Ok(Box::new(ConstScorer::new(DocList { docs, at: 0 }, boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let inside = self
            .docs
            .get(&reader.segment_id())
            .is_some_and(|d| d.binary_search(&doc).is_ok());
        if inside {
            Ok(Explanation::new("in the batch", 1.0))
        } else {
            Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} is not in the batch"
            )))
        }
    }
}

/// A sorted doc-id list shared between scorers, sought by binary search.
struct DocList {
    docs: Arc<[DocId]>,
    at: usize,
}

impl DocSet for DocList {
    fn advance(&mut self) -> DocId {
        self.at = (self.at + 1).min(self.docs.len());
        self.doc()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc() < target {
            self.at += self.docs[self.at..].partition_point(|d| *d < target);
        }
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.docs
            .get(self.at)
            .copied()
            .unwrap_or(tantivy::TERMINATED)
    }

    fn size_hint(&self) -> u32 {
        (self.docs.len() - self.at) as u32
    }
}

#[cfg(test)]
mod tests {
    use newsidx_core::{Article, Dimension, NewsIndex};

    use crate::{NewsQuery, NewsSearcher};

    fn searcher(stories: &[(&str, &str, &str)]) -> NewsSearcher {
        let index = NewsIndex::create_in_ram().unwrap();
        let mut writer = index.writer_with_threads(1, 15_000_000).unwrap();
        for (i, (id, title, country)) in stories.iter().enumerate() {
            let story = Article {
                id: id.to_string(),
                title: title.to_string(),
                countries: vec![country.to_string()],
                ..Article::default()
            };
            writer
                .add_document(index.schema().to_document(&story))
                .unwrap();
            if i % 2 == 1 {
                // Several segments.
                writer.commit().unwrap();
            }
        }
        writer.commit().unwrap();
        NewsSearcher::open(index).unwrap()
    }

    fn ids(searcher: &NewsSearcher, batch: &super::Batch, query: NewsQuery) -> Vec<String> {
        let schema = searcher.index().schema();
        let mut out: Vec<String> = searcher
            .matches_in(batch, &query)
            .unwrap()
            .into_iter()
            .map(|a| {
                let doc = batch.searcher().doc(a).unwrap();
                schema.to_article(&doc).id
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn only_the_batch_is_searched_across_segments() {
        let stories = [
            ("a", "oil price up", "NG"),
            ("b", "oil price down", "NG"),
            ("c", "gold rises", "ML"),
            ("d", "oil in Mali", "ML"),
            ("e", "oil again", "NG"),
        ];
        let searcher = searcher(&stories);
        let batch = searcher.batch(["b", "c", "d", "zzz"]).unwrap();
        assert_eq!(batch.len(), 3);
        assert_eq!(ids(&searcher, &batch, NewsQuery::new("oil")), ["b", "d"]);
        assert_eq!(
            ids(
                &searcher,
                &batch,
                NewsQuery::new("oil").filter(Dimension::Country, "ML")
            ),
            ["d"]
        );
        assert_eq!(ids(&searcher, &batch, NewsQuery::new("")), ["b", "c", "d"]);
        assert_eq!(ids(&searcher, &batch, NewsQuery::new("-oil")), ["c"]);
    }

    #[test]
    fn an_empty_batch_matches_nothing_but_still_checks_the_query() {
        let searcher = searcher(&[("a", "oil", "NG")]);
        let batch = searcher.batch(Vec::<String>::new()).unwrap();
        assert!(batch.is_empty());
        assert!(searcher
            .matches_in(&batch, &NewsQuery::new("oil"))
            .unwrap()
            .is_empty());
        assert!(searcher
            .matches_in(&batch, &NewsQuery::new("(oil"))
            .is_err());
    }
}
