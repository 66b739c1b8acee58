//! Training: an averaged structured perceptron over candidate regions.
//!
//! Each candidate region of a training sentence (see [`super::features`]) is an instance
//! with its features computed once. An epoch visits the instances in an order shuffled by a
//! seeded xorshift generator, decodes each with Viterbi under the current weights and, when
//! the result differs from the gold labels, adds the gold path's features and transitions and
//! subtracts the predicted path's. The weights returned are the average over all steps (the
//! usual lazy-averaging trick), quantised into a [`Model`]. The same options and data give
//! the same bytes.

use super::clusters::Clusters;
use super::conll::ConllDoc;
use super::features::{self, FeatureSet, Side};
use super::model::{viterbi, Model, Transitions, NUM_LABELS, O};
use super::story::StoryScratch;

/// Training options.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    /// The table has `2^bits` buckets of 9 weights.
    pub bits: u32,
    /// Bytes per quantised weight: 1 (`i8`) or 2 (`i16`).
    pub width: usize,
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffling order.
    pub seed: u64,
    /// Feature groups.
    pub features: FeatureSet,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            bits: 17,
            width: 1,
            epochs: 12,
            seed: 0x6e65_7773_6964_7800,
            features: FeatureSet::ALL,
        }
    }
}

/// One candidate region of a training sentence: `k` features per token and gold labels.
#[derive(Debug, Clone)]
pub struct Instance {
    feats: Vec<u32>,
    gold: Vec<u8>,
}

/// Statistics of the candidate-region restriction on a data set.
#[derive(Debug, Clone, Copy, Default)]
pub struct Coverage {
    /// Tokens.
    pub tokens: usize,
    /// Tokens inside candidate regions.
    pub in_regions: usize,
    /// Gold entity tokens (not `O`).
    pub entity_tokens: usize,
    /// Gold entity tokens outside every region (always tagged `O`, so lost).
    pub entity_tokens_outside: usize,
}

/// The instances of `docs`, with gazetteer tags `gaz[doc][sentence][token]` (empty for none).
pub fn instances(
    docs: &[ConllDoc],
    gaz: &[Vec<Vec<u8>>],
    clusters: &Clusters,
    features: FeatureSet,
    bits: u32,
) -> (Vec<Instance>, Coverage) {
    let mut out = Vec::new();
    let mut cov = Coverage::default();
    let mut regions = Vec::new();
    let mut bases = Vec::new();
    let mut story = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        let words = doc.words();
        let doc_gaz: Vec<&[u8]> = (0..words.len())
            .map(|s| {
                gaz.get(d)
                    .and_then(|x| x.get(s))
                    .map_or(&[][..], Vec::as_slice)
            })
            .collect();
        let caps: Vec<bool> = words.iter().map(|w| features::all_caps(w)).collect();
        story.clear();
        let mut starts = Vec::with_capacity(words.len());
        if features.has(FeatureSet::STORY) {
            let mut flat_words = Vec::new();
            let mut flat_gaz = Vec::new();
            let mut ranges = Vec::with_capacity(words.len());
            for (w, g) in words.iter().zip(&doc_gaz) {
                ranges.push(flat_words.len()..flat_words.len() + w.len());
                flat_words.extend_from_slice(w);
                flat_gaz.extend_from_slice(&g[..g.len().min(w.len())]);
                flat_gaz.resize(flat_words.len(), 0);
            }
            super::story::story_tags(
                &flat_words,
                &ranges,
                &flat_gaz,
                &caps,
                &mut StoryScratch::default(),
                &mut story,
            );
            starts.extend(ranges.iter().map(|r| r.start));
        }
        for (s, sentence) in doc.sentences.iter().enumerate() {
            let words = &words[s];
            let caps = caps[s];
            regions.clear();
            features::regions(words, caps, &mut regions);
            let mut in_region = vec![false; words.len()];
            for r in &regions {
                in_region[r.clone()].iter_mut().for_each(|x| *x = true);
            }
            cov.tokens += words.len();
            cov.in_regions += in_region.iter().filter(|&&x| x).count();
            for (i, (_, l)) in sentence.iter().enumerate() {
                if *l != O {
                    cov.entity_tokens += 1;
                    cov.entity_tokens_outside += usize::from(!in_region[i]);
                }
            }
            let side = Side {
                gaz: doc_gaz[s],
                story: starts
                    .get(s)
                    .map_or(&[][..], |&at| &story[at..at + words.len()]),
                clusters,
            };
            for r in &regions {
                let mut feats = Vec::new();
                features::sentence_features(
                    &mut bases,
                    words,
                    side,
                    caps,
                    std::slice::from_ref(r),
                    features,
                    bits,
                    &mut feats,
                );
                let gold = sentence[r.clone()].iter().map(|(_, l)| *l).collect();
                out.push(Instance { feats, gold });
            }
        }
    }
    (out, cov)
}

/// Float weights with the averaging accumulators.
struct Averaged {
    w: Vec<f32>,
    u: Vec<f32>,
    tw: Transitions,
    tu: Transitions,
    c: f32,
}

