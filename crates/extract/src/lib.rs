//! Entity extraction for newsidx: which countries, places, people and organisations a news
//! story names, and which countries it is about.
//!
//! This is the "extract" step of a story's journey (read -> **extract** -> map -> write ->
//! query). An [`Extractor`] is built once from an embedded gazetteer (generated TSV tables of
//! countries, places, people and organisations, see `data/ATTRIBUTION.md`), optionally extended
//! by a user gazetteer ([`ExtractorBuilder::user_gazetteer`], format in [`gazetteer`]), and
//! then cloned into every thread that needs it (a clone is a pointer). For each story it
//! returns an [`Extraction`]: every [`Mention`] with byte offsets, kind and canonical entity,
//! and per-country [`CountryScore`]s; or it fills an [`Article`]'s derived fields directly
//! ([`Extractor::annotate`]); or both from one extraction ([`Extractor::extract_and_annotate`]).
//!
//! # How a story is read
//!
//! 1. **Lines and tokens.** Each line is classified as all-caps (a Reuters headline, a
//!    dateline) or mixed case; words are tokenised with their capitalisation, whether they
//!    start a sentence and whether they are joined to the previous word by plain space.
//! 2. **Gazetteer matches.** The longest ASCII-lower-cased surface form, found with a byte
//!    trie walked anchored at every word start (and after a hyphen inside a word,
//!    "Iran-Iraq") of a lower-cased copy of the text in which line breaks read as spaces; a
//!    match must end on a word boundary and pass the case rule: each letter as the gazetteer
//!    writes it, or upper case where the gazetteer has lower case (so "Mali" matches "MALI"
//!    but "Turkey" never matches "turkey", nor "US" "us"). Acronyms that are words ("CAR",
//!    "WHO") are ignored in all-caps lines; an all-caps "US" after "LET"/"TELL"... is the
//!    pronoun; dateline abbreviations ("Conn.") need a comma before; codes in angle brackets
//!    (`<ROK>`) are skipped.
//! 3. **Name rules** (mixed-case lines only) over runs of capitalised words: titles and roles
//!    ("Foreign Minister X Y", "policy chief X Y", "Mr X"), organisation suffixes and heads
//!    ("X Group", "X Corp", "Ministry of X"), given names ("Chad Smith", "Paris Hilton",
//!    "Michael Jordan": the place inside is dropped), speech ("X Y said", "said X Y").
//! 4. **Resolution.** Unambiguous places, countries and demonyms give the story's evidence
//!    countries; ambiguous names pick the candidate whose country is in evidence, else the
//!    country, the capital, the most populous. Special rules: Chad, Niger, Jordan, Georgia
//!    (the US state with US places and no Caucasus context), Turkey, the Guineas, word-like
//!    places ("Nice", "Reading": a capital letter, and their country in evidence or a
//!    preposition before), US/us, Washington, Paris, surname-only aliases ("Lavrov": only
//!    with a title before, the full name in the story or the person's country in evidence,
//!    and not in a story dated more than ten years before the person took the office the
//!    gazetteer lists).
//! 5. **Linking.** A later single word equal to the surname of a person named in full
//!    ("Lavrov", "Jordan said" after "Michael Jordan") is that person.
//! 6. **Tagger.** On English text, the trained tagger ([`tagger`]) reads the story with the
//!    mentions so far as hints, and its spans are merged in (next section).
//! 7. **Context rules** (English only) reread gazetteer matches the tagger follows too
//!    readily: a person glued to a word by a hyphen ("PAUL-HENRI"), a place after a kinship
//!    word ("their daughter Victoria"), a place alone in quotes («Bergen»), "Reading and
//!    Bates Drilling Co", a list of people (a football line-up), a news agency named as the
//!    story's source ("told Reuters": a mention, not an actor, no country).
//! 8. **Scoring.** See below: which mentions count towards which country and how.
//!
//! # Tagger and gazetteer
//!
//! The gazetteer knows countries, places and the people and organisations it was given, with
//! their canonical names; the tagger finds names no list holds. Merged:
//!
//! - a gazetteer or rule mention the tagger agrees with keeps its canonical entity;
//! - a PER or ORG span the gazetteer does not know becomes a person or organisation named by
//!   its text (the gazetteer's entity when the full name is one it holds, or for an
//!   organisation the name without its company form: "General Motors Corp" is General
//!   Motors); a new organisation is named without its company form ("Drexel Burnham Lambert
//!   Inc" is "Drexel Burnham Lambert"); titles are taken off a name ("General X Y"), but
//!   "General" not off an organisation's ("General Dynamics"), and a title and a person the
//!   gazetteer knows read as an organisation is that person ("King Mohammed VI"); a span of company forms, results-table
//!   words, economic figures or single letters alone ("Ltd", "Shr", "Nine Mths", "GNP", the
//!   "P" of "S and P") and an agency's sign-off alone on the last line ("REUTER") are not
//!   names; a later surname
//!   alone ("Damiba") is the person named in full, an acronym the story defines
//!   ("Alliance of Sahel Fighters (ASF)") is that organisation; a LOC span is a location
//!   mention without a country (not in [`Extraction::places`]);
//! - a gazetteer place inside a longer PER, ORG or MISC span does not count as that place;
//!   a place that is not a country read by the tagger as an organisation with confidence
//!   0.9 or more ("Surrey" the cricket side) becomes that organisation. Countries keep
//!   their ambiguity rules.
//!
//! Each [`Mention`] says which step found it ([`MentionSource`]) and how sure the extractor
//! is ([`Mention::confidence`], not a calibrated probability): a gazetteer match 0.9, a name
//! rule 0.6, raised to the tagger's confidence when the tagger reads the same span the same
//! way, times 0.75 when it reads it otherwise or not at all; a name only the tagger found
//! has the tagger's confidence (spans under 0.3 are dropped).
//!
//! The tagger, the English name rules and the context rules run only on English: not on a
//! story whose [`Article::language`] is set and not English, nor on text whose common
//! function words are more French, Spanish, Portuguese, Italian, German or Dutch than
//! English ("le", "el", "der" against "the", "of", "said"; texts under 12 words count as
//! English). [`ExtractorBuilder::tagger`] turns the tagger off. A story without a language
//! gets one from [`language::detect`] (whatlang) when it is confidently not English;
//! [`Extractor::annotate`] fills [`Article::language`] with it (the source's tag always wins).
//!
//! # Other languages
//!
//! In a story in German, French, Spanish, Italian, Portuguese, Dutch, Swedish, Danish,
//! Norwegian or Finnish, the gazetteer also matches that language's country names,
//! adjectives and city exonyms (`data/names-i18n.tsv`, from CLDR: "Deutschland", "russische",
//! "Moskau"), and a name may carry the language's case ending ("Merkels", "Obaman"); none of
//! these match in English text. [`Extractor::resolve_country`] knows every such country name.
//! Measured on dpa's 100 German items against the editors' geoArea codes
//! (`examples/dpa_countries.rs` at the root): country F1 0.649 before, 0.847 after (tuning
//! half 0.825, held-out half 0.873).
//!
//! Measured (`examples/conll_eval.rs` on CoNLL-2003 dev, exact spans): PER/ORG/LOC F1 0.649
//! with the gazetteer and rules alone, 0.921 with the tagger (PER 0.942, ORG 0.865, LOC
//! 0.942; the tagger alone 0.929). On Reuters-21578 (`examples/reuters_eval.rs`) country F1
//! moves from 0.869 to 0.879 (precision 0.787 to 0.807, recall 0.970 to 0.966; mostly
//! "told Reuters" no longer counting for GB) and PEOPLE tag recall from 0.984 to 0.989.
//!
//! # Which countries a story is about
//!
//! **Evidence.** Every mention with a single country is evidence for it: a country,
//! territory, city, single-country region, metonym ("the Kremlin") or former state ("Soviet
//! Union", counted as its successor); a demonym or adjective ("Malian"); a person the
//! gazetteer gives a nationality; an organisation with a home country (central bank, party,
//! armed group, agency, company; an organisation found by the rules around a place, "National
//! Bank of Kuwait"). A currency ("U.S. dlrs", "Saudi riyal") is counted apart; a region
//! spanning several countries ("Sahel", "Gulf of Guinea") and an international body ("United
//! Nations", "OPEC") count for none. Per country the extractor gathers an [`AboutFeatures`]:
//! the counts by kind, how many place mentions are in a list of three or more ("Egypt, Zambia
//! and Zaire") or name a company's country ("Telefunken AG of West Germany"), whether it is
//! in the title, dateline or lead, where it is first named, its share of the story's
//! mentions, whether it leads, and how many countries the story names.
//!
//! **About.** A small logistic model ([`AboutModel`], 18 weights in `data/about-model.tsv`)
//! turns the features into a probability ([`CountryScore::probability`]); a country reaching
//! the threshold (default 0.5, [`ExtractorBuilder::about_threshold`]) is one the story is
//! **about** ([`CountryScore::about`]). That set, most salient first, feeds
//! [`Article::countries`], the country facet and the country filter. The model is trained by
//! `examples/train_about.rs` on half of Reuters-21578 (odd NEWIDs) against the editors'
//! PLACES tags, so it follows their judgement: a country the story dwells on, datelines,
//! leads and headlines, but not one named once in passing ("no paramilitaries in Libya" in
//! a story about Mali and Russia has probability 0.11).
//!
//! **Salience.** [`CountryScore::salience`] is the country's share of a weighted score: each
//! mention times the weight of its part (title 3, dateline 3, standfirst 2, lead paragraph
//! 1.5, rest of the body 1) and of its kind (place 1, demonym 0.7, person and organisation
//! 0.5 once per story, company 0.3; halved in a list, a table row or "Telefunken AG of West
//! Germany").
//! [`Extraction::primary_country`] is the most salient about-country.
//!
//! Measured on the held-out half of Reuters-21578 (`examples/reuters_eval.rs`, 9,187
//! stories with an even NEWID, a BODY and PLACES): country micro precision 0.936, recall
//! 0.928, F1 0.932 (training half: 0.938, 0.927, 0.932). The hand weights this replaces (a
//! country with one plain mention was "about") scored 0.787, 0.970 and 0.869 on all stories.

