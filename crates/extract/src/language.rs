//! Which language a story is written in when its source does not say.
//!
//! [`detect`] runs [whatlang](https://docs.rs/whatlang)'s trigram detector (69 languages, no
//! model files, a few microseconds per story) over the first [`SAMPLE_BYTES`] bytes of a text
//! and returns a lower-case BCP 47 primary tag (`"de"`, `"fr"`, `"nb"`). A source's own tag
//! always wins: [`story_language`] detects only when [`Article::language`] is empty.
//!
//! Only the words in lower case are read (names and figures tell a table's origin, not its
//! language), and at least [`MIN_WORDS`] of them; only a confident detection
//! ([`MIN_CONFIDENCE`]) fills the field. A story too short to tell, or a table, stays unknown
//! (`und`) and is read as English.
//!
//! Measured on the agency samples of `../shared/corpora` (root `examples/language_accuracy.rs`).

use crate::Article;

/// Detection reads at most this many bytes of the text (cut at a character boundary): the
/// first paragraphs tell the language, and the cost stays flat for long stories.
pub const SAMPLE_BYTES: usize = 2_000;

/// Fewer words in lower case than this in the sample, and the language is not judged.
pub const MIN_WORDS: usize = 8;

/// A detection below this confidence (whatlang's, 0 to 1) is not taken.
pub const MIN_CONFIDENCE: f64 = 0.5;

/// What [`detect`] found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    /// Lower-case BCP 47 primary language subtag: ISO 639-1 where there is one.
    pub tag: &'static str,
    /// whatlang's confidence, 0 to 1.
    pub confidence: f64,
    /// whatlang's own judgement that the detection is reliable (enough text, a clear lead
    /// over the runner-up).
    pub reliable: bool,
}

/// The language of `text`, or `None` when the text is too short or in no known language.
///
/// # Example
///
/// ```
/// use newsidx_extract::language::detect;
///
/// let d = detect(
///     "Die Bundesregierung hat am Donnerstag ihre Pläne für den Haushalt vorgestellt, die \
///      nach Angaben des Ministeriums auch neue Schulden vorsehen.",
/// )
/// .unwrap();
/// assert_eq!(d.tag, "de");
/// // Too few words in lower case to tell: names and figures do not count.
/// assert!(detect("Partizan 3 Zeleznik 1, Vojvodina 2 Rad 0").is_none());
/// ```
pub fn detect(text: &str) -> Option<Detection> {
    let mut buf = [""; DETECT_WORDS];
    let n = lower_case_words(text, &mut buf);
    detect_words(&buf[..n])
}

/// [`detect`] over the lower-case words of a sample.
fn detect_words(words: &[&str]) -> Option<Detection> {
    let words = &words[..words.len().min(DETECT_WORDS)];
    if words.len() < MIN_WORDS {
        return None;
    }
    let mut sample = String::with_capacity(words.iter().map(|w| w.len() + 1).sum());
    for w in words {
        sample.push_str(w);
        sample.push(' ');
    }
    let info = whatlang::detect(&sample)?;
    Some(Detection {
        tag: bcp47(info.lang()),
        confidence: info.confidence(),
        reliable: info.is_reliable(),
    })
}

/// The language a story is analysed in: its source's tag (lower case, as given), else what
/// [`judge`] makes of its title and body (`None`: unknown, read as English).
pub fn story_language(article: &Article) -> Option<String> {
    if let Some(tag) = article.language.as_deref().map(str::trim) {
        if !tag.is_empty() {
            return Some(tag.to_ascii_lowercase());
        }
    }
    // Title and body are enough; the standfirst and dateline add little.
    let mut text = String::with_capacity(SAMPLE_BYTES + article.title.len());
    text.push_str(&article.title);
    text.push_str(".\n");
    text.push_str(&article.body[..floor_boundary(&article.body, SAMPLE_BYTES)]);
    judge(&text).map(str::to_string)
}

