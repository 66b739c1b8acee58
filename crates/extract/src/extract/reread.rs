//! Context rules that reread a gazetteer match where the tagger, which mostly trusts the
//! gazetteer's hints, cannot: each fixes an error a reader saw in a real story, and runs on
//! English text only, after the tagger.
//!
//! - A person glued to the word before by a hyphen is part of a longer name: "Henri" in
//!   "PAUL-HENRI DAMIBA" is not Grand Duke Henri (nor Luxembourg).
//! - A place right after a kinship word is a person's given name: "their daughter Victoria"
//!   (not the Seychelles' capital), "his son Jordan".
//! - A place alone inside quotation marks names a product or a work: Ikea's bed model
//!   «Bergen» (not Norway).
//! - "`<Place> and <Company Co>`" is one company: "Reading and Bates Drilling Co" (not GB).
//! - A list of four or more single capitalised words, at least one a person and fewer than
//!   half places, is a list of people (a football line-up): its places and surname-only
//!   people are people of that name ("Johnson, Stones ... Jordan": no Boris Johnson, no JO).
//! - A news agency named as the story's source ("told Reuters", "a Reuters poll",
//!   "(Reuters)", "according to Reuters") is attribution: it stays a mention but is not an
//!   actor and gives no country. Named otherwise ("Reuters reported a loss", "Reuters
//!   Holdings said") it is an actor: the story is about it.

use super::names::collapse;
use super::tagging::RULE_CONFIDENCE;
use super::{Out, Pass, Target};
use crate::extraction::{MentionKind, MentionSource};
use crate::gazetteer::Kind;
use crate::lexicon::lower;

/// Words after which a capitalised given name follows ("daughter Victoria").
const KIN: &[&str] = &[
    "daughter",
    "daughters",
    "son",
    "sons",
    "wife",
    "husband",
    "mother",
    "father",
    "sister",
    "brother",
    "granddaughter",
    "grandson",
    "niece",
    "nephew",
    "girlfriend",
    "boyfriend",
    "baby",
    "child",
    "widow",
    "fiancee",
    "fiancée",
    "cousin",
    "aunt",
    "uncle",
];
/// News agencies, canonical names in lower case.
const AGENCIES: &[&str] = &[
    "reuters",
    // Reuters' name in its own copy of the 1980s ("a Reuter survey").
    "reuter",
    "associated press",
    "agence france-presse",
    "afp",
    "bloomberg",
    "xinhua",
    "tass",
    "itar-tass",
    "interfax",
    "kyodo",
    "yonhap",
    "ansa",
    "dpa",
    "efe",
    "anadolu",
    "dow jones",
    "ria novosti",
    "bernama",
    "antara",
    "pti",
    "press trust of india",
];
/// Words before an agency that make it the story's source ("told Reuters").
const ATTRIBUTION_BEFORE: &[&str] = &["told", "to", "with", "by", "tells", "tell", "telling"];
/// Words after an agency that make it the story's source ("a Reuters poll").
const ATTRIBUTION_AFTER: &[&str] = &[
    "poll",
    "polls",
    "survey",
    "surveys",
    "calculation",
    "calculations",
    "reporter",
    "reporters",
    "correspondent",
    "correspondents",
    "witness",
    "witnesses",
    "tally",
    "interview",
    "photographer",
    "journalist",
    "journalists",
    "reporting",
    "analysis",
    "count",
    "estimate",
    "estimates",
    "review",
    "investigation",
];
/// A list of people has at least this many items.
const NAME_LIST_MIN: usize = 4;