//! # Quick start
//!
//! ```
//! use newsidx_model::Article;
//! use newsidx_extract::{Extractor, MentionKind};
//!
//! let extractor = Extractor::new()?;
//! let mut article = Article {
//!     title: "Mali approached Russian companies, Moscow not involved: Lavrov".into(),
//!     body: "Russian Foreign Minister Sergey Lavrov said the Wagner Group was not sent \
//!            by Moscow to Bamako."
//!         .into(),
//!     ..Article::default()
//! };
//! let x = extractor.extract(&article);
//! assert!(x.mentions.iter().any(|m| m.kind == MentionKind::Person
//!     && m.surface == "Lavrov"
//!     && m.entity == "Sergey Lavrov"));
//!
//! extractor.annotate(&mut article);
//! assert_eq!(article.primary_country.as_deref(), Some("RU"));
//! assert!(article.countries.contains(&"ML".to_string()));
//! assert!(article.places.contains(&"Bamako".to_string()));
//! assert!(article.organisations.contains(&"Wagner Group".to_string()));
//! assert_eq!(extractor.resolve_country("Malian"), Some("ML"));
//! assert_eq!(extractor.country_name("ml"), Some("Mali"));
//! # Ok::<(), newsidx_extract::Error>(())
//! ```

#![deny(missing_docs)]

mod about;
mod extract;
mod extraction;
mod extractor;
pub mod gazetteer;
pub mod language;
mod lexicon;
pub mod tagger;
mod trie;

use std::path::PathBuf;

pub use about::{AboutFeatures, AboutModel};
pub use extraction::{CountryScore, Extraction, Mention, MentionKind, MentionSource};
pub use extractor::{Extractor, ExtractorBuilder};
pub use gazetteer::GazetteerStats;
pub use newsidx_model::Article;

/// Everything that can go wrong building an [`Extractor`]. Extraction itself never fails.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A user gazetteer file could not be read (the caller's mistake).
    #[error("cannot read gazetteer {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A gazetteer line is malformed (the caller's mistake for a user gazetteer; `line` is
    /// 1-based, 0 when the whole file is at fault).
    #[error("{}:{line}: {message}", path.display())]
    Gazetteer {
        /// The file, as given.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// Result of building an [`Extractor`].
pub type Result<T> = std::result::Result<T, Error>;

/// `Extractor` is shared across indexing threads.
const _: fn() = || {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Extractor>();
};