/// The language of a plain `text` as newsidx judges it, in three steps:
///
/// 1. `en` when it is plainly English: at least one in eight of its first lower-case words
///    is a common English function word (the detector does not run);
/// 2. `en` too when it has [`MIN_WORDS`] lower-case words or more and none shows a sign of
///    another language: none is a common function word of another language
///    ([`OTHER_MARKERS`]) and none has a letter outside ASCII. English tables are such text
///    ("shr 34 cts vs 1.19 dlrs, net 807,000 vs ..."): given their few repeated
///    abbreviations, the detector reads 160 of the 2,152 Reuters-21578 bodies that step 1
///    leaves (with eight words or more) as confident French. The detector does not run,
///    and it is the slowest step of extracting such a text;
/// 3. else the detector's confident answer ([`MIN_CONFIDENCE`]), English included, taken
///    only when confirmed: the text has a letter outside ASCII, or the language has no list
///    of function words here, or one in sixteen of the words read is one of them.
///
/// `None` (unknown) when there are too few words in lower case, or no confident, confirmed
/// answer.
pub fn judge(text: &str) -> Option<&'static str> {
    match judgement(text) {
        Judgement::PlainEnglish | Judgement::NoOtherSign => Some("en"),
        Judgement::Detected(tag) => Some(tag),
        Judgement::Unknown => None,
    }
}

/// What [`judgement`] found.
enum Judgement {
    /// Plainly English: the detector did not run.
    PlainEnglish,
    /// Enough words, none a sign of another language: English, though not plainly (a
    /// table).
    NoOtherSign,
    /// The detector's answer, confirmed.
    Detected(&'static str),
    /// Too little text, no sign of another language, or no confident answer.
    Unknown,
}

/// The steps of [`judge`].
fn judgement(text: &str) -> Judgement {
    let mut buf = [""; CLEAR_WORDS];
    let n = lower_case_words(text, &mut buf);
    if english_words(&buf[..n]) {
        return Judgement::PlainEnglish;
    }
    let words = &buf[..n.min(DETECT_WORDS)];
    if words.len() < MIN_WORDS {
        return Judgement::Unknown;
    }
    let mut seen = 0u64;
    let mut counts = [0u16; OTHER_MARKERS.len()];
    let mut non_ascii = false;
    for w in words {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        non_ascii |= w.chars().any(|c| !c.is_ascii() && c.is_alphabetic());
        let mut langs = marker_languages(w);
        seen |= langs;
        while langs != 0 {
            counts[langs.trailing_zeros() as usize] += 1;
            langs &= langs - 1;
        }
    }
    if seen == 0 && !non_ascii {
        return Judgement::NoOtherSign;
    }
    let Some(found) = detect_words(words).filter(|d| d.confidence >= MIN_CONFIDENCE) else {
        return Judgement::Unknown;
    };
    let confirmed = non_ascii
        || match OTHER_MARKERS.iter().position(|(tag, _)| *tag == found.tag) {
            Some(i) => usize::from(counts[i]) * 16 >= words.len(),
            None => true,
        };
    if confirmed {
        Judgement::Detected(found.tag)
    } else {
        Judgement::Unknown
    }
}

/// Common function words of the languages of Latin script the detector knows, by its BCP 47
/// tag ([`bcp47`]), separated by spaces: words that are not also English words, so that
/// English text does not show them, and that any paragraph of the language does. Languages
/// of other scripts are told by their letters.
pub const OTHER_MARKERS: [(&str, &str); 34] = [
    ("de", "der und nicht mit das dem des ein eine auf sich zu im wird auch bei nach sind werden wurde ist für über von"),
    ("fr", "le les des du et est une dans qui que sur au aux pas avec sont ce il ont été de la un à"),
    ("es", "el los las del y que por una para se es al como más su sus fue de la en un"),
    ("it", "il di che della sono gli dei nel alla delle del una anche è più essere questo la un"),
    ("pt", "os da das dos em uma não com para que ao pelo pela mais foi são seu sua também de o"),
    ("nl", "het een niet zijn voor wordt ook naar deze dat werd heeft bij maar nog worden hij de en"),
    ("sv", "och att det som är på för med av har inte om ett den vid ska"),
    ("da", "og det er til på af med som ikke den har fra vil blev sig efter"),
    ("nb", "og det er til på av med som ikke den har fra vil ble seg etter"),
    ("fi", "ja ei että oli hän mutta kun myös ovat tai joka sekä mukaan vuonna"),
    ("tr", "ve bir bu için ile olarak daha çok gibi olan de da"),
    ("pl", "się nie że w z jest oraz przez jak dla od"),
    ("cs", "je se že v z ve jsou aby byl není jako který"),
    ("sk", "je sa že v z vo sú aby bol nie ako ktorý"),
    ("ro", "și în cu pe nu la mai fost sunt pentru de"),
    ("hu", "az és hogy nem egy meg már csak"),
    ("hr", "je i u se da za od su ne kao koji bi ali"),
    ("sl", "je v se da za od ne kot ki bi pa"),
    ("id", "yang dan di dengan untuk ini itu dari tidak akan dalam ada oleh"),
    ("ca", "els amb és del una que dels seva de la el"),
    ("lt", "ir kad yra su iš kaip buvo jo"),
    ("lv", "un ir ka ar uz kā arī tiek"),
    ("et", "ja ei et oli kui ta ning ka"),
    ("tl", "ang ng mga sa ay nang hindi si"),
    ("jv", "ing lan karo kang iku ora"),
    ("cy", "yn mae wedi ac gan ei"),
    ("af", "nie wat vir hulle het"),
    ("la", "et est non cum ut quod sunt esse"),
    ("eo", "kaj estas estis la de"),
    ("uz", "va bilan uchun ham"),
    ("az", "və bu ilə üçün"),
    ("tk", "we bilen üçin"),
    ("zu", "ukuthi futhi kanye ngoba kodwa"),
    ("sn", "uye kuti vanhu"),
];

/// The languages of [`OTHER_MARKERS`] (bit `i` for entry `i`) whose function words include `w`.
fn marker_languages(w: &str) -> u64 {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    static INDEX: OnceLock<HashMap<&'static str, u64>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut index: HashMap<&'static str, u64> = HashMap::new();
        for (i, (_, words)) in OTHER_MARKERS.iter().enumerate() {
            for w in words.split(' ') {
                *index.entry(w).or_default() |= 1 << i;
            }
        }
        index
    });
    // No marker is longer than seven characters.
    if w.len() > 14 {
        return 0;
    }
    index.get(w).copied().unwrap_or(0)
}

