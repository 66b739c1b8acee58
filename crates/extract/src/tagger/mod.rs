//! A trained sequence tagger for people, organisations, places and other names (PER, ORG,
//! LOC, MISC): it finds names no gazetteer holds.
//!
//! The model is an averaged structured perceptron with first-order Viterbi over the 9 IOB2
//! labels ([`model`]), on hashed features of the word, its shape, affixes, neighbours,
//! sentence position, all-caps headlines, the gazetteer extractor's mentions
//! ([`features`]), how the same word appears elsewhere in the story ([`story`]) and word
//! clusters learned from unlabelled news ([`clusters`]). Only candidate regions (runs of
//! capitalised tokens, whole all-caps sentences) are tagged, in training as in use; they
//! hold 99% of CoNLL-2003's gold entity tokens. Text is split by [`tokenize()`], close to
//! CoNLL's conventions; [`conll`] reads CoNLL files and scores any extractor on them.
//!
//! The shipped weights (`data/tagger.bin`, 1.8 MB) were trained on CoNLL-2003 English
//! (Tjong Kim Sang and De Meulder 2003) by `examples/train_tagger.rs`; they are embedded
//! and read in place, so loading costs under a microsecond. On the CoNLL-2003 dev split
//! (testa), exact spans, PER/ORG/LOC F1 is 0.928 (`examples/conll_eval.rs`).
//!
//! The gazetteer features expect the mentions of [`Extractor::extract_plain`] as it was
//! when the weights were trained (gazetteer and name rules, without tagger output): retrain
//! when the extractor's rules change much.
//!
//! # Example
//!
//! ```
//! use newsidx_extract::tagger::{EntityType, Tagger};
//!
//! let tagger = Tagger::embedded();
//! let text = "Russian Foreign Minister Sergey Lavrov said on Monday.";
//! let spans = tagger.tag(text);
//! assert!(spans
//!     .iter()
//!     .any(|s| &text[s.start..s.end] == "Sergey Lavrov" && s.kind == EntityType::Per));
//! ```

pub mod clusters;
pub mod conll;
pub mod features;
pub mod model;
pub mod story;
pub mod tokenize;
pub mod train;

use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

pub use features::FeatureSet;
pub use model::{Model, NUM_LABELS};
pub use tokenize::{tokenize, Token};

use crate::{Extractor, Mention, MentionKind};

/// The shipped weights.
static EMBEDDED_BYTES: &[u8] = include_bytes!("../../data/tagger.bin");

/// What can go wrong loading a model or reading a CoNLL file.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The bytes are not a model of this version.
    #[error("bad tagger model: {0}")]
    Format(String),
    /// A CoNLL file line is malformed.
    #[error("{name}:{line}: {message}")]
    Conll {
        /// The file, as given.
        name: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// The type of a tagged name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    /// A person.
    Per = 0,
    /// An organisation.
    Org = 1,
    /// A location.
    Loc = 2,
    /// Another name: nationality, event, product, work ("German", "World Cup").
    Misc = 3,
}

impl EntityType {
    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub fn as_str(self) -> &'static str {
        ["PER", "ORG", "LOC", "MISC"][self as usize]
    }

    /// The type of an IOB2 label (`None` for `O`).
    pub fn of_label(label: u8) -> Option<EntityType> {
        match label {
            1 | 2 => Some(EntityType::Per),
            3 | 4 => Some(EntityType::Org),
            5 | 6 => Some(EntityType::Loc),
            7 | 8 => Some(EntityType::Misc),
            _ => None,
        }
    }
}

const LABEL_NAMES: [&str; NUM_LABELS] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];

/// The IOB2 name of a label: 0 `O`, 1 `B-PER`, 2 `I-PER`, 3 `B-ORG`, 4 `I-ORG`, 5 `B-LOC`,
/// 6 `I-LOC`, 7 `B-MISC`, 8 `I-MISC`.
pub fn label_name(label: u8) -> &'static str {
    LABEL_NAMES.get(label as usize).copied().unwrap_or("?")
}

/// The label of an IOB2 name.
pub fn label_from_name(name: &str) -> Option<u8> {
    LABEL_NAMES.iter().position(|&n| n == name).map(|i| i as u8)
}

