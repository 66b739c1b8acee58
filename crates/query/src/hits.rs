//! Hits and fragments: a page of matches read from the store, each with the passages around
//! its matched words and the mentions of the filtered entities marked.

use newsidx_core::dimension::Values;
use newsidx_core::map::from_tantivy_date;
use newsidx_core::{Article, NewsSchema};
use newsidx_extract::{Extractor, MentionKind};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use crate::error::Result;
use crate::highlight::{self, FRAGMENT_CHARS};
use crate::plan::Plan;
use crate::response::{AppliedFilters, Fragment, Hit, MentionMark};

/// Reads hits from the store and builds their fragments, for one plan.
pub(crate) struct HitReader<'a> {
    pub schema: &'a NewsSchema,
    /// Finds the mentions of filtered entities in fragments.
    pub extractor: &'a Extractor,
    pub searcher: &'a Searcher,
    pub plan: &'a Plan,
    /// Fragments per hit (0: none, and the text is not analysed).
    pub fragments: usize,
    pub analyzer: TextAnalyzer,
}

impl HitReader<'_> {
    /// One story with every stored field, as [`NewsSchema::to_article`] maps it: one read
    /// from the store.
    pub(crate) fn article(&self, address: DocAddress) -> Result<Article> {
        let doc: TantivyDocument = self.searcher.doc(address)?;
        Ok(self.schema.to_article(&doc))
    }

    /// One hit: its stored fields and its fragments.
    pub(crate) fn hit(&mut self, score: f32, address: DocAddress) -> Result<Hit> {
        let schema = self.schema;
        let doc: TantivyDocument = self.searcher.doc(address)?;
        let article = schema.to_article(&doc);
        let (cluster, duplicates) = group_of(self.searcher, schema, &doc, &article.id)?;
        let fragments = if self.fragments == 0 {
            Vec::new()
        } else {
            self.fragments(&article)
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
            path: article.origin.map(|o| o.path),
            url: article.url,
            snippet,
            highlights,
            fragments,
            countries: article.countries,
            actors: article.actors,
            cluster,
            duplicates,
        })
    }

    /// Up to `n` fragments of the body (or the standfirst, or the title, the first that has a
    /// match; the opening of the story when none has), with filtered entities marked.
    fn fragments(&mut self, article: &Article) -> Vec<Fragment> {
        let n = self.fragments;
        let parts = [
            article.body.as_str(),
            article.standfirst.as_deref().unwrap_or(""),
            article.title.as_str(),
        ];
        // A story in a language searched through its stemmed field is matched in that
        // language ("Regierungen" marks "Regierung"), and in English as well.
        let field = article
            .language
            .as_deref()
            .and_then(|tag| self.schema.language_field(tag));
        let mut language = self
            .plan
            .language_targets
            .iter()
            .find(|(f, _, _)| Some(*f) == field)
            .map(|(_, analyzer, targets)| (analyzer.clone(), targets));
        let mut out = Vec::new();
        for text in parts {
            let mut matches = highlight::find_matches(&mut self.analyzer, text, &self.plan.targets);
            if let Some((analyzer, targets)) = &mut language {
                let english = self.plan.targets.len();
                matches.extend(
                    highlight::find_matches(analyzer, text, targets)
                        .into_iter()
                        .map(|m| highlight::Match {
                            target: english + m.target,
                            ..m
                        }),
                );
                matches.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
                matches.dedup_by(|b, a| b.start < a.end);
            }
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
        self.mark_entities(&mut out, &self.plan.applied);
        out
    }

    /// Marks, in each fragment, the mentions of the filtered entities: places and demonyms of
    /// a filtered country, names of a filtered actor, person, organisation or place (the
    /// dimensions whose [`Values`] the extractor finds in text).
    fn mark_entities(&self, fragments: &mut [Fragment], filters: &AppliedFilters) {
        let mut countries: Vec<&String> = Vec::new();
        let mut names: Vec<&String> = Vec::new();
        for (dimension, values) in filters.values.iter() {
            match dimension.values() {
                Values::CountryCode => countries.extend(values),
                Values::ActorName | Values::EntityName => names.extend(values),
                Values::Label | Values::LowercaseCode => {}
            }
        }
        if countries.is_empty() && names.is_empty() {
            return;
        }
        for fragment in fragments {
            for m in self.extractor.extract_plain(&fragment.text).mentions {
                let country = matches!(m.kind, MentionKind::Location | MentionKind::Nationality)
                    .then_some(m.country.as_ref())
                    .flatten()
                    .filter(|c| countries.contains(c));
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
}

/// The live stories holding `term`: the term's document frequency in each segment without
/// deletes (a term dictionary lookup), its postings read against the live stories in the
/// others. A search with a `Count` collector gives the same, at several times the cost; a
/// page of hits asks this once or twice a hit.
fn live_count(searcher: &Searcher, term: &Term) -> Result<u64> {
    let mut n = 0u64;
    for segment in searcher.segment_readers() {
        if segment.alive_bitset().is_none() {
            let inverted = segment.inverted_index(term.field())?;
            n += u64::from(
                inverted
                    .doc_freq(term)
                    .map_err(tantivy::TantivyError::from)?,
            );
        } else {
            crate::postings::for_each_live(segment, term, |_| n += 1)?;
        }
    }
    Ok(n)
}

/// A stored story's `cluster`, `None` when it has none (a story written without groups: a
/// group of its own, under its id).
pub(crate) fn cluster_of(schema: &NewsSchema, doc: &TantivyDocument) -> Option<String> {
    doc.get_first(schema.cluster)
        .and_then(|v| tantivy::schema::Value::as_str(&v).map(str::to_string))
}

/// The number of other live stories in group `cluster` than story `id`: its members (a
/// count of the `cluster_member` postings) and its canonical story, when still in the index
/// (a count of the `id` postings).
pub(crate) fn group_size(
    searcher: &Searcher,
    schema: &NewsSchema,
    cluster: &str,
    id: &str,
) -> Result<u64> {
    let count = |term: Term| live_count(searcher, &term);
    let key = newsidx_core::schema::cluster_key(cluster);
    let members = count(Term::from_field_u64(schema.cluster_member, key))?;
    let canonical = if cluster == id {
        1
    } else {
        count(Term::from_field_text(schema.id, cluster))?.min(1)
    };
    Ok((members + canonical).saturating_sub(1))
}

/// A stored story's group: its `cluster` (its own `id` when it has none) and the number of
/// other live stories of the group ([`group_size`]).
pub(crate) fn group_of(
    searcher: &Searcher,
    schema: &NewsSchema,
    doc: &TantivyDocument,
    id: &str,
) -> Result<(String, u64)> {
    match cluster_of(schema, doc) {
        Some(cluster) => {
            let size = group_size(searcher, schema, &cluster, id)?;
            Ok((cluster, size))
        }
        None => Ok((id.to_string(), 0)),
    }
}
