//! The analyzer of the text fields: tantivy's `en_stem` chain, with its last two steps
//! (lower-casing and the Snowball English stemmer) remembered per word.
//!
//! Stemming was a fifth of the CPU time of `newsidx index` over Reuters-21578, and wire copy
//! repeats a small vocabulary: most words of a story have been seen in the stories before it.
//! [`MemoStem`] keeps a bounded map from each word as the tokenizer cut it to its final term,
//! and computes a word it has not seen with tantivy's own `en_stem` analyzer, so the terms are
//! those of tantivy's built-in `en_stem` by construction (a test compares the two over real
//! and awkward text). That is why [`register`] installs it under the built-in name: an index
//! written with it reads the same with plain tantivy.

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
};
use tantivy::Index;

use crate::schema::TEXT_TOKENIZER;

/// Longest token kept, in bytes, as in tantivy's `en_stem`.
const MAX_TOKEN_BYTES: usize = 40;

/// Words remembered per field and segment writer before the memo starts afresh. About 70,000
/// distinct words occur in all of Reuters-21578; this bound keeps the memo to a few MB.
const MEMO_WORDS: usize = 1 << 17;

/// tantivy's built-in `en_stem` analyzer, built from its parts.
pub fn stock_en_stem() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The text-field analyzer: the `en_stem` chain with [`MemoStem`] in place of its
/// lower-caser and stemmer.
pub fn text_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(MemoStem)
        .build()
}

/// Installs [`text_analyzer`] as the tokenizer of the text fields of `index`.
pub fn register(index: &Index) {
    index.tokenizers().register(TEXT_TOKENIZER, text_analyzer());
}

/// Token filter that lower-cases and stems each token as `en_stem` does, remembering the
/// result for each distinct token text.
#[derive(Debug, Clone, Copy, Default)]
pub struct MemoStem;

impl TokenFilter for MemoStem {
    type Tokenizer<T: Tokenizer> = MemoStemFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MemoStemFilter<T> {
        MemoStemFilter {
            inner: tokenizer,
            memo: Memo::new(),
        }
    }
}

/// The words seen so far and their terms, and the analyzer that computes a new one.
struct Memo {
    terms: FxHashMap<Box<str>, Box<str>>,
    stock: TextAnalyzer,
}

impl Memo {
    fn new() -> Memo {
        Memo {
            terms: FxHashMap::default(),
            stock: stock_en_stem(),
        }
    }

    /// Replaces `token.text` by its term.
    fn apply(&mut self, token: &mut Token) {
        if let Some(term) = self.terms.get(token.text.as_str()) {
            token.text.clear();
            token.text.push_str(term);
            return;
        }
        // A token cut by the simple tokenizer is one alphanumeric run, so `en_stem` reads it
        // as exactly one token. Anything else (never seen from the simple tokenizer) is only
        // lower-cased, and not remembered.
        let mut stream = self.stock.token_stream(&token.text);
        let term = if stream.advance() {
            let first = stream.token().text.clone();
            (!stream.advance()).then_some(first)
        } else {
            None
        };
        drop(stream);
        let Some(term) = term else {
            token.text = token.text.to_lowercase();
            return;
        };
        if self.terms.len() >= MEMO_WORDS {
            self.terms.clear();
        }
        self.terms
            .insert(token.text.as_str().into(), term.as_str().into());
        token.text = term;
    }
}

/// [`MemoStem`] applied to a tokenizer.
pub struct MemoStemFilter<T> {
    inner: T,
    memo: Memo,
}

impl<T: Clone> Clone for MemoStemFilter<T> {
    /// A clone starts with an empty memo: each indexing thread fills its own.
    fn clone(&self) -> Self {
        MemoStemFilter {
            inner: self.inner.clone(),
            memo: Memo::new(),
        }
    }
}

impl<T: Tokenizer> Tokenizer for MemoStemFilter<T> {
    type TokenStream<'a> = MemoStemStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MemoStemStream {
            tail: self.inner.token_stream(text),
            memo: &mut self.memo,
        }
    }
}

/// The token stream of [`MemoStemFilter`].
pub struct MemoStemStream<'a, S> {
    tail: S,
    memo: &'a mut Memo,
}

impl<S: TokenStream> TokenStream for MemoStemStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.memo.apply(self.tail.token_mut());
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            out.push(stream.token().clone());
        }
        out
    }

    const AWKWARD: &str = "Generalization generalizations GENERALLY generally running runs \
        ran Runner's Müller MÜLLER Straße STRASSE İstanbul ΟΔΥΣΣΕΥΣ Σίσυφος naïve café \
        cafés 1987 1,987 U.S. don't O'Neill rebels' rebel's Wagner-linked \
        Antidisestablishmentarianismantidisestablishmentarianism x ab \
        communication communications communicating communicated";

    #[test]
    fn terms_and_offsets_equal_the_built_in_en_stem() {
        let text = format!("{AWKWARD}\n{AWKWARD}\n{}", AWKWARD.to_uppercase());
        let expected = tokens(&mut stock_en_stem(), &text);
        let mut memo = text_analyzer();
        // Twice through the same analyzer: the second pass is served from the memo.
        assert_eq!(tokens(&mut memo, &text), expected);
        assert_eq!(tokens(&mut memo, &text), expected);
        assert!(expected.iter().any(|t| t.text == "general"));
        assert!(!expected.iter().any(|t| t.text.len() >= MAX_TOKEN_BYTES));
    }

    #[test]
    fn a_clone_starts_with_an_empty_memo_and_agrees() {
        let mut analyzer = text_analyzer();
        let first = tokens(&mut analyzer, AWKWARD);
        let mut clone = analyzer.clone();
        assert_eq!(tokens(&mut clone, AWKWARD), first);
    }

    #[test]
    fn the_memo_starts_afresh_when_full_and_stays_correct() {
        let mut filter = MemoStem.transform(SimpleTokenizer::default());
        let words: Vec<String> = (0..MEMO_WORDS + 10)
            .map(|i| format!("running{i}s"))
            .collect();
        let text = words.join(" ");
        let mut count = 0;
        {
            let mut stream = filter.token_stream(&text);
            while stream.advance() {
                count += 1;
            }
        }
        assert_eq!(count, words.len());
        assert!(
            filter.memo.terms.len() < MEMO_WORDS,
            "cleared once, then refilled"
        );
        assert_eq!(
            tokens(&mut text_analyzer(), "Runnings RUNNING"),
            tokens(&mut stock_en_stem(), "Runnings RUNNING")
        );
    }
}
