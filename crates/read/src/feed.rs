//! The syndication feed reader: Atom 1.0, RSS 2.0 (and 0.9x) and RSS 1.0 (RDF), every entry
//! or item a story. Newsrooms and researchers keep archives of these feeds, and some agencies
//! deliver in them (WENN's entertainment feed is Atom with its own metadata).
//!
//! | article | Atom `entry` | RSS `item` |
//! |---|---|---|
//! | `id` | `id`, else the link | `guid`, else `link` |
//! | `title` | `title` (HTML when `type="html"`) | `title` |
//! | `standfirst` | `summary` when there is a body too; WENN's `first_line` | `description` when `content:encoded` is the body |
//! | `body` | `content` (`text`, `html` or `xhtml`); WENN's `ContentMetadata/body` when longer | `content:encoded`, else `description` |
//! | `date` | `published`, else `updated` | `pubDate`, else `dc:date` |
//! | `byline` | the entry's `author/name`s | `author`, else `dc:creator` |
//! | `source` | the entry's `source/title`, else the feed's `title` | the item's `source`, else the channel's `title` |
//! | `url` | `link` with `rel="alternate"` or no `rel` | `link` |
//! | `language` | `xml:lang` of the entry, else of the feed | the channel's `language` |
//! | `subjects` | `category/@term` | `category`, `dc:subject` |
//!
//! HTML in titles and bodies becomes plain paragraphs. An entry with neither title nor body
//! is reported and skipped; an unreadable date is reported and the story kept undated.

use std::path::Path;

use newsidx_model::Article;

use crate::error::{ErrorKind, ReadError};
use crate::fields::{first_date, non_empty};
use crate::markup::{html_to_text, text_paragraphs};
use crate::xml::{self, Element};
use crate::{ReadOutput, Reader};

/// Root elements of the feeds read.
const ROOTS: &[&str] = &["feed", "rss", "RDF"];

/// Reads Atom and RSS feeds (root `feed`, `rss` or `RDF`).
#[derive(Debug, Default, Clone, Copy)]
pub struct FeedReader;

impl Reader for FeedReader {
    fn name(&self) -> &'static str {
        "feed"
    }

    fn sniff(&self, _path: &Path, head: &[u8]) -> u8 {
        xml::sniff_root(head, ROOTS)
    }

    fn read(&self, path: &Path, data: &[u8]) -> ReadOutput {
        let root = match xml::parse_root(path, data, ROOTS, "an Atom or RSS feed") {
            Ok(root) => root,
            Err(e) => return ReadOutput::error(e),
        };
        let stories: Vec<Result<(Article, Option<String>), String>> = match root.name.as_str() {
            "feed" => {
                let feed = FeedInfo {
                    source: non_empty(root.child("title").map(plain_or_html).unwrap_or_default()),
                    language: root.attr("lang").map(str::to_string),
                };
                root.children_named("entry")
                    .map(|e| atom_entry(e, &feed))
                    .collect()
            }
            // `rss` or `RDF`: `parse_root` let no other root through.
            _ => {
                // RSS 2.0 items sit in `channel`; RSS 1.0 items beside it.
                let channel = root.child("channel");
                let feed = FeedInfo {
                    source: channel
                        .and_then(|c| c.child("title"))
                        .and_then(|t| non_empty(html_to_text(&t.text()))),
                    language: channel.and_then(|c| c.child_text("language")),
                };
                let items = channel
                    .into_iter()
                    .flat_map(|c| c.children_named("item"))
                    .chain(root.children_named("item"));
                items.map(|i| rss_item(i, &feed)).collect()
            }
        };
        let mut output = ReadOutput::default();
        if stories.is_empty() {
            output.errors.push(ReadError::new(
                path,
                ErrorKind::NotAStory,
                format!("a <{}> feed with no entries", root.name),
            ));
        }
        for (n, story) in stories.into_iter().enumerate() {
            match story {
                Ok((article, date_error)) => {
                    if let Some(message) = date_error {
                        output.errors.push(ReadError::new(
                            path,
                            ErrorKind::BadValue,
                            format!("entry {}: {message}", n + 1),
                        ));
                    }
                    output.stories.push(article);
                }
                Err(message) => output.errors.push(ReadError::new(
                    path,
                    ErrorKind::NotAStory,
                    format!("entry {}: {message}", n + 1),
                )),
            }
        }
        output
    }
}

/// What the feed says of all its entries.
struct FeedInfo {
    source: Option<String>,
    language: Option<String>,
}

/// An Atom text construct (`title`, `summary`, `content`) as plain text: `xhtml` content is
/// markup in the tree, `html` is escaped markup in the text, `text` (the default) is text.
fn plain_or_html(e: &Element) -> String {
    match e.attr("type").map(str::to_ascii_lowercase).as_deref() {
        Some("xhtml") => e.block_text(&[]),
        Some("html" | "text/html") => html_to_text(&e.raw_text()),
        _ => text_paragraphs(&e.raw_text()),
    }
}

