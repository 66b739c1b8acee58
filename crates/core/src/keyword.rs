//! The analyzers of exact-value fields whose filters ignore case: the source, matched in any
//! case, and the language, matched in any case and by its primary subtag.
//!
//! Both fields keep the value as mapped in their stored and fast forms (the source as the
//! story spells it, "Reuters", for facets and display), and index normalised terms for
//! filtering: [`LOWERCASE_KEYWORD`] indexes the whole value in lower case ("reuters");
//! [`LANGUAGE_TAG`] indexes a lower-case BCP 47 tag and, when it has subtags, its primary
//! language subtag too ("fi-fi" and "fi"), so that a filter on `fi` finds stories tagged `fi-FI`.
//! A filter value is turned into a term with [`keyword_term`] or [`language_term`].
//!
//! ```
//! use newsidx_core::keyword::{language_term, language_terms, normalise_language};
//! assert_eq!(normalise_language(" fi_FI "), "fi-fi");
//! assert_eq!(language_terms("fi-fi"), ["fi-fi", "fi"]);
//! assert_eq!(language_terms("en"), ["en"]);
//! assert_eq!(language_term("EN"), "en");
//! ```

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::Index;

/// Name of the analyzer of the `source` field: the whole value, lower-cased.
pub const LOWERCASE_KEYWORD: &str = "newsidx_keyword_lowercase";

/// Name of the analyzer of the `language` field: the lower-case tag and its primary subtag.
pub const LANGUAGE_TAG: &str = "newsidx_language";

/// The language code of a story whose language is not known (BCP 47 "undetermined"): plain
/// text carries no language, and none is detected yet.
pub const UNKNOWN_LANGUAGE: &str = "und";

/// A language tag as indexed: trimmed, `_` written `-`, lower case (`fi_FI` -> `fi-fi`).
pub fn normalise_language(tag: &str) -> String {
    tag.trim().replace('_', "-").to_lowercase()
}

/// The terms a normalised language tag is indexed under: the tag, then its primary subtag
/// when it has others.
pub fn language_terms(tag: &str) -> Vec<String> {
    let mut terms = vec![tag.to_string()];
    if let Some((primary, _)) = tag.split_once('-') {
        if !primary.is_empty() {
            terms.push(primary.to_string());
        }
    }
    terms
}

/// The term a language filter value looks up (`fi-FI` -> `fi-fi`, `FI` -> `fi`).
pub fn language_term(value: &str) -> String {
    normalise_language(value)
}

/// The term a source filter value looks up: the value in lower case.
pub fn keyword_term(value: &str) -> String {
    value.trim().to_lowercase()
}

/// Installs [`LOWERCASE_KEYWORD`] and [`LANGUAGE_TAG`] in `index`.
pub fn register(index: &Index) {
    let tokenizers = index.tokenizers();
    tokenizers.register(
        LOWERCASE_KEYWORD,
        Terms {
            terms: |text| vec![keyword_term(text)],
            tokens: Vec::new(),
        },
    );
    tokenizers.register(
        LANGUAGE_TAG,
        Terms {
            terms: |text| language_terms(&normalise_language(text)),
            tokens: Vec::new(),
        },
    );
}

/// A tokenizer that emits the terms `terms` makes of the whole value, one position each.
#[derive(Clone)]
struct Terms {
    terms: fn(&str) -> Vec<String>,
    tokens: Vec<Token>,
}

impl Tokenizer for Terms {
    type TokenStream<'a> = TermStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> TermStream<'a> {
        self.tokens.clear();
        for (position, term) in (self.terms)(text).into_iter().enumerate() {
            self.tokens.push(Token {
                offset_from: 0,
                offset_to: text.len(),
                position,
                text: term,
                position_length: 1,
            });
        }
        TermStream {
            tokens: &mut self.tokens,
            next: 0,
        }
    }
}

/// The tokens of one value.
struct TermStream<'a> {
    tokens: &'a mut Vec<Token>,
    next: usize,
}

impl TokenStream for TermStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TextAnalyzer;

    fn terms(analyzer: &str, text: &str) -> Vec<String> {
        let index = Index::create_in_ram(tantivy::schema::Schema::builder().build());
        register(&index);
        let mut analyzer: TextAnalyzer = index.tokenizers().get(analyzer).unwrap();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn sources_are_indexed_in_lower_case_and_languages_by_primary_subtag_too() {
        assert_eq!(terms(LOWERCASE_KEYWORD, "REUTERS"), ["reuters"]);
        assert_eq!(terms(LOWERCASE_KEYWORD, "News Agencies"), ["news agencies"]);
        assert_eq!(terms(LANGUAGE_TAG, "fi-FI"), ["fi-fi", "fi"]);
        assert_eq!(terms(LANGUAGE_TAG, "EN"), ["en"]);
        assert_eq!(terms(LANGUAGE_TAG, "zh-Hant-TW"), ["zh-hant-tw", "zh"]);
    }
}
