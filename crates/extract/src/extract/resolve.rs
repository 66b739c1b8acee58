//! Resolution: one entity for each gazetteer match, chosen with the story's evidence (the
//! countries it names unambiguously), plus the entities the name rules found.

use rustc_hash::{FxHashMap, FxHashSet};

use super::names::collapse;
use super::scoring::{
    COMPANY_WEIGHT, LOCATION_WEIGHT, NATIONALITY_WEIGHT, ORG_WEIGHT, PERSON_WEIGHT, RULE_ORG_WEIGHT,
};
use super::tagging::{GAZETTEER_CONFIDENCE, RULE_CONFIDENCE};
use super::{Gm, Out, Pass, RuleKind, Target};
use crate::extraction::{MentionKind, MentionSource};
use crate::gazetteer::{Cand, Entity, Kind, OrgType, PlaceKind, Role};
use crate::lexicon::WordClass;

/// Countries named unambiguously in a story, with how many times.
type Evidence<'a> = FxHashMap<&'a str, u32>;

/// A surface as short as this, all upper case, is a short acronym ("FCA"): for a national
/// body it needs support from the story.
const SHORT_ACRONYM_MAX_BYTES: usize = 5;

/// The candidates of one match, by what they are.
struct Groups<'g> {
    /// People named in full.
    full_people: Vec<&'g Cand>,
    orgs: Vec<&'g Cand>,
    /// Places and countries by name.
    locs: Vec<&'g Cand>,
    dems: Vec<&'g Cand>,
    /// People by surname alone.
    shorts: Vec<&'g Cand>,
}

/// How many years before taking the office the gazetteer lists a person may be named by
/// surname alone: news names people before they hold office, not decades before.
const SURNAME_YEARS_BEFORE_OFFICE: i32 = 10;

/// The mention of match `g`.
fn gm_out(g: &Gm, kind: MentionKind, entity: u32, counts: Option<(String, f32)>) -> Out {
    Out {
        start: g.start,
        end: g.end,
        kind,
        target: Target::Gaz(entity),
        counts,
        part: g.part,
        single: g.hi - g.lo == 1,
        source: MentionSource::Gazetteer,
        confidence: GAZETTEER_CONFIDENCE,
        listed: true,
    }
}

impl<'a> Pass<'a> {
    /// Every match resolved and every rule entity, in no particular order.
    pub(super) fn resolve(&self) -> Vec<Out> {
        let (ev, place_ev) = self.evidence();
        let named = self.named_in_full();
        let (votes, ev_all) = self.vote_ambiguous_places(&ev, &place_ev);
        let mut outs: Vec<Out> = Vec::new();
        for (g, vote) in self.buf.gms.iter().zip(&votes) {
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
        self.rule_outs(&mut outs);
        outs
    }

    /// The story's evidence: countries named unambiguously, by count; and the countries with
    /// a place (not just the country name) named.
    fn evidence(&self) -> (Evidence<'a>, FxHashSet<&'a str>) {
        let gaz = self.gaz();
        let mut ev: Evidence<'a> = FxHashMap::default();
        let mut places: FxHashSet<&str> = FxHashSet::default();
        for g in self
            .buf
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

    /// People named in full, organisations named other than by an acronym.
    fn named_in_full(&self) -> FxHashSet<u32> {
        let gaz = self.gaz();
        let mut named: FxHashSet<u32> = FxHashSet::default();
        for g in self.buf.gms.iter().filter(|g| g.alive) {
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
        named
    }

    /// Ambiguous places first choose with the unambiguous evidence; their choices then help
    /// each other ("London" near "Ontario"), each without its own vote. Returns each match's
    /// vote and the evidence with every vote added.
    fn vote_ambiguous_places(
        &self,
        ev: &Evidence<'a>,
        place_ev: &FxHashSet<&str>,
    ) -> (Vec<Option<&'a str>>, Evidence<'a>) {
        let gaz = self.gaz();
        let mut votes: Vec<Option<&str>> = vec![None; self.buf.gms.len()];
        let mut ev_all = ev.clone();
        for (gi, g) in self.buf.gms.iter().enumerate() {
            if !g.alive || g.wordlike || g.dictword {
                continue;
            }
            let locs = self.loc_cands(g);
            if locs.len() < 2 || self.gm_is_person_or_org(g) {
                continue;
            }
            if let Some(c) = self.pick_location(g, &locs, ev, place_ev) {
                let e = &gaz.entities[c.entity as usize];
                if e.countries.len() == 1 {
                    let cc = e.countries[0].as_str();
                    votes[gi] = Some(cc);
                    *ev_all.entry(cc).or_default() += 1;
                }
            }
        }
        (votes, ev_all)
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

    /// The people and organisations the name rules found, as mentions.
    fn rule_outs(&self, outs: &mut Vec<Out>) {
        for r in &self.buf.rules {
            let start = self.buf.toks[r.lo].start;
            let end = self.buf.toks[r.hi - 1].end;
            let name = collapse(&self.text[start..end]);
            let (kind, counts, target) = match r.kind {
                RuleKind::Person => (MentionKind::Person, None, Target::Text(name)),
                RuleKind::Org => (
                    MentionKind::Organisation,
                    r.country.clone().map(|c| (c, RULE_ORG_WEIGHT)),
                    self.rule_organisation(name),
                ),
            };
            outs.push(Out {
                start,
                end,
                kind,
                target,
                counts,
                part: self.part_at(start),
                single: r.hi - r.lo == 1,
                source: MentionSource::Rule,
                confidence: RULE_CONFIDENCE,
                listed: true,
            });
        }
    }

    fn ent(&self, c: &Cand) -> &'a Entity {
        &self.gaz().entities[c.entity as usize]
    }

    /// One of the candidate's countries is in evidence.
    fn in_ev(&self, c: &Cand, ev: &Evidence<'_>) -> bool {
        self.ent(c)
            .countries
            .iter()
            .any(|cc| ev.contains_key(cc.as_str()))
    }

    /// The entity's country when it has exactly one.
    fn single_country(&self, entity: u32) -> Option<String> {
        let e = &self.gaz().entities[entity as usize];
        (e.countries.len() == 1).then(|| e.countries[0].clone())
    }

    /// The candidates of `g` by what they are.
    fn groups<'g>(&self, g: &'g Gm) -> Groups<'g> {
        let is = |c: &Cand, kind: Kind| self.ent(c).kind == kind;
        let of = |keep: &dyn Fn(&Cand) -> bool| -> Vec<&'g Cand> {
            g.cands.iter().filter(|c| keep(c)).collect()
        };
        Groups {
            full_people: of(&|c| is(c, Kind::Person) && c.role == Role::Name),
            orgs: of(&|c| is(c, Kind::Organisation)),
            locs: of(&|c| {
                matches!(self.ent(c).kind, Kind::Country | Kind::Place) && c.role == Role::Name
            }),
            dems: of(&|c| c.role == Role::Demonym),
            shorts: of(&|c| is(c, Kind::Person) && c.role == Role::Short),
        }
    }

