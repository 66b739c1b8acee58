//! The tagger's reading merged with the gazetteer's: names no list holds become mentions,
//! gazetteer places inside longer names stop counting, and names are linked inside the story
//! (a surname to the full name, an acronym to the name it abbreviates).
//!
//! The tagger reads the gazetteer and rule mentions as hints (the features it was trained
//! with), so it runs after them, over the mentions [`super::run`] has kept so far. Then, for
//! each tagged span:
//!
//! - no mention overlaps it: a PER or ORG span becomes a person or organisation, linked to
//!   the gazetteer's entity when its full name (two words or more) is one the gazetteer holds,
//!   else a new entity named by its text; a LOC span becomes a location mention without a
//!   country (it is not added to [`crate::Extraction::places`], which holds resolved places);
//!   MISC spans are dropped. Spans below [`MIN_NEW_CONFIDENCE`] are dropped.
//! - it covers one mention exactly: the mention keeps its entity; its confidence rises to the
//!   tagger's when the types agree, falls by [`DISPUTED_FACTOR`] when they do not; except a
//!   gazetteer place that is not a country the tagger reads as ORG with confidence
//!   [`REREAD_CONFIDENCE`] or more ("Surrey" the cricket side, "Torino" the club): it becomes
//!   that organisation, named by its text, giving no country.
//! - it is a PER, ORG or MISC span strictly longer than the mentions inside it: a place or
//!   country inside does not count as that place ("Reading" in "Reading and Bates Drilling
//!   Co", "Henri" in "Paul-Henri Sandaogo Damiba"); a PER or ORG span replaces the mentions
//!   inside with one new mention (a demonym inside an ORG span gives the organisation its
//!   country: "Russian Foreign Ministry"), except a known person after a title the tagger
//!   took into the name ("Lieutenant-Colonel X").
//! - a LOC span over longer or crossing mentions, or inside one: the gazetteer stands.
//!
//! A gazetteer or rule mention no tagger span touches keeps its entity at a lower confidence.
//! A new name alone that is a common English word ("Movement", "Party", "Congress"), an
//! English word opening a sentence ("Little will change") or a word after "of"/"for" and a
//! capitalised word ("National League for Democracy") is taken for a piece of a longer name
//! the tagger split, and dropped; a new name keeps the kind of
//! its first mention throughout the story.
//!
//! Before the spans are merged, a PER or ORG span loses its attributes: the words up to a
//! hyphenated participle ("Boston-based FMR"), a trailing participle or style ending
//! ("African Union-led"), and a leading "The" before a body's name ("The Commerce
//! Department"). After it, a new name followed by a possessive and an organisation's last
//! word becomes one organisation ("National People's Congress"), a new one-word name
//! written after "town of" and the like is a place, one used as a people's adjective
//! ("Fulani herders") is no name, and a person's name before "hotel" or "dam" is a place. Linking inside the story goes from a
//! surname to the full name (also a surname with a particle, "Le Drian", or without its
//! Arabic article, "Bashir"), from a given name that opens exactly one person's name to that
//! person ("Mahamat"), and from an acronym to the name it abbreviates.

use rustc_hash::{FxHashMap, FxHashSet};

use super::actors::ONE_WORD_STATE_BODIES;
use super::names::collapse;
use super::{Out, Part, Pass, Target};
use crate::extraction::{Mention, MentionKind, MentionSource};
use crate::gazetteer::Kind;
use crate::lexicon::WordClass;
use crate::tagger::{EntityType, TaggedSpan, Tagger};

/// Confidence of a gazetteer match before the tagger's reading.
pub(crate) const GAZETTEER_CONFIDENCE: f32 = 0.9;
/// Confidence of a name rule's find before the tagger's reading.
pub(crate) const RULE_CONFIDENCE: f32 = 0.6;
/// Factor on a mention's confidence when the tagger reads it otherwise or not at all.
const DISPUTED_FACTOR: f32 = 0.75;
/// A name only the tagger found needs this confidence (see [`TaggedSpan::confidence`]).
const MIN_NEW_CONFIDENCE: f32 = 0.3;

/// The tagger's confidence needed to read a gazetteer place as a person or organisation.
const REREAD_CONFIDENCE: f32 = 0.9;

/// An English function word, for [`Pass::looks_english`] (a `match`: the compiler turns it
/// into a length switch, far cheaper than scanning a list per word).
#[rustfmt::skip]
fn english_word(w: &str) -> bool {
    matches!(
        w,
        "the" | "of" | "and" | "to" | "in" | "is" | "was" | "for" | "on" | "that" | "with"
            | "said" | "by" | "at" | "from" | "it" | "as" | "be" | "has" | "have" | "will"
            | "its" | "an" | "are" | "were" | "not" | "but" | "he" | "which" | "this"
            | "after" | "they" | "would" | "had" | "been" | "or" | "their" | "who"
    )
}

/// A function word of the other languages news archives hold most (French, Spanish,
/// Portuguese, Italian, German, Dutch), leaving out those English also uses ("do", "son",
/// "per", "van", "die").
#[rustfmt::skip]
fn other_word(w: &str) -> bool {
    matches!(
        w,
        "le" | "la" | "les" | "des" | "du" | "et" | "est" | "une" | "dans" | "pour" | "que"
            | "qui" | "sur" | "el" | "los" | "las" | "del" | "y" | "por" | "con" | "una"
            | "para" | "não" | "il" | "di" | "che" | "della" | "sono" | "der" | "das" | "und"
            | "ist" | "nicht" | "mit" | "dem" | "von" | "zu" | "het" | "een" | "niet" | "ook"
            | "ein" | "eine" | "sich" | "auf" | "aux" | "pas"
    )
}
/// A lower-case word that is never a name, nor a name alone: company-form suffixes, the
/// abbreviations of results tables ("Shr", "Mths", "Qtr", "Revs"), economic figures ("GNP"),
/// number words ("Nine Mths") and "I" with a contraction ("I've").
#[rustfmt::skip]
pub(super) fn not_a_name_word(w: &str) -> bool {
    company_form(w)
        || matches!(
            w,
            "lp" | "bv" | "spa" | "pty" | "corps" | "bhd" | "shr" | "shrs" | "net"
            | "revs" | "rev" | "mth" | "mths" | "qtr" | "qtly" | "oper" | "avg" | "dlr" | "dlrs"
            | "ct" | "cts" | "pct" | "mln" | "bln" | "vs" | "div" | "yr" | "yrs" | "gnp" | "gdp"
            | "cpi" | "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight"
            | "nine" | "ten" | "eleven" | "twelve" | "first" | "second" | "third" | "fourth"
            // "I" with a contraction, which quotes open sentences with ("I've got...").
            | "i've" | "i'm" | "i'll" | "i'd" | "i’ve" | "i’m" | "i’ll" | "i’d"
            // Currencies' abbreviations: the European Currency Unit, Swiss francs, sterling.
            | "ecu" | "ecus" | "sfr" | "sfrs" | "stg"
        )
}

/// An acronym news uses as a common noun, in lower case: things and technologies ("PC",
/// "CD", "DVD", "SMS", "USB"), titles and roles ("MP", "QC", "CEO"), and terms of finance
/// and business ("IPO", "AGM", "VAT", "LIBOR"), with their plurals. The tagger, which learnt
/// that a capitals word alone is mostly an organisation, reads them as one.
#[rustfmt::skip]
fn common_noun_acronym(w: &str) -> bool {
    // "SMS" and "RSS" end on "s" themselves; "CDs" and "PCs" are plurals.
    acronym_as_written(w) || w.strip_suffix('s').is_some_and(acronym_as_written)
}

/// [`common_noun_acronym`] as written, not a plural.
#[rustfmt::skip]
fn acronym_as_written(w: &str) -> bool {
    matches!(
        w,
        "pc" | "cd" | "dvd" | "tv" | "hdtv" | "hd" | "lcd" | "vhs" | "vcr" | "pvr" | "usb"
            | "sms" | "mms" | "gsm" | "gprs" | "3g" | "drm" | "rss" | "pda" | "mp3" | "gps"
            | "dsl" | "isp" | "url" | "pin" | "atm" | "dna" | "id" | "dj" | "fm" | "ceo" | "cfo"
            | "coo" | "mp" | "mep" | "qc" | "gp" | "agm" | "ipo" | "vat" | "libor" | "lifo"
            | "fifo" | "cif" | "fob" | "psbr" | "wti"
    )
}

/// An adverb that opens a sentence before a comma ("Moreover, the bank said"): a connective
/// of a closed list, or a word on one of the adverb endings no name has ("Globally",
/// "Separately", "Reportedly", "Seemingly"; not "-ly" alone: Kelly, Italy, Riley).
#[rustfmt::skip]
fn opening_adverb(w: &str) -> bool {
    let lower = crate::lexicon::lower(w);
    matches!(
        lower.as_str(),
        "moreover" | "however" | "meanwhile" | "furthermore" | "nevertheless" | "nonetheless"
            | "overall" | "elsewhere" | "instead" | "likewise" | "similarly" | "consequently"
            | "accordingly" | "hence" | "thus" | "therefore" | "indeed" | "besides" | "still"
            | "otherwise" | "previously" | "earlier" | "later" | "today" | "yesterday"
            | "currently" | "recently" | "separately" | "meantime" | "initially" | "finally"
            | "also" | "again" | "so" | "then" | "now" | "here" | "there" | "thereafter"
    ) || ["ally", "ously", "ively", "ately", "edly", "ingly", "ently", "antly", "fully"]
        .iter()
        .any(|end| lower.len() > end.len() + 2 && lower.ends_with(end))
}

/// A number written as an ordinal: "19th", "1st", "22nd", "3rd".
fn ordinal(w: &str) -> bool {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(suffix, "st" | "nd" | "rd" | "th")
}

/// The last word of `text`, split at white space.
fn last_word_of(text: &str) -> &str {
    text.rsplit(char::is_whitespace).next().unwrap_or("")
}

/// An auxiliary verb or "says" capitalised, as the wires write it after an abbreviation
/// ("the U.S. Was", "U.K. Has"); never a name's last word ("Does" and "Were" are surnames,
/// "Will" and "May" too).
#[rustfmt::skip]
fn capitalised_verb(w: &str) -> bool {
    matches!(
        w,
        "Was" | "Has" | "Had" | "Is" | "Are" | "Would" | "Could" | "Should" | "Did" | "Says"
            | "WAS" | "HAS" | "HAD" | "IS" | "ARE" | "WOULD" | "COULD" | "SHOULD" | "DID"
            | "SAYS"
    )
}

