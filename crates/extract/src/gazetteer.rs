//! The gazetteer: entities (countries, places, people, organisations) and the surface forms
//! that name them, loaded from TSV.
//!
//! The embedded tables (`data/*.tsv`) are generated and noisy, so they are read leniently: a
//! malformed row or a junk alias is skipped and counted in [`GazetteerStats`]. The overrides
//! shipped with the crate (`data/extract-overrides.tsv`) and user gazetteers are read strictly:
//! any malformed line is an [`Error::Gazetteer`] naming the file and the line.
//!
//! # User gazetteer format
//!
//! UTF-8, tab-separated, one entry per line; blank lines and lines starting with `#` are
//! ignored. Columns:
//!
//! ```text
//! kind <TAB> name <TAB> country <TAB> aliases [<TAB> subtype]
//! ```
//!
//! - `kind`: `person`, `organisation` (or `organization`, `org`), `place`, `country`,
//!   `nationality` or `ignore`.
//! - `name`: the canonical name. For `country`, an existing country's code or name (the entry
//!   adds aliases to it); for `nationality`, the demonym itself ("Malian"); for `ignore`, a
//!   surface form that must never match (exact case).
//! - `country`: an ISO 3166-1 alpha-2 code known to the gazetteer, or empty. Places may list
//!   several codes joined by `|`. For an organisation this is its home country (leave it empty
//!   for international bodies, whose mentions then never count towards a story's countries).
//! - `aliases`: other surface forms, joined by `|`, may be empty.
//! - `subtype` (optional): for a place its kind (`capital`, `city`, `place`, `region`,
//!   `metonym`, `historical`; default `place`); for an organisation its type
//!   (`international`, `armed_group`, `party`, `central_bank`, `agency`, `company`, `other`;
//!   default `other`); for a person a free-text role.
//!
//! An entry whose kind and name match an existing entity updates it (a non-empty country
//! replaces the old one, aliases are added); otherwise it creates an entity. User entries win:
//! every surface form a user entry lists is taken away from the entities that had it.
//!
//! An example, with each tab written as `\t`:
//!
//! ```text
//! # kind\tname\tcountry\taliases\tsubtype
//! organisation\tAcme Mining Watch\tGB\tAMW|Acme Watch\tcompany
//! person\tJane Doe\tML\tDoe
//! place\tTinzaouaten\tML\tTin Zaouatene|Tinzaouatene
//! ignore\tChad
//! ```

use crate::fxhash::{FxMap, FxSet};
use std::path::Path;

use crate::lexicon::{lower, Lexicon, LOWERABLE};
use crate::{Error, Result};

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    Country,
    Place,
    Person,
    Organisation,
}

/// What a place is; countries and territories use `Country`/`Territory`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PlaceKind {
    Country,
    Territory,
    Capital,
    City,
    Place,
    Region,
    Metonym,
    Historical,
}

impl PlaceKind {
    fn parse(s: &str) -> Option<PlaceKind> {
        Some(match s {
            "country" => PlaceKind::Country,
            "territory" => PlaceKind::Territory,
            "capital" => PlaceKind::Capital,
            "city" => PlaceKind::City,
            "place" => PlaceKind::Place,
            "region" => PlaceKind::Region,
            "metonym" => PlaceKind::Metonym,
            "historical" => PlaceKind::Historical,
            _ => return None,
        })
    }

    /// Default preference among places that share a name, higher first.
    pub(crate) fn rank(self) -> u8 {
        match self {
            PlaceKind::Country => 7,
            PlaceKind::Territory => 6,
            PlaceKind::Capital => 5,
            PlaceKind::Metonym => 4,
            PlaceKind::Historical => 4,
            // A state or province before a city of the same name (Ontario, Quebec).
            PlaceKind::Region => 3,
            PlaceKind::City | PlaceKind::Place => 2,
        }
    }
}

/// What an organisation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OrgType {
    International,
    ArmedGroup,
    Party,
    CentralBank,
    Agency,
    Company,
    Other,
}

