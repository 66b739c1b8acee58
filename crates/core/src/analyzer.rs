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

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};
use tantivy::Index;

use crate::schema::TEXT_TOKENIZER;

/// Longest token kept, in bytes, as in tantivy's `en_stem`.
const MAX_TOKEN_BYTES: usize = 40;

/// Words remembered per field and segment writer before the memo starts afresh: 4 MB of
/// table. About 65,000 distinct words (as cased in the text) occur in all of Reuters-21578.
const MEMO_WORDS: usize = 1 << 16;

/// The text-field analyzer: the `en_stem` chain with [`MemoStem`] in place of its
/// lower-caser and stemmer.
pub fn text_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(MemoStem)
        .build()
}

/// The languages whose stories are also indexed in a stemmed field of their own
/// ([`crate::NewsSchema::languages`]): the BCP 47 primary subtag, the field's name and
/// tantivy's (Snowball) stemmer. Norwegian is written `nb`, `nn` or `no`: all map to `no`.
pub const STEMMED_LANGUAGES: [(&str, &str, Language); 16] = [
    ("ar", "text_ar", Language::Arabic),
    ("da", "text_da", Language::Danish),
    ("de", "text_de", Language::German),
    ("el", "text_el", Language::Greek),
    ("es", "text_es", Language::Spanish),
    ("fi", "text_fi", Language::Finnish),
    ("fr", "text_fr", Language::French),
    ("hu", "text_hu", Language::Hungarian),
    ("it", "text_it", Language::Italian),
    ("nl", "text_nl", Language::Dutch),
    ("no", "text_no", Language::Norwegian),
    ("pt", "text_pt", Language::Portuguese),
    ("ro", "text_ro", Language::Romanian),
    ("ru", "text_ru", Language::Russian),
    ("sv", "text_sv", Language::Swedish),
    ("tr", "text_tr", Language::Turkish),
];

/// The analyzer of one language's field: words split as in the English fields, lower-cased,
/// stemmed by the language's stemmer, then folded to ASCII ("élections" -> "elect", so
/// `election` and `élection` find it; `cafe` finds "Café").
pub fn language_analyzer(language: Language) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(Stemmer::new(language))
        .filter(AsciiFoldingFilter)
        .build()
}

/// The primary subtag of a language tag as [`STEMMED_LANGUAGES`] spells it (`"de-AT"` ->
/// `"de"`, `"nb"` -> `"no"`), if it has a field of its own.
pub fn stemmed_language(tag: &str) -> Option<&'static str> {
    let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
    let primary = match primary.as_str() {
        "nb" | "nn" => "no",
        p => p,
    };
    STEMMED_LANGUAGES
        .iter()
        .find(|(l, _, _)| *l == primary)
        .map(|(l, _, _)| *l)
}

/// Installs [`text_analyzer`] as the tokenizer of the text fields of `index`, each
/// [`language_analyzer`] under its field's name, and the analyzers of the case-insensitive
/// exact fields ([`crate::keyword::register`]).
pub fn register(index: &Index) {
    index.tokenizers().register(TEXT_TOKENIZER, text_analyzer());
    for (_, name, language) in STEMMED_LANGUAGES {
        index
            .tokenizers()
            .register(name, language_analyzer(language));
    }
    crate::keyword::register(index);
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
    table: Table,
    stock: StockChain,
}

/// tantivy's `en_stem` chain, built from its parts as concrete types, so that a miss costs no
/// boxed token stream.
type StockChain = <Stemmer as TokenFilter>::Tokenizer<
    <LowerCaser as TokenFilter>::Tokenizer<
        <RemoveLongFilter as TokenFilter>::Tokenizer<SimpleTokenizer>,
    >,
>;

fn stock_chain() -> StockChain {
    let long = RemoveLongFilter::limit(MAX_TOKEN_BYTES).transform(SimpleTokenizer::default());
    Stemmer::new(Language::English).transform(LowerCaser.transform(long))
}

impl Memo {
    fn new() -> Memo {
        Memo {
            table: Table::new(),
            stock: stock_chain(),
        }
    }

