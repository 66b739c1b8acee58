//! The name rules: people and organisations the gazetteer lacks, found from runs of
//! capitalised words (titles and roles, organisation suffixes and heads, given names,
//! speech verbs).

use rustc_hash::FxHashSet;

use super::{Pass, RuleEnt, RuleKind, NONE};
use crate::gazetteer::Kind;
use crate::lexicon::{lower, WordClass};

/// A name found by the rules has at most this many words (particles not counted).
const NAME_MAX_WORDS: usize = 4;

/// A name found by a speech verb alone ("John Smith said") has at most this many words.
const SPEECH_NAME_MAX_WORDS: usize = 3;

impl Pass<'_> {
    /// A token that can be part of a person's name: capitalised (or a particle inside), not
    /// a common word, title or organisation suffix.
    pub(super) fn nameish(&self, t: usize) -> bool {
        let tok = self.buf.toks[t];
        tok.cap
            && !tok.upper
            && self.word(t).chars().next().is_some_and(char::is_alphabetic)
            && !self.has(t, WordClass::NOT_IN_NAMES)
    }

    /// Runs of capitalised words (with name particles inside) on mixed-case lines.
    fn runs(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let n = self.buf.toks.len();
        let mut i = 0;
        while i < n {
            let t = self.buf.toks[i];
            // "Boston-based FMR Corp": the place's attribute is no part of the name.
            let attribute = |t: usize| crate::lexicon::attributive(self.word(t));
            if !t.cap || t.caps || attribute(i) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < n && self.buf.toks[j].join && !self.buf.toks[j].caps {
                let tj = self.buf.toks[j];
                if tj.cap && !attribute(j) {
                    j += 1;
                } else if self.has(j, WordClass::PARTICLE)
                    && j + 1 < n
                    && self.buf.toks[j + 1].join
                    && self.buf.toks[j + 1].cap
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
    pub(super) fn rules(&mut self) {
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

    /// Records a rule entity, absorbing the places and demonyms inside it (an organisation
    /// around a single-country place takes that country).
    fn add_rule(&mut self, r: RuleEnt) {
        // Places and demonyms inside are absorbed; a gazetteer person or organisation inside
        // wins over the rule.
        let mut absorbed = Vec::new();
        for t in r.lo..r.hi {
            let g = self.buf.tok_gm[t];
            if g == NONE {
                continue;
            }
            let gm = &self.buf.gms[g as usize];
            if gm.start < self.buf.toks[r.lo].start || gm.end > self.buf.toks[r.hi - 1].end {
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
            let gm = &mut self.buf.gms[g as usize];
            gm.alive = false;
            if country.is_none() && r.kind == RuleKind::Org && !gm.dictword && !gm.wordlike {
                let ents = &self.x.gaz.entities;
                let cs: FxHashSet<&String> = gm
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
        let idx = self.buf.rules.len() as u32;
        for t in r.lo..r.hi {
            self.buf.tok_rule[t] = idx;
        }
        self.buf.rules.push(RuleEnt { country, ..r });
    }

    /// An organisation over the run `lo..hi`: "X ... Suffix", or "Head of X" with the next
    /// run.
    fn org_rule(&self, lo: usize, hi: usize, next: Option<(usize, usize)>) -> Option<RuleEnt> {
        let last = hi - 1;
        let proper = |t: usize| !self.has(t, WordClass::NOT_IN_NAMES);
        // Leading "The" and other common words at a sentence start are not part of the name.
        let mut start = lo;
        while start < last
            && self.buf.toks[start].sent
            && self.has(start, WordClass::COMMON)
            && start == lo
        {
            start += 1;
        }
        if hi - start >= 2 && self.has(last, WordClass::ORG_SUFFIX) && (start..last).any(proper) {
            return Some(RuleEnt {
                lo: start,
                hi,
                kind: RuleKind::Org,
                country: None,
            });
        }
        // "Ministry of Defence", "National Bank of Kuwait".
        if self.has(last, WordClass::ORG_HEAD) {
            let (nlo, nhi) = next?;
            let mut k = hi;
            if k < self.buf.toks.len() && self.word(k) == "of" && self.buf.toks[k].join {
                k += 1;
                if k < self.buf.toks.len() && self.word(k) == "the" && self.buf.toks[k].join {
                    k += 1;
                }
                if k == nlo && self.buf.toks[nlo].join {
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
    /// particles, at most [`NAME_MAX_WORDS`] words, ending on a capitalised word.
    fn name_span(&self, t: usize, hi: usize) -> Option<(usize, usize)> {
        let mut end = t;
        let mut words = 0;
        let mut k = t;
        while k < hi && words < NAME_MAX_WORDS {
            if self.nameish(k) {
                words += 1;
                k += 1;
                end = k;
            } else if self.has(k, WordClass::PARTICLE) && k > t {
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
                g.hi - g.lo == 1
                    && g.start >= self.buf.toks[lo].start
                    && !self.gm_is_person_or_org(g)
            }
        })
    }

    /// No gazetteer match inside `lo..hi`.
    fn no_gm(&self, lo: usize, hi: usize) -> bool {
        (lo..hi).all(|t| self.buf.tok_gm[t] == NONE)
    }

    /// A person over the run `lo..hi`: after a title or role, by a given name, or by speech.
    fn person_rule(&self, lo: usize, hi: usize) -> Option<RuleEnt> {
        let person = |lo: usize, hi: usize| RuleEnt {
            lo,
            hi,
            kind: RuleKind::Person,
            country: None,
        };
        // A gazetteer person covering the run says it all.
        // 1. A title inside the run: the name is what follows the last title.
        if let Some(k) = (lo..hi).rev().find(|&k| self.has(k, WordClass::TITLE)) {
            if k + 1 < hi {
                let (a, b) = self.name_span(k + 1, hi)?;
                let weak = self.has(k, WordClass::WEAK_TITLE);
                if weak && !self.has(a, WordClass::GIVEN) && b - a < 2 {
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
        while a0 < hi && self.has(a0, WordClass::COMMON) {
            a0 += 1;
        }
        if a0 >= hi {
            return None;
        }
        let (a, b) = self.name_span(a0, hi)?;
        // 2. A role or title word right before: "policy chief Josep Borrell", "Secretary of
        //    State George Shultz".
        let before = |t: usize| -> bool {
            if t == 0 || !self.buf.toks[t].join {
                return false;
            }
            let w = self.word(t - 1);
            if self.buf.toks[t - 1].lowercase && self.has(t - 1, WordClass::LOWER_ROLE) {
                return true;
            }
            if w == "of" && t >= 2 && self.buf.toks[t - 1].join && self.has(t - 2, WordClass::TITLE)
            {
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
        if a == a0 && self.has(a, WordClass::GIVEN) && self.only_small_places(a, b) {
            // The name must end the run or be followed by a lower-case word; "Paris Club",
            // "Jordan Valley" end on a common word and fail name_span's length anyway.
            if b == hi {
                return Some(person(a, b));
            }
        }
        // 4. Speech: "John Smith said", "said John Smith".
        if b - a <= SPEECH_NAME_MAX_WORDS && self.no_gm(a, b) {
            let said_after = b < self.buf.toks.len()
                && self.buf.toks[b].join
                && self.buf.toks[b].lowercase
                && self.has(b, WordClass::SPEECH);
            let said_before =
                a > 0 && self.buf.toks[a].join && a == lo && self.has(a - 1, WordClass::SPEECH);
            if said_after && b == hi || said_before {
                return Some(person(a, b));
            }
        }
        None
    }
}

/// Whitespace collapsed to single spaces, a trailing possessive removed.
///
/// Most names are ASCII and already written with single spaces; such a name is checked in one
/// pass over its bytes and copied as it is, without splitting it into words.
pub(super) fn collapse(s: &str) -> String {
    let mut out = if single_spaced_ascii(s) {
        s.to_owned()
    } else {
        let mut out = String::with_capacity(s.len());
        for w in s.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
        out
    };
    for suffix in ["'s", "’s"] {
        if out.ends_with(suffix) {
            out.truncate(out.len() - suffix.len());
            break;
        }
    }
    out
}

/// Whether `s` is ASCII with no white space but single spaces between words: what
/// [`collapse`] would leave as it is, bar the possessive. White space is any byte from tab to
/// carriage return, or a space (Unicode's white space within ASCII).
fn single_spaced_ascii(s: &str) -> bool {
    // A space is allowed only after a byte that is no space; the string may not start or end
    // with one.
    let mut after_space = true;
    let ok = s.bytes().all(|b| {
        let ok = (b > b' ' && b < 0x80) || (b == b' ' && !after_space);
        after_space = b == b' ';
        ok
    });
    ok && !after_space
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `collapse` as first written: split at white space and joined again.
    fn collapse_plain(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for w in s.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
        for suffix in ["'s", "’s"] {
            if out.ends_with(suffix) {
                out.truncate(out.len() - suffix.len());
                break;
            }
        }
        out
    }

    #[test]
    fn collapse_gives_what_the_plain_form_gives() {
        let samples = [
            "",
            " ",
            "'s",
            "’s",
            "Reuters",
            "Reuters's",
            "Reuters’s",
            "Dean Witter Reynolds Inc",
            "Dean  Witter",
            " Dean Witter",
            "Dean Witter ",
            "Dean\nWitter",
            "Dean\tWitter\r\n",
            "Dean\u{b}Witter",
            "Dean\u{c}Witter",
            "Dean\u{1}Witter",
            "Dean\u{85}Witter",
            "Dean\u{a0}Witter",
            "Dean\u{2003}Witter's",
            "Société Générale",
            "Nestlé  SA's",
            "日本 株式会社",
            "A",
            "A B",
            "~ \u{7f} !",
        ];
        for s in samples {
            assert_eq!(collapse(s), collapse_plain(s), "{s:?}");
        }
    }
}