impl OrgType {
    fn parse(s: &str) -> Option<OrgType> {
        Some(match s {
            "international" => OrgType::International,
            "armed_group" => OrgType::ArmedGroup,
            "party" => OrgType::Party,
            "central_bank" => OrgType::CentralBank,
            "agency" => OrgType::Agency,
            "company" => OrgType::Company,
            "other" | "" => OrgType::Other,
            _ => return None,
        })
    }
}

/// One named thing.
#[derive(Debug, Clone)]
pub(crate) struct Entity {
    pub name: String,
    pub kind: Kind,
    pub place_kind: PlaceKind,
    pub org_type: OrgType,
    /// ISO alpha-2 codes: a country's own code, a place's countries, a person's nationality,
    /// an organisation's home country.
    pub countries: Vec<String>,
    pub population: u64,
    /// First year in office, for people (0 when unknown).
    pub since: i32,
    /// Lower-case surname, for people.
    pub surname: Option<String>,
    /// Created or updated by a curated or user entry: its acronyms and short names are
    /// taken at their word.
    pub trusted: bool,
}

/// How a surface form names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The name or a full alias.
    Name,
    /// A person's surname alone ("Lavrov"): needs support from the story.
    Short,
    /// A demonym or adjective ("Malian").
    Demonym,
}

/// One entity a surface form may stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cand {
    pub entity: u32,
    pub role: Role,
}

/// A surface form with its case as written in the gazetteer and the entities it names.
#[derive(Debug, Clone)]
pub(crate) struct Form {
    pub text: String,
    pub cands: Vec<Cand>,
    /// An acronym that is also an English word ("CAR", "WHO"): not matched in all-caps text.
    pub acronym_word: bool,
    /// A one-word place name that is an English word ("Nice", "Reading"): needs context.
    pub wordlike: bool,
    /// A one-word name (not a country's) that is an English word ("Sale", "Buffalo", "Baker"):
    /// in an all-caps line or at a sentence start it needs context.
    pub dictword: bool,
    /// An abbreviation with a lower-case letter ("Conn.", "Ga."): matches only after a comma,
    /// as in "GREENWICH, Conn.".
    pub abbrev: bool,
}

/// Sizes of the loaded gazetteer and what was skipped while loading it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GazetteerStats {
    /// Countries and territories.
    pub countries: usize,
    /// Places that are not countries: capitals, cities, regions, metonyms, historical states.
    pub places: usize,
    /// People.
    pub people: usize,
    /// Organisations.
    pub organisations: usize,
    /// Distinct surface forms (case-folded) the matcher looks for.
    pub patterns: usize,
    /// Rows of the embedded tables skipped as malformed, as `file:line: reason`.
    pub skipped_rows: Vec<String>,
    /// Aliases of the embedded tables skipped as junk (too short, lower case, a common word...).
    pub skipped_aliases: usize,
    /// Examples of skipped aliases, as `file: alias (reason)`, at most 200.
    pub skipped_alias_examples: Vec<String>,
}

/// Where a table comes from: the generated tables are read leniently, the rest strictly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Generated,
    Curated,
    /// A curated entity's own name: not filtered, but shared with other entities of that
    /// name (the US state "Georgia" does not take the name from the country).
    CuratedName,
}

/// The loaded gazetteer, ready to be compiled into a matcher.
#[derive(Debug)]
pub(crate) struct Gazetteer {
    pub entities: Vec<Entity>,
    /// Case-folded patterns, one per distinct key.
    pub keys: Vec<String>,
    /// The forms behind each key.
    pub forms: Vec<Vec<Form>>,
    /// First words (before a space or hyphen) of the forms that start with a lower-case
    /// letter ("the Kremlin", "al-Shabaab"), packed by [`pack8`] and sorted: a lower-case word
    /// can only start one of these. `u64::MAX`, last, stands for a first word too long to
    /// pack: then any lower-case word may start a form.
    pub lower_first: Vec<u64>,
    /// Some form starts with a digit.
    pub digit_first: bool,
    key_index: FxMap<String, usize>,
    by_name: FxMap<(Kind, String), Vec<u32>>,
    country_by_code: FxMap<String, u32>,
    /// Lower-case country names, aliases, demonyms and codes -> code.
    country_lookup: FxMap<String, String>,
    /// Lower-case names and aliases of people and organisations -> entity.
    actor_lookup: FxMap<String, u32>,
    pub stats: GazetteerStats,
}

