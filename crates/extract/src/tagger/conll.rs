//! CoNLL-2003 files: reading, rebuilding a story's text, and exact-span evaluation of any
//! extractor over it.
//!
//! A file has one token a line (`WORD POS CHUNK TAG`, tags in IOB2), a blank line between
//! sentences and `-DOCSTART- -X- -X- O` between stories. A story's text is rebuilt with its
//! tokens joined by single spaces and its sentences by newlines; gold spans are byte ranges
//! of that text, so [`evaluate`] can score anything that maps text to typed byte spans: the
//! tagger, the gazetteer extractor, or both combined.

use std::fmt;

use super::model::O;
use super::{EntityType, ModelError};
use crate::{Extractor, Mention, MentionKind};

/// One story of a CoNLL file.
#[derive(Debug, Clone, Default)]
pub struct ConllDoc {
    /// Sentences of `(word, label)`; labels are as in [`super::label_name`].
    pub sentences: Vec<Vec<(String, u8)>>,
}

impl ConllDoc {
    /// The words of each sentence, without their labels.
    pub fn words(&self) -> Vec<Vec<&str>> {
        self.sentences
            .iter()
            .map(|s| s.iter().map(|(w, _)| w.as_str()).collect())
            .collect()
    }
}

/// Reads a CoNLL-2003 file's text into stories. `name` is used in errors.
pub fn read_conll(name: &str, text: &str) -> Result<Vec<ConllDoc>, ModelError> {
    let mut docs = vec![ConllDoc::default()];
    let mut sentence = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            if !sentence.is_empty() {
                docs.last_mut()
                    .unwrap()
                    .sentences
                    .push(std::mem::take(&mut sentence));
            }
            continue;
        }
        let mut parts = line.split(' ');
        let word = parts.next().unwrap_or_default();
        let tag = parts.next_back().unwrap_or_default();
        if word == "-DOCSTART-" {
            if !sentence.is_empty() {
                docs.last_mut()
                    .unwrap()
                    .sentences
                    .push(std::mem::take(&mut sentence));
            }
            if !docs.last().unwrap().sentences.is_empty() {
                docs.push(ConllDoc::default());
            }
            continue;
        }
        let label = super::label_from_name(tag).ok_or_else(|| ModelError::Conll {
            name: name.to_string(),
            line: n + 1,
            message: format!("unknown tag {tag:?}"),
        })?;
        sentence.push((word.to_string(), label));
    }
    if !sentence.is_empty() {
        docs.last_mut().unwrap().sentences.push(sentence);
    }
    docs.retain(|d| !d.sentences.is_empty());
    Ok(docs)
}

impl ConllDoc {
    /// The story's text (tokens joined by spaces, sentences by newlines) and each token's
    /// byte range in it.
    pub fn text(&self) -> (String, Vec<Vec<(usize, usize)>>) {
        let mut text = String::new();
        let mut offsets = Vec::with_capacity(self.sentences.len());
        for (s, sentence) in self.sentences.iter().enumerate() {
            if s > 0 {
                text.push('\n');
            }
            let mut offs = Vec::with_capacity(sentence.len());
            for (i, (word, _)) in sentence.iter().enumerate() {
                if i > 0 {
                    text.push(' ');
                }
                offs.push((text.len(), text.len() + word.len()));
                text.push_str(word);
            }
            offsets.push(offs);
        }
        (text, offsets)
    }

    /// The gold entities as byte spans of [`ConllDoc::text`].
    pub fn gold_spans(&self, offsets: &[Vec<(usize, usize)>]) -> Vec<(usize, usize, EntityType)> {
        let mut out = Vec::new();
        for (sentence, offs) in self.sentences.iter().zip(offsets) {
            let labels: Vec<u8> = sentence.iter().map(|(_, l)| *l).collect();
            for (a, b, t) in label_spans(&labels) {
                out.push((offs[a].0, offs[b - 1].1, t));
            }
        }
        out
    }

    /// Per sentence, per token: the gazetteer tag of the extractor's mentions in the
    /// story's text (see [`super::gazetteer_tags`]).
    pub fn gazetteer_tags(&self, extractor: &Extractor) -> Vec<Vec<u8>> {
        let (text, offsets) = self.text();
        let mentions = extractor.extract_plain(&text).mentions;
        offsets
            .iter()
            .map(|offs| super::gazetteer_tags(offs, &mentions))
            .collect()
    }
}

