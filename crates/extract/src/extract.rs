//! The extraction pass: match, apply the name rules, resolve, link, score.
//!
//! One story goes through these steps, all in [`Extractor::extract_plain`] and friends:
//!
//! 1. **Lines and tokens.** Each line is classified as all-caps (a Reuters headline, a
//!    dateline) or mixed case; words are tokenised with their capitalisation, whether they
//!    start a sentence and whether they are joined to the previous word by plain space.
//! 2. **Gazetteer matches.** The longest ASCII-lower-cased surface form (a byte trie: the
//!    goto function of a leftmost-longest Aho-Corasick automaton, without the failure links
//!    that anchored matching never takes) found anchored at every word start (and after a hyphen
//!    inside a word, "Iran-Iraq") of a lower-cased copy of the text in which line breaks read
//!    as spaces; a match must end on a word boundary and pass the case rule: each letter as
//!    the gazetteer writes it, or upper case where the gazetteer has lower case (so "Mali"
//!    matches "MALI" but "Turkey" never matches "turkey", nor "US" "us"). Acronyms that are
//!    words ("CAR", "WHO") are ignored in all-caps lines; an all-caps "US" after
//!    "LET"/"TELL"... is the pronoun; dateline abbreviations ("Conn.") need a comma before;
//!    codes in angle brackets (`<ROK>`) are skipped.
//! 3. **Name rules** (mixed-case lines only) over runs of capitalised words: titles and roles
//!    ("Foreign Minister X Y", "policy chief X Y", "Mr X"), organisation suffixes and heads
//!    ("X Group", "X Corp", "Ministry of X"), given names ("Chad Smith", "Paris Hilton",
//!    "Michael Jordan": the place inside is dropped), speech ("X Y said", "said X Y").
//! 4. **Resolution.** Unambiguous places, countries and demonyms give the story's evidence
//!    countries; ambiguous names pick the candidate whose country is in evidence, else the
//!    country, the capital, the most populous. Special rules: Georgia (the US state with US
//!    places and no Caucasus context), word-like places ("Nice", "Reading": a capital letter,
//!    and their country in evidence or a preposition before), surname-only aliases ("Lavrov":
//!    only with a title before, the full name in the story or the person's country in
//!    evidence).
//! 5. **Linking.** A later single word equal to the surname of a person named in full
//!    ("Lavrov", "Jordan said" after "Michael Jordan") is that person.
//! 6. **Scoring.** See [`crate`] docs: which mentions count towards which country and how.

use crate::fxhash::{FxMap, FxSet};
use std::cell::Cell;
use std::path::Path;
use std::sync::OnceLock;

use newsidx_model::Article;
use serde::Serialize;

use crate::gazetteer::{self, Cand, Gazetteer, GazetteerStats, Kind, OrgType, PlaceKind, Role};
use crate::lexicon::{self, lower, Lexicon, CURRENCIES, PLACE_PREPOSITIONS, US_PRONOUN_BEFORE};
use crate::trie::Trie;
use crate::Result;

/// Weight of a mention by where it is; the title, standfirst and dateline say what a story is
/// about, the lead paragraph more than the rest of the body.
fn part_weight(part: Part) -> f32 {
    match part {
        Part::Title => 3.0,
        Part::Standfirst => 2.0,
        Part::Dateline => 3.0,
        Part::Lead => 1.5,
        Part::Body => 1.0,
    }
}

/// How much one mention of each kind counts towards its country (before the part weight).
const LOCATION_WEIGHT: f32 = 1.0;
const NATIONALITY_WEIGHT: f32 = 0.7;
/// A named person counts weakly for their country (a foreign minister abroad is not news
/// about home); measured with the Reuters evaluation.
const PERSON_WEIGHT: f32 = 0.5;
/// An organisation with a home country (a central bank, a party, an armed group) counts
/// weakly; international bodies (UN, EU, OPEC) never count.
const ORG_WEIGHT: f32 = 0.5;
/// An organisation found by the rules around a place ("National Bank of Kuwait") counts as
/// the place would.
const RULE_ORG_WEIGHT: f32 = 0.5;
/// A company counts less than other organisations (a BP story is seldom about Britain).
const COMPANY_WEIGHT: f32 = 0.3;
/// Factor for the country of a company, as in "Telefunken AG of West Germany".
const OF_ORG_FACTOR: f32 = 0.5;
/// Factor for a place named in a list of three or more, or in an all-caps table row.
const LIST_FACTOR: f32 = 0.5;
/// Weighted score a country needs to be one the story is about (feeds `Article::countries`).
const ABOUT_MIN: f32 = 1.0;

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A person.
    Person,
    /// An organisation: international body, armed group, party, bank, agency, company.
    Organisation,
    /// A country, territory, city, region, institution metonym ("the Kremlin") or former state.
    Location,
    /// A demonym or adjective of nationality ("Malian", "Russian").
    Nationality,
}

impl MentionKind {
    /// The lower-case name used in JSON: `person`, `organisation`, `location`, `nationality`.
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::Person => "person",
            MentionKind::Organisation => "organisation",
            MentionKind::Location => "location",
            MentionKind::Nationality => "nationality",
        }
    }
}

/// One name found in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// Byte offset of the first byte, in the text that was read (see [`Extractor::extract`]).
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The text as written.
    pub surface: String,
    /// What it names.
    pub kind: MentionKind,
    /// Canonical name: "Sergey Lavrov" for "Lavrov", "Wagner Group" for "PMC Wagner", "Mali"
    /// for "Malian".
    pub entity: String,
    /// The entity's country (ISO 3166-1 alpha-2) when it has exactly one: a place's country,
    /// a person's nationality, an organisation's home country.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// How much a story is about one country.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountryScore {
    /// ISO 3166-1 alpha-2 code.
    pub code: String,
    /// Mentions that counted towards the country (places, the country, demonyms, and the
    /// weaker people and organisations).
    pub mentions: u32,
    /// Share of the story's weighted country evidence, in `0.0..=1.0`; the title, standfirst
    /// and dateline weigh three, two and three times a body mention, the lead paragraph 1.5.
    pub salience: f32,
    /// Whether the country is one the story is about: it feeds [`Article::countries`], the
    /// country facet and the `--country` filter (see the crate docs).
    pub about: bool,
}

/// Everything extracted from one story or text.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extraction {
    /// Every mention, in text order, non-overlapping.
    pub mentions: Vec<Mention>,
    /// Every country with evidence, most salient first (ties: the one named first).
    pub countries: Vec<CountryScore>,
    /// The country the story is most about: the highest salience among the `about` countries,
    /// ties going to the one named first.
    pub primary_country: Option<String>,
    /// Places other than countries (cities, regions, metonyms, former states), canonical
    /// names, in order of first mention.
    pub places: Vec<String>,
    /// People, canonical names, in order of first mention.
    pub people: Vec<String>,
    /// Organisations, canonical names, in order of first mention.
    pub organisations: Vec<String>,
    /// People then organisations.
    pub actors: Vec<String>,
}

impl Extraction {
    /// Codes of the countries the story is about (those with [`CountryScore::about`]), most
    /// salient first: the set that feeds [`Article::countries`].
    pub fn country_codes(&self) -> Vec<String> {
        self.countries
            .iter()
            .filter(|c| c.about)
            .map(|c| c.code.clone())
            .collect()
    }
}

/// Finds countries, places, people and organisations in news text.
///
/// Built once (it parses the embedded gazetteer and compiles the matcher, see
/// [`Extractor::new`]), then shared: it is `Send + Sync` and every method takes `&self`.
#[derive(Debug)]
pub struct Extractor {
    gaz: Gazetteer,
    lex: Lexicon,
    /// The matcher: built by [`Extractor::new`], or on first use after [`Extractor::lookup`].
    ac: OnceLock<Trie>,
    about_min: f32,
}

/// Which part of a story a byte range is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Title,
    Standfirst,
    Dateline,
    Lead,
    Body,
}

#[derive(Debug, Clone, Copy)]
struct Segment {
    start: usize,
    end: usize,
    part: Part,
}

#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    caps: bool,
}

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
#[derive(Debug, Clone)]
enum Target {
    Gaz(u32),
    Text(String),
}

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
}

impl Extractor {
    /// Builds an extractor from the embedded gazetteer.
    ///
    /// Cost: parses about 11,000 TSV rows and builds the byte trie of about 18,000 surface
    /// forms; see the `load` bench (target under 50 ms). Build once and share.
    ///
    /// # Errors
    ///
    /// Only if the shipped overrides are malformed, a bug.
    pub fn new() -> Result<Extractor> {
        Extractor::build(None)
    }

    /// An extractor for name lookups only ([`Extractor::country_name`],
    /// [`Extractor::resolve_country`], [`Extractor::resolve_actor`]): it parses the embedded
    /// gazetteer but defers compiling the matcher, most of the load time, to the first
    /// extraction. Made for short-lived search processes that label facets and resolve filter
    /// names but extract nothing.
    pub fn lookup() -> Result<Extractor> {
        let lex = Lexicon::new();
        let gaz = Gazetteer::load(&lex, None)?;
        Ok(Extractor {
            gaz,
            lex,
            ac: OnceLock::new(),
            about_min: ABOUT_MIN,
        })
    }

    /// The matcher, compiled now if [`Extractor::lookup`] deferred it.
    fn matcher(&self) -> &Trie {
        self.ac.get_or_init(|| Trie::new(&self.gaz.keys))
    }

    /// Builds an extractor from the embedded gazetteer plus a user gazetteer file, whose
    /// entries add or override entities and aliases (format in the [`crate::gazetteer`]
    /// module docs).
    ///
    /// # Errors
    ///
    /// [`crate::Error::Io`] if the file cannot be read, [`crate::Error::Gazetteer`] naming the
    /// file and line of the first malformed entry.
    pub fn with_user_gazetteer(path: &Path) -> Result<Extractor> {
        let text = gazetteer::read_user_file(path)?;
        Extractor::build(Some((path, &text)))
    }

    /// Like [`Extractor::with_user_gazetteer`], with the gazetteer's text in memory; `name` is
    /// used in error messages.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Gazetteer`] naming `name` and the line of the first malformed entry.
    pub fn with_user_gazetteer_str(name: &str, text: &str) -> Result<Extractor> {
        Extractor::build(Some((Path::new(name), text)))
    }

