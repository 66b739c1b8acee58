//! Candidate regions and hashed features of a sentence.
//!
//! Only *candidate regions* are tagged; every other token is `O`. A region is a maximal run
//! of tokens that start with an upper-case letter, joined across at most two lower-case
//! connectors ("Bank *of the* Philippines", "Procter *&* Gamble") when a capitalised token
//! follows; in an all-caps sentence (a headline, `LONDON 1996-08-30`) the whole sentence is
//! one region. Training applies the same restriction, so train and test agree.
//!
//! Each token of a region gets one feature per enabled template, hashed once
//! (FNV-1a over the bytes, then a template-specific finaliser) into a bucket of a
//! `2^bits`-bucket table; the 9 label weights of a bucket are contiguous.

use std::ops::Range;

use super::clusters::Clusters;

/// Which groups of feature templates are on; stored in the weights file so a model always
/// scores with the features it was trained with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeatureSet(pub u32);

impl FeatureSet {
    /// The token's shape (`Xxx`, `XX`, `dd`, `X.X.`) and the shapes of its neighbours.
    pub const SHAPE: u32 = 1;
    /// Prefixes and suffixes of 1 to 4 characters.
    pub const AFFIX: u32 = 2;
    /// Words at -2..+2 and the bigrams around the token.
    pub const NEIGHBOURS: u32 = 4;
    /// Sentence position, all-caps sentence, position in the region.
    pub const CAPS: u32 = 8;
    /// The gazetteer extractor's mentions (kind, begin/inside) at the token and its neighbours.
    pub const GAZ: u32 = 16;
    /// Story consistency: how the same word is written, and what the gazetteer says of it,
    /// elsewhere in the story (see [`super::story`]).
    pub const STORY: u32 = 32;
    /// Word clusters of the token and its neighbours (see [`super::clusters`]).
    pub const CLUSTERS: u32 = 64;
    /// Every group.
    pub const ALL: FeatureSet = FeatureSet(127);

    /// Whether `group` is on.
    pub fn has(self, group: u32) -> bool {
        self.0 & group != 0
    }

    /// Number of features per token.
    pub fn per_token(self) -> usize {
        let mut k = 3;
        for (g, n) in [
            (Self::SHAPE, 2),
            (Self::AFFIX, 8),
            (Self::NEIGHBOURS, 6),
            (Self::CAPS, 4),
            (Self::GAZ, 4),
            (Self::STORY, 2),
            (Self::CLUSTERS, 4),
        ] {
            if self.has(g) {
                k += n;
            }
        }
        k
    }
}

/// Lower-case words that join two capitalised tokens inside a region.
const CONNECTORS: &[&str] = &[
    "of", "de", "du", "des", "la", "le", "and", "for", "the", "van", "von", "der", "den", "al",
    "el", "bin", "da", "do", "dos", "di", "y", "&", "on", "in", "at", "-",
];

