//! Whether a story is about a country: the evidence the extractor gathers per country
//! ([`AboutFeatures`]) and the logistic model that turns it into a probability
//! ([`AboutModel`]).
//!
//! The embedded model (`data/about-model.tsv`) is trained by
//! `cargo run --release -p newsidx-extract --example train_about -- ../shared/corpora/reuters21578`
//! on the Reuters-21578 stories with an odd NEWID (with a BODY and at least one PLACES tag),
//! against the editors' PLACES tags; the stories with an even NEWID are held out for
//! `examples/reuters_eval.rs`. The training is L2-regularised logistic regression by full-batch
//! gradient descent from zero weights: deterministic, no random numbers.

use std::sync::OnceLock;

use crate::{Error, Result};

/// The model file shipped in the crate, parsed on first use.
const EMBEDDED: &str = include_str!("../data/about-model.tsv");

/// The evidence for one country in one story: what the "about" model reads.
///
/// Counts are of mentions that name the country or one of its places, after the extractor's
/// rules (a currency, "U.S. dlrs", is counted apart; a region spanning several countries or an
/// international body counts for none). The model reads [`AboutFeatures::values`], named by
/// [`AboutFeatures::NAMES`].
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct AboutFeatures {
    /// Mentions of the country, a place in it, a metonym or a former state.
    pub places: u32,
    /// Of `places`, those naming the country itself ("Libya", "the United States").
    pub named: u32,
    /// Of `places`, those in a list of three or more places ("Egypt, Zambia and Zaire") or
    /// in an all-caps table row of the body.
    pub listed: u32,
    /// Of `places`, those naming a company's country ("Telefunken AG of West Germany").
    pub of_company: u32,
    /// Demonyms and adjectives of nationality ("Malian").
    pub demonyms: u32,
    /// Distinct people whose nationality the gazetteer knows.
    pub people: u32,
    /// Distinct organisations with this home country, companies excepted (central bank,
    /// party, armed group, an organisation found by the rules around a place).
    pub organisations: u32,
    /// Distinct companies with this home country.
    pub companies: u32,
    /// The country's currency named ("Saudi riyal", "U.S. dlrs"); these are in no other count.
    pub currencies: u32,
    /// A counted mention in the title or standfirst.
    pub headline: bool,
    /// The currency named in the title or standfirst ("SAUDI RIYAL DEPOSIT RATES EASE").
    pub currency_headline: bool,
    /// A counted mention in the dateline.
    pub dateline: bool,
    /// A counted mention in the lead paragraph.
    pub lead: bool,
    /// Where the first mention (a currency included) is, in bytes from the start of the text.
    pub first: u32,

    /// The country's share of the story's counted mentions, in `0.0..=1.0`.
    pub share: f32,
    /// The country has the highest [`crate::CountryScore::salience`] of the story.
    pub top: bool,
    /// Countries with any evidence in the story (this one included).
    pub countries: u32,
}

/// Number of model inputs (without the bias).
const N: usize = 17;

impl AboutFeatures {
    /// The names of the model inputs, in the order of [`AboutFeatures::values`] and of the
    /// rows of the model file.
    pub const NAMES: [&'static str; N] = [
        "ln1p_places",
        "named_share",
        "listed_share",
        "of_company_share",
        "ln1p_demonyms",
        "ln1p_people",
        "ln1p_organisations",
        "ln1p_companies",
        "ln1p_currencies",
        "headline",
        "currency_headline",
        "dateline",
        "lead",
        "ln1p_first_100b",
        "share",
        "top",
        "ln_countries",
    ];

    /// The model inputs: counts and the first mention's offset in hundreds of bytes as
    /// `ln(1 + n)`, the named, listed and company mentions as shares of
    /// `places`, flags as 0 or 1, the number of countries as `ln(n)`.
    pub fn values(&self) -> [f32; N] {
        let ln1p = |n: u32| (n as f32).ln_1p();
        let flag = |b: bool| f32::from(u8::from(b));
        let of_places = |n: u32| {
            if self.places == 0 {
                0.0
            } else {
                n as f32 / self.places as f32
            }
        };
        [
            ln1p(self.places),
            of_places(self.named),
            of_places(self.listed),
            of_places(self.of_company),
            ln1p(self.demonyms),
            ln1p(self.people),
            ln1p(self.organisations),
            ln1p(self.companies),
            ln1p(self.currencies),
            flag(self.headline),
            flag(self.currency_headline),
            flag(self.dateline),
            flag(self.lead),
            (self.first as f32 / 100.0).ln_1p(),
            self.share,
            flag(self.top),
            (self.countries.max(1) as f32).ln(),
        ]
    }
}