    fn build(user: Option<(&Path, &str)>) -> Result<Extractor> {
        let lex = Lexicon::new();
        let gaz = Gazetteer::load(&lex, user)?;
        // Searches are anchored at word starts (see `Pass::scan`), so no prefilter; a dense
        // start of two levels keeps the build fast (it is most of the load time).
        let ac = Trie::new(&gaz.keys);
        Ok(Extractor {
            gaz,
            lex,
            ac: OnceLock::from(ac),
            about_min: ABOUT_MIN,
        })
    }

    /// Sets the weighted score a country needs to be one the story is about (default 1.0: one
    /// plain mention anywhere in the body). A higher threshold keeps only the countries a story
    /// dwells on: 2.0 needs two body mentions, or one in the lead plus a person or
    /// organisation, or one in the title or dateline. On Reuters-21578 the default gives a
    /// country F1 of about 0.87 and 2.0 about 0.92 (the editors tag what a story is about, not
    /// every country it names).
    ///
    /// # Example
    ///
    /// ```
    /// # use newsidx_extract::Extractor;
    /// let strict = Extractor::new()?.with_about_threshold(2.0);
    /// let x = strict.extract_plain("Talks in Paris ended. Russia insists it has no troops in Libya.");
    /// assert!(x.country_codes().is_empty());
    /// assert_eq!(x.countries.len(), 3); // still scored, just not "about"
    /// # Ok::<(), newsidx_extract::Error>(())
    /// ```
    pub fn with_about_threshold(mut self, min_score: f32) -> Extractor {
        self.about_min = min_score;
        self
    }

    /// Sizes of the loaded gazetteer and what was skipped while loading the generated tables.
    pub fn gazetteer_stats(&self) -> &GazetteerStats {
        &self.gaz.stats
    }

    /// The English short name of a country code: `"ML"` -> `"Mali"`. Case-insensitive.
    pub fn country_name(&self, code: &str) -> Option<&str> {
        self.gaz
            .country(&code.to_ascii_uppercase())
            .map(|e| e.name.as_str())
    }

    /// The code of a country from its code, name, alias or demonym, any case: `"Mali"`,
    /// `"Malian"`, `"ml"`, `"MLI"` -> `"ML"`.
    pub fn resolve_country(&self, name: &str) -> Option<&str> {
        self.gaz.resolve_country(name.trim())
    }

    /// The canonical name of a person or organisation from any of its names, any case:
    /// `"PMC Wagner"` -> `"Wagner Group"`.
    pub fn resolve_actor(&self, name: &str) -> Option<&str> {
        self.gaz.resolve_actor(name.trim())
    }

    /// Extracts from a story's title, standfirst, dateline and body.
    ///
    /// Mention offsets are byte offsets into [`Article::full_text`] (the parts joined by blank
    /// lines). Mentions in the title, standfirst and dateline weigh more for salience.
    pub fn extract(&self, article: &Article) -> Extraction {
        self.extract_article(article, true)
    }

    /// [`Extractor::extract`], listing the mentions only when `mentions` is set.
    fn extract_article(&self, article: &Article, mentions: bool) -> Extraction {
        let text = article.full_text();
        let mut segments = Vec::new();
        let mut pos = 0;
        for (part, value) in [
            (Part::Title, Some(article.title.as_str())),
            (Part::Standfirst, article.standfirst.as_deref()),
            (Part::Dateline, article.dateline.as_deref()),
            (Part::Body, Some(article.body.as_str())),
        ] {
            let Some(value) = value.filter(|v| !v.is_empty()) else {
                continue;
            };
            if pos > 0 {
                pos += 2;
            }
            let end = pos + value.len();
            debug_assert_eq!(&text[pos..end], value);
            if part == Part::Body {
                body_segments(&text, pos, end, &mut segments);
            } else {
                segments.push(Segment {
                    start: pos,
                    end,
                    part,
                });
            }
            pos = end;
        }
        self.run(&text, &segments, mentions)
    }

    /// Extracts from one plain text, all of it read as a body (its first paragraph as the
    /// lead). Mention offsets are byte offsets into `text`.
    pub fn extract_plain(&self, text: &str) -> Extraction {
        let mut segments = Vec::new();
        body_segments(text, 0, text.len(), &mut segments);
        self.run(text, &segments, true)
    }

    /// Fills the derived fields of `article`: `places`, `countries` (the `about` countries,
    /// most salient first), `primary_country`, `people`, `organisations` and `actors`.
    pub fn annotate(&self, article: &mut Article) {
        // The mentions themselves are not kept: not building them saves a third of the
        // allocations of an extraction.
        let x = self.extract_article(article, false);
        article.countries = x.country_codes();
        article.primary_country = x.primary_country;
        article.places = x.places;
        article.people = x.people;
        article.organisations = x.organisations;
        article.actors = x.actors;
    }

    fn run(&self, text: &str, segments: &[Segment], mentions: bool) -> Extraction {
        let mut p = Pass::new(self, text, segments);
        p.scan();
        p.rules();
        let outs = p.resolve();
        p.output(outs, mentions)
    }
}

/// Splits a body into its lead (the first paragraph, at most ~600 bytes) and the rest.
fn body_segments(text: &str, start: usize, end: usize, out: &mut Vec<Segment>) {
    let body = &text[start..end];
    let trimmed = body.trim_start();
    let lead_from = start + (body.len() - trimmed.len());
    // The first paragraph ends at a blank line or an indented line.
    let tb = trimmed.as_bytes();
    let mut lead_end = tb
        .iter()
        .enumerate()
        .take(600)
        .find(|&(i, &b)| b == b'\n' && matches!(tb.get(i + 1), Some(b'\n' | b' ' | b'\t')))
        .map_or(trimmed.len(), |(i, _)| i);
    if lead_end > 600 {
        lead_end = 600;
        while !trimmed.is_char_boundary(lead_end) {
            lead_end -= 1;
        }
    }
    let lead_end = lead_from + lead_end;
    out.push(Segment {
        start,
        end: lead_end,
        part: Part::Lead,
    });
    if lead_end < end {
        out.push(Segment {
            start: lead_end,
            end,
            part: Part::Body,
        });
    }
}

#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        text.get(i..).and_then(|s| s.chars().next())
    }
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The case rule: each character as the gazetteer writes it, or upper case where the
/// gazetteer has lower case; an all-caps acronym of four letters or more may be written with
/// only its initial capital ("Nato", "Opec").
fn case_ok(form: &str, surface: &str) -> bool {
    if form == surface {
        return true;
    }
    let fb = form.as_bytes();
    let sb = surface.as_bytes();
    if fb.len() == sb.len() {
        let ok = fb
            .iter()
            .zip(sb)
            .all(|(&f, &s)| f == s || (f.is_ascii_lowercase() && s == f.to_ascii_uppercase()));
        if ok {
            return true;
        }
    }
    // "Nato" for "NATO".
    let letters = form.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 4 && form.chars().all(|c| c.is_uppercase()) {
        let mut chars = surface.chars();
        if let Some(first) = chars.next() {
            return first.is_uppercase()
                && chars.all(|c| c.is_lowercase())
                && surface.len() == form.len();
        }
    }
    false
}

/// Per-call state.
struct Pass<'a> {
    x: &'a Extractor,
    text: &'a str,
    segments: &'a [Segment],
    lines: Vec<Line>,
    toks: Vec<Tok>,
    gms: Vec<Gm>,
    /// For each token, the gm covering it.
    tok_gm: Vec<u32>,
    rules: Vec<RuleEnt>,
    /// For each token, the rule entity covering it.
    tok_rule: Vec<u32>,
    /// For each token, its lexicon classes once looked up ([`UNKNOWN_CLASS`] before).
    tok_class: Vec<Cell<u16>>,
}

/// A token whose lexicon classes are not looked up yet.
const UNKNOWN_CLASS: u16 = u16::MAX;

const NONE: u32 = u32::MAX;

impl<'a> Pass<'a> {
    fn new(x: &'a Extractor, text: &'a str, segments: &'a [Segment]) -> Pass<'a> {
        let mut p = Pass {
            x,
            text,
            segments,
            lines: Vec::new(),
            toks: Vec::new(),
            gms: Vec::new(),
            tok_gm: Vec::new(),
            rules: Vec::new(),
            tok_rule: Vec::new(),
            tok_class: Vec::new(),
        };
        p.lines();
        p.tokenize();
        p
    }

    fn lex(&self) -> &'a Lexicon {
        &self.x.lex
    }

