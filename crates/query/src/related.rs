//! Related stories: the stories sharing the most rare terms and entities with a given one,
//! without the story itself and its exact or near-exact duplicates.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::time::Instant;

use chrono::{DateTime, Utc};
use newsidx_core::map::from_tantivy_date;
use newsidx_core::{Article, Dimension, NewsSchema};
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, TantivyDocument, Term as TantivyTerm};

use crate::error::{Error, Result};
use crate::hits::{cluster_of, group_size};
use crate::request::Duplicates;
use crate::searcher::NewsSearcher;

/// Terms of the story used to find related ones (the highest tf-idf).
pub const MAX_TERMS: usize = 25;

/// Body similarity (Jaccard of word 3-shingles) from which two stories are duplicates.
pub const DUPLICATE_SIMILARITY: f64 = 0.9;

/// Words too common in news to say two stories are related, as written; a term whose stem is
/// the stem of one of these is left out too ("years", "says").
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "again", "against", "all", "also", "an", "and", "any", "are", "as",
    "at", "be", "been", "before", "between", "both", "but", "by", "can", "could", "did", "do",
    "does", "during", "each", "for", "from", "had", "has", "have", "he", "her", "his", "him",
    "how", "if", "in", "into", "is", "it", "it's", "its", "last", "many", "may", "more", "most",
    "mr", "new", "no", "not", "now", "of", "on", "one", "only", "or", "other", "our", "out",
    "over", "said", "say", "says", "she", "should", "since", "so", "some", "such", "than", "that",
    "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to",
    "two", "under", "up", "very", "was", "we", "week", "were", "what", "when", "where", "which",
    "while", "who", "will", "with", "would", "year", "you",
];

/// Shortest term (in characters, after analysis) used to find related stories.
const MIN_TERM_CHARS: usize = 3;

/// Candidates first read per related story asked for (duplicates are read and left out)...
const CANDIDATES_PER_STORY: usize = 2;

/// ...plus this many.
const EXTRA_CANDIDATES: usize = 10;

/// How many times more candidates are read when too many were duplicates.
const CANDIDATE_GROWTH: usize = 4;

/// Weight of a shared actor relative to a shared term of the same rarity.
const ACTOR_WEIGHT: f32 = 2.0;

/// Weight of a shared country relative to a shared term of the same rarity.
const COUNTRY_WEIGHT: f32 = 1.0;

/// The stories related to one story.
#[derive(Debug, Clone, Serialize)]
pub struct RelatedResponse {
    /// The story's id.
    pub id: String,
    /// The story's headline.
    pub title: String,
    /// Milliseconds spent.
    pub took_ms: f64,
    /// Related stories, most related first.
    pub related: Vec<RelatedStory>,
    /// Ids of the stories left out as duplicates of the story (or of a story listed before).
    pub duplicates: Vec<String>,
}

/// One related story.
#[derive(Debug, Clone, Serialize)]
pub struct RelatedStory {
    /// Story id.
    pub id: String,
    /// Relevance score of the related-story query.
    pub score: f32,
    /// Headline.
    pub title: String,
    /// Publication date.
    pub date: Option<DateTime<Utc>>,
    /// Agency or outlet.
    pub source: Option<String>,
    /// ISO country codes of the story.
    pub countries: Vec<String>,
    /// Actors of the story.
    pub actors: Vec<String>,
    /// The rare terms both stories have, each as the story asked about writes it most often
    /// ("companies", not the stem "compani").
    pub shared_terms: Vec<String>,
    /// The countries and actors both stories have.
    pub shared_entities: Vec<String>,
    /// Id of the canonical story of the story's near-duplicate group (as [`crate::Hit::cluster`]).
    pub cluster: String,
    /// Number of other stories of the index in its group.
    pub duplicates: u64,
}

