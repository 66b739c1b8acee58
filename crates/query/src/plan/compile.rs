//! Parsed nodes to tantivy queries: words and phrases analysed, prefixes expanded over the
//! term dictionary, fuzzy words as Levenshtein automata; each query with its description in
//! Lucene's notation for `--explain`.

use std::collections::BTreeSet;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, FuzzyTermQuery, Occur,
    PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, TantivyError, Term};

use super::date_query;
use crate::error::{Error, Result};
use crate::fold::{Spellings, SPELLING_BOOST};
use crate::highlight::Target;
use crate::parse::{Node, SyntaxError, TextField};
use crate::resolve::Resolver;
use newsidx_core::analyzer::{language_analyzer, stemmed_language, STEMMED_LANGUAGES};
use newsidx_core::NewsSchema;

/// Most distinct terms a prefix may expand to in one field; past it the search fails with
/// [`Error::TooManyTerms`] (Lucene's default cap of boolean clauses).
pub const MAX_EXPANSIONS: usize = 1024;

/// Most expanded terms of one prefix that are highlighted (highlighting compares every
/// target with every token of a fragment).
const MAX_HIGHLIGHTED_EXPANSIONS: usize = 64;

/// Expanded terms shown by `--explain` before `...`.
const SHOWN_EXPANSIONS: usize = 8;

/// A tantivy query and how it reads in Lucene's notation (`+a -b`, `title:oil^3`).
pub(crate) struct Compiled {
    pub query: Box<dyn Query>,
    pub shown: String,
}

/// Turns parsed nodes into tantivy queries, gathering the words and phrases to highlight.
pub(crate) struct Compiler<'a> {
    pub query: &'a str,
    pub names: &'a Resolver<'a>,
    pub schema: &'a NewsSchema,
    pub analyzer: TextAnalyzer,
    /// The stemmed fields of the languages searched, with their analyzers: a word also
    /// searches them, analysed in their language ([`searched_languages`]).
    pub languages: Vec<(Field, TextAnalyzer)>,
    /// Other spellings of the English fields' terms (accents folded: [`crate::fold`]).
    pub spellings: Spellings,
    pub targets: Vec<Target>,
    /// Words and phrases to highlight in stories of another language, analysed in it: one
    /// list per entry of `languages`.
    pub language_targets: Vec<Vec<Target>>,
}

/// The language fields a search reads: those of the languages `lang:` asks for (every
/// language when it asks for none) that hold any story of the index. An index without
/// stories in those languages searches the English fields alone, as before.
pub(crate) fn searched_languages(
    schema: &NewsSchema,
    searcher: &Searcher,
    wanted: &[String],
) -> Vec<(Field, TextAnalyzer)> {
    let mut out = Vec::new();
    for (&(tag, field), &(_, _, language)) in schema.languages.iter().zip(&STEMMED_LANGUAGES) {
        if !wanted.is_empty() && !wanted.iter().any(|w| stemmed_language(w) == Some(tag)) {
            continue;
        }
        let used = searcher.segment_readers().iter().any(|seg| {
            seg.inverted_index(field)
                .is_ok_and(|ii| ii.terms().num_terms() > 0)
        });
        if used {
            out.push((field, language_analyzer(language)));
        }
    }
    out
}

/// One field's part of a word, prefix or fuzzy query.
type FieldQuery = (Box<dyn Query>, String);

