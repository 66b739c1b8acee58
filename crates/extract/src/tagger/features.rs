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
//!
//! Tagging splits a token's features in two (`sentence_emissions`): those of the word
//! alone (its hashes, affixes, cluster, and whether it opens a capitals or mixed-case
//! sentence), whose summed weights a per-thread cache keeps per word, and those of its
//! context, computed each time. The sum is the same integer either way, so the scores are
//! those of hashing every feature, to the bit; training hashes every feature.

use std::ops::Range;

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::clusters::Clusters;
use super::model::{Model, NUM_LABELS};
use super::story::Identity;

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

/// Whether `w` starts with an upper-case letter; an ASCII first byte is read as it is.
fn capitalised(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => w.chars().next().is_some_and(char::is_uppercase),
    }
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

/// Which of a token's features [`token_features`] computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Every feature (training, and the reference the cached path is tested against).
    All,
    /// Those that depend only on the word, whether it opens the sentence and whether the
    /// sentence is in capitals: the same wherever the word stands, so [`WordCache`] keeps
    /// their summed weights.
    Word,
    /// The others: neighbours, gazetteer and story tags, place in the region.
    Context,
}

/// Feature `(template, value)` pairs of token `i` of region `r`, for `part`, each passed to
/// `push` as its bucket. The template number is the feature's index among the token's
/// features of [`Part::All`], whatever `part` is, so the parts together give exactly the
/// buckets of `All`. A value of a feature outside `part` is never computed, so a base may
/// lack the hashes only those read (a cached region token has no affixes).
#[allow(clippy::too_many_arguments)]
#[inline]
fn token_features(
    part: Part,
    bases: &[Base],
    i: usize,
    r: &Range<usize>,
    side: Side<'_>,
    caps: bool,
    set: FeatureSet,
    bits: u32,
    mut push: impl FnMut(u32),
) {
    let n = bases.len();
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
    let ii = i as isize;
    let b = &bases[i];
    // The neighbours and gazetteer tags the templates read, each looked up once.
    let (before2, before, after, after2) = (at(ii - 2), at(ii - 1), at(ii + 1), at(ii + 2));
    let (gaz_before, gaz_here, gaz_after) = (gaz(ii - 1), gaz(ii), gaz(ii + 1));
    let mut t = 0u64;
    // One feature: template `t`, of the word part or not, its value computed only when
    // wanted.
    let mut f = |word: bool, v: &dyn Fn() -> u64| {
        if part == Part::All || (part == Part::Word) == word {
            push(bucket(t, v(), bits));
        }
        t += 1;
    };
    f(true, &|| 0);
    f(true, &|| b.word);
    f(true, &|| b.lower);
    if set.has(FeatureSet::SHAPE) {
        f(true, &|| b.shape);
        f(false, &|| pair(pair(before.shape, b.shape), after.shape));
    }
    if set.has(FeatureSet::AFFIX) {
        for k in 0..4 {
            f(true, &|| b.prefix[k]);
        }
        for k in 0..4 {
            f(true, &|| b.suffix[k]);
        }
    }
    if set.has(FeatureSet::NEIGHBOURS) {
        f(false, &|| before.lower);
        f(false, &|| after.lower);
        f(false, &|| before2.lower);
        f(false, &|| after2.lower);
        f(false, &|| pair(before.lower, b.lower));
        f(false, &|| pair(b.lower, after.lower));
    }
    if set.has(FeatureSet::CAPS) {
        let first = u64::from(i == 0);
        f(true, &|| pair(first, b.shape));
        f(true, &|| pair(first, b.lower));
        f(true, &|| pair(caps_flag, b.lower));
        f(false, &|| {
            let pos = u64::from(i == r.start) | u64::from(i + 1 == r.end) << 1;
            let len = (r.end - r.start).min(4) as u64;
            pair(pair(pos, len), caps_flag)
        });
    }
    if set.has(FeatureSet::GAZ) {
        f(false, &|| gaz_here);
        f(false, &|| gaz_before);
        f(false, &|| gaz_after);
        f(false, &|| pair(gaz_here, b.shape));
    }
    if set.has(FeatureSet::STORY) {
        let s = u64::from(side.story.get(i).copied().unwrap_or(0));
        f(false, &|| pair(s, u64::from(i == 0) | caps_flag << 1));
        f(false, &|| pair(s >> 2, gaz_here));
    }
    if set.has(FeatureSet::CLUSTERS) {
        f(true, &|| b.cluster);
        f(false, &|| before.cluster);
        f(false, &|| after.cluster);
        f(true, &|| pair(b.cluster, b.shape));
    }
}

/// How far token `i` stands from region `r` (0 inside), given where the next region starts:
/// a token between two regions is as far as the nearer.
#[inline]
fn distance(i: usize, r: &Range<usize>, next: usize) -> usize {
    if i < r.start {
        r.start - i
    } else if i < r.end {
        0
    } else {
        (i + 1 - r.end).min(next.saturating_sub(i))
    }
}

