//! One extraction pass over a text: the per-call state and the data the steps share.
//!
//! [`Pass`] holds what one story's extraction builds; each step is an `impl Pass` block in
//! its own module, run in this order by [`run`]:
//!
//! 1. [`tokenize`]: lines (all-caps or mixed case) and word tokens with their case and
//!    sentence flags;
//! 2. [`matching`]: the gazetteer's surface forms found with the byte trie, kept when they
//!    pass the boundary and case rules ([`Gm`]);
//! 3. [`names`]: the name rules for people and organisations the gazetteer lacks
//!    ([`RuleEnt`]);
//! 4. [`resolve`]: one entity chosen for each match ([`Out`]);
//! 5. [`link`]: later surnames joined to people named in full;
//! 6. [`tagging`] (English only): the trained tagger, with the mentions so far as hints,
//!    merged in, names read from the words around them ([`actors`]: a name split at
//!    "and", an office or a name cut short, firms named after people), and names linked
//!    inside the story;
//! 7. [`reread`] (English only): context rules for gazetteer matches the tagger follows too
//!    readily;
//! 8. [`dateline`]: a dateline town the gazetteer lacks ("Hanau (dpa)"), when nothing else
//!    in the dateline was recognised;
//! 9. [`scoring`]: the mentions discounted (currencies, lists, "X of Y"), gathered into
//!    per-country evidence ([`crate::AboutFeatures`]) and salience, and each country judged
//!    by the "about" model, giving the [`Extraction`].
//!
//! Steps 3, 6 and 7 are skipped on text that is not English ([`run`]).

use std::cell::Cell;

use crate::extraction::{Extraction, MentionKind, MentionSource};
use crate::extractor::Inner;
use crate::gazetteer::{self, Cand, Gazetteer, Kind, Role};
use crate::lexicon::{Lexicon, WordClass};

mod actors;
mod arabic;
mod dateline;
mod link;
mod matching;
mod names;
mod places;
mod reread;
mod resolve;
mod scoring;
mod tagging;
#[cfg(test)]
mod tagging_tests;
#[cfg(test)]
mod tests;
mod tokenize;

pub(crate) use scoring::ABOUT_MIN;
pub(crate) use tokenize::body_segments;

/// Runs every step over `text`, cut into `segments`; lists the mentions only when
/// `mentions` is set (annotating needs the lists, not the mentions).
///
/// `language` is what the caller knows of the language (a lower-case tag), `None` when
/// unknown (then [`Pass::looks_english`] decides whether it is English). The names of
/// `data/names-i18n.tsv` match in stories of their language. The English name
/// rules, the tagger and the context rules run only on English text.
pub(crate) fn run(
    x: &Inner,
    text: &str,
    segments: &[Segment],
    mentions: bool,
    language: Option<&str>,
    year: Option<i32>,
) -> Extraction {
    thread_local! {
        /// The per-token buffers of the last story this thread read, reused for the next.
        static BUFFERS: Cell<Buffers> = Cell::default();
    }
    let mut p = Pass::new(x, text, segments, BUFFERS.take());
    p.langs = language.map_or(0, gazetteer::lang_bit);
    p.year = year;
    let english = language
        .map(|l| l.starts_with("en"))
        .unwrap_or_else(|| p.looks_english());
    p.scan();
    if english {
        p.rules();
    }
    let mut outs = p.resolve();
    p.link(&mut outs);
    let mut kept = drop_overlaps(outs);
    if english {
        if let Some(tagger) = &x.tagger {
            kept = p.merge_tagger(tagger, kept);
        }
        p.reread(&mut kept);
    }
    p.dateline_town(&mut kept);
    let seen = p.discount(&mut kept);
    let x = p.output(kept, &seen, mentions);
    if text.len() <= KEEP_BUFFERS_MAX_BYTES {
        BUFFERS.set(p.into_buffers());
    }
    x
}