/// A logistic model over [`AboutFeatures`]: `p = 1 / (1 + exp(-(bias + w · values)))`.
///
/// The file format is TSV, one `name<TAB>weight` row per input in the order of
/// [`AboutFeatures::NAMES`] after a `bias` row; `#` starts a comment line.
#[derive(Debug, Clone, PartialEq)]
pub struct AboutModel {
    /// The intercept.
    pub bias: f32,
    /// One weight per input of [`AboutFeatures::values`].
    pub weights: [f32; N],
}

impl AboutModel {
    /// The model shipped in the crate (`data/about-model.tsv`), parsed once (16 rows).
    pub fn embedded() -> &'static AboutModel {
        static MODEL: OnceLock<AboutModel> = OnceLock::new();
        MODEL.get_or_init(|| {
            AboutModel::parse(EMBEDDED).expect("the embedded about-model.tsv is well formed")
        })
    }

    /// The probability that a story with this evidence is about the country.
    pub fn probability(&self, f: &AboutFeatures) -> f32 {
        let z: f32 = self.bias
            + self
                .weights
                .iter()
                .zip(f.values())
                .map(|(w, x)| w * x)
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// Reads a model file.
    ///
    /// # Errors
    ///
    /// [`Error::Gazetteer`] naming `about-model.tsv` and the line of the first row that is
    /// missing, misnamed or not a number.
    pub fn parse(text: &str) -> Result<AboutModel> {
        let err = |line: usize, message: String| Error::Gazetteer {
            path: "about-model.tsv".into(),
            line,
            message,
        };
        let mut rows = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty());
        let mut next = |name: &str| -> Result<f32> {
            let (i, line) = rows
                .next()
                .ok_or_else(|| err(0, format!("no row for {name}")))?;
            let (key, value) = line.split_once('\t').unwrap_or((line, ""));
            if key != name {
                return Err(err(i + 1, format!("expected {name}, found {key:?}")));
            }
            value
                .trim()
                .parse()
                .map_err(|_| err(i + 1, format!("{name}: not a number: {value:?}")))
        };
        let bias = next("bias")?;
        let mut weights = [0.0; N];
        for (w, name) in weights.iter_mut().zip(AboutFeatures::NAMES) {
            *w = next(name)?;
        }
        Ok(AboutModel { bias, weights })
    }

    /// The model as a file [`AboutModel::parse`] reads back, after `header` (comment lines,
    /// each prefixed with `# `).
    pub fn to_tsv(&self, header: &str) -> String {
        let mut out: String = header.lines().map(|l| format!("# {l}\n")).collect();
        out.push_str(&format!("bias\t{:.4}\n", self.bias));
        for (name, w) in AboutFeatures::NAMES.iter().zip(self.weights) {
            out.push_str(&format!("{name}\t{w:.4}\n"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_model_round_trips_and_rises_with_evidence() {
        let m = AboutModel::embedded();
        assert_eq!(&AboutModel::parse(&m.to_tsv("x")).unwrap(), m);
        let once = AboutFeatures {
            places: 1,
            first: 2000,
            share: 0.2,
            countries: 5,
            ..AboutFeatures::default()
        };
        let dwelt = AboutFeatures {
            places: 4,
            headline: true,
            dateline: true,
            lead: true,
            first: 0,
            share: 0.8,
            top: true,
            countries: 2,
            ..once
        };
        assert!(m.probability(&dwelt) > 0.9, "{}", m.probability(&dwelt));
        assert!(m.probability(&once) < m.probability(&dwelt));
    }

    #[test]
    fn a_misnamed_row_is_an_error_with_its_line() {
        let text = "# c\nbias\t0.1\nplaces\t1\n";
        let e = AboutModel::parse(text).unwrap_err().to_string();
        assert!(e.contains(":3:") && e.contains("ln1p_places"), "{e}");
    }
}
