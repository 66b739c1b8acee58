//! The Ritzau reader: the Danish agency's `RBNews` XML, one story a file, or every `RBNews` of
//! an `XMLNewsQueuedResponse` (its feed service's answer).
//!
//! | article | from |
//! |---|---|
//! | `id` | `NewsID` |
//! | `title` | `headline`, else `ContentShort` (a flash has no headline) |
//! | `standfirst` | `subtitle` |
//! | `dateline` | `town` |
//! | `byline` | `byLine` |
//! | `date` | `PublishDate`, read as UTC (the feed gives no zone; Ritzau writes Danish time) |
//! | `source` | `Ritzau` |
//! | `subjects` | `section` |
//! | `body` | `content`, HTML escaped inside the XML |
//!
//! Ritzau escapes some text twice (`Spire&amp;apos;s` in a subtitle) and some three times
//! (`&amp;amp;apos;` in press-release bodies): the HTML step decodes the second layer and the
//! body's references are decoded once more. An item with neither headline nor text is
//! reported and skipped.

use std::path::Path;

use newsidx_model::Article;

use crate::error::{ErrorKind, ReadError};
use crate::fields::{first_date, non_empty};
use crate::markup::{decode_entities, html_to_text};
use crate::xml::{self, Element};
use crate::{ReadOutput, Reader};

/// Root elements of the documents read.
const ROOTS: &[&str] = &["RBNews", "XMLNewsQueuedResponse"];

/// Reads Ritzau `RBNews` and `XMLNewsQueuedResponse` documents.
#[derive(Debug, Default, Clone, Copy)]
pub struct RitzauReader;

impl Reader for RitzauReader {
    fn name(&self) -> &'static str {
        "ritzau"
    }

    fn sniff(&self, _path: &Path, head: &[u8]) -> u8 {
        xml::sniff_root(head, ROOTS)
    }

    fn read(&self, path: &Path, data: &[u8]) -> ReadOutput {
        let root = match xml::parse_root(path, data, ROOTS, "Ritzau RBNews") {
            Ok(root) => root,
            Err(e) => return ReadOutput::error(e),
        };
        let items: Vec<&Element> = if root.name == "RBNews" {
            vec![&root]
        } else {
            root.find_all("RBNews")
        };
        let mut output = ReadOutput::default();
        if items.is_empty() {
            output.errors.push(ReadError::new(
                path,
                ErrorKind::NotAStory,
                "a Ritzau feed response with no RBNews item",
            ));
        }
        for (n, item) in items.into_iter().enumerate() {
            let (article, date_error) = article_from_rbnews(item);
            if let Some(message) = date_error {
                output.errors.push(ReadError::new(
                    path,
                    ErrorKind::BadValue,
                    format!("item {}: {message}", n + 1),
                ));
            }
            if article.title.is_empty() && article.body.is_empty() {
                output.errors.push(ReadError::new(
                    path,
                    ErrorKind::NotAStory,
                    format!("item {}: neither headline nor text", n + 1),
                ));
            } else {
                output.stories.push(article);
            }
        }
        output
    }
}