/// A text longer than this does not leave its buffers to the next story (they would hold
/// its memory for as long as the thread lives).
const KEEP_BUFFERS_MAX_BYTES: usize = 1 << 20;

/// The vectors of a [`Pass`] that grow with the text, kept between stories so their memory
/// is reused (cleared when a pass starts, never read across stories).
#[derive(Debug, Default)]
struct Buffers {
    lines: Vec<Line>,
    toks: Vec<Tok>,
    gms: Vec<Gm>,
    /// For each token, the gm covering it.
    tok_gm: Vec<u32>,
    rules: Vec<RuleEnt>,
    /// For each token, the rule entity covering it.
    tok_rule: Vec<u32>,
    /// For each token, its lexicon classes once looked up ([`UNKNOWN_CLASS`] before).
    tok_class: Vec<Cell<WordClass>>,
    /// The text in ASCII lower case, line breaks and tabs as spaces (filled by
    /// [`Pass::scan`]).
    folded: Vec<u8>,
}

impl Buffers {
    /// Empties every vector, keeping its memory.
    fn clear(&mut self) {
        self.lines.clear();
        self.toks.clear();
        self.gms.clear();
        self.tok_gm.clear();
        self.rules.clear();
        self.tok_rule.clear();
        self.tok_class.clear();
        self.folded.clear();
    }
}

/// The mentions in text order, overlaps dropped (the first, longest kept).
fn drop_overlaps(mut outs: Vec<Out>) -> Vec<Out> {
    outs.sort_by_key(|o| (o.start, std::cmp::Reverse(o.end)));
    let mut kept: Vec<Out> = Vec::with_capacity(outs.len());
    for o in outs {
        if kept.last().is_some_and(|k| o.start < k.end) {
            continue;
        }
        kept.push(o);
    }
    kept
}

/// Which part of a story a byte range is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Title,
    Standfirst,
    Dateline,
    Lead,
    Body,
}

/// A byte range of the text and the part of the story it is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Segment {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) part: Part,
}

/// A line of the text: where it starts and whether it is all-caps.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    caps: bool,
}

/// A word of the text with its case and its gap to the previous word.
#[derive(Debug, Clone, Copy, Default)]
struct Tok {
    start: usize,
    end: usize,
    /// First character upper case.
    cap: bool,
    /// Every letter upper case.
    upper: bool,
    /// First character lower case.
    lowercase: bool,
    /// Starts a sentence, a quote, a paragraph or a part.
    sent: bool,
    /// Joined to the previous token by plain space (at most one line break).
    join: bool,
    /// Comma right before.
    comma: bool,
    /// On an all-caps line.
    caps: bool,
}

/// A gazetteer match that passed the boundary and case rules.
#[derive(Debug, Clone)]
struct Gm {
    start: usize,
    end: usize,
    /// Token range `lo..hi`.
    lo: usize,
    hi: usize,
    cands: Vec<Cand>,
    wordlike: bool,
    /// An English word ("Sale", "Baker"): needs context in all-caps lines and at sentence
    /// starts.
    dictword: bool,
    caps: bool,
    part: Part,
    alive: bool,
}

/// What a name rule found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RuleKind {
    Person,
    Org,
}

/// A person or organisation found by the name rules.
#[derive(Debug, Clone)]
struct RuleEnt {
    lo: usize,
    hi: usize,
    kind: RuleKind,
    country: Option<String>,
}

/// What a resolved mention points at.
#[derive(Debug, Clone, PartialEq)]
enum Target {
    Gaz(u32),
    Text(String),
}

/// A resolved mention, before scoring.
#[derive(Debug, Clone)]
struct Out {
    start: usize,
    end: usize,
    kind: MentionKind,
    target: Target,
    /// Country and unit weight this mention gives.
    counts: Option<(String, f32)>,
    part: Part,
    /// Single token surname-linkable (for the linking step).
    single: bool,
    /// Which step found it.
    source: MentionSource,
    /// How sure the extractor is (see the crate docs, "Tagger and gazetteer").
    confidence: f32,
    /// Whether it goes into the story's lists of people and organisations (not a news
    /// agency named as the story's source, "told Reuters").
    listed: bool,
}