const COUNTRIES: &str = include_str!("../data/countries.tsv");
const PLACES: &str = include_str!("../data/places.tsv");
const PEOPLE: &str = include_str!("../data/people.tsv");
const ORGANISATIONS: &str = include_str!("../data/organisations.tsv");
const OVERRIDES: &str = include_str!("../data/extract-overrides.tsv");

/// Rows of a TSV text: (1-based line number, fields), skipping blank and `#` lines.
fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.starts_with('#') {
            None
        } else {
            Some((i + 1, line.split('\t').map(str::trim).collect()))
        }
    })
}

fn list(field: &str) -> impl Iterator<Item = &str> {
    field.split('|').map(str::trim).filter(|s| !s.is_empty())
}

fn collapse_spaces(s: &str) -> String {
    let t = s.trim();
    if !t.contains("  ") && !t.contains(['\t', '\n', '\r']) {
        return t.to_string();
    }
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Upper-case letters only (and at least two letters): "NATO", "U.S.", "CAR".
fn is_acronym(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        } else if c == ' ' || c.is_ascii_digit() {
            return false;
        }
    }
    letters >= 2
}

/// Writes the lowerable words of an alias in lower case ("The Kremlin" -> "the Kremlin",
/// "Al-Shabaab" -> "al-Shabaab") so that the case rule accepts both spellings; the last word
/// keeps its case ("Mohammed Al" stays).
fn lower_particles(alias: &str) -> String {
    if !alias.contains([' ', '-']) {
        return alias.to_string();
    }
    let words: Vec<&str> = alias.split(' ').collect();
    let mut out = String::with_capacity(alias.len());
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let last = i + 1 == words.len();
        // "Al-Shabaab": a lowerable prefix before a hyphen.
        if let Some((head, rest)) = w.split_once('-') {
            if !rest.is_empty() && LOWERABLE.contains(&lower(head).as_str()) {
                out.push_str(&lower(head));
                out.push('-');
                out.push_str(rest);
                continue;
            }
        }
        if !last && LOWERABLE.contains(&lower(w).as_str()) {
            out.push_str(&lower(w));
        } else {
            out.push_str(w);
        }
    }
    out
}

/// Latin letters with diacritics folded to ASCII ("Ménaka" -> "Menaka"); other characters kept.
pub(crate) fn ascii_fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => 'A',
            'ç' | 'ć' | 'č' => 'c',
            'Ç' | 'Ć' | 'Č' => 'C',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
            'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => 'E',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
            'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' => 'I',
            'ñ' | 'ń' | 'ň' => 'n',
            'Ñ' | 'Ń' | 'Ň' => 'N',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => 'O',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
            'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => 'U',
            'ý' | 'ÿ' => 'y',
            'Ý' => 'Y',
            'ś' | 'š' | 'ș' | 'ş' => 's',
            'Ś' | 'Š' | 'Ș' | 'Ş' => 'S',
            'ț' | 'ţ' | 'ť' => 't',
            'Ț' | 'Ţ' | 'Ť' => 'T',
            'ź' | 'ż' | 'ž' => 'z',
            'Ź' | 'Ż' | 'Ž' => 'Z',
            'ł' => 'l',
            'Ł' => 'L',
            'ğ' => 'g',
            'Ğ' => 'G',
            'đ' => 'd',
            'Đ' => 'D',
            '’' | '‘' | 'ʻ' | 'ʼ' => '\'',
            other => other,
        })
        .collect()
}

