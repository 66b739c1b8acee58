//! Word lists the rules use: given names, common words, titles, organisation suffixes.
//!
//! The two long lists are data files written for this crate (`data/given-names.txt`,
//! `data/common-words.txt`); the short closed classes (titles, suffixes, particles) live here.

use rustc_hash::FxHashMap;

/// Given names, one per line (see the file's header).
const GIVEN_NAMES: &str = include_str!("../data/given-names.txt");
/// Common English words, one per line (see the file's header).
const COMMON_WORDS: &str = include_str!("../data/common-words.txt");
/// English dictionary words that are also one-word gazetteer names (see the file's header).
const ENGLISH_WORDS: &str = include_str!("../data/english-words.txt");

/// Titles and roles written before a name, capitalised or not: "President Reagan", "Foreign
/// Minister Sergey Lavrov", "policy chief Josep Borrell", "Mr Lavrov". Lower case here.
const TITLES: &[&str] = &[
    "president",
    "vice-president",
    "minister",
    "premier",
    "chancellor",
    "secretary",
    "secretary-general",
    "senator",
    "sen",
    "rep",
    "representative",
    "congressman",
    "congresswoman",
    "governor",
    "gov",
    "mayor",
    "chairman",
    "chairwoman",
    "chair",
    "king",
    "queen",
    "prince",
    "princess",
    "sheikh",
    "emir",
    "sultan",
    "pope",
    "ayatollah",
    "imam",
    "cardinal",
    "archbishop",
    "bishop",
    "rev",
    "reverend",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "judge",
    "ambassador",
    "envoy",
    "commissioner",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "director",
    "chief",
    "leader",
    "commander",
    "gen",
    "general",
    "col",
    "colonel",
    "lt",
    "lieutenant",
    "capt",
    "captain",
    "adm",
    "admiral",
    "marshal",
    "sgt",
    "economist",
    "analyst",
    "official",
    "executive",
    "negotiator",
    "deputy",
    "treasurer",
    "attorney-general",
    "president-elect",
    "dictator",
    "strongman",
    "warlord",
    "lawmaker",
    "mp",
    "opposition",
];

/// Titles that are also ordinary words in names of things ("General Motors", "Chief Executive",
/// "Lady Gaga" aside): after one of these the next word must look like a name (a given name, or
/// a word that is not common) for a person to be read.
const WEAK_TITLES: &[&str] = &[
    "general",
    "chief",
    "leader",
    "king",
    "prince",
    "lord",
    "lady",
    "official",
    "executive",
    "deputy",
    "chair",
    "opposition",
    "director",
];

/// Titles anyone may hold: honorifics and jobs, not offices ("Mr", "analyst", "spokesman").
/// After one of these a common surname alone ("analyst Brown") is no ground to read a famous
/// person of that surname; an office ("Defence Secretary Brown") is.
const PLAIN_TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "economist",
    "analyst",
    "official",
    "executive",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "director",
    "negotiator",
    "deputy",
    "treasurer",
    "lawmaker",
    "chief",
    "leader",
    "opposition",
    "captain",
    "capt",
];

/// Lower-case role nouns that, right before a capitalised name, make it a person:
/// "spokesman John Smith", "said analyst Jane Doe".
const LOWER_ROLES: &[&str] = &[
    "president",
    "minister",
    "secretary",
    "chancellor",
    "premier",
    "chairman",
    "chairwoman",
    "chief",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "director",
    "economist",
    "analyst",
    "official",
    "executive",
    "ambassador",
    "envoy",
    "leader",
    "commander",
    "governor",
    "senator",
    "mayor",
    "negotiator",
    "lawyer",
    "strongman",
    "warlord",
    "dictator",
    "journalist",
    "correspondent",
    "reporter",
    "photographer",
    "president-elect",
    "counterpart",
    "colleague",
];

/// Verbs of speech: "John Smith said", "said John Smith".
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "stated",
    "declared",
    "announced",
    "insisted",
    "warned",
    "argued",
    "explained",
    "wrote",
    "asked",
    "noted",
];

