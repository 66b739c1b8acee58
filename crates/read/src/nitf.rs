//! The IPTC NITF 3.x reader (News Industry Text Format), one story a file.
//!
//! | article | from |
//! |---|---|
//! | `id` | `head/docdata/du-key/@key` when the du-key has a version (the story's key across its versions: NTB's doc-id is that key with the version appended, `…-b6a3-b8ad27f43a5c_47`), else `head/docdata/doc-id/@id-string` |
//! | `version` | `docdata/du-key/@version` (the "dynamic use key": NTB counts its versions there), and `docdata/date.issue/@norm` (see [`newsidx_model::Version`]) |
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

use crate::error::{ErrorKind, ReadError};
use crate::fields::{clean_byline, first_date, non_empty, version};
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

/// Builds an article from a `nitf` element (a file's root, or NITF inside NewsML-G2).
/// Returns the article and, when a date was present but unusable, why.
pub fn article_from_nitf(nitf: &Element) -> (Article, Option<String>) {
    let title = nitf
        .text_at(&["body", "body.head", "hedline", "hl1"])
        .or_else(|| nitf.text_at(&["head", "title"]))
        .unwrap_or_default();
    let standfirst = nitf
        .text_at(&["body", "body.head", "hedline", "hl2"])
        .or_else(|| {
            nitf.path(&["body", "body.head", "abstract"])
                .and_then(|a| non_empty(a.block_text(&[])))
        });
    let (date, date_error) = nitf_date(nitf);
    let body_head = nitf.path(&["body", "body.head"]);
    let du_key = nitf.path(&["head", "docdata", "du-key"]);
    let versioned_key = du_key
        .filter(|k| k.attr("version").is_some())
        .and_then(|k| k.attr("key"))
        .map(str::trim)
        .filter(|k| !k.is_empty());
    let article = Article {
        id: versioned_key
            .or_else(|| nitf.attr_at(&["head", "docdata", "doc-id"], "id-string"))
            .unwrap_or("")
            .trim()
            .to_string(),
        title,
        standfirst,
        date,
        dateline: body_head.and_then(|h| h.child_text("dateline")),
        source: nitf_source(nitf),
        byline: body_head
            .and_then(|h| h.child("byline"))
            .and_then(|b| non_empty(clean_byline(&b.text()))),
        body: nitf
            .path(&["body", "body.content"])
            .map(|c| c.block_text(&["media", "media-reference"]))
            .unwrap_or_default(),
        language: [Some(nitf), nitf.child("head"), nitf.child("body")]
            .into_iter()
            .flatten()
            .find_map(|e| e.attr("lang"))
            .map(str::to_string),
        subjects: nitf_subjects(nitf),
        version: version(
            nitf.attr_at(&["head", "docdata", "du-key"], "version"),
            nitf.attr_at(&["head", "docdata", "date.issue"], "norm"),
        ),
        ..Article::default()
    };
    (article, date_error)
}

/// The first readable of the NITF dates, in the order of the module's table.
fn nitf_date(nitf: &Element) -> (Option<chrono::DateTime<chrono::Utc>>, Option<String>) {
    let candidates = [
        nitf.attr_at(&["head", "docdata", "date.issue"], "norm"),
        nitf.attr_at(&["head", "pubdata"], "date.publication"),
        nitf.attr_at(&["head", "docdata", "date.release"], "norm"),
        nitf.attr_at(&["body", "body.head", "dateline", "story.date"], "norm"),
    ];
    first_date(
        candidates
            .into_iter()
            .flatten()
            .map(|c| (c.to_string(), "NITF date".to_string())),
    )
}

/// The distributor, else the copyright holder, else the registering source of the id.
fn nitf_source(nitf: &Element) -> Option<String> {
    nitf.text_at(&["body", "body.head", "distributor"])
        .or_else(|| {
            nitf.attr_at(&["head", "docdata", "doc.copyright"], "holder")
                .map(str::to_string)
        })
        .or_else(|| {
            nitf.attr_at(&["head", "docdata", "doc-id"], "regsrc")
                .map(str::to_string)
        })
        .filter(|s| !s.trim().is_empty())
}

/// The subject matters (else refnums) of `tobject`, then the keywords, each once.
fn nitf_subjects(nitf: &Element) -> Vec<String> {
    let head = nitf.child("head");
    let matters = head
        .and_then(|h| h.child("tobject"))
        .into_iter()
        .flat_map(|t| t.children_named("tobject.subject"))
        .filter_map(|s| {
            s.attr("tobject.subject.matter")
                .or_else(|| s.attr("tobject.subject.refnum"))
        });
    let keywords = head
        .and_then(|h| h.path(&["docdata", "key-list"]))
        .into_iter()
        .flat_map(|k| k.children_named("keyword"))
        .filter_map(|k| k.attr("key"));
    let mut subjects: Vec<String> = Vec::new();
    for s in matters.chain(keywords) {
        let s = s.trim();
        if !s.is_empty() && !subjects.iter().any(|x| x == s) {
            subjects.push(s.to_string());
        }
    }
    subjects
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &[u8] = include_bytes!("../tests/fixtures/nitf-sample.xml");

    /// NTB's NITF: the doc-id and the du-key version of one story, the issue time.
    #[test]
    fn a_nitf_version_is_the_du_key_version_and_the_issue_time() {
        let nitf = |version: &str, issued: &str| {
            format!(
                r#"<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE nitf PUBLIC "-//IPTC//DTD NITF 3.6//EN" "http://www.nitf.org/IPTC/NITF/3.6/specification/dtd/nitf-3-6.dtd">
<nitf version="-//IPTC//DTD NITF 3.6//EN" xml:lang="nb-NO">
  <head>
    <title>Faktisk: flom</title>
    <docdata management-status="usable">
      <evloc county-dist="Oslo"/>
      <doc-id regsrc="NTB" id-string="faktisk-d9cde75b-256e-4989-b6a3-b8ad27f43a5c_{version}"/>
      <urgency ed-urg="6"/>
      <date.issue norm="{issued}"/>
      <du-key key="faktisk-d9cde75b-256e-4989-b6a3-b8ad27f43a5c" version="{version}"/>
    </docdata>
  </head>
  <body><body.head><hedline><hl1>Flom i Oslo</hl1></hedline></body.head>
  <body.content><p>Elva gikk over sine bredder.</p></body.content></body>
</nitf>"#
            )
        };
        let read = |xml: String| NitfReader.read(Path::new("n.xml"), xml.as_bytes()).stories;
        let a = &read(nitf("47", "2020-09-07T14:45:26"))[0];
        let b = &read(nitf("48", "2020-09-07T14:40:00"))[0];
        // NTB appends the version to the doc-id; the du-key's key is the story's.
        assert_eq!(a.id, "faktisk-d9cde75b-256e-4989-b6a3-b8ad27f43a5c");
        assert_eq!(a.id, b.id);
        assert_eq!(a.version.number, Some(47));
        assert_eq!(
            a.version.created.unwrap().to_rfc3339(),
            "2020-09-07T14:45:26+00:00"
        );
        // The number decides before the time.
        assert_eq!(b.version.compare(&a.version), std::cmp::Ordering::Greater);
        // Without a du-key, the issue time alone.
        let out = NitfReader.read(Path::new("nitf-sample.xml"), FIXTURE);
        assert_eq!(out.stories[0].version.number, None);
        assert!(out.stories[0].version.created.is_some());
    }

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
