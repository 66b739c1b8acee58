//! One story by its id: [`NewsSearcher::story_by_id`].

use newsidx_core::Article;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

use crate::error::{Error, Result};
use crate::searcher::NewsSearcher;

impl NewsSearcher {
    /// The story with this id, with every stored field: the full text, the date, the
    /// entities, and where it came from (`origin.path`, the file it was read from, and `url`
    /// when its source gave one). One term lookup and one read from the store.
    ///
    /// Fails with [`Error::UnknownStory`] when no story has the id.
    ///
    /// # Example
    /// ```
    /// # use newsidx_core::{Article, NewsIndex};
    /// # use newsidx_query::NewsSearcher;
    /// let index = NewsIndex::create_in_ram()?;
    /// let mut writer = index.writer_with_threads(1, 15_000_000)?;
    /// let story = Article { id: "a".into(), title: "Cocoa harvest falls".into(), body: "Rains fail.".into(), ..Article::default() };
    /// writer.add_document(index.schema().to_document(&story))?;
    /// writer.commit()?;
    /// let searcher = NewsSearcher::open(index)?;
    /// assert_eq!(searcher.story_by_id("a")?.body, "Rains fail.");
    /// assert!(searcher.story_by_id("b").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn story_by_id(&self, id: &str) -> Result<Article> {
        let searcher = self.reader().searcher();
        let schema = self.index().schema();
        let term = Term::from_field_text(schema.id, id);
        let found = searcher.search(
            &TermQuery::new(term, IndexRecordOption::Basic),
            &TopDocs::with_limit(1).order_by_score(),
        )?;
        let Some((_, address)) = found.first() else {
            return Err(Error::UnknownStory { id: id.to_string() });
        };
        let doc: TantivyDocument = searcher.doc(*address)?;
        Ok(schema.to_article(&doc))
    }
}