    /// The entity a match names, in this order: a person named in full, a person by surname
    /// (with support), an organisation (unless a country, territory or capital shares the
    /// name), a place, a demonym.
    fn resolve_gm(
        &self,
        g: &Gm,
        ev: &Evidence<'_>,
        place_ev: &FxHashSet<&str>,
        named: &FxHashSet<u32>,
    ) -> Option<Out> {
        let groups = self.groups(g);
        let person = |c: &Cand| {
            let counts = self.single_country(c.entity).map(|cc| (cc, PERSON_WEIGHT));
            Some(gm_out(g, MentionKind::Person, c.entity, counts))
        };
        if let Some(c) = groups
            .full_people
            .iter()
            .max_by_key(|c| (self.in_ev(c, ev), self.ent(c).since))
        {
            return person(c);
        }
        if !groups.shorts.is_empty() {
            let strong_only =
                !groups.locs.is_empty() || !groups.orgs.is_empty() || !groups.dems.is_empty();
            if let Some(c) = self.pick_surname(g, &groups.shorts, strong_only, ev, named) {
                return person(c);
            }
        }
        if !groups.orgs.is_empty() {
            let loc_strong = groups.locs.iter().any(|c| {
                matches!(
                    self.ent(c).place_kind,
                    PlaceKind::Country | PlaceKind::Territory | PlaceKind::Capital
                )
            });
            if !loc_strong {
                return self.resolve_org(g, &groups.orgs, ev, named);
            }
        }
        if !groups.locs.is_empty() {
            return self.resolve_location(g, &groups.locs, ev, place_ev);
        }
        let c = groups
            .dems
            .iter()
            .max_by_key(|c| (self.ent(c).kind == Kind::Country, self.in_ev(c, ev)))
            .copied()?;
        let counts = self
            .single_country(c.entity)
            .map(|cc| (cc, NATIONALITY_WEIGHT));
        Some(gm_out(g, MentionKind::Nationality, c.entity, counts))
    }