/// English words that are not words of the other languages detected (so not `a`, `in`,
/// `on`, `is`, `an`, `at`, `was`, `will`, `die`): a sample where they are common is English.
const ENGLISH_MARKERS: [&str; 16] = [
    "the", "of", "and", "to", "for", "that", "with", "by", "said", "from", "has", "have", "were",
    "which", "this", "its",
];

/// Whether `w` is one of [`ENGLISH_MARKERS`]: its bytes and length packed in a `u64` (no
/// marker is longer than five bytes), compared with the markers packed the same way.
fn is_english_marker(w: &str) -> bool {
    const PACKED: [u64; ENGLISH_MARKERS.len()] = {
        let mut packed = [0; ENGLISH_MARKERS.len()];
        let mut i = 0;
        while i < packed.len() {
            packed[i] = pack_short(ENGLISH_MARKERS[i].as_bytes());
            i += 1;
        }
        packed
    };
    w.len() <= 5 && PACKED.contains(&pack_short(w.as_bytes()))
}

/// The bytes of a word of at most five bytes, and its length, in one `u64`: equal for equal
/// words only.
const fn pack_short(w: &[u8]) -> u64 {
    let mut key = (w.len() as u64) << 40;
    let mut i = 0;
    while i < w.len() && i < 5 {
        key |= (w[i] as u64) << (8 * i);
        i += 1;
    }
    key
}

/// How many words in lower case [`detect`] gives the detector at most: its time grows with
/// the sample, and its accuracy on the agency samples stopped growing well before (README,
/// Languages).
const DETECT_WORDS: usize = 48;

/// How many words in lower case [`clearly_english`] reads at most: enough to tell, and the
/// test stays cheap on long stories.
const CLEAR_WORDS: usize = 64;

/// Whether the first [`CLEAR_WORDS`] words in lower case of the first [`SAMPLE_BYTES`] of
/// `text` are at least [`MIN_WORDS`], and at least one in eight of them is one of
/// [`ENGLISH_MARKERS`] (a fifth of the lower-case words of English news are; of German,
/// French or Finnish copy, next to none): English, without running the detector.
#[cfg(test)]
fn clearly_english(text: &str) -> bool {
    let mut buf = [""; CLEAR_WORDS];
    let n = lower_case_words(text, &mut buf);
    english_words(&buf[..n])
}

