//! Scoring: mentions that name a country without being about it discounted, then every
//! mention summed into per-country scores and the story's lists (see the crate docs for the
//! weights and why).

use rustc_hash::FxHashMap;

use super::{Out, Part, Pass, Target};
use crate::extraction::{CountryScore, Extraction, Mention, MentionKind};
use crate::gazetteer::Kind;
use crate::lexicon::{lower, CURRENCIES};

/// Weight of a mention in the title.
const TITLE_WEIGHT: f32 = 3.0;
/// Weight of a mention in the standfirst.
const STANDFIRST_WEIGHT: f32 = 2.0;
/// Weight of a mention in the dateline.
const DATELINE_WEIGHT: f32 = 3.0;
/// Weight of a mention in the lead paragraph.
const LEAD_WEIGHT: f32 = 1.5;
/// Weight of a mention in the rest of the body.
const BODY_WEIGHT: f32 = 1.0;

/// Weight of a mention by where it is; the title, standfirst and dateline say what a story is
/// about, the lead paragraph more than the rest of the body.
fn part_weight(part: Part) -> f32 {
    match part {
        Part::Title => TITLE_WEIGHT,
        Part::Standfirst => STANDFIRST_WEIGHT,
        Part::Dateline => DATELINE_WEIGHT,
        Part::Lead => LEAD_WEIGHT,
        Part::Body => BODY_WEIGHT,
    }
}

/// How much one mention of a place or country counts towards its country (before the part
/// weight).
pub(super) const LOCATION_WEIGHT: f32 = 1.0;
/// How much one demonym ("Malian") counts towards its country.
pub(super) const NATIONALITY_WEIGHT: f32 = 0.7;
/// A named person counts weakly for their country (a foreign minister abroad is not news
/// about home); measured with the Reuters evaluation.
pub(super) const PERSON_WEIGHT: f32 = 0.5;
/// An organisation with a home country (a central bank, a party, an armed group) counts
/// weakly; international bodies (UN, EU, OPEC) never count.
pub(super) const ORG_WEIGHT: f32 = 0.5;
/// An organisation found by the rules around a place ("National Bank of Kuwait") counts as
/// the place would.
pub(super) const RULE_ORG_WEIGHT: f32 = 0.5;
/// A company counts less than other organisations (a BP story is seldom about Britain).
pub(super) const COMPANY_WEIGHT: f32 = 0.3;
/// Factor for the country of a company, as in "Telefunken AG of West Germany".
const OF_ORG_FACTOR: f32 = 0.5;
/// Factor for a place named in a list of [`LIST_MIN_ITEMS`] or more, or in an all-caps table
/// row.
const LIST_FACTOR: f32 = 0.5;
/// Places in a row make a list from this many.
const LIST_MIN_ITEMS: usize = 3;
/// The text between two list items is at most this long (", and the ").
const LIST_GAP_MAX_BYTES: usize = 12;
/// Weighted score a country needs to be one the story is about (feeds `Article::countries`);
/// the default of [`crate::ExtractorBuilder::about_threshold`].
pub(crate) const ABOUT_MIN: f32 = 1.0;

impl Pass<'_> {
    /// Mentions that name a country without being about it count less: a currency ("U.S.
    /// dlrs", "Swiss franc") not at all; an item of a list of three or more places ("Egypt,
    /// Zambia, Djibouti and Zaire") and a place in an all-caps table row of the body half.
    pub(super) fn discount(&self, outs: &mut [Out]) {
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
            if j - i + 1 >= LIST_MIN_ITEMS {
                for &k in &places[i..=j] {
                    if let Some((_, w)) = outs[k].counts.as_mut() {
                        *w *= LIST_FACTOR;
                    }
                }
            }
            i = j + 1;
        }
    }

    /// The extraction: the lists of places, people and organisations, the per-country
    /// scores and, when `mentions` is set, the mentions.
    pub(super) fn output(&self, outs: Vec<Out>, mentions: bool) -> Extraction {
        let gaz = self.gaz();
        let mut x = Extraction::default();
        let mut scores: FxHashMap<&str, (f32, u32, usize)> = FxHashMap::default();
        let mut once: FxHashMap<(&str, &str), f32> = FxHashMap::default();
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
                MentionKind::Person if o.listed => push(&mut x.people, entity),
                MentionKind::Organisation if o.listed => push(&mut x.organisations, entity),
                MentionKind::Person | MentionKind::Organisation => {}
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
                    source: o.source,
                    confidence: o.confidence,
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
    if gap.len() > LIST_GAP_MAX_BYTES {
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