/// Gazetteer tags of tokens (byte ranges) from the extractor's mentions: 0 outside every
/// mention, else `1 + 2 * kind + inside` where kind is 0 person, 1 organisation, 2 location,
/// 3 nationality and inside is 0 on a mention's first token. A token belongs to a mention
/// when it lies within the mention's bytes.
pub fn gazetteer_tags(tokens: &[(usize, usize)], mentions: &[Mention]) -> Vec<u8> {
    let tokens: Vec<Token> = tokens
        .iter()
        .map(|&(start, end)| Token { start, end })
        .collect();
    let mut tags = vec![0; tokens.len()];
    gaz_tags_into(&tokens, mentions.iter(), &mut tags);
    tags
}

/// [`gazetteer_tags`] into `tags` (one per token, all 0 on entry).
fn gaz_tags_into<'m>(
    tokens: &[Token],
    mentions: impl Iterator<Item = &'m Mention>,
    tags: &mut [u8],
) {
    let Some(first) = tokens.first() else {
        return;
    };
    let last = tokens[tokens.len() - 1].end;
    for m in mentions {
        if m.end <= first.start || m.start >= last {
            continue;
        }
        let kind = match m.kind {
            MentionKind::Person => 0,
            MentionKind::Organisation => 1,
            MentionKind::Location => 2,
            MentionKind::Nationality => 3,
        };
        let from = tokens.partition_point(|t| t.start < m.start);
        let mut inside = 0;
        for (t, tag) in tokens[from..].iter().zip(&mut tags[from..]) {
            if t.end > m.end {
                break;
            }
            *tag = 1 + 2 * kind + inside;
            inside = 1;
        }
    }
}

/// A name the tagger found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaggedSpan {
    /// Byte offset of the first byte in the text that was tagged.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Its type.
    pub kind: EntityType,
    /// How sure the tagger is, in 0..1: `1 - exp(-m)` where `m` is the smallest, over the
    /// span's tokens, max-marginal margin (the best path's score minus the best score of a
    /// path labelling that token otherwise, in perceptron units). 0 means a tie, 0.63 a
    /// margin of 1, 0.95 a margin of 3. Not a calibrated probability.
    pub confidence: f32,
}

/// The tagger: cheap to clone (the model sits behind an `Arc`), shared across threads.
#[derive(Debug, Clone)]
pub struct Tagger {
    model: Arc<Model>,
}

/// The gazetteer extractor (tagger off) the tagger reads hints from in [`Tagger::tag`], built on first use.
fn shared_extractor() -> Option<&'static Extractor> {
    static EXTRACTOR: OnceLock<Option<Extractor>> = OnceLock::new();
    EXTRACTOR
        .get_or_init(|| Extractor::builder().tagger(false).build().ok())
        .as_ref()
}

impl Tagger {
    /// The shipped model (trained on CoNLL-2003 English), read in place from the binary on
    /// first use; later calls clone a handle.
    pub fn embedded() -> Tagger {
        static EMBEDDED: OnceLock<Tagger> = OnceLock::new();
        EMBEDDED
            .get_or_init(|| Tagger::load_embedded().expect("the embedded tagger model is valid"))
            .clone()
    }

    /// Reads the shipped model afresh (what [`Tagger::embedded`] does once): parses the
    /// header and borrows the embedded weight table, copying nothing.
    pub fn load_embedded() -> Result<Tagger, ModelError> {
        Ok(Tagger::from_model(Model::from_static(EMBEDDED_BYTES)?))
    }

    /// A tagger over `model`.
    pub fn from_model(model: Model) -> Tagger {
        Tagger {
            model: Arc::new(model),
        }
    }

    /// The model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Tags `text`: the names found, in order, with byte offsets into `text`.
    ///
    /// When the model uses gazetteer features, the embedded gazetteer extractor runs over
    /// `text` first (built on first use, ~20 ms); a caller that already has the extractor's
    /// mentions should call [`Tagger::tag_with_mentions`].
    pub fn tag(&self, text: &str) -> Vec<TaggedSpan> {
        let mentions = match shared_extractor() {
            Some(x) if self.model.features.has(FeatureSet::GAZ) => x.extract_plain(text).mentions,
            _ => Vec::new(),
        };
        self.tag_with_mentions(text, &mentions)
    }