/// [`clearly_english`] of the lower-case words of a sample.
fn english_words(words: &[&str]) -> bool {
    let words = &words[..words.len().min(CLEAR_WORDS)];
    let mut markers = 0usize;
    for &w in words {
        // Most words end in an ASCII letter or digit: nothing to trim.
        let w = match w.as_bytes().last() {
            Some(b) if b.is_ascii_alphanumeric() => w,
            _ => w.trim_end_matches(|c: char| !c.is_alphanumeric()),
        };
        markers += usize::from(is_english_marker(w));
    }
    words.len() >= MIN_WORDS && markers * 8 >= words.len()
}

/// Fills `out` with the first words (split at white space) of the first [`SAMPLE_BYTES`] of
/// `text` (cut at a character boundary) that start in lower case, and returns how many. Names
/// and figures say little of a language and much of a team sheet's or a price table's origin
/// ("Partizan", "Zeleznik" read as Spanish): the words that tell are the ones in lower case
/// (articles, verbs, prepositions; German nouns aside).
///
/// One pass over the bytes, as `split_whitespace` splits: runs of ASCII bytes are read a
/// byte at a time, and only the characters outside ASCII are decoded. It stops when `out` is
/// full.
fn lower_case_words<'a>(text: &'a str, out: &mut [&'a str]) -> usize {
    let s = &text[..floor_boundary(text, SAMPLE_BYTES)];
    let bytes = s.as_bytes();
    // Whether the character at `i` (a boundary) is white space, and its length.
    let char_at = |i: usize| -> (bool, usize) {
        let b = bytes[i];
        if b < 0x80 {
            (is_ascii_space(b), 1)
        } else {
            let c = s[i..].chars().next().unwrap_or('x');
            (c.is_whitespace(), c.len_utf8())
        }
    };
    let (mut i, mut n) = (0, 0);
    while i < bytes.len() && n < out.len() {
        let (space, len) = char_at(i);
        if space {
            i += len;
            continue;
        }
        let start = i;
        loop {
            // Most of a word is printable ASCII.
            i += printable_ascii_run(&bytes[i..]);
            if i == bytes.len() {
                break;
            }
            let (space, len) = char_at(i);
            if space {
                break;
            }
            i += len;
        }
        // `i` stops on a character boundary: at the end, or at a white-space character.
        let word = &s[start..i];
        let lower = match bytes[start] {
            b if b < 0x80 => b.is_ascii_lowercase(),
            _ => word.chars().next().is_some_and(char::is_lowercase),
        };
        if lower {
            out[n] = word;
            n += 1;
        }
    }
    n
}

