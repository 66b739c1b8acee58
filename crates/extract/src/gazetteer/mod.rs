//! The gazetteer: entities (countries, places, people, organisations) and the surface forms
//! that name them, loaded from TSV.
//!
//! The embedded tables (`data/*.tsv`) are generated and noisy, so they are read leniently: a
//! malformed row or a junk alias is skipped and counted in [`GazetteerStats`]. The overrides
//! shipped with the crate (`data/extract-overrides.tsv`) and user gazetteers are read strictly:
//! any malformed line is an [`crate::Error::Gazetteer`] naming the file and the line.
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

use std::path::Path;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::lexicon::{lower, Lexicon};
use crate::Result;
use builder::Builder;
pub(crate) use forms::ascii_fold;
use forms::collapse_spaces;
use tables::OVERRIDES;

mod builder;
mod forms;
mod model;
mod tables;
#[cfg(test)]
mod tests;
mod user;

pub use model::GazetteerStats;
pub(crate) use model::{inflection, lang_bit, Cand, Entity, Form, Kind, OrgType, PlaceKind, Role};
pub(crate) use user::read_user_file;

/// The beginnings of some keys: their first four bytes, or the whole key when shorter. A
/// key can match only where the folded text begins as one of them, so the matcher walks
/// the trie from a lower-case word only there.
#[derive(Debug, Default)]
pub(crate) struct LowerStarts {
    /// The first four bytes of keys of four bytes or more.
    four: FxHashSet<u32>,
    /// Keys of one to three bytes, by [`LowerStarts::short_key`].
    short: FxHashSet<u32>,
    /// Bit `n` set when some key has `n` bytes (`n` in 1..=3).
    short_lens: u8,
    /// Bit `b` set when some key is the one byte `b`.
    singles: [u64; 4],
    /// Bit `a << 8 | b` set when some key begins with the bytes `a`, `b` (empty until a key
    /// of two bytes or more is noted, then 2^16 bits): most words begin as no key, and this
    /// tells them without a hash lookup.
    pairs: Vec<u64>,
}

impl LowerStarts {
    /// Notes one key.
    pub(crate) fn insert(&mut self, key: &[u8]) {
        match *key {
            [] => {}
            [a] => self.singles[usize::from(a) / 64] |= 1 << (a % 64),
            [a, b, ..] => {
                if self.pairs.is_empty() {
                    self.pairs = vec![0; (1 << 16) / 64];
                }
                let i = usize::from(a) << 8 | usize::from(b);
                self.pairs[i / 64] |= 1 << (i % 64);
            }
        }
        match key.len() {
            0 => {}
            1..=3 => {
                self.short.insert(LowerStarts::short_key(key));
                self.short_lens |= 1 << key.len();
            }
            _ => {
                self.four
                    .insert(u32::from_le_bytes([key[0], key[1], key[2], key[3]]));
            }
        }
    }

    /// Whether some key noted may begin `text` (the folded text from a word start on):
    /// false means none does.
    pub(crate) fn may_begin(&self, text: &[u8]) -> bool {
        // Every key begins with its first two bytes, or is one byte: without either, none
        // begins the text.
        let Some(&first) = text.first() else {
            return false;
        };
        let single = self.singles[usize::from(first) / 64] >> (first % 64) & 1 != 0;
        let pair = text.get(1).is_some_and(|&second| {
            let i = usize::from(first) << 8 | usize::from(second);
            self.pairs
                .get(i / 64)
                .is_some_and(|w| w >> (i % 64) & 1 != 0)
        });
        if !single && !pair {
            return false;
        }
        if let [a, b, c, d, ..] = *text {
            if self.four.contains(&u32::from_le_bytes([a, b, c, d])) {
                return true;
            }
        }
        (1..=3).any(|n| {
            self.short_lens & (1 << n) != 0
                && text
                    .get(..n)
                    .is_some_and(|k| self.short.contains(&LowerStarts::short_key(k)))
        })
    }

    /// A key of one to three bytes and its length in one `u32`.
    fn short_key(key: &[u8]) -> u32 {
        let mut w = [0u8; 4];
        w[..key.len()].copy_from_slice(key);
        w[3] = key.len() as u8;
        u32::from_le_bytes(w)
    }
}

/// The loaded gazetteer, ready to be compiled into a matcher.
#[derive(Debug)]
pub(crate) struct Gazetteer {
    pub entities: Vec<Entity>,
    /// Case-folded patterns, one per distinct key.
    pub keys: Vec<String>,
    /// The forms behind each key.
    pub forms: Vec<Vec<Form>>,
    /// How the keys of the forms that start with a lower-case letter ("the Kremlin",
    /// "al-Shabaab", "thailändska") begin: only there may a lower-case word start a match.
    pub lower_starts: LowerStarts,
    /// Some form starts with a digit.
    pub digit_first: bool,
    key_index: FxHashMap<String, usize>,
    by_name: FxHashMap<(Kind, String), Vec<u32>>,
    country_by_code: FxHashMap<String, u32>,
    /// Lower-case country names, aliases, demonyms and codes -> code.
    country_lookup: FxHashMap<String, String>,
    /// Lower-case names and aliases of people and organisations -> entity.
    actor_lookup: FxHashMap<String, u32>,
    pub stats: GazetteerStats,
}

impl Gazetteer {
    /// Loads the embedded tables, the shipped overrides and an optional user gazetteer
    /// (`(path for messages, text)`).
    pub(crate) fn load(lex: &Lexicon, user: Option<(&Path, &str)>) -> Result<Gazetteer> {
        let mut b = Builder::new(lex);
        b.embedded_tables();
        b.user_table(Path::new("data/extract-overrides.tsv"), OVERRIDES)?;
        if let Some((path, text)) = user {
            b.user_table(path, text)?;
        }
        Ok(b.finish())
    }

