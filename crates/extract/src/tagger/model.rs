//! The weights of the tagger, first-order Viterbi decoding and label posteriors.
//!
//! A model is a table of `2^bits` buckets of 9 label weights (quantised to `i8` or `i16`
//! with one scale), a 9x9 transition matrix and the feature set it was trained with. The
//! file format, little-endian:
//!
//! ```text
//! magic "NXTAG001" | u32 bits | u32 width (1 or 2) | u32 feature set | f32 scale
//! | 81 x f32 transitions (row = previous label) | 2^bits x 9 x width bytes of weights
//! | word clusters (u32 slot bits, then keys and values, see [`super::clusters`])
//! ```
//!
//! Scoring reads the table in place (the embedded bytes are never copied).

use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, Ordering};

use super::clusters::Clusters;
use super::features::FeatureSet;
use super::ModelError;

/// Number of IOB2 labels: `O`, then `B-`/`I-` of PER, ORG, LOC, MISC.
pub const NUM_LABELS: usize = 9;
/// The `O` label.
pub const O: u8 = 0;

const MAGIC: &[u8; 8] = b"NXTAG001";
const HEADER: usize = 8 + 4 * 4 + NUM_LABELS * NUM_LABELS * 4;

/// Transition scores, `trans[previous][current]`; a region starts after `O` and ends before
/// `O`.
pub(crate) type Transitions = [[f32; NUM_LABELS]; NUM_LABELS];

/// A trained tagger model, its weight table borrowed (embedded) or owned (freshly trained).
#[derive(Debug, Clone)]
pub struct Model {
    pub(crate) bits: u32,
    pub(crate) width: usize,
    pub(crate) features: FeatureSet,
    pub(crate) scale: f32,
    pub(crate) trans: Transitions,
    table: Cow<'static, [u8]>,
    pub(crate) clusters: Clusters,
    /// Distinct for every model made or read (a clone shares it, having the same weights):
    /// what caches of computed weights are keyed by.
    id: u64,
}

/// The next [`Model::id`].
fn next_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

