//! What an extraction returns: mentions with kind, byte offsets and canonical entity, and
//! per-country scores.

use serde::Serialize;

use crate::about::AboutFeatures;
#[cfg(doc)]
use crate::about::AboutModel;

#[cfg(doc)]
use crate::{Article, Extractor};

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A person.
    Person,
    /// An organisation: international body, armed group, party, bank, agency, company.
    Organisation,
    /// A country, territory, city, region, institution metonym ("the Kremlin") or former state.
    Location,
    /// A demonym or adjective of nationality ("Malian", "Russian").
    Nationality,
}

impl MentionKind {
    /// The lower-case name used in JSON: `person`, `organisation`, `location`, `nationality`.
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::Person => "person",
            MentionKind::Organisation => "organisation",
            MentionKind::Location => "location",
            MentionKind::Nationality => "nationality",
        }
    }
}

/// Which step found a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionSource {
    /// A surface form of the gazetteer (embedded or user), linked to its entity.
    Gazetteer,
    /// The trained tagger ([`crate::tagger`]): a name no list holds, or a gazetteer name the
    /// tagger's reading changed.
    Tagger,
    /// A hand-written rule: the name rules for people and organisations ("Chad Smith of Acme
    /// Mining Corp"), or a context rule that reread a gazetteer match ("their daughter
    /// Victoria").
    Rule,
}

impl MentionSource {
    /// The lower-case name used in JSON: `gazetteer`, `tagger`, `rule`.
    pub fn as_str(self) -> &'static str {
        match self {
            MentionSource::Gazetteer => "gazetteer",
            MentionSource::Tagger => "tagger",
            MentionSource::Rule => "rule",
        }
    }
}

/// One name found in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// Byte offset of the first byte, in the text that was read (see [`Extractor::extract`]).
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The text as written.
    pub surface: String,
    /// What it names.
    pub kind: MentionKind,
    /// Canonical name: "Sergey Lavrov" for "Lavrov", "Wagner Group" for "PMC Wagner", "Mali"
    /// for "Malian".
    pub entity: String,
    /// The entity's country (ISO 3166-1 alpha-2) when it has exactly one: a place's country,
    /// a person's nationality, an organisation's home country.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Which step found it.
    pub source: MentionSource,
    /// How sure the extractor is, in `0.0..=1.0` (not a calibrated probability): see the
    /// crate docs, "Tagger and gazetteer".
    pub confidence: f32,
}

/// How much a story is about one country.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountryScore {
    /// ISO 3166-1 alpha-2 code.
    pub code: String,
    /// Mentions that counted towards the country (places, the country, demonyms, and the
    /// weaker people and organisations).
    pub mentions: u32,
    /// Share of the story's weighted country evidence, in `0.0..=1.0`; the title, standfirst
    /// and dateline weigh three, two and three times a body mention, the lead paragraph 1.5.
    pub salience: f32,
    /// Whether the country is one the story is about: [`CountryScore::probability`] reaches
    /// the extractor's threshold ([`crate::ExtractorBuilder::about_threshold`], default 0.5).
    /// It feeds [`Article::countries`], the country facet and the country filter (see the
    /// crate docs).
    pub about: bool,
    /// The "about" model's probability that the story is about the country, in `0.0..=1.0`
    /// (see [`AboutModel`]).
    pub probability: f32,
    /// The evidence the "about" model read.
    #[serde(skip)]
    pub features: AboutFeatures,
}

/// Everything extracted from one story or text.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extraction {
    /// Every mention, in text order, non-overlapping.
    pub mentions: Vec<Mention>,
    /// Every country with evidence, most salient first (ties: the one named first).
    pub countries: Vec<CountryScore>,
    /// The country the story is most about: the highest salience among the `about` countries,
    /// ties going to the one named first.
    pub primary_country: Option<String>,
    /// Places other than countries (cities, regions, metonyms, former states), canonical
    /// names, in order of first mention.
    pub places: Vec<String>,
    /// People, canonical names, in order of first mention.
    pub people: Vec<String>,
    /// Organisations, canonical names, in order of first mention.
    pub organisations: Vec<String>,
    /// People then organisations.
    pub actors: Vec<String>,
}

impl Extraction {
    /// Codes of the countries the story is about (those with [`CountryScore::about`]), most
    /// salient first: the set that feeds [`Article::countries`].
    pub fn country_codes(&self) -> Vec<String> {
        self.countries
            .iter()
            .filter(|c| c.about)
            .map(|c| c.code.clone())
            .collect()
    }

    /// Codes of every country the story mentions, about it or in passing (those with at least
    /// one mention), most salient first: the set that feeds [`Article::mentioned_countries`].
    pub fn mentioned_country_codes(&self) -> Vec<String> {
        self.countries
            .iter()
            .filter(|c| c.mentions > 0)
            .map(|c| c.code.clone())
            .collect()
    }
}