/// Whether a sentence is written in capitals: no token has a lower-case letter and some token
/// has two upper-case letters.
pub(crate) fn all_caps(words: &[&str]) -> bool {
    let mut upper_words = 0;
    for w in words {
        let mut upper = 0;
        if w.is_ascii() {
            for b in w.bytes() {
                if b.is_ascii_lowercase() {
                    return false;
                }
                upper += usize::from(b.is_ascii_uppercase());
            }
        } else {
            for c in w.chars() {
                if c.is_lowercase() {
                    return false;
                }
                upper += usize::from(c.is_uppercase());
            }
        }
        upper_words += usize::from(upper >= 2);
    }
    upper_words > 0
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// The candidate regions of a sentence, in order.
pub(crate) fn regions(words: &[&str], caps: bool, out: &mut Vec<Range<usize>>) {
    if caps {
        if !words.is_empty() {
            out.push(0..words.len());
        }
        return;
    }
    let mut i = 0;
    while i < words.len() {
        if !capitalised(words[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        loop {
            if end < words.len() && capitalised(words[end]) {
                end += 1;
                continue;
            }
            // Up to two connectors followed by a capitalised token.
            let mut j = end;
            while j < words.len() && j - end < 2 && CONNECTORS.contains(&words[j]) {
                j += 1;
            }
            if j > end && j < words.len() && capitalised(words[j]) {
                end = j + 1;
                continue;
            }
            break;
        }
        out.push(start..end);
        i = end;
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[inline]
fn fnv(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
}

/// FNV-1a hash of the word with ASCII letters lower-cased: the key of word clusters and
/// story tags.
pub(crate) fn lower_hash(w: &str) -> u64 {
    w.bytes()
        .fold(FNV_OFFSET, |h, b| fnv(h, b.to_ascii_lowercase()))
}

/// Hashes of one token, computed once and combined with each template.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Base {
    word: u64,
    lower: u64,
    shape: u64,
    prefix: [u64; 4],
    suffix: [u64; 4],
    cluster: u64,
}

/// The shape class of an ASCII byte.
#[inline]
fn ascii_class(c: u8) -> u8 {
    match c {
        b'A'..=b'Z' => b'X',
        b'a'..=b'z' => b'x',
        b'0'..=b'9' => b'd',
        _ => c,
    }
}

/// The running hash of a word's shape: its character classes, a run of one class counted
/// at most twice (`Xxxxx` hashes as `Xxx`).
#[derive(Clone, Copy)]
struct Shape {
    hash: u64,
    last: u8,
    run: u32,
}

impl Shape {
    const NEW: Shape = Shape {
        hash: FNV_OFFSET,
        last: 0,
        run: 0,
    };

    #[inline]
    fn push(&mut self, class: u8) {
        if class == self.last {
            self.run += 1;
        } else {
            self.run = 1;
            self.last = class;
        }
        if self.run <= 2 {
            self.hash = fnv(self.hash, class);
        }
    }
}

/// [`base`] for an ASCII word: bytes are characters.
fn base_ascii(w: &[u8], clusters: &Clusters) -> Base {
    let mut b = Base::default();
    let (mut word, mut lower, mut shape) = (FNV_OFFSET, FNV_OFFSET, Shape::NEW);
    for (n, &c) in w.iter().enumerate() {
        word = fnv(word, c);
        lower = fnv(lower, c.to_ascii_lowercase());
        if n < 4 {
            b.prefix[n] = word;
        }
        shape.push(ascii_class(c));
    }
    let mut s = FNV_OFFSET;
    for (n, &c) in w.iter().rev().take(4).enumerate() {
        s = fnv(s, c);
        b.suffix[n] = s;
    }
    finish(b, w.len(), [word, lower, shape.hash], clusters)
}

/// Completes a [`Base`] whose first `min(len, 4)` prefix and suffix hashes are set: a word
/// shorter than four characters repeats its whole-word hash in the missing affix slots.
fn finish(mut b: Base, len: usize, [word, lower, shape]: [u64; 3], clusters: &Clusters) -> Base {
    for k in len.min(4)..4 {
        b.prefix[k] = if len == 0 {
            FNV_OFFSET
        } else {
            b.prefix[len - 1]
        };
        b.suffix[k] = if len == 0 {
            FNV_OFFSET
        } else {
            b.suffix[len - 1]
        };
    }
    b.word = word;
    b.lower = lower;
    b.shape = shape;
    b.cluster = u64::from(clusters.get(lower));
    b
}

fn base(w: &str, clusters: &Clusters) -> Base {
    if w.is_ascii() {
        base_ascii(w.as_bytes(), clusters)
    } else {
        base_general(w, clusters)
    }
}

/// The lower-case hash of a word near a region, with its shape and cluster when `clusters`
/// is given (the word's other hashes are left unset: no template reads them).
fn neighbour_base(w: &str, clusters: Option<&Clusters>) -> Base {
    if !w.is_ascii() {
        return base_general(w, clusters.unwrap_or(&Clusters::empty()));
    }
    let mut b = Base::default();
    let (mut lower, mut shape) = (FNV_OFFSET, Shape::NEW);
    for &c in w.as_bytes() {
        lower = fnv(lower, c.to_ascii_lowercase());
        if clusters.is_some() {
            shape.push(ascii_class(c));
        }
    }
    b.lower = lower;
    if let Some(c) = clusters {
        b.shape = shape.hash;
        b.cluster = u64::from(c.get(lower));
    }
    b
}

/// Hashes of any word, character by character.
fn base_general(w: &str, clusters: &Clusters) -> Base {
    let mut b = Base::default();
    let mut word = FNV_OFFSET;
    let mut lower = FNV_OFFSET;
    let mut shape = Shape::NEW;
    for (n, c) in w.chars().enumerate() {
        let mut buf = [0u8; 4];
        for &byte in c.encode_utf8(&mut buf).as_bytes() {
            word = fnv(word, byte);
            lower = fnv(lower, byte.to_ascii_lowercase());
        }
        if n < 4 {
            b.prefix[n] = word;
        }
        let class = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_ascii_digit() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'o'
        };
        shape.push(class);
    }
    let mut s = FNV_OFFSET;
    for (n, c) in w.chars().rev().take(4).enumerate() {
        let mut buf = [0u8; 4];
        for &byte in c.encode_utf8(&mut buf).as_bytes() {
            s = fnv(s, byte);
        }
        b.suffix[n] = s;
    }
    finish(b, w.chars().count(), [word, lower, shape.hash], clusters)
}

/// Base hashes of the sentence's edges, distinct from every word.
const BOUNDARY: Base = Base {
    word: 1,
    lower: 1,
    shape: 1,
    prefix: [1; 4],
    suffix: [1; 4],
    cluster: 256,
};

/// Hash of template `t` with value `v`, reduced to a bucket of a `2^bits` table.
#[inline]
fn bucket(t: u64, v: u64, bits: u32) -> u32 {
    let mut x = v ^ t.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^= x >> 31;
    (x >> (64 - bits)) as u32
}

#[inline]
fn pair(a: u64, b: u64) -> u64 {
    a.rotate_left(17) ^ b.wrapping_mul(0x2545_f491_4f6c_dd1d)
}

/// Per-token side information: gazetteer tag (0 none, else `1 + 2 * kind + inside`) and story
/// tag (0 none, else `1 + entity type`, or 5 for "tagged O elsewhere").
#[derive(Debug, Clone, Copy)]
pub(crate) struct Side<'a> {
    pub gaz: &'a [u8],
    pub story: &'a [u8],
    pub clusters: &'a Clusters,
}

/// Appends the features of every token of every region of the sentence to `out`, `k` per
/// token (`k = set.per_token()`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn sentence_features(
    bases: &mut Vec<Base>,
    words: &[&str],
    side: Side<'_>,
    caps: bool,
    regions: &[Range<usize>],
    set: FeatureSet,
    bits: u32,
    out: &mut Vec<u32>,
) {
    if regions.is_empty() {
        return;
    }
    let n = words.len();
    // Base hashes of every token within two of a region: all of them inside, the lower
    // case, shape and cluster at one token from it, the lower case at two (what the
    // templates below read of a neighbour).
    bases.clear();
    bases.resize(n, BOUNDARY);
    let mut done = 0;
    for (k, r) in regions.iter().enumerate() {
        let next = regions.get(k + 1).map_or(usize::MAX, |r| r.start);
        let from = r.start.saturating_sub(2).max(done);
        let to = (r.end + 2).min(n);
        for i in from..to {
            let dist = if i < r.start {
                r.start - i
            } else if i < r.end {
                0
            } else {
                (i + 1 - r.end).min(next.saturating_sub(i))
            };
            bases[i] = match dist {
                0 => base(words[i], side.clusters),
                1 => neighbour_base(words[i], Some(side.clusters)),
                _ => neighbour_base(words[i], None),
            };
        }
        done = done.max(to);
    }
    let at = |i: isize| -> &Base {
        if i < 0 || i as usize >= n {
            &BOUNDARY
        } else {
            &bases[i as usize]
        }
    };
    let gaz = |i: isize| -> u64 {
        if i < 0 || i as usize >= n {
            99
        } else {
            u64::from(side.gaz.get(i as usize).copied().unwrap_or(0))
        }
    };
    let caps_flag = u64::from(caps);
    out.reserve(regions.iter().map(|r| r.len()).sum::<usize>() * set.per_token());
    for r in regions {
        for i in r.clone() {
            let ii = i as isize;
            let b = &bases[i];
            // The template number is the feature's index among the token's.
            let mut buf = [0u32; MAX_PER_TOKEN];
            let mut t = 0;
            let mut push = |v: u64| {
                buf[t] = bucket(t as u64, v, bits);
                t += 1;
            };
            push(0);
            push(b.word);
            push(b.lower);
            if set.has(FeatureSet::SHAPE) {
                push(b.shape);
                push(pair(pair(at(ii - 1).shape, b.shape), at(ii + 1).shape));
            }
            if set.has(FeatureSet::AFFIX) {
                for p in b.prefix {
                    push(p);
                }
                for s in b.suffix {
                    push(s);
                }
            }
            if set.has(FeatureSet::NEIGHBOURS) {
                let (p1, p2, n1, n2) = (at(ii - 1), at(ii - 2), at(ii + 1), at(ii + 2));
                push(p1.lower);
                push(n1.lower);
                push(p2.lower);
                push(n2.lower);
                push(pair(p1.lower, b.lower));
                push(pair(b.lower, n1.lower));
            }
            if set.has(FeatureSet::CAPS) {
                let first = u64::from(i == 0);
                push(pair(first, b.shape));
                push(pair(first, b.lower));
                push(pair(caps_flag, b.lower));
                let pos = u64::from(i == r.start) | u64::from(i + 1 == r.end) << 1;
                let len = (r.end - r.start).min(4) as u64;
                push(pair(pair(pos, len), caps_flag));
            }
            if set.has(FeatureSet::GAZ) {
                push(gaz(ii));
                push(gaz(ii - 1));
                push(gaz(ii + 1));
                push(pair(gaz(ii), b.shape));
            }
            if set.has(FeatureSet::STORY) {
                let s = u64::from(side.story.get(i).copied().unwrap_or(0));
                push(pair(s, u64::from(i == 0) | caps_flag << 1));
                push(pair(s >> 2, gaz(ii)));
            }
            if set.has(FeatureSet::CLUSTERS) {
                push(b.cluster);
                push(at(ii - 1).cluster);
                push(at(ii + 1).cluster);
                push(pair(b.cluster, b.shape));
            }
            out.extend_from_slice(&buf[..t]);
        }
    }
}

/// The most features a token has ([`FeatureSet::ALL`]).
const MAX_PER_TOKEN: usize = 33;

#[cfg(test)]
mod tests {
    use super::*;

    fn regs(s: &str) -> Vec<Range<usize>> {
        let words: Vec<&str> = s.split(' ').collect();
        let mut out = Vec::new();
        regions(&words, all_caps(&words), &mut out);
        out
    }

    #[test]
    fn regions_join_connectors_between_capitals() {
        assert_eq!(
            regs("the Bank of the Philippines said on Monday that Procter & Gamble of"),
            vec![1..5, 7..8, 9..12]
        );
        assert_eq!(regs("SOCCER - JAPAN WIN"), vec![0..4]);
        assert_eq!(regs("no capitals here"), Vec::<Range<usize>>::new());
    }

    #[test]
    fn features_are_k_per_token_and_in_range() {
        let words = [
            "Russian", "Foreign", "Minister", "Sergey", "Lavrov", "said", ".",
        ];
        let gaz = [7, 0, 0, 1, 2, 0, 0];
        let mut rs = Vec::new();
        regions(&words, false, &mut rs);
        let mut out = Vec::new();
        let clusters = Clusters::empty();
        let side = Side {
            gaz: &gaz,
            story: &[],
            clusters: &clusters,
        };
        let mut bases = Vec::new();
        sentence_features(
            &mut bases,
            &words,
            side,
            false,
            &rs,
            FeatureSet::ALL,
            12,
            &mut out,
        );
        assert_eq!(FeatureSet::ALL.per_token(), MAX_PER_TOKEN);
        assert_eq!(out.len(), 5 * FeatureSet::ALL.per_token());
        assert!(out.iter().all(|&b| b < 4096));
        // The same word gives the same word feature, another word another one.
        // The ASCII fast path gives the same hashes as the general one.
        let c = Clusters::empty();
        for w in ["Lavrov", "U.S.", "1996", "a", "", "McDONALD'S", "x-Ray9"] {
            let (x, y) = (base_ascii(w.as_bytes(), &c), base_general(w, &c));
            assert_eq!(
                (x.word, x.lower, x.shape, x.prefix, x.suffix),
                (y.word, y.lower, y.shape, y.prefix, y.suffix),
                "{w}"
            );
            // A neighbour's hashes are the ones a full base gives.
            let near = neighbour_base(w, Some(&c));
            assert_eq!(
                (near.lower, near.shape, near.cluster),
                (x.lower, x.shape, x.cluster)
            );
            assert_eq!(neighbour_base(w, None).lower, x.lower);
        }
        let (near, full) = (neighbour_base("Zürich", Some(&c)), base("Zürich", &c));
        assert_eq!((near.lower, near.shape), (full.lower, full.shape));
        let mut again = Vec::new();
        sentence_features(
            &mut bases,
            &words,
            side,
            false,
            &rs,
            FeatureSet::ALL,
            12,
            &mut again,
        );
        assert_eq!(out, again);
    }
}
