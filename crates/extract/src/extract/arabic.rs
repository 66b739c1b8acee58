//! Arabic names that go on past the first capitalised words: the tagger's candidate regions
//! and the name rules stop at a lower-case word, so "Sheikh Ali al-Khalifa al-Sabah" gave a
//! person "Ali", "Sheikh Tamim bin Hamad al-Thani" a second person "Hamad", and "Prince
//! Saud al-Faisal" the gazetteer's other Saud.
//!
//! - **The parts of a name.** A person's mention followed by name parts, each "bin", "ibn",
//!   "bint", "al" or "el" and a capitalised word ("bin Hamad", "Al Thani") or one word
//!   opening on "al-", "el-" or "ul-" and a capital ("al-Sabah", "El-Sisi", "ul-Haq"),
//!   takes them in (at most four), and the mentions inside them go. A person the gazetteer
//!   linked keeps that link when its name holds the last part ("Sheikh Tamim ... al-Thani"
//!   is Tamim bin Hamad Al Thani); otherwise the longer name is a new person ("Saud
//!   al-Faisal").
//! - **A given name after an honorific.** "Sheikh Ali", "Prince Saud": a one-word person
//!   right after an honorific is the one person the story names in full with that given
//!   name and such parts, the way Arabic-language news refers to them.

use super::names::collapse;
use super::{Out, Pass, Target};
use crate::extraction::{MentionKind, MentionSource};

/// Words that open the next part of an Arabic name when a capitalised word follows.
const PART_WORDS: &[&str] = &["bin", "ibn", "bint", "al", "el"];

/// Prefixes of a one-word name part before a capital ("al-Sabah").
const PART_PREFIXES: &[&str] = &["al-", "el-", "ul-"];

/// At most this many parts are taken in after a mention.
const MAX_PARTS: usize = 4;

/// Honorifics before a given name: "Sheikh Ali", "Prince Saud", "King Hussein".
#[rustfmt::skip]
const HONORIFICS: &[&str] = &[
    "sheikh", "sheikha", "shaikh", "prince", "princess", "king", "queen", "emir", "amir",
    "sultan", "sayyid", "imam", "pope",
];

/// The word of letters and hyphens at the start of `s`.
fn leading_word(s: &str) -> &str {
    let len = s
        .find(|c: char| !(c.is_alphabetic() || c == '-'))
        .unwrap_or(s.len());
    &s[..len]
}

/// Whether `w` is a capitalised word of letters and hyphens, not all capitals.
fn capitalised(w: &str) -> bool {
    w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase)
}

/// What follows a part's prefix ("Sabah" of "al-Sabah"), when `w` opens on one.
pub(super) fn after_prefix(w: &str) -> Option<&str> {
    PART_PREFIXES.iter().find_map(|p| {
        (w.len() > p.len() && w.is_char_boundary(p.len()) && w[..p.len()].eq_ignore_ascii_case(p))
            .then(|| &w[p.len()..])
    })
}

/// Whether the one word `w` is a name part by itself: "al-Sabah", "El-Sisi".
fn prefixed_part(w: &str) -> bool {
    after_prefix(w).is_some_and(capitalised)
}

/// A name part's word with its article and hyphen removed, lower case: "al-Thani" and
/// "Thani" are both "thani".
fn bare_part(w: &str) -> String {
    after_prefix(w).unwrap_or(w).to_lowercase()
}

impl Pass<'_> {
    /// Where the name parts written right after byte `end` end, with the last part's word;
    /// `None` when none follows.
    fn name_parts_after(&self, end: usize) -> Option<(usize, &str)> {
        let mut pos = end;
        let mut last = None;
        for _ in 0..MAX_PARTS {
            let Some(rest) = self.text[pos..].strip_prefix(' ') else {
                break;
            };
            let word = leading_word(rest);
            if prefixed_part(word) {
                pos += 1 + word.len();
                last = Some(word);
                continue;
            }
            if !PART_WORDS.iter().any(|p| p.eq_ignore_ascii_case(word)) {
                break;
            }
            let Some(after) = rest[word.len()..].strip_prefix(' ') else {
                break;
            };
            let next = leading_word(after);
            if !capitalised(next) {
                break;
            }
            pos += 1 + word.len() + 1 + next.len();
            last = Some(next);
        }
        Some((pos, last?))
    }

    /// Takes the parts of Arabic names into their people and links a given name after an
    /// honorific (module docs). `outs` is sorted and stays so.
    pub(super) fn arabic_names(&self, outs: &mut Vec<Out>) {
        let mut k = 0;
        while k < outs.len() {
            let o = &outs[k];
            if o.kind != MentionKind::Person || self.caps_at(o.start) {
                k += 1;
                continue;
            }
            let Some((end, last)) = self.name_parts_after(o.end) else {
                k += 1;
                continue;
            };
            // The mentions inside the parts go; one reaching past them leaves the name as it
            // is.
            let inside = outs[k + 1..].iter().take_while(|p| p.start < end).count();
            if outs[k + 1..k + 1 + inside].iter().any(|p| p.end > end) {
                k += 1;
                continue;
            }
            let last = bare_part(last);
            let keeps_link = match o.target {
                Target::Gaz(id) => self.gaz().entities[id as usize]
                    .name
                    .split([' ', '-'])
                    .any(|w| w.to_lowercase() == last),
                Target::Text(_) => false,
            };
            let name = collapse(&self.text[o.start..end]);
            let o = &mut outs[k];
            if !keeps_link {
                o.target = Target::Text(name);
                o.counts = None;
                o.source = MentionSource::Rule;
            }
            o.end = end;
            o.single = false;
            outs.drain(k + 1..k + 1 + inside);
            k += 1;
        }
        self.given_names_after_honorifics(outs);
    }

    /// Whether the word before byte `start` is an honorific ("Sheikh", "King", "Pope").
    pub(super) fn after_honorific(&self, start: usize) -> bool {
        let before = self.text[..start].trim_end_matches(' ');
        before.len() < start
            && before
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .is_some_and(|w| HONORIFICS.contains(&w.to_lowercase().as_str()))
    }

    /// "Sheikh Ali" is the one person named in full as "Ali al-Khalifa al-Sabah".
    fn given_names_after_honorifics(&self, outs: &mut [Out]) {
        // (given name, target) of the people named in full with name parts.
        let mut full: Vec<(String, Target)> = Vec::new();
        for o in outs.iter() {
            if o.kind != MentionKind::Person || o.single {
                continue;
            }
            let name = self.target_name(&o.target);
            let mut words = name.split(' ');
            let (Some(given), Some(second)) = (words.next(), words.next()) else {
                continue;
            };
            let parted =
                prefixed_part(second) || PART_WORDS.iter().any(|p| p.eq_ignore_ascii_case(second));
            if parted && !full.iter().any(|(_, t)| *t == o.target) {
                full.push((given.to_lowercase(), o.target.clone()));
            }
        }
        if full.is_empty() {
            return;
        }
        for o in outs.iter_mut() {
            if o.kind != MentionKind::Person || !o.single {
                continue;
            }
            if !self.after_honorific(o.start) {
                continue;
            }
            let given = self.text[o.start..o.end].to_lowercase();
            let mut matches = full.iter().filter(|(g, _)| *g == given);
            if let (Some((_, target)), None) = (matches.next(), matches.next()) {
                if o.target != *target {
                    o.target = target.clone();
                    o.counts = None;
                    o.source = MentionSource::Rule;
                }
            }
        }
    }
}
