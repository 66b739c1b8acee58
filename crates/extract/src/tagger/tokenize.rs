//! Splits raw text into sentences and tokens close to CoNLL-2003's conventions.
//!
//! - Tokens are separated by white space; punctuation at either end of a word is split off
//!   one character at a time (`"(Reuters)"` -> `(`, `Reuters`, `)`), while punctuation inside
//!   a word stays (`U.S.`, `3.5`, `Wal-Mart`, `AT&T`).
//! - A final `.` stays on abbreviations: single letters with dots (`U.S.`, `p.m.`) and a short
//!   list of titles and company suffixes (`Mr.`, `Corp.`, `Inc.`); elsewhere it is split off.
//! - A possessive `'s` (and `'S`, `s'` is left alone) and a clitic `n't` are separate tokens,
//!   as in CoNLL (`Germany 's`, `does n't`).
//! - A sentence ends at a line break, or after a `.`, `!` or `?` token that is followed by a
//!   token starting with an upper-case letter, a digit or a quote.
//!
//! Offsets are byte offsets into the input, always on `char` boundaries.

use std::ops::Range;

/// One token: `text[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

/// Abbreviations whose final `.` is part of the token.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "Bros", "Gen", "Sen",
    "Rep", "Gov", "Lt", "Col", "Capt", "Sgt", "Prof", "Rev", "Messrs", "No", "vs", "Jan", "Feb",
    "Mar", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "Plc", "Cie", "Ave", "Mt", "Ft",
];

/// Splits `text` into sentences of tokens. Never panics; empty sentences are not returned.
///
/// Cost: one pass over the bytes, one allocation per sentence ([`tokenize_into`] reuses
/// buffers).
pub fn tokenize(text: &str) -> Vec<Vec<Token>> {
    let mut tokens = Vec::new();
    let mut sentences = Vec::new();
    tokenize_into(text, &mut tokens, &mut sentences);
    sentences.into_iter().map(|r| tokens[r].to_vec()).collect()
}

/// [`tokenize`] into reused buffers: every token in `tokens`, each sentence as a range of
/// `tokens` in `sentences` (both cleared first).
pub fn tokenize_into(text: &str, tokens: &mut Vec<Token>, sentences: &mut Vec<Range<usize>>) {
    tokens.clear();
    sentences.clear();
    // About one token per five bytes of news text: one allocation for most stories.
    tokens.reserve(text.len() / 4);
    let bytes = text.as_bytes();
    let mut first = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            if tokens.len() > first {
                sentences.push(first..tokens.len());
                first = tokens.len();
            }
            i += 1;
            continue;
        }
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        i += chunk_len(&bytes[i..]);
        // Non-ASCII white space (no-break space) is rare in news; it stays inside a word.
        let before = tokens.len();
        split_word(text, start, i, tokens);
        // A sentence end before this chunk: ". He".
        if before > first && ends_sentence(text, &tokens[before - 1], &tokens[before]) {
            sentences.push(first..before);
            first = before;
        }
    }
    if tokens.len() > first {
        sentences.push(first..tokens.len());
    }
}

/// The length of the white-space free chunk `bytes` starts with: up to its first ASCII
/// white-space byte ([`u8::is_ascii_whitespace`]), or all of it.
///
/// Eight bytes at a time: in a `u64` of eight bytes, `(x - 0x21 in every byte) & !x` sets the
/// high bit of a byte below `0x21` (the subtraction wraps). White space is below `0x21`; a
/// borrow can flag a byte above a flagged one wrongly, never one below, so the lowest flag
/// is exact, and only it is read. A flagged byte that is no white space (a control
/// character) stays in the chunk, and the scan goes on after it.
fn chunk_len(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    let mut n = 0;
    while let Some(eight) = bytes.get(n..n + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(eight);
        let x = u64::from_le_bytes(word);
        let flags = x.wrapping_sub(ONES * 0x21) & !x & HIGH;
        if flags == 0 {
            n += 8;
            continue;
        }
        let j = n + (flags.trailing_zeros() / 8) as usize;
        if bytes[j].is_ascii_whitespace() {
            return j;
        }
        n = j + 1;
    }
    n + bytes[n..]
        .iter()
        .position(u8::is_ascii_whitespace)
        .unwrap_or(bytes.len() - n)
}

/// Whether a sentence ends between `prev` and `next`.
fn ends_sentence(text: &str, prev: &Token, next: &Token) -> bool {
    if prev.end - prev.start != 1 || !matches!(text.as_bytes()[prev.start], b'.' | b'!' | b'?') {
        return false;
    }
    let c = text[next.start..].chars().next().unwrap_or(' ');
    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\'' | '(')
}

/// Whether `c` is split off a word's edge.
fn is_edge_punct(c: char) -> bool {
    !c.is_alphanumeric()
}

