//! Word clusters learned from unlabelled news: words used in similar contexts share a
//! cluster, so the tagger generalises from "Gorbachev said" to an unseen "Yeltsin said".
//!
//! Learning ([`Clusters::learn`]): every lower-cased word seen at least `min_count` times
//! (up to `max_words`, most frequent first) gets a context vector of how often each of the
//! `contexts` most frequent words stands just before and just after it (square roots of the
//! relative counts, unit length); spherical k-means (cosine similarity, `k` clusters,
//! initial centroids drawn by a seeded generator, `iterations` rounds) groups them.
//! Everything is ordered explicitly, so the same texts give the same clusters.
//!
//! Storage: an open-addressing table of `2^bits` slots (u32 key fingerprint of the word's
//! lower-case hash, then one byte per slot: the cluster, 1..=255; 0 is "unknown word"), read
//! in place from the model's bytes.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::features::lower_hash;
use super::story::Identity;
use super::tokenize::tokenize_into;

/// Options of [`Clusters::learn`].
#[derive(Debug, Clone, Copy)]
pub struct ClusterOptions {
    /// Number of clusters (at most 255).
    pub k: usize,
    /// Words seen fewer times are not clustered.
    pub min_count: u32,
    /// At most this many words are clustered.
    pub max_words: usize,
    /// Context words (the most frequent ones) on each side.
    pub contexts: usize,
    /// Rounds of k-means.
    pub iterations: usize,
    /// Seed of the initial centroids.
    pub seed: u64,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            k: 255,
            min_count: 3,
            max_words: 40_000,
            contexts: 300,
            iterations: 12,
            seed: 0x636c_7573_7465_7273,
        }
    }
}

/// A word -> cluster table.
#[derive(Debug, Clone)]
pub struct Clusters {
    bits: u32,
    keys: Cow<'static, [u8]>,
    values: Cow<'static, [u8]>,
}

type IdMap<V> = HashMap<u64, V, BuildHasherDefault<Identity>>;

fn fingerprint(h: u64) -> u32 {
    (h as u32) | 1
}

impl Clusters {
    /// No clusters: every word is unknown.
    pub fn empty() -> Clusters {
        Clusters {
            bits: 0,
            keys: Cow::Borrowed(&[]),
            values: Cow::Borrowed(&[]),
        }
    }

    /// Number of words with a cluster.
    pub fn len(&self) -> usize {
        self.values.iter().filter(|&&v| v != 0).count()
    }

