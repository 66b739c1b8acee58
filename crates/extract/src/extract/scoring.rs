//! Scoring: mentions that name a country without being about it discounted, then every
//! mention gathered into per-country evidence ([`AboutFeatures`]), salience and the story's
//! lists, and each country judged by the "about" model (see the crate docs).

use rustc_hash::FxHashMap;

use super::{Out, Part, Pass, Target};
use crate::about::{AboutFeatures, AboutModel};
use crate::extraction::{CountryScore, Extraction, Mention, MentionKind};
use crate::gazetteer::{Kind, OrgType};
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
/// Probability a country needs to be one the story is about (feeds `Article::countries`);
/// the default of [`crate::ExtractorBuilder::about_threshold`].
pub(crate) const ABOUT_MIN: f32 = 0.5;

impl Pass<'_> {
    /// Mentions that name a country without being about it count less: a currency ("U.S.
    /// dlrs", "Swiss franc") not at all; an item of a list of three or more places ("Egypt,
    /// Zambia, Djibouti and Zaire") and a place in an all-caps table row of the body half.
    ///
    /// Returns what it saw of each mention, for the "about" model.
    pub(super) fn discount(&self, outs: &mut [Out]) -> Vec<Seen> {
        let text = self.text;
        let mut seen = vec![Seen::default(); outs.len()];
        let is_place = |o: &Out| {
            matches!(o.kind, MentionKind::Location | MentionKind::Nationality) && o.counts.is_some()
        };
        for (o, seen) in outs.iter_mut().zip(&mut seen) {
            if !is_place(o) {
                continue;
            }
            let next = text[o.end..]
                .trim_start()
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            if CURRENCIES.contains(&lower(next).as_str()) {
                seen.currency = o.counts.take().map(|(c, _)| c);
                continue;
            }
            if matches!(o.part, Part::Body | Part::Lead) && self.caps_at(o.start) {
                if let Some((_, w)) = o.counts.as_mut() {
                    *w *= LIST_FACTOR;
                    seen.listed = true;
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
                    seen[i].of_company = true;
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
                        seen[k].listed = true;
                    }
                }
            }
            i = j + 1;
        }
        seen
    }

    /// The extraction: the lists of places, people and organisations, the per-country
    /// scores and "about" decisions and, when `mentions` is set, the mentions. `seen` is what
    /// [`Pass::discount`] saw of each mention.
    pub(super) fn output(&self, outs: Vec<Out>, seen: &[Seen], mentions: bool) -> Extraction {
        let gaz = self.gaz();
        let mut x = Extraction::default();
        let mut scores: FxHashMap<&str, Evidence> = FxHashMap::default();
        let mut once: FxHashMap<(&str, &str), f32> = FxHashMap::default();
        let push = |v: &mut Vec<String>, s: &str| {
            if !v.iter().any(|x| x == s) {
                v.push(s.to_string());
            }
        };
        // State bodies named by common words ("Finance Ministry"): the country each names,
        // when the words before say it; otherwise the story's, if it is about one (below).
        let bodies: Vec<Option<Option<(&str, String)>>> = (0..outs.len())
            .map(|k| {
                let Target::Text(name) = &outs[k].target else {
                    return None;
                };
                self.common_state_body(&outs[k]).then(|| {
                    self.country_before(&outs, k)
                        .map(|cc| (cc, self.with_country(name, cc)))
                })
            })
            .collect();
        let mut bodies_of_the_story: Vec<(String, Option<usize>)> = Vec::new();
        for (k, (o, seen)) in outs.iter().zip(seen).enumerate() {
            let (entity, country): (&str, Option<&str>) = match &o.target {
                Target::Gaz(id) => {
                    let e = &gaz.entities[*id as usize];
                    let cc = (e.countries.len() == 1).then(|| e.countries[0].as_str());
                    (&e.name, cc)
                }
                Target::Text(name) => match &bodies[k] {
                    Some(Some((cc, qualified))) => (qualified.as_str(), Some(*cc)),
                    Some(None) => {
                        let mention = mentions.then_some(x.mentions.len());
                        bodies_of_the_story.push((name.clone(), mention));
                        (name.as_str(), None)
                    }
                    None => (name, o.counts.as_ref().map(|(c, _)| c.as_str())),
                },
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
            let headline = matches!(o.part, Part::Title | Part::Standfirst);
            if let Some(cc) = &seen.currency {
                let s = scores
                    .entry(cc.as_str())
                    .or_insert_with(|| Evidence::at(o.start));
                s.f.currencies += 1;
                s.f.currency_headline |= headline;
            }
            if let Some((cc, w)) = &o.counts {
                let v = w * part_weight(o.part);
                let s = scores
                    .entry(cc.as_str())
                    .or_insert_with(|| Evidence::at(o.start));

                s.n += 1;
                s.f.headline |= headline;
                s.f.dateline |= o.part == Part::Dateline;
                s.f.lead |= o.part == Part::Lead;
                match o.kind {
                    MentionKind::Location => {
                        s.f.places += 1;
                        s.f.named += u32::from(matches!(o.target, Target::Gaz(id)
                            if gaz.entities[id as usize].kind == Kind::Country));
                        s.f.listed += u32::from(seen.listed);
                        s.f.of_company += u32::from(seen.of_company);
                    }
                    MentionKind::Nationality => s.f.demonyms += 1,
                    MentionKind::Person | MentionKind::Organisation => {}
                }
                if matches!(o.kind, MentionKind::Person | MentionKind::Organisation) {
                    // A person or organisation counts once, at its weightiest mention.
                    let best = once.entry((entity, cc.as_str())).or_insert(-1.0);
                    if *best < 0.0 {
                        let company = matches!(o.target, Target::Gaz(id)
                            if gaz.entities[id as usize].org_type == OrgType::Company);
                        match o.kind {
                            MentionKind::Person => s.f.people += 1,
                            _ if company => s.f.companies += 1,
                            _ => s.f.organisations += 1,
                        }
                        *best = 0.0;
                    }
                    if v > *best {
                        s.score += v - *best;
                        *best = v;
                    }
                } else {
                    s.score += v;
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
        let total: f32 = scores.values().map(|s| s.score).sum();
        let counted: u32 = scores.values().map(|s| s.n).sum();
        let mut countries: Vec<(&str, Evidence)> = scores.into_iter().collect();
        countries.sort_by(|a, b| {
            b.1.score
                .partial_cmp(&a.1.score)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.1.first.cmp(&b.1.first))
        });
        let n_countries = countries.len() as u32;
        let model = AboutModel::embedded();
        x.countries = countries
            .into_iter()
            .enumerate()
            .map(|(rank, (code, mut e))| {
                e.f.first = u32::try_from(e.first).unwrap_or(u32::MAX);
                e.f.share = e.n as f32 / counted.max(1) as f32;
                e.f.top = rank == 0 && e.score > 0.0;
                e.f.countries = n_countries;
                let probability = model.probability(&e.f);
                CountryScore {
                    code: code.to_string(),
                    mentions: e.n,
                    salience: if total > 0.0 { e.score / total } else { 0.0 },
                    about: probability >= self.x.about_min,
                    probability,
                    features: e.f,
                }
            })
            .collect();
        x.primary_country = x.countries.iter().find(|c| c.about).map(|c| c.code.clone());
        let mut about = x.countries.iter().filter(|c| c.about);
        let one_country = match (about.next(), about.next()) {
            (Some(c), None) => Some(c.code.clone()),
            _ => None,
        };
        if let Some(cc) = &one_country {
            for (name, mention) in bodies_of_the_story {
                let qualified = self.with_country(&name, cc);
                if let Some(m) = mention.and_then(|m| x.mentions.get_mut(m)) {
                    m.entity.clone_from(&qualified);
                    m.country = Some(cc.clone());
                }
                if let Some(i) = x.organisations.iter().position(|o| *o == name) {
                    if x.organisations.contains(&qualified) {
                        x.organisations.remove(i);
                    } else {
                        x.organisations[i] = qualified;
                    }
                }
            }
        }
        x.actors = x.people.iter().chain(&x.organisations).cloned().collect();
        x
    }
}

/// What [`Pass::discount`] saw of one mention.
#[derive(Debug, Clone, Default)]
pub(super) struct Seen {
    /// A currency: the country it no longer counts for.
    currency: Option<String>,
    /// In a list of places or an all-caps table row.
    listed: bool,
    /// Naming a company's country.
    of_company: bool,
}

/// One country's evidence while a story is scored.
struct Evidence {
    /// Weighted score (for the salience).
    score: f32,
    /// Counted mentions.
    n: u32,
    /// Byte offset of the first mention.
    first: usize,
    f: AboutFeatures,
}

impl Evidence {
    fn at(first: usize) -> Evidence {
        Evidence {
            score: 0.0,
            n: 0,
            first,
            f: AboutFeatures::default(),
        }
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