    /// Tags `text` with gazetteer hints from `mentions` (the extractor's mentions of the same
    /// text, in any order).
    pub fn tag_with_mentions(&self, text: &str, mentions: &[Mention]) -> Vec<TaggedSpan> {
        thread_local! {
            /// The buffers of the last story this thread tagged, reused for the next.
            static STORY: RefCell<StoryBuffers> = RefCell::default();
        }
        STORY.with(|b| match b.try_borrow_mut() {
            Ok(mut b) => {
                let spans = self.tag_story_with(text, mentions, &mut b);
                // A very long text does not leave its buffers to the thread.
                if text.len() > KEEP_BUFFERS_MAX_BYTES {
                    *b = StoryBuffers::default();
                }
                spans
            }
            Err(_) => self.tag_story_with(text, mentions, &mut StoryBuffers::default()),
        })
    }

    /// [`Tagger::tag_with_mentions`] with buffers kept from an earlier story (their contents
    /// are not read, only their capacity reused).
    fn tag_story_with(
        &self,
        text: &str,
        mentions: &[Mention],
        b: &mut StoryBuffers,
    ) -> Vec<TaggedSpan> {
        let mut out = Vec::new();
        let StoryBuffers {
            scratch: s,
            sorted,
            tokens,
            sentences,
            gaz,
            caps,
            story,
        } = b;
        // Mention indices by (start, end), in a stable sort: the order of sorting the
        // mentions themselves.
        sorted.clear();
        sorted.extend(0..mentions.len() as u32);
        sorted.sort_by_key(|&i| (mentions[i as usize].start, mentions[i as usize].end));
        tokenize::tokenize_into(text, tokens, sentences);
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
        // Gazetteer tags of each sentence from the mentions that overlap it, flat.
        gaz.clear();
        gaz.resize(words.len(), 0);
        for r in sentences.iter() {
            let offs = &tokens[r.clone()];
            let (first, last) = (offs[0].start, offs[offs.len() - 1].end);
            // Mentions do not overlap, so at most one starts before the sentence and reaches
            // into it.
            let from = sorted
                .partition_point(|&m| mentions[m as usize].start < first)
                .saturating_sub(1);
            let to = sorted
                .partition_point(|&m| mentions[m as usize].start < last)
                .max(from);
            if from < to {
                let overlapping = sorted[from..to].iter().map(|&m| &mentions[m as usize]);
                gaz_tags_into(offs, overlapping, &mut gaz[r.clone()]);
            }
        }
        caps.clear();
        caps.extend(
            sentences
                .iter()
                .map(|r| features::all_caps(&words[r.clone()])),
        );
        self.story_tags(&words, sentences, gaz, caps, &mut s.story, story);
        for (r, &caps) in sentences.iter().zip(caps.iter()) {
            let story_tags = story.get(r.clone()).unwrap_or(&[]);
            let (w, g) = (&words[r.clone()], &gaz[r.clone()]);
            self.decode(w, g, story_tags, caps, true, s);
            s.spans.clear();
            for r in &s.regions {
                conll::append_label_spans(&s.labels[r.clone()], r.start, &mut s.spans);
            }
            let offs = &tokens[r.clone()];
            for &(a, b, kind) in &s.spans {
                let m = s.margins[a..b]
                    .iter()
                    .copied()
                    .fold(f32::INFINITY, f32::min);
                out.push(TaggedSpan {
                    start: offs[a].start,
                    end: offs[b - 1].end,
                    kind,
                    confidence: 1.0 - (-m).exp(),
                });
            }
        }
        out
    }

    fn story_tags(
        &self,
        words: &[&str],
        sentences: &[std::ops::Range<usize>],
        gaz: &[u8],
        caps: &[bool],
        scratch: &mut story::StoryScratch,
        out: &mut Vec<u8>,
    ) {
        out.clear();
        if self.model.features.has(FeatureSet::STORY) {
            story::story_tags(words, sentences, gaz, caps, scratch, out);
        }
    }

    /// Token-level entry point: the IOB2 labels (see [`label_name`]) of one sentence's
    /// `words`, with gazetteer tags `gaz` (see [`gazetteer_tags`]; empty for none), without
    /// story context.
    pub fn tag_sentence(&self, words: &[&str], gaz: &[u8]) -> Vec<u8> {
        let mut scratch = Scratch::default();
        let caps = features::all_caps(words);
        self.decode(words, gaz, &[], caps, false, &mut scratch);
        scratch.labels
    }

