//! The public handle: [`Extractor`], built by [`Extractor::new`] or [`Extractor::builder`].

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::extract::{self, Part, Segment};
use crate::extraction::Extraction;
use crate::gazetteer::{self, Gazetteer, GazetteerStats};
use crate::language;
use crate::lexicon::Lexicon;
use crate::tagger::Tagger;
use crate::trie::Trie;
use crate::{Article, Result};

/// Finds countries, places, people and organisations in news text.
///
/// A cheap handle: cloning it copies a pointer to the shared gazetteer (an inner [`Arc`]), so
/// hand a clone to each thread or searcher. It is `Send + Sync` and every method takes
/// `&self`. Building parses the embedded gazetteer; the matcher (a byte trie of every surface
/// form, most of the load time) is compiled on the first extraction, so a process that only
/// resolves names ([`Extractor::resolve_country`], [`Extractor::resolve_actor`],
/// [`Extractor::country_name`]) never pays for it.
#[derive(Debug, Clone)]
pub struct Extractor {
    inner: Arc<Inner>,
}

/// The extractor inside an `Arc`, for callers written before [`Extractor`] was a handle:
/// a clone of the handle, no copy of the gazetteer.
impl From<Arc<Extractor>> for Extractor {
    fn from(shared: Arc<Extractor>) -> Extractor {
        Extractor::clone(&shared)
    }
}

/// What every clone of an [`Extractor`] shares.
#[derive(Debug)]
pub(crate) struct Inner {
    pub(crate) gaz: Gazetteer,
    pub(crate) lex: Lexicon,
    /// The matcher over the gazetteer's keys, compiled on first use.
    trie: OnceLock<Trie>,
    /// Probability (of the "about" model) a country needs to be one a story is about.
    pub(crate) about_min: f32,
    /// The trained tagger, unless turned off with [`ExtractorBuilder::tagger`].
    pub(crate) tagger: Option<Tagger>,
}

impl Inner {
    /// The matcher, compiled now if this is the first extraction.
    pub(crate) fn matcher(&self) -> &Trie {
        self.trie.get_or_init(|| Trie::new(&self.gaz.keys))
    }
}

/// A user gazetteer to load on top of the embedded one.
#[derive(Debug, Clone)]
enum UserGazetteer {
    File(PathBuf),
    Text { name: String, text: String },
}

/// Options for an [`Extractor`]: a user gazetteer and the "about" threshold. Made by
/// [`Extractor::builder`]; [`ExtractorBuilder::build`] loads the gazetteers.
///
/// # Example
///
/// ```
/// # use newsidx_extract::Extractor;
/// let strict = Extractor::builder().about_threshold(0.99).build()?;
/// let x = strict.extract_plain("Talks in Paris ended. Russia insists it has no troops in Libya.");
/// assert!(x.country_codes().is_empty());
/// assert_eq!(x.countries.len(), 3); // still scored, just not "about"
/// # Ok::<(), newsidx_extract::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct ExtractorBuilder {
    user: Option<UserGazetteer>,
    about_min: f32,
    tagger: bool,
}

impl ExtractorBuilder {
    /// Adds a user gazetteer file, whose entries add or override entities and aliases
    /// (format in the [`crate::gazetteer`] module docs). The file is read by
    /// [`ExtractorBuilder::build`].
    pub fn user_gazetteer(mut self, path: impl Into<PathBuf>) -> ExtractorBuilder {
        self.user = Some(UserGazetteer::File(path.into()));
        self
    }

    /// Like [`ExtractorBuilder::user_gazetteer`], with the gazetteer's text in memory; `name`
    /// stands for the file in error messages.
    pub fn user_gazetteer_text(
        mut self,
        name: impl Into<String>,
        text: impl Into<String>,
    ) -> ExtractorBuilder {
        self.user = Some(UserGazetteer::Text {
            name: name.into(),
            text: text.into(),
        });
        self
    }