    fn gaz(&self) -> &'a Gazetteer {
        &self.x.gaz
    }

    fn part_at(&self, pos: usize) -> Part {
        let i = self.segments.partition_point(|s| s.end <= pos);
        self.segments.get(i).map_or(Part::Body, |s| s.part)
    }

    fn caps_at(&self, pos: usize) -> bool {
        let i = self.lines.partition_point(|l| l.start <= pos);
        i > 0 && self.lines[i - 1].caps
    }

    /// Splits the text into lines and classifies each as all-caps or not. Dateline lines are
    /// always all-caps ("SALVADOR, Feb 26").
    fn lines(&mut self) {
        let text = self.text;
        let mut start = 0;
        for line in text.split('\n') {
            let (mut upper, mut lowercase) = (0u32, 0u32);
            for b in line.bytes() {
                upper += u32::from(b.is_ascii_uppercase());
                lowercase += u32::from(b.is_ascii_lowercase());
            }
            let dateline = self
                .segments
                .iter()
                .any(|s| s.part == Part::Dateline && s.start <= start && start < s.end);
            let caps = dateline || (upper >= 4 && lowercase * 5 <= upper);
            self.lines.push(Line { start, caps });
            start += line.len() + 1;
        }
    }

    fn tokenize(&mut self) {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 6 + 1);
        let mut i = 0;
        let mut prev_end = 0;
        let mut prev_seg = usize::MAX;
        let mut seg = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if !b.is_ascii_alphanumeric() {
                    i += 1;
                    continue;
                }
            } else {
                let c = char_at(text, i).unwrap_or(' ');
                if !is_word_char(c) {
                    i += c.len_utf8();
                    continue;
                }
            }
            let start = i;
            loop {
                // Most of a word is ASCII letters and digits.
                while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                    i += 1;
                }
                let Some(c) = char_at(text, i) else { break };
                if !c.is_ascii() && is_word_char(c) {
                    i += c.len_utf8();
                    continue;
                }
                if matches!(c, '-' | '\'' | '’' | '.') {
                    let j = i + c.len_utf8();
                    let Some(n) = char_at(text, j) else { break };
                    if !is_word_char(n) {
                        break;
                    }
                    if matches!(c, '\'' | '’')
                        && (n == 's' || n == 'S')
                        && !char_at(text, j + 1).is_some_and(is_word_char)
                    {
                        break; // possessive
                    }
                    i = j;
                    continue;
                }
                break;
            }
            let word = &text[start..i];
            let (first_upper, first_lower, any_letter, all_upper) = if word.is_ascii() {
                let wb = word.as_bytes();
                (
                    wb[0].is_ascii_uppercase(),
                    wb[0].is_ascii_lowercase(),
                    wb.iter().any(u8::is_ascii_alphabetic),
                    !wb.iter().any(u8::is_ascii_lowercase),
                )
            } else {
                let first = word.chars().next().unwrap_or(' ');
                let mut any_letter = false;
                let mut all_upper = true;
                for ch in word.chars() {
                    if ch.is_alphabetic() {
                        any_letter = true;
                        if !ch.is_uppercase() {
                            all_upper = false;
                        }
                    }
                }
                (
                    first.is_uppercase(),
                    first.is_lowercase(),
                    any_letter,
                    all_upper,
                )
            };
            // Tokens come in text order: the segment index only moves forward.
            while seg < self.segments.len() && self.segments[seg].end <= start {
                seg += 1;
            }
            let gap = &text[prev_end..start];
            let new_seg = seg != prev_seg || toks.is_empty();
            let (sent, join, comma) = if gap == " " {
                // The usual gap: one space.
                (new_seg, !new_seg, false)
            } else {
                let prev_word = toks.last().map(|t| &text[t.start..t.end]).unwrap_or("");
                let abbrev_dot = gap.starts_with('.')
                    && gap[1..].chars().all(char::is_whitespace)
                    && (self.lex().is_abbreviation(prev_word)
                        || (prev_word.len() == 1 && prev_word.chars().all(char::is_uppercase)));
                let newlines = gap.matches('\n').count();
                let plain = gap
                    .chars()
                    .all(|c| c == ' ' || c == '\t' || c == '\n' || c == '\r')
                    && newlines <= 1;
                let join = !new_seg && (plain || (abbrev_dot && newlines <= 1));
                let sent = new_seg
                    || newlines >= 2
                    || (!abbrev_dot
                        && gap.chars().any(|c| {
                            matches!(
                                c,
                                '.' | '!'
                                    | '?'
                                    | ':'
                                    | ';'
                                    | '"'
                                    | '“'
                                    | '”'
                                    | '('
                                    | '['
                                    | '—'
                                    | '|'
                            )
                        }));
                let comma = gap.trim_start().starts_with(',') || gap.starts_with(',');
                (sent, join, comma)
            };
            toks.push(Tok {
                start,
                end: i,
                cap: first_upper,
                upper: any_letter && all_upper,
                lowercase: first_lower,
                sent,
                join,
                comma,
                caps: false,
            });
            prev_end = i;
            prev_seg = seg;
        }
        // Caps flags by line.
        let mut li = 0;
        for t in &mut toks {
            while li + 1 < self.lines.len() && self.lines[li + 1].start <= t.start {
                li += 1;
            }
            t.caps = self.lines.get(li).is_some_and(|l| l.caps);
        }
        self.tok_gm = vec![NONE; toks.len()];
        self.tok_rule = vec![NONE; toks.len()];
        self.tok_class = vec![Cell::new(UNKNOWN_CLASS); toks.len()];
        self.toks = toks;
    }

    /// Token `t` is in one of the lexicon `classes` (looked up once per token).
    fn has(&self, t: usize, classes: u16) -> bool {
        let mut c = self.tok_class[t].get();
        if c == UNKNOWN_CLASS {
            c = self.lex().class(self.word(t));
            self.tok_class[t].set(c);
        }
        c & classes != 0
    }

    fn word(&self, t: usize) -> &'a str {
        let t = self.toks[t];
        &self.text[t.start..t.end]
    }

    /// Index of the first token starting at or after `pos`.
    fn tok_from(&self, pos: usize) -> usize {
        self.toks.partition_point(|t| t.start < pos)
    }

    /// The gazetteer pass.
    fn scan(&mut self) {
        let text = self.text;
        // The trie holds ASCII-lower-case keys: search a lower-case copy (same offsets).
        // Line breaks and tabs inside names ("New\nYork" in wrapped wire copy) read as spaces.
        let folded: Vec<u8> = text
            .bytes()
            .map(|b| match b {
                b'\n' | b'\r' | b'\t' => b' ',
                b => b.to_ascii_lowercase(),
            })
            .collect();
        let ac = self.x.matcher();
        // The trie is walked anchored at each word start (and after a hyphen inside a word:
        // "Iran-Iraq", "anti-American"), which enforces the left word boundary and never
        // walks the inside of words.
        let mut covered = 0;
        let mut starts: Vec<usize> = Vec::with_capacity(4);
        for ti in 0..self.toks.len() {
            let tok = self.toks[ti];
            starts.clear();
            let word = &folded[tok.start..tok.end];
            // A lower-case word or a number can start only a few forms ("the Kremlin").
            let head = word.split(|&b| b == b'-').next().unwrap_or(word);
            let may_start = if tok.lowercase {
                let lf = &self.x.gaz.lower_first;
                lf.last() == Some(&u64::MAX)
                    || gazetteer::pack8(head).is_some_and(|h| lf.binary_search(&h).is_ok())
            } else if word[0].is_ascii_digit() {
                self.x.gaz.digit_first
            } else {
                true
            };
            if may_start {
                starts.push(tok.start);
            }
            if word.contains(&b'-') {
                for (i, &b) in word.iter().enumerate() {
                    if b == b'-' {
                        starts.push(tok.start + i + 1);
                    }
                }
            }
            for &s in &starts {
                if s < covered {
                    continue;
                }
                let Some((pattern, len)) = ac.longest_prefix(&folded[s..text.len()]) else {
                    continue;
                };
                if let Some(gm) = self.accept(pattern, s, s + len) {
                    let idx = self.gms.len() as u32;
                    for t in gm.lo..gm.hi {
                        self.tok_gm[t] = idx;
                    }
                    covered = gm.end;
                    self.gms.push(gm);
                }
            }
        }
    }

    fn accept(&self, pattern: usize, s: usize, e: usize) -> Option<Gm> {
        let text = self.text;
        let surface = &text[s..e];
        // Word boundaries on both sides (a pattern may itself end in a full stop: "U.S.").
        let first = surface.chars().next()?;
        let last = surface.chars().next_back()?;
        if is_word_char(first) && char_before(text, s).is_some_and(is_word_char) {
            return None;
        }
        if is_word_char(last) && char_at(text, e).is_some_and(is_word_char) {
            return None;
        }
        // A ticker or code in angle brackets ("<ROK>") is not a name.
        if char_before(text, s) == Some('<') && char_at(text, e) == Some('>') {
            return None;
        }
        let caps = self.caps_at(s);
        let lo = self.tok_from(s);
        let hi = self.tok_from(e);
        let mut cands: Vec<Cand> = Vec::new();
        let mut wordlike = false;
        let mut dictword = false;
        for form in &self.gaz().forms[pattern] {
            if !case_ok(&form.text, surface) {
                continue;
            }
            if form.abbrev && !(lo > 0 && lo < self.toks.len() && self.toks[lo].comma) {
                continue;
            }
            if form.acronym_word && caps {
                if form.text == "US" {
                    // "LET US", "TELL US": the pronoun.
                    if lo > 0 && US_PRONOUN_BEFORE.contains(&lower(self.word(lo - 1)).as_str()) {
                        continue;
                    }
                } else {
                    continue;
                }
            }
            wordlike |= form.wordlike;
            dictword |= form.dictword;
            for &c in &form.cands {
                if !cands.contains(&c) {
                    cands.push(c);
                }
            }
        }
        if cands.is_empty() {
            return None;
        }
        Some(Gm {
            start: s,
            end: e,
            lo,
            hi,
            cands,
            wordlike,
            dictword,
            caps,
            part: self.part_at(s),
            alive: true,
        })
    }

    fn gm_at(&self, t: usize) -> Option<&Gm> {
        let g = *self.tok_gm.get(t)?;
        (g != NONE).then(|| &self.gms[g as usize])
    }

    fn gm_is_person_or_org(&self, g: &Gm) -> bool {
        g.cands.iter().any(|c| {
            let k = self.gaz().entities[c.entity as usize].kind;
            (k == Kind::Person && c.role == Role::Name) || k == Kind::Organisation
        })
    }

    /// A token that can be part of a person's name: capitalised (or a particle inside), not
    /// a common word, title or organisation suffix.
    fn nameish(&self, t: usize) -> bool {
        let tok = self.toks[t];
        tok.cap
            && !tok.upper
            && self.word(t).chars().next().is_some_and(char::is_alphabetic)
            && !self.has(t, lexicon::NOT_IN_NAMES)
    }

    /// Runs of capitalised words (with name particles inside) on mixed-case lines.
    fn runs(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            let t = self.toks[i];
            if !t.cap || t.caps {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < n && self.toks[j].join && !self.toks[j].caps {
                let tj = self.toks[j];
                if tj.cap {
                    j += 1;
                } else if self.has(j, lexicon::PARTICLE)
                    && j + 1 < n
                    && self.toks[j + 1].join
                    && self.toks[j + 1].cap
                {
                    j += 2;
                } else {
                    break;
                }
            }
            out.push((i, j));
            i = j;
        }
        out
    }

    /// The name rules: people and organisations the gazetteer lacks.
    fn rules(&mut self) {
        let runs = self.runs();
        for (ri, &(lo, hi)) in runs.iter().enumerate() {
            // Organisation: "X ... Suffix".
            if let Some(r) = self.org_rule(lo, hi, runs.get(ri + 1).copied()) {
                self.add_rule(r);
                continue;
            }
            if let Some(r) = self.person_rule(lo, hi) {
                self.add_rule(r);
            }
        }
    }

    fn add_rule(&mut self, r: RuleEnt) {
        // Places and demonyms inside are absorbed; a gazetteer person or organisation inside
        // wins over the rule.
        let mut absorbed = Vec::new();
        for t in r.lo..r.hi {
            let g = self.tok_gm[t];
            if g == NONE {
                continue;
            }
            let gm = &self.gms[g as usize];
            if gm.start < self.toks[r.lo].start || gm.end > self.toks[r.hi - 1].end {
                return; // crosses the rule's span
            }
            if self.gm_is_person_or_org(gm) {
                return;
            }
            if !absorbed.contains(&g) {
                absorbed.push(g);
            }
        }
        let mut country = r.country.clone();
        for &g in &absorbed {
            let gm = &mut self.gms[g as usize];
            gm.alive = false;
            if country.is_none() && r.kind == RuleKind::Org && !gm.dictword && !gm.wordlike {
                let ents = &self.x.gaz.entities;
                let cs: FxSet<&String> = gm
                    .cands
                    .iter()
                    .map(|c| &ents[c.entity as usize])
                    .filter(|e| matches!(e.kind, Kind::Country | Kind::Place))
                    .flat_map(|e| e.countries.iter())
                    .collect();
                if cs.len() == 1 {
                    country = cs.into_iter().next().cloned();
                }
            }
        }
        let idx = self.rules.len() as u32;
        for t in r.lo..r.hi {
            self.tok_rule[t] = idx;
        }
        self.rules.push(RuleEnt { country, ..r });
    }

    fn org_rule(&self, lo: usize, hi: usize, next: Option<(usize, usize)>) -> Option<RuleEnt> {
        let last = hi - 1;
        let proper = |t: usize| !self.has(t, lexicon::NOT_IN_NAMES);
        // Leading "The" and other common words at a sentence start are not part of the name.
        let mut start = lo;
        while start < last
            && self.toks[start].sent
            && self.has(start, lexicon::COMMON)
            && start == lo
        {
            start += 1;
        }
        if hi - start >= 2 && self.has(last, lexicon::ORG_SUFFIX) && (start..last).any(proper) {
            return Some(RuleEnt {
                lo: start,
                hi,
                kind: RuleKind::Org,
                country: None,
            });
        }
        // "Ministry of Defence", "National Bank of Kuwait".
        if self.has(last, lexicon::ORG_HEAD) {
            let (nlo, nhi) = next?;
            let mut k = hi;
            if k < self.toks.len() && self.word(k) == "of" && self.toks[k].join {
                k += 1;
                if k < self.toks.len() && self.word(k) == "the" && self.toks[k].join {
                    k += 1;
                }
                if k == nlo && self.toks[nlo].join {
                    let strong_head = matches!(
                        lower(self.word(last)).as_str(),
                        "ministry" | "department" | "bank" | "organisation" | "organization"
                    );
                    if strong_head || (start..last).any(proper) || (nlo..nhi).any(proper) {
                        return Some(RuleEnt {
                            lo: start,
                            hi: nhi,
                            kind: RuleKind::Org,
                            country: None,
                        });
                    }
                }
            }
        }
        None
    }

    /// The longest name starting at `t` within `..hi`: capitalised non-common words and
    /// particles, at most four words, ending on a capitalised word.
    fn name_span(&self, t: usize, hi: usize) -> Option<(usize, usize)> {
        let mut end = t;
        let mut words = 0;
        let mut k = t;
        while k < hi && words < 4 {
            if self.nameish(k) {
                words += 1;
                k += 1;
                end = k;
            } else if self.has(k, lexicon::PARTICLE) && k > t {
                k += 1;
            } else {
                break;
            }
        }
        (end > t).then_some((t, end))
    }

    /// Whether every gazetteer match inside `lo..hi` is a single-word place, demonym or
    /// surname (which a person's name may contain: "Michael Jordan").
    fn only_small_places(&self, lo: usize, hi: usize) -> bool {
        (lo..hi).all(|t| match self.gm_at(t) {
            None => true,
            Some(g) => {
                g.hi - g.lo == 1 && g.start >= self.toks[lo].start && !self.gm_is_person_or_org(g)
            }
        })
    }

    fn no_gm(&self, lo: usize, hi: usize) -> bool {
        (lo..hi).all(|t| self.tok_gm[t] == NONE)
    }

    fn person_rule(&self, lo: usize, hi: usize) -> Option<RuleEnt> {
        let person = |lo: usize, hi: usize| RuleEnt {
            lo,
            hi,
            kind: RuleKind::Person,
            country: None,
        };
        // A gazetteer person covering the run says it all.
        // 1. A title inside the run: the name is what follows the last title.
        if let Some(k) = (lo..hi).rev().find(|&k| self.has(k, lexicon::TITLE)) {
            if k + 1 < hi {
                let (a, b) = self.name_span(k + 1, hi)?;
                let weak = self.has(k, lexicon::WEAK_TITLE);
                if weak && !self.has(a, lexicon::GIVEN) && b - a < 2 {
                    return None;
                }
                if self.no_gm(a, b) || self.only_small_places(a, b) && b - a >= 2 {
                    return Some(person(a, b));
                }
                return None;
            }
            return None;
        }
        // Leading common words ("The", "But") at a sentence start are not names.
        let mut a0 = lo;
        while a0 < hi && self.has(a0, lexicon::COMMON) {
            a0 += 1;
        }
        if a0 >= hi {
            return None;
        }
        let (a, b) = self.name_span(a0, hi)?;
        // 2. A role or title word right before: "policy chief Josep Borrell", "Secretary of
        //    State George Shultz".
        let before = |t: usize| -> bool {
            if t == 0 || !self.toks[t].join {
                return false;
            }
            let w = self.word(t - 1);
            if self.toks[t - 1].lowercase && self.has(t - 1, lexicon::LOWER_ROLE) {
                return true;
            }
            if w == "of" && t >= 2 && self.toks[t - 1].join && self.has(t - 2, lexicon::TITLE) {
                return true;
            }
            false
        };
        if (before(lo) || (a0 > lo && before(lo))) && self.no_gm(a, b) {
            return Some(person(a, b));
        }
        if b - a < 2 {
            return None;
        }
        // 3. A given name first: "Josep Borrell", "Chad Smith", "Michael Jordan".
        if a == a0 && self.has(a, lexicon::GIVEN) && self.only_small_places(a, b) {
            // The name must end the run or be followed by a lower-case word; "Paris Club",
            // "Jordan Valley" end on a common word and fail name_span's length anyway.
            if b == hi {
                return Some(person(a, b));
            }
        }
        // 4. Speech: "John Smith said", "said John Smith".
        if b - a <= 3 && self.no_gm(a, b) {
            let said_after = b < self.toks.len()
                && self.toks[b].join
                && self.toks[b].lowercase
                && self.has(b, lexicon::SPEECH);
            let said_before =
                a > 0 && self.toks[a].join && a == lo && self.has(a - 1, lexicon::SPEECH);
            if said_after && b == hi || said_before {
                return Some(person(a, b));
            }
        }
        None
    }

    /// The story's evidence: countries named unambiguously, by count; and the countries with
    /// a place (not just the country name) named.
    fn evidence(&self) -> (FxMap<&'a str, u32>, FxSet<&'a str>) {
        let gaz = self.gaz();
        let mut ev: FxMap<&str, u32> = FxMap::default();
        let mut places: FxSet<&str> = FxSet::default();
        for g in self
            .gms
            .iter()
            .filter(|g| g.alive && !g.wordlike && !g.dictword)
        {
            if self.gm_is_person_or_org(g) {
                continue;
            }
            let mut code: Option<&str> = None;
            let mut single = true;
            let mut is_place = false;
            for c in &g.cands {
                let e = &gaz.entities[c.entity as usize];
                if !matches!(e.kind, Kind::Country | Kind::Place) || e.countries.len() != 1 {
                    if matches!(e.kind, Kind::Country | Kind::Place) {
                        single = false;
                    }
                    continue;
                }
                let cc = e.countries[0].as_str();
                match code {
                    None => code = Some(cc),
                    Some(x) if x != cc => single = false,
                    _ => {}
                }
                is_place |= e.kind == Kind::Place;
            }
            if let (Some(cc), true) = (code, single) {
                *ev.entry(cc).or_default() += 1;
                if is_place {
                    places.insert(cc);
                }
            }
        }
        (ev, places)
    }

    /// The place and country candidates of a match, by name (not demonym).
    fn loc_cands<'g>(&self, g: &'g Gm) -> Vec<&'g Cand> {
        let ents = &self.gaz().entities;
        g.cands
            .iter()
            .filter(|c| {
                matches!(ents[c.entity as usize].kind, Kind::Country | Kind::Place)
                    && c.role == Role::Name
            })
            .collect()
    }

    fn prev_word_lower(&self, t: usize) -> Option<String> {
        (t > 0).then(|| lower(self.word(t - 1)))
    }

    fn resolve(&mut self) -> Vec<Out> {
        let gaz = self.gaz();
        let (ev, place_ev) = self.evidence();
        // People named in full, organisations named other than by an acronym.
        let mut named: FxSet<u32> = FxSet::default();
        for g in self.gms.iter().filter(|g| g.alive) {
            let acronym = !self.text[g.start..g.end].chars().any(char::is_lowercase);
            for c in &g.cands {
                match gaz.entities[c.entity as usize].kind {
                    Kind::Person if c.role == Role::Name => {
                        named.insert(c.entity);
                    }
                    Kind::Organisation if !acronym && !g.dictword => {
                        named.insert(c.entity);
                    }
                    _ => {}
                }
            }
        }
        // Ambiguous places first choose with the unambiguous evidence; their choices then
        // help each other ("London" near "Ontario"), each without its own vote.
        let mut votes: Vec<Option<&str>> = vec![None; self.gms.len()];
        let mut ev_all = ev.clone();
        for (gi, g) in self.gms.iter().enumerate() {
            if !g.alive || g.wordlike || g.dictword {
                continue;
            }
            let locs = self.loc_cands(g);
            if locs.len() < 2 || self.gm_is_person_or_org(g) {
                continue;
            }
            if let Some(c) = self.pick_location(g, &locs, &ev, &place_ev) {
                let e = &gaz.entities[c.entity as usize];
                if e.countries.len() == 1 {
                    let cc = e.countries[0].as_str();
                    votes[gi] = Some(cc);
                    *ev_all.entry(cc).or_default() += 1;
                }
            }
        }
        let mut outs: Vec<Out> = Vec::new();
        for (g, vote) in self.gms.iter().zip(&votes) {
            if !g.alive {
                continue;
            }
            let resolved = match *vote {
                Some(own) => {
                    let mut ev_others = ev_all.clone();
                    if let Some(n) = ev_others.get_mut(own) {
                        *n -= 1;
                        if *n == 0 {
                            ev_others.remove(own);
                        }
                    }
                    self.resolve_gm(g, &ev_others, &place_ev, &named)
                }
                None => self.resolve_gm(g, &ev, &place_ev, &named),
            };
            if let Some(o) = resolved {
                outs.push(o);
            }
        }
        for r in &self.rules {
            let start = self.toks[r.lo].start;
            let end = self.toks[r.hi - 1].end;
            let name = collapse(&self.text[start..end]);
            let (kind, counts) = match r.kind {
                RuleKind::Person => (MentionKind::Person, None),
                RuleKind::Org => (
                    MentionKind::Organisation,
                    r.country.clone().map(|c| (c, RULE_ORG_WEIGHT)),
                ),
            };
            outs.push(Out {
                start,
                end,
                kind,
                target: Target::Text(name),
                counts,
                part: self.part_at(start),
                single: r.hi - r.lo == 1,
            });
        }
        self.link(&mut outs);
        outs.sort_by_key(|o| (o.start, std::cmp::Reverse(o.end)));
        // Drop overlaps (keep the first, longest).
        let mut kept: Vec<Out> = Vec::with_capacity(outs.len());
        for o in outs {
            if kept.last().is_some_and(|k| o.start < k.end) {
                continue;
            }
            kept.push(o);
        }
        self.discount(&mut kept);
        kept
    }

    /// Mentions that name a country without being about it count less: a currency ("U.S.
    /// dlrs", "Swiss franc") not at all; an item of a list of three or more places ("Egypt,
    /// Zambia, Djibouti and Zaire") and a place in an all-caps table row of the body half.
    fn discount(&self, outs: &mut [Out]) {
        let text = self.text;
        let is_place = |o: &Out| {
            matches!(o.kind, MentionKind::Location | MentionKind::Nationality) && o.counts.is_some()
        };
        for o in outs.iter_mut().filter(|o| is_place(o)) {
            let next = text[o.end..]
                .trim_start()
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            if CURRENCIES.contains(&lower(next).as_str()) {
                o.counts = None;
                continue;
            }
            if matches!(o.part, Part::Body | Part::Lead) && self.caps_at(o.start) {
                if let Some((_, w)) = o.counts.as_mut() {
                    *w *= LIST_FACTOR;
                }
            }
        }
        // "Telefunken AG of West Germany", "<Saab-Scania AB> of Sweden": the company's country.
        for i in 1..outs.len() {
            if !is_place(&outs[i]) || outs[i].kind != MentionKind::Location {
                continue;
            }
            let before = text[..outs[i].start].trim_end();
            let Some(before) = before
                .strip_suffix(" of")
                .or_else(|| before.strip_suffix("\nof"))
            else {
                continue;
            };
            let before = before.trim_end();
            let org_before = before.ends_with('>')
                || (outs[i - 1].kind == MentionKind::Organisation
                    && before.len() == outs[i - 1].end);
            if org_before {
                if let Some((_, w)) = outs[i].counts.as_mut() {
                    *w *= OF_ORG_FACTOR;
                }
            }
        }
        let places: Vec<usize> = (0..outs.len()).filter(|&i| is_place(&outs[i])).collect();
        let mut i = 0;
        while i < places.len() {
            let mut j = i;
            while j + 1 < places.len() {
                let gap = &text[outs[places[j]].end..outs[places[j + 1]].start];
                if list_separator(gap) {
                    j += 1;
                } else {
                    break;
                }
            }
            if j - i + 1 >= 3 {
                for &k in &places[i..=j] {
                    if let Some((_, w)) = outs[k].counts.as_mut() {
                        *w *= LIST_FACTOR;
                    }
                }
            }
            i = j + 1;
        }
    }

    fn resolve_gm(
        &self,
        g: &Gm,
        ev: &FxMap<&str, u32>,
        place_ev: &FxSet<&str>,
        named: &FxSet<u32>,
    ) -> Option<Out> {
        let gaz = self.gaz();
        let ent = |c: &Cand| &gaz.entities[c.entity as usize];
        let in_ev = |c: &Cand| {
            ent(c)
                .countries
                .iter()
                .any(|cc| ev.contains_key(cc.as_str()))
        };
        let out = |kind: MentionKind, entity: u32, counts: Option<(String, f32)>| Out {
            start: g.start,
            end: g.end,
            kind,
            target: Target::Gaz(entity),
            counts,
            part: g.part,
            single: g.hi - g.lo == 1,
        };
        let single_country = |entity: u32| -> Option<String> {
            let e = &gaz.entities[entity as usize];
            (e.countries.len() == 1).then(|| e.countries[0].clone())
        };

        let full_people: Vec<&Cand> = g
            .cands
            .iter()
            .filter(|c| ent(c).kind == Kind::Person && c.role == Role::Name)
            .collect();
        if let Some(c) = full_people.iter().max_by_key(|c| (in_ev(c), ent(c).since)) {
            let counts = single_country(c.entity).map(|cc| (cc, PERSON_WEIGHT));
            return Some(out(MentionKind::Person, c.entity, counts));
        }
        let orgs: Vec<&Cand> = g
            .cands
            .iter()
            .filter(|c| ent(c).kind == Kind::Organisation)
            .collect();
        let locs: Vec<&Cand> = g
            .cands
            .iter()
            .filter(|c| matches!(ent(c).kind, Kind::Country | Kind::Place) && c.role == Role::Name)
            .collect();
        let dems: Vec<&Cand> = g.cands.iter().filter(|c| c.role == Role::Demonym).collect();
        let shorts: Vec<&Cand> = g
            .cands
            .iter()
            .filter(|c| ent(c).kind == Kind::Person && c.role == Role::Short)
            .collect();

        // Surname alone: supported by a title before, the full name in the story, or the
        // person's country in evidence (and not inside a longer unknown name).
        let title_before = g.lo > 0
            && g.lo < self.toks.len()
            && self.toks[g.lo].join
            && self.has(g.lo - 1, lexicon::TITLE);
        let inside_name = (g.lo > 0
            && g.lo < self.toks.len()
            && self.toks[g.lo].join
            && self.toks[g.lo - 1].cap
            && !self.toks[g.lo].caps
            && !self.has(g.lo - 1, lexicon::TITLE | lexicon::COMMON))
            || (g.hi < self.toks.len()
                && self.toks[g.hi].join
                && self.toks[g.hi].cap
                && !self.toks[g.hi].caps
                && self.nameish(g.hi));
        let short_pick = |strong_only: bool| -> Option<&Cand> {
            let mut best: Option<(&Cand, (u8, i32))> = None;
            for c in &shorts {
                let score = if named.contains(&c.entity) {
                    3
                } else if inside_name {
                    0
                } else if title_before && in_ev(c) {
                    2
                } else if title_before || (!strong_only && !g.dictword && in_ev(c)) {
                    1
                } else {
                    0
                };
                if score == 0 {
                    continue;
                }
                let key = (score, ent(c).since);
                if best.is_none_or(|(_, k)| key > k) {
                    best = Some((c, key));
                }
            }
            best.map(|(c, _)| c)
        };
        if !shorts.is_empty() {
            let strong_only = !locs.is_empty() || !orgs.is_empty() || !dems.is_empty();
            if let Some(c) = short_pick(strong_only) {
                let counts = single_country(c.entity).map(|cc| (cc, PERSON_WEIGHT));
                return Some(out(MentionKind::Person, c.entity, counts));
            }
        }

        if !orgs.is_empty() {
            let loc_strong = locs.iter().any(|c| {
                matches!(
                    ent(c).place_kind,
                    PlaceKind::Country | PlaceKind::Territory | PlaceKind::Capital
                )
            });
            if !loc_strong {
                let c = orgs
                    .iter()
                    .max_by_key(|c| (in_ev(c), std::cmp::Reverse(c.entity)))
                    .copied()?;
                let e = ent(c);
                let national = e.org_type != OrgType::International && !e.countries.is_empty();
                // An English word ("Democrats", "Fed") or a short acronym ("FCA") of a national
                // body needs its country in evidence or its full name in the story.
                let surface = &self.text[g.start..g.end];
                let acronym = surface.len() <= 5 && !surface.chars().any(char::is_lowercase);
                if national
                    && !e.trusted
                    && (g.dictword || acronym)
                    && !in_ev(c)
                    && !named.contains(&c.entity)
                {
                    return None;
                }
                if !national && g.dictword {
                    let t = self.toks.get(g.lo)?;
                    if g.caps || t.sent || !t.cap {
                        return None;
                    }
                }
                let w = if e.org_type == OrgType::Company {
                    COMPANY_WEIGHT
                } else {
                    ORG_WEIGHT
                };
                let counts = (e.org_type != OrgType::International)
                    .then(|| single_country(c.entity))
                    .flatten()
                    .map(|cc| (cc, w));
                return Some(out(MentionKind::Organisation, c.entity, counts));
            }
        }

        if !locs.is_empty() {
            let c = self.pick_location(g, &locs, ev, place_ev)?;
            if g.wordlike && !self.wordlike_ok(g, c, ev) {
                return None;
            }
            if g.dictword && !g.wordlike && !self.dictword_ok(g, c, ev) {
                return None;
            }
            let e = ent(c);
            if e.kind == Kind::Place
                && e.place_kind != PlaceKind::Capital
                && !e.countries.iter().any(|cc| ev.contains_key(cc.as_str()))
                && self.in_longer_name(g)
            {
                return None;
            }
            let counts = single_country(c.entity).map(|cc| (cc, LOCATION_WEIGHT));
            return Some(out(MentionKind::Location, c.entity, counts));
        }

        if !dems.is_empty() {
            let c = dems
                .iter()
                .max_by_key(|c| (ent(c).kind == Kind::Country, in_ev(c)))
                .copied()?;
            let counts = single_country(c.entity).map(|cc| (cc, NATIONALITY_WEIGHT));
            return Some(out(MentionKind::Nationality, c.entity, counts));
        }
        None
    }

    /// Chooses among places sharing a name.
    fn pick_location<'c>(
        &self,
        g: &Gm,
        locs: &[&'c Cand],
        ev: &FxMap<&str, u32>,
        place_ev: &FxSet<&str>,
    ) -> Option<&'c Cand> {
        let gaz = self.gaz();
        let ent = |c: &Cand| &gaz.entities[c.entity as usize];
        if locs.len() == 1 {
            return Some(locs[0]);
        }
        // Georgia: the country, unless the story is about the US state.
        let ge = locs
            .iter()
            .find(|c| ent(c).kind == Kind::Country && ent(c).countries[0] == "GE");
        let us_state = locs
            .iter()
            .find(|c| ent(c).kind == Kind::Place && ent(c).countries == ["US"]);
        if let (Some(ge), Some(us)) = (ge, us_state) {
            let before =
                |n: usize| -> Option<String> { (g.lo >= n).then(|| lower(self.word(g.lo - n))) };
            let state_of =
                before(1).as_deref() == Some("of") && before(2).as_deref() == Some("state");
            let caucasus = ["GE", "RU", "AM", "AZ", "UA", "TR", "IR", "BY", "KZ"]
                .iter()
                .any(|c| ev.contains_key(c));
            let us_places = place_ev.contains("US");
            return Some(if state_of || (us_places && !caucasus) {
                us
            } else {
                ge
            });
        }
        // A capital keeps its name against a namesake in a country the story names ("LONDON"
        // in a story about a Canadian bond) unless a place of that country is named in the
        // same sentence ("near London, Ontario").
        let default = locs
            .iter()
            .max_by_key(|c| (ent(c).place_kind.rank(), ent(c).population))
            .copied()?;
        if matches!(
            ent(default).place_kind,
            PlaceKind::Capital | PlaceKind::Country
        ) {
            let alt = locs.iter().copied().find(|c| {
                !std::ptr::eq(*c, default)
                    && ent(c).countries.len() == 1
                    && self.place_in_sentence(g, &ent(c).countries[0])
            });
            return Some(alt.unwrap_or(default));
        }
        locs.iter()
            .max_by_key(|c| {
                let e = ent(c);
                let evidence = e
                    .countries
                    .iter()
                    .map(|cc| ev.get(cc.as_str()).copied().unwrap_or(0))
                    .max()
                    .unwrap_or(0);
                (
                    evidence > 0,
                    e.place_kind.rank(),
                    e.population,
                    std::cmp::Reverse(c.entity),
                )
            })
            .copied()
    }

    /// Whether another match in the sentence of `g` names a place (not the country itself) of
    /// country `cc`: "Ontario" for "London".
    fn place_in_sentence(&self, g: &Gm, cc: &str) -> bool {
        let ents = &self.gaz().entities;
        let mut lo = g.lo.min(self.toks.len().saturating_sub(1));
        while lo > 0 && !self.toks[lo].sent {
            lo -= 1;
        }
        let mut hi = g.hi;
        while hi < self.toks.len() && !self.toks[hi].sent {
            hi += 1;
        }
        (lo..hi).any(|t| {
            let gi = self.tok_gm[t];
            if gi == NONE || (t >= g.lo && t < g.hi) {
                return false;
            }
            let other = &self.gms[gi as usize];
            other.alive
                && other
                    .cands
                    .iter()
                    .all(|c| ents[c.entity as usize].kind == Kind::Place)
                && other.cands.iter().any(|c| {
                    let e = &ents[c.entity as usize];
                    e.countries.len() == 1 && e.countries[0] == cc
                })
        })
    }

    /// A word-like place ("Nice", "Reading") counts when capitalised mid-sentence with its
    /// country in evidence, or right after a place preposition ("in Reading").
    fn wordlike_ok(&self, g: &Gm, c: &Cand, ev: &FxMap<&str, u32>) -> bool {
        if g.lo >= self.toks.len() {
            return false;
        }
        let t = self.toks[g.lo];
        if !t.cap || t.upper || g.caps {
            return false;
        }
        let e = &self.gaz().entities[c.entity as usize];
        let country_ev = e.countries.iter().any(|cc| ev.contains_key(cc.as_str()));
        let prep = t.join
            && self
                .prev_word_lower(g.lo)
                .is_some_and(|w| PLACE_PREPOSITIONS.contains(&w.as_str()));
        (country_ev && !t.sent) || prep
    }

    /// A place named by an English word ("Sale", "Buffalo") counts in a dateline, capitalised
    /// mid-sentence, or with its country in evidence.
    fn dictword_ok(&self, g: &Gm, c: &Cand, ev: &FxMap<&str, u32>) -> bool {
        if g.part == Part::Dateline {
            return true;
        }
        let e = &self.gaz().entities[c.entity as usize];
        if e.countries.iter().any(|cc| ev.contains_key(cc.as_str())) {
            return true;
        }
        let Some(t) = self.toks.get(g.lo) else {
            return false;
        };
        !g.caps && t.cap && !t.upper && !t.sent && !self.in_longer_name(g)
    }

    /// A one-word match joined to a capitalised word before or after it, on a mixed-case
    /// line: part of a longer name the gazetteer lacks ("Marine Midland", "San Quirico",
    /// "Cleveland Hub").
    fn in_longer_name(&self, g: &Gm) -> bool {
        if g.caps || g.hi != g.lo + 1 {
            return false;
        }
        let prev = g.lo > 0
            && self.toks[g.lo].join
            && self.toks[g.lo - 1].cap
            && !self.toks[g.lo - 1].sent
            && !self.has(g.lo - 1, lexicon::COMMON | lexicon::TITLE);
        let next = g.hi < self.toks.len()
            && self.toks[g.hi].join
            && self.toks[g.hi].cap
            && !self.toks[g.hi].upper
            && !self.has(g.hi, lexicon::NOT_IN_NAMES);
        prev || next
    }

    /// Surname linking: a single word equal to the surname of a person named in full is that
    /// person.
    fn link(&self, outs: &mut Vec<Out>) {
        let gaz = self.gaz();
        let mut surnames: FxMap<String, Target> = FxMap::default();
        for o in outs.iter().filter(|o| o.kind == MentionKind::Person) {
            match &o.target {
                Target::Gaz(id) => {
                    let e = &gaz.entities[*id as usize];
                    if let Some(s) = &e.surname {
                        if e.name.contains(' ') {
                            surnames.entry(s.clone()).or_insert(o.target.clone());
                        }
                    }
                }
                Target::Text(name) => {
                    if let Some((_, last)) = name.rsplit_once(' ') {
                        let last = lower(last);
                        if !self.lex().is_common(&last) {
                            surnames.entry(last).or_insert(o.target.clone());
                        }
                    }
                }
            }
        }
        if surnames.is_empty() {
            return;
        }
        let country_of = |t: &Target| -> Option<(String, f32)> {
            match t {
                Target::Gaz(id) => {
                    let e = &gaz.entities[*id as usize];
                    (e.countries.len() == 1).then(|| (e.countries[0].clone(), PERSON_WEIGHT))
                }
                Target::Text(_) => None,
            }
        };
        // Single-word mentions already resolved (places, single-word rule people).
        for o in outs.iter_mut() {
            if !o.single || o.kind == MentionKind::Organisation {
                continue;
            }
            let surface = &self.text[o.start..o.end];
            if !surface.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            if let Some(t) = surnames.get(&lower(surface)) {
                if o.kind != MentionKind::Person || matches!(o.target, Target::Text(_)) {
                    o.kind = MentionKind::Person;
                    o.counts = country_of(t);
                    o.target = t.clone();
                }
            }
        }
        // Single capitalised words nobody claimed.
        for (t, tok) in self.toks.iter().enumerate() {
            if !tok.cap || self.tok_gm[t] != NONE || self.tok_rule[t] != NONE {
                continue;
            }
            let joined_cap = |k: usize| {
                k < self.toks.len() && self.toks[k].join && self.toks[k].cap && !self.toks[k].caps
            };
            if !tok.caps
                && ((t > 0 && tok.join && self.toks[t - 1].cap && !self.has(t - 1, lexicon::TITLE))
                    || joined_cap(t + 1))
            {
                continue;
            }
            if let Some(target) = surnames.get(&lower(self.word(t))) {
                outs.push(Out {
                    start: tok.start,
                    end: tok.end,
                    kind: MentionKind::Person,
                    target: target.clone(),
                    counts: country_of(target),
                    part: self.part_at(tok.start),
                    single: true,
                });
            }
        }
    }

    fn output(&self, outs: Vec<Out>, mentions: bool) -> Extraction {
        let gaz = self.gaz();
        let mut x = Extraction::default();
        let mut scores: FxMap<&str, (f32, u32, usize)> = FxMap::default();
        let mut once: FxMap<(&str, &str), f32> = FxMap::default();
        let push = |v: &mut Vec<String>, s: &str| {
            if !v.iter().any(|x| x == s) {
                v.push(s.to_string());
            }
        };
        for o in &outs {
            let (entity, country): (&str, Option<&str>) = match &o.target {
                Target::Gaz(id) => {
                    let e = &gaz.entities[*id as usize];
                    let cc = (e.countries.len() == 1).then(|| e.countries[0].as_str());
                    (&e.name, cc)
                }
                Target::Text(name) => (name, o.counts.as_ref().map(|(c, _)| c.as_str())),
            };
            match o.kind {
                MentionKind::Person => push(&mut x.people, entity),
                MentionKind::Organisation => push(&mut x.organisations, entity),
                MentionKind::Location => {
                    if let Target::Gaz(id) = &o.target {
                        if gaz.entities[*id as usize].kind == Kind::Place {
                            push(&mut x.places, entity);
                        }
                    }
                }
                MentionKind::Nationality => {}
            }
            if let Some((cc, w)) = &o.counts {
                let v = w * part_weight(o.part);
                let s = scores.entry(cc.as_str()).or_insert((0.0, 0, o.start));
                s.1 += 1;
                if matches!(o.kind, MentionKind::Person | MentionKind::Organisation) {
                    // A person or organisation counts once, at its weightiest mention.
                    let best = once.entry((entity, cc.as_str())).or_insert(0.0);
                    if v > *best {
                        s.0 += v - *best;
                        *best = v;
                    }
                } else {
                    s.0 += v;
                }
            }
            if mentions {
                x.mentions.push(Mention {
                    start: o.start,
                    end: o.end,
                    surface: self.text[o.start..o.end].to_string(),
                    kind: o.kind,
                    entity: entity.to_string(),
                    country: country.map(str::to_string),
                });
            }
        }
        let total: f32 = scores.values().map(|s| s.0).sum();
        let mut countries: Vec<(&str, f32, u32, usize)> = scores
            .into_iter()
            .map(|(c, (s, n, first))| (c, s, n, first))
            .collect();
        countries.sort_by(|a, b| {
            b.1.partial_cmp(&a.1)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.3.cmp(&b.3))
        });
        let about = |s: f32| s >= self.x.about_min;
        x.primary_country = countries
            .iter()
            .find(|c| about(c.1))
            .map(|c| c.0.to_string());
        x.countries = countries
            .into_iter()
            .map(|(code, s, n, _)| CountryScore {
                code: code.to_string(),
                mentions: n,
                salience: if total > 0.0 { s / total } else { 0.0 },
                about: about(s),
            })
            .collect();
        x.actors = x.people.iter().chain(&x.organisations).cloned().collect();
        x
    }
}