/// A month's abbreviation, lower case, as wires write them: "jan", "feb", "apr", "jne",
/// "jly", "sept"...
#[rustfmt::skip]
fn month_abbreviation(w: &str) -> bool {
    matches!(
        w,
        "jan" | "feb" | "apr" | "apl" | "jun" | "jne" | "jul" | "jly" | "aug" | "sep"
            | "sept" | "oct" | "nov" | "dec"
    )
}

/// Whether `word` (2 to 4 capitals) is a model's designation after `before`, which ends on
/// a capitalised word and a number: "Boeing 737 MAX", "Airbus A320 NEO". Not after a
/// month's name ("March 15 NATO").
fn model_designation(before: &str, word: &str) -> bool {
    if !(2..=4).contains(&word.len()) || !word.bytes().all(|b| b.is_ascii_uppercase()) {
        return false;
    }
    let Some(before) = before.strip_suffix(' ') else {
        return false;
    };
    let mut words = before.rsplit(' ');
    let (Some(number), Some(maker)) = (words.next(), words.next()) else {
        return false;
    };
    let numbered = number.bytes().any(|b| b.is_ascii_digit())
        && number
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let month = super::actors::calendar_word(&crate::lexicon::lower(maker))
        || month_abbreviation(&crate::lexicon::lower(maker));
    numbered
        && maker.starts_with(|c: char| c.is_uppercase())
        && maker.chars().all(char::is_alphanumeric)
        && !month
}

/// A company form's abbreviation, lower case: "Inc", "Ltd", "Corp", "Co", "Plc", "AG"...
pub(super) fn company_form(w: &str) -> bool {
    matches!(
        w,
        "inc" | "ltd" | "corp" | "co" | "plc" | "llc" | "sa" | "ag" | "nv" | "gmbh" | "cos"
    )
}

/// A credit rating in lower case: "aaa", "bbb", "baa", "ccc" and their notches ("aa1",
/// "baa-3", "bbb-plus", "a-minus").
fn rating_grade(w: &str) -> bool {
    let w = w
        .strip_suffix("-plus")
        .or_else(|| w.strip_suffix("-minus"))
        .unwrap_or(w)
        .trim_end_matches(['+', '-']);
    let w = w.trim_end_matches(['1', '2', '3']).trim_end_matches('-');
    matches!(
        w,
        "aaa" | "aa" | "bbb" | "bb" | "ccc" | "cc" | "baa" | "ba" | "caa" | "ca"
    )
}

/// Heads of a body's or a treaty's name that "on" and a subject follow, besides the
/// lexicon's organisation heads: "the European Convention on Human Rights", "the General
/// Agreement on Tariffs and Trade", "the UN Conference on Trade and Development".
#[rustfmt::skip]
const BODY_ON_HEADS: &[&str] = &[
    "Convention", "Conference", "Agreement", "Treaty", "Subcommittee", "Panel", "Forum",
    "Summit", "Accord", "Protocol", "Charter", "Declaration", "Centre", "Center",
];

/// Words for a nation's body written after its abbreviation, besides the one-word state
/// bodies ([`super::actors::ONE_WORD_STATE_BODIES`]), which a story may also write in lower
/// case ("the U.S. Embassy" and "the embassy"); see [`Pass::country_and_common_word`].
#[rustfmt::skip]
const NATIONAL_BODIES: &[&str] = &[
    "administration", "embassy", "house", "mint", "military", "customs", "marines",
];

/// `name` without the company-form words that end it ("Corp", "Inc.", "& Co", "Ltd"),
/// when it has some and something is left.
pub(super) fn without_company_form(name: &str) -> Option<&str> {
    let whole = name.trim_end();
    let mut rest = whole;
    while let Some((head, last)) = rsplit_once_space(rest) {
        let (form, joiner) = crate::lexicon::with_ascii_lower(last.trim_end_matches('.'), |word| {
            let form = company_form(word)
                || matches!(word, "corporation" | "incorporated" | "limited" | "company");
            (form, matches!(word, "&" | "and"))
        });
        let joiner = joiner && rest.len() < whole.len();
        if !form && !joiner {
            break;
        }
        rest = head.trim_end_matches([',', ' ']);
    }
    (rest.len() < name.len() && !rest.is_empty()).then_some(rest)
}

/// How many words [`Pass::looks_english`] reads, and needs before it dares say no.
const LANGUAGE_WORDS_MAX: usize = 300;
const LANGUAGE_WORDS_MIN: usize = 12;

