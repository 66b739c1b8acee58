//! Accents in the English fields: `cafe` finds "Café" and `Muller` finds "Müller".
//!
//! The English fields are analysed exactly as tantivy's `en_stem` (so an index reads the
//! same with plain tantivy), which keeps accents: "Müller" is indexed as `müller`. Rather than
//! a second, folded copy of every story's text, a search looks the other spellings up in the
//! index's own vocabulary: each segment's terms that hold a letter outside ASCII are read once
//! (on the first search that sees the segment) and kept by their ASCII-folded form, as
//! Elasticsearch's `asciifolding` would fold them. A word then searches its own term and, at a
//! lower weight ([`SPELLING_BOOST`]), the terms that fold to it: an exact match keeps its rank
//! above a match through folding. A word written with accents also searches its folded form,
//! so `Müller` finds "Muller".
//!
//! Cost: one pass over the term dictionaries of the text fields per new segment (the terms are
//! walked in the index's order; those with a byte over 127 are kept, a few percent of a news
//! vocabulary); an index without such terms searches as before.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use newsidx_core::analyzer::text_analyzer;
use tantivy::index::SegmentId;
use tantivy::schema::Field;
use tantivy::tokenizer::{AsciiFoldingFilter, RawTokenizer, TextAnalyzer};
use tantivy::Searcher;

/// Weight of a match through another spelling, against 1 for the word as written.
pub(crate) const SPELLING_BOOST: f32 = 0.5;

/// Most spellings of one word or phrase searched (a phrase's spellings are the combinations
/// of its words' spellings).
pub(crate) const MAX_SPELLINGS: usize = 16;

/// One segment's terms with letters outside ASCII, by their folded form (and by the folded
/// form's English term, where stemming it again gives another: "résumés" is indexed
/// `résumé`, and `resumes` is searched as `resum`).
type SegmentFolds = HashMap<String, Vec<String>>;

/// The folded terms of each segment, kept across searches (shared by clones of a searcher).
#[derive(Debug, Default)]
pub(crate) struct FoldCache {
    segments: Mutex<HashMap<SegmentId, Arc<SegmentFolds>>>,
}

impl FoldCache {
    fn lock(&self) -> MutexGuard<'_, HashMap<SegmentId, Arc<SegmentFolds>>> {
        self.segments.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The spellings of `searcher`'s segments, reading the segments not seen before; entries
    /// of segments the searcher no longer has are dropped. `english` is the index's analyser
    /// of the text fields.
    pub(crate) fn spellings(&self, searcher: &Searcher, fields: &[Field]) -> Spellings {
        let mut analyzers = Analyzers::default();
        let mut maps = Vec::new();
        let ids: Vec<SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(|s| s.segment_id())
            .collect();
        for reader in searcher.segment_readers() {
            let id = reader.segment_id();
            if let Some(found) = self.lock().get(&id) {
                maps.push(found.clone());
                continue;
            }
            let mut folds = SegmentFolds::new();
            for &field in fields {
                let Ok(inverted) = reader.inverted_index(field) else {
                    continue;
                };
                let Ok(mut stream) = inverted.terms().stream() else {
                    continue;
                };
                while stream.advance() {
                    let key = stream.key();
                    if key.is_ascii() {
                        continue;
                    }
                    let Ok(term) = std::str::from_utf8(key) else {
                        continue;
                    };
                    let folded = analyzers.fold(term);
                    if folded == term {
                        continue;
                    }
                    let stemmed = analyzers.stem(&folded);
                    for key in [Some(folded), stemmed].into_iter().flatten() {
                        let list = folds.entry(key).or_default();
                        if !list.iter().any(|t| t == term) {
                            list.push(term.to_string());
                        }
                    }
                }
            }
            let folds = Arc::new(folds);
            self.lock().insert(id, folds.clone());
            maps.push(folds);
        }
        self.lock().retain(|id, _| ids.contains(id));
        maps.retain(|m| !m.is_empty());
        Spellings { maps, analyzers }
    }
}

/// The folding and English analysers, made on first use (most searches need neither).
#[derive(Default)]
struct Analyzers {
    fold: Option<TextAnalyzer>,
    english: Option<TextAnalyzer>,
}

impl Analyzers {
    /// `text` folded to ASCII as tantivy's `AsciiFoldingFilter` folds a token.
    fn fold(&mut self, text: &str) -> String {
        let fold = self.fold.get_or_insert_with(|| {
            TextAnalyzer::builder(RawTokenizer::default())
                .filter(AsciiFoldingFilter)
                .build()
        });
        let mut stream = fold.token_stream(text);
        let mut out = String::new();
        while stream.advance() {
            out.push_str(&stream.token().text);
        }
        out
    }

