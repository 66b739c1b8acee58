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
    let c = w.chars().next().unwrap_or(' ');
    if c.is_lowercase() {
        s.lower = 1;
    } else if c.is_uppercase() && !first && !caps {
        s.mid_cap = 1;
    }
    if gaz > 0 {
        s.gaz[usize::from((gaz - 1) / 2)] = 1;
    }
    s
}

/// Story tags (the bits above) of every token of a story: `sentences[i]` are the words of
/// sentence `i`, `gaz[i]` their gazetteer tags (may be empty), `caps[i]` whether it is all
/// caps. Only tokens that start with an upper-case letter (the only ones ever tagged) get a
/// tag; others get 0.
pub(crate) fn story_tags(
    sentences: &[&[&str]],
    gaz: &[&[u8]],
    caps: &[bool],
    out: &mut Vec<Vec<u8>>,
) {
    let gaz_at = |s: usize, i: usize| gaz.get(s).and_then(|g| g.get(i)).copied().unwrap_or(0);
    let first_char = |w: &str| w.chars().next().unwrap_or(' ');
    // Capitalised tokens first: their keys (one flat list, sentence after sentence), and
    // what each occurrence shows. `shapes[b]` has bit `n` set when a capitalised word of
    // `n` bytes (63 for longer) starts with byte `b` in lower case: a lower-case word can
    // only share a key with one of those, so the others are not hashed.
    let mut seen: HashMap<u64, Seen, BuildHasherDefault<Identity>> = HashMap::default();
    let mut keys: Vec<u64> = Vec::with_capacity(sentences.iter().map(|s| s.len()).sum());
    let mut shapes = [0u64; 256];
    let shape = |w: &str| {
        let b = w.as_bytes();
        (b[0].to_ascii_lowercase(), 1u64 << b.len().min(63))
    };
    for (s, words) in sentences.iter().enumerate() {
        for (i, w) in words.iter().enumerate() {
            let mut k = 0;
            if first_char(w).is_uppercase() {
                k = lower_key(w);
                let (b, len) = shape(w);
                shapes[usize::from(b)] |= len;
                let o = observe(w, i == 0, caps[s], gaz_at(s, i));
                let e = seen.entry(k).or_default();
                e.mid_cap += o.mid_cap;
                e.all += o.all;
                for g in 0..4 {
                    e.gaz[g] += o.gaz[g];
                }
            }
            keys.push(k);
        }
    }
    // Lower-case occurrences of those words.
    if !seen.is_empty() {
        for w in sentences.iter().flat_map(|s| s.iter()) {
            if first_char(w).is_lowercase() {
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
    out.clear();
    let mut at = 0;
    for (s, words) in sentences.iter().enumerate() {
        let mut tags = vec![0u8; words.len()];
        let keys = &keys[at..at + words.len()];
        at += words.len();
        for (i, w) in words.iter().enumerate() {
            if keys[i] == 0 && !first_char(w).is_uppercase() {
                continue;
            }
            let Some(e) = seen.get(&keys[i]) else {
                continue;
            };
            let o = observe(w, i == 0, caps[s], gaz_at(s, i));
            let mut t = 0u8;
            t |= u8::from(e.lower > o.lower);
            t |= u8::from(e.mid_cap > o.mid_cap) << 1;
            for g in 0..4 {
                t |= u8::from(e.gaz[g] > o.gaz[g]) << (2 + g);
            }
            t |= u8::from(e.all > 1) << 6;
            tags[i] = t;
        }
        out.push(tags);
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
        let mut out = Vec::new();
        story_tags(
            &[s1, s2, s3],
            &[&[], g2, &[]],
            &[true, false, false],
            &mut out,
        );
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