impl Pass<'_> {
    /// Whether the text reads as English, cheaply: among its first 300 words, English
    /// function words ("the", "of", "said") are at least as frequent as those of French,
    /// Spanish, Portuguese, Italian, German and Dutch ("le", "el", "der", "het"). Texts of
    /// fewer than 12 words, and tables with neither, count as English (a headline cannot be
    /// told). Real language detection is a later issue; this only keeps English rules off
    /// text that is clearly not English.
    pub(super) fn looks_english(&self) -> bool {
        let (mut en, mut other, mut n) = (0usize, 0usize, 0usize);
        for t in 0..self.buf.toks.len().min(LANGUAGE_WORDS_MAX) {
            let w = self.word(t);
            if w.len() > 5 || w.bytes().any(|b| b.is_ascii_digit()) {
                n += 1;
                continue;
            }
            n += 1;
            // At most 5 bytes: ASCII words are lowered on the stack, others allocate.
            let mut buf = [0u8; 5];
            let owned;
            let w = if w.is_ascii() {
                let buf = &mut buf[..w.len()];
                buf.copy_from_slice(w.as_bytes());
                buf.make_ascii_lowercase();
                std::str::from_utf8(buf).unwrap_or_default()
            } else {
                owned = w.to_lowercase();
                owned.as_str()
            };
            if english_word(w) {
                en += 1;
            } else if other_word(w) {
                other += 1;
            }
        }
        n < LANGUAGE_WORDS_MIN || en >= other
    }

    /// Runs `tagger` with `kept` (sorted, non-overlapping) as hints and merges its spans
    /// (module docs); returns the mentions sorted and non-overlapping.
    pub(super) fn merge_tagger(&self, tagger: &Tagger, mut kept: Vec<Out>) -> Vec<Out> {
        let hints: Vec<Mention> = kept
            .iter()
            .map(|o| Mention {
                start: o.start,
                end: o.end,
                surface: String::new(),
                kind: o.kind,
                entity: String::new(),
                country: None,
                source: o.source,
                confidence: o.confidence,
            })
            .collect();
        let mut spans = tagger.tag_with_mentions(self.text, &hints);
        // The tagger's tokenizer splits "'s" but not the typographic "’s" ("Mali’s").
        for s in &mut spans {
            if let Some(head) = self.text[s.start..s.end].strip_suffix("’s") {
                if !head.is_empty() {
                    s.end = s.start + head.len();
                }
            }
        }
        for s in &mut spans {
            // A company form ends only a firm's name: "General Electric Co." that ends a
            // sentence can come out as MISC. Not in a headline in capitals, where the tagger's
            // spans are rougher ("GULF AND WESTERN INC" as "WESTERN INC").
            let span = &self.text[s.start..s.end];
            if s.kind == EntityType::Misc
                && span.bytes().any(|b| b.is_ascii_lowercase())
                && without_company_form(span).is_some()
            {
                s.kind = EntityType::Org;
            }
            if matches!(s.kind, EntityType::Per | EntityType::Org) {
                self.trim_attributives(s, &kept);
                // A verb the wire capitalised after an abbreviation: "the U.S. Was".
                if let Some((head, last)) = rsplit_once_space(&self.text[s.start..s.end]) {
                    if capitalised_verb(last) {
                        s.end = s.start + head.trim_end().len();
                    }
                }
                // "Channel 4", "BBC Radio 5 Live": a station's number is in its name.
                if let Some(end) = self.station_number(s) {
                    s.end = end;
                }
                // "the U.S. Market", "U.S. Officials said": a wire's capitals after a
                // country's abbreviation on a word the story writes in lower case elsewhere.
                if self.country_and_common_word(s) {
                    s.end = s.start;
                    continue;
                }
                // A headline's body and its man: "U.S. TREASURY'S BAKER SAYS" names the
                // Treasury, and Baker by his surname alone, not a body of that name; but
                // "PEOPLE'S BANK" and "MCDONALD'S CORP" are one.
                if let Some(head) = self.possessive_head(s) {
                    s.end = s.start + head;
                    s.kind = EntityType::Org;
                }
            }
        }
        spans.retain(|s| s.start < s.end);
        let mut touched = vec![false; kept.len()];
        let mut dropped = vec![false; kept.len()];
        let mut added = Vec::new();
        for s in &spans {
            let lo = kept.partition_point(|o| o.end <= s.start);
            let hi = kept.partition_point(|o| o.start < s.end).max(lo);
            touched[lo..hi].iter_mut().for_each(|t| *t = true);
            if lo == hi {
                added.extend(self.tagger_out(s, None));
                continue;
            }
            let inside = &kept[lo..hi];
            if inside.iter().any(|o| o.start < s.start || o.end > s.end) {
                continue;
            }
            if let [o] = inside {
                if o.start == s.start && o.end == s.end {
                    let o = &mut kept[lo];
                    if agrees(o.kind, s.kind) {
                        o.confidence = o.confidence.max(s.confidence);
                    } else if self.place_read_as_actor(o, s) {
                        o.kind = MentionKind::Organisation;
                        o.target = Target::Text(collapse(&self.text[o.start..o.end]));
                        o.counts = None;
                        o.source = MentionSource::Tagger;
                        o.confidence = s.confidence;
                    } else {
                        o.confidence *= DISPUTED_FACTOR;
                    }
                    continue;
                }
            }
            match s.kind {
                EntityType::Loc => {}
                EntityType::Misc => {
                    for k in lo..hi {
                        dropped[k] |= kept[k].kind == MentionKind::Location;
                    }
                }
                EntityType::Per | EntityType::Org => {
                    if self.titled_person(s, inside) {
                        continue;
                    }
                    // A party or firm before a person's name: "Tory Liam Fox", "Liberal
                    // Democrat Alan Beith". The organisation stays; the rest is the person.
                    if let Some(person) = self.person_after_organisation(s, inside) {
                        dropped[lo + 1..hi].iter_mut().for_each(|d| *d = true);
                        added.extend(self.tagger_out(&person, None));
                        continue;
                    }
                    let country = inside
                        .iter()
                        .filter(|o| o.kind == MentionKind::Nationality)
                        .find_map(|o| o.counts.clone());
                    let new = self.tagger_out(s, country.filter(|_| s.kind == EntityType::Org));
                    dropped[lo..hi].iter_mut().for_each(|d| *d = true);
                    added.extend(new);
                }
            }
        }
        let mut out: Vec<Out> = Vec::with_capacity(kept.len() + added.len());
        for (k, mut o) in kept.into_iter().enumerate() {
            if dropped[k] {
                continue;
            }
            if !touched[k] {
                o.confidence *= DISPUTED_FACTOR;
            }
            out.push(o);
        }
        out.extend(added);
        let mut out = super::drop_overlaps(out);
        self.join_names_before_heads(&mut out);
        self.join_two_name_firms(&mut out);
        self.join_comma_firms(&mut out);
        self.join_comma_known_firms(&mut out);
        self.join_possessive_names(&mut out);
        self.arabic_names(&mut out);
        self.drop_office_and_cut_names(&mut out);
        self.drop_labels(&mut out);
        self.firms_written_as_people(&mut out);
        self.towns_written_as_names(&mut out);
        self.groups_and_buildings_written_as_names(&mut out);
        self.armed_groups_written_as_people(&mut out);
        self.people_in_lists(&mut out);
        self.people_named_as_bodies_or_plans(&mut out);
        self.corefer(&mut out);
        self.link_the_head_word(&mut out);
        self.link_first_words(&mut out);
        self.link_tickers(&mut out);
        self.unlist_bare_given_names(&mut out);
        out
    }

    /// A mention from a tagged span the gazetteer did not give: `None` for MISC and for
    /// spans below [`MIN_NEW_CONFIDENCE`].
    fn tagger_out(&self, s: &TaggedSpan, counts: Option<(String, f32)>) -> Option<Out> {
        let kind = match s.kind {
            EntityType::Per => MentionKind::Person,
            EntityType::Org => MentionKind::Organisation,
            EntityType::Loc => MentionKind::Location,
            EntityType::Misc => return None,
        };
        if s.confidence < MIN_NEW_CONFIDENCE {
            return None;
        }
        // Titles the tagger took into a name ("Lieutenant-Colonel X Y", "King Mohammed VI")
        // are not the name; but "General" opens many a company's ("General Motors").
        let mut start = s.start;
        while let Some((first, rest)) = self.text[start..s.end]
            .split_once(' ')
            .filter(|(w, _)| kind == MentionKind::Person || !w.eq_ignore_ascii_case("general"))
        {
            let title = |w: &str| self.lex().class(w).intersects(WordClass::TITLE);
            if !(title(first) || first.split('-').all(title)) || rest.trim().is_empty() {
                break;
            }
            start = s.end - rest.trim_start().len();
        }
        let titled = start > s.start;
        let s = &TaggedSpan { start, ..*s };
        if self.fragment(s) || self.not_a_name(s) {
            return None;
        }
        let name = collapse(&self.text[s.start..s.end]);
        // A common word alone ("Movement", "Party") or a span opening with one ("for
        // Democracy") is a piece of a longer name the tagger split, not a name.
        let first = name.split(' ').next().unwrap_or("");
        if (!name.contains(' ') || first.starts_with(char::is_lowercase))
            && common_when_lowered(self.lex(), first)
        {
            return None;
        }
        // An organisation the gazetteer knows without its company form ("General Motors
        // Corp", "Chrysler Corp.", "Goldman Sachs and Co") is that organisation.
        let bare = (kind == MentionKind::Organisation)
            .then(|| without_company_form(&name))
            .flatten();
        // An "organisation" that was a title and a person the gazetteer knows ("King
        // Mohammed VI") is that person.
        let kind = match (titled, kind) {
            (true, MentionKind::Organisation)
                if self.gaz().actor_id(&name).is_some_and(|id| {
                    self.gaz().entities[id as usize].kind == crate::gazetteer::Kind::Person
                }) =>
            {
                MentionKind::Person
            }
            _ => kind,
        };
        let known = (kind != MentionKind::Location && (name.contains(' ') || titled))
            .then(|| self.gaz().actor_id(&name))
            .flatten()
            .or_else(|| bare.and_then(|b| self.gaz().actor_id(b)))
            .or_else(|| {
                (kind == MentionKind::Organisation)
                    .then(|| self.home_country_body(&name))
                    .flatten()
            })
            .filter(|&id| {
                let k = self.gaz().entities[id as usize].kind;
                (k == crate::gazetteer::Kind::Person) == (kind == MentionKind::Person)
            });
        let single = !name.contains(' ');
        let name = match bare {
            Some(b) => self.bare_name(b).unwrap_or(name),
            None => name,
        };
        Some(Out {
            start: s.start,
            end: s.end,
            kind,
            target: known.map_or(Target::Text(name), Target::Gaz),
            counts,
            part: self.part_at(s.start),
            single,
            source: MentionSource::Tagger,
            confidence: s.confidence,
            listed: true,
        })
    }

    /// The length of the head of a span in capitals of a name, "'S" and one word that is no
    /// organisation's ending ("U.S. TREASURY'S BAKER"): that head ("U.S. TREASURY"), when
    /// the word is the surname of a person the gazetteer knows, or the head with or without
    /// its "'S" is a country or an organisation it knows ("SWEDEN'S BOLIDEN", "MOODY'S
    /// DOWNGRADES"). A firm named for its founder is left whole: "HUDSON'S BAY", "SHAW'S
    /// SUPERMARKETS".
    fn possessive_head(&self, s: &TaggedSpan) -> Option<usize> {
        let span = &self.text[s.start..s.end];
        if span.chars().any(char::is_lowercase) {
            return None;
        }
        let (head, tail) = span.split_once("'S ")?;
        if head.is_empty() || tail.contains(' ') || self.org_end_word(tail) {
            return None;
        }
        let gaz = self.gaz();
        let known = |name: &str| {
            gaz.resolve_country(name).is_some()
                || gaz
                    .actor_id(name)
                    .is_some_and(|id| gaz.entities[id as usize].kind == Kind::Organisation)
        };
        let surname = crate::lexicon::lower(tail);
        let person = || {
            gaz.entities
                .iter()
                .any(|e| e.kind == Kind::Person && e.surname.as_deref() == Some(surname.as_str()))
        };
        (known(head)
            || known(&span[..head.len() + 2])
            || self.home_country_body(head).is_some()
            || person())
        .then_some(head.len())
    }

    /// Where a station's name ends when the tagged span ends on "Channel" or "Radio" and a
    /// number of one or two digits follows ("Channel 4", "BBC Radio 1"; not "Channel 40m"):
    /// the tagger leaves the number out.
    fn station_number(&self, s: &TaggedSpan) -> Option<usize> {
        let span = &self.text[s.start..s.end];
        if !(span == "Channel"
            || span == "Radio"
            || span.ends_with(" Channel")
            || span.ends_with(" Radio"))
        {
            return None;
        }
        let rest = self.text[s.end..].strip_prefix(' ')?;
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let next = rest.as_bytes().get(digits);
        ((1..=2).contains(&digits)
            && !next.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'%'))
        .then_some(s.end + 1 + digits)
    }

    /// Whether a tagged span is a country's abbreviation and one capitalised word ("U.S.
    /// Market", "U.K. Officials", "U.K. UNIT TRUSTS" in a headline) that the story also
    /// writes in lower case ("the market", "officials said"): Reuters-21578 capitalises the
    /// word after "U.S." in much of its copy, and the span is no body's name. The bodies
    /// written that way stay: a state body or one of [`NATIONAL_BODIES`], an organisation's
    /// head or suffix ("U.S. Bank"), or an alias of a known body of that country ("U.S.
    /// Treasury").
    fn country_and_common_word(&self, s: &TaggedSpan) -> bool {
        let span = &self.text[s.start..s.end];
        // The abbreviation is at most five bytes: the first space is looked for in the first
        // six alone (most spans have none there, and the library's search costs more to set
        // up than this).
        let Some(at) = span.bytes().take(6).position(|b| b == b' ') else {
            return false;
        };
        let (country, word) = (&span[..at], &span[at + 1..]);
        let abbreviation = country.len() <= 5
            && country.ends_with('.')
            && country.bytes().all(|b| b.is_ascii_uppercase() || b == b'.');
        if !abbreviation
            || word.contains(' ')
            || word.len() < 3
            || !word.starts_with(|c: char| c.is_ascii_uppercase())
            || !(word[1..].bytes().all(|b| b.is_ascii_lowercase())
                || word.bytes().all(|b| b.is_ascii_uppercase()))
            || self.gaz().resolve_country(country).is_none()
        {
            return false;
        }
        let lower = crate::lexicon::lower(word);
        if NATIONAL_BODIES.contains(&lower.as_str())
            || ONE_WORD_STATE_BODIES.contains(&lower.as_str())
            || self
                .lex()
                .class(word)
                .intersects(WordClass::ORG_HEAD | WordClass::ORG_SUFFIX)
            || self.home_country_body(span).is_some()
        {
            return false;
        }
        // The word in lower case elsewhere, between two non-letters.
        let bytes = self.text.as_bytes();
        self.text.match_indices(lower.as_str()).any(|(at, _)| {
            let end = at + lower.len();
            (at == 0 || !bytes[at - 1].is_ascii_alphabetic())
                && (end == bytes.len() || !bytes[end].is_ascii_alphabetic())
        })
    }

    /// The organisation the gazetteer knows that its country's abbreviation and one of the
    /// organisation's names make: "U.S. Agriculture Department" is the "Agriculture
    /// Department" (the U.S. Department of Agriculture) when that body is American; "UK
    /// Treasury" is no U.S. Treasury. Not after a region's or a people's word: "Scottish
    /// Labour Party" is a party of its own.
    fn home_country_body(&self, name: &str) -> Option<u32> {
        let (country, rest) = name.split_once(' ')?;
        if country.chars().any(char::is_lowercase) {
            return None;
        }
        let code = self.gaz().resolve_country(country)?;
        let id = self.gaz().actor_id(rest)?;
        let e = &self.gaz().entities[id as usize];
        (e.kind == Kind::Organisation && e.countries.iter().any(|c| c == code)).then_some(id)
    }

    /// Whether a one-word span only the tagger found is a piece of something else: an
    /// English word opening a sentence ("Little will change"), an adverb opening one before
    /// a comma ("Moreover, ...", "Globally, ..."; see [`opening_adverb`]), a century ("the
    /// 19th Century"), or the tail of a longer name after "of" or "for" ("National League
    /// for Democracy" when the gazetteer took "National League"), or after a body's head and
    /// "on" ("European Convention on Human Rights"; not "Pressure on Blair").
    fn fragment(&self, s: &TaggedSpan) -> bool {
        let word = &self.text[s.start..s.end];
        // "the European Convention on Human Rights", "the Senate Committee on Trade": after
        // a body's capitalised head and "on", a span of any length is the body's name's tail
        // (not "Brian Grazer, on Splash", "Mr Pound on Friends Reunited").
        let head_on = self.text[..s.start]
            .strip_suffix(" on ")
            .and_then(|b| b.rsplit(' ').next())
            .is_some_and(|w| {
                w.starts_with(char::is_uppercase)
                    && (BODY_ON_HEADS.contains(&w)
                        || self.lex().class(w).intersects(WordClass::ORG_HEAD))
            });
        if head_on {
            return true;
        }
        if word.contains(' ') {
            return false;
        }
        let t = self.tok_from(s.start);
        if t < self.buf.toks.len()
            && self.buf.toks[t].sent
            && (self.lex().is_english(word)
                || (self.text[s.end..].starts_with(',') && opening_adverb(word)))
        {
            return true;
        }
        let before = self.text[..s.start].trim_end();
        // "the 19th Century": a time, no name.
        if word.eq_ignore_ascii_case("century") && ordinal(last_word_of(before)) {
            return true;
        }
        let before = before.strip_suffix(" the").unwrap_or(before);
        ["of", "for"].iter().any(|w| {
            before.strip_suffix(w).is_some_and(|b| {
                b.ends_with(' ')
                    && b.trim_end().ends_with(|c: char| c.is_alphabetic())
                    && b.trim_end()
                        .rsplit(' ')
                        .next()
                        .is_some_and(|w| w.starts_with(char::is_uppercase))
            })
        })
    }

    /// The name of a new organisation written with a company form, `bare` without it: so
    /// that "Drexel Burnham Lambert Inc" and "Drexel Burnham Lambert" are one actor. `None`
    /// when the word left alone is also an English word ("Dynamics Corp").
    fn bare_name(&self, bare: &str) -> Option<String> {
        (bare.contains(' ') || !self.lex().is_english(bare)).then(|| bare.to_string())
    }

    /// What a name rule's organisation names: the gazetteer's organisation when it knows
    /// the name without its company form ("Chrysler Corp"), else the name without it.
    pub(super) fn rule_organisation(&self, name: String) -> Target {
        let Some(bare) = without_company_form(&name) else {
            return Target::Text(name);
        };
        match self.known_organisation(bare) {
            Some(id) => Target::Gaz(id),
            None => Target::Text(self.bare_name(bare).unwrap_or(name)),
        }
    }

    /// Whether a span only the tagger found holds no name at all: every word of it a
    /// company-form suffix, a word of a results table, an economic figure or a single
    /// letter ("Ltd", "Shr", "Nine Mths", "GNP", the "P" of "S and P"), credit ratings
    /// ("AAA", "BB", "Baa-1") or acronyms used as common nouns ("PC", "CDs", "MP"); an
    /// acronym before a currency's name ("the CFA franc"); a photographer's credit ("Ahmad
    /// Rahimi/AP Photo"); or the agency's sign-off alone after the story's last sentence
    /// (Reuters' "REUTER"), or its credit at the end of the dateline ("BRUSSELS, March 27,
    /// Reuter").
    fn not_a_name(&self, s: &TaggedSpan) -> bool {
        let span = &self.text[s.start..s.end];
        let empty = span
            .split(|c: char| c.is_whitespace() || c == '-' || c == '.' || c == '/')
            .filter(|w| !w.is_empty())
            .all(|w| {
                let lower = crate::lexicon::lower(w);
                w.chars().count() == 1
                    || not_a_name_word(&lower)
                    || rating_grade(&lower)
                    || common_noun_acronym(&lower)
            });
        if empty {
            return true;
        }
        // A photographer's credit in a caption: "[File: Ahmad Rahimi/AP Photo]".
        if let Some((_, agency)) = span.split_once('/') {
            let after = self.text[s.end..].trim_start_matches([' ', '\t']);
            if agency.ends_with("Photo") || after.starts_with("Photo") {
                return true;
            }
        }
        // A currency written as a name ("U.S. Dollar", "European Currency Units"), or a
        // grade of crude in a story about oil ("West Texas Intermediate", "Louisiana Sweet"):
        // no organisation or person.
        if let Some((head, last)) = span.rsplit_once(' ') {
            let before = head.rsplit(' ').next().unwrap_or(head);
            return crate::lexicon::with_ascii_lower(last.trim_end_matches('.'), |last| {
                // Not the currencies that are also surnames ("Ayn Rand", "Raheem Sterling"),
                // nor a body named with "of" ("Comptroller of the Currency").
                let currency = ((crate::lexicon::currency_name(last)
                    && !matches!(last, "rand" | "yuan" | "sterling"))
                    || matches!(last, "currency" | "currencies")
                    || (matches!(last, "unit" | "units")
                        && before.eq_ignore_ascii_case("currency")))
                    && !span.split(' ').any(|w| w.starts_with(char::is_lowercase));
                let grade = matches!(last, "intermediate" | "sour" | "sweet" | "light" | "blend")
                    && self.about_crude();
                currency || grade
            });
        }
        // A month abbreviated before a day or a price, as the wires' tables write it ("Jne
        // 30", "Jly 84.50"); "May" and "Mar" are left alone, being names and words.
        let number_after = self.text[s.end..]
            .strip_prefix(' ')
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
        if number_after && month_abbreviation(&crate::lexicon::lower(span)) {
            return true;
        }
        // A model designation after a maker's name and a number, "Boeing 737 MAX", and so
        // wherever the story writes the same number before it ("a 737 MAX").
        if self.model_in_story(s.start, span) {
            return true;
        }
        // An acronym naming a currency: "the CFA franc".
        let acronym = span.len() >= 2 && span.bytes().all(|b| b.is_ascii_uppercase());
        let currency = self.text[s.end..]
            .strip_prefix(' ')
            .and_then(|rest| rest.split(|c: char| !c.is_alphabetic()).next())
            .is_some_and(crate::lexicon::currency_name);
        if acronym && currency {
            return true;
        }
        // A sign-off: one word on the last line, after the last sentence.
        let sign_off = !self.text[s.end..].chars().any(char::is_alphanumeric)
            && self.text[..s.start]
                .trim_end_matches([' ', '\t'])
                .ends_with(['\n', '.']);
        // The agency's credit ending a dateline: "BRUSSELS, March 27, Reuter", "Hanau (dpa)".
        let i = self.segments.partition_point(|g| g.end <= s.start);
        let credit = self.segments.get(i).is_some_and(|g| {
            g.part == Part::Dateline
                && g.start <= s.start
                && !self.text[s.end..g.end].chars().any(char::is_alphanumeric)
                && self.text[g.start..s.start].trim_end().ends_with([',', '('])
        });
        sign_off || credit
    }

    /// Whether the story is about crude oil: it writes "crude", "barrel" or "bbl".
    fn about_crude(&self) -> bool {
        let t = self.text.as_bytes();
        ["crude", "barrel", "bbl"].iter().any(|w| {
            t.windows(w.len())
                .any(|win| win.eq_ignore_ascii_case(w.as_bytes()))
        })
    }

    /// Whether `word` at `start` is a model designation ([`model_designation`]) there, or
    /// after the same number where the story names the maker: "a 737 MAX" in a story that
    /// wrote "Boeing 737 MAX".
    fn model_in_story(&self, start: usize, word: &str) -> bool {
        let before = &self.text[..start];
        if model_designation(before, word) {
            return true;
        }
        let Some(number) = before
            .strip_suffix(' ')
            .and_then(|b| b.rsplit(' ').next())
            .filter(|n| n.bytes().any(|b| b.is_ascii_digit()))
        else {
            return false;
        };
        let written = format!("{number} {word}");
        self.text
            .match_indices(&written)
            .any(|(at, _)| model_designation(&self.text[..at + number.len() + 1], word))
    }

    /// Whether the tagger, sure of itself, reads the exact span of a gazetteer place that is
    /// not a country as an organisation: a county cricket side ("Surrey beat Durham"), a club
    /// named after its town. Countries keep their own ambiguity rules; a place read as a
    /// person stays a place (on the bundled corpus those were towns: "Hatay and Hama").
    fn place_read_as_actor(&self, o: &Out, s: &TaggedSpan) -> bool {
        s.kind == EntityType::Org
            && s.confidence >= REREAD_CONFIDENCE
            && o.kind == MentionKind::Location
            && matches!(o.target, Target::Gaz(id)
                if self.gaz().entities[id as usize].kind == crate::gazetteer::Kind::Place)
    }

    /// A PER span that is one known person after words the lexicon calls titles
    /// ("Lieutenant-Colonel", "President"): the gazetteer's reading stands.
    /// The person of a PER or ORG span that opens with a mention of a known organisation and
    /// goes on with two capitalised words or more, the first a given name ("Tory Liam Fox",
    /// "Lib Dem Norman Baker"; not "BBC World Service"): the span after the organisation,
    /// read as a person.
    fn person_after_organisation(&self, s: &TaggedSpan, inside: &[Out]) -> Option<TaggedSpan> {
        let o = inside.first()?;
        if !matches!(s.kind, EntityType::Per | EntityType::Org)
            || o.kind != MentionKind::Organisation
            || o.start != s.start
            || o.end >= s.end
            || !matches!(o.target, Target::Gaz(_))
        {
            return None;
        }
        let rest = &self.text[o.end..s.end];
        let start = o.end + (rest.len() - rest.trim_start().len());
        let words: Vec<&str> = self.text[start..s.end].split_whitespace().collect();
        let person = words.len() >= 2
            && words.iter().all(|w| w.starts_with(char::is_uppercase))
            && self.lex().is_given(words[0]);
        person.then_some(TaggedSpan {
            start,
            end: s.end,
            kind: EntityType::Per,
            ..*s
        })
    }

    fn titled_person(&self, s: &TaggedSpan, inside: &[Out]) -> bool {
        let [o] = inside else {
            return false;
        };
        if s.kind != EntityType::Per || o.kind != MentionKind::Person || o.end != s.end {
            return false;
        }
        let (from, to) = (self.tok_from(s.start), self.tok_from(o.start));
        from < to
            && (from..to).all(|t| {
                self.has(t, WordClass::TITLE | WordClass::WEAK_TITLE)
                    || self
                        .word(t)
                        .split('-')
                        .all(|w| self.lex().class(w).intersects(WordClass::TITLE))
            })
    }

    /// Coreference inside the story: a single-word person or organisation nobody resolved
    /// that is the surname of a person named in full, or an acronym the story defines
    /// ("Economic Community of West African States (ECOWAS)"), or the first word of one
    /// new organisation's longer name ("Kelley Oil and Gas Partners ... Kelley said"), is
    /// that entity. A surname comes before a first word.
    fn corefer(&self, outs: &mut [Out]) {
        // Before the surnames are gathered: a person who is a firm lends no surname.
        let firm_surnames = self.firms_named_after_people(outs);
        let mut names: FxHashMap<String, (Target, MentionKind)> = FxHashMap::default();
        // Surnames of more than one word, lower case: "le drian" of "Jean-Yves Le Drian".
        let mut surnames: FxHashMap<String, Target> = FxHashMap::default();
        // The first words of people's names, with the one person each opens (none when it
        // opens two): "his son Mahamat" is the "Mahamat Idriss Deby" the story names.
        let mut givens: FxHashMap<String, Option<Target>> = FxHashMap::default();
        for o in outs.iter() {
            if o.kind != MentionKind::Person {
                continue;
            }
            let name = match &o.target {
                Target::Text(name) => name.as_str(),
                Target::Gaz(id) => self.gaz().entities[*id as usize].name.as_str(),
            };
            if let Some((_, last)) = name.rsplit_once(' ') {
                // A Chinese or Korean name puts the family name first, and its given name
                // is often written with a hyphen ("Chang Chi-cheng", "Moon Jae-in"): the
                // first word alone is that person.
                if family_name_first(name, last) {
                    let first = crate::lexicon::lower(name.split(' ').next().unwrap_or(""));
                    if !self.lex().is_common(&first) {
                        names
                            .entry(first)
                            .or_insert_with(|| (o.target.clone(), MentionKind::Person));
                    }
                }
                // "Bashir" alone is the "Omar al-Bashir" the story named.
                let bare = super::arabic::after_prefix(last)
                    .filter(|b| b.starts_with(char::is_uppercase))
                    .map(crate::lexicon::lower);
                let last = crate::lexicon::lower(last);
                for key in std::iter::once(last).chain(bare) {
                    if !self.lex().is_common(&key) {
                        names
                            .entry(key)
                            .or_insert_with(|| (o.target.clone(), MentionKind::Person));
                    }
                }
                if let Some(surname) = self.particle_surname(name) {
                    surnames.entry(surname).or_insert_with(|| o.target.clone());
                }
                let first = crate::lexicon::lower(name.split(' ').next().unwrap_or(""));
                if first.chars().count() > 2 && !self.lex().is_common(&first) {
                    one_target(&mut givens, first, &o.target);
                }
            }
        }
        for i in 1..outs.len() {
            let (long, short) = (&outs[i - 1], &outs[i]);
            let between = &self.text[long.end..short.start];
            let acronym = &self.text[short.start..short.end];
            if long.kind == MentionKind::Organisation
                && short.kind == MentionKind::Organisation
                && between.trim() == "("
                && self.text[short.end..].starts_with(')')
                && acronym.len() >= 2
                && acronym.chars().all(|c| c.is_uppercase() || c == '.')
            {
                let target = match (&long.target, &short.target) {
                    (Target::Text(_), Target::Gaz(_)) => short.target.clone(),
                    _ => long.target.clone(),
                };
                names
                    .entry(acronym.to_lowercase())
                    .or_insert((target, MentionKind::Organisation));
            }
        }
        // The first word of a new organisation's name that ends on a company form or an
        // organisation suffix ("Kelley Oil and Gas Partners Ltd"), when no other new
        // organisation starts with it and it is no common word or acronym (the "BBC" of
        // "BBC Radio Scotland" is the broadcaster, not the station).
        let mut firsts: FxHashMap<String, Option<Target>> = FxHashMap::default();
        for o in outs.iter() {
            if let (Target::Text(name), MentionKind::Organisation) = (&o.target, o.kind) {
                let formal = self.org_end_word(&Self::last_word(&self.text[o.start..o.end]));
                if let (true, Some((first, _))) = (formal, name.split_once(' ')) {
                    let acronym = !first.chars().any(char::is_lowercase);
                    let first = crate::lexicon::lower(first);
                    if !acronym && first.chars().count() > 1 && !self.lex().is_common(&first) {
                        one_target(&mut firsts, first, &o.target);
                    }
                }
            }
        }
        for (first, target) in firsts {
            if let Some(target) = target {
                names
                    .entry(first)
                    .or_insert((target, MentionKind::Organisation));
            }
        }
        // The last word of a firm's name read as a person's ("KOKAN" of "Nippon Kokan").
        for (last, target) in firm_surnames {
            if !self.lex().is_common(&last) {
                names
                    .entry(last)
                    .or_insert((target, MentionKind::Organisation));
            }
        }
        self.caps_names_as_written(outs);
        // One kind per new name in a story: the kind of its first mention ("Barkhane" is not a
        // person in one sentence and an organisation in the next).
        // A name first read as a place ("in High Atlas villages") is no person later ("Morocco's
        // High Atlas mountains"); a place stays a place, and an organisation named after one
        // stays an organisation.
        let mut kinds: FxHashMap<&str, MentionKind> = FxHashMap::default();
        let mut fixes = Vec::new();
        for (k, o) in outs.iter().enumerate() {
            if let (
                Target::Text(name),
                MentionKind::Person | MentionKind::Organisation | MentionKind::Location,
            ) = (&o.target, o.kind)
            {
                let first = *kinds.entry(name.as_str()).or_insert(o.kind);
                let fix = match (first, o.kind) {
                    (a, b) if a == b => false,
                    (_, MentionKind::Location) => false,
                    (MentionKind::Location, kind) => kind == MentionKind::Person,
                    _ => true,
                };
                if fix {
                    fixes.push((k, first));
                }
            }
        }
        for (k, kind) in fixes {
            outs[k].kind = kind;
            if kind == MentionKind::Location {
                outs[k].counts = None;
            }
        }
        self.places_in_lists(outs);
        if !surnames.is_empty() {
            // "Le Drian has also accused...": the tagger reads a sentence's first words "Le
            // Drian" as a name of its own (often an organisation, as "Le Monde" is).
            for o in outs.iter_mut() {
                if o.single || !matches!(o.target, Target::Text(_)) {
                    continue;
                }
                let surface = crate::lexicon::lower(&self.text[o.start..o.end]);
                if let Some(t) = surnames.get(&surface) {
                    o.target = t.clone();
                    o.kind = MentionKind::Person;
                    o.counts = None;
                }
            }
        }
        // A new person named by one word that opens one person's name and is no one's
        // surname ("his son Mahamat ... General Mahamat Idriss Deby"). Keys that are also
        // surnames go, so this and the surnames below never link the same mention.
        givens.retain(|given, t| t.is_some() && !names.contains_key(given));
        if !givens.is_empty() {
            for o in outs.iter_mut() {
                let Target::Text(name) = &o.target else {
                    continue;
                };
                if !o.single || o.kind != MentionKind::Person || name.contains(' ') {
                    continue;
                }
                if let Some(Some(t)) = givens.get(&crate::lexicon::lower(name)) {
                    o.target = t.clone();
                }
            }
        }
        if names.is_empty() {
            return;
        }
        for o in outs.iter_mut() {
            // An organisation the gazetteer knows by one word ("Wagner" for the Wagner Group)
            // is the person of that surname the story names in full ("Ulrich Wagner ...
            // Wagner added").
            let gaz_org = matches!(o.target, Target::Gaz(_)) && o.kind == MentionKind::Organisation;
            if !o.single
                || !(matches!(o.target, Target::Text(_)) || gaz_org)
                || o.kind == MentionKind::Location
            {
                continue;
            }
            if let Some((t, kind)) = lowered_get(&names, &self.text[o.start..o.end]) {
                if gaz_org {
                    if *kind != MentionKind::Person {
                        continue;
                    }
                    o.counts = None;
                    o.source = MentionSource::Rule;
                }
                o.target = t.clone();
                o.kind = *kind;
            }
        }
    }
}