    /// The country with this (upper-case) code.
    pub(crate) fn country(&self, code: &str) -> Option<&Entity> {
        self.country_by_code
            .get(code)
            .map(|&i| &self.entities[i as usize])
    }

    /// "Mali", "Malian", "ml", "MLI" -> "ML"; the names and demonyms of a historical state,
    /// a region or a metonym of one country, as extraction counts their mentions: "Soviet
    /// Union", "USSR" -> "RU", "West Germany" -> "DE", "England" -> "GB", "the Kremlin" -> "RU".
    pub(crate) fn resolve_country(&self, name: &str) -> Option<&str> {
        let key = lookup_key(name);
        let bare = key.strip_prefix("the ").unwrap_or(&key);
        if let Some(code) = self.country_lookup.get(bare) {
            return Some(code.as_str());
        }
        self.place_country(&key)
            .or_else(|| self.place_country(bare))
    }

    /// The one country of the historical states, regions and metonyms a lower-case form
    /// names; `None` when it names none, or places of several countries.
    fn place_country(&self, key: &str) -> Option<&str> {
        let forms = &self.forms[*self.key_index.get(key)?];
        let mut found: Option<&str> = None;
        for cand in forms.iter().flat_map(|f| &f.cands) {
            let e = &self.entities[cand.entity as usize];
            let kind_counts = matches!(
                e.place_kind,
                PlaceKind::Historical | PlaceKind::Region | PlaceKind::Metonym
            );
            if e.kind != Kind::Place || !kind_counts || e.countries.len() != 1 {
                continue;
            }
            match found {
                Some(code) if code != e.countries[0] => return None,
                _ => found = Some(e.countries[0].as_str()),
            }
        }
        found
    }

    /// "PMC Wagner" -> "Wagner Group".
    pub(crate) fn resolve_actor(&self, name: &str) -> Option<&str> {
        let id = self.actor_id(name)?;
        Some(self.entities[id as usize].name.as_str())
    }

    /// The id of the person or organisation with any of the names `name`, any case.
    pub(crate) fn actor_id(&self, name: &str) -> Option<u32> {
        let key = lookup_key(name);
        let id = self.actor_lookup.get(&key).or_else(|| {
            key.strip_prefix("the ")
                .and_then(|k| self.actor_lookup.get(k))
        })?;
        Some(*id)
    }
}

/// The key a name is looked up by among countries and actors: folded to ASCII, lower case,
/// its white space collapsed. An ASCII name, which folding leaves as it is, costs one
/// allocation and no pass over its characters.
fn lookup_key(name: &str) -> String {
    if name.is_ascii() {
        // Lowering ASCII letters moves no white space, so it may come after the collapse.
        let mut key = collapse_spaces(name);
        key.make_ascii_lowercase();
        key
    } else {
        collapse_spaces(&lower(&ascii_fold(name)))
    }
}

#[cfg(test)]
mod key_tests {
    use super::*;

    #[test]
    fn lower_starts_answer_as_their_hash_sets_do() {
        let keys = [
            "a",
            "x",
            "al",
            "al-",
            "the kremlin",
            "thailändska",
            "el",
            "ibn",
            "é",
            "zz",
            "qa",
            "the",
            "toy",
            "o'",
        ];
        // The answer of the hash sets alone, as first written.
        let plain = |starts: &LowerStarts, text: &[u8]| {
            if let [a, b, c, d, ..] = *text {
                if starts.four.contains(&u32::from_le_bytes([a, b, c, d])) {
                    return true;
                }
            }
            (1..=3).any(|n| {
                starts.short_lens & (1 << n) != 0
                    && text
                        .get(..n)
                        .is_some_and(|k| starts.short.contains(&LowerStarts::short_key(k)))
            })
        };
        for count in [0, 1, 2, 5, keys.len()] {
            let mut starts = LowerStarts::default();
            for key in &keys[..count] {
                starts.insert(key.as_bytes());
            }
            let texts = [
                "",
                "a",
                "ab",
                "al",
                "al-",
                "al-shabaab",
                "the",
                "the kremlin said",
                "them",
                "thailändska",
                "thai",
                "x",
                "xy",
                "é",
                "ébc",
                "ibn",
                "ib",
                "zz top",
                "qa",
                "toys",
                "o'neill",
                "\u{0}",
                "said",
                "percent",
            ];
            for text in texts {
                let b = text.as_bytes();
                for end in 0..=b.len() {
                    assert_eq!(
                        starts.may_begin(&b[..end]),
                        plain(&starts, &b[..end]),
                        "{:?} with {count} keys",
                        &b[..end]
                    );
                }
            }
        }
    }

    #[test]
    fn lookup_keys_are_those_of_folding_lowering_and_collapsing() {
        for name in [
            "",
            " ",
            "Mali",
            "  The   Kremlin ",
            "U.S. Agriculture\tDepartment",
            "GENERAL MOTORS CORP\n",
            "a\r\nb\x0bc\x0cd",
            "Côte d’Ivoire",
            "MÉNAKA  Region",
            "İstanbul",
            "Łódź\u{2003}Voivodeship",
            "ΣΟΦΟΚΛΗΣ",
            "\u{212a}elvin",
            "Zürich\u{a0}AG",
        ] {
            assert_eq!(
                lookup_key(name),
                collapse_spaces(&lower(&ascii_fold(name))),
                "{name:?}"
            );
        }
    }
}
