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
//! | `version` | the item's `version` number, and `itemMeta/versionCreated` (see [`newsidx_model::Version`]) |
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
//! `Provider/Party/@FormalName` and the text of its `DataContent` (NITF or XHTML). The
//! `PublicIdentifier` ends with the revision (`urn:newsml:afp.com:20140829T135002Z:TX-PAR-FXW86:1`):
//! the story's id leaves it out, so that its revisions are one story, and its version is the
//! `RevisionId` with `ThisRevisionCreated`.
//!
//! Any other XML document is reported as [`ErrorKind::Unrecognised`] naming its root element.
//! Parsing uses the limits of [`crate::xml`]: no entity expansion, bounded depth, truncation
//! reported with its byte offset.

use std::path::Path;

use newsidx_model::Article;

use crate::error::{ErrorKind, Location, ReadError};
use crate::fields::{clean_byline, first_date, non_empty, read_date, version};
use crate::markup::html_to_text;
use crate::nitf::article_from_nitf;
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

/// What an item's `contentSet` holds: the body text, and the NITF article or XHTML title
/// it came with (fields fall back on them).
#[derive(Default)]
struct Content {
    body: String,
    nitf: Option<Article>,
    html_title: Option<String>,
}

impl Content {
    /// The first `inlineXML` or `inlineData` of the content set with text.
    fn of(content_set: Option<&Element>) -> Content {
        content_set
            .into_iter()
            .flat_map(Element::elements)
            .find_map(|content| match content.name.as_str() {
                "inlineXML" => Content::inline_xml(content),
                "inlineData" => Content::inline_data(content),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// NITF, XHTML or other markup inline: its text, if any.
    fn inline_xml(content: &Element) -> Option<Content> {
        if let Some(nitf) = content.child("nitf") {
            let (article, _) = article_from_nitf(nitf);
            return (!article.body.is_empty()).then(|| Content {
                body: article.body.clone(),
                nitf: Some(article),
                html_title: None,
            });
        }
        if let Some(html) = content.child("html") {
            let html_title = html
                .path(&["head", "title"])
                .and_then(|t| non_empty(t.text()));
            // A page `header`/`footer` repeats metadata (section, headline, byline).
            let body = html.child("body").map_or_else(
                || html.block_text(&["head"]),
                |b| b.block_text(&["header", "footer"]),
            );
            return (!body.is_empty()).then_some(Content {
                body,
                nitf: None,
                html_title,
            });
        }
        let body = content.block_text(&[]);
        (!body.is_empty()).then(|| Content {
            body,
            ..Content::default()
        })
    }

    /// Text inline, HTML when its `contenttype` says so.
    fn inline_data(content: &Element) -> Option<Content> {
        let raw = content.block_text(&[]);
        let html = content
            .attr("contenttype")
            .is_some_and(|t| t.contains("html"));
        let body = if html { html_to_text(&raw) } else { raw };
        (!body.is_empty()).then(|| Content {
            body,
            ..Content::default()
        })
    }
}

/// A text `newsItem` and the parts its fields come from.
struct Item<'a> {
    item: &'a Element,
    item_meta: Option<&'a Element>,
    meta: Option<&'a Element>,
    content: Content,
}

impl<'a> Item<'a> {
    fn new(item: &'a Element) -> Item<'a> {
        Item {
            item,
            item_meta: item.child("itemMeta"),
            meta: item.child("contentMeta"),
            content: Content::of(item.child("contentSet")),
        }
    }

    /// The text of a `contentMeta` child.
    fn meta_text(&self, name: &str) -> Option<String> {
        self.meta.and_then(|m| m.child_text(name))
    }

    /// The `contentMeta` headlines, `true` for those whose role names a sub-headline.
    fn headlines(&self) -> impl Iterator<Item = (&'a Element, bool)> {
        self.meta
            .into_iter()
            .flat_map(|m| m.children_named("headline"))
            .map(|h| {
                let sub = h
                    .attr("role")
                    .is_some_and(|r| r.to_ascii_lowercase().contains("sub"));
                (h, sub)
            })
    }

    fn title(&self) -> String {
        self.headlines()
            .find(|(_, sub)| !sub)
            .and_then(|(h, _)| non_empty(h.text()))
            .or_else(|| {
                self.content
                    .nitf
                    .as_ref()
                    .and_then(|n| non_empty(n.title.as_str()))
            })
            .or_else(|| self.content.html_title.clone())
            .or_else(|| self.meta_text("slugline"))
            .unwrap_or_default()
    }

    fn standfirst(&self) -> Option<String> {
        let summary = |d: &&Element| {
            d.attr("role").is_some_and(|r| {
                let r = r.to_ascii_lowercase();
                r.contains("summary") || r.contains("abstract")
            })
        };
        self.meta_text("subheadline")
            .or_else(|| {
                self.headlines()
                    .find(|(_, sub)| *sub)
                    .and_then(|(h, _)| non_empty(h.text()))
            })
            .or_else(|| {
                self.meta
                    .and_then(|m| m.children_named("description").find(summary))
                    .and_then(|d| non_empty(d.block_text(&[])))
            })
            .or_else(|| {
                self.content
                    .nitf
                    .as_ref()
                    .and_then(|n| n.standfirst.clone())
            })
    }

    fn date(&self) -> (Option<chrono::DateTime<chrono::Utc>>, Option<String>) {
        let candidates = [
            self.item_meta.and_then(|m| m.child("firstCreated")),
            self.meta.and_then(|m| m.child("contentCreated")),
            self.item_meta.and_then(|m| m.child("versionCreated")),
        ];
        first_date(
            candidates
                .into_iter()
                .flatten()
                .map(|e| (e.text(), format!("<{}>", e.name))),
        )
    }

    fn dateline(&self) -> Option<String> {
        self.meta_text("dateline")
            .map(|d| d.trim_end_matches(['-', '–', '—', ' ']).to_string())
            .or_else(|| self.meta.and_then(|m| m.text_at(&["located", "name"])))
            .or_else(|| self.content.nitf.as_ref().and_then(|n| n.dateline.clone()))
    }

    /// The credit line, else the provider's name, literal or qcode (without its scheme).
    fn source(&self) -> Option<String> {
        let provider = || {
            let p = self.item_meta.and_then(|m| m.child("provider"))?;
            p.child_text("name")
                .or_else(|| p.attr("literal").map(str::to_string))
                .or_else(|| {
                    p.attr("qcode")
                        .map(|q| q.rsplit(':').next().unwrap_or(q).to_string())
                })
        };
        self.meta_text("creditline").or_else(provider)
    }

    fn byline(&self) -> Option<String> {
        self.meta_text("by")
            .map(|b| clean_byline(&b))
            .or_else(|| self.meta.and_then(|m| m.text_at(&["creator", "name"])))
            .or_else(|| self.content.nitf.as_ref().and_then(|n| n.byline.clone()))
    }

    fn language(&self) -> Option<String> {
        self.meta
            .and_then(|m| m.attr_at(&["language"], "tag"))
            .or_else(|| self.item.attr("lang"))
            .map(str::to_string)
    }

    /// Each subject's name, else its qcode or uri, each once.
    fn subjects(&self) -> Vec<String> {
        let mut subjects: Vec<String> = Vec::new();
        for subject in self
            .meta
            .into_iter()
            .flat_map(|m| m.children_named("subject"))
        {
            let value = subject.child_text("name").or_else(|| {
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
        subjects
    }

    /// Why a text item with no inline text is not a story, when its content is remote.
    fn remote_content(&self) -> Option<String> {
        let remote = self.item.path(&["contentSet", "remoteContent"])?;
        Some(format!(
            "a text newsItem whose content is remote ({}), with no inline text",
            remote
                .attr("href")
                .or_else(|| remote.attr("residref"))
                .unwrap_or("no href")
        ))
    }
}

/// The article of a text `newsItem`, with the problem of an unreadable date; or why the item
/// is not a story.
fn article_from_item(item: &Element) -> Result<(Article, Option<String>), String> {
    let parts = Item::new(item);
    if parts.content.body.is_empty() {
        if let Some(message) = parts.remote_content() {
            return Err(message);
        }
    }
    let title = parts.title();
    let standfirst = parts.standfirst();
    if title.is_empty() && parts.content.body.is_empty() {
        return Err("a text newsItem with neither headline nor inline text".into());
    }
    let (date, date_error) = parts.date();
    let article = Article {
        id: item.attr("guid").unwrap_or("").trim().to_string(),
        title,
        standfirst,
        date,
        dateline: parts.dateline(),
        source: parts.source(),
        byline: parts.byline(),
        language: parts.language(),
        subjects: parts.subjects(),
        body: parts.content.body,
        version: version(
            item.attr("version"),
            parts
                .item_meta
                .and_then(|m| m.child_text("versionCreated"))
                .as_deref(),
        ),
        ..Article::default()
    };
    Ok((article, date_error))
}

/// NewsML 1.x: one story per `NewsItem` that carries text.
fn read_newsml1(path: &Path, root: &Element, output: &mut ReadOutput) {
    let items = root.find_all("NewsItem");
    if items.is_empty() {
        output.errors.push(ReadError::new(
            path,
            ErrorKind::NotAStory,
            "a NewsML 1 document with no NewsItem",
        ));
    }
    for (i, item) in items.into_iter().enumerate() {
        let at = Location::Item(i as u64 + 1);
        match newsml1_item(item) {
            Ok((article, date_error)) => {
                if let Some(message) = date_error {
                    output
                        .errors
                        .push(ReadError::new(path, ErrorKind::BadValue, message).at(at));
                }
                output.stories.push(article);
            }
            Err(message) => output
                .errors
                .push(ReadError::new(path, ErrorKind::NotAStory, message).at(at)),
        }
    }
}

/// The article of a NewsML 1 `NewsItem`, with the problem of an unreadable date; or why the
/// item is not a story.
fn newsml1_item(item: &Element) -> Result<(Article, Option<String>), String> {
    let body = item
        .find_all("DataContent")
        .iter()
        .map(|c| match c.child("nitf") {
            Some(nitf) => article_from_nitf(nitf).0.body,
            None => c.block_text(&["head"]),
        })
        .find(|b| !b.is_empty())
        .unwrap_or_default();
    if body.is_empty() {
        return Err("a NewsML 1 NewsItem without text content".into());
    }
    let text_of = |name: &str| item.descendant(name).and_then(|e| non_empty(e.text()));
    let (date, date_error) = match text_of("FirstCreated").map(|d| read_date(&d, "FirstCreated")) {
        Some(Ok(d)) => (d, None),
        Some(Err(message)) => (None, Some(message)),
        None => (None, None),
    };
    let revision = text_of("RevisionId");
    let id = match text_of("PublicIdentifier") {
        Some(public) => revision
            .as_deref()
            .and_then(|r| public.strip_suffix(r)?.strip_suffix(':'))
            .map_or_else(|| public.clone(), str::to_string),
        None => match (
            text_of("ProviderId"),
            text_of("DateId"),
            text_of("NewsItemId"),
        ) {
            (Some(provider), Some(date), Some(item)) => {
                format!("urn:newsml:{provider}:{date}:{item}")
            }
            (_, _, item) => item.unwrap_or_default(),
        },
    };
    let article = Article {
        id,
        version: version(
            revision.as_deref(),
            text_of("ThisRevisionCreated").as_deref(),
        ),
        title: text_of("HeadLine").unwrap_or_default(),
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
    };
    Ok((article, date_error))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MESSAGE: &[u8] = include_bytes!("../tests/fixtures/newsml-message.xml");

    /// A NewsML 1 item at `revision`, created at `created`.
    fn newsml1(revision: u32, created: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="utf-8"?>
<NewsML Version="1.2">
<NewsItem xml:lang="en">
<Identification><NewsIdentifier>
<ProviderId>example.org</ProviderId><DateId>20140829</DateId><NewsItemId>TX-1</NewsItemId>
<RevisionId PreviousRevision="{previous}" Update="N">{revision}</RevisionId>
<PublicIdentifier>urn:newsml:example.org:20140829:TX-1:{revision}</PublicIdentifier>
</NewsIdentifier></Identification>
<NewsManagement><FirstCreated>20140829T134951+0000</FirstCreated>
<ThisRevisionCreated>{created}</ThisRevisionCreated></NewsManagement>
<NewsComponent><NewsLines><HeadLine>Court accepts receivership</HeadLine></NewsLines>
<ContentItem><DataContent><p>The court accepted the request.</p></DataContent></ContentItem>
</NewsComponent>
</NewsItem>
</NewsML>"#,
            previous = revision.saturating_sub(1)
        )
    }

    #[test]
    fn newsml1_revisions_are_one_story_with_their_revision_as_version() {
        let read = |xml: String| {
            let out = NewsMlReader.read(Path::new("afp.xml"), xml.as_bytes());
            assert!(out.errors.is_empty(), "{:?}", out.errors);
            out.stories.into_iter().next().expect("one story")
        };
        let first = read(newsml1(1, "20140829T134951+0000"));
        let second = read(newsml1(2, "20140829T141500+0000"));
        assert_eq!(first.id, "urn:newsml:example.org:20140829:TX-1");
        assert_eq!(first.id, second.id);
        assert_eq!(first.version.number, Some(1));
        assert_eq!(
            second.version.created.unwrap().to_rfc3339(),
            "2014-08-29T14:15:00+00:00"
        );
        assert_eq!(
            second.version.compare(&first.version),
            std::cmp::Ordering::Greater
        );
    }

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

    /// Two versions of one item, shaped as Reuters delivers them (a prefixed namespace, a
    /// large version number, `versionCreated` to the millisecond).
    fn reuters_version(version: &str, created: &str, headline: &str) -> String {
        format!(
            r#"<?xml version='1.0' encoding='utf8'?>
<ns0:newsMessage xmlns:ns0="http://iptc.org/std/nar/2006-10-01/">
  <ns0:itemSet>
    <ns0:newsItem conformance="power" guid="tag:reuters.com,0000:newsml_L1N14N0FF" standard="NewsML-G2" standardversion="2.10" version="{version}" xml:lang="en">
      <ns0:itemMeta>
        <ns0:itemClass qcode="icls:text"/>
        <ns0:versionCreated>{created}</ns0:versionCreated>
        <ns0:firstCreated>2016-01-04T15:43:34.000Z</ns0:firstCreated>
      </ns0:itemMeta>
      <ns0:contentMeta><ns0:headline>{headline}</ns0:headline></ns0:contentMeta>
      <ns0:contentSet><ns0:inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body><p>Flood waters rose.</p></body></html></ns0:inlineXML></ns0:contentSet>
    </ns0:newsItem>
  </ns0:itemSet>
</ns0:newsMessage>"#
        )
    }

    #[test]
    fn an_item_s_version_is_its_version_number_and_version_time() {
        let first = reuters_version("978556838", "2016-01-04T15:43:34.000Z", "Floods");
        let second = reuters_version("1542761538", "2016-01-04T16:34:45.000Z", "CORRECTED-Floods");
        let read = |xml: &str| {
            NewsMlReader
                .read(Path::new("r.xml"), xml.as_bytes())
                .stories
        };
        let (a, b) = (&read(&first)[0], &read(&second)[0]);
        assert_eq!(a.id, b.id);
        assert_eq!(a.version.number, Some(978_556_838));
        assert_eq!(
            b.version.created.unwrap().to_rfc3339(),
            "2016-01-04T16:34:45+00:00"
        );
        assert_eq!(b.version.compare(&a.version), std::cmp::Ordering::Greater);
        // The date stays the first creation; an item without a version has none.
        assert_eq!(b.date, a.date);
        let out = NewsMlReader.read(Path::new("m.xml"), MESSAGE);
        assert_eq!(out.stories[0].version.number, Some(1));
        assert_eq!(out.stories[1].version.number, None);
        assert!(out.stories[1].version.created.is_some());
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
