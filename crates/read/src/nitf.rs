//! The IPTC NITF 3.x reader (News Industry Text Format), one story a file.
//!
//! | article | from |
//! |---|---|
//! | `id` | `head/docdata/doc-id/@id-string` |
//! | `title` | `body/body.head/hedline/hl1`, else `head/title` |
//! | `standfirst` | `hedline/hl2`, else `body.head/abstract` |
//! | `byline` | `body.head/byline` text, a leading `By ` dropped |
//! | `dateline` | `body.head/dateline` text |
//! | `date` | `docdata/date.issue/@norm` (`20210925T091500Z`), else `pubdata/@date.publication`, `docdata/date.release/@norm`, `dateline/story.date/@norm` |
//! | `source` | `body.head/distributor`, else `docdata/doc.copyright/@holder`, else `doc-id/@regsrc` |
//! | `language` | `xml:lang` or `lang` of `nitf`, `head` or `body` |
//! | `subjects` | `tobject.subject/@tobject.subject.matter` (else its refnum), `key-list/keyword/@key` |
//! | `body` | `body/body.content`: paragraphs (`p`, `hl2`, `block`, tables...) joined by blank lines; `media` left out |
//!
//! The XML is parsed with the limits of [`crate::xml`]: no entity expansion, bounded depth,
//! truncation reported with its byte offset. A date that cannot be read is reported and the
//! story kept undated; a document with neither headline nor body text is not a story.

use std::path::Path;

use newsidx_model::Article;

use crate::date::{parse_date, DateError};
use crate::error::{ErrorKind, ReadError};
use crate::xml::{self, looks_like_xml, root_name, Element};
use crate::{ReadOutput, Reader};

/// Reads NITF documents (root element `nitf`).
#[derive(Debug, Default, Clone, Copy)]
pub struct NitfReader;

impl Reader for NitfReader {
    fn name(&self) -> &'static str {
        "nitf"
    }

    fn sniff(&self, path: &Path, head: &[u8]) -> u8 {
        if !looks_like_xml(head) {
            return 0;
        }
        match root_name(head).as_deref() {
            Some("nitf") => 95,
            _ if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("nitf")) =>
            {
                60
            }
            _ => 0,
        }
    }

    fn read(&self, path: &Path, data: &[u8]) -> ReadOutput {
        let root = match xml::parse_root(path, data, &["nitf"], "NITF") {
            Ok(root) => root,
            Err(e) => return ReadOutput::error(e),
        };
        let (article, date_error) = article_from_nitf(&root);
        let mut output = ReadOutput::default();
        if let Some(message) = date_error {
            output
                .errors
                .push(ReadError::new(path, ErrorKind::BadValue, message));
        }
        if article.title.is_empty() && article.body.is_empty() {
            output.errors.push(ReadError::new(
                path,
                ErrorKind::NotAStory,
                "NITF document with neither headline nor body text",
            ));
        } else {
            output.stories.push(article);
        }
        output
    }
}

/// Reads a date attribute or text, returning the date or a message on why it is unusable.
pub(crate) fn read_date(
    text: &str,
    what: &str,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match parse_date(text) {
        Ok(date) => Ok(Some(date)),
        Err(DateError::NoSuchDay(_)) => {
            Err(format!("{what} {text:?} names a day that does not exist"))
        }
        Err(DateError::NotADate) => Err(format!("{what} {text:?} is not in a known date form")),
    }
}

/// The first of the candidate dates (text, what it is) that reads as a date. When none does,
/// the problem with the first unreadable one, if any, for the caller to report.
pub(crate) fn first_date(
    candidates: impl IntoIterator<Item = (String, String)>,
) -> (Option<chrono::DateTime<chrono::Utc>>, Option<String>) {
    let mut problem = None;
    for (text, what) in candidates {
        match read_date(&text, &what) {
            Ok(Some(date)) => return (Some(date), None),
            Ok(None) => {}
            Err(message) => {
                problem.get_or_insert(message);
            }
        }
    }
    (None, problem)
}

fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

/// Drops a leading `By ` from a byline.
pub(crate) fn clean_byline(byline: &str) -> String {
    let trimmed = byline.trim();
    let lower = trimmed.get(..3).map(str::to_ascii_lowercase);
    match lower.as_deref() {
        Some("by ") => trimmed[3..].trim().to_string(),
        _ => trimmed.to_string(),
    }
}