impl Model {
    /// Quantises float weights (`2^bits * 9` of them) to `width` bytes each.
    pub(crate) fn quantise(
        bits: u32,
        width: usize,
        features: FeatureSet,
        weights: &[f32],
        trans: Transitions,
        clusters: Clusters,
    ) -> Model {
        assert!(width == 1 || width == 2);
        assert_eq!(weights.len(), (1usize << bits) * NUM_LABELS);
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-9);
        let levels = if width == 1 { 127.0 } else { 32767.0 };
        let scale = max / levels;
        let mut table = Vec::with_capacity(weights.len() * width);
        for w in weights {
            let q = (w / scale).round().clamp(-levels, levels);
            if width == 1 {
                table.push(q as i8 as u8);
            } else {
                table.extend_from_slice(&(q as i16).to_le_bytes());
            }
        }
        Model {
            bits,
            width,
            features,
            scale,
            trans,
            table: Cow::Owned(table),
            clusters,
            id: next_id(),
        }
    }

    /// Reads a model from its bytes without copying the weight table.
    pub fn from_static(bytes: &'static [u8]) -> Result<Model, ModelError> {
        Self::parse(Cow::Borrowed(bytes))
    }

    /// Reads a model from owned bytes (a file).
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Model, ModelError> {
        Self::parse(Cow::Owned(bytes))
    }

    fn parse(bytes: Cow<'static, [u8]>) -> Result<Model, ModelError> {
        let b: &[u8] = &bytes;
        if b.len() < HEADER || &b[..8] != MAGIC {
            return Err(ModelError::Format("not a newsidx tagger model".into()));
        }
        let bits = u32_at(b, 8);
        let width = u32_at(b, 12) as usize;
        let features = FeatureSet(u32_at(b, 16));
        let scale = f32::from_bits(u32_at(b, 20));
        if !(4..=26).contains(&bits) || !(width == 1 || width == 2) {
            return Err(ModelError::Format(format!("bits {bits}, width {width}")));
        }
        let want = HEADER + (1usize << bits) * NUM_LABELS * width;
        if b.len() < want {
            return Err(ModelError::Format(format!(
                "{} bytes, expected at least {want}",
                b.len()
            )));
        }
        let mut trans = [[0f32; NUM_LABELS]; NUM_LABELS];
        for (i, t) in trans.iter_mut().flatten().enumerate() {
            *t = f32::from_bits(u32_at(b, 24 + 4 * i));
        }
        let (table, rest) = match bytes {
            Cow::Borrowed(s) => (Cow::Borrowed(&s[HEADER..want]), Cow::Borrowed(&s[want..])),
            Cow::Owned(v) => (
                Cow::Owned(v[HEADER..want].to_vec()),
                Cow::Owned(v[want..].to_vec()),
            ),
        };
        let rest_len = rest.len();
        let clusters = match Clusters::read(rest) {
            Some((c, len)) if len == rest_len => c,
            _ => return Err(ModelError::Format("bad word cluster table".into())),
        };
        Ok(Model {
            bits,
            width,
            features,
            scale,
            trans,
            table,
            clusters,
            id: next_id(),
        })
    }

    /// The model as bytes (the format above).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER + self.table.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&(self.width as u32).to_le_bytes());
        out.extend_from_slice(&self.features.0.to_le_bytes());
        out.extend_from_slice(&self.scale.to_bits().to_le_bytes());
        for t in self.trans.iter().flatten() {
            out.extend_from_slice(&t.to_bits().to_le_bytes());
        }
        out.extend_from_slice(&self.table);
        self.clusters.write(&mut out);
        out
    }

    /// The feature groups the model was trained with.
    pub fn features(&self) -> FeatureSet {
        self.features
    }

    /// Which model this is: distinct for every model made or read, the same for a clone.
    pub(crate) fn id(&self) -> u64 {
        self.id
    }

    /// Emission scores of one token from its `k` feature buckets.
    #[cfg(test)]
    pub(crate) fn emission(&self, feats: &[u32]) -> [f32; NUM_LABELS] {
        let mut acc = [0i32; NUM_LABELS];
        self.add_weights(feats, &mut acc);
        self.scaled(acc)
    }

    /// Adds the quantised label weights of the buckets `feats` to `acc`: integer sums, so
    /// the order in which buckets are added does not change the result.
    #[inline]
    pub(crate) fn add_weights(&self, feats: &[u32], acc: &mut [i32; NUM_LABELS]) {
        let t: &[u8] = &self.table;
        if self.width == 1 {
            for &f in feats {
                let at = f as usize * NUM_LABELS;
                let w = &t[at..at + NUM_LABELS];
                for (a, &x) in acc.iter_mut().zip(w) {
                    *a += i32::from(x as i8);
                }
            }
        } else {
            for &f in feats {
                let at = f as usize * NUM_LABELS * 2;
                let w = &t[at..at + 2 * NUM_LABELS];
                for (l, a) in acc.iter_mut().enumerate() {
                    *a += i32::from(i16::from_le_bytes([w[2 * l], w[2 * l + 1]]));
                }
            }
        }
    }

    /// Emission scores from summed quantised weights.
    #[inline]
    pub(crate) fn scaled(&self, acc: [i32; NUM_LABELS]) -> [f32; NUM_LABELS] {
        acc.map(|a| a as f32 * self.scale)
    }
}

/// The best label sequence for emission scores `em` under `trans` (first-order Viterbi,
/// starting after and ending before `O`).
pub(crate) fn viterbi(em: &[[f32; NUM_LABELS]], trans: &Transitions, out: &mut Vec<u8>) {
    viterbi_with(em, trans, &mut Vec::new(), out);
}

