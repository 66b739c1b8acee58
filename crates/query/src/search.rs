//! Running a [`NewsQuery`] against an index: hits, facet counts with drill-sideways, the date
//! histogram and highlighted fragments, in one call; and streaming every hit.

use std::sync::Arc;
use std::time::Instant;

use newsidx_core::map::{from_tantivy_date, to_tantivy_date};
use newsidx_core::{NewsIndex, NewsSchema};
use newsidx_extract::{Extractor, MentionKind};
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
    TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{
    DocAddress, DocId, IndexReader, Order, Score, Searcher, SegmentOrdinal, SegmentReader,
    TantivyDocument, Term,
};

use crate::comention;
use crate::error::{Error, Result};
use crate::facets::{facet_values, Counts, CountsCollector};
use crate::highlight::{self, Target, FRAGMENT_CHARS};
use crate::histogram;
use crate::parse::{self, DateRange, FilterKind, Node, TextField};
use crate::request::{NewsQuery, Sort};
use crate::response::{
    AppliedFilters, Facets, Fragment, Histogram, Hit, MentionMark, SearchResponse,
};

/// Most histogram buckets before a wider interval is taken.
const MAX_BUCKETS: usize = 400;

/// The filterable dimensions; all but `Language` are facets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dim {
    Country,
    Actor,
    Source,
    Person,
    Organisation,
    Place,
    Language,
}

/// The facet dimensions, in the order the collector counts them.
const FACET_DIMS: [Dim; 6] = [
    Dim::Country,
    Dim::Actor,
    Dim::Source,
    Dim::Person,
    Dim::Organisation,
    Dim::Place,
];

impl Dim {
    pub(crate) fn field(self, schema: &NewsSchema) -> Field {
        match self {
            Dim::Country => schema.countries,
            Dim::Actor => schema.actors,
            Dim::Source => schema.source,
            Dim::Person => schema.people,
            Dim::Organisation => schema.organisations,
            Dim::Place => schema.places,
            Dim::Language => schema.language,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Dim::Country => "country",
            Dim::Actor => "actor",
            Dim::Source => "source",
            Dim::Person => "person",
            Dim::Organisation => "organisation",
            Dim::Place => "place",
            Dim::Language => "language",
        }
    }

    fn of(kind: FilterKind) -> Dim {
        match kind {
            FilterKind::Country => Dim::Country,
            FilterKind::Actor => Dim::Actor,
            FilterKind::Person => Dim::Person,
            FilterKind::Organisation => Dim::Organisation,
            FilterKind::Place => Dim::Place,
            FilterKind::Source => Dim::Source,
            FilterKind::Language => Dim::Language,
        }
    }

    fn applied(self, filters: &mut AppliedFilters) -> &mut Vec<String> {
        match self {
            Dim::Country => &mut filters.country,
            Dim::Actor => &mut filters.actor,
            Dim::Source => &mut filters.source,
            Dim::Person => &mut filters.person,
            Dim::Organisation => &mut filters.organisation,
            Dim::Place => &mut filters.place,
            Dim::Language => &mut filters.language,
        }
    }
}

/// A request turned into tantivy queries.
pub(crate) struct Plan {
    /// The text part (everything but the top-level filters).
    pub text: Box<dyn Query>,
    /// One query per filtered dimension (`None`: the date range).
    pub filters: Vec<(Option<Dim>, Box<dyn Query>)>,
    /// The filters as resolved.
    pub applied: AppliedFilters,
    /// Words and phrases to highlight.
    pub targets: Vec<Target>,
}

impl Plan {
    /// The whole query.
    pub fn query(&self) -> Box<dyn Query> {
        combine(&*self.text, &self.filters, None)
    }
}

/// Searches one index. Cheap to clone; share one per process.
#[derive(Clone)]
pub struct NewsSearcher {
    index: NewsIndex,
    reader: IndexReader,
    extractor: Option<Arc<Extractor>>,
}

impl NewsSearcher {
    /// A searcher over `index`, reloading after each commit. Without an extractor, country
    /// names are not resolved (`--country ML` works, `--country Mali` does not), facet labels
    /// are the codes and entity mentions are not marked in fragments.
    pub fn new(index: NewsIndex) -> Result<NewsSearcher> {
        let reader = index.reader()?;
        Ok(NewsSearcher {
            index,
            reader,
            extractor: None,
        })
    }

    /// Uses the extractor's gazetteer to resolve country and actor names, label countries and
    /// mark the mentions of filtered entities in fragments.
    pub fn with_extractor(mut self, extractor: Arc<Extractor>) -> NewsSearcher {
        self.extractor = Some(extractor);
        self
    }

    /// The index searched.
    pub fn index(&self) -> &NewsIndex {
        &self.index
    }