/// Spelling variants matched for one alias: as given (particles lowered), with the other
/// apostrophe, with hyphens as spaces, folded to ASCII.
fn variants(alias: &str) -> Vec<String> {
    let base = lower_particles(alias);
    if base.is_ascii() && !base.contains(['\'', '-']) {
        return vec![base];
    }
    let mut out = vec![base.clone()];
    let push = |s: String, out: &mut Vec<String>| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    let folded = ascii_fold(&base);
    push(folded.clone(), &mut out);
    for v in [base.clone(), folded] {
        if v.contains('\'') {
            push(v.replace('\'', "’"), &mut out);
        }
        if v.contains('-') && v.split('-').all(|p| !p.is_empty()) {
            push(v.replace('-', " "), &mut out);
        }
    }
    out
}

/// Up to 8 bytes packed in a `u64` (zero-padded), for quick comparison of short words.
pub(crate) fn pack8(bytes: &[u8]) -> Option<u64> {
    if bytes.len() > 8 {
        return None;
    }
    let mut w = [0u8; 8];
    w[..bytes.len()].copy_from_slice(bytes);
    Some(u64::from_le_bytes(w))
}

/// Case folding used for the matcher's keys: ASCII letters lowered, the rest kept.
pub(crate) fn fold_key(s: &str) -> String {
    s.to_ascii_lowercase()
}

/// Builds a [`Gazetteer`].
struct Builder<'l> {
    g: Gazetteer,
    lex: &'l Lexicon,
    /// Surface forms (exact text) claimed by user or curated entries, which no later generated
    /// alias may take back.
    claimed: FxSet<String>,
    ignored: FxSet<String>,
}

impl Gazetteer {
    /// Loads the embedded tables, the shipped overrides and an optional user gazetteer
    /// (`(path for messages, text)`).
    pub(crate) fn load(lex: &Lexicon, user: Option<(&Path, &str)>) -> Result<Gazetteer> {
        let mut b = Builder {
            g: Gazetteer {
                entities: Vec::with_capacity(12_000),
                keys: Vec::with_capacity(20_000),
                forms: Vec::with_capacity(20_000),
                lower_first: Vec::new(),
                digit_first: false,
                key_index: FxMap::with_capacity_and_hasher(20_000, Default::default()),
                by_name: FxMap::with_capacity_and_hasher(12_000, Default::default()),
                country_by_code: FxMap::default(),
                country_lookup: FxMap::with_capacity_and_hasher(2_000, Default::default()),
                actor_lookup: FxMap::with_capacity_and_hasher(10_000, Default::default()),
                stats: GazetteerStats::default(),
            },
            lex,
            claimed: FxSet::default(),
            ignored: FxSet::default(),
        };
        b.countries(COUNTRIES);
        b.places(PLACES);
        b.people(PEOPLE);
        b.organisations(ORGANISATIONS);
        b.user_table(Path::new("data/extract-overrides.tsv"), OVERRIDES)?;
        if let Some((path, text)) = user {
            b.user_table(path, text)?;
        }
        Ok(b.finish())
    }

    pub(crate) fn country(&self, code: &str) -> Option<&Entity> {
        self.country_by_code
            .get(code)
            .map(|&i| &self.entities[i as usize])
    }

    /// "Mali", "Malian", "ml", "MLI" -> "ML".
    pub(crate) fn resolve_country(&self, name: &str) -> Option<&str> {
        let key = collapse_spaces(&lower(&ascii_fold(name)));
        let key = key.strip_prefix("the ").unwrap_or(&key);
        self.country_lookup.get(key).map(String::as_str)
    }

    /// "PMC Wagner" -> "Wagner Group".
    pub(crate) fn resolve_actor(&self, name: &str) -> Option<&str> {
        let key = collapse_spaces(&lower(&ascii_fold(name)));
        let id = self.actor_lookup.get(&key).or_else(|| {
            key.strip_prefix("the ")
                .and_then(|k| self.actor_lookup.get(k))
        })?;
        Some(self.entities[*id as usize].name.as_str())
    }
}