    /// Whether no word has a cluster.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cluster (1..=255) of the word whose [`lower_hash`] is `h`, 0 when unknown.
    #[inline]
    pub(crate) fn get(&self, h: u64) -> u8 {
        if self.bits == 0 {
            return 0;
        }
        let mask = (1usize << self.bits) - 1;
        let fp = fingerprint(h);
        let mut slot = (h >> (64 - self.bits)) as usize;
        loop {
            let at = 4 * slot;
            let k = u32::from_le_bytes([
                self.keys[at],
                self.keys[at + 1],
                self.keys[at + 2],
                self.keys[at + 3],
            ]);
            if k == fp {
                return self.values[slot];
            }
            if k == 0 {
                return 0;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Builds the table from `(word hash, cluster)` pairs, at most half full.
    fn from_pairs(pairs: &[(u64, u8)]) -> Clusters {
        if pairs.is_empty() {
            return Clusters::empty();
        }
        let mut bits = 4;
        while (1usize << bits) < 2 * pairs.len() {
            bits += 1;
        }
        let slots = 1usize << bits;
        let mut keys = vec![0u32; slots];
        let mut values = vec![0u8; slots];
        for &(h, c) in pairs {
            let mut slot = (h >> (64 - bits)) as usize;
            while keys[slot] != 0 && keys[slot] != fingerprint(h) {
                slot = (slot + 1) & (slots - 1);
            }
            keys[slot] = fingerprint(h);
            values[slot] = c;
        }
        Clusters {
            bits,
            keys: Cow::Owned(keys.iter().flat_map(|k| k.to_le_bytes()).collect()),
            values: Cow::Owned(values),
        }
    }

    /// Appends the table's bytes: u32 bits, then `4 * 2^bits` key bytes and `2^bits` values
    /// (nothing after the u32 when empty).
    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&self.keys);
        out.extend_from_slice(&self.values);
    }

    /// Reads a table written by [`Clusters::write`] from the start of `b`; returns it and the
    /// number of bytes read, or `None` when malformed.
    pub(crate) fn read(b: Cow<'static, [u8]>) -> Option<(Clusters, usize)> {
        if b.len() < 4 {
            return None;
        }
        let bits = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        if bits == 0 {
            return Some((Clusters::empty(), 4));
        }
        if !(4..=24).contains(&bits) {
            return None;
        }
        let slots = 1usize << bits;
        let len = 4 + 5 * slots;
        if b.len() < len {
            return None;
        }
        let (keys, values) = match b {
            Cow::Borrowed(s) => (
                Cow::Borrowed(&s[4..4 + 4 * slots]),
                Cow::Borrowed(&s[4 + 4 * slots..len]),
            ),
            Cow::Owned(v) => (
                Cow::Owned(v[4..4 + 4 * slots].to_vec()),
                Cow::Owned(v[4 + 4 * slots..len].to_vec()),
            ),
        };
        Some((Clusters { bits, keys, values }, len))
    }

    /// Learns clusters from `texts` (see the module documentation).
    pub fn learn<'a>(
        texts: impl Iterator<Item = &'a str> + Clone,
        opts: &ClusterOptions,
    ) -> Clusters {
        let k = opts.k.clamp(1, 255);
        let mut tokens = Vec::new();
        let mut sentences = Vec::new();
        // Each text as sentences of word hashes.
        let mut counts: IdMap<u32> = IdMap::default();
        let mut for_each_sentence = |f: &mut dyn FnMut(&[u64])| {
            let mut hashes = Vec::new();
            for text in texts.clone() {
                tokenize_into(text, &mut tokens, &mut sentences);
                for r in &sentences {
                    hashes.clear();
                    hashes.extend(
                        tokens[r.clone()]
                            .iter()
                            .map(|t| lower_hash(&text[t.start..t.end])),
                    );
                    f(&hashes);
                }
            }
        };
        for_each_sentence(&mut |s| {
            for &h in s {
                *counts.entry(h).or_default() += 1;
            }
        });
        let mut by_freq: Vec<(u64, u32)> = counts.into_iter().collect();
        by_freq.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let contexts: IdMap<u16> = by_freq
            .iter()
            .take(opts.contexts)
            .enumerate()
            .map(|(i, &(h, _))| (h, i as u16))
            .collect();
        let vocab: IdMap<u32> = by_freq
            .iter()
            .filter(|&&(_, c)| c >= opts.min_count)
            .take(opts.max_words)
            .enumerate()
            .map(|(i, &(h, _))| (h, i as u32))
            .collect();
        let n = vocab.len();
        if n < k {
            return Clusters::empty();
        }
        // Context counts: dimension = context id (left) or contexts + id (right).
        let mut ctx: Vec<IdMap<u32>> = vec![IdMap::default(); n];
        let boundary = opts.contexts as u16 - 1;
        let c = opts.contexts as u64;
        for_each_sentence(&mut |s| {
            for (i, h) in s.iter().enumerate() {
                let Some(&v) = vocab.get(h) else { continue };
                let left = if i == 0 {
                    Some(&boundary)
                } else {
                    contexts.get(&s[i - 1])
                };
                let right = s.get(i + 1).map_or(Some(&boundary), |r| contexts.get(r));
                if let Some(&l) = left {
                    *ctx[v as usize].entry(u64::from(l)).or_default() += 1;
                }
                if let Some(&r) = right {
                    *ctx[v as usize].entry(c + u64::from(r)).or_default() += 1;
                }
            }
        });
        let dims = 2 * opts.contexts;
        let vectors: Vec<Vec<(u32, f32)>> = ctx
            .into_iter()
            .map(|m| {
                let mut v: Vec<(u32, f32)> =
                    m.into_iter().map(|(d, x)| (d as u32, x as f32)).collect();
                v.sort_by_key(|&(d, _)| d);
                let total: f32 = v.iter().map(|x| x.1).sum::<f32>().max(1.0);
                for x in &mut v {
                    x.1 = (x.1 / total).sqrt();
                }
                let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(1e-9);
                for x in &mut v {
                    x.1 /= norm;
                }
                v
            })
            .collect();
        let assign = spherical_kmeans(&vectors, dims, k, opts);
        let mut words: Vec<(u64, u32)> = vocab.into_iter().collect();
        words.sort_by_key(|&(_, i)| i);
        let pairs: Vec<(u64, u8)> = words
            .iter()
            .map(|&(h, i)| (h, assign[i as usize] as u8 + 1))
            .collect();
        Clusters::from_pairs(&pairs)
    }
}

