//! Query planning: a [`NewsQuery`] parsed, its filters resolved and merged with the inline
//! ones, and everything turned into tantivy queries: the text part, one filter per
//! dimension (kept apart so that each can be left out for drill-sideways counts) and the date
//! range. [`compile`] turns the parsed text into tantivy queries.

mod compile;
#[cfg(test)]
mod tests;

use std::ops::Bound;

use chrono::SecondsFormat;
use chrono::{DateTime, Utc};
use newsidx_core::map::to_tantivy_date;
use newsidx_core::{Dimension, NewsIndex, NewsSchema};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use crate::dates::DateRange;
use crate::error::{Error, Result};
use crate::fold::Spellings;
use crate::highlight::Target;
use crate::parse::{self, Node};
use crate::request::NewsQuery;
use crate::resolve::Resolver;
use crate::response::AppliedFilters;
use compile::Compiler;
pub use compile::MAX_EXPANSIONS;

/// A filter of the plan: one dimension's values (any of them), or the date range.
pub(crate) type Filter = (Option<Dimension>, Box<dyn Query>);

/// A request turned into tantivy queries.
pub(crate) struct Plan {
    /// The text part (everything but the top-level filters).
    pub text: Box<dyn Query>,
    /// One query per filtered dimension, in the order of [`Dimension::ALL`]; the date range
    /// last (tagged `None`).
    pub filters: Vec<Filter>,
    /// The filters as resolved.
    pub applied: AppliedFilters,
    /// Words and phrases to highlight.
    pub targets: Vec<Target>,
    /// For stories in another language: its stemmed field, its analyser and the words and
    /// phrases to highlight analysed in it (the languages searched).
    pub language_targets: Vec<(Field, TextAnalyzer, Vec<Target>)>,
    /// The query text normalised ([`Node`]'s `Display`).
    pub parsed: String,
    /// The whole query in Lucene's notation, filters marked `#`, as the engine runs it.
    pub explain: String,
}

impl Plan {
    /// The whole query.
    pub fn query(&self) -> Box<dyn Query> {
        combine(&*self.text, &self.filters, None)
    }

    /// True when the query matches every story: no text (or only `*`) and no filter.
    pub fn matches_all(&self) -> bool {
        self.filters.is_empty() && self.text.downcast_ref::<AllQuery>().is_some()
    }

    /// The whole query but the filter of `dimension`, if it has one: what its drill-sideways
    /// counts are taken over.
    pub fn query_without(&self, dimension: Dimension) -> Option<Box<dyn Query>> {
        let own = self
            .filters
            .iter()
            .position(|(d, _)| *d == Some(dimension))?;
        Some(combine(&*self.text, &self.filters, Some(own)))
    }
}

/// Parses the text, resolves every filter with `names` and builds the queries.
pub(crate) fn plan(
    index: &NewsIndex,
    names: &Resolver,
    request: &NewsQuery,
    spellings: Spellings,
) -> Result<Plan> {
    let root = parse::parse(&request.text).map_err(|error| Error::Syntax {
        query: request.text.clone(),
        error,
    })?;
    // Top-level filters join the request's own.
    let mut wanted: Vec<(Dimension, String)> = Vec::new();
    for (dimension, values) in request.filters.iter() {
        wanted.extend(values.iter().map(|v| (dimension, v.clone())));
    }
    let mut dates = vec![DateRange {
        from: request.from,
        to: request.to,
    }];
    let parsed = root.to_string();
    let items = match root {
        Node::And(items) => items,
        other => vec![other],
    };
    let mut rest = Vec::new();
    for item in items {
        match item {
            Node::Filter {
                dimension, value, ..
            } => wanted.push((dimension, value)),
            Node::Date { range, .. } => dates.push(range),
            other => rest.push(other),
        }
    }
    let mut applied = AppliedFilters {
        from: dates.iter().filter_map(|d| d.from).max(),
        to: dates.iter().filter_map(|d| d.to).min(),
        ..AppliedFilters::default()
    };
    for (dimension, value) in &wanted {
        let resolved = names.resolve(*dimension, value)?;
        let list = &mut applied.values[*dimension];
        if !list.contains(&resolved) {
            list.push(resolved);
        }
    }
    let languages = compile::searched_languages(
        index.schema(),
        names.searcher,
        &applied.values[Dimension::Language],
    );
    let mut compiler = Compiler {
        query: &request.text,
        names,
        schema: index.schema(),
        analyzer: analyzer(index)?,
        language_targets: vec![Vec::new(); languages.len()],
        languages,
        spellings,
        targets: Vec::new(),
    };
    let text = compiler.compile(&Node::And(rest), false)?;
    let (text, shown) = match text {
        Some(c) => (c.query, c.shown),
        None => (Box::new(AllQuery) as Box<dyn Query>, "*:*".to_string()),
    };
    let filters = filter_queries(index.schema(), &applied);
    let explain = explain(index.schema(), shown, &applied);
    Ok(Plan {
        text,
        filters,
        applied,
        targets: compiler.targets,
        language_targets: compiler
            .languages
            .into_iter()
            .zip(compiler.language_targets)
            .filter(|(_, targets)| !targets.is_empty())
            .map(|((field, analyzer), targets)| (field, analyzer, targets))
            .collect(),
        parsed,
        explain,
    })
}

