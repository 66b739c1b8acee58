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
    let mut sample = String::with_capacity(SAMPLE_BYTES);
    let mut words = 0;
    for w in lower_case_words(text).take(DETECT_WORDS) {
        sample.push_str(w);
        sample.push(' ');
        words += 1;
    }
    if words < MIN_WORDS {
        return None;
    }
    let info = whatlang::detect(&sample)?;
    Some(Detection {
        tag: bcp47(info.lang()),
        confidence: info.confidence(),
        reliable: info.is_reliable(),
    })
}

/// The language a story is analysed in: its source's tag (lower case, as given), else `en`
/// for text that is plainly English (a share of English function words among its first
/// lower-case words; the detector does not run), else a confident detection (English
/// included), else `None` (unknown, read as English).
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
    if clearly_english(&text) {
        return Some("en".to_string());
    }
    detect(&text)
        .filter(|d| d.confidence >= MIN_CONFIDENCE)
        .map(|d| d.tag.to_string())
}

/// English words that are not words of the other languages detected (so not `a`, `in`,
/// `on`, `is`, `an`, `at`, `was`, `will`, `die`): a sample where they are common is English.
const ENGLISH_MARKERS: [&str; 16] = [
    "the", "of", "and", "to", "for", "that", "with", "by", "said", "from", "has", "have", "were",
    "which", "this", "its",
];

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
fn clearly_english(text: &str) -> bool {
    let (mut words, mut markers) = (0usize, 0usize);
    for w in lower_case_words(text).take(CLEAR_WORDS) {
        words += 1;
        let w = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        // No marker is longer than five bytes.
        markers += usize::from(w.len() <= 5 && ENGLISH_MARKERS.contains(&w));
    }
    words >= MIN_WORDS && markers * 8 >= words
}

/// The words of the first [`SAMPLE_BYTES`] of `text` (cut at a character boundary) that start
/// in lower case. Names and figures say little of a language and much of a team sheet's or a
/// price table's origin ("Partizan", "Zeleznik" read as Spanish): the words that tell are the
/// ones in lower case (articles, verbs, prepositions; German nouns aside).
fn lower_case_words(text: &str) -> impl Iterator<Item = &str> {
    text[..floor_boundary(text, SAMPLE_BYTES)]
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
}

/// What is known of the language of a plain `text`: `en` when it is [`clearly_english`]
/// (the detector does not run: it was a third of the extraction time of untagged stories),
/// the tag of a confident non-English detection, else `None` (unknown: the extractor then
/// judges whether it reads as English).
pub(crate) fn detected(text: &str) -> Option<&'static str> {
    if clearly_english(text) {
        return Some("en");
    }
    detect(text)
        .filter(|d| d.tag != "en" && d.confidence >= MIN_CONFIDENCE)
        .map(|d| d.tag)
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

    #[test]
    fn a_long_text_is_cut_at_a_character_boundary() {
        let text = format!("a{}", "é".repeat(SAMPLE_BYTES));
        // Must not panic on the cut inside a two-byte character.
        let _ = detect(&text);
        assert_eq!(floor_boundary(&text, SAMPLE_BYTES), SAMPLE_BYTES - 1);
    }
}
