//! Story-level consistency features, computed without labels before tagging.
//!
//! A name is usually written the same way several times in a story, once in an unambiguous
//! place ("Sergey Lavrov said"), elsewhere where the tagger alone would hesitate (a headline
//! in capitals, the first word of a sentence, "Lavrov" alone). For each token, keyed by its
//! lower-case form, we record what the *other* occurrences in the story show:
//!
//! - bit 0: the word also appears in lower case (a common word: "The", "Shares");
//! - bit 1: it also appears capitalised inside a sentence that is not all caps (a name);
//! - bits 2-5: the gazetteer marked another occurrence as a person, organisation, location
//!   or nationality;
//! - bit 6: it appears elsewhere at all.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use crate::lexicon::ascii_lower;

/// A hasher for keys that are already hashes.
#[derive(Default)]
pub(crate) struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Counts of one word form's occurrences in a story: lower case, mid-sentence capitalised,
/// per gazetteer kind, all.
#[derive(Default, Clone, Copy)]
struct Seen {
    lower: u16,
    mid_cap: u16,
    gaz: [u16; 4],
    all: u16,
}

/// What one occurrence contributes.
fn observe(w: &str, first: bool, caps: bool, gaz: u8) -> Seen {
    let mut s = Seen {
        all: 1,
        ..Seen::default()
    };
    match case_of(w) {
        Case::Lower => s.lower = 1,
        Case::Upper if !first && !caps => s.mid_cap = 1,
        _ => {}
    }
    if gaz > 0 {
        s.gaz[usize::from((gaz - 1) / 2)] = 1;
    }
    s
}

/// Story tags (the bits above) of every token of a story, flat: `words` are the story's
/// tokens, `sentences[i]` the range of sentence `i` (the sentences cover the tokens), `gaz`
/// the gazetteer tag of each token (tokens past its end count as 0), `caps[i]` whether
/// sentence `i` is all caps. `out` gets one tag per token. Only tokens that start with an
/// upper-case letter (the only ones ever tagged) get a tag; others get 0. `scratch` holds
/// buffers reused across stories.
pub(crate) fn story_tags(
    words: &[&str],
    sentences: &[Range<usize>],
    gaz: &[u8],
    caps: &[bool],
    scratch: &mut StoryScratch,
    out: &mut Vec<u8>,
) {
    let gaz_at = |t: usize| gaz.get(t).copied().unwrap_or(0);
    // Capitalised tokens first: their forms' counts, in `seen` at the index `index` gives
    // their keys; each token, with its slot there and what it shows itself, in `uppers`;
    // the lower-case tokens in `lowers`. `starts[b]` has bit `n` set when a capitalised word
    // of `n` bytes (63 for longer) starts with byte `b` (`| 0x20`: in lower case if a
    // letter), `ends[b]` when one ends with it: a lower-case word can only share a key with
    // one of those, so the others are not hashed.
    let StoryScratch {
        index,
        seen,
        uppers,
        lowers,
    } = scratch;
    index.clear();
    seen.clear();
    uppers.clear();
    lowers.clear();
    out.clear();
    out.resize(words.len(), 0);
    let mut starts = [0u64; 256];
    let mut ends = [0u64; 256];
    let shape = |w: &str| {
        let b = w.as_bytes();
        let len = 1u64 << b.len().min(63);
        let (first, last) = (b[0] | 0x20, b[b.len() - 1] | 0x20);
        (usize::from(first), usize::from(last), len)
    };
    for (s, r) in sentences.iter().enumerate() {
        for t in r.clone() {
            let w = words[t];
            match case_of(w) {
                Case::Upper => {
                    let (first, last, len) = shape(w);
                    starts[first] |= len;
                    ends[last] |= len;
                    let own = observe(w, t == r.start, caps[s], gaz_at(t));
                    let next = seen.len() as u32;
                    let slot = *index.entry(lower_key(w)).or_insert(next);
                    if slot == next {
                        seen.push(Seen::default());
                    }
                    let e = &mut seen[slot as usize];
                    e.mid_cap += own.mid_cap;
                    e.all += own.all;
                    for g in 0..4 {
                        e.gaz[g] += own.gaz[g];
                    }
                    uppers.push(Upper {
                        token: t,
                        slot,
                        own,
                    });
                }
                Case::Lower => lowers.push(t),
                Case::Other => {}
            }
        }
    }
    if seen.is_empty() {
        return;
    }
    // Lower-case occurrences of those words.
    for &t in lowers.iter() {
        let w = words[t];
        let (first, last, len) = shape(w);
        if starts[first] & ends[last] & len == 0 {
            continue;
        }
        if let Some(&slot) = index.get(&lower_key(w)) {
            let e = &mut seen[slot as usize];
            e.lower += 1;
            e.all += 1;
        }
    }
    // What the other occurrences of each capitalised token's form show.
    for u in uppers.iter() {
        let (e, o) = (&seen[u.slot as usize], &u.own);
        let mut tag = 0u8;
        tag |= u8::from(e.lower > o.lower);
        tag |= u8::from(e.mid_cap > o.mid_cap) << 1;
        for g in 0..4 {
            tag |= u8::from(e.gaz[g] > o.gaz[g]) << (2 + g);
        }
        tag |= u8::from(e.all > 1) << 6;
        out[u.token] = tag;
    }
}

/// A capitalised token: where it is, the slot of its form's counts, what it shows itself.
struct Upper {
    token: usize,
    slot: u32,
    own: Seen,
}