/// Per-call state.
struct Pass<'a> {
    x: &'a Inner,
    text: &'a str,
    segments: &'a [Segment],
    /// Lines, tokens, matches and rule entities of the text.
    buf: Buffers,
    /// The story's language as a [`gazetteer::lang_bit`]: which other languages' names match.
    langs: u16,
    /// The year of the story's date, when it has one.
    year: Option<i32>,
}

/// A token whose lexicon classes are not looked up yet.
const UNKNOWN_CLASS: WordClass = WordClass::from_bits_retain(u16::MAX);

/// No match or rule entity at a token (in `tok_gm`, `tok_rule`).
const NONE: u32 = u32::MAX;

impl<'a> Pass<'a> {
    /// A pass over `text`, lines and tokens read, in `buffers` (cleared first).
    fn new(x: &'a Inner, text: &'a str, segments: &'a [Segment], mut buf: Buffers) -> Pass<'a> {
        buf.clear();
        let mut p = Pass {
            x,
            text,
            segments,
            buf,
            langs: 0,
            year: None,
        };
        p.lines();
        p.tokenize();
        p
    }

    /// The pass's vectors, for the next story.
    fn into_buffers(self) -> Buffers {
        self.buf
    }

    fn lex(&self) -> &'a Lexicon {
        &self.x.lex
    }

    fn gaz(&self) -> &'a Gazetteer {
        &self.x.gaz
    }

    /// The name a mention names: the gazetteer entity's canonical name, or its own text.
    fn target_name<'t>(&self, target: &'t Target) -> &'t str
    where
        'a: 't,
    {
        match target {
            Target::Gaz(id) => &self.gaz().entities[*id as usize].name,
            Target::Text(name) => name,
        }
    }

    /// The organisation (or other entity but a person) the gazetteer knows by `name`.
    fn known_organisation(&self, name: &str) -> Option<u32> {
        self.gaz()
            .actor_id(name)
            .filter(|&id| self.gaz().entities[id as usize].kind != Kind::Person)
    }

    /// The part of the story at byte `pos`.
    fn part_at(&self, pos: usize) -> Part {
        let i = self.segments.partition_point(|s| s.end <= pos);
        self.segments.get(i).map_or(Part::Body, |s| s.part)
    }

    /// Whether byte `pos` is on an all-caps line.
    fn caps_at(&self, pos: usize) -> bool {
        let i = self.buf.lines.partition_point(|l| l.start <= pos);
        i > 0 && self.buf.lines[i - 1].caps
    }

    /// Token `t` is in one of the lexicon `classes` (looked up once per token).
    fn has(&self, t: usize, classes: WordClass) -> bool {
        let mut c = self.buf.tok_class[t].get();
        if c == UNKNOWN_CLASS {
            c = self.lex().class(self.word(t));
            self.buf.tok_class[t].set(c);
        }
        c.intersects(classes)
    }

    /// The text of token `t`.
    fn word(&self, t: usize) -> &'a str {
        let t = self.buf.toks[t];
        &self.text[t.start..t.end]
    }

    /// Index of the first token starting at or after `pos`.
    fn tok_from(&self, pos: usize) -> usize {
        self.buf.toks.partition_point(|t| t.start < pos)
    }

    /// The match covering token `t`, if any.
    fn gm_at(&self, t: usize) -> Option<&Gm> {
        let g = *self.buf.tok_gm.get(t)?;
        (g != NONE).then(|| &self.buf.gms[g as usize])
    }

    /// Whether a match may name a person (in full) or an organisation.
    fn gm_is_person_or_org(&self, g: &Gm) -> bool {
        g.cands.iter().any(|c| {
            let k = self.gaz().entities[c.entity as usize].kind;
            (k == Kind::Person && c.role == Role::Name) || k == Kind::Organisation
        })
    }
}
