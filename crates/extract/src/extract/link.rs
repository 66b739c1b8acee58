//! Surname linking: a later single word equal to the surname of a person named in full
//! ("Lavrov" after "Sergey Lavrov") is that person.

use rustc_hash::FxHashMap;

use super::scoring::PERSON_WEIGHT;
use super::tagging::RULE_CONFIDENCE;
use super::{Out, Pass, Target, NONE};
use crate::extraction::{MentionKind, MentionSource};
use crate::lexicon::{lower, WordClass};

impl Pass<'_> {
    /// Surname linking: a single word equal to the surname of a person named in full is that
    /// person.
    pub(super) fn link(&self, outs: &mut Vec<Out>) {
        let gaz = self.gaz();
        let mut surnames: FxHashMap<String, Target> = FxHashMap::default();
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
        for (t, tok) in self.buf.toks.iter().enumerate() {
            if !tok.cap || self.buf.tok_gm[t] != NONE || self.buf.tok_rule[t] != NONE {
                continue;
            }
            let joined_cap = |k: usize| {
                k < self.buf.toks.len()
                    && self.buf.toks[k].join
                    && self.buf.toks[k].cap
                    && !self.buf.toks[k].caps
            };
            if !tok.caps
                && ((t > 0
                    && tok.join
                    && self.buf.toks[t - 1].cap
                    && !self.has(t - 1, WordClass::TITLE))
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
                    source: MentionSource::Rule,
                    confidence: RULE_CONFIDENCE,
                    listed: true,
                });
            }
        }
    }
}
