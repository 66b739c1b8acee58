//! Query planning: a [`NewsQuery`] parsed, its filters resolved and merged with the inline
//! ones, and everything turned into tantivy queries: the text part, one filter per
//! dimension (kept apart so that each can be left out for drill-sideways counts) and the date
//! range.

use std::ops::Bound;

use chrono::{DateTime, Utc};
use newsidx_core::map::to_tantivy_date;
use newsidx_core::{Dimension, NewsIndex, NewsSchema};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
    TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use crate::dates::DateRange;
use crate::error::{Error, Result};
use crate::highlight::Target;
use crate::parse::{self, Node, TextField};
use crate::request::NewsQuery;
use crate::resolve::Resolver;
use crate::response::AppliedFilters;

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
}

impl Plan {
    /// The whole query.
    pub fn query(&self) -> Box<dyn Query> {
        combine(&*self.text, &self.filters, None)
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
pub(crate) fn plan(index: &NewsIndex, names: &Resolver, request: &NewsQuery) -> Result<Plan> {
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
    let mut compiler = Compiler {
        names,
        schema: index.schema(),
        analyzer: analyzer(index)?,
        targets: Vec::new(),
    };
    let text = compiler
        .compile(&Node::And(rest), false)?
        .unwrap_or_else(|| Box::new(AllQuery));
    let filters = filter_queries(index.schema(), &applied);
    Ok(Plan {
        text,
        filters,
        applied,
        targets: compiler.targets,
    })
}

/// The index's analyser of text fields.
pub(crate) fn analyzer(index: &NewsIndex) -> Result<TextAnalyzer> {
    Ok(index.index().tokenizer_for_field(index.schema().body)?)
}

/// Turns parsed nodes into tantivy queries, gathering the words and phrases to highlight.
struct Compiler<'a> {
    names: &'a Resolver<'a>,
    schema: &'a NewsSchema,
    analyzer: TextAnalyzer,
    targets: Vec<Target>,
}

impl Compiler<'_> {
    /// A tantivy query for a parsed node; `None` for a node that matches no restriction
    /// (words the analyser drops entirely). Words under an odd number of negations are not
    /// highlighted.
    fn compile(&mut self, node: &Node, negated: bool) -> Result<Option<Box<dyn Query>>> {
        let schema = self.schema;
        Ok(match node {
            Node::Word { text, field, .. } => self.text_query(text, 0, *field, negated),
            Node::Phrase {
                text, slop, field, ..
            } => self.text_query(text, *slop, *field, negated),
            Node::Filter {
                dimension, value, ..
            } => {
                let value = self.names.resolve(*dimension, value)?;
                Some(Box::new(TermQuery::new(
                    Term::from_field_text(dimension.field(schema), &value),
                    IndexRecordOption::Basic,
                )))
            }
            Node::Date { range, .. } => Some(date_query(schema, range.from, range.to)),
            Node::Not(inner) => self.compile(inner, !negated)?.map(|q| -> Box<dyn Query> {
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery)),
                    (Occur::MustNot, q),
                ]))
            }),
            Node::And(items) => self.and(items, negated)?,
            Node::Or(items) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for item in items {
                    if let Some(q) = self.compile(item, negated)? {
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

    /// All of `items`; a negated item becomes a must-not clause.
    fn and(&mut self, items: &[Node], negated: bool) -> Result<Option<Box<dyn Query>>> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for item in items {
            let (occur, item) = match item {
                Node::Not(inner) => (Occur::MustNot, &**inner),
                other => (Occur::Must, other),
            };
            let item_negated = negated ^ (occur == Occur::MustNot);
            if let Some(q) = self.compile(item, item_negated)? {
                clauses.push((occur, q));
            }
        }
        Ok(if clauses.is_empty() {
            None
        } else if clauses.len() == 1 && clauses[0].0 == Occur::Must {
            clauses.pop().map(|(_, q)| q)
        } else {
            if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                clauses.push((Occur::Must, Box::new(AllQuery)));
            }
            Some(Box::new(BooleanQuery::new(clauses)))
        })
    }

    /// A word or phrase over the title, standfirst and body (boosted), or over one field.
    fn text_query(
        &mut self,
        text: &str,
        slop: u32,
        field: Option<TextField>,
        negated: bool,
    ) -> Option<Box<dyn Query>> {
        let schema = self.schema;
        let mut tokens: Vec<(usize, String)> = Vec::new();
        let mut stream = self.analyzer.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            tokens.push((t.position, t.text.clone()));
        }
        if tokens.is_empty() {
            return None;
        }
        if !negated {
            self.targets.push(Target {
                tokens: tokens.iter().map(|(_, t)| t.clone()).collect(),
                slop,
            });
        }
        let fields: Vec<(Field, f32)> = match field {
            Some(TextField::Title) => vec![(schema.title, 1.0)],
            Some(TextField::Body) => vec![(schema.body, 1.0)],
            None => schema.text_fields().to_vec(),
        };
        let mut per_field: Vec<(Occur, Box<dyn Query>)> = fields
            .into_iter()
            .map(|(f, boost)| (Occur::Should, field_query(f, boost, &tokens, slop)))
            .collect();
        Some(if per_field.len() == 1 {
            per_field.pop().expect("one").1
        } else {
            Box::new(BooleanQuery::new(per_field))
        })
    }
}

/// One field's query for analysed `tokens` (`(position, text)`): a term, or a phrase within
/// `slop`; boosted unless `boost` is 1.
fn field_query(field: Field, boost: f32, tokens: &[(usize, String)], slop: u32) -> Box<dyn Query> {
    let first = tokens[0].0;
    let q: Box<dyn Query> = if tokens.len() == 1 {
        Box::new(TermQuery::new(
            Term::from_field_text(field, &tokens[0].1),
            IndexRecordOption::WithFreqs,
        ))
    } else {
        Box::new(PhraseQuery::new_with_offset_and_slop(
            tokens
                .iter()
                .map(|(p, t)| (p - first, Term::from_field_text(field, t)))
                .collect(),
            slop,
        ))
    };
    if boost == 1.0 {
        q
    } else {
        Box::new(BoostQuery::new(q, boost))
    }
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

/// Stories dated from `from` to `to`, inclusive; either may be open.
fn date_query(
    schema: &NewsSchema,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
) -> Box<dyn Query> {
    let bound = |d: Option<DateTime<Utc>>| match d {
        Some(d) => Bound::Included(Term::from_field_date(schema.date, to_tantivy_date(d))),
        None => Bound::Unbounded,
    };
    Box::new(RangeQuery::new(bound(from), bound(to)))
}

/// The text query and the filters as one boolean query, leaving out filter `skip`.
fn combine(text: &dyn Query, filters: &[Filter], skip: Option<usize>) -> Box<dyn Query> {
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