impl Compiler<'_> {
    /// A tantivy query for a parsed node; `None` for a node that matches no restriction
    /// (words the analyser drops entirely). Words under an odd number of negations are not
    /// highlighted.
    pub fn compile(&mut self, node: &Node, negated: bool) -> Result<Option<Compiled>> {
        let schema = self.schema;
        Ok(match node {
            Node::Word { text, field, at } => self.text_query(text, 0, *field, *at, negated)?,
            Node::Phrase {
                text,
                slop,
                field,
                at,
            } => self.text_query(text, *slop, *field, *at, negated)?,
            Node::Prefix { text, field, at } => Some(self.prefix(text, *field, *at, negated)?),
            Node::Fuzzy {
                text,
                distance,
                field,
                at,
            } => self.fuzzy(text, *distance, *field, *at, negated)?,
            Node::Filter {
                dimension, value, ..
            } => {
                let value = self.names.resolve(*dimension, value)?;
                let field = dimension.field(schema);
                Some(Compiled {
                    query: Box::new(TermQuery::new(
                        Term::from_field_text(field, &value),
                        IndexRecordOption::Basic,
                    )),
                    shown: format!("{}:{}", schema.schema.get_field_name(field), quote(&value)),
                })
            }
            Node::Date { range, .. } => Some(Compiled {
                query: date_query(schema, range.from, range.to),
                shown: super::show_range(range.from, range.to),
            }),
            Node::Boost { node, boost } => self.compile(node, negated)?.map(|c| Compiled {
                query: Box::new(BoostQuery::new(c.query, *boost)),
                shown: format!("({})^{boost}", c.shown),
            }),
            Node::Not(inner) => self.compile(inner, !negated)?.map(|c| Compiled {
                query: Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery)),
                    (Occur::MustNot, c.query),
                ])),
                shown: format!("(*:* -{})", c.shown),
            }),
            Node::And(items) => self.and(items, negated)?,
            Node::Or(items) => {
                let mut clauses = Vec::new();
                for item in items {
                    if let Some(c) = self.compile(item, negated)? {
                        clauses.push((Occur::Should, c));
                    }
                }
                boolean(clauses)
            }
        })
    }

    /// All of `items`; a negated item becomes a must-not clause.
    fn and(&mut self, items: &[Node], negated: bool) -> Result<Option<Compiled>> {
        let mut clauses = Vec::new();
        for item in items {
            let (occur, item) = match item {
                Node::Not(inner) => (Occur::MustNot, &**inner),
                other => (Occur::Must, other),
            };
            let item_negated = negated ^ (occur == Occur::MustNot);
            if let Some(c) = self.compile(item, item_negated)? {
                clauses.push((occur, c));
            }
        }
        if !clauses.is_empty() && clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
            clauses.push((
                Occur::Must,
                Compiled {
                    query: Box::new(AllQuery),
                    shown: "*:*".into(),
                },
            ));
        }
        Ok(boolean(clauses))
    }

    /// The fields a word searches, with their boosts.
    fn fields(&self, field: Option<TextField>) -> Vec<(Field, f32)> {
        let schema = self.schema;
        match field {
            Some(TextField::Title) => vec![(schema.title, 1.0)],
            Some(TextField::Body) => vec![(schema.body, 1.0)],
            Some(TextField::Byline) => vec![(schema.byline, 1.0)],
            Some(TextField::Dateline) => vec![(schema.dateline, 1.0)],
            None => schema.text_fields().to_vec(),
        }
    }

    fn name(&self, field: Field) -> &str {
        self.schema.schema.get_field_name(field)
    }

    /// A syntax error at byte `at` of the query.
    fn syntax(&self, at: usize, expected: &str, found: &str) -> Error {
        Error::Syntax {
            query: self.query.to_string(),
            error: SyntaxError::at(self.query, at, expected).found(found),
        }
    }

    /// The analysed tokens of `text`: (position, term).
    fn tokens(&mut self, text: &str) -> Vec<(usize, String)> {
        let mut tokens = Vec::new();
        let mut stream = self.analyzer.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            tokens.push((t.position, t.text.clone()));
        }
        tokens
    }

    /// A word or phrase over the title, standfirst and body (boosted), or over one field.
    fn text_query(
        &mut self,
        text: &str,
        slop: u32,
        field: Option<TextField>,
        at: usize,
        negated: bool,
    ) -> Result<Option<Compiled>> {
        let tokens = self.tokens(text);
        if tokens.is_empty() {
            return Ok(None);
        }
        if let Some(f) = field.filter(|f| !f.has_positions() && tokens.len() > 1) {
            return Err(self.syntax(
                at,
                &format!(
                    "one word after {}: (the field is indexed without positions, so phrases \
                     cannot be searched in it)",
                    f.key()
                ),
                &format!("{} words", tokens.len()),
            ));
        }
        // The word as written, then its other spellings in the index (accents folded).
        let mut spellings = vec![tokens];
        spellings.extend(self.spellings.of_tokens(&spellings[0]));
        if !negated {
            for spelling in &spellings {
                self.targets.push(Target {
                    tokens: spelling.iter().map(|(_, t)| t.clone()).collect(),
                    slop,
                });
            }
        }
        let mut per_field: Vec<FieldQuery> = Vec::new();
        for (f, boost) in self.fields(field) {
            let name = self.name(f);
            let mut each: Vec<FieldQuery> = vec![field_query(f, &spellings[0], slop, name)];
            each.extend(
                spellings[1..]
                    .iter()
                    .map(|spelling| boosted(field_query(f, spelling, slop, name), SPELLING_BOOST)),
            );
            let Compiled { query, shown } = any_field(each);
            per_field.push(boosted((query, shown), boost));
        }
        // Other languages' stories, analysed in their language: their field holds title,
        // standfirst and body together, so a word restricted to one field does not search it.
        if field.is_none() {
            for i in 0..self.languages.len() {
                let (f, analyzer) = &mut self.languages[i];
                let f = *f;
                let mut stream = analyzer.token_stream(text);
                let mut local = Vec::new();
                while stream.advance() {
                    let t = stream.token();
                    local.push((t.position, t.text.clone()));
                }
                if !local.is_empty() {
                    let name = self.schema.schema.get_field_name(f);
                    per_field.push(field_query(f, &local, slop, name));
                    if !negated {
                        self.language_targets[i].push(Target {
                            tokens: local.into_iter().map(|(_, t)| t).collect(),
                            slop,
                        });
                    }
                }
            }
        }
        Ok(Some(any_field(per_field)))
    }

    /// A prefix: every term of each field that starts with it, as one set.
    fn prefix(
        &mut self,
        text: &str,
        field: Option<TextField>,
        at: usize,
        negated: bool,
    ) -> Result<Compiled> {
        let prefix = text.to_lowercase();
        if !prefix.chars().all(char::is_alphanumeric) {
            return Err(self.syntax(
                at,
                "a prefix of letters and digits (the index splits words at other characters)",
                &format!("{text:?}"),
            ));
        }
        let mut per_field = Vec::new();
        let mut highlighted = BTreeSet::new();
        for (f, boost) in self.fields(field) {
            let terms = expand(self.names.searcher, f, &prefix).map_err(|e| match e {
                Expansion::TooMany => Error::TooManyTerms {
                    query: self.query.to_string(),
                    prefix: text.to_string(),
                    field: self.name(f).to_string(),
                    limit: MAX_EXPANSIONS,
                },
                Expansion::Index(e) => Error::Tantivy(e),
            })?;
            let mut shown: Vec<&str> = terms
                .iter()
                .take(SHOWN_EXPANSIONS)
                .map(|t| &t[..])
                .collect();
            if terms.len() > SHOWN_EXPANSIONS {
                shown.push("...");
            }
            let shown = format!("{}:{prefix}*[{}]", self.name(f), shown.join(" "));
            highlighted.extend(terms.iter().take(MAX_HIGHLIGHTED_EXPANSIONS).cloned());
            let query: Box<dyn Query> = if terms.is_empty() {
                Box::new(EmptyQuery)
            } else {
                // A union of the terms' postings (no automaton over the term dictionary:
                // the terms are known), scored as one constant.
                let union = BooleanQuery::union(
                    terms
                        .iter()
                        .map(|t| -> Box<dyn Query> {
                            Box::new(TermQuery::new(
                                Term::from_field_text(f, t),
                                IndexRecordOption::Basic,
                            ))
                        })
                        .collect(),
                );
                Box::new(ConstScoreQuery::new(Box::new(union), 1.0))
            };
            per_field.push(boosted((query, shown), boost));
        }
        if !negated {
            self.targets.extend(
                highlighted
                    .into_iter()
                    .take(MAX_HIGHLIGHTED_EXPANSIONS)
                    .map(|t| Target {
                        tokens: vec![t],
                        slop: 0,
                    }),
            );
        }
        Ok(any_field(per_field))
    }

    /// A fuzzy word: the terms within `distance` edits of its one analysed term, a
    /// transposition counting one.
    fn fuzzy(
        &mut self,
        text: &str,
        distance: u8,
        field: Option<TextField>,
        at: usize,
        negated: bool,
    ) -> Result<Option<Compiled>> {
        let tokens = self.tokens(text);
        let term = match tokens.as_slice() {
            [] => return Ok(None),
            [(_, term)] => term.clone(),
            _ => {
                return Err(self.syntax(
                    at,
                    "one word before '~' (a fuzzy search is for one word)",
                    &format!("{} words", tokens.len()),
                ))
            }
        };
        if !negated {
            self.targets.push(Target {
                tokens: vec![term.clone()],
                slop: 0,
            });
        }
        let per_field = self
            .fields(field)
            .into_iter()
            .map(|(f, boost)| {
                let query: Box<dyn Query> = Box::new(FuzzyTermQuery::new(
                    Term::from_field_text(f, &term),
                    distance,
                    true,
                ));
                let shown = format!("{}:{}~{distance}", self.name(f), quote(&term));
                boosted((query, shown), boost)
            })
            .collect();
        Ok(Some(any_field(per_field)))
    }
}

