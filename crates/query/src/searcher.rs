//! [`NewsSearcher`]: runs a [`NewsQuery`] against an index: hits, facet counts with
//! drill-sideways, the date histogram and highlighted fragments in one call, and the
//! count-only search (streaming every hit or story is in `stream.rs`).

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use newsidx_core::dimension::Values;
use newsidx_core::keyword::UNKNOWN_LANGUAGE;
use newsidx_core::{ByDimension, Dimension, NewsIndex};
use newsidx_extract::Extractor;
use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, IndexReader, Order, Searcher, Term};

use crate::collector::{facet_values, Counts, CountsCollector, FirstOfGroup, TermCache};
use crate::comention;
use crate::error::{Error, Result};
use crate::histogram::{self, Histogram, Interval, MAX_BUCKETS};
use crate::hits::HitReader;
use crate::plan::{self, Plan};
use crate::request::{CountMode, Duplicates, NewsQuery, Sort};
use crate::resolve::{self, Resolver};
use crate::response::{Explanation, FacetValue, Facets, Hit, SearchResponse};

/// Searches one index. Cheap to clone; share one per process.
///
/// Every searcher resolves names with a gazetteer: filter values written as names
/// (`country:Mali`, `actor:"PMC Wagner"`) become the codes and canonical names indexed,
/// country facets are labelled with names, and the mentions of filtered entities are marked in
/// fragments. [`NewsSearcher::open`] loads the built-in gazetteer;
/// [`NewsSearcher::with_extractor`] takes an extractor built elsewhere (one with a user
/// gazetteer, or the one the index was written with).
#[derive(Clone)]
pub struct NewsSearcher {
    pub(crate) index: NewsIndex,
    pub(crate) reader: IndexReader,
    pub(crate) extractor: Extractor,
    /// Facet values per segment, decoded once (shared by clones of the searcher's state).
    pub(crate) terms: std::sync::Arc<TermCache>,
    /// Accented terms per segment, by their folded form (see [`crate::fold`]).
    pub(crate) folds: std::sync::Arc<crate::fold::FoldCache>,
}

impl NewsSearcher {
    /// A searcher over `index`, reloading after each commit, resolving names with the
    /// built-in gazetteer.
    ///
    /// Cost: parses the gazetteer tables for name lookups (not the matcher, which is compiled
    /// on first use, when fragments mark entity mentions).
    pub fn open(index: NewsIndex) -> Result<NewsSearcher> {
        NewsSearcher::with_extractor(index, Extractor::new()?)
    }

    /// A searcher over `index`, reloading after each commit, resolving names with
    /// `extractor`'s gazetteer (an [`Extractor`], a cheap handle: clone the one indexing uses).
    pub fn with_extractor(
        index: NewsIndex,
        extractor: impl Into<Extractor>,
    ) -> Result<NewsSearcher> {
        let reader = index.reader()?;
        Ok(NewsSearcher {
            index,
            reader,
            extractor: extractor.into(),
            terms: Default::default(),
            folds: Default::default(),
        })
    }

    /// The index searched.
    pub fn index(&self) -> &NewsIndex {
        &self.index
    }

    /// The reader, reloading after each commit.
    pub fn reader(&self) -> &IndexReader {
        &self.reader
    }

    /// The extractor whose gazetteer resolves names.
    pub fn extractor(&self) -> &Extractor {
        &self.extractor
    }

    /// Runs the query: the page of hits with their fragments, the exact total, facet counts
    /// over all matches (each dimension counted without its own filter: drill-sideways), the
    /// date histogram and, when asked, co-mentions.
    ///
    /// Cost: one pass over the matching stories, plus one per filtered facet dimension; the
    /// stored text is read for the hits of the page only.
    pub fn search(&self, request: &NewsQuery) -> Result<SearchResponse> {
        let start = Instant::now();
        let searcher = self.reader.searcher();
        self.terms
            .retain(searcher.segment_readers().iter().map(|r| r.segment_id()));
        let plan = self.plan(&searcher, request)?;
        let (page, mut counts) = self.count(&searcher, &plan, request)?;
        let mut by_dimension = by_dimension(&mut counts);

        let co_mentions = if request.co_mentions {
            Some(comention::co_mentions(
                &searcher,
                self.index.schema(),
                &by_dimension,
                counts.total,
                &plan.applied,
                request.facet_limit,
                |code| self.country_label(code),
            )?)
        } else {
            None
        };
        let facets = if request.facets {
            self.drill_sideways(&searcher, &plan, request, &mut by_dimension)?;
            let selected = self.selected(&searcher, &plan, &by_dimension)?;
            self.facets(&by_dimension, request.facet_limit)
                .with_selected(selected)
        } else {
            Facets::default()
        };
        let mut reader = self.hit_reader(&searcher, &plan, request)?;
        let hits = page
            .iter()
            .map(|(score, address)| reader.hit(*score, *address))
            .collect::<Result<Vec<Hit>>>()?;
        let histogram = if request.histogram {
            histogram::build(
                &counts.per_day,
                counts.undated,
                request.interval,
                MAX_BUCKETS,
            )
        } else {
            Histogram {
                interval: request.interval.unwrap_or(Interval::Month),
                buckets: Vec::new(),
                undated: 0,
            }
        };
        Ok(SearchResponse {
            query: request.text.clone(),
            parsed_query: plan.parsed.clone(),
            total: counts.total,
            took_ms: start.elapsed().as_secs_f64() * 1000.0,
            hits,
            facets,
            histogram,
            filters: plan.applied,
            co_mentions,
        })
    }