impl Builder<'_> {
    fn skip_row(&mut self, file: &str, line: usize, why: &str) {
        self.g
            .stats
            .skipped_rows
            .push(format!("{file}:{line}: {why}"));
    }

    fn skip_alias(&mut self, file: &str, alias: &str, why: &str) {
        self.g.stats.skipped_aliases += 1;
        if self.g.stats.skipped_alias_examples.len() < 200 {
            self.g
                .stats
                .skipped_alias_examples
                .push(format!("{file}: {alias:?} ({why})"));
        }
    }

    fn entity(&mut self, e: Entity) -> u32 {
        // The same kind and name twice (London GB and London CA) are two entities.
        let key = (e.kind, lower(&e.name));
        let id = self.g.entities.len() as u32;
        self.g.by_name.entry(key).or_default().push(id);
        self.g.entities.push(e);
        id
    }

    fn codes(&mut self, file: &str, line: usize, field: &str) -> Vec<String> {
        let mut out = Vec::new();
        for c in list(field) {
            let c = c.to_ascii_uppercase();
            if self.g.country_by_code.contains_key(&c) {
                if !out.contains(&c) {
                    out.push(c);
                }
            } else {
                self.skip_row(file, line, &format!("unknown country code {c:?} dropped"));
            }
        }
        out
    }

    /// Quality gate for aliases of the generated tables; `Some(reason)` rejects.
    fn junk(&self, alias: &str, kind: Kind, role: Role) -> Option<&'static str> {
        let letters = alias.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 2 {
            return Some("too short");
        }
        if !alias.chars().any(char::is_uppercase) {
            return Some("no capital letter");
        }
        if alias.contains(';') || alias.contains('(') || alias.contains(" , ") {
            return Some("annotation in alias");
        }
        let one_word = !alias.contains(' ');
        if letters == 2 && !is_acronym(alias) {
            return Some("two letters, not an acronym");
        }
        if one_word && !is_acronym(alias) && self.lex.is_common(alias) {
            match kind {
                // Places keep the form, flagged as word-like (needs context).
                Kind::Place | Kind::Country => {}
                _ => return Some("common English word"),
            }
        }
        if kind == Kind::Person && role == Role::Short && self.lex.is_given(alias) {
            return Some("surname alias is a given name");
        }
        None
    }

    /// Adds one alias of `entity`. `strict` sources are never filtered; `wins` takes the form
    /// away from every other entity.
    fn alias(&mut self, file: &str, entity: u32, alias: &str, role: Role, source: Source) {
        let alias = collapse_spaces(alias);
        if alias.is_empty() {
            return;
        }
        let kind = self.g.entities[entity as usize].kind;
        if source == Source::Generated {
            if let Some(why) = self.junk(&alias, kind, role) {
                self.skip_alias(file, &alias, why);
                return;
            }
        }
        // A dateline abbreviation ("Conn.") is also written without its full stop.
        let abbrev =
            alias.ends_with('.') && alias.len() <= 8 && alias.chars().any(char::is_lowercase);
        let mut vs = variants(&alias);
        if abbrev {
            vs.push(alias.trim_end_matches('.').to_string());
        }
        let guarded = !self.claimed.is_empty() || !self.ignored.is_empty();
        for v in vs {
            if source == Source::Generated
                && guarded
                && (self.claimed.contains(&v) || self.ignored.contains(&v))
            {
                continue;
            }
            if source == Source::CuratedName && self.ignored.contains(&v) {
                continue;
            }
            if source == Source::Curated {
                if self.ignored.contains(&v) {
                    continue;
                }
                // Curated entries win the form: remove other entities' claims on it.
                if let Some(&k) = self.g.key_index.get(&fold_key(&v)) {
                    for f in self.g.forms[k].iter_mut().filter(|f| f.text == v) {
                        f.cands.retain(|c| c.entity == entity);
                    }
                }
                self.claimed.insert(v.clone());
            }
            self.add_form(&v, Cand { entity, role }, kind, abbrev);
        }
        if matches!(kind, Kind::Person | Kind::Organisation) && role != Role::Demonym {
            let key = if alias.is_ascii() {
                alias.to_ascii_lowercase()
            } else {
                lower(&ascii_fold(&alias))
            };
            if source != Source::Generated {
                self.g.actor_lookup.insert(key, entity);
            } else {
                self.g.actor_lookup.entry(key).or_insert(entity);
            }
        }
    }

    fn add_form(&mut self, text: &str, cand: Cand, kind: Kind, abbrev: bool) {
        let found =
            crate::lexicon::with_ascii_lower(text, |key| self.g.key_index.get(key).copied());
        let k = match found {
            Some(k) => k,
            None => {
                let key = fold_key(text);
                let k = self.g.keys.len();
                self.g.keys.push(key.clone());
                self.g.forms.push(Vec::new());
                self.g.key_index.insert(key, k);
                k
            }
        };
        let forms = &mut self.g.forms[k];
        if let Some(f) = forms.iter_mut().find(|f| f.text == text) {
            if !f.cands.contains(&cand) {
                f.cands.push(cand);
            }
            return;
        }
        let acronym = is_acronym(text);
        let one_word = !text.contains(' ');
        // "U.S." is never the pronoun; "US", "CAR", "WHO" may be words.
        let acronym_word = acronym && !text.contains('.') && self.lex.is_acronym_word(text);
        let wordlike = one_word && !acronym && kind == Kind::Place && self.lex.is_common(text);
        let dictword =
            one_word && !acronym && kind != Kind::Country && self.lex.is_english(&ascii_fold(text));
        forms.push(Form {
            text: text.to_string(),
            cands: vec![cand],
            acronym_word,
            wordlike,
            dictword,
            abbrev,
        });
    }

    fn countries(&mut self, text: &str) {
        const FILE: &str = "data/countries.tsv";
        // Codes first, so that rows may refer to each other.
        let all: Vec<(usize, Vec<&str>)> = rows(text).collect();
        for (line, r) in &all {
            if r.len() < 8 || r[0].len() != 2 || r[2].is_empty() {
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
            if r.len() < 8 || r[0].len() != 2 {
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

    fn person_aliases(
        &mut self,
        file: &str,
        id: u32,
        name: &str,
        aliases: &str,
        surname: Option<&str>,
        source: Source,
    ) {
        let name_source = if source == Source::Curated {
            Source::CuratedName
        } else {
            source
        };
        self.alias(file, id, name, Role::Name, name_source);
        for a in list(aliases) {
            // A curated or user alias is taken at its word; a generated one-word alias is a
            // surname, which needs support from the story.
            let role =
                if source != Source::Generated || a.contains(' ') || a.contains('.') && a.len() > 3
                {
                    Role::Name
                } else {
                    Role::Short
                };
            self.alias(file, id, a, role, source);
        }
        if let Some(s) = surname {
            if s != name && !s.is_empty() {
                self.alias(file, id, s, Role::Short, source);
            }
        }
    }

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

    /// A curated table in the user format (see the module docs); errors name `path` and the
    /// line.
    fn user_table(&mut self, path: &Path, text: &str) -> Result<()> {
        let file = path.display().to_string();
        let err = |line: usize, message: String| Error::Gazetteer {
            path: path.to_path_buf(),
            line,
            message,
        };
        for (line, r) in rows(text) {
            if r.len() < 2 || r.len() > 5 {
                return Err(err(
                    line,
                    format!(
                        "expected 2 to 5 tab-separated fields (kind, name, country, aliases, \
                         subtype), found {}",
                        r.len()
                    ),
                ));
            }
            let (kind, name) = (r[0], r[1]);
            if name.is_empty() {
                return Err(err(line, "empty name".into()));
            }
            let country = r.get(2).copied().unwrap_or("");
            let aliases = r.get(3).copied().unwrap_or("");
            let subtype = r.get(4).copied().unwrap_or("");
            let mut codes = Vec::new();
            for c in list(country) {
                let c = c.to_ascii_uppercase();
                if !self.g.country_by_code.contains_key(&c) {
                    return Err(err(line, format!("unknown country code {c:?}")));
                }
                codes.push(c);
            }
            match kind {
                "ignore" => {
                    self.ignored.insert(name.to_string());
                    if let Some(&k) = self.g.key_index.get(&fold_key(name)) {
                        self.g.forms[k].retain(|f| f.text != name);
                    }
                }
                "country" => {
                    let code = self
                        .g
                        .country_by_code
                        .get(&name.to_ascii_uppercase())
                        .copied()
                        .or_else(|| {
                            self.g
                                .by_name
                                .get(&(Kind::Country, lower(name)))
                                .and_then(|ids| ids.first().copied())
                        })
                        .ok_or_else(|| err(line, format!("unknown country {name:?}")))?;
                    let cc = self.g.entities[code as usize].countries[0].clone();
                    for a in list(aliases) {
                        self.g
                            .country_lookup
                            .insert(lower(&ascii_fold(a)), cc.clone());
                        self.alias(&file, code, a, Role::Name, Source::Curated);
                    }
                }
                "nationality" => {
                    let [cc] = codes.as_slice() else {
                        return Err(err(line, "a nationality needs exactly one country".into()));
                    };
                    let id = self.g.country_by_code[cc];
                    self.g
                        .country_lookup
                        .insert(lower(&ascii_fold(name)), cc.clone());
                    self.alias(&file, id, name, Role::Demonym, Source::Curated);
                    for a in list(aliases) {
                        self.alias(&file, id, a, Role::Demonym, Source::Curated);
                    }
                }
                "place" => {
                    if codes.is_empty() {
                        return Err(err(line, "a place needs a country".into()));
                    }
                    let pk = if subtype.is_empty() {
                        PlaceKind::Place
                    } else {
                        PlaceKind::parse(subtype)
                            .filter(|k| !matches!(k, PlaceKind::Country | PlaceKind::Territory))
                            .ok_or_else(|| err(line, format!("unknown place kind {subtype:?}")))?
                    };
                    let id = self.upsert(Kind::Place, name, codes, |e| e.place_kind = pk);
                    self.alias(&file, id, name, Role::Name, Source::CuratedName);
                    for a in list(aliases) {
                        self.alias(&file, id, a, Role::Name, Source::Curated);
                    }
                }
                "person" => {
                    let id = self.upsert(Kind::Person, name, codes, |_| {});
                    let surname = name.rsplit(' ').next().filter(|s| *s != name);
                    if self.g.entities[id as usize].surname.is_none() {
                        self.g.entities[id as usize].surname = surname.map(lower);
                    }
                    self.person_aliases(&file, id, name, aliases, None, Source::Curated);
                }
                "organisation" | "organization" | "org" => {
                    let ty = OrgType::parse(subtype).ok_or_else(|| {
                        err(line, format!("unknown organisation type {subtype:?}"))
                    })?;
                    let id = self.upsert(Kind::Organisation, name, codes, |e| e.org_type = ty);
                    self.alias(&file, id, name, Role::Name, Source::CuratedName);
                    for a in list(aliases) {
                        self.alias(&file, id, a, Role::Name, Source::Curated);
                    }
                }
                other => {
                    return Err(err(
                        line,
                        format!(
                            "unknown kind {other:?} (expected person, organisation, place, \
                             country, nationality or ignore)"
                        ),
                    ))
                }
            }
        }
        Ok(())
    }

    /// The entity of `kind` called `name`, updated, or a new one.
    fn upsert(
        &mut self,
        kind: Kind,
        name: &str,
        codes: Vec<String>,
        update: impl FnOnce(&mut Entity),
    ) -> u32 {
        let existing = self
            .g
            .by_name
            .get(&(kind, lower(name)))
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        // The entity with that name in one of the given countries, else the only one.
        let found = existing
            .iter()
            .copied()
            .find(|&id| {
                let e = &self.g.entities[id as usize];
                codes.iter().any(|c| e.countries.contains(c))
            })
            .or(if existing.len() == 1 {
                Some(existing[0])
            } else {
                None
            });
        if let Some(id) = found {
            let e = &mut self.g.entities[id as usize];
            e.trusted = true;
            if !codes.is_empty() {
                e.countries = codes;
            }
            update(e);
            return id;
        }
        match kind {
            Kind::Place => self.g.stats.places += 1,
            Kind::Person => self.g.stats.people += 1,
            Kind::Organisation => self.g.stats.organisations += 1,
            Kind::Country => {}
        }
        let mut e = Entity {
            name: name.to_string(),
            kind,
            place_kind: PlaceKind::Place,
            org_type: OrgType::Other,
            countries: codes,
            population: 0,
            since: 0,
            surname: None,
            trusted: true,
        };
        update(&mut e);
        self.entity(e)
    }

    fn finish(mut self) -> Gazetteer {
        // Drop forms left without candidates (taken away by curated entries).
        for forms in &mut self.g.forms {
            forms.retain(|f| !f.cands.is_empty());
        }
        self.g.stats.patterns = self.g.forms.iter().filter(|f| !f.is_empty()).count();
        for f in self.g.forms.iter().flatten() {
            let first = f.text.chars().next().unwrap_or(' ');
            if first.is_lowercase() {
                let word = f.text.split([' ', '-']).next().unwrap_or("");
                if let Some(w) = pack8(fold_key(word).as_bytes()) {
                    if !self.g.lower_first.contains(&w) {
                        self.g.lower_first.push(w);
                    }
                } else {
                    // A lower-case first word longer than 8 bytes: search every word.
                    self.g.lower_first.push(u64::MAX);
                }
            } else if first.is_ascii_digit() {
                self.g.digit_first = true;
            }
        }
        self.g.lower_first.sort_unstable();
        self.g.lower_first.dedup();
        self.g
    }
}

/// Reads a user gazetteer file, naming the path on failure.
pub(crate) fn read_user_file(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| Error::Gazetteer {
        path: path.to_path_buf(),
        line: 0,
        message: format!("not UTF-8 (byte offset {})", e.utf8_error().valid_up_to()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_are_lowered_but_not_the_last_word() {
        assert_eq!(lower_particles("The Kremlin"), "the Kremlin");
        assert_eq!(lower_particles("Al-Shabaab"), "al-Shabaab");
        assert_eq!(lower_particles("Bank Of England"), "Bank of England");
        assert_eq!(lower_particles("Mali"), "Mali");
    }

    #[test]
    fn variants_cover_apostrophes_hyphens_and_diacritics() {
        let v = variants("Côte d'Ivoire");
        assert!(v.contains(&"Cote d'Ivoire".to_string()), "{v:?}");
        assert!(v.contains(&"Côte d’Ivoire".to_string()), "{v:?}");
        let v = variants("Guinea-Bissau");
        assert!(v.contains(&"Guinea Bissau".to_string()), "{v:?}");
    }

    #[test]
    fn embedded_tables_load_with_few_problems() {
        let lex = Lexicon::new();
        let g = Gazetteer::load(&lex, None).unwrap();
        let s = &g.stats;
        assert!(s.countries >= 240, "{s:?}");
        assert!(
            s.places >= 5000 && s.people >= 1000 && s.organisations >= 500,
            "{s:?}"
        );
        assert!(
            s.skipped_rows.len() < 50,
            "skipped rows: {:#?}",
            s.skipped_rows
        );
        assert_eq!(g.resolve_country("Malian"), Some("ML"));
        assert_eq!(g.resolve_country("ml"), Some("ML"));
        assert_eq!(g.country("ML").map(|e| e.name.as_str()), Some("Mali"));
    }
}