/// Whether the text between two places separates items of a list: a comma, "and", "or",
/// "/", ";" or "&", optionally followed by "the" (", and the UAE").
fn list_separator(gap: &str) -> bool {
    fn strip_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
        let head = s.get(..prefix.len())?;
        head.eq_ignore_ascii_case(prefix)
            .then(|| &s[prefix.len()..])
    }
    if gap.len() > 12 {
        return false;
    }
    let mut rest = gap.trim();
    let mut seen = false;
    for sep in [",", ";", "/", "&"] {
        if let Some(r) = rest.strip_prefix(sep) {
            rest = r.trim_start();
            seen = true;
            break;
        }
    }
    for word in ["and", "or"] {
        if let Some(r) = strip_ci(rest, word) {
            if r.is_empty() || r.starts_with(char::is_whitespace) {
                rest = r.trim_start();
                seen = true;
                break;
            }
        }
    }
    if let Some(r) = strip_ci(rest, "the") {
        rest = r;
    }
    seen && rest.trim().is_empty()
}

/// Whitespace collapsed to single spaces, a trailing possessive removed.
fn collapse(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.strip_suffix("'s")
        .or_else(|| s.strip_suffix("’s"))
        .map(str::to_string)
        .unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn ex() -> &'static Extractor {
        static EX: OnceLock<Extractor> = OnceLock::new();
        EX.get_or_init(|| Extractor::new().expect("embedded gazetteer loads"))
    }

    #[test]
    fn annotate_fills_what_extract_finds_for_every_corpus_story() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let (title, body) = text.split_once('\n').unwrap_or((&text, ""));
            let mut article = Article {
                title: title.to_string(),
                dateline: Some("BAMAKO, Mali".to_string()),
                body: body.to_string(),
                ..Article::default()
            };
            let x = ex().extract(&article);
            ex().annotate(&mut article);
            assert_eq!(article.countries, x.country_codes(), "{}", path.display());
            assert_eq!(article.primary_country, x.primary_country);
            assert_eq!(article.places, x.places);
            assert_eq!(article.people, x.people);
            assert_eq!(article.organisations, x.organisations);
            assert_eq!(article.actors, x.actors);
            checked += usize::from(!x.mentions.is_empty());
        }
        assert!(checked >= 40, "{checked} stories with mentions");
    }

    /// The seed story of the corpus, split as a reader would: title, standfirst, body.
    fn seed() -> Article {
        let text = include_str!("../../../corpus/000_9d45f85104269f96.txt");
        let mut paras = text.split("\n\n");
        let title = paras.next().unwrap().trim().to_string();
        let standfirst = paras.next().map(|s| s.trim().to_string());
        let body = paras.collect::<Vec<_>>().join("\n\n");
        Article {
            title,
            standfirst,
            body,
            ..Article::default()
        }
    }

    fn sorted(v: &[String]) -> Vec<&str> {
        let mut v: Vec<&str> = v.iter().map(String::as_str).collect();
        v.sort_unstable();
        v
    }

    fn has(v: &[String], s: &str) -> bool {
        v.iter().any(|x| x == s)
    }

    #[test]
    fn a_lookup_extractor_resolves_names_and_extracts_like_a_full_one() {
        let lookup = Extractor::lookup().unwrap();
        assert_eq!(lookup.resolve_country("Malian"), Some("ML"));
        assert_eq!(lookup.country_name("ML"), Some("Mali"));
        assert_eq!(lookup.resolve_actor("PMC Wagner"), Some("Wagner Group"));
        assert!(lookup.ac.get().is_none(), "the matcher is deferred");
        let full = Extractor::new().unwrap();
        assert_eq!(lookup.extract(&seed()), full.extract(&seed()));
        assert!(lookup.ac.get().is_some());
    }

    #[test]
    fn seed_story_countries_places_people_organisations() {
        let mut a = seed();
        ex().annotate(&mut a);
        assert_eq!(sorted(&a.countries), ["AF", "CF", "FR", "LY", "ML", "RU"]);
        for p in ["Bamako", "Moscow", "Sahel"] {
            assert!(has(&a.places, p), "{p} missing from {:?}", a.places);
        }
        for p in ["Sergey Lavrov", "Josep Borrell"] {
            assert!(has(&a.people, p), "{p} missing from {:?}", a.people);
        }
        for o in [
            "Wagner Group",
            "European Union",
            "United Nations",
            "Taliban",
        ] {
            assert!(
                has(&a.organisations, o),
                "{o} missing from {:?}",
                a.organisations
            );
        }
        assert!(!has(&a.people, "Lavrov"), "{:?}", a.people);
        assert_eq!(a.actors.len(), a.people.len() + a.organisations.len());
    }

    #[test]
    fn seed_story_links_later_lavrov_and_offsets_are_exact() {
        let a = seed();
        let x = ex().extract(&a);
        let text = a.full_text();
        for m in &x.mentions {
            assert_eq!(&text[m.start..m.end], m.surface, "{m:?}");
        }
        let lavrovs: Vec<&Mention> = x
            .mentions
            .iter()
            .filter(|m| m.surface == "Lavrov")
            .collect();
        assert!(lavrovs.len() >= 3, "{lavrovs:?}");
        for m in lavrovs {
            assert_eq!(m.kind, MentionKind::Person);
            assert_eq!(m.entity, "Sergey Lavrov");
            assert_eq!(m.country.as_deref(), Some("RU"));
        }
        let malian = ex().extract_plain("Malian troops entered Kidal.");
        assert_eq!(malian.mentions[0].kind, MentionKind::Nationality);
        assert_eq!(malian.mentions[0].entity, "Mali");
        assert_eq!(malian.country_codes(), ["ML"]);
    }

    /// Countries the plain text is about, sorted.
    fn countries(text: &str) -> Vec<String> {
        let mut c = ex().extract_plain(text).country_codes();
        c.sort();
        c
    }

    /// (surface, kind, entity) of every mention.
    fn mentions(text: &str) -> Vec<(String, MentionKind, String)> {
        ex().extract_plain(text)
            .mentions
            .into_iter()
            .map(|m| (m.surface, m.kind, m.entity))
            .collect()
    }

    fn mention<'m>(
        ms: &'m [(String, MentionKind, String)],
        surface: &str,
    ) -> Option<&'m (String, MentionKind, String)> {
        ms.iter().find(|m| m.0 == surface)
    }

    #[test]
    fn chad_the_country_and_chad_the_given_name() {
        let text = "Chad Smith, a teacher from Ohio, said he would run again.";
        let x = ex().extract_plain(text);
        assert!(has(&x.people, "Chad Smith"), "{:?}", x.people);
        assert!(!x.country_codes().contains(&"TD".to_string()), "{x:?}");
        assert_eq!(
            countries("Chad and Sudan closed their border."),
            ["SD", "TD"]
        );
    }

    #[test]
    fn niger_nigeria_nigerian_nigerien() {
        let text = "Niger's junta met Nigerian officials in Abuja, and Nigerien troops \
                    stayed in Niamey while Nigeria watched.";
        let ms = mentions(text);
        assert_eq!(mention(&ms, "Niger").unwrap().2, "Niger");
        assert_eq!(mention(&ms, "Nigerian").unwrap().2, "Nigeria");
        assert_eq!(
            mention(&ms, "Nigerian").unwrap().1,
            MentionKind::Nationality
        );
        assert_eq!(mention(&ms, "Nigerien").unwrap().2, "Niger");
        assert_eq!(mention(&ms, "Nigeria").unwrap().2, "Nigeria");
        assert_eq!(countries(text), ["NE", "NG"]);
        assert_eq!(countries("Oil spilled across the Niger Delta."), ["NG"]);
    }

    #[test]
    fn jordan_the_country_and_jordan_the_person() {
        let text = "Michael Jordan scored 40 points in Chicago. Later, Jordan said he was tired.";
        let x = ex().extract_plain(text);
        assert!(has(&x.people, "Michael Jordan"), "{:?}", x.people);
        assert!(!x.country_codes().contains(&"JO".to_string()), "{x:?}");
        let later: Vec<&Mention> = x
            .mentions
            .iter()
            .filter(|m| m.surface == "Jordan")
            .collect();
        assert_eq!(later.len(), 1, "{later:?}");
        assert_eq!(later[0].kind, MentionKind::Person);
        assert_eq!(later[0].entity, "Michael Jordan");
        assert_eq!(
            countries("Jordan said it would reopen the border with Syria."),
            ["JO", "SY"]
        );
    }

    #[test]
    fn georgia_the_country_and_the_us_state() {
        let state = "Voters in Georgia queued for hours in Atlanta on Tuesday.";
        assert_eq!(countries(state), ["US"]);
        let x = ex().extract_plain(state);
        let m = x.mentions.iter().find(|m| m.surface == "Georgia").unwrap();
        assert_eq!(m.country.as_deref(), Some("US"));
        let country = "Russian troops entered Georgia, and Tbilisi protested.";
        assert_eq!(countries(country), ["GE", "RU"]);
        assert_eq!(countries("Georgia held a parliamentary election."), ["GE"]);
    }

    #[test]
    fn turkey_the_country_and_turkey_the_bird() {
        assert_eq!(countries("Turkey said it would veto the plan."), ["TR"]);
        assert!(countries("Families ate turkey and pumpkin pie.").is_empty());
        let x = ex().extract_plain("Families ate turkey and pumpkin pie.");
        assert!(x.mentions.is_empty(), "{:?}", x.mentions);
    }

    #[test]
    fn the_guineas_take_the_longest_name() {
        let text = "Equatorial Guinea and Guinea-Bissau signed a deal with Papua New Guinea.";
        assert_eq!(countries(text), ["GQ", "GW", "PG"]);
        assert_eq!(countries("Guinea's junta freed the prisoners."), ["GN"]);
        assert_eq!(countries("Guinea Bissau held a vote."), ["GW"]);
    }

    #[test]
    fn nice_and_reading_need_a_capital_and_context() {
        let x = ex().extract_plain("The attack in Nice killed 86 people, French officials said.");
        assert!(has(&x.places, "Nice"), "{:?}", x.places);
        assert_eq!(x.country_codes(), ["FR"]);
        assert!(countries("It was a nice day at the beach.").is_empty());
        assert!(countries("Nice weather helped the harvest.").is_empty());
        assert!(countries("Reading is good for children.").is_empty());
        let x = ex().extract_plain("Police in Reading arrested a man, British media reported.");
        assert!(has(&x.places, "Reading"), "{:?}", x.places);
        assert_eq!(x.country_codes(), ["GB"]);
    }

    #[test]
    fn us_the_country_and_us_the_pronoun() {
        let ms = mentions("Let us know what the US thinks and what the U.S. said.");
        let us: Vec<&str> = ms
            .iter()
            .filter(|m| m.2 == "United States")
            .map(|m| m.0.as_str())
            .collect();
        assert_eq!(us, ["US", "U.S."]);
        assert!(countries("Tell us what you think.").is_empty());
        let a = |title: &str| Article {
            title: title.into(),
            body: "The talks went on.".into(),
            ..Article::default()
        };
        assert!(ex()
            .extract(&a("LET US TALK ABOUT IT"))
            .country_codes()
            .is_empty());
        assert_eq!(
            ex().extract(&a("U.S. TRADE DEFICIT WIDENS"))
                .country_codes(),
            ["US"]
        );
    }

    #[test]
    fn washington_the_capital_the_state_and_the_person() {
        let x = ex().extract_plain("Washington said the sanctions would stay.");
        assert_eq!(x.places, ["Washington"]);
        assert_eq!(x.country_codes(), ["US"]);
        let x = ex().extract_plain("Wildfires burned across Washington state this week.");
        assert_eq!(x.places, ["Washington state"]);
        let x = ex().extract_plain("George Washington crossed the river.");
        assert!(has(&x.people, "George Washington"), "{:?}", x.people);
        assert!(x.places.is_empty(), "{:?}", x.places);
    }

    #[test]
    fn paris_the_city_and_paris_hilton() {
        let x = ex().extract_plain("Paris Hilton arrived at the party in a pink car.");
        assert!(has(&x.people, "Paris Hilton"), "{:?}", x.people);
        assert!(x.country_codes().is_empty(), "{x:?}");
        assert_eq!(countries("Talks opened in Paris on Monday."), ["FR"]);
    }

    #[test]
    fn a_city_takes_the_country_the_story_already_names() {
        // London, Ontario, rather than London, England.
        let x = ex().extract_plain("Ontario police said the crash happened near London.");
        let m = x.mentions.iter().find(|m| m.surface == "London").unwrap();
        assert_eq!(m.country.as_deref(), Some("CA"));
        let x = ex().extract_plain("The crash happened near London.");
        let m = x.mentions.iter().find(|m| m.surface == "London").unwrap();
        assert_eq!(m.country.as_deref(), Some("GB"));
    }

    #[test]
    fn all_caps_headline_still_matches() {
        let a = Article {
            title: "MALI JUNTA EXPELS FRENCH AMBASSADOR OVER WAGNER ROW".into(),
            dateline: Some("BAMAKO, Jan 31".into()),
            body: "The ambassador was given 72 hours to leave.".into(),
            ..Article::default()
        };
        let x = ex().extract(&a);
        assert_eq!(x.primary_country.as_deref(), Some("ML"));
        // Wagner Group's home country counts too, at an organisation's weight.
        let mut c = x.country_codes();
        c.sort();
        assert_eq!(c, ["FR", "ML", "RU"]);
        assert!(has(&x.places, "Bamako"), "{:?}", x.places);
        assert!(
            has(&x.organisations, "Wagner Group"),
            "{:?}",
            x.organisations
        );
        // A word-like acronym is not read in a headline: "CAR" is not the Central African
        // Republic here.
        let a = Article {
            title: "CAR SALES RISE IN FEBRUARY".into(),
            body: "Sales rose.".into(),
            ..Article::default()
        };
        assert!(ex().extract(&a).country_codes().is_empty());
    }

    #[test]
    fn wagner_aliases_are_one_actor() {
        for text in [
            "Wagner fighters arrived.",
            "Fighters of the Wagner Group arrived.",
            "PMC Wagner fighters arrived.",
        ] {
            let x = ex().extract_plain(text);
            assert_eq!(x.organisations, ["Wagner Group"], "{text}");
            assert_eq!(x.actors, ["Wagner Group"], "{text}");
        }
        for name in ["Wagner", "the Wagner Group", "PMC Wagner", "pmc wagner"] {
            assert_eq!(ex().resolve_actor(name), Some("Wagner Group"), "{name}");
        }
        assert_eq!(ex().resolve_actor("nobody at all"), None);
    }

    #[test]
    fn people_by_title_role_given_name_and_speech() {
        let text = "Foreign Minister Karim Belhadji met EU foreign policy chief Annika \
                    Strandberg in Bamako. Olusegun Adeyemo-Baptiste said the talks went well. \
                    The group said nothing. Mr Belhadji later left, and Strandberg stayed.";
        let x = ex().extract_plain(text);
        for p in [
            "Karim Belhadji",
            "Annika Strandberg",
            "Olusegun Adeyemo-Baptiste",
        ] {
            assert!(has(&x.people, p), "{p} missing from {:?}", x.people);
        }
        assert_eq!(x.people.len(), 3, "{:?}", x.people);
        let later: Vec<&str> = x
            .mentions
            .iter()
            .filter(|m| m.surface == "Belhadji" || m.surface == "Strandberg")
            .map(|m| m.entity.as_str())
            .collect();
        assert_eq!(later, ["Karim Belhadji", "Annika Strandberg"]);
        assert_eq!(x.organisations, ["European Union"]);
    }

    #[test]
    fn organisations_by_pattern() {
        let text = "The Ourossene Liberation Front attacked a convoy of Kidal Mining Corp, \
                    the Ministry of Mines said. Sahel Development Bank and the Tuareg \
                    Patriotic Party condemned it.";
        let x = ex().extract_plain(text);
        for o in [
            "Ourossene Liberation Front",
            "Kidal Mining Corp",
            "Ministry of Mines",
            "Sahel Development Bank",
            "Tuareg Patriotic Party",
        ] {
            assert!(
                has(&x.organisations, o),
                "{o} missing from {:?}",
                x.organisations
            );
        }
        // "Kidal" inside the company's name gives the company its country.
        let corp = x
            .mentions
            .iter()
            .find(|m| m.entity == "Kidal Mining Corp")
            .unwrap();
        assert_eq!(corp.country.as_deref(), Some("ML"));
    }

    #[test]
    fn country_lookups_for_facets_and_filters() {
        for name in ["Mali", "Malian", "ml", "ML", "MLI", "mali"] {
            assert_eq!(ex().resolve_country(name), Some("ML"), "{name}");
        }
        assert_eq!(ex().resolve_country("the United States"), Some("US"));
        assert_eq!(ex().resolve_country("Atlantis"), None);
        assert_eq!(ex().country_name("ML"), Some("Mali"));
        assert_eq!(ex().country_name("ml"), Some("Mali"));
        assert_eq!(ex().country_name("XX"), None);
    }

    #[test]
    fn historical_states_count_as_successors() {
        let x = ex().extract_plain("The Soviet Union and West Germany signed a trade pact.");
        assert_eq!(x.country_codes().len(), 2, "{x:?}");
        assert!(x.country_codes().contains(&"RU".to_string()));
        assert!(x.country_codes().contains(&"DE".to_string()));
    }

    #[test]
    fn salience_weighs_the_title_and_the_primary_country_stands_out() {
        let a = Article {
            title: "Mali's junta names a new government".into(),
            body: "The cabinet met.\n\nThe move angered France. France said it would respond."
                .into(),
            ..Article::default()
        };
        let x = ex().extract(&a);
        assert_eq!(x.primary_country.as_deref(), Some("ML"));
        let ml = x.countries.iter().find(|c| c.code == "ML").unwrap();
        let fr = x.countries.iter().find(|c| c.code == "FR").unwrap();
        assert_eq!((ml.mentions, fr.mentions), (1, 2));
        assert!(ml.salience > fr.salience, "{:?}", x.countries);
        let total: f32 = x.countries.iter().map(|c| c.salience).sum();
        assert!((total - 1.0).abs() < 1e-4, "{total}");
    }

    #[test]
    fn user_gazetteer_adds_an_actor() {
        let tsv = "# kind\tname\tcountry\taliases\tsubtype\n\
                   organisation\tSahel Mining Watch\tML\tSMW|the Watch\tother\n\
                   person\tAminata Kone-Traore\tML\tKone-Traore\n\
                   ignore\tChad\n";
        let x = Extractor::with_user_gazetteer_str("watch.tsv", tsv).unwrap();
        let r = x.extract_plain("SMW said Kone-Traore visited Chad and Niger.");
        assert_eq!(r.organisations, ["Sahel Mining Watch"]);
        assert_eq!(r.people, ["Aminata Kone-Traore"]);
        // "Chad" is ignored; the watch's and the person's home country counts (0.5 + 0.5).
        assert_eq!(r.country_codes(), ["ML", "NE"], "{r:?}");
        assert_eq!(x.resolve_actor("SMW"), Some("Sahel Mining Watch"));
        assert_eq!(
            x.resolve_actor("Sahel Mining Watch"),
            Some("Sahel Mining Watch")
        );
        // The embedded extractor knows none of it.
        assert_eq!(ex().resolve_actor("SMW"), None);
    }

    #[test]
    fn user_gazetteer_errors_name_the_file_and_line() {
        let tsv = "# watch list\n\
                   organisation\tSahel Mining Watch\tML\n\
                   person\tJane Doe\tXX\tDoe\n";
        let err = Extractor::with_user_gazetteer_str("watch.tsv", tsv).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("watch.tsv:3:"), "{msg}");
        assert!(msg.contains("XX"), "{msg}");
        let tsv = "organisation\tSahel Mining Watch\tML\nwatchlist Sahel Mining Watch\n";
        let msg = Extractor::with_user_gazetteer_str("w.tsv", tsv)
            .unwrap_err()
            .to_string();
        assert!(msg.starts_with("w.tsv:2:"), "{msg}");
        let tsv = "spaceship\tEnterprise\t\t\n";
        let msg = Extractor::with_user_gazetteer_str("w.tsv", tsv)
            .unwrap_err()
            .to_string();
        assert!(
            msg.starts_with("w.tsv:1:") && msg.contains("spaceship"),
            "{msg}"
        );
    }

    #[test]
    fn user_gazetteer_file_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("actors.tsv");
        std::fs::write(
            &path,
            "organisation\tKayes Defence League\tML\tKDL\tarmed_group\n",
        )
        .unwrap();
        let x = Extractor::with_user_gazetteer(&path).unwrap();
        assert_eq!(x.resolve_actor("KDL"), Some("Kayes Defence League"));
        let missing = dir.path().join("missing.tsv");
        let msg = Extractor::with_user_gazetteer(&missing)
            .unwrap_err()
            .to_string();
        assert!(msg.contains("missing.tsv"), "{msg}");
    }

    #[test]
    fn offsets_are_bytes_of_the_plain_text() {
        let text = "Über-Kämpfer « Malian » troops met in Bamako.";
        let x = ex().extract_plain(text);
        assert!(!x.mentions.is_empty());
        for m in &x.mentions {
            assert_eq!(&text[m.start..m.end], m.surface);
        }
        assert_eq!(x.places, ["Bamako"]);
    }
}