    /// Sets the probability a country needs to be one the story is about
    /// ([`crate::CountryScore::probability`], from the [`crate::AboutModel`]), in `0.0..=1.0`;
    /// default 0.5. A lower threshold keeps more of the countries a story names in passing, a
    /// higher one only those it dwells on. On the held-out half of Reuters-21578 the default
    /// gives a country F1 of about 0.93 (precision 0.95, recall 0.92); the editors tag what a
    /// story is about, not every country it names.
    pub fn about_threshold(mut self, min_probability: f32) -> ExtractorBuilder {
        self.about_min = min_probability;
        self
    }

    /// Whether the trained tagger ([`crate::tagger`]) runs after the gazetteer and the name
    /// rules (default on): it finds the people and organisations no list holds and rereads
    /// gazetteer matches inside longer names (see the crate docs, "Tagger and gazetteer").
    /// Off, extraction is the gazetteer and rules alone, about twice as fast.
    pub fn tagger(mut self, on: bool) -> ExtractorBuilder {
        self.tagger = on;
        self
    }

    /// Loads the embedded gazetteer and the user gazetteer, if any.
    ///
    /// Cost: parses about 11,000 TSV rows (see the `load` bench); the matcher is compiled
    /// later, on the first extraction.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Io`] if the user gazetteer file cannot be read,
    /// [`crate::Error::Gazetteer`] naming the file and line of its first malformed entry (or
    /// of the shipped overrides', a bug).
    pub fn build(self) -> Result<Extractor> {
        let lex = Lexicon::new();
        let gaz = match &self.user {
            None => Gazetteer::load(&lex, None)?,
            Some(UserGazetteer::File(path)) => {
                let text = gazetteer::read_user_file(path)?;
                Gazetteer::load(&lex, Some((path.as_path(), &text)))?
            }
            Some(UserGazetteer::Text { name, text }) => {
                Gazetteer::load(&lex, Some((Path::new(name), text)))?
            }
        };
        Ok(Extractor {
            inner: Arc::new(Inner {
                gaz,
                lex,
                trie: OnceLock::new(),
                about_min: self.about_min,
                tagger: self.tagger.then(Tagger::embedded),
            }),
        })
    }
}

impl Extractor {
    /// An extractor over the embedded gazetteer, with the default options.
    ///
    /// Cost: parses about 11,000 TSV rows; the matcher is compiled on the first extraction
    /// (see the `load` bench). Build once and clone.
    ///
    /// # Errors
    ///
    /// Only if the shipped overrides are malformed, a bug.
    pub fn new() -> Result<Extractor> {
        Extractor::builder().build()
    }