/// Last words of organisation names: "Wagner Group", "Labour Party", "Kuwait Petroleum Corp".
const ORG_SUFFIXES: &[&str] = &[
    "group",
    "party",
    "dal",
    "bank",
    "bancorp",
    "bancorporation",
    "bancshares",
    "corp",
    "corporation",
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "plc",
    "co",
    "company",
    "cos",
    "companies",
    "ag",
    "gmbh",
    "nv",
    "spa",
    "sa",
    "front",
    "army",
    "movement",
    "council",
    "association",
    "federation",
    "agency",
    "authority",
    "commission",
    "committee",
    "organisation",
    "organization",
    "institute",
    "university",
    "fund",
    "brigade",
    "brigades",
    "battalion",
    "forces",
    "alliance",
    "league",
    "ministry",
    "airlines",
    "airways",
    "holdings",
    "industries",
    "motors",
    "trust",
    "partners",
    "securities",
    "systems",
    "technologies",
    "foundation",
    "society",
    "brotherhood",
    "militia",
    "exchange",
    "boerse",
    "bourse",
    "landesbank",
    "board",
    "bureau",
    "petroleum",
    "resources",
    "communications",
    "electronics",
    "pharmaceuticals",
    "chemicals",
    "international",
    "insurance",
    "investments",
    "enterprises",
    "manufacturing",
    "mining",
    "steel",
];

/// First words of organisation names that continue with "of": "Ministry of Defence",
/// "Bank of England", "Organisation of Islamic Cooperation".
const ORG_HEADS: &[&str] = &[
    "ministry",
    "department",
    "bank",
    "office",
    "council",
    "organisation",
    "organization",
    "union",
    "federation",
    "association",
    "institute",
    "university",
    "party",
    "front",
    "army",
    "movement",
    "league",
    "commission",
    "committee",
    "court",
    "board",
    "bureau",
    "church",
    "confederation",
    "congress",
];

/// Participles that make a hyphenated word an attribute of the name after it ("Boston-based
/// FMR", "State-run Tanzania Railway", "US-funded Radio Farda") or of what follows the name
/// ("an African Union-led force").
#[rustfmt::skip]
const ATTRIBUTIVES: &[&str] = &[
    "based", "owned", "run", "held", "listed", "led", "backed", "controlled", "funded",
    "appointed", "sponsored", "allied", "linked", "dominated", "affiliated", "registered",
    "headquartered", "operated", "financed", "supported", "born", "made", "brokered",
];

/// Whether `w` is a hyphenated word that ends on one of [`ATTRIBUTIVES`] ("Boston-based",
/// "State-run", "Union-led"), any case.
pub(crate) fn attributive(w: &str) -> bool {
    // The last hyphen found by a plain scan of the bytes (a hyphen byte is always a whole
    // character): most words have none, and the library's search costs more for a word.
    w.bytes().rposition(|b| b == b'-').is_some_and(|at| {
        let tail = &w[at + 1..];
        at > 0 && tail.len() <= 13 && ATTRIBUTIVES.iter().any(|a| a.eq_ignore_ascii_case(tail))
    })
}

/// Lower-case name particles kept inside a name: "Charles de Gaulle", "Ursula von der Leyen",
/// "Bashar al-Assad" (written apart).
const NAME_PARTICLES: &[&str] = &[
    "de", "del", "della", "der", "den", "van", "von", "du", "da", "di", "dos", "das", "al", "el",
    "bin", "ibn", "bint", "ould", "ag", "la", "le", "ter", "ten", "zu",
];

/// Words in Latin-script aliases that the gazetteer writes capitalised but running text often
/// writes in lower case: "The Kremlin" / "the Kremlin", "Al-Shabaab" / "al-Shabaab".
pub(crate) const LOWERABLE: &[&str] = &[
    "the", "of", "and", "for", "on", "in", "de", "del", "della", "der", "den", "van", "von", "du",
    "da", "di", "dos", "das", "al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "bin", "ibn",
    "bint", "la", "le", "les",
];