/// Spherical k-means over unit sparse vectors; returns each vector's cluster (0..k).
fn spherical_kmeans(
    vectors: &[Vec<(u32, f32)>],
    dims: usize,
    k: usize,
    opts: &ClusterOptions,
) -> Vec<usize> {
    let n = vectors.len();
    let mut state = opts.seed | 1;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    // Initial centroids: k distinct vectors drawn at random.
    let mut picked: Vec<usize> = Vec::with_capacity(k);
    while picked.len() < k {
        let i = (next() % n as u64) as usize;
        if !picked.contains(&i) && !vectors[i].is_empty() {
            picked.push(i);
        }
    }
    let mut centroids = vec![0f32; k * dims];
    for (c, &i) in picked.iter().enumerate() {
        for &(d, x) in &vectors[i] {
            centroids[c * dims + d as usize] = x;
        }
    }
    let mut assign = vec![0usize; n];
    let mut scores = vec![0f32; k];
    for _ in 0..opts.iterations {
        for (v, a) in vectors.iter().zip(&mut assign) {
            scores.iter_mut().for_each(|s| *s = 0.0);
            for &(d, x) in v {
                for (c, s) in scores.iter_mut().enumerate() {
                    *s += x * centroids[c * dims + d as usize];
                }
            }
            let mut best = 0;
            for c in 1..k {
                if scores[c] > scores[best] {
                    best = c;
                }
            }
            *a = best;
        }
        centroids.iter_mut().for_each(|x| *x = 0.0);
        for (v, &a) in vectors.iter().zip(&assign) {
            for &(d, x) in v {
                centroids[a * dims + d as usize] += x;
            }
        }
        for c in centroids.chunks_exact_mut(dims) {
            let norm = c.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                c.iter_mut().for_each(|x| *x /= norm);
            }
        }
    }
    assign
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_contexts_share_a_cluster() {
        let mut text = String::new();
        let people = ["Smith", "Jones", "Brown", "Green"];
        let places = ["Paris", "Rome", "Oslo", "Lima"];
        for i in 0..200 {
            text.push_str(&format!("Mr {} said on Monday .\n", people[i % 4]));
            text.push_str(&format!("prices rose in {} today .\n", places[(i * 3) % 4]));
        }
        let opts = ClusterOptions {
            k: 6,
            min_count: 2,
            contexts: 20,
            ..ClusterOptions::default()
        };
        let texts = [text.as_str()];
        let c = Clusters::learn(texts.iter().copied(), &opts);
        let of = |w: &str| c.get(lower_hash(w));
        assert_ne!(of("smith"), 0);
        assert!(people.iter().all(|p| of(p) == of("Smith")));
        assert!(places.iter().all(|p| of(p) == of("Paris")));
        assert_ne!(of("Smith"), of("Paris"));
        assert_eq!(of("Zanzibar"), 0);
        // Round trip through bytes.
        let mut bytes = Vec::new();
        c.write(&mut bytes);
        let (back, len) = Clusters::read(Cow::Owned(bytes.clone())).unwrap();
        assert_eq!(len, bytes.len());
        assert_eq!(back.get(lower_hash("Rome")), of("Rome"));
    }
}