impl NewsSearcher {
    /// The `limit` stories most related to the story `id`: a query of its [`MAX_TERMS`] rarest
    /// frequent terms (tf-idf over the title and body) and its countries and actors (weighted
    /// by rarity, actors twice), excluding the story itself, stories with the same title and
    /// stories whose body is a near copy ([`DUPLICATE_SIMILARITY`] of word 3-shingles).
    ///
    /// Fails with [`Error::UnknownStory`] when no story has the id.
    ///
    /// # Example
    /// ```
    /// # use newsidx_core::{Article, NewsIndex};
    /// # use newsidx_query::NewsSearcher;
    /// # let index = NewsIndex::create_in_ram()?;
    /// # let mut writer = index.writer_with_threads(1, 15_000_000)?;
    /// # let story = |id: &str, title: &str, body: &str| Article { id: id.into(), title: title.into(), body: body.into(), ..Article::default() };
    /// # for a in [
    /// #     story("a", "Cocoa harvest falls", "Ivory Coast cocoa harvest falls as rains fail."),
    /// #     story("b", "Cocoa prices rise", "Cocoa prices rose after the harvest in Ivory Coast."),
    /// #     story("c", "Gold steady", "Gold was steady in London trading."),
    /// # ] { writer.add_document(index.schema().to_document(&a))?; }
    /// # writer.commit()?;
    /// let searcher = NewsSearcher::open(index)?;
    /// let related = searcher.related("a", 5)?;
    /// assert_eq!(related.related[0].id, "b");
    /// assert!(related.related.iter().all(|r| r.id != "a"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn related(&self, id: &str, limit: usize) -> Result<RelatedResponse> {
        self.related_with(id, limit, Duplicates::Collapse)
    }

    /// [`NewsSearcher::related`] with the duplicates shown or not: [`Duplicates::Collapse`]
    /// (what `related` does) leaves out, as duplicates, the stories of the story's
    /// near-duplicate group or of a group listed before, and those whose title or body is a
    /// near copy; [`Duplicates::Show`] lists every related story.
    pub fn related_with(
        &self,
        id: &str,
        limit: usize,
        duplicates: Duplicates,
    ) -> Result<RelatedResponse> {
        let start = Instant::now();
        let searcher = self.reader().searcher();
        let (story, cluster, id_term) = self.story(&searcher, id)?;
        let mut analyzer = self.analyzer()?;
        let terms = self.rare_terms(&searcher, &story, &mut analyzer)?;
        let mut response = RelatedResponse {
            id: story.id.clone(),
            title: story.title.clone(),
            took_ms: 0.0,
            related: Vec::new(),
            duplicates: Vec::new(),
        };
        if limit > 0 {
            if let Some(query) = self.related_query(&searcher, &story, &terms, id_term)? {
                let finder = Finder {
                    searcher: &searcher,
                    schema: self.index().schema(),
                    story: &story,
                    cluster,
                    collapse: duplicates == Duplicates::Collapse,
                    terms: terms.iter().map(|t| (&t.term, &t.word)).collect(),
                };
                finder.fill(&query, limit, &mut analyzer, &mut response)?;
            }
        }
        response.took_ms = start.elapsed().as_secs_f64() * 1000.0;
        Ok(response)
    }

    /// The story with the id, its group's `cluster`, and the term of its id.
    fn story(&self, searcher: &Searcher, id: &str) -> Result<(Article, String, TantivyTerm)> {
        let schema = self.index().schema();
        let id_term = TantivyTerm::from_field_text(schema.id, id);
        let found = searcher.search(
            &TermQuery::new(id_term.clone(), IndexRecordOption::Basic),
            &TopDocs::with_limit(1).order_by_score(),
        )?;
        let Some((_, address)) = found.first() else {
            return Err(Error::UnknownStory { id: id.to_string() });
        };
        let doc: TantivyDocument = searcher.doc(*address)?;
        let story = schema.to_article(&doc);
        let cluster = cluster_of(schema, &doc).unwrap_or_else(|| story.id.clone());
        Ok((story, cluster, id_term))
    }

    /// The story's [`MAX_TERMS`] terms of highest tf-idf over the title and body, leaving out
    /// stop words, numbers, short words and terms of no other story or of every story; each
    /// with the word that shows it (see [`RareTerm`]).
    fn rare_terms(
        &self,
        searcher: &Searcher,
        story: &Article,
        analyzer: &mut TextAnalyzer,
    ) -> Result<Vec<RareTerm>> {
        let schema = self.index().schema();
        let stories = searcher.num_docs().max(1);
        let stop = stop_stems(analyzer);
        // Per term: its count, and each spelling with its count and first position.
        let mut found: HashMap<String, (u32, Spellings)> = HashMap::new();
        let mut at = 0;
        for text in [&story.body, &story.title] {
            let mut stream = analyzer.token_stream(text);
            while stream.advance() {
                let token = stream.token();
                let t = &token.text;
                let word = text.get(token.offset_from..token.offset_to).unwrap_or(t);
                if t.chars().count() >= MIN_TERM_CHARS
                    && !t.chars().all(|c| c.is_ascii_digit())
                    && !stop.contains(t)
                    && !STOP_WORDS.contains(&word.to_lowercase().as_str())
                {
                    let (n, spellings) = found.entry(t.clone()).or_default();
                    *n += 1;
                    spellings.entry(word.to_string()).or_insert((0, at)).0 += 1;
                    at += 1;
                }
            }
        }
        let mut weighted: Vec<RareTerm> = Vec::new();
        for (term, (n, spellings)) in found {
            let df = searcher.doc_freq(&TantivyTerm::from_field_text(schema.body, &term))?;
            // Only in this story, or in every story: no use for relatedness.
            if df <= 1 || df >= stories {
                continue;
            }
            weighted.push(RareTerm {
                weight: (1.0 + (n as f32).ln()) * idf(df, stories),
                word: shown_spelling(spellings),
                term,
            });
        }
        weighted.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.term.cmp(&b.term)));
        weighted.truncate(MAX_TERMS);
        Ok(weighted)
    }

    /// Any of the weighted terms (in the title or body), countries and actors of the story
    /// (weighted by rarity), not the story itself; `None` when there is nothing to look for.
    fn related_query(
        &self,
        searcher: &Searcher,
        story: &Article,
        terms: &[RareTerm],
        id_term: TantivyTerm,
    ) -> Result<Option<BooleanQuery>> {
        let schema = self.index().schema();
        let stories = searcher.num_docs().max(1);
        let boosted = |field: Field, value: &str, weight: f32| -> (Occur, Box<dyn Query>) {
            let q = TermQuery::new(
                TantivyTerm::from_field_text(field, value),
                IndexRecordOption::WithFreqs,
            );
            (
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(q), weight)),
            )
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for t in terms {
            clauses.push(boosted(schema.body, &t.term, t.weight));
            clauses.push(boosted(schema.title, &t.term, t.weight));
        }
        for (dimension, values, weight) in [
            (Dimension::Country, &story.countries, COUNTRY_WEIGHT),
            (Dimension::Actor, &story.actors, ACTOR_WEIGHT),
        ] {
            let field = dimension.field(schema);
            for value in values {
                let df = searcher.doc_freq(&TantivyTerm::from_field_text(field, value))?;
                if df > 1 {
                    clauses.push(boosted(field, value, weight * idf(df, stories)));
                }
            }
        }
        if clauses.is_empty() {
            return Ok(None);
        }
        clauses.push((
            Occur::MustNot,
            Box::new(TermQuery::new(id_term, IndexRecordOption::Basic)),
        ));
        Ok(Some(BooleanQuery::new(clauses)))
    }
}

