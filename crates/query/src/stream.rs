//! Streaming every match of a query, read from the store one story at a time:
//! [`NewsSearcher::for_each_hit`] passes ranked [`Hit`]s with their fragments (the HTTP
//! export, `search --all`), [`NewsSearcher::for_each_story`] whole [`Article`]s in index
//! order (`newsidx export`). Both are one walk over the plan's matches, `walk`, in one of two
//! orders.

use std::collections::HashSet;

use newsidx_core::schema::cluster_key;
use newsidx_core::Article;
use tantivy::query::EnableScoring;
use tantivy::{DocAddress, DocSet, TERMINATED};

use crate::collector::KeysCollector;
use crate::error::Error;
use crate::hits::HitReader;
use crate::request::{Duplicates, NewsQuery, Sort};
use crate::response::Hit;
use crate::searcher::NewsSearcher;

/// The order of a walk over the matches.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Walk {
    /// The request's sort, ties by index order: every match's sort key is held.
    Ranked,
    /// Segment by segment, as stored: nothing is held.
    IndexOrder,
}

impl NewsSearcher {
    /// Calls `each` with every matching story, in the request's order (relevance: best
    /// first; newest or oldest: undated stories last; ties by index order), ignoring
    /// `offset` and `limit`; under [`crate::Duplicates::Collapse`] (the default) only the
    /// first story of each near-duplicate group. Returns the number of stories passed.
    ///
    /// Memory: one `(score or date, address)` pair per match is held to order them (and,
    /// collapsing, 8 bytes per group passed); stories
    /// are read from the store one at a time as they are passed on, so every story of a large
    /// archive can be streamed ([`NewsSearcher::for_each_story`] holds nothing, in index
    /// order). Fragments are built as in [`NewsSearcher::search`]
    /// (`fragments(0)` skips them).
    ///
    /// # Example
    /// ```
    /// # use newsidx_core::{Article, NewsIndex};
    /// # use newsidx_query::{NewsQuery, NewsSearcher};
    /// # let index = NewsIndex::create_in_ram()?;
    /// # let mut writer = index.writer_with_threads(1, 15_000_000)?;
    /// # for t in ["oil up", "oil down", "gold"] {
    /// #     writer.add_document(index.schema().to_document(&Article { id: t.into(), title: t.into(), ..Article::default() }))?;
    /// # }
    /// # writer.commit()?;
    /// let searcher = NewsSearcher::open(index)?;
    /// let mut titles = Vec::new();
    /// let n = searcher.for_each_hit(&NewsQuery::new("oil"), |hit| {
    ///     titles.push(hit.title);
    ///     Ok::<(), newsidx_query::Error>(())
    /// })?;
    /// assert_eq!(n, 2);
    /// assert_eq!(titles.len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn for_each_hit<E, F>(
        &self,
        request: &NewsQuery,
        mut each: F,
    ) -> std::result::Result<u64, E>
    where
        E: From<Error>,
        F: FnMut(Hit) -> std::result::Result<(), E>,
    {
        let collapse = request.duplicates == Duplicates::Collapse;
        let mut groups = HashSet::new();
        let mut passed = 0;
        self.walk(request, Walk::Ranked, |reader, score, address| {
            let hit = reader.hit(score, address)?;
            if collapse && !groups.insert(cluster_key(&hit.cluster)) {
                return Ok(());
            }
            passed += 1;
            each(hit)
        })?;
        Ok(passed)
    }

    /// Calls `each` with every matching story, whole (every stored field, as
    /// [`NewsSearcher::story_by_id`] gives it), in index order: segment by segment, as the
    /// stories are stored. Ignores the request's sort, `offset`, `limit` and fragments.
    /// Returns the number of stories passed.
    ///
    /// Memory: constant. Matches are walked as the engine finds them, without collecting
    /// them first, and each story is read from the store when it is passed on, so an
    /// archive of any size can be exported. The walk reads one snapshot of the index: stories
    /// committed meanwhile are not passed, deleted ones never are.
    ///
    /// # Example
    /// ```
    /// # use newsidx_core::{Article, NewsIndex};
    /// # use newsidx_query::{NewsQuery, NewsSearcher};
    /// # let index = NewsIndex::create_in_ram()?;
    /// # let mut writer = index.writer_with_threads(1, 15_000_000)?;
    /// # for (id, body) in [("a", "oil up"), ("b", "oil down"), ("c", "gold")] {
    /// #     writer.add_document(index.schema().to_document(&Article { id: id.into(), body: body.into(), ..Article::default() }))?;
    /// # }
    /// # writer.commit()?;
    /// let searcher = NewsSearcher::open(index)?;
    /// let mut bodies = Vec::new();
    /// let n = searcher.for_each_story(&NewsQuery::new(""), |story| {
    ///     bodies.push(story.body);
    ///     Ok::<(), newsidx_query::Error>(())
    /// })?;
    /// assert_eq!(n, 3);
    /// assert!(bodies.contains(&"gold".to_string()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn for_each_story<E, F>(
        &self,
        request: &NewsQuery,
        mut each: F,
    ) -> std::result::Result<u64, E>
    where
        E: From<Error>,
        F: FnMut(Article) -> std::result::Result<(), E>,
    {
        let request = request.clone().fragments(0);
        self.walk(&request, Walk::IndexOrder, |reader, _, address| {
            each(reader.article(address)?)
        })
    }

    /// The one walk over the matches of `request`: plans it, then calls `each` with a reader
    /// of the store, the match's score (0 unless ranked by relevance) and its address, in the
    /// order `walk` says. Returns the number of matches passed.
    fn walk<E, F>(
        &self,
        request: &NewsQuery,
        walk: Walk,
        mut each: F,
    ) -> std::result::Result<u64, E>
    where
        E: From<Error>,
        F: FnMut(&mut HitReader<'_>, f32, DocAddress) -> std::result::Result<(), E>,
    {
        let searcher = self.reader.searcher();
        let plan = self.plan(&searcher, request)?;
        let query = plan.query();
        let mut reader = self.hit_reader(&searcher, &plan, request)?;
        let mut n = 0;
        match walk {
            Walk::Ranked => {
                let mut keys = searcher
                    .search(
                        &*query,
                        &KeysCollector {
                            score: request.sort == Sort::Relevance,
                        },
                    )
                    .map_err(Error::from)?;
                match request.sort {
                    Sort::Relevance => keys.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2))),
                    Sort::Newest => keys.sort_by(|a, b| {
                        (b.1.is_some(), b.1)
                            .cmp(&(a.1.is_some(), a.1))
                            .then(a.2.cmp(&b.2))
                    }),
                    Sort::Oldest => keys.sort_by(|a, b| {
                        (a.1.is_none(), a.1)
                            .cmp(&(b.1.is_none(), b.1))
                            .then(a.2.cmp(&b.2))
                    }),
                }
                for (score, _, address) in keys {
                    each(&mut reader, score, address)?;
                    n += 1;
                }
            }
            Walk::IndexOrder => {
                let weight = query
                    .weight(EnableScoring::disabled_from_searcher(&searcher))
                    .map_err(Error::from)?;
                for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
                    let alive = segment.alive_bitset();
                    let mut matches = weight.scorer(segment, 1.0).map_err(Error::from)?;
                    let mut doc = matches.doc();
                    while doc != TERMINATED {
                        if alive.is_none_or(|a| a.is_alive(doc)) {
                            each(&mut reader, 0.0, DocAddress::new(ordinal as u32, doc))?;
                            n += 1;
                        }
                        doc = matches.advance();
                    }
                }
            }
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use newsidx_core::{Article, NewsIndex};

    use crate::{Dimension, Error, NewsQuery, NewsSearcher};

    /// Three commits (three segments): stories 0..9, then 9 deleted and 10..14 added.
    fn searcher() -> NewsSearcher {
        let index = NewsIndex::create_in_ram().unwrap();
        let mut writer = index.writer_with_threads(1, 15_000_000).unwrap();
        let story = |i: usize| Article {
            id: format!("s{i}"),
            title: format!("Story {i}"),
            body: if i.is_multiple_of(2) { "oil" } else { "gold" }.into(),
            countries: vec![if i.is_multiple_of(3) { "ML" } else { "NE" }.into()],
            ..Article::default()
        };
        for i in 0..5 {
            writer
                .add_document(index.schema().to_document(&story(i)))
                .unwrap();
        }
        writer.commit().unwrap();
        for i in 5..10 {
            writer
                .add_document(index.schema().to_document(&story(i)))
                .unwrap();
        }
        writer.commit().unwrap();
        writer.delete_story("s9");
        for i in 10..15 {
            writer
                .add_document(index.schema().to_document(&story(i)))
                .unwrap();
        }
        writer.commit().unwrap();
        let searcher = NewsSearcher::open(index).unwrap();
        searcher.reader().reload().unwrap();
        searcher
    }

    fn ids(s: &NewsSearcher, query: &NewsQuery) -> Vec<String> {
        let mut ids = Vec::new();
        let n = s
            .for_each_story(query, |story| {
                ids.push(story.id);
                Ok::<(), Error>(())
            })
            .unwrap();
        assert_eq!(n as usize, ids.len());
        ids
    }

    #[test]
    fn for_each_story_passes_every_live_story_once_and_skips_deleted_ones() {
        let s = searcher();
        assert!(s.reader().searcher().segment_readers().len() > 1);
        let mut got = ids(&s, &NewsQuery::new(""));
        got.sort();
        let mut want: Vec<String> = (0..15)
            .filter(|&i| i != 9)
            .map(|i| format!("s{i}"))
            .collect();
        want.sort();
        assert_eq!(got, want);
    }

    #[test]
    fn for_each_story_keeps_to_the_query_and_its_filters() {
        let s = searcher();
        let mut got = ids(&s, &NewsQuery::new("oil").filter(Dimension::Country, "ML"));
        got.sort();
        assert_eq!(got, ["s0", "s12", "s6"]);
        let mut hits = Vec::new();
        s.for_each_hit(
            &NewsQuery::new("oil").filter(Dimension::Country, "ML"),
            |h| {
                hits.push(h.id);
                Ok::<(), Error>(())
            },
        )
        .unwrap();
        hits.sort();
        assert_eq!(hits, got, "the two orders walk the same matches");
    }

    #[test]
    fn for_each_story_gives_the_whole_stored_story() {
        let s = searcher();
        let whole = s.story_by_id("s4").unwrap();
        let mut found = None;
        s.for_each_story(&NewsQuery::new(""), |story| {
            if story.id == "s4" {
                found = Some(story);
            }
            Ok::<(), Error>(())
        })
        .unwrap();
        assert_eq!(found, Some(whole));
    }

    #[test]
    fn for_each_story_stops_at_the_callers_error() {
        let s = searcher();
        let mut seen = 0;
        let result = s.for_each_story(&NewsQuery::new(""), |_| {
            seen += 1;
            if seen == 3 {
                Err(Error::UnknownStory { id: "stop".into() })
            } else {
                Ok(())
            }
        });
        assert!(matches!(result, Err(Error::UnknownStory { .. })));
        assert_eq!(seen, 3);
    }
}