fn atom_entry(entry: &Element, feed: &FeedInfo) -> Result<(Article, Option<String>), String> {
    let text_of = |name: &str| entry.child(name).map(plain_or_html).and_then(non_empty);
    // WENN's feed keeps the story in its own metadata and a placeholder in `content`.
    let wenn = entry.child("ContentMetadata");
    let wenn_text = |name: &str| {
        wenn.and_then(|w| w.child(name))
            .map(plain_or_html)
            .and_then(non_empty)
    };
    let title = text_of("title")
        .or_else(|| wenn_text("title"))
        .unwrap_or_default();
    let summary = text_of("summary").or_else(|| wenn_text("first_line"));
    let content = text_of("content");
    let body = match (content, wenn_text("body")) {
        (Some(c), Some(w)) => Some(if w.len() > c.len() { w } else { c }),
        (c, w) => c.or(w),
    };
    let (body, standfirst) = match body {
        Some(body) => (body, summary),
        None => (summary.unwrap_or_default(), None),
    };
    if title.is_empty() && body.is_empty() {
        return Err("an entry with neither title nor text".to_string());
    }
    let link = entry
        .children_named("link")
        .find(|l| l.attr("rel").is_none_or(|r| r == "alternate"))
        .and_then(|l| l.attr("href"))
        .map(str::to_string);
    let id = entry
        .child_text("id")
        .or_else(|| link.clone())
        .unwrap_or_default();
    let date_text = |name: &str| entry.child(name).map(|d| (d.text(), format!("<{name}>")));
    let (date, date_error) = first_date(
        date_text("published")
            .into_iter()
            .chain(date_text("updated")),
    );
    let authors: Vec<String> = entry
        .children_named("author")
        .filter_map(|a| a.child_text("name"))
        .collect();
    let subjects = entry
        .children_named("category")
        .filter_map(|c| c.attr("term").or(c.attr("label")))
        .filter_map(non_empty)
        .collect();
    let source = entry
        .path(&["source", "title"])
        .and_then(|t| non_empty(plain_or_html(t)))
        .or_else(|| feed.source.clone());
    let language = entry
        .attr("lang")
        .or_else(|| wenn.and_then(|w| w.attr("lang")))
        .map(str::to_string)
        .or_else(|| feed.language.clone());
    let article = Article {
        id,
        title,
        standfirst,
        body,
        date,
        byline: (!authors.is_empty()).then(|| authors.join(", ")),
        source,
        url: link,
        language,
        subjects,
        ..Article::default()
    };
    Ok((article, date_error))
}

