//! Running a [`NewsQuery`] against an index: hits, facet counts with drill-sideways, the date
//! histogram and snippets, in one call.

use std::ops::Bound;
use std::sync::Arc;
use std::time::Instant;

use newsidx_core::map::{from_tantivy_date, to_tantivy_date};
use newsidx_core::{NewsIndex, NewsSchema};
use newsidx_extract::Extractor;
use tantivy::collector::TopDocs;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermSetQuery};
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, IndexReader, Order, Searcher, TantivyDocument, Term};

use crate::error::{Error, Result};
use crate::facets::{top_k, Counts, CountsCollector};
use crate::histogram;
use crate::request::{NewsQuery, Sort};
use crate::response::{AppliedFilters, FacetValue, Facets, Hit, SearchResponse};

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 220;

/// Most histogram buckets before a wider interval is taken.
const MAX_BUCKETS: usize = 400;

/// The facet dimensions, in the order the collector counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dim {
    Country,
    Actor,
    Source,
    Person,
    Organisation,
}

const DIMS: [Dim; 5] = [
    Dim::Country,
    Dim::Actor,
    Dim::Source,
    Dim::Person,
    Dim::Organisation,
];

impl Dim {
    fn field(self, schema: &NewsSchema) -> Field {
        match self {
            Dim::Country => schema.countries,
            Dim::Actor => schema.actors,
            Dim::Source => schema.source,
            Dim::Person => schema.people,
            Dim::Organisation => schema.organisations,
        }
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
    /// names are not resolved (`--country ML` works, `--country Mali` does not) and facet
    /// labels are the codes.
    pub fn new(index: NewsIndex) -> Result<NewsSearcher> {
        let reader = index.reader()?;
        Ok(NewsSearcher {
            index,
            reader,
            extractor: None,
        })
    }

    /// Uses the extractor's gazetteer to resolve country and actor names and label countries.
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

    /// Runs the query: the page of hits, the exact total, facet counts over all matches (each
    /// dimension counted without its own filter), and the date histogram.
    pub fn search(&self, request: &NewsQuery) -> Result<SearchResponse> {
        let start = Instant::now();
        let searcher = self.reader.searcher();
        let schema = self.index.schema();
        let text_query = self.parse_text(&request.text)?;
        let filters = self.resolve_filters(&searcher, request)?;
        let filter_queries = self.filter_queries(&filters);
        let query = combine(&text_query, &filter_queries, None);

        let dim_fields: Vec<String> = DIMS
            .iter()
            .map(|d| schema.schema.get_field_name(d.field(schema)).to_string())
            .collect();
        let counts_collector = CountsCollector::new(dim_fields.clone(), Some("date".into()));
        let top = TopDocs::with_limit(request.limit.max(1)).and_offset(request.offset);
        let (page, mut counts): (Vec<(f32, DocAddress)>, Counts) = match request.sort {
            Sort::Relevance => {
                searcher.search(&*query, &(top.order_by_score(), counts_collector))?
            }
            Sort::Newest | Sort::Oldest => {
                let order = if request.sort == Sort::Newest {
                    Order::Desc
                } else {
                    Order::Asc
                };
                let (docs, counts) = searcher.search(
                    &*query,
                    &(
                        top.order_by_fast_field::<tantivy::DateTime>("date", order),
                        counts_collector,
                    ),
                )?;
                (docs.into_iter().map(|(_, d)| (0.0, d)).collect(), counts)
            }
        };
        let page = if request.limit == 0 { Vec::new() } else { page };

        // Drill-sideways: a filtered dimension is counted under every filter but its own.
        for (position, dim) in DIMS.iter().enumerate() {
            let Some(own) = filter_queries.iter().position(|(d, _)| d == &Some(*dim)) else {
                continue;
            };
            let others = combine(&text_query, &filter_queries, Some(own));
            let sideways = searcher.search(
                &*others,
                &CountsCollector::new(vec![dim_fields[position].clone()], None),
            )?;
            counts.fields[position] = sideways.fields.into_iter().next().unwrap_or_default();
        }

        let hits = self.hits(&searcher, &*text_query, &page)?;
        let facets = self.facets(&counts, request.facet_limit);
        let histogram = histogram::build(
            &counts.per_day,
            counts.undated,
            request.interval,
            MAX_BUCKETS,
        );
        Ok(SearchResponse {
            query: request.text.clone(),
            total: counts.total,
            took_ms: start.elapsed().as_secs_f64() * 1000.0,
            hits,
            facets,
            histogram,
            filters,
        })
    }

    fn parse_text(&self, text: &str) -> Result<Box<dyn Query>> {
        if text.trim().is_empty() {
            return Ok(Box::new(AllQuery));
        }
        let schema = self.index.schema();
        let fields = schema.text_fields();
        let mut parser =
            QueryParser::for_index(self.index.index(), fields.iter().map(|(f, _)| *f).collect());
        parser.set_conjunction_by_default();
        for (field, boost) in fields {
            parser.set_field_boost(field, boost);
        }
        parser.parse_query(text).map_err(|e| Error::BadQuery {
            query: text.to_string(),
            message: e.to_string(),
        })
    }

    fn resolve_filters(&self, searcher: &Searcher, request: &NewsQuery) -> Result<AppliedFilters> {
        let schema = self.index.schema();
        let mut filters = AppliedFilters {
            from: request.from,
            to: request.to,
            ..AppliedFilters::default()
        };
        for country in &request.countries {
            let resolved = self
                .extractor
                .as_ref()
                .and_then(|e| e.resolve_country(country).map(str::to_string));
            let code = match resolved {
                Some(code) => code,
                None if country.len() == 2 && country.chars().all(|c| c.is_ascii_alphabetic()) => {
                    country.to_ascii_uppercase()
                }
                None => {
                    let known = indexed_values(searcher, schema.countries)?;
                    let labels: Vec<String> =
                        known.iter().map(|code| self.country_label(code)).collect();
                    return Err(Error::UnknownValue {
                        dimension: "country",
                        value: country.clone(),
                        suggestions: closest(country, &labels),
                    });
                }
            };
            filters.country.push(code);
        }
        for actor in &request.actors {
            let canonical = self
                .extractor
                .as_ref()
                .and_then(|e| e.resolve_actor(actor).map(str::to_string));
            let known = indexed_values(searcher, schema.actors)?;
            let wanted = canonical.as_deref().unwrap_or(actor);
            match known.iter().find(|k| k.eq_ignore_ascii_case(wanted)) {
                Some(found) => filters.actor.push(found.clone()),
                None if canonical.is_some() => filters.actor.push(wanted.to_string()),
                None => {
                    return Err(Error::UnknownValue {
                        dimension: "actor",
                        value: actor.clone(),
                        suggestions: closest(actor, &known),
                    })
                }
            }
        }
        if !request.sources.is_empty() {
            let known = indexed_values(searcher, schema.source)?;
            for source in &request.sources {
                match known.iter().find(|k| k.eq_ignore_ascii_case(source.trim())) {
                    Some(found) => filters.source.push(found.clone()),
                    None => {
                        return Err(Error::UnknownValue {
                            dimension: "source",
                            value: source.clone(),
                            suggestions: closest(source, &known),
                        })
                    }
                }
            }
        }
        Ok(filters)
    }

    /// One query per filter kind, tagged with the facet dimension it restricts.
    fn filter_queries(&self, filters: &AppliedFilters) -> Vec<(Option<Dim>, Box<dyn Query>)> {
        let schema = self.index.schema();
        let mut out: Vec<(Option<Dim>, Box<dyn Query>)> = Vec::new();
        for (dim, values) in [
            (Dim::Country, &filters.country),
            (Dim::Actor, &filters.actor),
            (Dim::Source, &filters.source),
        ] {
            if !values.is_empty() {
                let field = dim.field(schema);
                let terms = values.iter().map(|v| Term::from_field_text(field, v));
                out.push((Some(dim), Box::new(TermSetQuery::new(terms))));
            }
        }
        if filters.from.is_some() || filters.to.is_some() {
            let bound = |d: Option<chrono::DateTime<chrono::Utc>>| match d {
                Some(d) => Bound::Included(Term::from_field_date(schema.date, to_tantivy_date(d))),
                None => Bound::Unbounded,
            };
            out.push((
                None,
                Box::new(RangeQuery::new(bound(filters.from), bound(filters.to))),
            ));
        }
        out
    }

    fn hits(
        &self,
        searcher: &Searcher,
        text_query: &dyn Query,
        page: &[(f32, DocAddress)],
    ) -> Result<Vec<Hit>> {
        let schema = self.index.schema();
        let mut body_snippets = SnippetGenerator::create(searcher, text_query, schema.body)?;
        body_snippets.set_max_num_chars(SNIPPET_CHARS);
        let mut lede_snippets = SnippetGenerator::create(searcher, text_query, schema.standfirst)?;
        lede_snippets.set_max_num_chars(SNIPPET_CHARS);
        let mut hits = Vec::with_capacity(page.len());
        for (score, address) in page {
            let doc: TantivyDocument = searcher.doc(*address)?;
            let article = schema.to_article(&doc);
            let mut snippet = body_snippets.snippet_from_doc(&doc);
            if snippet.highlighted().is_empty() {
                let lede = lede_snippets.snippet_from_doc(&doc);
                if !lede.highlighted().is_empty() {
                    snippet = lede;
                }
            }
            let (text, highlights) = if snippet.fragment().is_empty() {
                let lead = article
                    .standfirst
                    .clone()
                    .unwrap_or_else(|| article.body.clone());
                (truncate_chars(&lead, SNIPPET_CHARS), Vec::new())
            } else {
                (
                    snippet.fragment().to_string(),
                    snippet
                        .highlighted()
                        .iter()
                        .map(|r| [r.start, r.end])
                        .collect(),
                )
            };
            hits.push(Hit {
                id: article.id,
                score: *score,
                title: article.title,
                date: doc
                    .get_first(schema.date)
                    .and_then(|v| tantivy::schema::Value::as_datetime(&v))
                    .map(from_tantivy_date),
                source: article.source,
                snippet: text,
                highlights,
                countries: article.countries,
                actors: article.actors,
            });
        }
        Ok(hits)
    }

    fn facets(&self, counts: &Counts, k: usize) -> Facets {
        let list = |position: usize, label: &dyn Fn(&str) -> String| -> Vec<FacetValue> {
            top_k(&counts.fields[position], k)
                .into_iter()
                .map(|(value, count)| FacetValue {
                    label: label(&value),
                    value,
                    count,
                })
                .collect()
        };
        let same = |v: &str| v.to_string();
        Facets {
            country: list(0, &|code| self.country_label(code)),
            actor: list(1, &same),
            source: list(2, &same),
            person: list(3, &same),
            organisation: list(4, &same),
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

/// The text query and the filters as one boolean query, leaving out filter `skip`.
fn combine(
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
/// distance, ignoring case.
pub(crate) fn closest(wanted: &str, known: &[String]) -> Vec<String> {
    let w = wanted.to_lowercase();
    let mut scored: Vec<(usize, &String)> = known
        .iter()
        .map(|k| {
            let lower = k.to_lowercase();
            let distance = if lower.contains(&w) || w.contains(&lower) {
                0
            } else {
                levenshtein(&w, &lower)
            };
            (distance, k)
        })
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(2))
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

fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