    /// Token-level entry point for a whole story: the IOB2 labels of each sentence of words,
    /// with gazetteer tags `gaz[sentence]` (empty for none) and story context.
    pub fn tag_story(&self, sentences: &[Vec<&str>], gaz: &[Vec<u8>]) -> Vec<Vec<u8>> {
        let mut words = Vec::new();
        let mut ranges = Vec::new();
        for s in sentences {
            ranges.push(words.len()..words.len() + s.len());
            words.extend_from_slice(s);
        }
        let mut flat_gaz = Vec::with_capacity(words.len());
        for (si, r) in ranges.iter().enumerate() {
            let g = gaz.get(si).map_or(&[][..], Vec::as_slice);
            flat_gaz.extend_from_slice(&g[..g.len().min(r.len())]);
            flat_gaz.resize(r.end, 0);
        }
        let mut scratch = Scratch::default();
        let caps: Vec<bool> = sentences.iter().map(|w| features::all_caps(w)).collect();
        let mut story = Vec::new();
        let st = &mut scratch.story;
        self.story_tags(&words, &ranges, &flat_gaz, &caps, st, &mut story);
        let mut out = Vec::with_capacity(sentences.len());
        for (r, &caps) in ranges.iter().zip(&caps) {
            let st = story.get(r.clone()).unwrap_or(&[]);
            let (w, g) = (&words[r.clone()], &flat_gaz[r.clone()]);
            self.decode(w, g, st, caps, false, &mut scratch);
            out.push(scratch.labels.clone());
        }
        out
    }

    /// Decodes one sentence into `s.labels` (and `s.margins` when `margins` is set); `caps`
    /// is [`features::all_caps`] of its words. Labels outside the candidate regions left in
    /// `s.regions` are `O`, and a token outside them stands between any two, so no span
    /// crosses a region's edge: the sentence's spans are those of its regions' labels.
    fn decode(
        &self,
        words: &[&str],
        gaz: &[u8],
        story: &[u8],
        caps: bool,
        margins: bool,
        s: &mut Scratch,
    ) {
        let m = &*self.model;
        s.labels.clear();
        s.labels.resize(words.len(), model::O);
        s.margins.clear();
        s.margins.resize(words.len(), 0.0);
        s.regions.clear();
        features::regions(words, caps, &mut s.regions);
        if s.regions.is_empty() {
            return;
        }
        let side = features::Side {
            gaz,
            story,
            clusters: &m.clusters,
        };
        s.region_em.clear();
        features::sentence_emissions(
            &mut s.cache,
            &mut s.bases,
            words,
            side,
            caps,
            &s.regions,
            m,
            &mut s.region_em,
        );
        let mut at = 0;
        for r in &s.regions {
            let em = &s.region_em[at..at + r.len()];
            at += r.len();
            model::viterbi_with(em, &m.trans, &mut s.back, &mut s.path);
            s.labels[r.clone()].copy_from_slice(&s.path);
            // Margins are read only inside spans: a region tagged all `O` keeps 0.
            if margins && s.path.iter().any(|&l| l != model::O) {
                model::margins(
                    em,
                    &m.trans,
                    &s.path,
                    &mut s.alpha,
                    &mut s.beta,
                    &mut s.margins[r.clone()],
                );
            }
        }
    }
}

/// Buffers reused across sentences.
/// A text longer than this does not leave its buffers ([`StoryBuffers`]) to the next story.
const KEEP_BUFFERS_MAX_BYTES: usize = 1 << 20;

/// What [`Tagger::tag_with_mentions`] builds for one story, kept per thread so that the next
/// story reuses the memory.
#[derive(Debug, Default)]
struct StoryBuffers {
    scratch: Scratch,
    /// Indices of the mentions, sorted by offsets.
    sorted: Vec<u32>,
    tokens: Vec<Token>,
    sentences: Vec<std::ops::Range<usize>>,
    /// Gazetteer tags per token.
    gaz: Vec<u8>,
    /// Whether each sentence is all caps.
    caps: Vec<bool>,
    /// Story tags per token.
    story: Vec<u8>,
}

#[derive(Debug, Default)]
struct Scratch {
    labels: Vec<u8>,
    margins: Vec<f32>,
    regions: Vec<std::ops::Range<usize>>,
    path: Vec<u8>,
    back: Vec<[u8; NUM_LABELS]>,
    alpha: Vec<[f32; NUM_LABELS]>,
    beta: Vec<[f32; NUM_LABELS]>,
    bases: Vec<features::Base>,
    /// Emission scores of every region token of the sentence.
    region_em: Vec<[f32; NUM_LABELS]>,
    /// Word features' weights of words already read.
    cache: features::WordCache,
    spans: Vec<(usize, usize, EntityType)>,
    story: story::StoryScratch,
}

#[cfg(test)]
mod tests;