/// Short upper-case words that are also acronyms in gazetteers ("CAR", "IS", "WHO"): in an
/// all-caps headline they are words, so they match only in mixed-case text.
const EXTRA_ACRONYM_WORDS: &[&str] = &[
    "car", "cars", "is", "it", "who", "aid", "man", "men", "war", "arm", "art", "can", "act",
    "add", "age", "ago", "air", "all", "ask", "bad", "bar", "big", "bit", "box", "boy", "bus",
    "buy", "cap", "cut", "die", "dry", "due", "end", "far", "few", "fit", "fly", "fun", "gap",
    "get", "god", "gun", "hit", "ice", "ill", "job", "key", "law", "lay", "let", "lie", "lot",
    "low", "map", "may", "mix", "net", "nor", "not", "now", "odd", "off", "oil", "old", "one",
    "out", "own", "pay", "pet", "pin", "pop", "pot", "put", "raw", "rid", "row", "run", "sad",
    "saw", "say", "see", "set", "sex", "six", "sky", "son", "sum", "sun", "tax", "tea", "ten",
    "tie", "tip", "top", "try", "two", "use", "via", "was", "way", "web", "wet", "why", "win",
    "yes", "am", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "me", "my", "no",
    "of", "oh", "ok", "on", "or", "so", "to", "up", "we", "us", "hope", "cut", "cuts", "talk",
    "gain", "gains", "rise", "fall", "bid", "deal", "plan", "sees", "sets", "seen", "rate", "shr",
    "qtr", "ups", "eye", "arms",
];

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "capt", "adm", "sgt",
    "rev", "jr", "sr", "u.s", "u.k", "u.n", "no", "corp", "inc", "co", "ltd", "maj", "prof", "mt",
    "ft", "messrs",
];

/// Verbs and prepositions after which an all-caps "US" is the pronoun: "LET US", "TELL US".
pub(crate) const US_PRONOUN_BEFORE: &[&str] = &[
    "let", "tell", "tells", "told", "give", "gives", "gave", "help", "helps", "join", "joins",
    "ask", "asks", "show", "shows", "with", "among", "against", "beat", "beats", "about",
];

/// Currency words: "U.S. dlrs", "Swiss franc", "Japanese yen" name a currency, not a country.
pub(crate) const CURRENCIES: &[&str] = &[
    "dollar",
    "dollars",
    "dlr",
    "dlrs",
    "franc",
    "francs",
    "yen",
    "mark",
    "marks",
    "guilder",
    "guilders",
    "pound",
    "pounds",
    "sterling",
    "lira",
    "lire",
    "peseta",
    "pesetas",
    "crown",
    "crowns",
    "krona",
    "kronor",
    "krone",
    "kroner",
    "schilling",
    "schillings",
    "rand",
    "rupee",
    "rupees",
    "peso",
    "pesos",
    "yuan",
    "rouble",
    "roubles",
    "ruble",
    "rubles",
    "escudo",
    "escudos",
    "drachma",
    "drachmas",
    "cruzado",
    "cruzados",
    "riyal",
    "riyals",
    "dinar",
    "dinars",
    "currency",
    "currencies",
    "cents",
    "ringgit",
    "baht",
    "won",
    "shekel",
    "shekels",
    "naira",
    "cedi",
    "punt",
    "punts",
    "zloty",
    "forint",
    "euro",
    "euros",
    "cfa",
];

/// A word of [`CURRENCIES`] that names a currency and nothing else English uses it for: not
/// "currencies" ("EMS currencies"), "won" ("the UAW won"), "mark", "crown", "pound", "cents"
/// or "punt".
pub(crate) fn currency_name(w: &str) -> bool {
    CURRENCIES.contains(&w)
        && !matches!(
            w,
            "currency"
                | "currencies"
                | "won"
                | "mark"
                | "marks"
                | "crown"
                | "crowns"
                | "pound"
                | "pounds"
                | "cents"
                | "punt"
                | "punts"
        )
}