    /// The one term the English fields' analyser makes of `text`, if it makes exactly one.
    fn stem(&mut self, text: &str) -> Option<String> {
        let english = self.english.get_or_insert_with(text_analyzer);
        let mut stream = english.token_stream(text);
        let mut found = None;
        while stream.advance() {
            if found.is_some() {
                return None;
            }
            found = Some(stream.token().text.clone());
        }
        found
    }
}

/// The other spellings of terms in the segments of one search.
pub(crate) struct Spellings {
    maps: Vec<Arc<SegmentFolds>>,
    analyzers: Analyzers,
}

impl Spellings {
    /// The other spellings of the analysed term `term`, in order, without `term`: the indexed
    /// terms that fold to it, and for a term with accents its folded forms and the terms that
    /// fold to those.
    pub(crate) fn of(&mut self, term: &str) -> Vec<String> {
        let mut keys = vec![term.to_string()];
        if !term.is_ascii() {
            let folded = self.analyzers.fold(term);
            if folded != term {
                if let Some(stemmed) = self.analyzers.stem(&folded) {
                    keys.push(stemmed);
                }
                keys.push(folded);
            }
        }
        let mut out: Vec<String> = keys[1..].to_vec();
        if !self.maps.is_empty() {
            for key in &keys {
                for map in &self.maps {
                    if let Some(terms) = map.get(key) {
                        out.extend(terms.iter().cloned());
                    }
                }
            }
        }
        out.retain(|t| t != term);
        out.sort();
        out.dedup();
        out
    }

    /// The other spellings of a word or phrase (analysed terms with their positions): each
    /// combination of its words' spellings but the one written, at most [`MAX_SPELLINGS`].
    pub(crate) fn of_tokens(&mut self, tokens: &[(usize, String)]) -> Vec<Vec<(usize, String)>> {
        let choices: Vec<Vec<String>> = tokens
            .iter()
            .map(|(_, t)| {
                let mut all = vec![t.clone()];
                all.extend(self.of(t));
                all
            })
            .collect();
        if choices.iter().all(|c| c.len() == 1) {
            return Vec::new();
        }
        // Combinations in mixed-radix order; the first (every word as written) is skipped.
        let mut out = Vec::new();
        let mut digits = vec![0usize; choices.len()];
        loop {
            let mut i = 0;
            while i < digits.len() {
                digits[i] += 1;
                if digits[i] < choices[i].len() {
                    break;
                }
                digits[i] = 0;
                i += 1;
            }
            if i == digits.len() || out.len() == MAX_SPELLINGS {
                return out;
            }
            out.push(
                tokens
                    .iter()
                    .zip(&digits)
                    .zip(&choices)
                    .map(|(((p, _), &d), c)| (*p, c[d].clone()))
                    .collect(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none() -> Spellings {
        Spellings {
            maps: Vec::new(),
            analyzers: Analyzers::default(),
        }
    }

    fn spellings(terms: &[&str]) -> Spellings {
        let mut s = none();
        let mut map = SegmentFolds::new();
        for &t in terms {
            let folded = s.analyzers.fold(t);
            let stemmed = s.analyzers.stem(&folded);
            for key in [Some(folded), stemmed].into_iter().flatten() {
                map.entry(key).or_default().push(t.to_string());
            }
        }
        s.maps.push(Arc::new(map));
        s
    }

    #[test]
    fn a_plain_word_finds_the_accented_terms_that_fold_to_it() {
        let mut s = spellings(&["café", "müller", "résumé"]);
        assert_eq!(s.of("cafe"), ["café"]);
        assert_eq!(s.of("muller"), ["müller"]);
        // Stemmed again after folding: `resumes` is searched as `resum`.
        assert_eq!(s.of("resum"), ["résumé"]);
        assert!(s.of("coffee").is_empty());
    }

    #[test]
    fn an_accented_word_finds_its_folded_form_and_other_spellings() {
        let mut s = spellings(&["müller", "mûller"]);
        assert_eq!(s.of("müller"), ["muller", "mûller"]);
        // Without an index vocabulary, still the folded form.
        assert_eq!(none().of("café"), ["cafe"]);
    }

    #[test]
    fn a_phrase_gets_each_combination_but_the_one_written() {
        let mut s = spellings(&["müller", "café"]);
        let tokens = vec![(0, "thomas".to_string()), (1, "muller".to_string())];
        assert_eq!(
            s.of_tokens(&tokens),
            vec![vec![(0, "thomas".to_string()), (1, "müller".to_string())]]
        );
        let both = vec![(0, "muller".to_string()), (1, "cafe".to_string())];
        assert_eq!(s.of_tokens(&both).len(), 3);
        let plain = vec![(0, "oil".to_string())];
        assert!(s.of_tokens(&plain).is_empty());
    }
}