/// Why a prefix could not be expanded.
enum Expansion {
    TooMany,
    Index(TantivyError),
}

/// The distinct terms of `field` that start with `prefix`, over every segment, in order.
fn expand(
    searcher: &Searcher,
    field: Field,
    prefix: &str,
) -> std::result::Result<Vec<String>, Expansion> {
    let mut terms = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field).map_err(Expansion::Index)?;
        let mut stream = inverted
            .terms()
            .range()
            .ge(prefix.as_bytes())
            .into_stream()
            .map_err(|e| Expansion::Index(TantivyError::from(e)))?;
        while stream.advance() {
            let key = stream.key();
            if !key.starts_with(prefix.as_bytes()) {
                break;
            }
            terms.insert(String::from_utf8_lossy(key).into_owned());
            if terms.len() > MAX_EXPANSIONS {
                return Err(Expansion::TooMany);
            }
        }
    }
    Ok(terms.into_iter().collect())
}

/// One field's query for analysed `tokens` (`(position, text)`): a term, or a phrase within
/// `slop`.
fn field_query(field: Field, tokens: &[(usize, String)], slop: u32, name: &str) -> FieldQuery {
    let first = tokens[0].0;
    if tokens.len() == 1 {
        return (
            Box::new(TermQuery::new(
                Term::from_field_text(field, &tokens[0].1),
                IndexRecordOption::WithFreqs,
            )),
            format!("{name}:{}", quote(&tokens[0].1)),
        );
    }
    let words: Vec<&str> = tokens.iter().map(|(_, t)| &t[..]).collect();
    let mut shown = format!("{name}:\"{}\"", words.join(" "));
    if slop > 0 {
        shown += &format!("~{slop}");
    }
    (
        Box::new(PhraseQuery::new_with_offset_and_slop(
            tokens
                .iter()
                .map(|(p, t)| (p - first, Term::from_field_text(field, t)))
                .collect(),
            slop,
        )),
        shown,
    )
}