/// [`viterbi`] with a reused buffer of back pointers.
pub(crate) fn viterbi_with(
    em: &[[f32; NUM_LABELS]],
    trans: &Transitions,
    back: &mut Vec<[u8; NUM_LABELS]>,
    out: &mut Vec<u8>,
) {
    out.clear();
    let n = em.len();
    if n == 0 {
        return;
    }
    back.clear();
    back.resize(n, [0u8; NUM_LABELS]);
    let mut score = [0f32; NUM_LABELS];
    for l in 0..NUM_LABELS {
        score[l] = trans[O as usize][l] + em[0][l];
    }
    for t in 1..n {
        // The best previous label of each label: the previous labels in order, as for one
        // label at a time (the same sums and comparisons), for all labels side by side.
        let mut best = [f32::NEG_INFINITY; NUM_LABELS];
        let mut arg = [0u8; NUM_LABELS];
        for (prev, row) in trans.iter().enumerate() {
            let from = score[prev];
            for cur in 0..NUM_LABELS {
                let s = from + row[cur];
                if s > best[cur] {
                    best[cur] = s;
                    arg[cur] = prev as u8;
                }
            }
        }
        for cur in 0..NUM_LABELS {
            score[cur] = best[cur] + em[t][cur];
        }
        back[t] = arg;
    }
    let mut best = f32::NEG_INFINITY;
    let mut last = 0u8;
    for l in 0..NUM_LABELS {
        let s = score[l] + trans[l][O as usize];
        if s > best {
            best = s;
            last = l as u8;
        }
    }
    out.resize(n, 0);
    out[n - 1] = last;
    for t in (1..n).rev() {
        out[t - 1] = back[t][out[t] as usize];
    }
}

/// The score of a label sequence (what Viterbi maximises).
#[cfg(test)]
pub(crate) fn path_score(em: &[[f32; NUM_LABELS]], trans: &Transitions, labels: &[u8]) -> f32 {
    let mut prev = O as usize;
    let mut s = 0.0;
    for (e, &l) in em.iter().zip(labels) {
        s += trans[prev][l as usize] + e[l as usize];
        prev = l as usize;
    }
    s + trans[prev][O as usize]
}

/// The larger of two scores: what `f32::max` gives, without its handling of NaN, which no
/// score is (they are sums of finite weights). Equal scores keep `a`; the only equal scores
/// `f32::max` might tell apart are 0 and -0, and no score compared is -0: each is a sum with
/// an emission score, a weight sum times the model's positive scale, which is never -0.
#[inline]
fn larger(a: f32, b: f32) -> f32 {
    if b > a {
        b
    } else {
        a
    }
}