    /// The reader, reloading after each commit.
    pub fn reader(&self) -> &IndexReader {
        &self.reader
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
        let schema = self.index.schema();
        let plan = self.plan(&searcher, request)?;
        let query = plan.query();

        let count_fields = request.facets || request.co_mentions;
        let need_counts = count_fields || request.histogram;
        let dim_fields: Vec<String> = FACET_DIMS
            .iter()
            .map(|d| schema.schema.get_field_name(d.field(schema)).to_string())
            .collect();
        let (page, mut counts) = if need_counts {
            let mut collector = CountsCollector::new(
                if count_fields {
                    dim_fields.clone()
                } else {
                    Vec::new()
                },
                request.histogram.then(|| "date".to_string()),
            );
            if !request.co_mentions {
                collector = collector.top(request.facet_limit);
            }
            top_and(&searcher, &*query, request, collector)?
        } else {
            let (page, total) = top_and(&searcher, &*query, request, Count)?;
            let counts = Counts {
                total: total as u64,
                ..Counts::default()
            };
            (page, counts)
        };
        let page = if request.limit == 0 { Vec::new() } else { page };

        let co_mentions = if request.co_mentions {
            Some(comention::co_mentions(
                &searcher,
                schema,
                &counts.fields[1],
                &counts.fields[0],
                counts.total,
                &plan.applied,
                request.facet_limit,
                |code| self.country_label(code),
            )?)
        } else {
            None
        };

        // Drill-sideways: a filtered dimension is counted under every filter but its own.
        if request.facets {
            for (position, dim) in FACET_DIMS.iter().enumerate() {
                let Some(own) = plan.filters.iter().position(|(d, _)| d == &Some(*dim)) else {
                    continue;
                };
                let others = combine(&*plan.text, &plan.filters, Some(own));
                let sideways = searcher.search(
                    &*others,
                    &CountsCollector::new(vec![dim_fields[position].clone()], None)
                        .top(request.facet_limit),
                )?;
                counts.fields[position] = sideways.fields.into_iter().next().unwrap_or_default();
            }
        }

        let hits = self.hits(&searcher, &plan, request, &page)?;
        let facets = if request.facets {
            self.facets(&counts, request.facet_limit)
        } else {
            Facets::default()
        };
        let histogram = if request.histogram {
            histogram::build(
                &counts.per_day,
                counts.undated,
                request.interval,
                MAX_BUCKETS,
            )
        } else {
            Histogram {
                interval: request.interval.unwrap_or(histogram::Interval::Month),
                buckets: Vec::new(),
                undated: 0,
            }
        };
        Ok(SearchResponse {
            query: request.text.clone(),
            total: counts.total,
            took_ms: start.elapsed().as_secs_f64() * 1000.0,
            hits,
            facets,
            histogram,
            filters: plan.applied,
            co_mentions,
        })
    }

    /// The exact total and the page's `(score, address)` pairs, without reading the store,
    /// counting facets or building fragments: the cheapest search, for callers that fetch
    /// stored stories themselves (and the yardstick against tantivy's own top-10 + count).
    /// Scores are 0 when sorted by date.
    pub fn top_docs(&self, request: &NewsQuery) -> Result<(u64, Vec<(f32, DocAddress)>)> {
        let searcher = self.reader.searcher();
        let plan = self.plan(&searcher, request)?;
        let (page, total) = top_and(&searcher, &*plan.query(), request, Count)?;
        let page = if request.limit == 0 { Vec::new() } else { page };
        Ok((total as u64, page))
    }

