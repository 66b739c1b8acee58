//! Place ambiguity rules: which of several places sharing a name is meant (Georgia, London),
//! and when a place named by an English word counts (Nice, Reading, Sale).

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Gm, Part, Pass, NONE};
use crate::gazetteer::{Cand, Kind, PlaceKind};
use crate::lexicon::{lower, WordClass, PLACE_PREPOSITIONS};

/// Countries whose evidence makes "Georgia" the Caucasus country rather than the US state:
/// Georgia itself and its neighbours and partners.
const CAUCASUS_CONTEXT: &[&str] = &["GE", "RU", "AM", "AZ", "UA", "TR", "IR", "BY", "KZ"];

impl Pass<'_> {
    /// The word before token `t`, lower case.
    fn prev_word_lower(&self, t: usize) -> Option<String> {
        (t > 0).then(|| lower(self.word(t - 1)))
    }

    /// Chooses among places sharing a name.
    pub(super) fn pick_location<'c>(
        &self,
        g: &Gm,
        locs: &[&'c Cand],
        ev: &FxHashMap<&str, u32>,
        place_ev: &FxHashSet<&str>,
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
            let caucasus = CAUCASUS_CONTEXT.iter().any(|c| ev.contains_key(c));
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
        let mut lo = g.lo.min(self.buf.toks.len().saturating_sub(1));
        while lo > 0 && !self.buf.toks[lo].sent {
            lo -= 1;
        }
        let mut hi = g.hi;
        while hi < self.buf.toks.len() && !self.buf.toks[hi].sent {
            hi += 1;
        }
        (lo..hi).any(|t| {
            let gi = self.buf.tok_gm[t];
            if gi == NONE || (t >= g.lo && t < g.hi) {
                return false;
            }
            let other = &self.buf.gms[gi as usize];
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
    pub(super) fn wordlike_ok(&self, g: &Gm, c: &Cand, ev: &FxHashMap<&str, u32>) -> bool {
        if g.lo >= self.buf.toks.len() {
            return false;
        }
        let t = self.buf.toks[g.lo];
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
    pub(super) fn dictword_ok(&self, g: &Gm, c: &Cand, ev: &FxHashMap<&str, u32>) -> bool {
        if g.part == Part::Dateline {
            return true;
        }
        let e = &self.gaz().entities[c.entity as usize];
        if e.countries.iter().any(|cc| ev.contains_key(cc.as_str())) {
            return true;
        }
        let Some(t) = self.buf.toks.get(g.lo) else {
            return false;
        };
        !g.caps && t.cap && !t.upper && !t.sent && !self.in_longer_name(g)
    }

    /// A one-word match joined to a capitalised word before or after it, on a mixed-case
    /// line: part of a longer name the gazetteer lacks ("Marine Midland", "San Quirico",
    /// "Cleveland Hub").
    pub(super) fn in_longer_name(&self, g: &Gm) -> bool {
        if g.caps || g.hi != g.lo + 1 {
            return false;
        }
        let prev = g.lo > 0
            && self.buf.toks[g.lo].join
            && self.buf.toks[g.lo - 1].cap
            && !self.buf.toks[g.lo - 1].sent
            && !self.has(g.lo - 1, WordClass::COMMON | WordClass::TITLE);
        let next = g.hi < self.buf.toks.len()
            && self.buf.toks[g.hi].join
            && self.buf.toks[g.hi].cap
            && !self.buf.toks[g.hi].upper
            && !self.has(g.hi, WordClass::NOT_IN_NAMES);
        prev || next
    }
}