impl Averaged {
    fn update(&mut self, feats: &[u32], label: u8, delta: f32) {
        let cd = self.c * delta;
        for &f in feats {
            let at = f as usize * NUM_LABELS + label as usize;
            self.w[at] += delta;
            self.u[at] += cd;
        }
    }

    fn update_trans(&mut self, labels: &[u8], delta: f32) {
        let mut prev = O as usize;
        for &l in labels.iter().chain(std::iter::once(&O)) {
            self.tw[prev][l as usize] += delta;
            self.tu[prev][l as usize] += self.c * delta;
            prev = l as usize;
        }
    }

    fn average(&self, opts: &TrainOptions, clusters: &Clusters) -> Model {
        let w: Vec<f32> = self
            .w
            .iter()
            .zip(&self.u)
            .map(|(w, u)| w - u / self.c)
            .collect();
        let mut t = self.tw;
        for (row, urow) in t.iter_mut().zip(&self.tu) {
            for (x, u) in row.iter_mut().zip(urow) {
                *x -= u / self.c;
            }
        }
        Model::quantise(
            opts.bits,
            opts.width,
            opts.features,
            &w,
            t,
            clusters.clone(),
        )
    }
}

/// Trains on `data` (built by [`instances`] with the same `clusters`), calling
/// `on_epoch(epoch, averaged model so far)` after each epoch (for reporting), and returns the
/// final averaged model, which holds `clusters`.
pub fn train(
    data: &[Instance],
    clusters: &Clusters,
    opts: &TrainOptions,
    mut on_epoch: impl FnMut(usize, &Model),
) -> Model {
    let k = opts.features.per_token();
    let size = (1usize << opts.bits) * NUM_LABELS;
    let mut a = Averaged {
        w: vec![0.0; size],
        u: vec![0.0; size],
        tw: [[0.0; NUM_LABELS]; NUM_LABELS],
        tu: [[0.0; NUM_LABELS]; NUM_LABELS],
        c: 1.0,
    };
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut state = opts.seed | 1;
    let mut em = Vec::new();
    let mut pred = Vec::new();
    let mut model = a.average(opts, clusters);
    for epoch in 1..=opts.epochs {
        for i in (1..order.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            order.swap(i, (state % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            let inst = &data[i];
            em.clear();
            for tok in inst.feats.chunks_exact(k) {
                let mut e = [0f32; NUM_LABELS];
                for &f in tok {
                    let at = f as usize * NUM_LABELS;
                    for (x, w) in e.iter_mut().zip(&a.w[at..at + NUM_LABELS]) {
                        *x += w;
                    }
                }
                em.push(e);
            }
            viterbi(&em, &a.tw, &mut pred);
            if pred != inst.gold {
                for (t, tok) in inst.feats.chunks_exact(k).enumerate() {
                    if pred[t] != inst.gold[t] {
                        a.update(tok, inst.gold[t], 1.0);
                        a.update(tok, pred[t], -1.0);
                    }
                }
                a.update_trans(&inst.gold, 1.0);
                a.update_trans(&pred, -1.0);
            }
            a.c += 1.0;
        }
        model = a.average(opts, clusters);
        on_epoch(epoch, &model);
    }
    model
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::conll::read_conll;
    use crate::tagger::{label_from_name, Tagger};

    /// A synthetic language: "Mr X" is a person, "X Corp" an organisation, "in X" a place.
    fn synthetic(n: usize) -> String {
        let names = [
            "Abel", "Bork", "Cato", "Dunn", "Eske", "Fitz", "Gale", "Hume",
        ];
        let mut s = String::new();
        for i in 0..n {
            let a = names[i % names.len()];
            let b = names[(i * 3 + 1) % names.len()];
            s.push_str(&format!(
                "Mr x B-PER\n{a} x I-PER\nsaw x O\n{b} x B-ORG\nCorp x I-ORG\nin x O\n{a}ville x B-LOC\n. x O\n\n"
            ));
        }
        s
    }

    #[test]
    fn learns_a_tiny_synthetic_set() {
        let docs = read_conll("synthetic", &synthetic(40)).unwrap();
        let opts = TrainOptions {
            bits: 12,
            epochs: 5,
            features: FeatureSet(FeatureSet::ALL.0 & !FeatureSet::STORY & !FeatureSet::GAZ),
            ..TrainOptions::default()
        };
        let clusters = Clusters::empty();
        let (data, cov) = instances(&docs, &[], &clusters, opts.features, opts.bits);
        assert_eq!(cov.entity_tokens_outside, 0);
        let model = train(&data, &clusters, &opts, |_, _| {});
        let tagger = Tagger::from_model(model.clone());
        let words = ["Mr", "Zorn", "saw", "Quux", "Corp", "in", "Zornville", "."];
        let labels = tagger.tag_sentence(&words, &[]);
        let names: Vec<u8> = ["B-PER", "I-PER", "O", "B-ORG", "I-ORG", "O", "B-LOC", "O"]
            .iter()
            .map(|n| label_from_name(n).unwrap())
            .collect();
        assert_eq!(labels, names);
        // Reproducible: the same data and options give the same bytes.
        assert_eq!(
            train(&data, &clusters, &opts, |_, _| {}).to_bytes(),
            model.to_bytes()
        );
    }
}