    /// A surname alone: not in a story dated more than [`SURNAME_YEARS_BEFORE_OFFICE`] years
    /// before the person took the office the gazetteer lists; supported by a title before,
    /// the full name in the story, or the person's country in evidence (and not inside a
    /// longer unknown name). With
    /// `strong_only` (the surface also names a place, organisation or nationality) the
    /// country in evidence is not enough. A common surname (an English word, or the surname
    /// of several people the gazetteer holds: "Brown") needs the full name or an office
    /// before it: neither a plain title ("analyst", "Mr") nor the country in evidence will do.
    fn pick_surname<'g>(
        &self,
        g: &Gm,
        shorts: &[&'g Cand],
        strong_only: bool,
        ev: &Evidence<'_>,
        named: &FxHashSet<u32>,
    ) -> Option<&'g Cand> {
        let title_before = g.lo > 0
            && g.lo < self.buf.toks.len()
            && self.buf.toks[g.lo].join
            && self.has(g.lo - 1, WordClass::TITLE);
        // A common surname (an English word, "Brown", or one several people in the
        // gazetteer share) needs an office before it: "analyst Brown", "Mr Brown" are no
        // ground to read a famous Brown, nor is their country in evidence.
        let common = g.dictword || self.people_sharing(shorts) > 1;
        let title_before = title_before && !(common && self.has(g.lo - 1, WordClass::PLAIN_TITLE));
        let inside_name = (g.lo > 0
            && g.lo < self.buf.toks.len()
            && self.buf.toks[g.lo].join
            && self.buf.toks[g.lo - 1].cap
            && !self.buf.toks[g.lo].caps
            && !self.has(g.lo - 1, WordClass::TITLE | WordClass::COMMON))
            || (g.hi < self.buf.toks.len()
                && self.buf.toks[g.hi].join
                && self.buf.toks[g.hi].cap
                && !self.buf.toks[g.hi].caps
                && self.nameish(g.hi));
        let mut best: Option<(&Cand, (u8, i32))> = None;
        for c in shorts {
            // A surname alone is not a person who came to office long after the story:
            // "Harris" in 1987 is not Kamala Harris.
            let since = self.ent(c).since;
            if self
                .year
                .is_some_and(|y| since > 0 && y < since - SURNAME_YEARS_BEFORE_OFFICE)
                && !named.contains(&c.entity)
            {
                continue;
            }
            let score = if named.contains(&c.entity) {
                3
            } else if inside_name {
                0
            } else if title_before && self.in_ev(c, ev) {
                2
            } else if title_before || (!strong_only && !common && self.in_ev(c, ev)) {
                1
            } else {
                0
            };
            if score == 0 {
                continue;
            }
            let key = (score, self.ent(c).since);
            if best.is_none_or(|(_, k)| key > k) {
                best = Some((c, key));
            }
        }
        best.map(|(c, _)| c)
    }

    /// How many people the surname candidates `shorts` name: entries of one person written
    /// twice ("Paul Volcker", "Paul A. Volcker": same first name and country) count once.
    fn people_sharing(&self, shorts: &[&Cand]) -> usize {
        let key = |c: &Cand| {
            let e = self.ent(c);
            (e.name.split(' ').next(), e.countries.first())
        };
        shorts
            .iter()
            .enumerate()
            .filter(|&(i, c)| !shorts[..i].iter().any(|d| key(d) == key(c)))
            .count()
    }

    /// The organisation a match names, or nothing when an English word or a short acronym of
    /// a national body has no support in the story.
    fn resolve_org(
        &self,
        g: &Gm,
        orgs: &[&Cand],
        ev: &Evidence<'_>,
        named: &FxHashSet<u32>,
    ) -> Option<Out> {
        let c = orgs
            .iter()
            .max_by_key(|c| (self.in_ev(c, ev), std::cmp::Reverse(c.entity)))
            .copied()?;
        let e = self.ent(c);
        let national = e.org_type != OrgType::International && !e.countries.is_empty();
        // An English word ("Democrats", "Fed") or a short acronym ("FCA") of a national body
        // needs its country in evidence or its full name in the story.
        let surface = &self.text[g.start..g.end];
        let acronym =
            surface.len() <= SHORT_ACRONYM_MAX_BYTES && !surface.chars().any(char::is_lowercase);
        if national
            && !e.trusted
            && (g.dictword || acronym)
            && !self.in_ev(c, ev)
            && !named.contains(&c.entity)
        {
            return None;
        }
        if !national && g.dictword {
            let t = self.buf.toks.get(g.lo)?;
            if g.caps || t.sent || !t.cap {
                return None;
            }
        }
        let counts = self.organisation_counts(c.entity);
        Some(gm_out(g, MentionKind::Organisation, c.entity, counts))
    }

    /// The country a mention of organisation `entity` gives, with its weight: its one home
    /// country, none for an international body.
    pub(super) fn organisation_counts(&self, entity: u32) -> Option<(String, f32)> {
        let e = &self.gaz().entities[entity as usize];
        let w = if e.org_type == OrgType::Company {
            COMPANY_WEIGHT
        } else {
            ORG_WEIGHT
        };
        (e.org_type != OrgType::International)
            .then(|| self.single_country(entity))
            .flatten()
            .map(|cc| (cc, w))
    }

    /// The place a match names, or nothing when a word-like or English-word place lacks
    /// context or a minor place is part of a longer unknown name.
    fn resolve_location(
        &self,
        g: &Gm,
        locs: &[&Cand],
        ev: &Evidence<'_>,
        place_ev: &FxHashSet<&str>,
    ) -> Option<Out> {
        let c = self.pick_location(g, locs, ev, place_ev)?;
        if g.wordlike && !self.wordlike_ok(g, c, ev) {
            return None;
        }
        if g.dictword && !g.wordlike && !self.dictword_ok(g, c, ev) {
            return None;
        }
        let e = self.ent(c);
        if e.kind == Kind::Place
            && e.place_kind != PlaceKind::Capital
            && !e.countries.iter().any(|cc| ev.contains_key(cc.as_str()))
            && self.in_longer_name(g)
        {
            return None;
        }
        let counts = self
            .single_country(c.entity)
            .map(|cc| (cc, LOCATION_WEIGHT));
        Some(gm_out(g, MentionKind::Location, c.entity, counts))
    }
}