/// One of the story's rare terms.
struct RareTerm {
    /// tf-idf weight.
    weight: f32,
    /// The term as indexed (a stem).
    term: String,
    /// The word as the story writes it.
    word: String,
}

/// The spellings of a term in a story, each with its count and the position of its first use.
type Spellings = HashMap<String, (u32, usize)>;

/// The stems of [`STOP_WORDS`] under `analyzer`.
fn stop_stems(analyzer: &mut TextAnalyzer) -> HashSet<String> {
    let mut stems = HashSet::new();
    for word in STOP_WORDS {
        let mut stream = analyzer.token_stream(word);
        while stream.advance() {
            stems.insert(stream.token().text.clone());
        }
    }
    stems
}

/// The spelling to show a term by: the most frequent, a word in capitals only when the story
/// has no other (all-caps headlines), ties to the first met.
fn shown_spelling(spellings: Spellings) -> String {
    let shouting =
        |w: &str| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase);
    spellings
        .into_iter()
        .min_by_key(|(word, (n, first))| (shouting(word), std::cmp::Reverse(*n), *first))
        .map(|(word, _)| word)
        .unwrap_or_default()
}

/// BM25's inverse document frequency of a term in `df` of `stories` stories.
fn idf(df: u64, stories: u64) -> f32 {
    ((stories as f32 - df as f32 + 0.5) / (df as f32 + 0.5)).ln_1p()
}

/// Walks the candidates of the related-story query, leaving out duplicates.
struct Finder<'a> {
    searcher: &'a Searcher,
    schema: &'a NewsSchema,
    story: &'a Article,
    /// The story's group.
    cluster: String,
    /// Leave out duplicates ([`Duplicates::Collapse`]).
    collapse: bool,
    /// The story's rare terms, each with the word that shows it.
    terms: HashMap<&'a String, &'a String>,
}