/// Prepositions that introduce a place: "in Nice", "from Reading".
pub(crate) const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "at", "near", "from", "to", "outside", "around", "of", "into", "towards", "toward",
    "via", "through", "across",
];

/// Initial capacity of the word-class map: room for every listed word (about 1,300) without
/// growing.
const LEXICON_CAPACITY: usize = 2048;

/// Longest ASCII word [`Lexicon::class`] lowers in a stack buffer; longer words are lowered
/// on the heap (no list word is that long).
const STACK_WORD: usize = 48;

/// Longest text [`with_ascii_lower`] lowers in a stack buffer; longer texts allocate.
const STACK_KEY: usize = 64;

bitflags::bitflags! {
    /// The word classes a word belongs to (a word may be in several).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub(crate) struct WordClass: u16 {
        /// A given name ("Chad", "Josep").
        const GIVEN = 1;
        /// A common English word ("Nice", "the").
        const COMMON = 1 << 1;
        /// An English dictionary word ("Sale", "Buffalo"); every common word is one.
        const ENGLISH = 1 << 2;
        /// An acronym that reads as a word in a headline ("CAR", "WHO").
        const ACRONYM_WORD = 1 << 3;
        /// A title or role before a name ("Minister", "Mr").
        const TITLE = 1 << 4;
        /// A weak title ("General"): needs a given name or two words after it.
        const WEAK_TITLE = 1 << 5;
        /// A lower-case role before a name ("spokesman", "chief").
        const LOWER_ROLE = 1 << 6;
        /// A speech verb ("said").
        const SPEECH = 1 << 7;
        /// An organisation suffix ("Group", "Corp").
        const ORG_SUFFIX = 1 << 8;
        /// An organisation head before "of" ("Ministry", "Bank").
        const ORG_HEAD = 1 << 9;
        /// A name particle ("de", "bin").
        const PARTICLE = 1 << 10;
        /// An abbreviation written with a full stop ("Gen.", "Conn.").
        const ABBREVIATION = 1 << 11;
        /// A title anyone may hold, not an office ("Mr", "analyst"): see [`PLAIN_TITLES`].
        const PLAIN_TITLE = 1 << 12;
        /// Words that are not part of a person's name when capitalised: common words, titles
        /// and organisation suffixes.
        const NOT_IN_NAMES = Self::COMMON.bits() | Self::TITLE.bits() | Self::ORG_SUFFIX.bits();
    }
}

/// The lists, parsed once per [`crate::Extractor`]: one map from a lower-case word to the
/// classes it belongs to, so that a word costs one lookup.
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// Keyed by the word's lower-case bytes, so that a lookup lowers into a stack buffer and
    /// hashes it with no UTF-8 check.
    classes: FxHashMap<Box<[u8]>, WordClass>,
}