/// Calls `f(i, region, distance)` for every token `i` within two of a region, in order and
/// each once: `region` is the one it was reached from, `distance` 0 inside a region (see
/// [`distance`]).
fn near_regions(
    regions: &[Range<usize>],
    n: usize,
    mut f: impl FnMut(usize, &Range<usize>, usize),
) {
    let mut done = 0;
    for (k, r) in regions.iter().enumerate() {
        let next = regions.get(k + 1).map_or(usize::MAX, |r| r.start);
        let from = r.start.saturating_sub(2).max(done);
        let to = (r.end + 2).min(n);
        for i in from..to {
            f(i, r, distance(i, r, next));
        }
        done = done.max(to);
    }
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
    // templates read of a neighbour).
    bases.clear();
    bases.resize(n, BOUNDARY);
    near_regions(regions, n, |i, _, distance| {
        bases[i] = match distance {
            0 => base(words[i], side.clusters),
            1 => neighbour_base(words[i], Some(side.clusters)),
            _ => neighbour_base(words[i], None),
        };
    });
    out.reserve(regions.iter().map(|r| r.len()).sum::<usize>() * set.per_token());
    for r in regions {
        for i in r.clone() {
            token_features(Part::All, bases, i, r, side, caps, set, bits, |b| {
                out.push(b)
            });
        }
    }
}

/// Most words a [`WordCache`] holds before it starts afresh (about 4 MB).
const WORD_CACHE_MAX: usize = 1 << 16;

/// What the tagger keeps of a word it has read, for the next time: the hashes its
/// neighbours' features read, and the summed weights of its word features.
#[derive(Debug, Clone, Copy)]
struct Known {
    lower: u64,
    shape: u64,
    cluster: u8,
    /// The word features' weights ([`Part::Word`]), unscaled; all 0 for an entry made for
    /// a neighbour.
    weights: [i32; NUM_LABELS],
}

impl Known {
    /// What a word's base hashes and its word features' summed weights make.
    fn of(b: &Base, weights: [i32; NUM_LABELS]) -> Known {
        Known {
            lower: b.lower,
            shape: b.shape,
            cluster: b.cluster as u8,
            weights,
        }
    }

    /// The hashes the context features read of the word (the others unset).
    fn base(&self) -> Base {
        Base {
            lower: self.lower,
            shape: self.shape,
            cluster: u64::from(self.cluster),
            ..BOUNDARY
        }
    }
}

/// Words already read by one thread's tagger, keyed by the hash of the word as written
/// and, for a word inside a region, whether it opens its sentence and whether the sentence
/// is in capitals (the word features read both). Most of a story's names and the words
/// around them were seen in an earlier sentence or story, so their word features are
/// neither hashed nor looked up again: the weight table is larger than a core's cache.
/// Valid for one model only: it starts afresh when another model uses it.
#[derive(Debug, Default)]
pub(crate) struct WordCache {
    map: HashMap<u64, Known, BuildHasherDefault<Identity>>,
    /// The model the entries were computed with ([`Model::id`]), 0 for none yet.
    model: u64,
    /// The word weights of the sentence's region tokens (a buffer).
    weights: Vec<[i32; NUM_LABELS]>,
}

impl WordCache {
    fn key(word: u64, variant: u64) -> u64 {
        // The word hash is an FNV hash; a multiply spreads the variant over all bits, and the
        // identity hasher of the map takes the result as it is.
        (word ^ variant.wrapping_mul(0x9e37_79b9_7f4a_7c15)).wrapping_mul(0xff51_afd7_ed55_8ccd)
    }
}

/// The FNV-1a hash of a word as written (a [`Base`]'s `word`).
#[inline]
fn word_hash(w: &str) -> u64 {
    w.bytes().fold(FNV_OFFSET, fnv)
}