/// Whether `text` writes `name` (ASCII) in mixed case somewhere, as whole words: "Reuter"
/// for "REUTER", but not "Reuters".
///
/// Only the bytes that may open the name are looked at closely: the text is read 32 bytes at a
/// time into a mask of the places that hold the name's first letter in either case, which the
/// compiler turns into a few vector instructions.
fn written_in_mixed_case(text: &str, name: &str) -> bool {
    let (text, name) = (text.as_bytes(), name.as_bytes());
    let Some(&first) = name.first() else {
        return false;
    };
    // `b | fold == want` is `b.eq_ignore_ascii_case(&first)`: a letter matches both its cases,
    // any other byte only itself.
    let fold = if first.is_ascii_alphabetic() { 0x20 } else { 0 };
    let want = first | fold;
    let last_start = text.len().saturating_sub(name.len() - 1);
    // The cheap test first: most places that hold the letter are inside a word.
    let is_at = |i: usize| {
        let word = &text[i..i + name.len()];
        (i == 0 || !text[i - 1].is_ascii_alphanumeric())
            && word.eq_ignore_ascii_case(name)
            && word.iter().any(u8::is_ascii_lowercase)
            && text
                .get(i + name.len())
                .is_none_or(|b| !b.is_ascii_alphanumeric())
    };
    const CHUNK: usize = 32;
    let starts = &text[..last_start];
    let mut chunks = starts.chunks_exact(CHUNK);
    for (c, chunk) in chunks.by_ref().enumerate() {
        let mut mask = chunk
            .iter()
            .enumerate()
            .fold(0u32, |m, (j, &b)| m | (u32::from(b | fold == want) << j));
        while mask != 0 {
            let i = c * CHUNK + mask.trailing_zeros() as usize;
            if is_at(i) {
                return true;
            }
            mask &= mask - 1;
        }
    }
    let tail = last_start - chunks.remainder().len();
    (tail..last_start).any(|i| text[i] | fold == want && is_at(i))
}