fn word_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    pub(crate) fn new() -> Lexicon {
        let mut classes: FxHashMap<Box<[u8]>, WordClass> = FxHashMap::default();
        classes.reserve(LEXICON_CAPACITY);
        let mut add = |words: &mut dyn Iterator<Item = &str>, flag: WordClass| {
            for w in words {
                *classes
                    .entry(w.to_lowercase().into_bytes().into_boxed_slice())
                    .or_default() |= flag;
            }
        };
        add(&mut word_lines(GIVEN_NAMES), WordClass::GIVEN);
        add(
            &mut word_lines(COMMON_WORDS),
            WordClass::COMMON | WordClass::ENGLISH | WordClass::ACRONYM_WORD,
        );
        add(
            &mut word_lines(ENGLISH_WORDS),
            WordClass::ENGLISH | WordClass::ACRONYM_WORD,
        );
        add(
            &mut EXTRA_ACRONYM_WORDS.iter().copied(),
            WordClass::ACRONYM_WORD,
        );
        add(&mut TITLES.iter().copied(), WordClass::TITLE);
        add(&mut WEAK_TITLES.iter().copied(), WordClass::WEAK_TITLE);
        add(&mut PLAIN_TITLES.iter().copied(), WordClass::PLAIN_TITLE);
        add(&mut LOWER_ROLES.iter().copied(), WordClass::LOWER_ROLE);
        add(&mut SPEECH_VERBS.iter().copied(), WordClass::SPEECH);
        add(&mut ORG_SUFFIXES.iter().copied(), WordClass::ORG_SUFFIX);
        add(&mut ORG_HEADS.iter().copied(), WordClass::ORG_HEAD);
        add(&mut NAME_PARTICLES.iter().copied(), WordClass::PARTICLE);
        add(&mut ABBREVIATIONS.iter().copied(), WordClass::ABBREVIATION);
        Lexicon { classes }
    }

    /// The classes of `word`, any case: a set of the class flags above.
    #[inline]
    pub(crate) fn class(&self, word: &str) -> WordClass {
        let b = word.as_bytes();
        let mut buf = [0u8; STACK_WORD];
        let class = if b.len() <= STACK_WORD && lower_into(b, &mut buf) {
            self.classes.get(&buf[..b.len()])
        } else {
            self.classes.get(word.to_lowercase().as_bytes())
        };
        class.copied().unwrap_or_default()
    }

    /// `word` (any case) is a given name.
    pub(crate) fn is_given(&self, word: &str) -> bool {
        self.class(word).contains(WordClass::GIVEN)
    }

    /// `word` (any case) is a common English word.
    pub(crate) fn is_common(&self, word: &str) -> bool {
        self.class(word).contains(WordClass::COMMON)
    }

    /// `word` (any case) is an English dictionary word or a common word: "Sale", "Buffalo".
    pub(crate) fn is_english(&self, word: &str) -> bool {
        self.class(word).contains(WordClass::ENGLISH)
    }

    /// An upper-case acronym that reads as a word in a headline ("CAR", "WHO").
    pub(crate) fn is_acronym_word(&self, word: &str) -> bool {
        self.class(word).contains(WordClass::ACRONYM_WORD)
    }

    pub(crate) fn is_abbreviation(&self, word: &str) -> bool {
        self.class(word).contains(WordClass::ABBREVIATION)
    }
}

/// Calls `f` with `word`'s ASCII letters in lower case (other characters kept), without
/// allocating for short words.
pub(crate) fn with_ascii_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let b = word.as_bytes();
    if b.len() <= STACK_KEY {
        let mut buf = [0u8; STACK_KEY];
        lower_into(b, &mut buf);
        f(std::str::from_utf8(&buf[..b.len()]).unwrap_or_default())
    } else {
        f(&word.to_ascii_lowercase())
    }
}

/// Copies `b` to the start of `buf` with its ASCII letters in lower case, eight bytes at a
/// time ([`ascii_lower`]), as [`u8::to_ascii_lowercase`] would one by one; returns whether
/// `b` is all ASCII. `buf` must hold `b` rounded up to eight bytes (bytes past `b` are
/// overwritten with 0).
#[inline]
fn lower_into(b: &[u8], buf: &mut [u8]) -> bool {
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut seen = 0u64;
    for (from, to) in b.chunks(8).zip(buf.chunks_exact_mut(8)) {
        let mut eight = [0u8; 8];
        eight[..from.len()].copy_from_slice(from);
        let x = u64::from_le_bytes(eight);
        seen |= x;
        to.copy_from_slice(&ascii_lower(x).to_le_bytes());
    }
    seen & HIGH == 0
}

/// The eight bytes of `x` with their ASCII upper-case letters in lower case, as
/// [`u8::to_ascii_lowercase`] would put them one by one. In each byte's low seven bits,
/// adding `0x80 - b'A'` sets the high bit from `A` up, adding `0x80 - b'Z' - 1` from past `Z`
/// up (no carry leaves a byte); a byte outside ASCII is left alone.
pub(crate) fn ascii_lower(x: u64) -> u64 {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const LOW7: u64 = ONES * 0x7f;
    const HIGH: u64 = ONES * 0x80;
    let low = x & LOW7;
    let from_a = low + ONES * u64::from(0x80 - b'A');
    let past_z = low + ONES * u64::from(0x80 - b'Z' - 1);
    let upper = from_a & !past_z & !x & HIGH;
    x | upper >> 2
}