/// The entity spans of an IOB2 label sequence as token ranges `[a, b)`; an `I-` after `O` or
/// after another type opens a span (as conlleval does).
pub fn label_spans(labels: &[u8]) -> Vec<(usize, usize, EntityType)> {
    let mut out = Vec::new();
    append_label_spans(labels, 0, &mut out);
    out
}

/// [`label_spans`] appended to `out`, with `offset` added to the token indices: the spans of
/// a stretch of labels that starts at token `offset`.
pub(crate) fn append_label_spans(
    labels: &[u8],
    offset: usize,
    out: &mut Vec<(usize, usize, EntityType)>,
) {
    let mut open: Option<(usize, EntityType)> = None;
    for (i, &l) in labels.iter().enumerate() {
        let i = offset + i;
        let cur = EntityType::of_label(l);
        let begins = l != O && (l % 2 == 1 || open.map(|(_, t)| Some(t) != cur).unwrap_or(true));
        if l == O || begins {
            if let Some((a, t)) = open.take() {
                out.push((a, i, t));
            }
        }
        if begins {
            open = cur.map(|t| (i, t));
        }
    }
    if let Some((a, t)) = open {
        out.push((a, offset + labels.len(), t));
    }
}

/// The entity type the gazetteer extractor's mention kind stands for in CoNLL terms
/// (person -> PER, organisation -> ORG, location -> LOC, nationality -> MISC).
pub fn mention_type(kind: MentionKind) -> EntityType {
    match kind {
        MentionKind::Person => EntityType::Per,
        MentionKind::Organisation => EntityType::Org,
        MentionKind::Location => EntityType::Loc,
        MentionKind::Nationality => EntityType::Misc,
    }
}

/// The extractor's mentions as typed spans, for [`evaluate`].
pub fn mention_spans(mentions: &[Mention]) -> Vec<(usize, usize, EntityType)> {
    mentions
        .iter()
        .map(|m| (m.start, m.end, mention_type(m.kind)))
        .collect()
}

/// True positives, false positives and false negatives of one type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted spans equal to a gold span of the same type.
    pub tp: usize,
    /// Predicted spans that are not.
    pub fp: usize,
    /// Gold spans not predicted.
    pub fn_: usize,
}

impl Counts {
    /// Precision, recall and F1 (0 when undefined).
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = ratio(self.tp, self.tp + self.fp);
        let r = ratio(self.tp, self.tp + self.fn_);
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }

    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Exact-span scores per entity type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores {
    /// Indexed by [`EntityType`] as `usize` (PER, ORG, LOC, MISC).
    pub per_type: [Counts; 4],
}

impl Scores {
    /// The counts of PER, ORG and LOC together (MISC is not in the overall figure).
    pub fn overall(&self) -> Counts {
        let mut c = Counts::default();
        for t in [EntityType::Per, EntityType::Org, EntityType::Loc] {
            c.add(self.per_type[t as usize]);
        }
        c
    }

    /// Adds the comparison of one story's predicted spans with its gold spans.
    pub fn add(
        &mut self,
        gold: &[(usize, usize, EntityType)],
        predicted: &[(usize, usize, EntityType)],
    ) {
        let mut pred: Vec<_> = predicted.to_vec();
        pred.sort_by_key(|&(a, b, t)| (a, b, t as usize));
        pred.dedup();
        for &(a, b, t) in &pred {
            if gold.contains(&(a, b, t)) {
                self.per_type[t as usize].tp += 1;
            } else {
                self.per_type[t as usize].fp += 1;
            }
        }
        for &(a, b, t) in gold {
            if !pred.contains(&(a, b, t)) {
                self.per_type[t as usize].fn_ += 1;
            }
        }
    }
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "type       prec  recall      F1    gold")?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, c: Counts| {
            let (p, r, f1) = c.prf();
            writeln!(
                f,
                "{name:<8} {p:>6.3} {r:>7.3} {f1:>7.3} {:>7}",
                c.tp + c.fn_
            )
        };
        for t in [EntityType::Per, EntityType::Org, EntityType::Loc] {
            row(f, t.as_str(), self.per_type[t as usize])?;
        }
        row(f, "overall", self.overall())?;
        row(f, "(MISC)", self.per_type[EntityType::Misc as usize])
    }
}