/// How many bytes `bytes` starts with that are printable ASCII (`!` to `~` and DEL): none of
/// them is white space.
///
/// Eight bytes at a time: in a `u64` of eight bytes, `(x - 0x21 in every byte) & !x` sets the
/// high bit of a byte below `0x21` (the subtraction wraps), `x` that of a byte outside ASCII.
/// A borrow can flag a byte above a flagged one wrongly, never one below, so the lowest flag
/// is exact, and only it is read.
fn printable_ascii_run(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    let mut chunks = bytes.chunks_exact(8);
    let mut n = 0;
    for chunk in &mut chunks {
        let mut eight = [0; 8];
        eight.copy_from_slice(chunk);
        let x = u64::from_le_bytes(eight);
        let flags = (x.wrapping_sub(ONES * 0x21) & !x | x) & HIGH;
        if flags != 0 {
            return n + (flags.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + chunks
        .remainder()
        .iter()
        .position(|&b| !(0x21..0x80).contains(&b))
        .unwrap_or(chunks.remainder().len())
}

/// Whether the ASCII byte `b` is white space as [`char::is_whitespace`] has it (unlike
/// [`u8::is_ascii_whitespace`], with the vertical tab).
#[inline]
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// What is known of the language of a plain `text`: `en` when [`judge`] reads it as plainly
/// English, the tag of a non-English language it judges, else `None` (unknown: the extractor
/// then judges whether it reads as English).
pub(crate) fn detected(text: &str) -> Option<&'static str> {
    match judgement(text) {
        Judgement::PlainEnglish => Some("en"),
        Judgement::NoOtherSign | Judgement::Detected("en") | Judgement::Unknown => None,
        Judgement::Detected(tag) => Some(tag),
    }
}

/// The largest character boundary of `s` at or below `at`.
fn floor_boundary(s: &str, at: usize) -> usize {
    let mut end = s.len().min(at);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// whatlang's ISO 639-3 language as a BCP 47 primary subtag (ISO 639-1 where it has one).
pub fn bcp47(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Epo => "eo",
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        Cym => "cy",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clearly_english_text_skips_the_detector_and_other_languages_do_not() {
        let en = "The minister said on Tuesday that the talks with the rebels had failed \
                  and that troops from the region were ready.";
        assert!(clearly_english(en));
        assert_eq!(detected(en), Some("en"));
        let de = "Die Regierung hat am Montag beschlossen, dass die Steuern für kleine \
                  Unternehmen im nächsten Jahr sinken sollen, sagte der Minister.";
        assert!(!clearly_english(de));
        assert_eq!(detected(de), Some("de"));
        let fr = "Le gouvernement a annoncé mardi que les négociations avec les syndicats \
                  reprendront la semaine prochaine à Paris, selon le ministre.";
        assert!(!clearly_english(fr));
        assert_eq!(detected(fr), Some("fr"));
        // Too few words to judge either way.
        assert!(!clearly_english("the of and to"));
    }

    #[test]
    fn the_source_tag_wins_over_detection() {
        let article = Article {
            title: "Regierung".into(),
            body: "Die Bundesregierung hat am Donnerstag ihre Pläne vorgestellt, sagte ein \
                   Sprecher in Berlin."
                .into(),
            language: Some("FR".into()),
            ..Article::default()
        };
        assert_eq!(story_language(&article).as_deref(), Some("fr"));
    }

    #[test]
    fn an_untagged_story_is_given_the_language_detected() {
        let mut article = Article {
            title: "Le gouvernement malien".into(),
            body: "Le gouvernement de transition du Mali a annoncé jeudi la fin de la \
                   coopération militaire avec la France, selon un communiqué lu à la \
                   télévision nationale."
                .into(),
            ..Article::default()
        };
        assert_eq!(story_language(&article).as_deref(), Some("fr"));
        article.title = "Mali's government".into();
        article.body = "The transitional government of Mali said on Thursday that it \
                        ended military cooperation with France, in a statement read on \
                        national television."
            .into();
        assert_eq!(story_language(&article).as_deref(), Some("en"));
        // Too little text to be sure: unknown.
        article.title = "Mali".into();
        article.body = "OK".into();
        assert_eq!(story_language(&article), None);
    }

    /// An English earnings table: abbreviations and figures, no English function word.
    const TABLE: &str = "Shr profit nine cts vs loss two cts\n    Net profit 412,000 vs loss \
                         96,000\n    Revs 8.1 mln vs 7.3 mln\n    Nine mths\n    Shr profit 31 cts \
                         vs loss four cts\n    Net profit 1,401,000 vs loss 210,000\n    Revs \
                         25.2 mln vs 21.9 mln\n    Note: net includes tax credits of 150,000 dlrs \
                         vs nil.\n";

    #[test]
    fn an_english_table_is_english_not_what_the_detector_makes_of_it() {
        // The detector alone calls it French, and confidently.
        let raw = detect(TABLE).unwrap();
        assert_eq!((raw.tag, raw.confidence >= MIN_CONFIDENCE), ("fr", true));
        assert_eq!(judge(TABLE), Some("en"));
        let article = Article {
            title: "ACME SAVINGS <ACME> 3RD QTR NET".into(),
            body: TABLE.into(),
            ..Article::default()
        };
        assert_eq!(story_language(&article).as_deref(), Some("en"));
        // Plain text: unknown, so the extractor judges it as English text, not as French.
        assert_eq!(detected(TABLE), None);
        // A name with a foreign particle does not make the table foreign: the detector runs,
        // and its answer lacks the function words to confirm it.
        let named = TABLE.replace("Note:", "Banco de Credito said");
        assert!(
            matches!(judge(&named), None | Some("en")),
            "{:?}",
            judge(&named)
        );
    }

    #[test]
    fn a_foreign_table_with_accented_words_keeps_its_language() {
        // Finnish results: no function word, but words with letters outside ASCII.
        let fi = "Miehet, 60 m: 1) Visa Lahti 6,72 (kkk), 2) Eetu Ranta 6,83, Lauri Koski \
                  hylättiin. 1. alkuerä: 1) Lahti 6,85, 2) Ranta 6,98, Hannu Aho hylättiin. \
                  2. alkuerä: 1) Koski 6,83, 2) Aho 6,93. 400 m: 1) Oskari Mäki 49,13 \
                  (ae. 49,93), 2) Antti Salo 49,98. 3. alkuerä: 1) Mäki 49,50, Artem Lind \
                  hylättiin. 5000 m kävely: 1) Jarkko Niemi 19.56,83 (kkk), Veli Laine \
                  hylättiin. Seiväs: 1) Minna Virta 441 (kkk), 2) Erica Kallio 385, Aino \
                  Heino ilman tulosta.";
        assert_eq!(judge(fi), Some("fi"));
        // Running German text is confirmed by its function words.
        let de = "Die Regierung hat am Montag beschlossen, dass die Steuern für kleine \
                  Unternehmen im nächsten Jahr sinken sollen, sagte der Minister.";
        assert_eq!(judge(de), Some("de"));
    }

    #[test]
    fn every_marker_is_lower_case_and_not_an_english_marker() {
        for (tag, words) in OTHER_MARKERS {
            assert!(
                bcp47_tags().contains(&tag),
                "{tag} is not a detector language"
            );
            for w in words.split(' ') {
                assert!(
                    !w.is_empty() && w.chars().all(char::is_lowercase),
                    "{tag}: {w:?}"
                );
                assert!(!ENGLISH_MARKERS.contains(&w), "{tag}: {w}");
                assert_ne!(marker_languages(w), 0);
            }
        }
    }

    /// Every tag [`bcp47`] gives.
    fn bcp47_tags() -> Vec<&'static str> {
        whatlang::Lang::all().iter().map(|&l| bcp47(l)).collect()
    }

    #[test]
    fn lower_case_words_split_as_split_whitespace_does() {
        let texts = [
            "the Minister\u{a0}said\tthat  ölpreise stiegen\u{2003}über 3% — wie erwartet,\n\
             l'économie «va» bien; 東京 の 株価",
            "",
            "   ",
            "\u{a0}\u{a0}a",
            &"Ab cd é\u{a0}".repeat(400),
        ];
        for text in texts {
            let cut = &text[..floor_boundary(text, SAMPLE_BYTES)];
            let want: Vec<&str> = cut
                .split_whitespace()
                .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
                .take(CLEAR_WORDS)
                .collect();
            let mut buf = [""; CLEAR_WORDS];
            let n = lower_case_words(text, &mut buf);
            assert_eq!(&buf[..n], &want[..], "{text:?}");
        }
    }

    #[test]
    fn a_printable_ascii_run_ends_at_the_first_other_byte() {
        let text = "abcdefghij k\u{1}l\u{7f}m\u{a0}nopqrstuvwxyz0123456789\tAB\u{20}CDEFGHIJé";
        let bytes = text.as_bytes();
        for i in 0..bytes.len() {
            let want = bytes[i..]
                .iter()
                .position(|&b| !(0x21..0x80).contains(&b))
                .unwrap_or(bytes.len() - i);
            assert_eq!(printable_ascii_run(&bytes[i..]), want, "{i}");
        }
    }

    #[test]
    fn english_markers_are_told_by_their_packed_bytes() {
        for w in ENGLISH_MARKERS {
            assert!(is_english_marker(w), "{w}");
        }
        for w in [
            "", "th", "thee", "the\0", "The", "\0the", "of\0", "its.", "said,", "hasn",
        ] {
            assert!(!is_english_marker(w), "{w:?}");
        }
    }

    #[test]
    fn a_long_text_is_cut_at_a_character_boundary() {
        let text = format!("a{}", "é".repeat(SAMPLE_BYTES));
        // Must not panic on the cut inside a two-byte character.
        let _ = detect(&text);
        assert_eq!(floor_boundary(&text, SAMPLE_BYTES), SAMPLE_BYTES - 1);
    }
}
