//! The embedded tables (`data/*.tsv`): generated and noisy, so read leniently, a malformed
//! row or a junk alias skipped and counted in [`super::GazetteerStats`].

use super::builder::{Builder, Source};
use super::forms::{ascii_fold, collapse_spaces};
use super::model::{lang_bit, Entity, Kind, OrgType, PlaceKind, Role};
use crate::lexicon::lower;

const COUNTRIES: &str = include_str!("../../data/countries.tsv");
const PLACES: &str = include_str!("../../data/places.tsv");
const PEOPLE: &str = include_str!("../../data/people.tsv");
const ORGANISATIONS: &str = include_str!("../../data/organisations.tsv");
/// Country names, adjectives and city exonyms in other languages (CLDR, `scripts/gazetteer/i18n.py`).
const NAMES_I18N: &str = include_str!("../../data/names-i18n.tsv");
/// The curated overrides, in the user gazetteer format.
pub(super) const OVERRIDES: &str = include_str!("../../data/extract-overrides.tsv");

/// Every embedded table with its file name, for tests.
#[cfg(test)]
pub(super) const EMBEDDED: [(&str, &str); 5] = [
    ("countries.tsv", COUNTRIES),
    ("places.tsv", PLACES),
    ("people.tsv", PEOPLE),
    ("organisations.tsv", ORGANISATIONS),
    ("extract-overrides.tsv", OVERRIDES),
];

/// Fields of a row of `countries.tsv`: code, alpha-3 code, name, official name, aliases,
/// demonyms, capital, kind.
const COUNTRY_FIELDS: usize = 8;

/// Rows of a TSV text: (1-based line number, fields trimmed), skipping blank and `#` lines.
///
/// Read with the `csv` crate, tab-separated and without quoting (a `"` is text); a line ends
/// at `\n`, `\r\n` or a lone `\r`. The fields borrow from `text`.
pub(super) fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .has_headers(false)
        .quoting(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = csv::ByteRecord::new();
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    // Reading from a byte slice without quoting cannot fail.
    while reader.read_byte_record(&mut record).unwrap_or(false) {
        let pos = record.position().expect("a read record has a position");
        let (mut line, mut at) = (pos.line() as usize, pos.byte() as usize);
        // The position may point at the blank lines csv skipped before the record.
        while matches!(bytes.get(at), Some(b'\n' | b'\r')) {
            line += usize::from(bytes[at] == b'\n');
            at += 1;
        }
        if bytes.get(at) == Some(&b'#') {
            continue;
        }
        let mut fields = Vec::with_capacity(record.len());
        for f in record.iter() {
            fields.push(text[at..at + f.len()].trim());
            at += f.len() + 1;
        }
        if fields.iter().all(|f| f.is_empty()) {
            continue;
        }
        out.push((line, fields));
    }
    out.into_iter()
}

/// The items of a `|`-separated field, trimmed, empty ones dropped.
pub(super) fn list(field: &str) -> impl Iterator<Item = &str> {
    field.split('|').map(str::trim).filter(|s| !s.is_empty())
}