    /// The query as the engine runs it: normalised, and in Lucene's notation (see
    /// [`Explanation`]). Nothing is searched; names are resolved and prefixes expanded, so
    /// the errors are those of a search.
    ///
    /// ```
    /// use newsidx_core::NewsIndex;
    /// use newsidx_query::{NewsQuery, NewsSearcher};
    /// let searcher = NewsSearcher::open(NewsIndex::create_in_ram()?)?;
    /// let explained = searcher.explain(&NewsQuery::new("headline:oil NOT gas"))?;
    /// assert_eq!(explained.parsed_query, "title:oil AND NOT gas");
    /// assert_eq!(explained.engine, "(+title:oil -(title:gas^3 standfirst:gas^1.5 body:gas))");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn explain(&self, request: &NewsQuery) -> Result<Explanation> {
        let searcher = self.reader.searcher();
        let plan = self.plan(&searcher, request)?;
        Ok(Explanation {
            query: request.text.clone(),
            parsed_query: plan.parsed,
            engine: plan.explain,
        })
    }

    /// Parses the text, resolves every filter and builds the queries.
    pub(crate) fn plan(&self, searcher: &Searcher, request: &NewsQuery) -> Result<Plan> {
        let names = Resolver {
            extractor: &self.extractor,
            schema: self.index.schema(),
            searcher,
        };
        let schema = self.index.schema();
        let spellings = self.folds.spellings(
            searcher,
            &[
                schema.title,
                schema.standfirst,
                schema.body,
                schema.dateline,
                schema.byline,
            ],
        );
        let plan = plan::plan(&self.index, &names, request, spellings)?;
        if let (Some(from), Some(to)) = (plan.applied.from, plan.applied.to) {
            if from > to {
                return Err(Error::ReversedDates { from, to });
            }
        }
        Ok(plan)
    }

    /// Reads the hits of `plan` with the fragments `request` asks for.
    pub(crate) fn hit_reader<'a>(
        &'a self,
        searcher: &'a Searcher,
        plan: &'a Plan,
        request: &NewsQuery,
    ) -> Result<HitReader<'a>> {
        Ok(HitReader {
            schema: self.index.schema(),
            extractor: &self.extractor,
            searcher,
            plan,
            fragments: request.fragments,
            analyzer: self.analyzer()?,
        })
    }

    /// The index's analyser of text fields.
    pub(crate) fn analyzer(&self) -> Result<TextAnalyzer> {
        plan::analyzer(&self.index)
    }

    /// A country's name for its code (the code itself when the gazetteer has none).
    pub(crate) fn country_label(&self, code: &str) -> String {
        resolve::country_label(&self.extractor, code)
    }

    /// The page and, in the same pass, the counts the request needs: facet values (for facets
    /// or co-mentions), stories per day (for the histogram), or only the total.
    fn count(
        &self,
        searcher: &Searcher,
        plan: &Plan,
        request: &NewsQuery,
    ) -> Result<(Page, Counts)> {
        let query = plan.query();
        let count_fields = request.facets || request.co_mentions;
        let groups = request.count == CountMode::Groups;
        let collapse = request.duplicates == Duplicates::Collapse && request.limit > 0;
        // Collapsing takes the first hit of each group: a wider page, from the first hit.
        let window = if collapse {
            (collapse_window(request), 0)
        } else {
            (request.limit, request.offset)
        };
        let (page, counts) = if count_fields || request.histogram {
            let fields = if count_fields {
                facet_fields()
            } else {
                Vec::new()
            };
            let mut collector =
                CountsCollector::new(fields, request.histogram.then(|| "date".to_string()))
                    .cache(self.terms.clone())
                    .every_story(plan.matches_all() && !groups);
            if !request.co_mentions {
                collector = collector.top(request.facet_limit);
            }
            top_and(
                searcher,
                &*query,
                request.sort,
                window,
                FirstOfGroup::when(groups, collector),
            )?
        } else {
            let (page, total) = top_and(
                searcher,
                &*query,
                request.sort,
                window,
                FirstOfGroup::when(groups, Count),
            )?;
            let counts = Counts {
                total: total as u64,
                ..Counts::default()
            };
            (page, counts)
        };
        let page = if request.limit == 0 {
            Vec::new()
        } else if collapse {
            collapsed(searcher, &*query, request, page, window.0)?
        } else {
            page
        };
        Ok((page, counts))
    }

    /// Drill-sideways: each filtered facet dimension counted again under every filter but its
    /// own, so that its other values stay visible.
    fn drill_sideways(
        &self,
        searcher: &Searcher,
        plan: &Plan,
        request: &NewsQuery,
        counts: &mut ByDimension<HashMap<String, u64>>,
    ) -> Result<()> {
        for dimension in Dimension::facets() {
            let Some(others) = plan.query_without(dimension) else {
                continue;
            };
            let field = dimension.field_name().to_string();
            let collector = CountsCollector::new(vec![field], None)
                .top(request.facet_limit)
                .cache(self.terms.clone());
            let groups = request.count == CountMode::Groups;
            let sideways = searcher.search(&*others, &FirstOfGroup::when(groups, collector))?;
            counts[dimension] = sideways.fields.into_iter().next().unwrap_or_default();
        }
        Ok(())
    }

    /// The `k` largest counts of each facet dimension, labelled by [`NewsSearcher::label`].
    fn facets(&self, counts: &ByDimension<HashMap<String, u64>>, k: usize) -> Facets {
        Facets::new(ByDimension::from_fn(|dimension| {
            if !dimension.is_facet() {
                return Vec::new();
            }
            facet_values(&counts[dimension], k, &|v| self.label(dimension, v))
        }))
    }

    /// A facet value's display label: a country's name for its code, `unknown` for the
    /// unknown language, the value itself otherwise.
    pub(crate) fn label(&self, dimension: Dimension, value: &str) -> String {
        match dimension.values() {
            Values::CountryCode => self.country_label(value),
            Values::LowercaseCode if value == UNKNOWN_LANGUAGE => "unknown".to_string(),
            _ => value.to_string(),
        }
    }

    /// The filtered values of each facet dimension, each with the number of stories matching
    /// the query with that value instead of the dimension's filter (one count per value).
    /// A source, whose filter ignores case, is labelled with its most frequent spelling.
    fn selected(
        &self,
        searcher: &Searcher,
        plan: &Plan,
        counts: &ByDimension<HashMap<String, u64>>,
    ) -> Result<ByDimension<Vec<FacetValue>>> {
        let mut out: ByDimension<Vec<FacetValue>> = ByDimension::default();
        for dimension in Dimension::facets() {
            let values = &plan.applied.values[dimension];
            let Some(others) = plan.query_without(dimension).filter(|_| !values.is_empty()) else {
                continue;
            };
            let field = dimension.field(self.index.schema());
            for value in values {
                let with_value = BooleanQuery::new(vec![
                    (Occur::Must, others.box_clone()),
                    (
                        Occur::Must,
                        Box::new(TermQuery::new(
                            Term::from_field_text(field, value),
                            IndexRecordOption::Basic,
                        )),
                    ),
                ]);
                let count = searcher.search(&with_value, &Count)? as u64;
                let spelled = (dimension.values() == Values::Label)
                    .then(|| {
                        counts[dimension]
                            .iter()
                            .filter(|(v, _)| v.to_lowercase() == *value)
                            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                            .map(|(v, _)| v.clone())
                    })
                    .flatten();
                out[dimension].push(FacetValue {
                    label: self.label(dimension, spelled.as_deref().unwrap_or(value)),
                    value: value.clone(),
                    count,
                });
            }
        }
        Ok(out)
    }

    /// The exact total and the page's `(score, address)` pairs, without reading the store,
    /// counting facets or building fragments: the cheapest search, for callers that fetch
    /// stored stories themselves (and the yardstick against tantivy's own top-10 + count).
    /// Scores are 0 when sorted by date.
    pub fn top_docs(&self, request: &NewsQuery) -> Result<(u64, Vec<(f32, DocAddress)>)> {
        let searcher = self.reader.searcher();
        let plan = self.plan(&searcher, request)?;
        let window = (request.limit, request.offset);
        let (page, total) = top_and(&searcher, &*plan.query(), request.sort, window, Count)?;
        let page = if request.limit == 0 { Vec::new() } else { page };
        Ok((total as u64, page))
    }
}