/// `map`'s value for `key` in lower case ([`str::to_lowercase`]), an ASCII key lowered on the
/// stack rather than into a new string.
fn lowered_get<'m, V>(map: &'m FxHashMap<String, V>, key: &str) -> Option<&'m V> {
    if key.is_ascii() {
        // ASCII lowers the same either way.
        crate::lexicon::with_ascii_lower(key, |k| map.get(k))
    } else {
        map.get(&key.to_lowercase())
    }
}

/// The lower-case and the upper-case ASCII letters in `bytes`. Counted 32 bytes at a time
/// into byte-wide sums (at most 32 each), which the compiler turns into vector instructions.
fn ascii_case_letters(bytes: &[u8]) -> (usize, usize) {
    let (mut lower, mut upper) = (0, 0);
    let mut chunks = bytes.chunks_exact(32);
    for chunk in &mut chunks {
        let (l, u) = chunk.iter().fold((0u8, 0u8), |(l, u), b| {
            (
                l + u8::from(b.is_ascii_lowercase()),
                u + u8::from(b.is_ascii_uppercase()),
            )
        });
        lower += usize::from(l);
        upper += usize::from(u);
    }
    for b in chunks.remainder() {
        lower += usize::from(b.is_ascii_lowercase());
        upper += usize::from(b.is_ascii_uppercase());
    }
    (lower, upper)
}

