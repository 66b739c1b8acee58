//! Building the gazetteer: entities added, aliases filtered and spelled out into surface
//! forms, the finished tables indexed for the matcher.

use rustc_hash::{FxHashMap, FxHashSet};

use super::forms::{ascii_fold, collapse_spaces, fold_key, is_acronym, variants};
use super::model::{Cand, Entity, Form, GazetteerStats, Kind, Role};
use super::tables::list;
use super::{Gazetteer, LowerStarts};
use crate::lexicon::{lower, with_ascii_lower, Lexicon};

/// Room for the entities of the embedded tables (about 11,000) without growing.
const ENTITY_CAPACITY: usize = 12_000;
/// Room for the distinct surface forms of the embedded tables (about 18,000).
const KEY_CAPACITY: usize = 20_000;
/// Room for the country names, aliases, demonyms and codes.
const COUNTRY_LOOKUP_CAPACITY: usize = 2_000;
/// Room for the names and aliases of people and organisations.
const ACTOR_LOOKUP_CAPACITY: usize = 10_000;
/// At most this many skipped aliases are kept as examples in [`GazetteerStats`].
const MAX_SKIPPED_EXAMPLES: usize = 200;
/// An alias ending in a full stop, with a lower-case letter and at most this long, is a
/// dateline abbreviation ("Conn.", "Calif.").
const ABBREV_MAX_BYTES: usize = 8;

/// Where a table comes from: the generated tables are read leniently, the rest strictly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Source {
    Generated,
    Curated,
    /// A curated entity's own name: not filtered, but shared with other entities of that
    /// name (the US state "Georgia" does not take the name from the country).
    CuratedName,
}

/// Builds a [`Gazetteer`].
pub(super) struct Builder<'l> {
    pub(super) g: Gazetteer,
    lex: &'l Lexicon,
    /// Surface forms (exact text) claimed by user or curated entries, which no later generated
    /// alias may take back.
    claimed: FxHashSet<String>,
    /// Surface forms a user entry says never match.
    pub(super) ignored: FxHashSet<String>,
}

impl<'l> Builder<'l> {
    /// An empty gazetteer, sized for the embedded tables.
    pub(super) fn new(lex: &'l Lexicon) -> Builder<'l> {
        Builder {
            g: Gazetteer {
                entities: Vec::with_capacity(ENTITY_CAPACITY),
                keys: Vec::with_capacity(KEY_CAPACITY),
                forms: Vec::with_capacity(KEY_CAPACITY),
                lower_starts: LowerStarts::default(),
                digit_first: false,
                key_index: FxHashMap::with_capacity_and_hasher(KEY_CAPACITY, Default::default()),
                by_name: FxHashMap::with_capacity_and_hasher(ENTITY_CAPACITY, Default::default()),
                country_by_code: FxHashMap::default(),
                country_lookup: FxHashMap::with_capacity_and_hasher(
                    COUNTRY_LOOKUP_CAPACITY,
                    Default::default(),
                ),
                actor_lookup: FxHashMap::with_capacity_and_hasher(
                    ACTOR_LOOKUP_CAPACITY,
                    Default::default(),
                ),
                stats: GazetteerStats::default(),
            },
            lex,
            claimed: FxHashSet::default(),
            ignored: FxHashSet::default(),
        }
    }

    /// Records a skipped row of a generated table.
    pub(super) fn skip_row(&mut self, file: &str, line: usize, why: &str) {
        self.g
            .stats
            .skipped_rows
            .push(format!("{file}:{line}: {why}"));
    }

    /// Records a skipped alias of a generated table.
    fn skip_alias(&mut self, file: &str, alias: &str, why: &str) {
        self.g.stats.skipped_aliases += 1;
        if self.g.stats.skipped_alias_examples.len() < MAX_SKIPPED_EXAMPLES {
            self.g
                .stats
                .skipped_alias_examples
                .push(format!("{file}: {alias:?} ({why})"));
        }
    }

    /// Adds an entity; returns its id.
    pub(super) fn entity(&mut self, e: Entity) -> u32 {
        // The same kind and name twice (London GB and London CA) are two entities.
        let key = (e.kind, lower(&e.name));
        let id = self.g.entities.len() as u32;
        self.g.by_name.entry(key).or_default().push(id);
        self.g.entities.push(e);
        id
    }

    /// The known country codes of a `|`-separated field; unknown ones are skipped and
    /// recorded.
    pub(super) fn codes(&mut self, file: &str, line: usize, field: &str) -> Vec<String> {
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
    pub(super) fn alias(
        &mut self,
        file: &str,
        entity: u32,
        alias: &str,
        role: Role,
        source: Source,
    ) {
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
        let abbrev = alias.ends_with('.')
            && alias.len() <= ABBREV_MAX_BYTES
            && alias.chars().any(char::is_lowercase);
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
            let cand = Cand {
                entity,
                role,
                langs: 0,
            };
            self.add_form(&v, cand, kind, abbrev);
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

    /// Adds one spelling of an alias to the forms of its key.
    fn add_form(&mut self, text: &str, cand: Cand, kind: Kind, abbrev: bool) {
        let found = with_ascii_lower(text, |key| self.g.key_index.get(key).copied());
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
            match f
                .cands
                .iter_mut()
                .find(|c| c.entity == cand.entity && c.role == cand.role)
            {
                // A form of every language stays one; languages add up.
                Some(c) if c.langs == 0 || cand.langs == 0 => c.langs = 0,
                Some(c) => c.langs |= cand.langs,
                None => f.cands.push(cand),
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

    /// Adds a name of `entity` used in stories of the languages `langs` (a [`Cand::langs`]
    /// mask): its spelling variants, no English-word filter (the form is not matched in
    /// English).
    pub(super) fn alias_in(&mut self, entity: u32, alias: &str, role: Role, langs: u16) {
        let alias = collapse_spaces(alias);
        if alias.chars().filter(|c| c.is_alphabetic()).count() < 3 {
            return;
        }
        let kind = self.g.entities[entity as usize].kind;
        for v in variants(&alias) {
            if self.ignored.contains(&v) {
                continue;
            }
            let cand = Cand {
                entity,
                role,
                langs,
            };
            self.add_form(&v, cand, kind, false);
        }
    }

    /// Adds a person's name, aliases (one-word generated ones as surnames) and surname.
    pub(super) fn person_aliases(
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

    /// The finished gazetteer: emptied forms dropped, the matcher's first-word filters built.
    pub(super) fn finish(mut self) -> Gazetteer {
        // Drop forms left without candidates (taken away by curated entries).
        for forms in &mut self.g.forms {
            forms.retain(|f| !f.cands.is_empty());
        }
        self.g.stats.patterns = self.g.forms.iter().filter(|f| !f.is_empty()).count();
        // A lower-case word in the text can only start a form that starts with a lower-case
        // letter (the case rule lets upper case stand for lower, never the reverse).
        for (key, forms) in self.g.keys.iter().zip(&self.g.forms) {
            for f in forms {
                let first = f.text.chars().next().unwrap_or(' ');
                if first.is_lowercase() {
                    self.g.lower_starts.insert(key.as_bytes());
                } else if first.is_ascii_digit() {
                    self.g.digit_first = true;
                }
            }
        }
        self.g
    }
}
