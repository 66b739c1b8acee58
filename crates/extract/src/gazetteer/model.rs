//! What the gazetteer holds: entities and their kinds, and the surface forms that name them.

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
    pub(super) fn parse(s: &str) -> Option<PlaceKind> {
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
    pub(super) fn parse(s: &str) -> Option<OrgType> {
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
    /// The languages whose stories the form names the entity in, as [`lang_bit`]s; 0 for
    /// every language (the English tables, user entries).
    pub langs: u16,
}

/// The languages of the name tables besides English (`data/names-i18n.tsv`), one bit each.
pub(crate) const NAME_LANGS: [&str; 10] =
    ["de", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "fi"];

/// Case endings a name may take as one word, per language of [`NAME_LANGS`] (same order):
/// German and Scandinavian genitive `-s` ("Merkels"); Finnish case endings ("Obaman",
/// "Trumpin", "Saksassa"). Longer endings first is not needed: the whole rest of the word
/// must be one ending.
const INFLECTIONS: [&[&str]; 10] = [
    &["s"],
    &[],
    &[],
    &[],
    &[],
    &[],
    &["s"],
    &["s"],
    &["s"],
    &[
        "n", "in", "a", "ä", "ta", "tä", "na", "nä", "ssa", "ssä", "sta", "stä", "lla", "llä",
        "lta", "ltä", "lle", "ksi", "han", "hin", "hun", "iin", "seen", "lla", "aan", "ään", "ien",
        "jen", "ine", "tta", "ttä", "sa", "sä",
    ],
];

/// Whether `ending` (the rest of a word after a name) is a case ending of a language in
/// `langs` (a [`Cand::langs`] mask).
pub(crate) fn inflection(langs: u16, ending: &str) -> bool {
    if langs == 0 || ending.is_empty() {
        return false;
    }
    INFLECTIONS
        .iter()
        .enumerate()
        .any(|(i, endings)| langs & (1 << i) != 0 && endings.contains(&ending))
}

/// The bit of a language tag's primary subtag in [`NAME_LANGS`] (`"de-AT"` -> de; `no` and
/// `nn` as `nb`); 0 for English, unknown and other languages.
pub(crate) fn lang_bit(tag: &str) -> u16 {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let primary = match primary.as_str() {
        "no" | "nn" => "nb",
        p => p,
    };
    NAME_LANGS
        .iter()
        .position(|&l| l == primary)
        .map_or(0, |i| 1 << i)
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