    /// Options: a user gazetteer, the "about" threshold.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder {
            user: None,
            about_min: extract::ABOUT_MIN,
            tagger: true,
        }
    }

    /// Sizes of the loaded gazetteer and what was skipped while loading the generated tables.
    pub fn gazetteer_stats(&self) -> &GazetteerStats {
        &self.inner.gaz.stats
    }

    /// The English short name of a country code: `"ML"` -> `"Mali"`. Case-insensitive.
    pub fn country_name(&self, code: &str) -> Option<&str> {
        self.inner
            .gaz
            .country(&code.to_ascii_uppercase())
            .map(|e| e.name.as_str())
    }

    /// The code of a country from its code, name, alias or demonym, any case: `"Mali"`,
    /// `"Malian"`, `"ml"`, `"MLI"` -> `"ML"`; also from the name of a historical state, a
    /// region or a metonym of one country, whose mentions extraction counts for it:
    /// `"Soviet Union"` -> `"RU"`, `"England"` -> `"GB"`. `None` for anything else, an unknown
    /// two-letter code included.
    pub fn resolve_country(&self, name: &str) -> Option<&str> {
        self.inner.gaz.resolve_country(name.trim())
    }

    /// The canonical name of a person or organisation from any of its names, any case:
    /// `"PMC Wagner"` -> `"Wagner Group"`.
    pub fn resolve_actor(&self, name: &str) -> Option<&str> {
        self.inner.gaz.resolve_actor(name.trim())
    }

    /// Extracts from a story's title, standfirst, dateline and body.
    ///
    /// Mention offsets are byte offsets into [`Article::full_text`] (the parts joined by blank
    /// lines). Mentions in the title, standfirst and dateline weigh more for salience.
    pub fn extract(&self, article: &Article) -> Extraction {
        self.extract_article(article, language::story_language(article).as_deref(), true)
    }

    /// [`Extractor::extract`] of a story in `language` (`None`: unknown, read as English
    /// when it looks English), listing the mentions only when `mentions` is set.
    fn extract_article(
        &self,
        article: &Article,
        language: Option<&str>,
        mentions: bool,
    ) -> Extraction {
        let text = article.full_text();
        let mut segments = Vec::new();
        let mut pos = 0;
        for (part, value) in [
            (Part::Title, Some(article.title.as_str())),
            (Part::Standfirst, article.standfirst.as_deref()),
            (Part::Dateline, article.dateline.as_deref()),
            (Part::Body, Some(article.body.as_str())),
        ] {
            let Some(value) = value.filter(|v| !v.is_empty()) else {
                continue;
            };
            if pos > 0 {
                pos += 2;
            }
            let end = pos + value.len();
            debug_assert_eq!(&text[pos..end], value);
            if part == Part::Body {
                extract::body_segments(&text, pos, end, &mut segments);
            } else {
                segments.push(Segment {
                    start: pos,
                    end,
                    part,
                });
            }
            pos = end;
        }
        // A story in a known language other than English (tagged by its source, or detected)
        // skips the English-only steps.
        let year = article.date.map(|d| newsidx_model::Datelike::year(&d));
        extract::run(&self.inner, &text, &segments, mentions, language, year)
    }

    /// Extracts from one plain text, all of it read as a body (its first paragraph as the
    /// lead). Mention offsets are byte offsets into `text`.
    pub fn extract_plain(&self, text: &str) -> Extraction {
        let mut segments = Vec::new();
        extract::body_segments(text, 0, text.len(), &mut segments);
        let language = language::detected(text);
        extract::run(&self.inner, text, &segments, true, language, None)
    }

    /// Fills the derived fields of `article`: `places`, `countries` (the `about` countries,
    /// most salient first), `mentioned_countries` (every country mentioned), `primary_country`, `people`, `organisations` and `actors`.
    ///
    /// An article without a language gets the one [`language::story_language`] detects.
    pub fn annotate(&self, article: &mut Article) {
        // The mentions themselves are not kept: not building them saves a third of the
        // allocations of an extraction.
        let lang = self.fill_language(article);
        let x = self.extract_article(article, lang.as_deref(), false);
        article.countries = x.country_codes();
        article.mentioned_countries = x.mentioned_country_codes();
        article.primary_country = x.primary_country;
        article.places = x.places;
        article.people = x.people;
        article.organisations = x.organisations;
        article.actors = x.actors;
    }

    /// [`Extractor::annotate`] and [`Extractor::extract`] in one extraction: fills the
    /// derived fields of `article` and returns what was extracted, mentions included, with
    /// offsets into the story's full text as [`Extractor::extract`] gives them.
    pub fn extract_and_annotate(&self, article: &mut Article) -> Extraction {
        let lang = self.fill_language(article);
        let x = self.extract_article(article, lang.as_deref(), true);
        article.countries = x.country_codes();
        article.mentioned_countries = x.mentioned_country_codes();
        article.primary_country.clone_from(&x.primary_country);
        article.places.clone_from(&x.places);
        article.people.clone_from(&x.people);
        article.organisations.clone_from(&x.organisations);
        article.actors.clone_from(&x.actors);
        x
    }

    /// The story's language ([`language::story_language`]), written into `article` when it
    /// has none.
    fn fill_language(&self, article: &mut Article) -> Option<String> {
        let lang = language::story_language(article);
        if article
            .language
            .as_deref()
            .is_none_or(|l| l.trim().is_empty())
        {
            if let Some(tag) = &lang {
                article.language = Some(tag.clone());
            }
        }
        lang
    }

    /// Whether the matcher is compiled yet (for tests of the lazy build).
    #[cfg(test)]
    pub(crate) fn matcher_built(&self) -> bool {
        self.inner.trie.get().is_some()
    }
}