impl Builder<'_> {
    /// Reads the four embedded tables, countries first (the others refer to their codes).
    pub(super) fn embedded_tables(&mut self) {
        self.countries(COUNTRIES);
        self.places(PLACES);
        self.people(PEOPLE);
        self.organisations(ORGANISATIONS);
        self.names_i18n(NAMES_I18N);
    }

    /// `names-i18n.tsv`: lang, code, target (`country` or a place's English name), role
    /// (`name` or `demonym`), form. Each form names its country or place only in stories of
    /// its language; every form also resolves a country filter ("Deutschland").
    fn names_i18n(&mut self, text: &str) {
        const FILE: &str = "data/names-i18n.tsv";
        for (line, r) in rows(text) {
            let bit = r.first().map_or(0, |l| lang_bit(l));
            if r.len() < 5 || bit == 0 {
                self.skip_row(FILE, line, "expected lang, code, target, role, form");
                continue;
            }
            let code = r[1].to_ascii_uppercase();
            let role = if r[3] == "demonym" {
                Role::Demonym
            } else {
                Role::Name
            };
            let target = if r[2] == "country" {
                self.g.country_by_code.get(&code).copied()
            } else {
                self.g
                    .by_name
                    .get(&(Kind::Place, lower(r[2])))
                    .and_then(|ids| {
                        ids.iter()
                            .copied()
                            .find(|&i| self.g.entities[i as usize].countries.contains(&code))
                    })
            };
            let Some(id) = target else {
                self.skip_row(FILE, line, &format!("no {:?} in {code}", r[2]));
                continue;
            };
            if r[2] == "country" {
                let key = lower(&ascii_fold(&collapse_spaces(r[4])));
                self.g.country_lookup.entry(key).or_insert(code);
            }
            self.alias_in(id, r[4], role, bit);
        }
    }

    /// `countries.tsv`: countries and territories, their names, aliases and demonyms.
    fn countries(&mut self, text: &str) {
        const FILE: &str = "data/countries.tsv";
        // Codes first, so that rows may refer to each other.
        let all: Vec<(usize, Vec<&str>)> = rows(text).collect();
        for (line, r) in &all {
            if r.len() < COUNTRY_FIELDS || r[0].len() != 2 || r[2].is_empty() {
                self.skip_row(
                    FILE,
                    *line,
                    "expected 8 fields with a 2-letter code and a name",
                );
                continue;
            }
            let Some(pk) = PlaceKind::parse(r[7])
                .filter(|k| matches!(k, PlaceKind::Country | PlaceKind::Territory))
            else {
                self.skip_row(FILE, *line, "kind must be country or territory");
                continue;
            };
            let code = r[0].to_ascii_uppercase();
            let id = self.entity(Entity {
                name: r[2].to_string(),
                kind: Kind::Country,
                place_kind: pk,
                org_type: OrgType::Other,
                countries: vec![code.clone()],
                population: 0,
                since: 0,
                surname: None,
                trusted: false,
            });
            self.g.country_by_code.insert(code.clone(), id);
        }
        for (_, r) in &all {
            if r.len() < COUNTRY_FIELDS || r[0].len() != 2 {
                continue;
            }
            let code = r[0].to_ascii_uppercase();
            let Some(&id) = self.g.country_by_code.get(&code) else {
                continue;
            };
            let lookup = &mut self.g.country_lookup;
            for key in [code.to_ascii_lowercase(), r[1].to_ascii_lowercase()] {
                if !key.is_empty() {
                    lookup.entry(key).or_insert_with(|| code.clone());
                }
            }
            let names: Vec<&str> = [r[2], r[3]]
                .into_iter()
                .chain(list(r[4]))
                .filter(|s| !s.is_empty())
                .collect();
            for n in &names {
                let key = lower(&ascii_fold(&collapse_spaces(n)));
                let key = key.strip_prefix("the ").unwrap_or(&key).to_string();
                self.g
                    .country_lookup
                    .entry(key)
                    .or_insert_with(|| code.clone());
            }
            for d in list(r[5]) {
                let key = lower(&ascii_fold(d));
                self.g
                    .country_lookup
                    .entry(key)
                    .or_insert_with(|| code.clone());
            }
            for n in names {
                self.alias(FILE, id, n, Role::Name, Source::Generated);
            }
            for d in list(r[5]) {
                self.alias(FILE, id, d, Role::Demonym, Source::Generated);
            }
        }
        self.g.stats.countries = self.g.country_by_code.len();
    }

    /// `places.tsv`: name, kind, countries, population, aliases, demonyms.
    fn places(&mut self, text: &str) {
        const FILE: &str = "data/places.tsv";
        for (line, r) in rows(text) {
            if r.len() < 3 || r[0].is_empty() {
                self.skip_row(FILE, line, "expected at least name, kind, countries");
                continue;
            }
            let Some(pk) = PlaceKind::parse(r[1]) else {
                self.skip_row(FILE, line, &format!("unknown place kind {:?}", r[1]));
                continue;
            };
            // A region without countries ("Latin America") is kept: it names nothing to count,
            // but stops its shorter parts ("America") from matching.
            let countries = self.codes(FILE, line, r[2]);
            if countries.is_empty() && !r[2].is_empty() {
                self.skip_row(FILE, line, "no known country");
                continue;
            }
            let population = r.get(3).and_then(|p| p.parse().ok()).unwrap_or(0);
            let id = self.entity(Entity {
                name: r[0].to_string(),
                kind: Kind::Place,
                place_kind: pk,
                org_type: OrgType::Other,
                countries,
                population,
                since: 0,
                surname: None,
                trusted: false,
            });
            self.g.stats.places += 1;
            self.alias(FILE, id, r[0], Role::Name, Source::Generated);
            for a in list(r.get(4).copied().unwrap_or("")) {
                self.alias(FILE, id, a, Role::Name, Source::Generated);
            }
            for d in list(r.get(5).copied().unwrap_or("")) {
                self.alias(FILE, id, d, Role::Demonym, Source::Generated);
            }
        }
    }

    /// `people.tsv`: name, countries, role, aliases, surname, first and last year in office.
    fn people(&mut self, text: &str) {
        const FILE: &str = "data/people.tsv";
        for (line, r) in rows(text) {
            if r.len() < 2 || r[0].is_empty() {
                self.skip_row(FILE, line, "expected at least name and country");
                continue;
            }
            let countries = self.codes(FILE, line, r[1]);
            let surname = r
                .get(4)
                .filter(|s| !s.is_empty())
                .map(|s| s.to_string())
                .or_else(|| r[0].rsplit(' ').next().map(str::to_string));
            let since = r.get(5).and_then(|s| s.parse().ok()).unwrap_or(0);
            let id = self.entity(Entity {
                name: r[0].to_string(),
                kind: Kind::Person,
                place_kind: PlaceKind::Place,
                org_type: OrgType::Other,
                countries,
                population: 0,
                since,
                surname: surname.as_deref().map(lower),
                trusted: false,
            });
            self.g.stats.people += 1;
            self.person_aliases(
                FILE,
                id,
                r[0],
                r.get(3).copied().unwrap_or(""),
                surname.as_deref(),
                Source::Generated,
            );
        }
    }

    /// `organisations.tsv`: name, home country, type, aliases.
    fn organisations(&mut self, text: &str) {
        const FILE: &str = "data/organisations.tsv";
        for (line, r) in rows(text) {
            if r.len() < 3 || r[0].is_empty() {
                self.skip_row(FILE, line, "expected at least name, country, type");
                continue;
            }
            let Some(ty) = OrgType::parse(r[2]) else {
                self.skip_row(FILE, line, &format!("unknown organisation type {:?}", r[2]));
                continue;
            };
            let countries = self.codes(FILE, line, r[1]);
            let id = self.entity(Entity {
                name: r[0].to_string(),
                kind: Kind::Organisation,
                place_kind: PlaceKind::Place,
                org_type: ty,
                countries,
                population: 0,
                since: 0,
                surname: None,
                trusted: false,
            });
            self.g.stats.organisations += 1;
            self.alias(FILE, id, r[0], Role::Name, Source::Generated);
            for a in list(r.get(3).copied().unwrap_or("")) {
                self.alias(FILE, id, a, Role::Name, Source::Generated);
            }
        }
    }
}