/// The index fields of the facet dimensions, in the order of [`Dimension::facets`].
fn facet_fields() -> Vec<String> {
    Dimension::facets()
        .map(|d| d.field_name().to_string())
        .collect()
}

/// The counts of the facet fields (as collected with [`facet_fields`]) by dimension; empty
/// when none were counted.
fn by_dimension(counts: &mut Counts) -> ByDimension<HashMap<String, u64>> {
    let mut out = ByDimension::default();
    for (dimension, values) in Dimension::facets().zip(std::mem::take(&mut counts.fields)) {
        out[dimension] = values;
    }
    out
}

/// Scores (0 when sorted by date) and addresses of a page of hits.
type Page = Vec<(f32, DocAddress)>;

/// The page of hits in `sort` order (`window`: how many, after how many), and the fruit of
/// `extra` over all matches.
fn top_and<C: Collector>(
    searcher: &Searcher,
    query: &dyn Query,
    sort: Sort,
    (limit, offset): (usize, usize),
    extra: C,
) -> Result<(Page, C::Fruit)> {
    let top = TopDocs::with_limit(limit.max(1)).and_offset(offset);
    Ok(match sort {
        Sort::Relevance => searcher.search(query, &(top.order_by_score(), extra))?,
        Sort::Newest | Sort::Oldest => {
            let order = if sort == Sort::Newest {
                Order::Desc
            } else {
                Order::Asc
            };
            let (docs, fruit) = searcher.search(
                query,
                &(
                    top.order_by_fast_field::<tantivy::DateTime>("date", order),
                    extra,
                ),
            )?;
            (docs.into_iter().map(|(_, d)| (0.0, d)).collect(), fruit)
        }
    })
}