fn article_from_rbnews(item: &Element) -> (Article, Option<String>) {
    // `i:nil="true"` elements are empty, so they read as absent.
    let text = |name: &str| {
        item.child(name)
            .and_then(|e| non_empty(html_to_text(&e.text())))
    };
    let body = item
        .child("content")
        .map(|c| decode_entities(&html_to_text(&c.text())).into_owned())
        .unwrap_or_default();
    let title = text("headline")
        .or_else(|| text("ContentShort").map(|s| s.trim_end_matches('.').trim().to_string()))
        .unwrap_or_default();
    let (date, date_error) = first_date(
        item.child("PublishDate")
            .map(|d| (d.text(), "<PublishDate>".to_string())),
    );
    let article = Article {
        id: text("NewsID").unwrap_or_default(),
        title,
        standfirst: text("subtitle"),
        dateline: text("town"),
        byline: text("byLine"),
        date,
        source: Some("Ritzau".to_string()),
        subjects: text("section").into_iter().collect(),
        body,
        ..Article::default()
    };
    (article, date_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FLASH: &str = r#"<?xml version="1.0"?>
<RBNews xmlns="" xmlns:i="http://www.w3.org/2001/XMLSchema-insance">
  <NewsID>9a6955fc</NewsID>
  <PublishDate>2018-01-30T17:32:18.397</PublishDate>
  <headline i:nil="true"/>
  <subtitle i:nil="true"/>
  <town>Haag</town>
  <section>Udland</section>
  <content>&lt;p&gt;Hollandske forskere har &quot;i &#xE5;revis&quot; lavet fors&#xF8;g.&lt;/p&gt;&lt;p&gt;Det fort&#xE6;ller forskerne.&lt;/p&gt;</content>
  <byLine>Peder Top Poulsen</byLine>
  <ContentShort>Hollandske forskere har "i &#xE5;revis" lavet fors&#xF8;g...</ContentShort>
</RBNews>"#;

    #[test]
    fn a_flash_maps_field_by_field() {
        let out = RitzauReader.read(Path::new("r.xml"), FLASH.as_bytes());
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        let a = &out.stories[0];
        assert_eq!(a.id, "9a6955fc");
        assert_eq!(a.title, "Hollandske forskere har \"i årevis\" lavet forsøg");
        assert_eq!(a.standfirst, None);
        assert_eq!(a.dateline.as_deref(), Some("Haag"));
        assert_eq!(a.byline.as_deref(), Some("Peder Top Poulsen"));
        assert_eq!(a.source.as_deref(), Some("Ritzau"));
        assert_eq!(a.subjects, ["Udland"]);
        assert_eq!(
            a.body,
            "Hollandske forskere har \"i årevis\" lavet forsøg.\n\nDet fortæller forskerne."
        );
        assert_eq!(
            a.date.unwrap().to_rfc3339(),
            "2018-01-30T17:32:18.397+00:00"
        );
    }

    #[test]
    fn readers_pick_the_ritzau_reader() {
        let fixture = include_bytes!("../tests/fixtures/rbnews-sample.xml");
        let file = crate::Readers::new().read_bytes(Path::new("dk.xml"), fixture);
        assert_eq!(file.format, Some("ritzau"));
        assert_eq!(file.stories.len(), 1, "{:?}", file.errors);
        assert_eq!(file.stories[0].title, "Danmark trækker soldater ud af Mali");
        assert_eq!(file.stories[0].dateline.as_deref(), Some("København"));
    }

    #[test]
    fn a_queued_response_gives_every_item_and_decodes_twice_escaped_text() {
        let feed = r#"<XMLNewsQueuedResponse xmlns="http://tempuri.org/"><XMLNewsQueuedResult>
  <error xmlns="">0</error>
  <ListOfRBNews xmlns="">
    <RBNews><NewsID>a</NewsID><headline>PR / Spire</headline><subtitle>Spire&amp;apos;s plan</subtitle><content>&lt;P&gt;Today&amp;amp;apos;s text.&lt;/P&gt;</content></RBNews>
    <RBNews><NewsID>b</NewsID><headline i:nil="true" xmlns:i="x"/><content/></RBNews>
  </ListOfRBNews></XMLNewsQueuedResult></XMLNewsQueuedResponse>"#;
        let out = RitzauReader.read(Path::new("f.xml"), feed.as_bytes());
        assert_eq!(out.stories.len(), 1);
        assert_eq!(out.stories[0].standfirst.as_deref(), Some("Spire's plan"));
        assert_eq!(out.stories[0].body, "Today's text.");
        assert_eq!(out.errors.len(), 1);
        assert!(out.errors[0].message.contains("item 2"));
        assert_eq!(out.errors[0].kind, ErrorKind::NotAStory);
    }
}