/// Records that `key` names `target` in `map`, or no one when it already named another.
fn one_target(map: &mut FxHashMap<String, Option<Target>>, key: String, target: &Target) {
    map.entry(key)
        .and_modify(|t| {
            if t.as_ref() != Some(target) {
                *t = None;
            }
        })
        .or_insert_with(|| Some(target.clone()));
}

/// Endings of a hyphenated last word that make the name an attribute ("a Janet Jackson-style
/// stunt"), beside [`ATTRIBUTIVES`].
const STYLE_ENDINGS: &[&str] = &["style", "era", "type", "like"];

impl Pass<'_> {
    /// Cuts a tagged span's attributes off its name: the words up to a hyphenated participle
    /// before it ("Washington-based Atlantic Council" is the Atlantic Council, "San
    /// Francisco-based US Court of Appeals" the court) and the participle or style ending
    /// of its last word ("African Union-led", "George Bush-style"). A span that is all
    /// attribute ends up empty.
    fn trim_attributives(&self, s: &mut TaggedSpan, kept: &[Out]) {
        use crate::lexicon::attributive;
        let ending = |w: &str, also: &[&str]| {
            attributive(w)
                || (!also.is_empty()
                    && w.bytes().rposition(|b| b == b'-').is_some_and(|at| {
                        let tail = &w[at + 1..];
                        at > 0 && also.iter().any(|a| a.eq_ignore_ascii_case(tail))
                    }))
        };
        let text = &self.text[s.start..s.end];
        let mut cut = None;
        let mut at = 0;
        for w in text.split(' ') {
            let next = at + w.len() + 1;
            if next < text.len() && ending(w, &[]) {
                cut = Some(next);
            }
            at = next;
        }
        if let Some(cut) = cut {
            s.start += cut;
        }
        // "The Security Council said", "The Commerce Department": the article opens the
        // sentence, not the body's name; a title keeps it ("The Times", "The Office").
        if let Some(rest) = self.text[s.start..s.end].strip_prefix("The ") {
            let start = s.end - rest.len();
            let body = rest.contains(' ') && {
                let last = Self::last_word(rest);
                self.org_end_word(&last) || self.lex().class(&last).intersects(WordClass::ORG_HEAD)
            };
            let known = kept.iter().any(|o| {
                o.start == start
                    && o.end == s.end
                    && matches!(o.target, Target::Gaz(_))
                    && o.kind == MentionKind::Organisation
            });
            if rest.starts_with(char::is_uppercase) && (body || known) {
                s.start = start;
            }
        }
        let text = &self.text[s.start..s.end];
        let last = rsplit_once_space(text).map_or(text, |(_, last)| last);
        if ending(last, STYLE_ENDINGS) {
            let (head, _) = last.rsplit_once('-').unwrap_or((last, ""));
            let keep = text.len() - last.len() + head.trim_end_matches('-').len();
            s.end = s.start + keep;
        }
    }

    /// The surname of a person's `name` that opens with a particle after the given names:
    /// "le drian" of "Jean-Yves Le Drian", "von der leyen" of "Ursula von der Leyen", lower
    /// case; none for a name without one ("Emmanuel Macron") or ending on one.
    fn particle_surname(&self, name: &str) -> Option<String> {
        // Byte offsets of the words after the first, but the last.
        let (_, rest) = name.split_once(' ')?;
        let mut at = name.len() - rest.len();
        for w in rest.split(' ') {
            if at + w.len() >= name.len() {
                return None;
            }
            if self.lex().class(w).intersects(WordClass::PARTICLE) {
                return Some(crate::lexicon::lower(&name[at..]));
            }
            at += w.len() + 1;
        }
        None
    }

    /// A firm written "X, Y and Co" ("Kidder, Peabody and Co", "Smith Barney, Harris Upham
    /// and Co Inc"): the tagger reads "X" apart, often as a person. An organisation with
    /// "and" or "&" and a company form ("Sachs and Co", "Harris Upham and Co Inc") after a
    /// comma and one or two capitalised words that open a sentence or follow a lower-case
    /// word takes them in, named without commas and company form ("Kidder Peabody"), or the
    /// gazetteer's organisation ("Goldman, Sachs and Co" is Goldman Sachs). `outs` is sorted
    /// and stays so.
    fn join_comma_firms(&self, outs: &mut Vec<Out>) {
        let mut i = 0;
        while i < outs.len() {
            if let Some(start) = self.comma_firm_start(outs, i) {
                let end = outs[i].end;
                let text = &self.text[start..end];
                let name = without_company_form(text).unwrap_or(text).replace(',', "");
                let name = collapse(&name);
                let known = self.known_organisation(&name);
                let first = outs.partition_point(|o| o.end <= start);
                let o = &mut outs[i];
                o.start = start;
                o.target = known.map_or(Target::Text(name), Target::Gaz);
                o.single = false;
                o.part = self.part_at(start);
                outs.drain(first..i);
                i = first;
            }
            i += 1;
        }
    }

    /// Where the firm of `outs[i]` starts when it is the "Y and Co" of "X, Y and Co" (see
    /// [`Pass::join_comma_firms`]).
    fn comma_firm_start(&self, outs: &[Out], i: usize) -> Option<usize> {
        let o = &outs[i];
        if o.kind != MentionKind::Organisation {
            return None;
        }
        let span = collapse(&self.text[o.start..o.end]);
        if without_company_form(&span).is_none()
            || !(span.contains(" and ") || span.contains(" And ") || span.contains(" & "))
        {
            return None;
        }
        let before = self.text[..o.start].trim_end().strip_suffix(',')?;
        // One or two capitalised words before the comma.
        let mut start = before.len();
        for _ in 0..2 {
            let head = before[..start].trim_end();
            let word_start = head.rfind(|c: char| c.is_whitespace()).map_or(0, |k| k + 1);
            let word = &head[word_start..];
            // A company form ends another firm: "Bear Stearns and Co Inc, E.F. Hutton and Co".
            if word.starts_with(|c: char| c.is_uppercase())
                && word.chars().all(char::is_alphabetic)
                && !company_form(&crate::lexicon::lower(word))
            {
                start = word_start;
            } else {
                break;
            }
        }
        if start == before.len() {
            return None;
        }
        // The words open a sentence or a line, or follow a lower-case word, with or without
        // a comma ("its financial advisor, Smith Barney, Harris Upham and Co"; not "Merrill
        // Lynch, Smith Barney, Harris Upham and Co", a list).
        let prev = self.text[..start].trim_end();
        let opens = prev.is_empty()
            || prev.ends_with(['.', '\n', ':', '(', '"', '<', ';'])
            || prev
                .trim_end_matches(',')
                .rsplit(char::is_whitespace)
                .next()
                .is_some_and(|w| w.starts_with(|c: char| c.is_lowercase()));
        // No mention the gazetteer resolved lies in them ("Chrysler, Ford Motor and Co").
        let taken = outs[..i]
            .iter()
            .any(|p| p.end > start && matches!(p.target, Target::Gaz(_)));
        (opens && !taken).then_some(start)
    }

    /// A one-word person no list holds, listed with places ("Aleppo and Hama", "Malatya,
    /// Adiyaman, Hatay and Diyarbakir"), or a person before a state's abbreviation ("Cherry
    /// Hill, N.J."), is a place the gazetteer lacks: a location without a country.
    fn places_in_lists(&self, outs: &mut [Out]) {
        let joined = |between: &str| matches!(between, ", " | " and " | ", and " | " or ");
        for k in 0..outs.len() {
            let o = &outs[k];
            if o.kind != MentionKind::Person || !matches!(o.target, Target::Text(_)) {
                continue;
            }
            let one_word = !self.text[o.start..o.end].contains(' ');
            let place = |p: &Out| p.kind == MentionKind::Location;
            let before =
                k > 0 && place(&outs[k - 1]) && joined(&self.text[outs[k - 1].end..o.start]);
            let after = k + 1 < outs.len()
                && place(&outs[k + 1])
                && joined(&self.text[o.end..outs[k + 1].start]);
            // A town before its state's abbreviation: "Cherry Hill, N.J.".
            let state = k + 1 < outs.len() && place(&outs[k + 1]) && {
                let abbr = &self.text[outs[k + 1].start..outs[k + 1].end];
                self.text[o.end..outs[k + 1].start] == *", "
                    && abbr.ends_with('.')
                    && abbr.len() <= 6
            };
            if (one_word && (before || after)) || state {
                outs[k].kind = MentionKind::Location;
                outs[k].counts = None;
            }
        }
    }

    /// A name no list holds written in capitals (a headline: "SIEMENS", "MCDONNELL DOUGLAS")
    /// is the name the story writes in mixed case, when it does ("Siemens"): one actor, as
    /// the text writes it; or one place, when the text writes it as a place the gazetteer
    /// knows ("CHICAGO" of a headline the tagger read as an organisation, "Chicago" in the
    /// body). In a story written in mixed case, such a name on an all-caps
    /// line that the text never writes in mixed case ("REUTER" in "REUTER DEALING SERVICE
    /// INTRODUCED IN CHINA", a market table's "UNTRD") is a guess from capitals alone: it
    /// stays a mention but is left out of the story's people and organisations. An acronym
    /// in a mixed-case sentence ("MINUSCA said") is written as it always is, and stays.
    fn caps_names_as_written(&self, outs: &mut [Out]) {
        let caps = |name: &str| !name.chars().any(char::is_lowercase);
        let actor = |o: &Out| matches!(o.kind, MentionKind::Person | MentionKind::Organisation);
        if !outs
            .iter()
            .any(|o| actor(o) && matches!(&o.target, Target::Text(name) if caps(name)))
        {
            return;
        }
        let mut written: FxHashMap<String, (Target, MentionKind)> = FxHashMap::default();
        for o in outs.iter() {
            if o.kind == MentionKind::Location {
                // A place the gazetteer knows that the text writes in mixed case: "CHICAGO"
                // of a headline is the "Chicago" of the body, not an organisation.
                let surface = &self.text[o.start..o.end];
                if !caps(surface) && matches!(o.target, Target::Gaz(_)) {
                    written
                        .entry(crate::lexicon::lower(surface))
                        .or_insert_with(|| (o.target.clone(), o.kind));
                }
                continue;
            }
            if !actor(o) {
                continue;
            }
            let name = self.target_name(&o.target);
            if matches!(o.target, Target::Text(_)) && caps(name) {
                continue;
            }
            written
                .entry(crate::lexicon::lower(name))
                .or_insert_with(|| (o.target.clone(), o.kind));
            // As the text writes it: "Norsk Hydro", short for the "Norsk Hydro A/S" it names.
            let surface = &self.text[o.start..o.end];
            if surface != name && surface.chars().any(char::is_lowercase) {
                written
                    .entry(crate::lexicon::lower(surface))
                    .or_insert_with(|| (o.target.clone(), o.kind));
            }
        }
        let mut mixed_case = None;
        for o in outs.iter_mut() {
            if !actor(o) {
                continue;
            }
            if let Target::Text(name) = &o.target {
                if caps(name) {
                    if let Some((target, kind)) = lowered_get(&written, name) {
                        o.target = target.clone();
                        o.kind = *kind;
                        if *kind == MentionKind::Location {
                            o.counts = None;
                        }
                    } else if o.source != MentionSource::Gazetteer
                        && self.caps_at(o.start)
                        && name.is_ascii()
                        && *mixed_case.get_or_insert_with(|| self.mixed_case())
                        && !self.written_in_mixed_case(name)
                    {
                        o.listed = false;
                    }
                }
            }
        }
    }

    /// Whether the story is written in mixed case: more lower-case letters than capitals
    /// (an all-caps story, as old wires sent, confirms no name by its case).
    fn mixed_case(&self) -> bool {
        let (lower, upper) = ascii_case_letters(self.text.as_bytes());
        lower > upper
    }

    /// Whether the text writes `name` (ASCII) in mixed case somewhere, as whole words:
    /// "Reuter" for "REUTER", but not "Reuters".
    fn written_in_mixed_case(&self, name: &str) -> bool {
        written_in_mixed_case(self.text, name)
    }

    /// A person no list holds whose name is the name, or the start of the name, of an
    /// organisation the story names is that organisation: "Dean Witter" after "Dean Witter
    /// Reynolds Inc", "Kidder Peabody" after "Kidder, Peabody and Co", "Chesebrough" after
    /// "Chesebrough-Pond's Inc", "Cairn" after "Cairn Energy", "Time Warner" after
    /// "TimeWarner". Names are compared word by word (words split at spaces and hyphens, in
    /// lower case, a possessive dropped), or as their letters and digits alone.
    ///
    /// Against a company written with its company form any such person goes. Against any
    /// other organisation the person's name must not open with a given name ("John
    /// Coltrane" of the "John Coltrane Foundation" is the musician), a one-word person must
    /// not be the surname of someone the story names in full, and the organisation must not
    /// be one named after a person ("... Foundation", "... Prize", "... Airport") nor be
    /// written as a person's name ("Hugh Dallas"). Names in capitals are left to
    /// [`Pass::caps_names_as_written`].
    ///
    /// Returns the last word of each name of more than one word so read, with its
    /// organisation: a surname no longer, it names the firm ("KOKAN" of "Nippon Kokan").
    fn firms_named_after_people(&self, outs: &mut [Out]) -> Vec<(String, Target)> {
        let candidate = |o: &Out| {
            o.kind == MentionKind::Person
                && o.source != MentionSource::Gazetteer
                && matches!(o.target, Target::Text(_))
        };
        if !outs.iter().any(|o| o.kind == MentionKind::Organisation) {
            return Vec::new();
        }
        // The first words and the letters of the names of people who may be firms: only an
        // organisation that shares one with them is compared.
        let mut names: Vec<&str> = Vec::new();
        for o in outs.iter().filter(|o| candidate(o)) {
            let name = self.target_name(&o.target);
            if !names.contains(&name) {
                names.push(name);
            }
        }
        if names.is_empty() {
            return Vec::new();
        }
        let firsts: Vec<String> = names
            .iter()
            .filter_map(|n| first_name_word(n).map(crate::lexicon::lower))
            .collect();
        let spelt: Vec<String> = names.iter().map(|n| letters(n)).collect();
        let lengths: Vec<usize> = spelt.iter().map(|l| l.chars().count()).collect();
        let mut firms: Vec<Firm> = Vec::new();
        for o in outs.iter() {
            if o.kind != MentionKind::Organisation {
                continue;
            }
            let surface = &self.text[o.start..o.end];
            let mut formal = None;
            for name in [self.target_name(&o.target), surface] {
                // A name in capitals (a headline's "CONED") is left to
                // [`Pass::caps_names_as_written`].
                if !name.chars().any(char::is_lowercase) {
                    continue;
                }
                // A first word lowered has no ASCII capitals, so comparing it with `w` blind
                // to ASCII case is comparing it with `w`'s ASCII letters lowered.
                let opens = first_name_word(name)
                    .is_some_and(|w| firsts.iter().any(|f| f.eq_ignore_ascii_case(w)));
                let mut spelt_as = None;
                if !opens {
                    let len = name.chars().filter(|c| c.is_alphanumeric()).count();
                    if !lengths.contains(&len) {
                        continue;
                    }
                    let l = letters(name);
                    if !spelt.contains(&l) {
                        continue;
                    }
                    spelt_as = Some(l);
                }
                let words = name_words(name);
                let named_for = words
                    .last()
                    .is_some_and(|w| NAMED_FOR_PEOPLE.contains(&w.as_str()));
                if !words.is_empty() {
                    firms.push(Firm {
                        letters: spelt_as.unwrap_or_else(|| letters(name)),
                        written: name.to_lowercase(),
                        words,
                        target: o.target.clone(),
                        formal: *formal
                            .get_or_insert_with(|| without_company_form(surface).is_some()),
                        named_for,
                    });
                }
            }
        }
        let mut converted = Vec::new();
        if firms.is_empty() {
            return converted;
        }
        // The surnames of people named in full: "Ford" alone is Gerald Ford, not Ford Motor.
        let mut surnames: FxHashSet<String> = FxHashSet::default();
        for o in outs.iter().filter(|o| o.kind == MentionKind::Person) {
            if let Some((_, last)) = self.target_name(&o.target).rsplit_once(' ') {
                surnames.insert(crate::lexicon::lower(last));
            }
        }
        let mut seen: FxHashMap<String, Option<Target>> = FxHashMap::default();
        for o in outs.iter_mut() {
            if !candidate(o) {
                continue;
            }
            let Target::Text(name) = &o.target else {
                continue;
            };
            let target = match seen.get(name.as_str()) {
                Some(t) => t.clone(),
                None => {
                    let t = self.firm_of_person(name, &firms, &surnames);
                    seen.insert(name.clone(), t.clone());
                    t
                }
            };
            if let Some(target) = target {
                if let Some((_, last)) = name.rsplit_once(' ') {
                    converted.push((crate::lexicon::lower(last), target.clone()));
                }
                o.kind = MentionKind::Organisation;
                o.target = target;
            }
        }
        converted
    }

    /// The organisation of [`Pass::firms_named_after_people`] that the person `name`
    /// names, if any: the one it matches, or the longest of several nested ones
    /// ("Santa Barbara Savings and Loan Association" rather than "Santa Barbara
    /// Savings"), or, when they differ, an organisation of its own name.
    fn firm_of_person(
        &self,
        name: &str,
        firms: &[Firm],
        surnames: &FxHashSet<String>,
    ) -> Option<Target> {
        let words = name_words(name);
        let (first, one_word) = (words.first()?, words.len() == 1);
        // One word of a name written as a person's is no firm's short name: "Hugh" of a "Hugh
        // Dallas" the tagger took for an organisation ("Cairn" of "Cairn Energy" is), nor is a
        // name before a generation ("Winthrop Sargent" of "Winthrop Sargent IV").
        let open = |f: &Firm| {
            f.words.len() > words.len()
                && f.words[..words.len()] == words[..]
                && !(one_word && self.person_like(&f.written))
                && !f.words[words.len()..].iter().all(|w| generation(w))
        };
        // The same letters written otherwise ("TimeWarner"), or a name the gazetteer knows as
        // an organisation; the tagger reading one name two ways is left to the story's first
        // mention of it.
        let (name_letters, name_lower) = (letters(name), name.to_lowercase());
        let same = |f: &Firm| {
            f.letters == name_letters
                && (matches!(f.target, Target::Gaz(_)) || f.written != name_lower)
        };
        let formal = |f: &Firm| !one_word && f.formal && (open(f) || same(f));
        let general = !(self.lex().is_given(first) || one_word && surnames.contains(first));
        let found: Vec<&Firm> = firms
            .iter()
            .filter(|f| formal(f) || (general && (same(f) || (open(f) && !f.named_for))))
            .collect();
        let longest = found.iter().max_by_key(|f| f.words.len())?;
        let nested = found
            .iter()
            .all(|f| f.target == longest.target || longest.words.starts_with(&f.words));
        Some(if nested {
            longest.target.clone()
        } else {
            Target::Text(name.to_string())
        })
    }

    /// Whether a name (lower case) is written as a person's: two words, the second maybe a
    /// surname ("Hugh Dallas", "Tran Van-Thinh"), or ending on a generation ("Winthrop
    /// Sargent IV").
    fn person_like(&self, name: &str) -> bool {
        let spaced: Vec<&str> = name.split(' ').collect();
        let surname = match spaced[..] {
            [_, second] => self.maybe_surname(second),
            _ => false,
        };
        surname || spaced.last().is_some_and(|w| generation(w))
    }

    /// Whether `word` (lower case) may be a surname: no common English word and no word that
    /// ends an organisation's name.
    fn maybe_surname(&self, word: &str) -> bool {
        !self.lex().is_common(word) && !self.org_end_word(word)
    }
}