/// The hits fetched to collapse a page: twice the hits up to its end, and 8 more, so that a
/// page with a few duplicates needs no second search.
fn collapse_window(request: &NewsQuery) -> usize {
    (request.offset + request.limit) * 2 + 8
}

/// The fewest hits a second round of [`collapsed`] fetches. A round is a search of its own,
/// visiting every match, and a wider page costs it little (on the 1M index, the top 512 of
/// `oil`'s 72,568 matches took as long as the top 28), while a page of stories with many
/// copies (47 each on that index: the top 28 hits hold one group, the top 448 ten) took two
/// rounds more at four times the hits each. The first search keeps its narrow window: a wide
/// one there cost cheap searches a third more (criterion `synthetic/collapsed_term`).
const COLLAPSE_WINDOW: usize = 512;

/// The request's page of collapsed hits: the first hit of each group in `page` (the first
/// `fetched` hits in order, from the first), searching again with four times as many (and at
/// least [`COLLAPSE_WINDOW`]) while the groups fall short of the page and more hits remain.
fn collapsed(
    searcher: &Searcher,
    query: &dyn Query,
    request: &NewsQuery,
    mut page: Page,
    mut fetched: usize,
) -> Result<Page> {
    let wanted = request.offset + request.limit;
    loop {
        let firsts = first_of_groups(searcher, &page, wanted);
        if firsts.len() >= wanted || page.len() < fetched {
            return Ok(firsts
                .into_iter()
                .skip(request.offset)
                .take(request.limit)
                .collect());
        }
        fetched = (fetched * 4).max(COLLAPSE_WINDOW);
        page = top_and(searcher, query, request.sort, (fetched, 0), Count)?.0;
    }
}

/// The first hit of each group (by `cluster_key`; a story without one is a group of its own)
/// among `page`, in order, at most `wanted`.
fn first_of_groups(searcher: &Searcher, page: &Page, wanted: usize) -> Page {
    let mut columns: HashMap<u32, Option<Column<u64>>> = HashMap::new();
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(wanted.min(page.len()));
    for &(score, address) in page {
        let column = columns.entry(address.segment_ord).or_insert_with(|| {
            searcher
                .segment_reader(address.segment_ord)
                .fast_fields()
                .u64("cluster_key")
                .ok()
        });
        let key = column.as_ref().and_then(|c| c.first(address.doc_id));
        if key.is_none_or(|k| seen.insert(k)) {
            out.push((score, address));
            if out.len() == wanted {
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod language_tests;
#[cfg(test)]
mod tests;