    /// Calls `each` with every matching story, in the request's order (relevance: best
    /// first; newest or oldest: undated stories last; ties by index order), ignoring
    /// `offset` and `limit`. Returns the number of stories passed.
    ///
    /// Memory: one `(score or date, address)` pair per match is held to order them; stories
    /// are read from the store one at a time as they are passed on, so every story of a large
    /// archive can be streamed (`newsidx search --all --format ndjson`). Fragments are built as
    /// in [`NewsSearcher::search`] (`fragments(0)` skips them).
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
    /// let searcher = NewsSearcher::new(index)?;
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
        let searcher = self.reader.searcher();
        let plan = self.plan(&searcher, request)?;
        let query = plan.query();
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
        let mut analyzer = self.analyzer()?;
        let mut n = 0;
        for (score, _, address) in keys {
            let hit = self.hit(&searcher, &plan, request, &mut analyzer, score, address)?;
            each(hit)?;
            n += 1;
        }
        Ok(n)
    }

    /// Parses the text, resolves every filter and builds the queries.
    pub(crate) fn plan(&self, searcher: &Searcher, request: &NewsQuery) -> Result<Plan> {
        let root = parse::parse(&request.text).map_err(|error| Error::Syntax {
            query: request.text.clone(),
            error,
        })?;
        // Top-level filters join the request's own.
        let mut wanted: Vec<(Dim, String)> = Vec::new();
        for (dim, values) in [
            (Dim::Country, &request.countries),
            (Dim::Actor, &request.actors),
            (Dim::Source, &request.sources),
            (Dim::Person, &request.people),
            (Dim::Organisation, &request.organisations),
            (Dim::Place, &request.places),
            (Dim::Language, &request.languages),
        ] {
            wanted.extend(values.iter().map(|v| (dim, v.clone())));
        }
        let mut dates = vec![DateRange {
            from: request.from,
            to: request.to,
        }];
        let items = match root {
            Node::And(items) => items,
            other => vec![other],
        };
        let mut rest = Vec::new();
        for item in items {
            match item {
                Node::Filter { kind, value, .. } => wanted.push((Dim::of(kind), value)),
                Node::Date { range, .. } => dates.push(range),
                other => rest.push(other),
            }
        }
        let mut applied = AppliedFilters {
            from: dates.iter().filter_map(|d| d.from).max(),
            to: dates.iter().filter_map(|d| d.to).min(),
            ..AppliedFilters::default()
        };
        for (dim, value) in &wanted {
            let resolved = self.resolve(searcher, *dim, value)?;
            let list = dim.applied(&mut applied);
            if !list.contains(&resolved) {
                list.push(resolved);
            }
        }
        let mut analyzer = self.analyzer()?;
        let mut targets = Vec::new();
        let text = self
            .compile(
                searcher,
                &Node::And(rest),
                &mut analyzer,
                &mut targets,
                false,
            )?
            .unwrap_or_else(|| Box::new(AllQuery));
        let filters = self.filter_queries(&applied);
        Ok(Plan {
            text,
            filters,
            applied,
            targets,
        })
    }

    pub(crate) fn analyzer(&self) -> Result<TextAnalyzer> {
        Ok(self
            .index
            .index()
            .tokenizer_for_field(self.index.schema().body)?)
    }

    /// A tantivy query for a parsed node; `None` for a node that matches no restriction
    /// (words the analyser drops entirely).
    fn compile(
        &self,
        searcher: &Searcher,
        node: &Node,
        analyzer: &mut TextAnalyzer,
        targets: &mut Vec<Target>,
        negated: bool,
    ) -> Result<Option<Box<dyn Query>>> {
        let schema = self.index.schema();
        Ok(match node {
            Node::Word { text, field, .. } => {
                self.text_query(text, 0, *field, analyzer, targets, negated)
            }
            Node::Phrase {
                text, slop, field, ..
            } => self.text_query(text, *slop, *field, analyzer, targets, negated),
            Node::Filter { kind, value, .. } => {
                let dim = Dim::of(*kind);
                let value = self.resolve(searcher, dim, value)?;
                Some(Box::new(TermQuery::new(
                    Term::from_field_text(dim.field(schema), &value),
                    IndexRecordOption::Basic,
                )))
            }
            Node::Date { range, .. } => Some(date_query(schema, range.from, range.to)),
            Node::Not(inner) => self
                .compile(searcher, inner, analyzer, targets, !negated)?
                .map(|q| -> Box<dyn Query> {
                    Box::new(BooleanQuery::new(vec![
                        (Occur::Must, Box::new(AllQuery)),
                        (Occur::MustNot, q),
                    ]))
                }),
            Node::And(items) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for item in items {
                    let (occur, item) = match item {
                        Node::Not(inner) => (Occur::MustNot, &**inner),
                        other => (Occur::Must, other),
                    };
                    let item_negated = negated ^ (occur == Occur::MustNot);
                    if let Some(q) =
                        self.compile(searcher, item, analyzer, targets, item_negated)?
                    {
                        clauses.push((occur, q));
                    }
                }
                if clauses.is_empty() {
                    None
                } else if clauses.len() == 1 && clauses[0].0 == Occur::Must {
                    clauses.pop().map(|(_, q)| q)
                } else {
                    if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                        clauses.push((Occur::Must, Box::new(AllQuery)));
                    }
                    Some(Box::new(BooleanQuery::new(clauses)))
                }
            }
            Node::Or(items) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for item in items {
                    if let Some(q) = self.compile(searcher, item, analyzer, targets, negated)? {
                        clauses.push((Occur::Should, q));
                    }
                }
                match clauses.len() {
                    0 => None,
                    1 => clauses.pop().map(|(_, q)| q),
                    _ => Some(Box::new(BooleanQuery::new(clauses))),
                }
            }
        })
    }

    /// A word or phrase over the title, standfirst and body (boosted), or over one field.
    fn text_query(
        &self,
        text: &str,
        slop: u32,
        field: Option<TextField>,
        analyzer: &mut TextAnalyzer,
        targets: &mut Vec<Target>,
        negated: bool,
    ) -> Option<Box<dyn Query>> {
        let schema = self.index.schema();
        let mut tokens: Vec<(usize, String)> = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            tokens.push((t.position, t.text.clone()));
        }
        if tokens.is_empty() {
            return None;
        }
        if !negated {
            targets.push(Target {
                tokens: tokens.iter().map(|(_, t)| t.clone()).collect(),
                slop,
            });
        }
        let fields: Vec<(Field, f32)> = match field {
            Some(TextField::Title) => vec![(schema.title, 1.0)],
            Some(TextField::Body) => vec![(schema.body, 1.0)],
            None => schema.text_fields().to_vec(),
        };
        let first = tokens[0].0;
        let mut per_field: Vec<(Occur, Box<dyn Query>)> = fields
            .into_iter()
            .map(|(f, boost)| {
                let q: Box<dyn Query> = if tokens.len() == 1 {
                    Box::new(TermQuery::new(
                        Term::from_field_text(f, &tokens[0].1),
                        IndexRecordOption::WithFreqs,
                    ))
                } else {
                    Box::new(PhraseQuery::new_with_offset_and_slop(
                        tokens
                            .iter()
                            .map(|(p, t)| (p - first, Term::from_field_text(f, t)))
                            .collect(),
                        slop,
                    ))
                };
                let q: Box<dyn Query> = if boost == 1.0 {
                    q
                } else {
                    Box::new(BoostQuery::new(q, boost))
                };
                (Occur::Should, q)
            })
            .collect();
        Some(if per_field.len() == 1 {
            per_field.pop().expect("one").1
        } else {
            Box::new(BooleanQuery::new(per_field))
        })
    }

    /// Resolves a filter value to what is indexed: a country code, an actor's canonical name,
    /// a source as spelled in the index.
    fn resolve(&self, searcher: &Searcher, dim: Dim, value: &str) -> Result<String> {
        let schema = self.index.schema();
        let field = dim.field(schema);
        let value = value.trim();
        let exists = |v: &str| -> Result<bool> {
            Ok(searcher.doc_freq(&Term::from_field_text(field, v))? > 0)
        };
        let unknown = |known: &[String]| Error::UnknownValue {
            dimension: dim.name(),
            value: value.to_string(),
            suggestions: closest(value, known),
        };
        match dim {
            Dim::Country => {
                let resolved = self
                    .extractor
                    .as_ref()
                    .and_then(|e| e.resolve_country(value).map(str::to_string));
                match resolved {
                    Some(code) => Ok(code),
                    None if value.len() == 2 && value.chars().all(|c| c.is_ascii_alphabetic()) => {
                        Ok(value.to_ascii_uppercase())
                    }
                    None => {
                        let known = indexed_values(searcher, field)?;
                        let labels: Vec<String> =
                            known.iter().map(|code| self.country_label(code)).collect();
                        Err(Error::UnknownValue {
                            dimension: "country",
                            value: value.to_string(),
                            suggestions: closest(value, &labels),
                        })
                    }
                }
            }
            Dim::Actor | Dim::Person | Dim::Organisation => {
                let canonical = self
                    .extractor
                    .as_ref()
                    .and_then(|e| e.resolve_actor(value).map(str::to_string));
                let wanted = canonical.as_deref().unwrap_or(value);
                if exists(wanted)? {
                    return Ok(wanted.to_string());
                }
                let known = indexed_values(searcher, field)?;
                match known.iter().find(|k| k.eq_ignore_ascii_case(wanted)) {
                    Some(found) => Ok(found.clone()),
                    None if canonical.is_some() => Ok(wanted.to_string()),
                    None => Err(unknown(&known)),
                }
            }
            Dim::Place | Dim::Source | Dim::Language => {
                let wanted = if dim == Dim::Language {
                    value.to_ascii_lowercase()
                } else {
                    value.to_string()
                };
                if exists(&wanted)? {
                    return Ok(wanted);
                }
                let known = indexed_values(searcher, field)?;
                match known.iter().find(|k| k.eq_ignore_ascii_case(&wanted)) {
                    Some(found) => Ok(found.clone()),
                    None => Err(unknown(&known)),
                }
            }
        }
    }

    /// One query per filtered dimension, tagged with it; the date range last.
    fn filter_queries(&self, filters: &AppliedFilters) -> Vec<(Option<Dim>, Box<dyn Query>)> {
        let schema = self.index.schema();
        let mut out: Vec<(Option<Dim>, Box<dyn Query>)> = Vec::new();
        let mut copy = filters.clone();
        for dim in FACET_DIMS.iter().copied().chain([Dim::Language]) {
            let values = dim.applied(&mut copy);
            if values.is_empty() {
                continue;
            }
            let field = dim.field(schema);
            let q: Box<dyn Query> = if values.len() == 1 {
                Box::new(TermQuery::new(
                    Term::from_field_text(field, &values[0]),
                    IndexRecordOption::Basic,
                ))
            } else {
                Box::new(TermSetQuery::new(
                    values.iter().map(|v| Term::from_field_text(field, v)),
                ))
            };
            out.push((Some(dim), q));
        }
        if filters.from.is_some() || filters.to.is_some() {
            out.push((None, date_query(schema, filters.from, filters.to)));
        }
        out
    }

    fn hits(
        &self,
        searcher: &Searcher,
        plan: &Plan,
        request: &NewsQuery,
        page: &[(f32, DocAddress)],
    ) -> Result<Vec<Hit>> {
        let mut analyzer = self.analyzer()?;
        page.iter()
            .map(|(score, address)| {
                self.hit(searcher, plan, request, &mut analyzer, *score, *address)
            })
            .collect()
    }

    /// One hit: its stored fields and its fragments.
    fn hit(
        &self,
        searcher: &Searcher,
        plan: &Plan,
        request: &NewsQuery,
        analyzer: &mut TextAnalyzer,
        score: f32,
        address: DocAddress,
    ) -> Result<Hit> {
        let schema = self.index.schema();
        let doc: TantivyDocument = searcher.doc(address)?;
        let article = schema.to_article(&doc);
        let fragments = if request.fragments == 0 {
            Vec::new()
        } else {
            self.fragments(&article, plan, request.fragments, analyzer)
        };
        let (snippet, highlights) = fragments
            .first()
            .map(|f| (f.text.clone(), f.highlights.clone()))
            .unwrap_or_default();
        Ok(Hit {
            id: article.id,
            score,
            title: article.title,
            date: doc
                .get_first(schema.date)
                .and_then(|v| tantivy::schema::Value::as_datetime(&v))
                .map(from_tantivy_date),
            source: article.source,
            snippet,
            highlights,
            fragments,
            countries: article.countries,
            actors: article.actors,
        })
    }

    /// Up to `n` fragments of the body (or the standfirst, or the title, the first that has a
    /// match; the opening of the story when none has), with filtered entities marked.
    fn fragments(
        &self,
        article: &newsidx_core::Article,
        plan: &Plan,
        n: usize,
        analyzer: &mut TextAnalyzer,
    ) -> Vec<Fragment> {
        let parts = [
            article.body.as_str(),
            article.standfirst.as_deref().unwrap_or(""),
            article.title.as_str(),
        ];
        let mut out = Vec::new();
        for text in parts {
            let matches = highlight::find_matches(analyzer, text, &plan.targets);
            if !matches.is_empty() {
                out = highlight::fragments(text, &matches, n, FRAGMENT_CHARS);
                break;
            }
        }
        if out.is_empty() {
            let lead = article
                .standfirst
                .as_deref()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or(&article.body);
            if !lead.trim().is_empty() {
                out.push(highlight::lead(lead, FRAGMENT_CHARS));
            }
        }
        self.mark_entities(&mut out, &plan.applied);
        out
    }

    /// Marks, in each fragment, the mentions of the filtered entities: places and demonyms of
    /// a filtered country, names of a filtered actor, person, organisation or place.
    fn mark_entities(&self, fragments: &mut [Fragment], filters: &AppliedFilters) {
        let Some(extractor) = &self.extractor else {
            return;
        };
        let names: Vec<&String> = filters
            .actor
            .iter()
            .chain(&filters.person)
            .chain(&filters.organisation)
            .chain(&filters.place)
            .collect();
        if filters.country.is_empty() && names.is_empty() {
            return;
        }
        for fragment in fragments {
            for m in extractor.extract_plain(&fragment.text).mentions {
                let country = matches!(m.kind, MentionKind::Location | MentionKind::Nationality)
                    .then_some(m.country.as_ref())
                    .flatten()
                    .filter(|c| filters.country.contains(c));
                let entity = match country {
                    Some(code) => code.clone(),
                    None if names.contains(&&m.entity) => m.entity.clone(),
                    None => continue,
                };
                fragment.mentions.push(MentionMark {
                    start: m.start,
                    end: m.end,
                    entity,
                });
            }
        }
    }

    fn facets(&self, counts: &Counts, k: usize) -> Facets {
        let list = |position: usize, label: &dyn Fn(&str) -> String| {
            facet_values(&counts.fields[position], k, label)
        };
        let same = |v: &str| v.to_string();
        Facets {
            country: list(0, &|code| self.country_label(code)),
            actor: list(1, &same),
            source: list(2, &same),
            person: list(3, &same),
            organisation: list(4, &same),
            place: list(5, &same),
        }
    }

    pub(crate) fn country_label(&self, code: &str) -> String {
        self.extractor
            .as_ref()
            .and_then(|e| e.country_name(code))
            .unwrap_or(code)
            .to_string()
    }
}

