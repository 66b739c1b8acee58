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

use super::features::lower_hash as lower_key;

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
/// tokens, `sentences[i]` the range of sentence `i`, `gaz` the gazetteer tag of each token
/// (tokens past its end count as 0), `caps[i]` whether sentence `i` is all caps. `out` gets
/// one tag per token. Only tokens that start with an upper-case letter (the only ones ever
/// tagged) get a tag; others get 0. `scratch` holds buffers reused across stories.
pub(crate) fn story_tags(
    words: &[&str],
    sentences: &[Range<usize>],
    gaz: &[u8],
    caps: &[bool],
    scratch: &mut StoryScratch,
    out: &mut Vec<u8>,
) {
    let gaz_at = |t: usize| gaz.get(t).copied().unwrap_or(0);
    // Capitalised tokens first: their keys, and what each occurrence shows. `shapes[b]` has
    // bit `n` set when a capitalised word of `n` bytes (63 for longer) starts with byte `b`
    // in lower case: a lower-case word can only share a key with one of those, so the
    // others are not hashed.
    let StoryScratch { seen, keys } = scratch;
    seen.clear();
    keys.clear();
    keys.resize(words.len(), 0);
    out.clear();
    out.resize(words.len(), 0);
    let mut shapes = [0u64; 256];
    let shape = |w: &str| {
        let b = w.as_bytes();
        (b[0].to_ascii_lowercase(), 1u64 << b.len().min(63))
    };
    let mut any_lower = false;
    for (s, r) in sentences.iter().enumerate() {
        for t in r.clone() {
            let w = words[t];
            match case_of(w) {
                Case::Upper => {
                    let k = lower_key(w);
                    let (b, len) = shape(w);
                    shapes[usize::from(b)] |= len;
                    let o = observe(w, t == r.start, caps[s], gaz_at(t));
                    let e = seen.entry(k).or_default();
                    e.mid_cap += o.mid_cap;
                    e.all += o.all;
                    for g in 0..4 {
                        e.gaz[g] += o.gaz[g];
                    }
                    keys[t] = k;
                }
                Case::Lower => any_lower = true,
                Case::Other => {}
            }
        }
    }
    if seen.is_empty() {
        return;
    }
    // Lower-case occurrences of those words.
    if any_lower {
        for &w in words {
            if case_of(w) == Case::Lower {
                let (b, len) = shape(w);
                if shapes[usize::from(b)] & len == 0 {
                    continue;
                }
                if let Some(e) = seen.get_mut(&lower_key(w)) {
                    e.lower += 1;
                    e.all += 1;
                }
            }
        }
    }
    for (s, r) in sentences.iter().enumerate() {
        for t in r.clone() {
            let w = words[t];
            if keys[t] == 0 && case_of(w) != Case::Upper {
                continue;
            }
            let Some(e) = seen.get(&keys[t]) else {
                continue;
            };
            let o = observe(w, t == r.start, caps[s], gaz_at(t));
            let mut tag = 0u8;
            tag |= u8::from(e.lower > o.lower);
            tag |= u8::from(e.mid_cap > o.mid_cap) << 1;
            for g in 0..4 {
                tag |= u8::from(e.gaz[g] > o.gaz[g]) << (2 + g);
            }
            tag |= u8::from(e.all > 1) << 6;
            out[t] = tag;
        }
    }
}

/// Buffers [`story_tags`] reuses across stories.
#[derive(Default)]
pub(crate) struct StoryScratch {
    seen: HashMap<u64, Seen, BuildHasherDefault<Identity>>,
    keys: Vec<u64>,
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