fn rss_item(item: &Element, feed: &FeedInfo) -> Result<(Article, Option<String>), String> {
    let html_of = |name: &str| {
        item.child(name)
            .map(|e| html_to_text(&e.raw_text()))
            .and_then(non_empty)
    };
    let title = html_of("title").unwrap_or_default();
    let description = html_of("description");
    let (body, standfirst) = match html_of("encoded") {
        Some(body) => (body, description),
        None => (description.unwrap_or_default(), None),
    };
    if title.is_empty() && body.is_empty() {
        return Err("an item with neither title nor text".to_string());
    }
    let text_of = |name: &str| item.child_text(name);
    let link = text_of("link");
    let id = text_of("guid").or_else(|| link.clone()).unwrap_or_default();
    let date_text = |name: &str, what: &str| item.child(name).map(|d| (d.text(), what.into()));
    let (date, date_error) = first_date(
        date_text("pubDate", "<pubDate>")
            .into_iter()
            .chain(date_text("date", "<dc:date>")),
    );
    let subjects = item
        .children_named("category")
        .chain(item.children_named("subject"))
        .filter_map(|c| non_empty(c.text()))
        .collect();
    let article = Article {
        id,
        title,
        standfirst,
        body,
        date,
        byline: text_of("author").or_else(|| text_of("creator")),
        source: text_of("source").or_else(|| feed.source.clone()),
        url: link,
        language: feed.language.clone(),
        subjects,
        ..Article::default()
    };
    Ok((article, date_error))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(xml: &str) -> ReadOutput {
        FeedReader.read(Path::new("feed.xml"), xml.as_bytes())
    }

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Sahel Wire</title>
  <entry>
    <id>urn:sahel:1</id>
    <title type="html">Mali &lt;b&gt;junta&lt;/b&gt; expels envoy</title>
    <link rel="alternate" href="https://example.org/1"/>
    <published>2022-01-31T10:00:00Z</published>
    <author><name>A. Reporter</name></author>
    <category term="politics"/>
    <summary>Bamako gives the French ambassador 72 hours.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>First paragraph.</p><p>Second one.</p></div></content>
  </entry>
  <entry>
    <id>urn:sahel:2</id>
    <title>Only a headline</title>
    <updated>2022-02-31T10:00:00Z</updated>
  </entry>
  <entry><id>urn:sahel:3</id></entry>
</feed>"#;

    #[test]
    fn atom_entries_map_field_by_field() {
        let out = read(ATOM);
        assert_eq!(out.stories.len(), 2);
        let a = &out.stories[0];
        assert_eq!(a.id, "urn:sahel:1");
        assert_eq!(a.title, "Mali junta expels envoy");
        assert_eq!(
            a.standfirst.as_deref(),
            Some("Bamako gives the French ambassador 72 hours.")
        );
        assert_eq!(a.body, "First paragraph.\n\nSecond one.");
        assert_eq!(a.date.unwrap().to_rfc3339(), "2022-01-31T10:00:00+00:00");
        assert_eq!(a.byline.as_deref(), Some("A. Reporter"));
        assert_eq!(a.source.as_deref(), Some("Sahel Wire"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/1"));
        assert_eq!(a.language.as_deref(), Some("en"));
        assert_eq!(a.subjects, ["politics"]);
        // A headline-only entry is kept; its impossible date is reported with its entry.
        let b = &out.stories[1];
        assert_eq!(
            (b.title.as_str(), b.body.as_str(), b.date),
            ("Only a headline", "", None)
        );
        let messages: Vec<String> = out.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(
            messages[0].contains("entry 2") && messages[0].contains("2022-02-31"),
            "{messages:?}"
        );
        assert!(messages[1].contains("entry 3") && messages[1].contains("neither title nor text"));
    }

    #[test]
    fn rss_items_map_field_by_field() {
        let rss = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Wire &amp; Co</title>
    <language>fr</language>
    <item>
      <title>Lavrov in Bamako</title>
      <link>https://example.org/lavrov</link>
      <guid isPermaLink="false">wire-77</guid>
      <pubDate>Tue, 07 Feb 2023 09:30:00 +0100</pubDate>
      <dc:creator>B. Writer</dc:creator>
      <category>Diplomacy</category>
      <description>&lt;p&gt;Russia's foreign minister visits Mali.&lt;/p&gt;</description>
      <content:encoded><![CDATA[<p>Sergey Lavrov arrived on Tuesday.</p><p>He met Assimi Goita.</p>]]></content:encoded>
    </item>
    <item><link>https://example.org/untitled</link><description>Text only &amp; no title.</description></item>
  </channel>
</rss>"#;
        let out = read(rss);
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        let a = &out.stories[0];
        assert_eq!(a.id, "wire-77");
        assert_eq!(a.title, "Lavrov in Bamako");
        assert_eq!(
            a.standfirst.as_deref(),
            Some("Russia's foreign minister visits Mali.")
        );
        assert_eq!(
            a.body,
            "Sergey Lavrov arrived on Tuesday.\n\nHe met Assimi Goita."
        );
        assert_eq!(a.date.unwrap().to_rfc3339(), "2023-02-07T08:30:00+00:00");
        assert_eq!(a.byline.as_deref(), Some("B. Writer"));
        assert_eq!(a.source.as_deref(), Some("Wire & Co"));
        assert_eq!(a.language.as_deref(), Some("fr"));
        assert_eq!(a.subjects, ["Diplomacy"]);
        let b = &out.stories[1];
        assert_eq!(b.id, "https://example.org/untitled");
        assert_eq!(
            (b.title.as_str(), b.body.as_str()),
            ("", "Text only & no title.")
        );
    }

    #[test]
    fn rss_1_items_beside_the_channel_are_read() {
        let rdf = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel><title>Old Wire</title></channel>
  <item><title>Niger vote</title><description>Polls open.</description><dc:date>2021-02-21</dc:date></item>
</rdf:RDF>"#;
        let out = read(rdf);
        assert_eq!(out.stories.len(), 1);
        assert_eq!(out.stories[0].source.as_deref(), Some("Old Wire"));
        assert_eq!(
            out.stories[0].date.unwrap().to_rfc3339(),
            "2021-02-21T00:00:00+00:00"
        );
    }

    #[test]
    fn readers_pick_the_feed_reader_for_a_feed_file() {
        let fixture = include_bytes!("../tests/fixtures/atom-sample.xml");
        let file = crate::Readers::new().read_bytes(Path::new("sahel.xml"), fixture);
        assert_eq!(file.format, Some("feed"));
        assert_eq!(file.stories.len(), 2, "{:?}", file.errors);
        assert!(file.errors.is_empty());
        assert_eq!(
            file.stories[1].body,
            "Neighbouring juntas voiced support for Mali."
        );
        assert_eq!(
            file.stories[1].date.unwrap().to_rfc3339(),
            "2022-02-01T07:00:00+00:00"
        );
    }

    #[test]
    fn an_empty_feed_and_other_xml_are_told_apart() {
        let out = read(r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>"#);
        assert_eq!(out.errors[0].kind, ErrorKind::NotAStory);
        assert!(FeedReader.sniff(Path::new("a.xml"), b"<?xml version=\"1.0\"?><nitf>") == 0);
        assert!(FeedReader.sniff(Path::new("a.xml"), b"<?xml version=\"1.0\"?>\n<rss>") > 0);
    }
}
