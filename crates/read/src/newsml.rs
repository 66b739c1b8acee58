//! The IPTC NewsML-G2 reader, with a small NewsML 1.x reader beside it.
//!
//! A file is a `newsItem`, or a `newsMessage` whose `itemSet` carries several items: every
//! text `newsItem` gives one [`Article`]; every other item (a `packageItem`, a picture or
//! video `newsItem`, a `conceptItem`, `knowledgeItem`, `planningItem` or `catalogItem`) is
//! reported as [`ErrorKind::NotAStory`] with what it is and its place in the message
//! ([`Location::Item`]). Files whose root is a part of an item (`contentSet`, `contentMeta`,
//! `groupSet`: the fragments printed in the IPTC specification) are reported the same way.
//!
//! | article | from (NewsML-G2) |
//! |---|---|
//! | `id` | the item's `guid` |
//! | `title` | `contentMeta/headline` (the one without a sub-headline role), else the inline NITF `hl1`, the XHTML `title`, the `slugline` |
//! | `standfirst` | `contentMeta/subheadline` or a `headline` whose role names `sub`, else a `description` whose role names a summary or abstract, else the NITF `hl2` |
//! | `dateline` | `contentMeta/dateline`, else the name of `located` |
//! | `byline` | `contentMeta/by`, else the `creator` name |
//! | `source` | `contentMeta/creditline`, else the `itemMeta/provider` name (or its qcode without scheme) |
//! | `date` | `itemMeta/firstCreated`, else `contentMeta/contentCreated`, else `itemMeta/versionCreated` |
//! | `language` | `contentMeta/language/@tag`, else the item's `xml:lang` |
//! | `subjects` | each `contentMeta/subject`: its `name`, else its `qcode` or `uri` |
//! | `body` | the first `contentSet/inlineXML` or `inlineData` with text: XHTML `html/body` (its page `header` and `footer` left out), or NITF `nitf/body/body.content`, paragraphs joined by blank lines |
//!
//! NewsML 1.x (`<NewsML>`, as AFP and ANA deliver it): each `NewsItem` gives a story from its
//! `HeadLine`, `DateLine`, `FirstCreated`, `PublicIdentifier`, `Language/@FormalName`,
//! `Provider/Party/@FormalName` and the text of its `DataContent` (NITF or XHTML).
//!
//! Any other XML document is reported as [`ErrorKind::Unrecognised`] naming its root element.
//! Parsing uses the limits of [`crate::xml`]: no entity expansion, bounded depth, truncation
//! reported with its byte offset.

use std::path::Path;

use newsidx_model::Article;

use crate::error::{ErrorKind, Location, ReadError};
use crate::markup::html_to_text;
use crate::nitf::{article_from_nitf, clean_byline, first_date, read_date};
use crate::xml::{self, looks_like_xml, root_name, Element, Limits};
use crate::{ReadOutput, Reader};

/// Roots this reader takes on.
const ROOTS: &[&str] = &[
    "newsItem",
    "newsMessage",
    "packageItem",
    "conceptItem",
    "knowledgeItem",
    "planningItem",
    "catalogItem",
    "groupSet",
    "contentSet",
    "contentMeta",
    "NewsML",
];

/// Reads NewsML-G2 (and NewsML 1.x) files; also the catch-all for other `.xml` files, which
/// it reports by their root element.
#[derive(Debug, Default, Clone, Copy)]
pub struct NewsMlReader;

impl Reader for NewsMlReader {
    fn name(&self) -> &'static str {
        "newsml"
    }

    fn sniff(&self, path: &Path, head: &[u8]) -> u8 {
        if !looks_like_xml(head) {
            return 0;
        }
        let root = root_name(head);
        if root.as_deref().is_some_and(|r| ROOTS.contains(&r)) {
            return 95;
        }
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("xml" | "newsml" | "g2") | None => 15,
            _ => 0,
        }
    }

    fn read(&self, path: &Path, data: &[u8]) -> ReadOutput {
        let root = match xml::parse(path, data, Limits::default()) {
            Ok(root) => root,
            Err(e) => return ReadOutput::error(e),
        };
        let mut output = ReadOutput::default();
        match root.name.as_str() {
            "newsItem" | "packageItem" | "conceptItem" | "knowledgeItem" | "planningItem"
            | "catalogItem" => read_item(path, &root, None, &mut output),
            "newsMessage" => {
                let items: Vec<&Element> = root
                    .elements()
                    .filter(|e| e.name.eq_ignore_ascii_case("itemSet"))
                    .flat_map(|set| set.elements())
                    .collect();
                if items.is_empty() {
                    output.errors.push(ReadError::new(
                        path,
                        ErrorKind::NotAStory,
                        "a NewsML-G2 newsMessage with no item in its itemSet",
                    ));
                }
                for (i, item) in items.into_iter().enumerate() {
                    read_item(path, item, Some(i as u64 + 1), &mut output);
                }
            }
            "groupSet" | "contentSet" | "contentMeta" => output.errors.push(ReadError::new(
                path,
                ErrorKind::NotAStory,
                format!(
                    "a fragment of a NewsML-G2 item (root <{}>), not a complete item",
                    root.name
                ),
            )),
            "NewsML" => read_newsml1(path, &root, &mut output),
            other => output.errors.push(ReadError::new(
                path,
                ErrorKind::Unrecognised,
                format!("XML with root <{other}>: not NewsML-G2, NewsML 1 or NITF"),
            )),
        }
        output
    }
}