/// Scores (0 when sorted by date) and addresses of a page of hits.
type Page = Vec<(f32, DocAddress)>;

/// The page of hits in the request's order, and the fruit of `extra` over all matches.
fn top_and<C: Collector>(
    searcher: &Searcher,
    query: &dyn Query,
    request: &NewsQuery,
    extra: C,
) -> Result<(Page, C::Fruit)> {
    let top = TopDocs::with_limit(request.limit.max(1)).and_offset(request.offset);
    Ok(match request.sort {
        Sort::Relevance => searcher.search(query, &(top.order_by_score(), extra))?,
        Sort::Newest | Sort::Oldest => {
            let order = if request.sort == Sort::Newest {
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

fn date_query(
    schema: &NewsSchema,
    from: Option<chrono::DateTime<chrono::Utc>>,
    to: Option<chrono::DateTime<chrono::Utc>>,
) -> Box<dyn Query> {
    use std::ops::Bound;
    let bound = |d: Option<chrono::DateTime<chrono::Utc>>| match d {
        Some(d) => Bound::Included(Term::from_field_date(schema.date, to_tantivy_date(d))),
        None => Bound::Unbounded,
    };
    Box::new(RangeQuery::new(bound(from), bound(to)))
}

/// The text query and the filters as one boolean query, leaving out filter `skip`.
pub(crate) fn combine(
    text: &dyn Query,
    filters: &[(Option<Dim>, Box<dyn Query>)],
    skip: Option<usize>,
) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text.box_clone())];
    for (i, (_, filter)) in filters.iter().enumerate() {
        if Some(i) != skip {
            clauses.push((Occur::Must, filter.box_clone()));
        }
    }
    if clauses.len() == 1 {
        return clauses.pop().expect("one clause").1;
    }
    Box::new(BooleanQuery::new(clauses))
}

/// Collects, for every match, its score (when scoring) or date and its address.
struct KeysCollector {
    score: bool,
}

type Key = (f32, Option<i64>, DocAddress);

struct SegmentKeys {
    segment: SegmentOrdinal,
    dates: Option<Column<tantivy::DateTime>>,
    keys: Vec<Key>,
}

impl Collector for KeysCollector {
    type Fruit = Vec<Key>;
    type Child = SegmentKeys;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentKeys> {
        let dates = if self.score {
            None
        } else {
            reader
                .fast_fields()
                .column_opt::<tantivy::DateTime>("date")?
        };
        Ok(SegmentKeys {
            segment,
            dates,
            keys: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.score
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Key>>) -> tantivy::Result<Vec<Key>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentKeys {
    type Fruit = Vec<Key>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let date = self
            .dates
            .as_ref()
            .and_then(|c| c.first(doc))
            .map(|d| d.into_timestamp_secs());
        self.keys
            .push((score, date, DocAddress::new(self.segment, doc)));
    }

    fn harvest(self) -> Vec<Key> {
        self.keys
    }
}

/// Every distinct value of an exact field, over all segments.
pub(crate) fn indexed_values(searcher: &Searcher, field: Field) -> Result<Vec<String>> {
    let mut values = Vec::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().stream().map_err(|e| {
            tantivy::TantivyError::InternalError(format!("reading the term dictionary: {e}"))
        })?;
        while stream.advance() {
            if let Ok(value) = std::str::from_utf8(stream.key()) {
                values.push(value.to_string());
            }
        }
    }
    values.sort();
    values.dedup();
    Ok(values)
}

/// Up to three known values closest to `wanted`: containing it, or within a small edit
/// distance of the whole value or of one of its words, ignoring case.
pub(crate) fn closest(wanted: &str, known: &[String]) -> Vec<String> {
    let w = wanted.to_lowercase();
    let limit = (w.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &String)> = known
        .iter()
        .map(|k| {
            let lower = k.to_lowercase();
            let distance = if lower.contains(&w) || w.contains(&lower) {
                0
            } else {
                lower
                    .split_whitespace()
                    .map(|word| levenshtein(&w, word) + 1)
                    .chain([levenshtein(&w, &lower)])
                    .min()
                    .unwrap_or(usize::MAX)
            };
            (distance, k)
        })
        .filter(|(d, _)| *d <= limit)
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, k)| k.clone()).collect()
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = if ca == *cb {
                previous
            } else {
                1 + previous.min(row[j]).min(row[j + 1])
            };
            previous = current;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::response::FacetValue;
    use chrono::{TimeZone, Utc};
    use newsidx_core::Article;

    #[allow(clippy::type_complexity)]
    fn searcher() -> NewsSearcher {
        let index = NewsIndex::create_in_ram().unwrap();
        let mut writer = index.writer_with_threads(1, 15_000_000).unwrap();
        let v = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let rows: [(
            &str,
            &str,
            &str,
            &[&str],
            &[&str],
            &[&str],
            &[&str],
            &[&str],
            &str,
            &str,
            (i32, u32, u32),
        ); 6] = [
            (
                "1",
                "Interest rates rise in Mali",
                "Interest rates rose in Bamako.",
                &["ML"],
                &["Wagner Group"],
                &["Assimi Goita"],
                &["BCEAO"],
                &["Bamako"],
                "AFP",
                "en",
                (2021, 1, 31),
            ),
            (
                "2",
                "Rates and interest in Niger",
                "The rates of interest fell.",
                &["NE"],
                &["ECOWAS"],
                &[],
                &["ECOWAS"],
                &["Niamey"],
                "Reuters",
                "en",
                (2021, 2, 28),
            ),
            (
                "3",
                "Oil prices in Mali",
                "Oil prices rose; interest rates steady.",
                &["ML", "FR"],
                &["Wagner Group", "ECOWAS"],
                &["Assimi Goita"],
                &["ECOWAS"],
                &["Gao"],
                "Reuters",
                "fr",
                (2021, 3, 1),
            ),
            (
                "4",
                "Oil output",
                "Opec oil output fell.",
                &["SA"],
                &["OPEC"],
                &[],
                &["OPEC"],
                &["Riyadh"],
                "AFP",
                "en",
                (2022, 1, 1),
            ),
            (
                "5",
                "Gold",
                "Gold steady.",
                &["GB"],
                &[],
                &[],
                &[],
                &["London"],
                "AFP",
                "en",
                (2020, 12, 31),
            ),
            (
                "6",
                "Oil undated",
                "Oil without a date.",
                &["ML"],
                &[],
                &[],
                &[],
                &[],
                "AFP",
                "en",
                (0, 0, 0),
            ),
        ];
        for (id, title, body, countries, actors, people, orgs, places, source, lang, (y, m, d)) in
            rows
        {
            let a = Article {
                id: id.into(),
                title: title.into(),
                body: body.into(),
                countries: v(countries),
                actors: v(actors),
                people: v(people),
                organisations: v(orgs),
                places: v(places),
                source: Some(source.into()),
                language: Some(lang.into()),
                date: (y > 0).then(|| Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()),
                ..Article::default()
            };
            writer.add_document(index.schema().to_document(&a)).unwrap();
        }
        writer.commit().unwrap();
        NewsSearcher::new(index)
            .unwrap()
            .with_extractor(Arc::new(Extractor::new().unwrap()))
    }

    fn ids(s: &NewsSearcher, q: NewsQuery) -> Vec<String> {
        let mut ids: Vec<String> = s
            .search(&q.limit(100))
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect();
        ids.sort();
        ids
    }

    #[test]
    fn every_production_selects_the_right_stories() {
        let s = searcher();
        let q = NewsQuery::new;
        assert_eq!(ids(&s, q("oil prices")), ["3"]);
        assert_eq!(ids(&s, q("\"interest rates\"")), ["1", "3"]);
        assert_eq!(ids(&s, q("\"rates fell\"~2")), ["2"]);
        assert!(ids(&s, q("\"rates fell\"~1")).is_empty());
        assert_eq!(ids(&s, q("gold OR opec")), ["4", "5"]);
        assert_eq!(ids(&s, q("oil -opec")), ["3", "6"]);
        assert_eq!(ids(&s, q("-oil")), ["1", "2", "5"]);
        assert_eq!(ids(&s, q("(gold OR opec) -output")), ["5"]);
        assert_eq!(ids(&s, q("title:rates")), ["1", "2"]);
        assert_eq!(ids(&s, q("body:rates")), ["1", "2", "3"]);
        assert_eq!(ids(&s, q("oil country:Mali")), ["3", "6"]);
        assert_eq!(ids(&s, q("oil country:Malian")), ["3", "6"]);
        assert_eq!(ids(&s, q("actor:\"PMC Wagner\"")), ["1", "3"]);
        assert_eq!(ids(&s, q("person:\"Assimi Goita\" -country:FR")), ["1"]);
        assert_eq!(ids(&s, q("org:opec")), ["4"]);
        assert_eq!(ids(&s, q("place:Gao")), ["3"]);
        assert_eq!(ids(&s, q("source:reuters")), ["2", "3"]);
        assert_eq!(ids(&s, q("lang:FR")), ["3"]);
        assert_eq!(ids(&s, q("date:2021-02")), ["2"]);
        assert_eq!(ids(&s, q("date:2021-01-31..2021-03-01")), ["1", "2", "3"]);
        assert_eq!(ids(&s, q("date:>=2021 date:<2022")), ["1", "2", "3"]);
        assert_eq!(ids(&s, q("country:ML OR country:NE")), ["1", "2", "3", "6"]);
        // Options and inline filters combine: one kind is alternatives, kinds AND.
        assert_eq!(ids(&s, q("country:NE").country("SA")), ["2", "4"]);
        assert_eq!(ids(&s, q("country:ML").source("AFP")), ["1", "6"]);
        assert_eq!(ids(&s, q("")), ["1", "2", "3", "4", "5", "6"]);
    }

    #[test]
    fn unknown_values_suggest_the_closest() {
        let s = searcher();
        match s.search(&NewsQuery::new("actor:Wagnr")) {
            Err(Error::UnknownValue {
                dimension,
                suggestions,
                ..
            }) => {
                assert_eq!(dimension, "actor");
                assert!(
                    suggestions.contains(&"Wagner Group".to_string()),
                    "{suggestions:?}"
                );
            }
            other => panic!("{other:?}"),
        }
        let e = s.search(&NewsQuery::new("country:Mallorca")).unwrap_err();
        assert!(e.to_string().contains("unknown country"), "{e}");
        let e = s.search(&NewsQuery::new("oil (")).unwrap_err();
        assert!(e.caret().unwrap().contains("^ expected"), "{e}");
    }

    #[test]
    fn drill_sideways_for_every_dimension_and_filters_reported() {
        let s = searcher();
        let base = s.search(&NewsQuery::new("").facet_limit(100)).unwrap();
        let count =
            |facets: &[FacetValue], v: &str| facets.iter().find(|f| f.value == v).map(|f| f.count);
        type Dimension = fn(&Facets) -> &Vec<FacetValue>;
        let cases: [(NewsQuery, &str, Dimension); 6] = [
            (NewsQuery::new("").country("NE"), "NE", |f| &f.country),
            (NewsQuery::new("").actor("OPEC"), "OPEC", |f| &f.actor),
            (NewsQuery::new("").source("Reuters"), "Reuters", |f| {
                &f.source
            }),
            (
                NewsQuery::new("").person("Assimi Goita"),
                "Assimi Goita",
                |f| &f.person,
            ),
            (NewsQuery::new("").organisation("ECOWAS"), "ECOWAS", |f| {
                &f.organisation
            }),
            (NewsQuery::new("").place("Gao"), "Gao", |f| &f.place),
        ];
        for (query, value, dim) in cases {
            let r = s.search(&query.facet_limit(100)).unwrap();
            assert!(r.total > 0 && r.total < base.total, "{value}");
            // The filtered dimension still counts every value as without its filter...
            assert_eq!(dim(&r.facets), dim(&base.facets), "{value}");
            assert_eq!(count(dim(&r.facets), value), Some(r.total), "{value}");
            assert!(!r.filters.is_empty());
        }
        // ...and the other dimensions are counted under the filter.
        let r = s.search(&NewsQuery::new("").country("NE")).unwrap();
        assert_eq!(count(&r.facets.source, "AFP"), None);
        assert_eq!(r.filters.country, ["NE"]);
        let r = s.search(&NewsQuery::new("lang:fr")).unwrap();
        assert_eq!(r.total, 1);
        assert_eq!(r.filters.language, ["fr"]);
    }

    #[test]
    fn histogram_sums_to_the_total_and_facets_can_be_off() {
        let s = searcher();
        let r = s
            .search(&NewsQuery::new("").interval(histogram::Interval::Month))
            .unwrap();
        let sum: u64 = r.histogram.buckets.iter().map(|b| b.count).sum();
        assert_eq!(sum + r.histogram.undated, r.total);
        assert_eq!(r.histogram.undated, 1);
        // 2020-12 .. 2022-01: 14 months, February 2021 holding the 28th.
        assert_eq!(r.histogram.buckets.len(), 14);
        assert_eq!(r.histogram.buckets[2].count, 1);
        let bare = s
            .search(
                &NewsQuery::new("oil")
                    .facets(false)
                    .histogram(false)
                    .fragments(0),
            )
            .unwrap();
        assert_eq!(bare.total, 3);
        assert!(bare.facets.country.is_empty() && bare.histogram.buckets.is_empty());
        assert!(bare.hits.iter().all(|h| h.snippet.is_empty()));
    }

    #[test]
    fn pages_concatenate_to_the_full_list_for_every_order() {
        let s = searcher();
        for sort in [Sort::Relevance, Sort::Newest, Sort::Oldest] {
            let all: Vec<String> = s
                .search(&NewsQuery::new("").sort(sort).limit(100))
                .unwrap()
                .hits
                .into_iter()
                .map(|h| h.id)
                .collect();
            let mut paged = Vec::new();
            for offset in (0..6).step_by(4) {
                let page = s
                    .search(&NewsQuery::new("").sort(sort).limit(4).offset(offset))
                    .unwrap();
                assert_eq!(page.total, 6);
                paged.extend(page.hits.into_iter().map(|h| h.id));
            }
            assert_eq!(paged, all, "{sort:?}");
            let mut streamed = Vec::new();
            let n = s
                .for_each_hit(&NewsQuery::new("").sort(sort), |h| {
                    streamed.push(h.id);
                    Ok::<(), Error>(())
                })
                .unwrap();
            assert_eq!(n, 6);
            let mut a = streamed.clone();
            a.sort();
            a.dedup();
            assert_eq!(a.len(), 6, "{sort:?}");
            if sort != Sort::Relevance {
                assert_eq!(streamed, all, "{sort:?}");
            }
        }
    }

    #[test]
    fn a_phrase_is_highlighted_as_one_range_and_entities_are_marked() {
        let s = searcher();
        let r = s
            .search(&NewsQuery::new("\"interest rates\" country:ML").fragments(3))
            .unwrap();
        let hit = r.hits.iter().find(|h| h.id == "1").unwrap();
        assert_eq!(hit.snippet, "Interest rates rose in Bamako.");
        assert_eq!(hit.highlights, [[0, 14]]);
        let f = &hit.fragments[0];
        assert_eq!(f.mentions.len(), 1, "{f:?}");
        assert_eq!(&f.text[f.mentions[0].start..f.mentions[0].end], "Bamako");
        assert_eq!(f.mentions[0].entity, "ML");
    }

    #[test]
    fn co_mentions_rank_over_represented_values_and_leave_out_filters() {
        let s = searcher();
        let r = s
            .search(&NewsQuery::new("country:ML").co_mentions(true))
            .unwrap();
        let c = r.co_mentions.unwrap();
        assert!(c.country.iter().all(|v| v.value != "ML"));
        let wagner = c.actor.iter().find(|v| v.value == "Wagner Group").unwrap();
        assert_eq!((wagner.count, wagner.background), (2, 2));
        assert!(wagner.score > 0.0);
    }

    #[test]
    fn closest_names_by_containment_and_edit_distance() {
        let known: Vec<String> = ["Wagner Group", "Sergey Lavrov", "Taliban"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(closest("wagner", &known), ["Wagner Group"]);
        assert_eq!(closest("Sergei Lavrov", &known), ["Sergey Lavrov"]);
        assert!(closest("Zzyzx", &known).is_empty());
    }

    #[test]
    fn levenshtein_counts_edits() {
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "abc"), 3);
    }
}