/// A field's query boosted, unless `boost` is 1.
fn boosted((query, shown): FieldQuery, boost: f32) -> FieldQuery {
    if boost == 1.0 {
        (query, shown)
    } else {
        (
            Box::new(BoostQuery::new(query, boost)),
            format!("{shown}^{boost}"),
        )
    }
}

/// Any of the fields' queries.
fn any_field(mut per_field: Vec<FieldQuery>) -> Compiled {
    if per_field.len() == 1 {
        let (query, shown) = per_field.pop().expect("one");
        return Compiled { query, shown };
    }
    let shown: Vec<String> = per_field.iter().map(|(_, s)| s.clone()).collect();
    Compiled {
        query: Box::new(BooleanQuery::new(
            per_field
                .into_iter()
                .map(|(q, _)| (Occur::Should, q))
                .collect(),
        )),
        shown: format!("({})", shown.join(" ")),
    }
}

/// A boolean query of the clauses; the one clause itself when it must match; `None` when
/// there is none.
fn boolean(mut clauses: Vec<(Occur, Compiled)>) -> Option<Compiled> {
    if clauses.is_empty() {
        return None;
    }
    if clauses.len() == 1 && clauses[0].0 != Occur::MustNot {
        return clauses.pop().map(|(_, c)| c);
    }
    let shown: Vec<String> = clauses
        .iter()
        .map(|(occur, c)| match occur {
            Occur::Must => format!("+{}", c.shown),
            Occur::MustNot => format!("-{}", c.shown),
            Occur::Should => c.shown.clone(),
        })
        .collect();
    Some(Compiled {
        query: Box::new(BooleanQuery::new(
            clauses.into_iter().map(|(o, c)| (o, c.query)).collect(),
        )),
        shown: format!("({})", shown.join(" ")),
    })
}

/// A term as Lucene writes it: quoted when it holds a space or syntax.
fn quote(term: &str) -> String {
    if term.is_empty() || term.contains(|c: char| c.is_whitespace() || "():\"\\".contains(c)) {
        format!("{term:?}")
    } else {
        term.to_string()
    }
}