/// An organisation as [`Pass::firms_named_after_people`] compares it with people's names.
struct Firm {
    /// The name's words ([`name_words`]).
    words: Vec<String>,
    /// The name's letters ([`letters`]).
    letters: String,
    /// The name in lower case.
    written: String,
    target: Target,
    /// Written with its company form ("Inc", "& Co").
    formal: bool,
    /// Named as organisations named after a person are ([`NAMED_FOR_PEOPLE`]).
    named_for: bool,
}

/// The last words of organisations named after a person, whose name alone is then that
/// person ("the Nelson Mandela Foundation", "the Nobel Prize", "John Lennon Airport").
const NAMED_FOR_PEOPLE: &[&str] = &[
    "foundation",
    "institute",
    "prize",
    "award",
    "awards",
    "trophy",
    "cup",
    "memorial",
    "museum",
    "library",
    "centre",
    "center",
    "hospital",
    "school",
    "college",
    "university",
    "airport",
    "stadium",
    "fund",
    "trust",
    "society",
    "lecture",
    "medal",
    "party",
];

/// The words of a name for [`Pass::firms_named_after_people`]: split at spaces and
/// hyphens ([`name_word`]), lower case ("Heck's" is "heck").
fn name_words(name: &str) -> Vec<String> {
    name.split([' ', '-'])
        .map(name_word)
        .filter(|w| !w.is_empty())
        .map(crate::lexicon::lower)
        .collect()
}