/// The key of a word's form: equal for words equal but for the case of ASCII letters (and,
/// as for any 64-bit hash, for a rare pair of others).
///
/// The word is read as at most two `u64`s at a time, the last ones overlapping the ones
/// before when its length is not a multiple of eight (a fixed length fixes the overlap, and
/// the length is hashed too), its ASCII letters put in lower case eight at a time
/// ([`ascii_lower`]), each mixed in with a multiplication; the high bits are folded into the
/// low ones, which pick the hash table's bucket.
fn lower_key(w: &str) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let b = w.as_bytes();
    let mix = |h: u64, x: u64| (h ^ ascii_lower(x)).wrapping_mul(K).rotate_left(29);
    let mut h = (b.len() as u64).wrapping_mul(K);
    match b.len() {
        0 => {}
        1..=3 => {
            // Bytes 0, len / 2 and len - 1: all of a word this short.
            let x =
                u64::from(b[0]) | u64::from(b[b.len() / 2]) << 8 | u64::from(b[b.len() - 1]) << 16;
            h = mix(h, x);
        }
        4..=8 => {
            let x = u64::from(le_u32(&b[..4])) | u64::from(le_u32(&b[b.len() - 4..])) << 32;
            h = mix(h, x);
        }
        _ => {
            let mut rest = b;
            while rest.len() > 8 {
                h = mix(h, le_u64(&rest[..8]));
                rest = &rest[8..];
            }
            h = mix(h, le_u64(&b[b.len() - 8..]));
        }
    }
    h ^ h >> 32
}

/// Four bytes as a little-endian `u32`.
fn le_u32(b: &[u8]) -> u32 {
    let mut four = [0; 4];
    four.copy_from_slice(&b[..4]);
    u32::from_le_bytes(four)
}

/// Eight bytes as a little-endian `u64`.
fn le_u64(b: &[u8]) -> u64 {
    let mut eight = [0; 8];
    eight.copy_from_slice(&b[..8]);
    u64::from_le_bytes(eight)
}

/// Buffers [`story_tags`] reuses across stories.
#[derive(Default)]
pub(crate) struct StoryScratch {
    /// The slot in `seen` of each capitalised form, by its [`lower_key`].
    index: HashMap<u64, u32, BuildHasherDefault<Identity>>,
    /// Counts of each capitalised form's occurrences.
    seen: Vec<Seen>,
    /// The capitalised tokens.
    uppers: Vec<Upper>,
    /// The lower-case tokens.
    lowers: Vec<usize>,
}

impl std::fmt::Debug for StoryScratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoryScratch").finish_non_exhaustive()
    }
}

/// The case of a word's first character.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    Upper,
    Lower,
    Other,
}

#[inline]
fn case_of(w: &str) -> Case {
    match w.as_bytes().first() {
        None => Case::Other,
        Some(b) if b.is_ascii_uppercase() => Case::Upper,
        Some(b) if b.is_ascii_lowercase() => Case::Lower,
        Some(b) if b.is_ascii() => Case::Other,
        Some(_) => {
            let c = w.chars().next().unwrap_or(' ');
            if c.is_uppercase() {
                Case::Upper
            } else if c.is_lowercase() {
                Case::Lower
            } else {
                Case::Other
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_equal_for_the_same_word_in_any_case_only() {
        let words = [
            "a",
            "A",
            "an",
            "An",
            "AN",
            "the",
            "The",
            "THE",
            "tHe",
            "Lavrov",
            "LAVROV",
            "lavrov",
            "Lavrova",
            "Shevardnadze",
            "SHEVARDNADZE",
            "shevardnadzes",
            "Zürich",
            "ZüRICH",
            "ZÜRICH",
            "ab",
            "ba",
            "aab",
            "aba",
            "abcdefgh",
            "abcdefghi",
            "abcdefgi",
            "bcdefghi",
            "x",
            "\0",
            "a\0",
            "",
            "U.S.",
            "u.s.",
            "1987",
            "AT&T",
            "at&t",
        ];
        let lower = |w: &str| w.to_ascii_lowercase();
        for a in words {
            for b in words {
                assert_eq!(
                    lower_key(a) == lower_key(b),
                    lower(a) == lower(b),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn other_occurrences_are_summarised() {
        let s1: &[&str] = &["LAVROV", "SAYS", "NO"];
        let s2: &[&str] = &["Sergey", "Lavrov", "said", "no", "."];
        let s3: &[&str] = &["No", "Lavrov", "."];
        let g2: &[u8] = &[1, 2, 0, 0, 0];
        let words: Vec<&str> = [s1, s2, s3].concat();
        let sentences = [0..3, 3..8, 8..11];
        let mut gaz = vec![0u8; words.len()];
        gaz[3..8].copy_from_slice(g2);
        let mut flat = Vec::new();
        let mut scratch = StoryScratch::default();
        story_tags(
            &words,
            &sentences,
            &gaz,
            &[true, false, false],
            &mut scratch,
            &mut flat,
        );
        let out: Vec<&[u8]> = sentences.iter().map(|r| &flat[r.clone()]).collect();
        // LAVROV: elsewhere mid-sentence capitalised (bit 1), a person in the gazetteer
        // (bit 2), seen elsewhere (bit 6).
        assert_eq!(out[0][0], 0b100_0110);
        // NO: elsewhere in lower case.
        assert_eq!(out[0][2] & 1, 1);
        // The gazetteer's own mark does not count for the token itself, the other ones do.
        assert_eq!(out[1][1], 0b100_0010);
        assert_eq!(out[2][1], 0b100_0110);
        // Lower-case tokens are not tagged.
        assert_eq!(out[1][2], 0);
    }
}