/// The index's analyser of text fields.
pub(crate) fn analyzer(index: &NewsIndex) -> Result<TextAnalyzer> {
    Ok(index.index().tokenizer_for_field(index.schema().body)?)
}

/// One query per filtered dimension, tagged with it; the date range last.
fn filter_queries(schema: &NewsSchema, filters: &AppliedFilters) -> Vec<Filter> {
    let mut out: Vec<Filter> = Vec::new();
    for (dimension, values) in filters.values.iter() {
        if values.is_empty() {
            continue;
        }
        let field = dimension.field(schema);
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
        out.push((Some(dimension), q));
    }
    if filters.from.is_some() || filters.to.is_some() {
        out.push((None, date_query(schema, filters.from, filters.to)));
    }
    out
}

/// The text query in Lucene's notation, then each filter as a `#` clause (it must match but
/// does not score).
fn explain(schema: &NewsSchema, text: String, filters: &AppliedFilters) -> String {
    let mut clauses = Vec::new();
    for (dimension, values) in filters.values.iter() {
        let name = schema.schema.get_field_name(dimension.field(schema));
        match values.as_slice() {
            [] => {}
            [one] => clauses.push(format!("#{name}:{one:?}")),
            many => clauses.push(format!("#{name}:{many:?}")),
        }
    }
    if filters.from.is_some() || filters.to.is_some() {
        clauses.push(format!("#{}", show_range(filters.from, filters.to)));
    }
    if clauses.is_empty() {
        return text;
    }
    format!("+{text} {}", clauses.join(" "))
}

/// A date range in Lucene's notation, both ends inclusive, `*` for an open one.
fn show_range(from: Option<DateTime<Utc>>, to: Option<DateTime<Utc>>) -> String {
    let bound = |d: Option<DateTime<Utc>>| match d {
        Some(d) => d.to_rfc3339_opts(SecondsFormat::Secs, true),
        None => "*".to_string(),
    };
    format!("date:[{} TO {}]", bound(from), bound(to))
}

/// Stories dated from `from` to `to`, inclusive; either may be open. Every match scores 1:
/// tantivy's range on a fast field reads a segment whose dates all fall in the range as
/// "every document", which a boolean query drops from its scoring, so the same story scored
/// 1 less in such a segment than in another. The constant score keeps the clause in.
fn date_query(
    schema: &NewsSchema,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
) -> Box<dyn Query> {
    let bound = |d: Option<DateTime<Utc>>| match d {
        Some(d) => Bound::Included(Term::from_field_date(schema.date, to_tantivy_date(d))),
        None => Bound::Unbounded,
    };
    Box::new(ConstScoreQuery::new(
        Box::new(RangeQuery::new(bound(from), bound(to))),
        1.0,
    ))
}

/// The text query and the filters as one boolean query, leaving out filter `skip`. A filter
/// must match but adds nothing to the score (Lucene's `#` clause, as `explain` shows it): a
/// country term scored by BM25 favoured stories naming fewer countries, so a filter changed
/// the order of the stories it kept.
fn combine(text: &dyn Query, filters: &[Filter], skip: Option<usize>) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text.box_clone())];
    for (i, (_, filter)) in filters.iter().enumerate() {
        if Some(i) != skip {
            let unscored = ConstScoreQuery::new(filter.box_clone(), 0.0);
            clauses.push((Occur::Must, Box::new(unscored)));
        }
    }
    if clauses.len() == 1 {
        return clauses.pop().expect("one clause").1;
    }
    Box::new(BooleanQuery::new(clauses))
}