fn non_empty(text: String) -> Option<String> {
    (!text.trim().is_empty()).then_some(text)
}

/// What a non-story item is, in words.
fn item_kind(name: &str) -> &'static str {
    match name {
        "packageItem" => "a NewsML-G2 packageItem (a package of references to other items)",
        "conceptItem" => "a NewsML-G2 conceptItem (a concept description)",
        "knowledgeItem" => "a NewsML-G2 knowledgeItem (a set of concepts)",
        "planningItem" => "a NewsML-G2 planningItem (coverage planning)",
        "catalogItem" => "a NewsML-G2 catalogItem (a scheme catalogue)",
        _ => "an element that is not a NewsML-G2 item",
    }
}

fn read_item(path: &Path, item: &Element, index: Option<u64>, output: &mut ReadOutput) {
    let place = |e: ReadError| match index {
        Some(i) => e.at(Location::Item(i)),
        None => e,
    };
    if item.name != "newsItem" {
        output.errors.push(place(ReadError::new(
            path,
            ErrorKind::NotAStory,
            format!("{}, not a text story", item_kind(&item.name)),
        )));
        return;
    }
    let item_meta = item.child("itemMeta");
    let class = item_meta
        .and_then(|m| m.child("itemClass"))
        .and_then(|c| c.attr("qcode").or_else(|| c.attr("uri")))
        .unwrap_or("");
    let class_name = class
        .rsplit([':', '/'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if !class_name.is_empty() && !class_name.contains("text") {
        output.errors.push(place(ReadError::new(
            path,
            ErrorKind::NotAStory,
            format!("a {class_name} newsItem (itemClass {class}), not a text story"),
        )));
        return;
    }
    match article_from_item(item) {
        Ok((article, date_error)) => {
            if let Some(message) = date_error {
                output
                    .errors
                    .push(place(ReadError::new(path, ErrorKind::BadValue, message)));
            }
            output.stories.push(article);
        }
        Err(message) => {
            output
                .errors
                .push(place(ReadError::new(path, ErrorKind::NotAStory, message)))
        }
    }
}

/// Body text, NITF and XHTML title of an item's content set.
fn content_text(content_set: Option<&Element>) -> (String, Option<Article>, Option<String>) {
    let Some(set) = content_set else {
        return (String::new(), None, None);
    };
    for content in set.elements() {
        match content.name.as_str() {
            "inlineXML" => {
                if let Some(nitf) = content.child("nitf") {
                    let (article, _) = article_from_nitf(nitf);
                    if !article.body.is_empty() {
                        return (article.body.clone(), Some(article), None);
                    }
                } else if let Some(html) = content.child("html") {
                    let title = html
                        .path(&["head", "title"])
                        .map(Element::text)
                        .and_then(non_empty);
                    // A page `header`/`footer` repeats metadata (section, headline, byline).
                    let body = html.child("body").map_or_else(
                        || html.block_text(&["head"]),
                        |b| b.block_text(&["header", "footer"]),
                    );
                    if !body.is_empty() {
                        return (body, None, title);
                    }
                } else {
                    let body = content.block_text(&[]);
                    if !body.is_empty() {
                        return (body, None, None);
                    }
                }
            }
            "inlineData" => {
                let raw = content.block_text(&[]);
                let html = content
                    .attr("contenttype")
                    .is_some_and(|t| t.contains("html"));
                let body = if html { html_to_text(&raw) } else { raw };
                if !body.is_empty() {
                    return (body, None, None);
                }
            }
            _ => {}
        }
    }
    (String::new(), None, None)
}

fn article_from_item(item: &Element) -> Result<(Article, Option<String>), String> {
    let item_meta = item.child("itemMeta");
    let meta = item.child("contentMeta");
    let content_set = item.child("contentSet");
    let (body, nitf, html_title) = content_text(content_set);
    if body.is_empty() {
        if let Some(remote) = content_set.and_then(|s| s.child("remoteContent")) {
            return Err(format!(
                "a text newsItem whose content is remote ({}), with no inline text",
                remote
                    .attr("href")
                    .or_else(|| remote.attr("residref"))
                    .unwrap_or("no href")
            ));
        }
    }
    let meta_text = |name: &str| {
        meta.and_then(|m| m.child(name))
            .map(Element::text)
            .and_then(non_empty)
    };
    let headlines: Vec<&Element> =
        meta.map_or_else(Vec::new, |m| m.children_named("headline").collect());
    let is_sub = |h: &&Element| {
        h.attr("role")
            .is_some_and(|r| r.to_ascii_lowercase().contains("sub"))
    };
    let title = headlines
        .iter()
        .find(|h| !is_sub(h))
        .map(|h| h.text())
        .and_then(non_empty)
        .or_else(|| nitf.as_ref().map(|n| n.title.clone()).and_then(non_empty))
        .or(html_title)
        .or_else(|| meta_text("slugline"))
        .unwrap_or_default();
    let standfirst = meta_text("subheadline")
        .or_else(|| {
            headlines
                .iter()
                .find(|h| is_sub(h))
                .map(|h| h.text())
                .and_then(non_empty)
        })
        .or_else(|| {
            meta.and_then(|m| {
                m.children_named("description").find(|d| {
                    d.attr("role").is_some_and(|r| {
                        let r = r.to_ascii_lowercase();
                        r.contains("summary") || r.contains("abstract")
                    })
                })
            })
            .map(|d| d.block_text(&[]))
            .and_then(non_empty)
        })
        .or_else(|| nitf.as_ref().and_then(|n| n.standfirst.clone()));
    if title.is_empty() && body.is_empty() {
        return Err("a text newsItem with neither headline nor inline text".into());
    }
    let located = meta
        .and_then(|m| m.child("located"))
        .and_then(|l| l.child("name"))
        .map(Element::text)
        .and_then(non_empty);
    let provider = item_meta.and_then(|m| m.child("provider")).and_then(|p| {
        p.child("name")
            .map(Element::text)
            .and_then(non_empty)
            .or_else(|| p.attr("literal").map(str::to_string))
            .or_else(|| {
                p.attr("qcode")
                    .map(|q| q.rsplit(':').next().unwrap_or(q).to_string())
            })
    });
    let candidates = [
        item_meta.and_then(|m| m.child("firstCreated")),
        meta.and_then(|m| m.child("contentCreated")),
        item_meta.and_then(|m| m.child("versionCreated")),
    ];
    let (date, date_error) = first_date(
        candidates
            .into_iter()
            .flatten()
            .map(|e| (e.text(), format!("<{}>", e.name))),
    );
    let mut subjects: Vec<String> = Vec::new();
    if let Some(meta) = meta {
        for subject in meta.children_named("subject") {
            let value = subject
                .child("name")
                .map(Element::text)
                .and_then(non_empty)
                .or_else(|| {
                    subject
                        .attr("qcode")
                        .or_else(|| subject.attr("uri"))
                        .map(str::to_string)
                });
            if let Some(value) = value {
                if !subjects.contains(&value) {
                    subjects.push(value);
                }
            }
        }
    }
    let article = Article {
        id: item.attr("guid").unwrap_or("").trim().to_string(),
        title,
        standfirst,
        date,
        dateline: meta_text("dateline")
            .map(|d| d.trim_end_matches(['-', '–', '—', ' ']).to_string())
            .or(located)
            .or_else(|| nitf.as_ref().and_then(|n| n.dateline.clone())),
        source: meta_text("creditline").or(provider),
        byline: meta_text("by")
            .map(|b| clean_byline(&b))
            .or_else(|| {
                meta.and_then(|m| m.child("creator"))
                    .and_then(|c| c.child("name"))
                    .map(Element::text)
                    .and_then(non_empty)
            })
            .or_else(|| nitf.as_ref().and_then(|n| n.byline.clone())),
        body,
        language: meta
            .and_then(|m| m.child("language"))
            .and_then(|l| l.attr("tag"))
            .or_else(|| item.attr("lang"))
            .map(str::to_string),
        subjects,
        ..Article::default()
    };
    Ok((article, date_error))
}

/// NewsML 1.x: one story per `NewsItem` that carries text.
fn read_newsml1(path: &Path, root: &Element, output: &mut ReadOutput) {
    let mut items = Vec::new();
    collect(root, "NewsItem", &mut items);
    if items.is_empty() {
        output.errors.push(ReadError::new(
            path,
            ErrorKind::NotAStory,
            "a NewsML 1 document with no NewsItem",
        ));
    }
    for (i, item) in items.into_iter().enumerate() {
        let at = Location::Item(i as u64 + 1);
        let mut contents = Vec::new();
        collect(item, "DataContent", &mut contents);
        let body = contents
            .iter()
            .map(|c| match c.child("nitf") {
                Some(nitf) => article_from_nitf(nitf).0.body,
                None => c.block_text(&["head"]),
            })
            .find(|b| !b.is_empty())
            .unwrap_or_default();
        let text_of = |name: &str| item.descendant(name).map(Element::text).and_then(non_empty);
        let title = text_of("HeadLine").unwrap_or_default();
        if body.is_empty() {
            output.errors.push(
                ReadError::new(
                    path,
                    ErrorKind::NotAStory,
                    "a NewsML 1 NewsItem without text content",
                )
                .at(at),
            );
            continue;
        }
        let date = match text_of("FirstCreated").map(|d| read_date(&d, "FirstCreated")) {
            Some(Ok(d)) => d,
            Some(Err(message)) => {
                output
                    .errors
                    .push(ReadError::new(path, ErrorKind::BadValue, message).at(at));
                None
            }
            None => None,
        };
        output.stories.push(Article {
            id: text_of("PublicIdentifier").unwrap_or_default(),
            title,
            date,
            dateline: text_of("DateLine"),
            source: item
                .descendant("Provider")
                .and_then(|p| p.child("Party"))
                .and_then(|p| p.attr("FormalName"))
                .map(str::to_string),
            language: item
                .descendant("Language")
                .and_then(|l| l.attr("FormalName"))
                .map(str::to_string),
            body,
            ..Article::default()
        });
    }
}

fn collect<'a>(element: &'a Element, name: &str, out: &mut Vec<&'a Element>) {
    for child in element.elements() {
        if child.name == name {
            out.push(child);
        } else {
            collect(child, name, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MESSAGE: &[u8] = include_bytes!("../tests/fixtures/newsml-message.xml");

    #[test]
    fn a_message_gives_its_text_items_and_names_the_rest() {
        let out = NewsMlReader.read(Path::new("m.xml"), MESSAGE);
        assert_eq!(out.stories.len(), 2, "{:?}", out.errors);
        let a = &out.stories[0];
        assert_eq!(a.id, "urn:newsml:example.org:20210925:mali-1");
        assert_eq!(a.title, "Mali turns to Russian firms");
        assert_eq!(
            a.standfirst.as_deref(),
            Some("Moscow not involved, says Lavrov")
        );
        assert_eq!(a.dateline.as_deref(), Some("BAMAKO, Sept 25 (Example)"));
        assert_eq!(a.byline.as_deref(), Some("Ana Field"));
        assert_eq!(a.source.as_deref(), Some("Example Wire"));
        assert_eq!(a.language.as_deref(), Some("en-GB"));
        assert_eq!(a.date.unwrap().to_rfc3339(), "2021-09-25T07:15:00+00:00");
        assert_eq!(a.subjects, ["politics", "medtop:16000000"]);
        assert_eq!(
            a.body,
            "Mali has asked Russian companies for help.\n\nTalks continue in Bamako."
        );
        let b = &out.stories[1];
        assert_eq!(b.title, "Ceasefire holds");
        assert_eq!(b.dateline.as_deref(), Some("Gao"));
        assert_eq!(b.source.as_deref(), Some("Example Wire"));
        assert_eq!(b.body, "The ceasefire held overnight.");
        let reasons: Vec<String> = out.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(reasons.len(), 2, "{reasons:?}");
        assert!(
            reasons[0].starts_with("m.xml, story 2: a picture newsItem"),
            "{}",
            reasons[0]
        );
        assert!(
            reasons[1].starts_with("m.xml, story 4: a NewsML-G2 packageItem"),
            "{}",
            reasons[1]
        );
    }

    #[test]
    fn fragments_and_other_xml_are_named() {
        let out = NewsMlReader.read(Path::new("f.xml"), b"<contentSet><inlineXML/></contentSet>");
        assert_eq!(out.errors[0].kind, ErrorKind::NotAStory);
        assert!(out.errors[0].message.contains("fragment"));
        let out = NewsMlReader.read(Path::new("o.xml"), b"<feed><entry/></feed>");
        assert_eq!(out.errors[0].kind, ErrorKind::Unrecognised);
        assert!(out.errors[0].message.contains("<feed>"));
    }
}