/// Splits the white-space free chunk `text[start..end]` into tokens.
fn split_word(text: &str, mut start: usize, mut end: usize, out: &mut Vec<Token>) {
    // A very long chunk (a URL, binary junk) is one token: no quadratic work.
    if end - start > 200 {
        out.push(Token { start, end });
        return;
    }
    // Most chunks are one plain word: an ASCII letter or digit at both ends (so nothing to
    // split off either edge) and no possible "'s" or "n't" ending (no apostrophe before a
    // final s or t).
    let bytes = text.as_bytes();
    let (first, last) = (bytes[start], bytes[end - 1]);
    if first.is_ascii_alphanumeric()
        && last.is_ascii_alphanumeric()
        && (!matches!(last, b's' | b'S' | b't' | b'T')
            || end - start < 2
            || bytes[end - 2] != b'\'')
    {
        out.push(Token { start, end });
        return;
    }
    // Leading punctuation, one character at a time.
    while let Some(c) = text[start..end].chars().next() {
        if is_edge_punct(c) && end - start > c.len_utf8() {
            out.push(Token {
                start,
                end: start + c.len_utf8(),
            });
            start += c.len_utf8();
        } else {
            break;
        }
    }
    // Trailing punctuation, collected in reverse (at most 16 tokens, the rest stays on the
    // word).
    let mut tail = [Token { start: 0, end: 0 }; 16];
    let mut n_tail = 0;
    while n_tail < tail.len() {
        let word = &text[start..end];
        let Some(c) = word.chars().next_back() else {
            break;
        };
        if word.len() <= c.len_utf8() {
            break;
        }
        if c == '.' && keeps_period(&word[..word.len() - 1]) {
            break;
        }
        if is_edge_punct(c) {
            tail[n_tail] = Token {
                start: end - c.len_utf8(),
                end,
            };
            n_tail += 1;
            end -= c.len_utf8();
            continue;
        }
        let lower_end = word.len() >= 3 && word.is_char_boundary(word.len() - 2);
        if lower_end {
            let last2 = &word[word.len() - 2..];
            if last2.eq_ignore_ascii_case("'s") {
                tail[n_tail] = Token {
                    start: end - 2,
                    end,
                };
                n_tail += 1;
                end -= 2;
                continue;
            }
        }
        if word.len() >= 4 && word.is_char_boundary(word.len() - 3) {
            let last3 = &word[word.len() - 3..];
            if last3.eq_ignore_ascii_case("n't") {
                tail[n_tail] = Token {
                    start: end - 3,
                    end,
                };
                n_tail += 1;
                end -= 3;
            }
        }
        break;
    }
    if start < end {
        out.push(Token { start, end });
    }
    out.extend(tail[..n_tail].iter().rev());
}

/// The first bytes of [`ABBREVIATIONS`]: a stem starting otherwise is none of them.
const ABBREVIATION_FIRST: [bool; 256] = {
    let mut first = [false; 256];
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        first[ABBREVIATIONS[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    first
};

/// Whether `stem` + `.` is an abbreviation that keeps its period.
fn keeps_period(stem: &str) -> bool {
    let may_be_listed = stem
        .as_bytes()
        .first()
        .is_some_and(|&b| ABBREVIATION_FIRST[usize::from(b)]);
    if may_be_listed && ABBREVIATIONS.contains(&stem) {
        return true;
    }
    // Letters separated by dots: U.S, p.m, U.N, S.A
    let mut letters = 0;
    let mut expect_letter = true;
    for c in stem.chars() {
        if expect_letter {
            if !c.is_alphabetic() {
                return false;
            }
            letters += 1;
            expect_letter = false;
        } else if c == '.' {
            expect_letter = true;
        } else {
            return false;
        }
    }
    !expect_letter && (letters >= 2 || stem.chars().all(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Vec<&str>> {
        tokenize(text)
            .iter()
            .map(|s| s.iter().map(|t| &text[t.start..t.end]).collect())
            .collect()
    }

    #[test]
    fn splits_like_conll() {
        assert_eq!(
            words("Russia's Foreign Minister (Sergey Lavrov) said U.S. troops don't go."),
            vec![vec![
                "Russia", "'s", "Foreign", "Minister", "(", "Sergey", "Lavrov", ")", "said",
                "U.S.", "troops", "do", "n't", "go", "."
            ]]
        );
        assert_eq!(
            words("Shares rose 3.5 pct. Wal-Mart Corp. gained $2.\nNEXT LINE"),
            vec![
                vec!["Shares", "rose", "3.5", "pct", "."],
                vec!["Wal-Mart", "Corp.", "gained", "$", "2", "."],
                vec!["NEXT", "LINE"]
            ]
        );
    }

    #[test]
    fn words_ending_in_s_or_t_split_only_after_an_apostrophe() {
        assert_eq!(
            words("s its cats can't stay at Paris' port, IT'S DON'T s t"),
            vec![vec![
                "s", "its", "cats", "ca", "n't", "stay", "at", "Paris", "'", "port", ",", "IT",
                "'S", "DO", "N'T", "s", "t"
            ]]
        );
    }

    #[test]
    fn a_chunk_ends_at_ascii_white_space() {
        let text = "abcdefghij k\u{1}l\u{b}m\u{a0}nopqrstuvwxyz0123456789\tAB\r\nCD\u{c}EFGHIJé \
                    \u{7f}\u{1f}xxxxxxxxxxxxxxx";
        let bytes = text.as_bytes();
        for i in 0..bytes.len() {
            let want = bytes[i..]
                .iter()
                .position(u8::is_ascii_whitespace)
                .unwrap_or(bytes.len() - i);
            assert_eq!(chunk_len(&bytes[i..]), want, "{i}");
        }
    }

    #[test]
    fn offsets_slice_back_to_tokens() {
        let text = "  «Ça va», dit-il à Zürich.\t\"Yes!\"  O'Neill's 1,000 (ECOWAS) \n\n x";
        let sentences = tokenize(text);
        let mut joined = String::new();
        for t in sentences.iter().flatten() {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            assert!(t.start < t.end);
            let w = &text[t.start..t.end];
            assert!(!w.chars().any(char::is_whitespace), "{w:?}");
            joined.push_str(w);
        }
        let expected: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(joined, expected);
    }
}