impl Pass<'_> {
    /// Applies the module's rules to `outs` (sorted, non-overlapping), keeping them so.
    pub(super) fn reread(&self, outs: &mut Vec<Out>) {
        let mut keep = vec![true; outs.len()];
        for (k, o) in outs.iter_mut().enumerate() {
            let before = self.text[..o.start].trim_end_matches([' ', '\t']);
            let place = o.kind == MentionKind::Location && self.is_gaz_place(o);
            if o.kind == MentionKind::Person
                && before.ends_with('-')
                && before[..before.len() - 1]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic)
                && before.len() == o.start
            {
                keep[k] = false;
            } else if place && KIN.contains(&lower(last_word(before)).as_str()) && o.single {
                self.as_person(o);
            } else if place && quoted(self.text, o.start, o.end) {
                keep[k] = false;
            } else if o.kind == MentionKind::Organisation && self.attribution(o, before) {
                o.listed = false;
                o.counts = None;
            }
        }
        for k in 1..outs.len() {
            let (a, b) = (&outs[k - 1], &outs[k]);
            if a.kind == MentionKind::Location
                && b.kind == MentionKind::Organisation
                && matches!(b.target, Target::Text(_))
                && self.text[a.end..b.start].eq_ignore_ascii_case(" and ")
                && keep[k - 1]
            {
                let start = a.start;
                keep[k - 1] = false;
                let b = &mut outs[k];
                b.start = start;
                b.target = Target::Text(collapse(&self.text[start..b.end]));
                b.single = false;
            }
        }
        self.name_lists(outs, &keep);
        let mut k = 0;
        outs.retain(|_| {
            k += 1;
            keep[k - 1]
        });
    }

    /// Whether `o` resolved to a gazetteer place or country.
    fn is_gaz_place(&self, o: &Out) -> bool {
        match o.target {
            Target::Gaz(id) => matches!(
                self.gaz().entities[id as usize].kind,
                Kind::Place | Kind::Country
            ),
            Target::Text(_) => false,
        }
    }

    /// Rereads `o` as a person named by its text.
    fn as_person(&self, o: &mut Out) {
        o.kind = MentionKind::Person;
        o.target = Target::Text(collapse(&self.text[o.start..o.end]));
        o.counts = None;
        o.source = MentionSource::Rule;
        o.confidence = RULE_CONFIDENCE;
    }

    /// Whether organisation `o`, with the text `before` it, is a news agency named as the
    /// story's source.
    fn attribution(&self, o: &Out, before: &str) -> bool {
        let name = lower(self.target_name(&o.target));
        if !AGENCIES.contains(&name.as_str()) {
            return false;
        }
        let after = &self.text[o.end..];
        let next = after
            .trim_start()
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        (before.ends_with('(') && after.starts_with(')'))
            || ATTRIBUTION_BEFORE.contains(&lower(last_word(before)).as_str())
            || ATTRIBUTION_AFTER.contains(&lower(next).as_str())
    }

    /// The list-of-people rule (module docs).
    fn name_lists(&self, outs: &mut [Out], keep: &[bool]) {
        let toks = &self.buf.toks;
        let mut t = 0;
        while t < toks.len() {
            let mut end = t + 1;
            while end < toks.len()
                && toks[end].cap
                && toks[end - 1].cap
                && list_gap(&self.text[toks[end - 1].end..toks[end].start])
                && (end + 1 >= toks.len() || !toks[end + 1].join || !toks[end + 1].cap)
            {
                end += 1;
            }
            if end - t >= NAME_LIST_MIN {
                let (from, to) = (toks[t].start, toks[end - 1].end);
                let lo = outs.partition_point(|o| o.start < from);
                let hi = outs.partition_point(|o| o.start < to);
                let items = end - t;
                let places = (lo..hi)
                    .filter(|&k| keep[k] && self.is_gaz_place(&outs[k]))
                    .count();
                let people = (lo..hi)
                    .filter(|&k| keep[k] && outs[k].kind == MentionKind::Person)
                    .count();
                if people >= 1 && places * 2 < items {
                    for o in &mut outs[lo..hi] {
                        let surname_only =
                            o.kind == MentionKind::Person && matches!(o.target, Target::Gaz(_));
                        if o.single && (self.is_gaz_place(o) || surname_only) {
                            self.as_person(o);
                        }
                    }
                }
            }
            t = end;
        }
    }
}

/// The last word of `s`.
fn last_word(s: &str) -> &str {
    let s = s.trim_end_matches(|c: char| !c.is_alphanumeric());
    let from = s
        .rfind(|c: char| !c.is_alphanumeric() && c != '-')
        .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
    &s[from..]
}

/// Whether `start..end` of `text` is alone inside quotation marks.
fn quoted(text: &str, start: usize, end: usize) -> bool {
    let open = text[..start].chars().next_back();
    let close = text[end..].chars().next();
    matches!(
        (open, close),
        (Some('«'), Some('»'))
            | (Some('“'), Some('”'))
            | (Some('"'), Some('"'))
            | (Some('‘'), Some('’'))
            | (Some('\''), Some('\''))
    )
}

/// Whether the text between two words separates items of a list of names: a comma, a
/// semicolon or "and", nothing else.
fn list_gap(gap: &str) -> bool {
    let g = gap.trim();
    matches!(g, "," | ";" | "and" | ", and" | "&")
}