impl Finder<'_> {
    /// Fills `response` with up to `limit` related stories and the duplicates met on the way:
    /// takes the best candidates, drops each that has the title of, or a body near
    /// ([`DUPLICATE_SIMILARITY`]) that of, the story or a story kept before it, and asks for
    /// [`CANDIDATE_GROWTH`] times more candidates while too few are left.
    fn fill(
        &self,
        query: &BooleanQuery,
        limit: usize,
        analyzer: &mut TextAnalyzer,
        response: &mut RelatedResponse,
    ) -> Result<()> {
        let entities: HashSet<&String> = self
            .story
            .countries
            .iter()
            .chain(&self.story.actors)
            .collect();
        let mut kept: Vec<(String, HashSet<u64>, String)> = vec![(
            normal_title(&self.story.title),
            shingles(&self.story.body),
            self.cluster.clone(),
        )];
        let mut want = limit * CANDIDATES_PER_STORY + EXTRA_CANDIDATES;
        loop {
            let candidates = self
                .searcher
                .search(query, &TopDocs::with_limit(want).order_by_score())?;
            let exhausted = candidates.len() < want;
            response.related.clear();
            response.duplicates.clear();
            kept.truncate(1);
            for (score, address) in &candidates {
                let doc: TantivyDocument = self.searcher.doc(*address)?;
                let other = self.schema.to_article(&doc);
                // The group's size is read only for a story listed, not for one left out.
                let stored = cluster_of(self.schema, &doc);
                let grouped = stored.is_some();
                let cluster = stored.unwrap_or_else(|| other.id.clone());
                let (title, body) = (normal_title(&other.title), shingles(&other.body));
                if self.collapse
                    && kept.iter().any(|(t, b, c)| {
                        (!t.is_empty() && *t == title)
                            || *c == cluster
                            || jaccard(b, &body) >= DUPLICATE_SIMILARITY
                    })
                {
                    response.duplicates.push(other.id);
                    continue;
                }
                kept.push((title, body, cluster.clone()));
                if response.related.len() < limit {
                    let duplicates = if grouped {
                        group_size(self.searcher, self.schema, &cluster, &other.id)?
                    } else {
                        0
                    };
                    let group = (cluster, duplicates);
                    response.related.push(related_story(
                        analyzer,
                        (*score, group),
                        other,
                        &doc,
                        self.schema.date,
                        &self.terms,
                        &entities,
                    ));
                }
            }
            if response.related.len() >= limit || exhausted {
                return Ok(());
            }
            want *= CANDIDATE_GROWTH;
        }
    }
}

fn related_story(
    analyzer: &mut TextAnalyzer,
    (score, (cluster, duplicates)): (f32, (String, u64)),
    other: Article,
    doc: &TantivyDocument,
    date_field: Field,
    story_terms: &HashMap<&String, &String>,
    story_entities: &HashSet<&String>,
) -> RelatedStory {
    let mut shared_terms: Vec<String> = Vec::new();
    for text in [&other.title, &other.body] {
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            if let Some(word) = story_terms.get(&stream.token().text) {
                if !shared_terms.contains(word) {
                    shared_terms.push(word.to_string());
                }
            }
        }
    }
    let shared_entities = other
        .countries
        .iter()
        .chain(&other.actors)
        .filter(|e| story_entities.contains(e))
        .cloned()
        .collect();
    RelatedStory {
        id: other.id,
        score,
        title: other.title,
        date: doc
            .get_first(date_field)
            .and_then(|v| v.as_datetime())
            .map(from_tantivy_date),
        source: other.source,
        countries: other.countries,
        actors: other.actors,
        shared_terms,
        shared_entities,
        cluster,
        duplicates,
    }
}

/// The title in lower case with only letters and digits, words separated by one space.
fn normal_title(title: &str) -> String {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Hashes of the word 3-shingles of `text` (lower case, letters and digits); the words
/// themselves for texts shorter than three words.
fn shingles(text: &str) -> HashSet<u64> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let hash = |ws: &[String]| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        ws.hash(&mut h);
        h.finish()
    };
    if words.len() < 3 {
        return words.chunks(1).map(hash).collect();
    }
    words.windows(3).map(hash).collect()
}