/// The emission scores of every token of every region of the sentence, appended to `out` in
/// order: what [`sentence_features`] and [`Model::emission`] give, to the bit, with the word
/// features of a word seen before taken from `cache`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn sentence_emissions(
    cache: &mut WordCache,
    bases: &mut Vec<Base>,
    words: &[&str],
    side: Side<'_>,
    caps: bool,
    regions: &[Range<usize>],
    model: &Model,
    out: &mut Vec<[f32; NUM_LABELS]>,
) {
    if regions.is_empty() {
        return;
    }
    let (set, bits) = (model.features, model.bits);
    let id = model.id();
    if cache.model != id || cache.map.len() > WORD_CACHE_MAX {
        cache.map.clear();
        cache.model = id;
    }
    let n = words.len();
    bases.clear();
    bases.resize(n, BOUNDARY);
    // The word weights of each region token, in order (tokens are visited in order, each
    // once, region tokens at distance 0).
    let WordCache { map, weights, .. } = cache;
    weights.clear();
    near_regions(regions, n, |i, r, distance| {
        let w = words[i];
        match distance {
            0 => {
                let variant = u64::from(i == 0) | u64::from(caps) << 1;
                let key = WordCache::key(word_hash(w), variant);
                if let Some(known) = map.get(&key) {
                    bases[i] = known.base();
                    weights.push(known.weights);
                    return;
                }
                bases[i] = base(w, side.clusters);
                let (mut buckets, mut k) = ([0u32; MAX_PER_TOKEN], 0);
                token_features(Part::Word, bases, i, r, side, caps, set, bits, |b| {
                    buckets[k] = b;
                    k += 1;
                });
                let mut sum = [0; NUM_LABELS];
                model.add_weights(&buckets[..k], &mut sum);
                map.insert(key, Known::of(&bases[i], sum));
                weights.push(sum);
            }
            1 => {
                let key = WordCache::key(word_hash(w), 4);
                let known = map.entry(key).or_insert_with(|| {
                    Known::of(&neighbour_base(w, Some(side.clusters)), [0; NUM_LABELS])
                });
                bases[i] = known.base();
            }
            _ => bases[i] = neighbour_base(w, None),
        }
    });
    let mut at = 0;
    for r in regions {
        for i in r.clone() {
            // At most every feature of a token: on the stack, no vector to grow.
            let (mut buckets, mut k) = ([0u32; MAX_PER_TOKEN], 0);
            token_features(Part::Context, bases, i, r, side, caps, set, bits, |b| {
                buckets[k] = b;
                k += 1;
            });
            let mut acc = weights[at];
            at += 1;
            model.add_weights(&buckets[..k], &mut acc);
            out.push(model.scaled(acc));
        }
    }
}

/// The most features a token has ([`FeatureSet::ALL`], as a test checks): the size of the
/// buckets [`sentence_emissions`] gathers for one token on the stack.
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
    fn capitals_are_told_as_by_the_first_character() {
        for w in [
            "", "A", "a", "Zürich", "Ölpreis", "ölpreis", "1996", "'s", "É", "ǅ", "Σ", "東京",
        ] {
            assert_eq!(
                capitalised(w),
                w.chars().next().is_some_and(char::is_uppercase),
                "{w:?}"
            );
        }
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

    /// Emission scores the plain way: every feature hashed and looked up.
    fn plain_emissions(
        words: &[&str],
        side: Side<'_>,
        caps: bool,
        regions: &[Range<usize>],
        m: &Model,
    ) -> Vec<[f32; NUM_LABELS]> {
        let mut feats = Vec::new();
        sentence_features(
            &mut Vec::new(),
            words,
            side,
            caps,
            regions,
            m.features,
            m.bits,
            &mut feats,
        );
        feats
            .chunks(m.features.per_token())
            .map(|f| m.emission(f))
            .collect()
    }

    #[test]
    fn cached_word_weights_give_the_plain_emissions_to_the_bit() {
        let shipped = crate::tagger::Tagger::embedded().model().clone();
        // Another model of the same shape, with other weights: the cache must not serve one
        // model's weights to the other.
        let mut seed = 7u64;
        let weights: Vec<f32> = (0..(1usize << shipped.bits) * NUM_LABELS)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed % 201) as f32 - 100.0
            })
            .collect();
        let other = Model::quantise(
            shipped.bits,
            1,
            shipped.features,
            &weights,
            shipped.trans,
            shipped.clusters.clone(),
        );
        let sentences = [
            "Russian Foreign Minister Sergey Lavrov met Mali 's junta in Bamako on Monday .",
            "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .",
            "Lavrov said the Wagner Group and Bank of the Philippines , Lavrov added .",
            "Zürich Ölpreise fielen , sagte Müller in São Paulo .",
            "Procter & Gamble Co",
            "the end",
        ];
        let mut cache = WordCache::default();
        let mut bases = Vec::new();
        // Twice over: first with a cold cache, then with every word in it.
        for m in [&shipped, &other, &shipped, &other] {
            for (n, text) in sentences.iter().enumerate() {
                let words: Vec<&str> = text.split(' ').collect();
                let caps = all_caps(&words);
                let mut rs = Vec::new();
                regions(&words, caps, &mut rs);
                let gaz: Vec<u8> = (0..words.len()).map(|i| ((i * 3 + n) % 9) as u8).collect();
                let story: Vec<u8> = (0..words.len()).map(|i| ((i * 5 + n) % 7) as u8).collect();
                let side = Side {
                    gaz: &gaz,
                    story: &story,
                    clusters: &m.clusters,
                };
                let want = plain_emissions(&words, side, caps, &rs, m);
                assert_eq!(want.len(), rs.iter().map(|r| r.len()).sum::<usize>());
                let mut got = Vec::new();
                sentence_emissions(&mut cache, &mut bases, &words, side, caps, &rs, m, &mut got);
                assert_eq!(got, want, "{text}");
            }
        }
        assert!(!cache.map.is_empty());
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