/// Builds an article from a `nitf` element (a file's root, or NITF inside NewsML-G2).
/// Returns the article and, when a date was present but unusable, why.
pub fn article_from_nitf(nitf: &Element) -> (Article, Option<String>) {
    let head = nitf.child("head");
    let body = nitf.child("body");
    let body_head = body.and_then(|b| b.child("body.head"));
    let hedline = body_head.and_then(|h| h.child("hedline"));
    let docdata = head.and_then(|h| h.child("docdata"));
    let title = hedline
        .and_then(|h| h.child("hl1"))
        .map(Element::text)
        .and_then(non_empty)
        .or_else(|| head.and_then(|h| h.child("title")).map(Element::text))
        .unwrap_or_default();
    let standfirst = hedline
        .and_then(|h| h.child("hl2"))
        .map(Element::text)
        .and_then(non_empty)
        .or_else(|| {
            body_head
                .and_then(|h| h.child("abstract"))
                .map(|a| a.block_text(&[]))
                .and_then(non_empty)
        });
    let dateline_el = body_head.and_then(|h| h.child("dateline"));
    let candidates = [
        docdata
            .and_then(|d| d.child("date.issue"))
            .and_then(|d| d.attr("norm")),
        head.and_then(|h| h.child("pubdata"))
            .and_then(|p| p.attr("date.publication")),
        docdata
            .and_then(|d| d.child("date.release"))
            .and_then(|d| d.attr("norm")),
        dateline_el
            .and_then(|d| d.child("story.date"))
            .and_then(|d| d.attr("norm")),
    ];
    let (date, date_error) = first_date(
        candidates
            .into_iter()
            .flatten()
            .map(|c| (c.to_string(), "NITF date".to_string())),
    );
    let source = body_head
        .and_then(|h| h.child("distributor"))
        .map(Element::text)
        .and_then(non_empty)
        .or_else(|| {
            docdata
                .and_then(|d| d.child("doc.copyright"))
                .and_then(|c| c.attr("holder"))
                .map(str::to_string)
        })
        .or_else(|| {
            docdata
                .and_then(|d| d.child("doc-id"))
                .and_then(|d| d.attr("regsrc"))
                .map(str::to_string)
        })
        .filter(|s| !s.trim().is_empty());
    let language = [Some(nitf), head, body]
        .into_iter()
        .flatten()
        .find_map(|e| e.attr("lang"))
        .map(str::to_string);
    let mut subjects: Vec<String> = Vec::new();
    let mut add = |s: &str| {
        let s = s.trim();
        if !s.is_empty() && !subjects.iter().any(|x| x == s) {
            subjects.push(s.to_string());
        }
    };
    if let Some(tobject) = head.and_then(|h| h.child("tobject")) {
        for subject in tobject.children_named("tobject.subject") {
            if let Some(s) = subject
                .attr("tobject.subject.matter")
                .or_else(|| subject.attr("tobject.subject.refnum"))
            {
                add(s);
            }
        }
    }
    if let Some(keys) = docdata.and_then(|d| d.child("key-list")) {
        for keyword in keys.children_named("keyword") {
            if let Some(k) = keyword.attr("key") {
                add(k);
            }
        }
    }
    let text = body
        .and_then(|b| b.child("body.content"))
        .map(|c| c.block_text(&["media", "media-reference"]))
        .unwrap_or_default();
    let article = Article {
        id: docdata
            .and_then(|d| d.child("doc-id"))
            .and_then(|d| d.attr("id-string"))
            .unwrap_or("")
            .trim()
            .to_string(),
        title,
        standfirst,
        date,
        dateline: dateline_el.map(Element::text).and_then(non_empty),
        source,
        byline: body_head
            .and_then(|h| h.child("byline"))
            .map(|b| clean_byline(&b.text()))
            .and_then(non_empty),
        body: text,
        language,
        subjects,
        ..Article::default()
    };
    (article, date_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &[u8] = include_bytes!("../tests/fixtures/nitf-sample.xml");

    #[test]
    fn a_nitf_story_field_by_field() {
        let out = NitfReader.read(Path::new("nitf-sample.xml"), FIXTURE);
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        let a = &out.stories[0];
        assert_eq!(a.id, "nx-2021-0925-001");
        assert_eq!(a.title, "Mali turns to Russian firms");
        assert_eq!(
            a.standfirst.as_deref(),
            Some("Moscow says it is not involved")
        );
        assert_eq!(a.byline.as_deref(), Some("Ana Field"));
        assert_eq!(a.dateline.as_deref(), Some("BAMAKO, Sept. 25"));
        assert_eq!(a.date.unwrap().to_rfc3339(), "2021-09-25T09:15:00+00:00");
        assert_eq!(a.source.as_deref(), Some("Example Wire"));
        assert_eq!(a.language.as_deref(), Some("en"));
        assert_eq!(a.subjects, ["politics", "Mali"]);
        assert_eq!(
            a.body,
            "Mali has asked Russian companies for help – officials said.\n\nTalks continue."
        );
    }

    #[test]
    fn a_bad_issue_date_is_reported_and_the_story_kept() {
        let xml = b"<nitf><head><docdata><date.issue norm=\"2021-02-31\"/></docdata></head><body><body.head><hedline><hl1>T</hl1></hedline></body.head><body.content><p>B</p></body.content></body></nitf>";
        let out = NitfReader.read(Path::new("d.xml"), xml);
        assert_eq!(out.stories.len(), 1);
        assert_eq!(out.stories[0].date, None);
        assert_eq!(out.errors[0].kind, ErrorKind::BadValue);
        assert!(out.errors[0].message.contains("does not exist"));
    }
}