/// Lower case, cheaply for ASCII.
pub(crate) fn lower(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_lower_lowers_ascii_letters_only() {
        for b in 0..=255u8 {
            let x = u64::from_le_bytes([b, b'Q', b, 0xc3, b'@', b'[', b'z', b]);
            let want = x.to_le_bytes().map(|c| c.to_ascii_lowercase());
            assert_eq!(ascii_lower(x).to_le_bytes(), want, "{b:#x}");
        }
    }

    #[test]
    fn words_are_lowered_into_a_buffer_as_byte_by_byte() {
        for w in [
            "",
            "a",
            "Minister",
            "MINISTER",
            "Mr",
            "Lieutenant-Colonel",
            "exactly8",
            "EXACTLY-9",
            "Zürich",
            "ÖL",
            "İstanbul",
            "x\u{80}",
            "Sixteen-Letters!",
            "@[`{",
            &"Ab".repeat(24),
        ] {
            let b = w.as_bytes();
            let mut buf = [0xffu8; STACK_KEY];
            let ascii = lower_into(b, &mut buf);
            assert_eq!(ascii, w.is_ascii(), "{w:?}");
            assert_eq!(&buf[..b.len()], w.to_ascii_lowercase().as_bytes(), "{w:?}");
            with_ascii_lower(w, |l| assert_eq!(l, w.to_ascii_lowercase()));
        }
        let lex = Lexicon::new();
        for w in [
            "MINISTER", "Minister", "minister", "Ölpreis", "ZÜRICH", "the", "THE", "Mr",
        ] {
            let want = lex
                .classes
                .get(w.to_lowercase().as_bytes())
                .copied()
                .unwrap_or_default();
            assert_eq!(lex.class(w), want, "{w:?}");
        }
    }

    #[test]
    fn attributives_are_found_as_by_splitting_at_the_last_hyphen() {
        let plain = |w: &str| {
            w.rsplit_once('-').is_some_and(|(head, tail)| {
                !head.is_empty()
                    && tail.len() <= 13
                    && ATTRIBUTIVES.iter().any(|a| a.eq_ignore_ascii_case(tail))
            })
        };
        for w in [
            "",
            "-",
            "-based",
            "Boston-based",
            "Boston-BASED",
            "State-run",
            "Union-led-",
            "a-b-led",
            "Zürich-based",
            "São-Paulo-based",
            "based",
            "Boston–based",
            "x-headquartered",
            "x-headquarteredd",
            "Müller-Thurgau",
            "日本-based",
            "-led-led",
        ] {
            assert_eq!(attributive(w), plain(w), "{w:?}");
        }
    }

    #[test]
    fn lists_load_and_answer() {
        let lex = Lexicon::new();
        assert!(lex.is_given("Chad") && lex.is_given("josep") && lex.is_given("Paris"));
        assert!(!lex.is_given("Lavrov"));
        assert!(lex.is_common("Nice") && lex.is_common("READING") && lex.is_common("the"));
        assert!(!lex.is_common("Mali"));
        assert!(lex.is_acronym_word("CAR") && lex.is_acronym_word("WHO"));
        assert!(!lex.is_acronym_word("NATO"));
        let has = |w: &str, class: WordClass| lex.class(w).intersects(class);
        assert!(
            has("Minister", WordClass::TITLE)
                && has("Mr", WordClass::TITLE)
                && !has("Lavrov", WordClass::TITLE)
        );
        assert!(has("Group", WordClass::ORG_SUFFIX) && has("Ministry", WordClass::ORG_HEAD));
        assert!(
            has("de", WordClass::PARTICLE)
                && has("SPOKESMAN", WordClass::LOWER_ROLE)
                && has("said", WordClass::SPEECH)
        );
    }
}