/// Scores `extract` (a story's text -> typed byte spans) on `docs` with exact spans.
pub fn evaluate(
    docs: &[ConllDoc],
    mut extract: impl FnMut(&str) -> Vec<(usize, usize, EntityType)>,
) -> Scores {
    let mut scores = Scores::default();
    for doc in docs {
        let (text, offsets) = doc.text();
        let gold = doc.gold_spans(&offsets);
        scores.add(&gold, &extract(&text));
    }
    scores
}

/// Scores `tagger` on `docs` token by token (CoNLL's own tokens and sentences, so
/// tokenization plays no part), with gazetteer tags `gaz[doc][sentence]` (empty for none).
/// Spans are compared as token ranges; used to report training progress.
pub fn evaluate_tokens(docs: &[ConllDoc], gaz: &[Vec<Vec<u8>>], tagger: &super::Tagger) -> Scores {
    let mut scores = Scores::default();
    for (d, doc) in docs.iter().enumerate() {
        let words = doc.words();
        let pred = tagger.tag_story(&words, gaz.get(d).map_or(&[], Vec::as_slice));
        for (sentence, pred) in doc.sentences.iter().zip(&pred) {
            let gold: Vec<u8> = sentence.iter().map(|(_, l)| *l).collect();
            scores.add(&label_spans(&gold), &label_spans(pred));
        }
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\
        German JJ B-NP B-MISC\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\n\
        -DOCSTART- -X- -X- O\n\nBRUSSELS NNP B-NP B-LOC\n";

    #[test]
    fn reads_rebuilds_and_scores() {
        let docs = read_conll("sample", SAMPLE).unwrap();
        assert_eq!(docs.len(), 2);
        let (text, offsets) = docs[0].text();
        assert_eq!(text, "EU rejects German\nPeter Blackburn");
        let gold = docs[0].gold_spans(&offsets);
        assert_eq!(
            gold,
            vec![
                (0, 2, EntityType::Org),
                (11, 17, EntityType::Misc),
                (18, 33, EntityType::Per)
            ]
        );
        let perfect = evaluate(&docs, |t| {
            let d = read_conll("x", SAMPLE).unwrap();
            let doc = d.iter().find(|d| d.text().0 == t).unwrap();
            doc.gold_spans(&doc.text().1)
        });
        assert_eq!(perfect.overall().prf().2, 1.0);
        let half = evaluate(&docs, |t| {
            if t.starts_with("EU") {
                vec![(0, 2, EntityType::Org), (18, 23, EntityType::Per)]
            } else {
                vec![]
            }
        });
        assert_eq!(
            half.overall(),
            Counts {
                tp: 1,
                fp: 1,
                fn_: 2
            }
        );
        assert!(read_conll("bad", "x NN B-NP B-FOO\n").is_err());
    }

    #[test]
    fn label_spans_follow_conlleval() {
        // O B-PER I-PER I-ORG O I-LOC
        assert_eq!(
            label_spans(&[0, 1, 2, 4, 0, 6]),
            vec![
                (1, 3, EntityType::Per),
                (3, 4, EntityType::Org),
                (5, 6, EntityType::Loc)
            ]
        );
    }

    /// The tagger reads spans region by region: with `O` outside the candidate regions, they
    /// are the spans of the whole sentence.
    #[test]
    fn spans_of_the_regions_are_the_spans_of_the_sentence() {
        let vocabulary = [
            "Bank",
            "of",
            "the",
            "Philippines",
            "said",
            "&",
            "-",
            "Zürich",
            "élan",
            "ÖL",
            "UN",
            "and",
            "de",
            "x",
            "7",
            "Procter",
            "Gamble",
            ".",
        ];
        let mut seed = 0x9e37_79b9u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..2000 {
            let len = next(12);
            let words: Vec<&str> = (0..len).map(|_| vocabulary[next(18)]).collect();
            let caps = crate::tagger::features::all_caps(&words);
            let mut regions = Vec::new();
            crate::tagger::features::regions(&words, caps, &mut regions);
            let mut labels = vec![0u8; len];
            for r in &regions {
                for l in &mut labels[r.clone()] {
                    *l = next(9) as u8;
                }
            }
            for pair in regions.windows(2) {
                assert!(pair[0].end < pair[1].start, "{words:?}");
            }
            let mut by_region = Vec::new();
            for r in &regions {
                append_label_spans(&labels[r.clone()], r.start, &mut by_region);
            }
            assert_eq!(by_region, label_spans(&labels), "{words:?} {labels:?}");
        }
    }
}