/// The first of a name's [`name_words`], as written.
///
/// The name is cut at its spaces and hyphens by a scan of its bytes (both are ASCII, so a
/// byte of either is a whole character), which costs less than the library's split.
fn first_name_word(name: &str) -> Option<&str> {
    let mut rest = name;
    loop {
        let at = rest.bytes().position(|b| b == b' ' || b == b'-');
        let piece = at.map_or(rest, |at| &rest[..at]);
        let w = name_word(piece);
        if !w.is_empty() {
            return Some(w);
        }
        rest = &rest[at? + 1..];
    }
}

/// One word of a name without a full stop, a comma or a possessive at its end.
fn name_word(w: &str) -> &str {
    let w = w.trim_end_matches(['.', ',']);
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("\u{2019}s"))
        .unwrap_or(w)
}

/// A generation after a name, lower case, a full stop allowed: "jr", "sr", "ii", "iii", "iv".
fn generation(w: &str) -> bool {
    matches!(w.trim_end_matches('.'), "jr" | "sr" | "ii" | "iii" | "iv")
}

/// The letters and digits of a name, lower case: "TimeWarner" and "Time Warner" agree.
fn letters(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a mention kind and a tagger type name the same thing.
fn agrees(kind: MentionKind, t: EntityType) -> bool {
    matches!(
        (kind, t),
        (MentionKind::Person, EntityType::Per)
            | (MentionKind::Organisation, EntityType::Org)
            | (MentionKind::Location, EntityType::Loc)
            | (MentionKind::Nationality, EntityType::Misc)
    )
}

/// Whether `name`, of two or three words ending on `last`, is written family name first: its
/// given name is two syllables joined by a hyphen, the second in lower case ("Chang
/// Chi-cheng", "Moon Jae-in"; not "Abdel-Rahim" or "Kilroy-Silk").
pub(super) fn family_name_first(name: &str, last: &str) -> bool {
    let words = name.split(' ').count();
    let Some((a, b)) = last.split_once('-') else {
        return false;
    };
    (2..=3).contains(&words)
        && a.starts_with(char::is_uppercase)
        && a.chars().skip(1).all(char::is_lowercase)
        && b.chars().next().is_some_and(char::is_lowercase)
        && b.chars().all(char::is_alphabetic)
}

/// `text` split at its last space: `str::rsplit_once(' ')`, by a plain scan of the bytes
/// (a space byte is always a whole character), which for the few words of a name costs
/// less than the library's search.
fn rsplit_once_space(text: &str) -> Option<(&str, &str)> {
    let at = text.bytes().rposition(|b| b == b' ')?;
    Some((&text[..at], &text[at + 1..]))
}

/// Whether `w` lowered ([`crate::lexicon::lower`]) is a common word, without lowering an
/// ASCII word into a new string first: the lexicon lowers ASCII itself, to the same key.
fn common_when_lowered(lex: &crate::lexicon::Lexicon, w: &str) -> bool {
    if w.is_ascii() {
        lex.is_common(w)
    } else {
        lex.is_common(&crate::lexicon::lower(w))
    }
}

#[cfg(test)]
mod fast_path_tests {
    use super::*;

    /// Names and words of every kind: ASCII, accented, other scripts, odd spaces, empty.
    const SAMPLES: &[&str] = &[
        "",
        " ",
        "  ",
        "Mali",
        "General Motors Corp",
        "General Motors Corp.",
        "Goldman Sachs and Co",
        "Goldman Sachs & Co Inc",
        "Smith Barney, Harris Upham and Co Inc ",
        "and Co",
        " Co",
        "Co",
        "Dynamics CORPORATION",
        "Nestlé SA",
        "Société Générale S.A.",
        "Müller GmbH",
        "Zürich Versicherungs AG",
        "日本 株式会社 Co",
        "Boston-based FMR",
        "African Union-led",
        "George Bush-style",
        "George Bush-STYLE",
        "x -era",
        "-like",
        "Ölpreis-type",
        "The  Commerce Department",
        "İstanbul Ltd",
        "The",
        "the",
        "THE",
        "Über",
        "Said",
    ];

    /// `without_company_form` as first written, lowering each word into a new string.
    fn without_company_form_plain(name: &str) -> Option<&str> {
        let mut rest = name.trim_end();
        while let Some((head, last)) = rest.rsplit_once(' ') {
            let word = last.trim_end_matches('.').to_ascii_lowercase();
            let form = company_form(&word)
                || matches!(
                    word.as_str(),
                    "corporation" | "incorporated" | "limited" | "company"
                );
            let joiner = matches!(word.as_str(), "&" | "and") && rest.len() < name.trim_end().len();
            if !form && !joiner {
                break;
            }
            rest = head.trim_end_matches([',', ' ']);
        }
        (rest.len() < name.len() && !rest.is_empty()).then_some(rest)
    }

    /// `written_in_mixed_case` as first written: a case-blind compare at every byte.
    fn written_in_mixed_case_plain(text: &str, name: &str) -> bool {
        let (text, name) = (text.as_bytes(), name.as_bytes());
        let Some(&first) = name.first() else {
            return false;
        };
        (0..text.len().saturating_sub(name.len() - 1)).any(|i| {
            let word = &text[i..i + name.len()];
            word[0].eq_ignore_ascii_case(&first)
                && word.eq_ignore_ascii_case(name)
                && word.iter().any(u8::is_ascii_lowercase)
                && (i == 0 || !text[i - 1].is_ascii_alphanumeric())
                && text
                    .get(i + name.len())
                    .is_none_or(|b| !b.is_ascii_alphanumeric())
        })
    }

    #[test]
    fn case_letters_are_counted_as_byte_by_byte() {
        let long =
            "Zürich ÖLPREIS said, in MIXED case: AbCdEfGhIjKlMnOpQrStUvWxYz 09 @[`{".repeat(7);
        for text in ["", "a", "A", "日本 株式会社", long.as_str()] {
            for cut in 0..=text.len() {
                let b = &text.as_bytes()[cut..];
                let plain = b.iter().fold((0, 0), |(l, u), b| {
                    (
                        l + usize::from(b.is_ascii_lowercase()),
                        u + usize::from(b.is_ascii_uppercase()),
                    )
                });
                assert_eq!(ascii_case_letters(b), plain, "{cut}");
            }
        }
    }

    #[test]
    fn mixed_case_search_finds_what_the_plain_scan_finds() {
        let long = format!(
            "{}Reuter said. {}REUTER Reuters reuter",
            "Zürich Ölpreis x ".repeat(5),
            "a".repeat(31)
        );
        let texts = [
            "",
            "R",
            "Reuter",
            "REUTER",
            "Reuters said",
            "the reuter desk",
            "(Reuter)",
            "Étienne Reuter-Ölpreis",
            "日本 Reuter 株式会社",
            "3M and 3m",
            "A&P and a&p",
            long.as_str(),
        ];
        let names = [
            "",
            "R",
            "REUTER",
            "3M",
            "A&P",
            "A",
            "-",
            "REUTER DEALING",
            "REUTERS",
        ];
        for text in texts {
            for cut in 0..=text.len() {
                let Some(t) = text.get(cut..) else {
                    continue;
                };
                for name in names {
                    assert_eq!(
                        written_in_mixed_case(t, name),
                        written_in_mixed_case_plain(t, name),
                        "{t:?} {name:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn lowered_lookup_finds_what_a_lowered_string_finds() {
        let long = "INTERNATIONAL BUSINESS MACHINES CORPORATION OF THE UNITED STATES".repeat(2);
        let mut map: FxHashMap<String, usize> = FxHashMap::default();
        for (i, k) in [
            "reuter",
            "nestlé sa",
            "istanbul",
            "i̇stanbul",
            "",
            &long.to_lowercase(),
        ]
        .into_iter()
        .enumerate()
        {
            map.insert(k.to_string(), i);
        }
        let mut keys: Vec<&str> = SAMPLES.to_vec();
        keys.extend([
            "REUTER",
            "Reuter",
            "NESTLÉ SA",
            "İSTANBUL",
            "İstanbul",
            "ISTANBUL",
            &long,
        ]);
        for key in keys {
            assert_eq!(
                lowered_get(&map, key),
                map.get(&key.to_lowercase()),
                "{key:?}"
            );
        }
    }

    /// `first_name_word` as first written, with the library's split.
    fn first_name_word_plain(name: &str) -> Option<&str> {
        name.split([' ', '-'])
            .map(name_word)
            .find(|w| !w.is_empty())
    }

    #[test]
    fn first_words_are_found_as_by_the_library_split() {
        let more = [
            "Jean-Pierre Raffarin",
            "-Foo",
            "--",
            "- -",
            "'s Bar",
            "A. B.",
            ", ,",
            "Ölpreis-Öl",
            "日本-株式会社",
            "Mali’s",
        ];
        for s in SAMPLES.iter().chain(&more) {
            assert_eq!(first_name_word(s), first_name_word_plain(s), "{s:?}");
            // The comparison of a lowered first word with a first word as written.
            if let (Some(a), Some(b)) = (first_name_word(s), first_name_word("JEAN-Pierre")) {
                let f = crate::lexicon::lower(a);
                assert_eq!(
                    f.eq_ignore_ascii_case(b),
                    crate::lexicon::with_ascii_lower(b, |b| f == b)
                );
                assert_eq!(
                    f.eq_ignore_ascii_case(a),
                    crate::lexicon::with_ascii_lower(a, |a| f == a),
                    "{s:?}"
                );
            }
        }
    }

    #[test]
    fn fast_paths_give_what_the_plain_forms_give() {
        let lex = crate::lexicon::Lexicon::new();
        for &s in SAMPLES {
            assert_eq!(rsplit_once_space(s), s.rsplit_once(' '), "{s:?}");
            assert_eq!(
                without_company_form(s),
                without_company_form_plain(s),
                "{s:?}"
            );
            for w in s.split(' ') {
                assert_eq!(
                    common_when_lowered(&lex, w),
                    lex.is_common(&crate::lexicon::lower(w)),
                    "{w:?}"
                );
            }
        }
    }
}