/// Jaccard similarity of two sets; 0 when both are empty (no evidence of a copy).
fn jaccard(a: &HashSet<u64>, b: &HashSet<u64>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let common = a.intersection(b).count();
    common as f64 / (a.len() + b.len() - common) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsidx_core::NewsIndex;

    fn searcher(stories: &[(&str, &str, &str)]) -> NewsSearcher {
        let index = NewsIndex::create_in_ram().unwrap();
        let mut writer = index.writer_with_threads(1, 15_000_000).unwrap();
        for (id, title, body) in stories {
            let a = Article {
                id: id.to_string(),
                title: title.to_string(),
                body: body.to_string(),
                ..Article::default()
            };
            writer.add_document(index.schema().to_document(&a)).unwrap();
        }
        writer.commit().unwrap();
        NewsSearcher::open(index).unwrap()
    }

    #[test]
    fn shingle_similarity_tells_copies_from_relatives() {
        let a = shingles(
            "Ivory Coast cocoa arrivals rose to 500,000 tonnes, exporters said on Monday.",
        );
        let copy =
            shingles("Ivory Coast cocoa arrivals rose to 500,000 tonnes, exporters said on Monday");
        let other = shingles("Ghana cocoa arrivals fell to 200,000 tonnes, the board said.");
        assert!(jaccard(&a, &copy) >= DUPLICATE_SIMILARITY);
        assert!(jaccard(&a, &other) < 0.5);
        assert_eq!(
            normal_title("COCOA: Arrivals  rise!"),
            "cocoa arrivals rise"
        );
    }

    #[test]
    fn related_excludes_the_story_and_its_duplicates() {
        let body = "Ivory Coast cocoa arrivals at the ports of Abidjan and San Pedro rose to \
                    500,000 tonnes by the end of the week, exporters said on Monday.";
        let searcher = searcher(&[
            ("orig", "Ivory Coast cocoa arrivals rise", body),
            (
                "same-title",
                "IVORY COAST COCOA ARRIVALS RISE",
                "Short cocoa note on arrivals.",
            ),
            (
                "near-copy",
                "Cocoa arrivals up in Ivory Coast",
                &format!("{body} Reuters"),
            ),
            (
                "relative",
                "Ghana cocoa arrivals fall",
                "Ghana cocoa arrivals at Tema fell to 200,000 tonnes, exporters said.",
            ),
            (
                "other",
                "Gold steady in London",
                "Gold was steady in quiet London trading on Monday.",
            ),
            (
                "filler1",
                "Oil prices",
                "Oil prices rose on Monday in London.",
            ),
            ("filler2", "Wheat", "Wheat exports fell in the week."),
        ]);
        let r = searcher.related("orig", 10).unwrap();
        let ids: Vec<&str> = r.related.iter().map(|s| s.id.as_str()).collect();
        assert!(!ids.contains(&"orig"), "{ids:?}");
        assert!(!ids.contains(&"same-title"), "{ids:?}");
        assert!(!ids.contains(&"near-copy"), "{ids:?}");
        assert_eq!(ids.first(), Some(&"relative"), "{ids:?}");
        let mut dups = r.duplicates.clone();
        dups.sort();
        assert_eq!(dups, ["near-copy", "same-title"]);
        assert!(r.related[0].shared_terms.contains(&"cocoa".to_string()));
        assert!(matches!(
            searcher.related("nope", 3),
            Err(Error::UnknownStory { .. })
        ));
    }

    /// Issue 17: `related` showed stems ("compani", "privat") and the stop word "this" as
    /// shared terms.
    #[test]
    fn shared_terms_are_words_as_written_without_stop_words() {
        let searcher = searcher(&[
            (
                "seed",
                "MALI ASKS PRIVATE COMPANIES",
                "This week Mali asked private companies for help. This was new. The companies \
                 said this help was private.",
            ),
            (
                "other",
                "Private companies in Mali",
                "This time private companies said this.",
            ),
            ("filler", "Gold", "Gold was steady."),
            ("filler2", "Wheat", "Wheat fell in Chicago."),
        ]);
        let r = searcher.related("seed", 5).unwrap();
        let shared = &r.related[0].shared_terms;
        assert!(shared.contains(&"companies".to_string()), "{shared:?}");
        assert!(shared.contains(&"private".to_string()), "{shared:?}");
        for bad in ["compani", "privat", "this", "This", "thi"] {
            assert!(!shared.iter().any(|w| w == bad), "{bad} in {shared:?}");
        }
    }
}