/// For each token, how much better the chosen path `labels` (the Viterbi path) scores than
/// the best path giving that token another label: the max-marginal margin, >= 0.
pub(crate) fn margins(
    em: &[[f32; NUM_LABELS]],
    trans: &Transitions,
    labels: &[u8],
    alpha: &mut Vec<[f32; NUM_LABELS]>,
    beta: &mut Vec<[f32; NUM_LABELS]>,
    out: &mut [f32],
) {
    let n = em.len();
    alpha.clear();
    alpha.resize(n, [0.0; NUM_LABELS]);
    beta.clear();
    beta.resize(n, [0.0; NUM_LABELS]);
    for l in 0..NUM_LABELS {
        alpha[0][l] = trans[0][l] + em[0][l];
        beta[n - 1][l] = trans[l][0];
    }
    for t in 1..n {
        // The previous labels in order, as for one label at a time, for all side by side.
        let mut best = [f32::NEG_INFINITY; NUM_LABELS];
        for (p, row) in trans.iter().enumerate() {
            let from = alpha[t - 1][p];
            for cur in 0..NUM_LABELS {
                best[cur] = larger(best[cur], from + row[cur]);
            }
        }
        for cur in 0..NUM_LABELS {
            alpha[t][cur] = best[cur] + em[t][cur];
        }
    }
    // The transitions by next label, so that the next labels too are taken in order for all
    // labels side by side.
    let into: Transitions = std::array::from_fn(|x| std::array::from_fn(|cur| trans[cur][x]));
    for t in (0..n.saturating_sub(1)).rev() {
        let mut best = [f32::NEG_INFINITY; NUM_LABELS];
        for (x, column) in into.iter().enumerate() {
            let (e, b) = (em[t + 1][x], beta[t + 1][x]);
            for cur in 0..NUM_LABELS {
                best[cur] = larger(best[cur], column[cur] + e + b);
            }
        }
        beta[t] = best;
    }
    for (t, m) in out.iter_mut().enumerate().take(n) {
        let chosen = labels[t] as usize;
        let other = (0..NUM_LABELS)
            .filter(|&l| l != chosen)
            .map(|l| alpha[t][l] + beta[t][l])
            .fold(f32::NEG_INFINITY, larger);
        *m = (alpha[t][chosen] + beta[t][chosen] - other).max(0.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small seeded generator for test tables.
    fn rng(seed: &mut u64) -> f32 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        (*seed % 2001) as f32 / 100.0 - 10.0
    }

    #[test]
    fn viterbi_equals_brute_force() {
        let mut seed = 0x1234_5678_9abc_def1u64;
        for n in 1..=4usize {
            for _ in 0..5 {
                let em: Vec<[f32; NUM_LABELS]> = (0..n)
                    .map(|_| std::array::from_fn(|_| rng(&mut seed)))
                    .collect();
                let trans: Transitions =
                    std::array::from_fn(|_| std::array::from_fn(|_| rng(&mut seed)));
                let mut best = f32::NEG_INFINITY;
                let mut paths = Vec::new();
                let mut labels = vec![0u8; n];
                for code in 0..NUM_LABELS.pow(n as u32) {
                    let mut c = code;
                    for l in labels.iter_mut() {
                        *l = (c % NUM_LABELS) as u8;
                        c /= NUM_LABELS;
                    }
                    let s = path_score(&em, &trans, &labels);
                    best = best.max(s);
                    paths.push((labels.clone(), s));
                }
                let mut got = Vec::new();
                viterbi(&em, &trans, &mut got);
                assert!((path_score(&em, &trans, &got) - best).abs() < 1e-3);
                // Each token's margin is the best score minus the best score of a path that
                // labels the token otherwise.
                let mut m = vec![0f32; n];
                margins(&em, &trans, &got, &mut Vec::new(), &mut Vec::new(), &mut m);
                for t in 0..n {
                    let other = paths
                        .iter()
                        .filter(|(p, _)| p[t] != got[t])
                        .map(|(_, s)| *s)
                        .fold(f32::NEG_INFINITY, f32::max);
                    assert!((m[t] - (best - other)).abs() < 1e-3, "{m:?} {t}");
                }
            }
        }
    }

    /// [`margins`] with `f32::max`, as first written.
    fn margins_plain(em: &[[f32; NUM_LABELS]], trans: &Transitions, labels: &[u8]) -> Vec<f32> {
        let n = em.len();
        let mut alpha = vec![[0.0; NUM_LABELS]; n];
        let mut beta = vec![[0.0; NUM_LABELS]; n];
        for l in 0..NUM_LABELS {
            alpha[0][l] = trans[0][l] + em[0][l];
            beta[n - 1][l] = trans[l][0];
        }
        for t in 1..n {
            for cur in 0..NUM_LABELS {
                let best = (0..NUM_LABELS)
                    .map(|p| alpha[t - 1][p] + trans[p][cur])
                    .fold(f32::NEG_INFINITY, f32::max);
                alpha[t][cur] = best + em[t][cur];
            }
        }
        for t in (0..n.saturating_sub(1)).rev() {
            for cur in 0..NUM_LABELS {
                beta[t][cur] = (0..NUM_LABELS)
                    .map(|x| trans[cur][x] + em[t + 1][x] + beta[t + 1][x])
                    .fold(f32::NEG_INFINITY, f32::max);
            }
        }
        (0..n)
            .map(|t| {
                let chosen = labels[t] as usize;
                let other = (0..NUM_LABELS)
                    .filter(|&l| l != chosen)
                    .map(|l| alpha[t][l] + beta[t][l])
                    .fold(f32::NEG_INFINITY, f32::max);
                (alpha[t][chosen] + beta[t][chosen] - other).max(0.0)
            })
            .collect()
    }

    /// [`viterbi`] one label at a time, as first written.
    fn viterbi_plain(em: &[[f32; NUM_LABELS]], trans: &Transitions) -> Vec<u8> {
        let n = em.len();
        let mut back = vec![[0u8; NUM_LABELS]; n];
        let mut score: [f32; NUM_LABELS] = std::array::from_fn(|l| trans[0][l] + em[0][l]);
        for t in 1..n {
            let mut next = [f32::NEG_INFINITY; NUM_LABELS];
            for cur in 0..NUM_LABELS {
                let mut best = f32::NEG_INFINITY;
                let mut arg = 0u8;
                for prev in 0..NUM_LABELS {
                    let s = score[prev] + trans[prev][cur];
                    if s > best {
                        best = s;
                        arg = prev as u8;
                    }
                }
                next[cur] = best + em[t][cur];
                back[t][cur] = arg;
            }
            score = next;
        }
        let mut best = f32::NEG_INFINITY;
        let mut last = 0u8;
        for l in 0..NUM_LABELS {
            let s = score[l] + trans[l][0];
            if s > best {
                best = s;
                last = l as u8;
            }
        }
        let mut out = vec![0u8; n];
        out[n - 1] = last;
        for t in (1..n).rev() {
            out[t - 1] = back[t][out[t] as usize];
        }
        out
    }

    #[test]
    fn paths_and_margins_are_those_of_the_plain_loops_to_the_bit() {
        let mut seed = 0x0bad_cafe_u64;
        for n in 1..=12usize {
            for round in 0..40 {
                // Coarse values give ties and exact zeros; -0 among the transitions too.
                let coarse = |seed: &mut u64| (rng(seed) * 0.3).round();
                let em: Vec<[f32; NUM_LABELS]> = (0..n)
                    .map(|_| std::array::from_fn(|_| coarse(&mut seed) * 0.25))
                    .collect();
                let trans: Transitions = std::array::from_fn(|_| {
                    std::array::from_fn(|_| match coarse(&mut seed) {
                        x if x == 0.0 && round % 2 == 0 => -0.0,
                        x => x,
                    })
                });
                let mut labels = Vec::new();
                viterbi(&em, &trans, &mut labels);
                // Ties and all: the same path as one label at a time.
                assert_eq!(labels, viterbi_plain(&em, &trans), "{em:?}");
                let mut got = vec![0f32; n];
                margins(
                    &em,
                    &trans,
                    &labels,
                    &mut Vec::new(),
                    &mut Vec::new(),
                    &mut got,
                );
                let want = margins_plain(&em, &trans, &labels);
                let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(&got), bits(&want), "{em:?}");
            }
        }
    }

    #[test]
    fn serialise_round_trip_gives_identical_scores() {
        let bits = 6;
        let mut seed = 99u64;
        let w: Vec<f32> = (0..(1 << bits) * NUM_LABELS)
            .map(|_| rng(&mut seed))
            .collect();
        let trans: Transitions = std::array::from_fn(|_| std::array::from_fn(|_| rng(&mut seed)));
        for width in [1, 2] {
            let m = Model::quantise(bits, width, FeatureSet::ALL, &w, trans, Clusters::empty());
            let back = Model::from_bytes(m.to_bytes()).unwrap();
            assert_eq!(back.trans, m.trans);
            assert_eq!(back.features(), FeatureSet::ALL);
            for f in 0..(1u32 << bits) {
                let feats = [f, (f * 7) % (1 << bits)];
                assert_eq!(m.emission(&feats), back.emission(&feats));
                // Quantisation error is small relative to the largest weight (10).
                let exact: f32 = feats.iter().map(|&g| w[g as usize * NUM_LABELS]).sum();
                let tol = if width == 1 { 0.2 } else { 0.01 };
                assert!((m.emission(&feats)[0] - exact).abs() < tol);
            }
            assert!(Model::from_bytes(m.to_bytes()[..100].to_vec()).is_err());
        }
    }
}