    /// Replaces `token.text` by its term.
    fn apply(&mut self, token: &mut Token) {
        let key = Packed::of(&token.text);
        if let Some(key) = key {
            if let Some(term) = self.table.get(key) {
                token.text.clear();
                term.push_to(&mut token.text);
                return;
            }
        }
        // A token cut by the simple tokenizer is one alphanumeric run, so `en_stem` reads it
        // as exactly one token. Anything else (never seen from the simple tokenizer) is only
        // lower-cased, and not remembered.
        let term = {
            let mut stream = self.stock.token_stream(&token.text);
            if stream.advance() {
                let first = stream.token().text.clone();
                (!stream.advance()).then_some(first)
            } else {
                None
            }
        };
        let Some(term) = term else {
            token.text = token.text.to_lowercase();
            return;
        };
        if let (Some(key), Some(packed)) = (key, Packed::of(&term)) {
            self.table.insert(key, packed);
        }
        token.text = term;
    }
}

/// A string of at most [`Packed::MAX`] bytes held in two words, its length in the last byte;
/// all zero means none. Almost every word of news copy fits (0.03% of Reuters-21578's words
/// are longer); longer ones are stemmed each time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Packed([u64; 2]);

impl Packed {
    const MAX: usize = 15;

    fn of(text: &str) -> Option<Packed> {
        let b = text.as_bytes();
        if b.is_empty() || b.len() > Packed::MAX {
            return None;
        }
        let mut bytes = [0u8; 16];
        bytes[..b.len()].copy_from_slice(b);
        bytes[15] = b.len() as u8;
        let (lo, hi) = bytes.split_at(8);
        Some(Packed([
            u64::from_le_bytes(lo.try_into().unwrap_or_default()),
            u64::from_le_bytes(hi.try_into().unwrap_or_default()),
        ]))
    }

    fn as_bytes(&self) -> [u8; 16] {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.0[0].to_le_bytes());
        bytes[8..].copy_from_slice(&self.0[1].to_le_bytes());
        bytes
    }

    /// Appends the string to `out`.
    fn push_to(self, out: &mut String) {
        let bytes = self.as_bytes();
        let len = usize::from(bytes[15]).min(Packed::MAX);
        out.push_str(std::str::from_utf8(&bytes[..len]).unwrap_or_default());
    }

    fn hash(self) -> u64 {
        (self.0[0].wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ self.0[1].rotate_left(29))
            .wrapping_mul(0xbf58_476d_1ce4_e5b9)
    }
}

/// One entry of the table: a word and its term, in 32 bytes, so that a probe that finds its
/// word reads one cache line and nothing else (a map of heap strings took two cache misses
/// per word, which cost more than half of what the memo saved).
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: Packed,
    term: Packed,
}

/// Open addressing with linear probing, at most half full; it doubles from a small start up
/// to [`MEMO_WORDS`] words and then starts afresh.
struct Table {
    slots: Vec<Slot>,
    len: usize,
}

impl Table {
    const START: usize = 1 << 10;

    fn new() -> Table {
        Table {
            slots: vec![Slot::default(); Table::START],
            len: 0,
        }
    }

    fn home(&self, key: Packed) -> usize {
        let bits = self.slots.len().trailing_zeros();
        (key.hash() >> (64 - bits)) as usize
    }

    fn get(&self, key: Packed) -> Option<Packed> {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let slot = self.slots[i];
            if slot.key == key {
                return Some(slot.term);
            }
            if slot.key == Packed::default() {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    fn insert(&mut self, key: Packed, term: Packed) {
        if 2 * (self.len + 1) > self.slots.len() {
            if self.slots.len() >= 2 * MEMO_WORDS {
                self.slots.fill(Slot::default());
                self.len = 0;
            } else {
                let doubled = vec![Slot::default(); self.slots.len() * 2];
                let old = std::mem::replace(&mut self.slots, doubled);
                self.len = 0;
                for slot in old.into_iter().filter(|s| s.key != Packed::default()) {
                    self.insert(slot.key, slot.term);
                }
            }
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        while self.slots[i].key != Packed::default() && self.slots[i].key != key {
            i = (i + 1) & mask;
        }
        if self.slots[i].key == Packed::default() {
            self.len += 1;
        }
        self.slots[i] = Slot { key, term };
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
            filter.memo.table.len < MEMO_WORDS,
            "cleared once, then refilled"
        );
        assert_eq!(filter.memo.table.slots.len(), 2 * MEMO_WORDS);
        // After the fresh start, words are still stemmed: "running5s" -> "running5".
        let mut stream = filter.token_stream("running5s RUNNINGS");
        assert!(stream.advance());
        assert_eq!(stream.token().text, "running5");
        assert!(stream.advance());
        assert_eq!(stream.token().text, "run");
    }
}
