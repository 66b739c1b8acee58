//! Name resolution: turning a filter value as written (`Mali`, `Malian`, `PMC Wagner`,
//! `reuters`) into the value indexed (`ML`, `Wagner Group`, `Reuters`) with the gazetteer and
//! the index's own terms, and suggesting the closest known values when there is none.

use newsidx_core::dimension::Values;
use newsidx_core::keyword::{keyword_term, language_term, UNKNOWN_LANGUAGE};
use newsidx_core::{Dimension, NewsSchema};
use newsidx_extract::Extractor;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use crate::error::{Error, Result};

/// Most values suggested for an unknown one.
pub const MAX_SUGGESTIONS: usize = 3;

/// A known value is suggested when it is within one edit per this many characters of the
/// value asked for...
const CHARS_PER_EDIT: usize = 3;

/// ...or within this many edits, for short values.
const MIN_EDITS: usize = 2;

/// Resolves filter values against the gazetteer of `extractor` and the terms of the index
/// `searcher` reads.
pub(crate) struct Resolver<'a> {
    pub extractor: &'a Extractor,
    pub schema: &'a NewsSchema,
    pub searcher: &'a Searcher,
}

impl Resolver<'_> {
    /// Resolves a filter value to what is indexed: a country code, an actor's canonical name,
    /// a place as spelled in the index, the lower-case term of a source or a language tag
    /// (`fi` for every Finnish story, `unknown` for those of unknown language; see
    /// [`Values`]). Fails with [`Error::UnknownValue`] and suggestions when there is none.
    pub(crate) fn resolve(&self, dimension: Dimension, value: &str) -> Result<String> {
        let searcher = self.searcher;
        let field = dimension.field(self.schema);
        let value = value.trim();
        let unknown = |known: &[String]| Error::UnknownValue {
            dimension,
            value: value.to_string(),
            suggestions: closest(value, known),
        };
        match dimension.values() {
            Values::CountryCode => self.country(field, value),
            Values::ActorName => {
                let canonical = self.extractor.resolve_actor(value);
                let wanted = canonical.unwrap_or(value);
                match indexed_form(searcher, field, wanted)? {
                    Ok(found) => Ok(found),
                    Err(_) if canonical.is_some() => Ok(wanted.to_string()),
                    Err(known) => Err(unknown(&known)),
                }
            }
            Values::EntityName => {
                indexed_form(searcher, field, value)?.map_err(|known| unknown(&known))
            }
            // Indexed as normalised terms (see `newsidx_core::keyword`): the term is the
            // value, every spelling of it matches.
            Values::Label | Values::LowercaseCode => {
                let term = if dimension.values() == Values::Label {
                    keyword_term(value)
                } else if value.eq_ignore_ascii_case("unknown") {
                    UNKNOWN_LANGUAGE.to_string()
                } else {
                    language_term(value)
                };
                if searcher.doc_freq(&Term::from_field_text(field, &term))? > 0 {
                    Ok(term)
                } else {
                    Err(unknown(&indexed_values(searcher, field)?))
                }
            }
        }
    }

    /// A country filter value: a code, name, alias or demonym the gazetteer knows, the name
    /// of a historical state or a region of one country ("Soviet Union", "England"), or a
    /// code of the index. Anything else, any two letters included, is unknown.
    fn country(&self, field: Field, value: &str) -> Result<String> {
        if let Some(code) = self.extractor.resolve_country(value) {
            return Ok(code.to_string());
        }
        let indexed = indexed_values(self.searcher, field)?;
        if let Some(code) = indexed.iter().find(|c| c.eq_ignore_ascii_case(value)) {
            return Ok(code.clone());
        }
        let is_code = value.len() == 2 && value.chars().all(|c| c.is_ascii_alphabetic());
        let suggestions = if is_code {
            // Codes one letter away, with their names: "EC (Ecuador)".
            let upper = value.to_ascii_uppercase();
            indexed
                .iter()
                .filter(|code| strsim::hamming(code, &upper).is_ok_and(|d| d == 1))
                .take(MAX_SUGGESTIONS)
                .map(|code| format!("{code} ({})", country_label(self.extractor, code)))
                .collect()
        } else {
            let labels: Vec<String> = indexed
                .iter()
                .map(|code| country_label(self.extractor, code))
                .collect();
            closest(value, &labels)
        };
        Err(Error::UnknownValue {
            dimension: Dimension::Country,
            value: value.to_string(),
            suggestions,
        })
    }
}

/// A country's name for its code (the code itself when the gazetteer has none).
pub(crate) fn country_label(extractor: &Extractor, code: &str) -> String {
    extractor.country_name(code).unwrap_or(code).to_string()
}

/// `wanted` as indexed in `field`: itself, or the one indexed value equal to it ignoring case;
/// otherwise every indexed value, to suggest from.
fn indexed_form(
    searcher: &Searcher,
    field: Field,
    wanted: &str,
) -> Result<std::result::Result<String, Vec<String>>> {
    if searcher.doc_freq(&Term::from_field_text(field, wanted))? > 0 {
        return Ok(Ok(wanted.to_string()));
    }
    let known = indexed_values(searcher, field)?;
    Ok(
        match known.iter().find(|k| k.eq_ignore_ascii_case(wanted)) {
            Some(found) => Ok(found.clone()),
            None => Err(known),
        },
    )
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

/// Up to [`MAX_SUGGESTIONS`] known values closest to `wanted`: containing it (those that
/// start with it first: "Finance Ministry (Japan)" before "Dutch Finance Ministry"), or
/// within a small edit distance of the whole value or of one of its words, ignoring case.
pub(crate) fn closest(wanted: &str, known: &[String]) -> Vec<String> {
    let w = wanted.to_lowercase();
    let limit = (w.chars().count() / CHARS_PER_EDIT).max(MIN_EDITS);
    let mut scored: Vec<(usize, bool, &String)> = known
        .iter()
        .map(|k| {
            let lower = k.to_lowercase();
            let distance = if lower.contains(&w) || w.contains(&lower) {
                0
            } else {
                lower
                    .split_whitespace()
                    .map(|word| strsim::levenshtein(&w, word) + 1)
                    .chain([strsim::levenshtein(&w, &lower)])
                    .min()
                    .unwrap_or(usize::MAX)
            };
            (distance, !lower.starts_with(&w), k)
        })
        .filter(|(d, _, _)| *d <= limit)
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(_, _, k)| k.clone())
        .collect()
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
        // Values that start with what was asked come first.
        let known: Vec<String> = ["Bonn Finance Ministry", "Finance Ministry (Japan)"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            closest("finance ministry", &known)[0],
            "Finance Ministry (Japan)"
        );
    }
}
