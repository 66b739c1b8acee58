//! The IPTC ninjs reader (News in JSON), versions 1.x and 2.x.
//!
//! A file holds one ninjs object, an array of them, or a wrapper object whose `item` or
//! `items` array holds them (as some feeds deliver). Each object of type `text` (or with no
//! type, or another non-media type such as `advisory`) gives one story; `picture`, `video`,
//! `audio`, `graphic`, `composite` and `component` objects are reported as
//! [`ErrorKind::NotAStory`] with their place ([`Location::Item`]).
//!
//! | article | from |
//! |---|---|
//! | `id` | `uri`, else `guid` |
//! | `version` | `version` (a string of digits), and `versioncreated` (see [`newsidx_model::Version`]) |
//! | `title` | `headline`, else the `headlines` (2.x) entry without a role or with role `main` |
//! | `standfirst` | `description_text`, else `description_html` (as text), else `descriptions` (2.x) |
//! | `body` | `body_text` (one paragraph a line), else `body_html`/`body_xhtml` as text, else `bodies` (2.x) |
//! | `date` | `firstcreated`, else `versioncreated`, else `firstpublished` |
//! | `byline` | `byline`, else `by` (2.x), else the names of `authors` |
//! | `dateline` | `located`, else the first `place`/`places` name |
//! | `source` | `source`, else `copyrightholder`, else `provider` name |
//! | `language` | `language` |
//! | `subjects` | each `subject`/`subjects` entry: its `name`, else its `code` or `uri` |
//!
//! HTML is turned into text by [`crate::markup::html_to_text`]: tags dropped, entities decoded,
//! paragraphs joined by blank lines.

use std::path::Path;

use newsidx_model::Article;
use serde_json::{Map, Value};

use crate::decode::{decode, looks_binary};
use crate::error::{ErrorKind, Location, ReadError};
use crate::fields::{first_date, non_empty, version};
use crate::markup::{collapse_space, html_to_text};
use crate::{ReadOutput, Reader};

/// Keys that mark a JSON object as ninjs.
const MARKERS: &[&str] = &[
    "\"uri\"",
    "\"guid\"",
    "\"headline\"",
    "\"headlines\"",
    "\"body_html\"",
    "\"body_text\"",
    "\"versioncreated\"",
    "\"firstcreated\"",
];

/// Reads ninjs JSON files (`.json`, `.ninjs`).
#[derive(Debug, Default, Clone, Copy)]
pub struct NinjsReader;

impl Reader for NinjsReader {
    fn name(&self) -> &'static str {
        "ninjs"
    }

    fn sniff(&self, path: &Path, head: &[u8]) -> u8 {
        let trimmed = head.trim_ascii_start();
        let json = trimmed.starts_with(b"{") || trimmed.starts_with(b"[");
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase());
        let marked = MARKERS
            .iter()
            .any(|m| head.windows(m.len()).any(|w| w == m.as_bytes()));
        match ext.as_deref() {
            Some("ninjs") => 95,
            Some("json") if json && marked => 90,
            Some("json") => 40,
            None if json && marked => 35,
            _ => 0,
        }
    }

    fn read(&self, path: &Path, data: &[u8]) -> ReadOutput {
        if looks_binary(data) {
            return ReadOutput::binary(path, "ninjs JSON");
        }
        let (text, _) = decode(data);
        let value: Value = match serde_json::from_str(&text) {
            Ok(value) => value,
            Err(e) => {
                return ReadOutput::error(
                    ReadError::new(path, ErrorKind::Malformed, format!("invalid JSON: {e}"))
                        .at(Location::Line(e.line() as u64)),
                )
            }
        };
        let objects: Vec<&Map<String, Value>> = match &value {
            Value::Object(o) => match o.get("item").or_else(|| o.get("items")) {
                Some(Value::Array(items)) if !o.contains_key("headline") => {
                    items.iter().filter_map(Value::as_object).collect()
                }
                _ => vec![o],
            },
            Value::Array(items) => items.iter().filter_map(Value::as_object).collect(),
            _ => Vec::new(),
        };
        let mut output = ReadOutput::default();
        if objects.is_empty() {
            output.errors.push(ReadError::new(
                path,
                ErrorKind::NotAStory,
                "JSON with no object in it: not ninjs",
            ));
        }
        let many = objects.len() > 1;
        for (i, object) in objects.into_iter().enumerate() {
            let place = |e: ReadError| {
                if many {
                    e.at(Location::Item(i as u64 + 1))
                } else {
                    e
                }
            };
            match story(object) {
                Ok((article, date_error)) => {
                    if let Some(message) = date_error {
                        output.errors.push(place(ReadError::new(
                            path,
                            ErrorKind::BadValue,
                            message,
                        )));
                    }
                    output.stories.push(article);
                }
                Err((kind, message)) => output
                    .errors
                    .push(place(ReadError::new(path, kind, message))),
            }
        }
        output
    }
}

fn string(object: &Map<String, Value>, key: &str) -> Option<String> {
    match object.get(key) {
        Some(Value::String(s)) => non_empty(s.as_str()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

/// A `[{role, value, contenttype}]` list (2.x `headlines`, `descriptions`, `bodies`): the
/// entry without a role or with a main role, else the first; HTML values as text.
fn pick(object: &Map<String, Value>, key: &str) -> Option<String> {
    let entries: Vec<&Map<String, Value>> = object
        .get(key)?
        .as_array()?
        .iter()
        .filter_map(Value::as_object)
        .collect();
    let main = entries
        .iter()
        .find(|e| {
            e.get("role")
                .and_then(Value::as_str)
                .is_none_or(|r| r.contains("main") || r.contains("default"))
        })
        .or_else(|| entries.first())?;
    let value = main.get("value")?.as_str()?;
    let html = main
        .get("contenttype")
        .and_then(Value::as_str)
        .is_some_and(|t| t.contains("html"));
    let text = if html {
        html_to_text(value)
    } else {
        plain_paragraphs(value)
    };
    (!text.is_empty()).then_some(text)
}

/// Plain text: each non-empty line a paragraph.
fn plain_paragraphs(text: &str) -> String {
    text.lines()
        .map(collapse_space)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn html_field(object: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter()
        .filter_map(|k| string(object, k))
        .map(|h| html_to_text(&h))
        .find(|t| !t.is_empty())
}

fn names(value: Option<&Value>, keys: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let items = match value {
        Some(Value::Array(items)) => items.as_slice(),
        Some(v @ Value::Object(_)) => std::slice::from_ref(v),
        _ => &[],
    };
    for item in items {
        let name = match item {
            Value::String(s) => non_empty(s.as_str()),
            Value::Object(o) => keys.iter().find_map(|k| string(o, k)),
            _ => None,
        };
        if let Some(name) = name {
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

type StoryResult = Result<(Article, Option<String>), (ErrorKind, String)>;

fn story(object: &Map<String, Value>) -> StoryResult {
    let kind = string(object, "type").unwrap_or_else(|| "text".into());
    if matches!(
        kind.as_str(),
        "picture" | "video" | "audio" | "graphic" | "composite" | "component"
    ) {
        return Err((
            ErrorKind::NotAStory,
            format!("a ninjs {kind} object, not a text story"),
        ));
    }
    let title = string(object, "headline")
        .or_else(|| pick(object, "headlines"))
        .map(|t| collapse_space(&t))
        .unwrap_or_default();
    let body = string(object, "body_text")
        .map(|t| plain_paragraphs(&t))
        .filter(|t| !t.is_empty())
        .or_else(|| html_field(object, &["body_html", "body_xhtml"]))
        .or_else(|| pick(object, "bodies"))
        .unwrap_or_default();
    if title.is_empty() && body.is_empty() {
        let keys: Vec<&str> = object.keys().map(String::as_str).take(8).collect();
        return Err((
            ErrorKind::NotAStory,
            format!(
                "a JSON object with no headline and no body (keys: {}): not a ninjs story",
                keys.join(", ")
            ),
        ));
    }
    let (date, date_error) = first_date(
        ["firstcreated", "versioncreated", "firstpublished"]
            .into_iter()
            .filter_map(|key| string(object, key).map(|text| (text, key.to_string()))),
    );
    let authors = names(object.get("authors"), &["name"]);
    let places = names(
        object.get("place").or_else(|| object.get("places")),
        &["name", "literal"],
    );
    let subjects = names(
        object.get("subject").or_else(|| object.get("subjects")),
        &["name", "code", "uri"],
    );
    let article = Article {
        id: string(object, "uri")
            .or_else(|| string(object, "guid"))
            .unwrap_or_default(),
        title,
        standfirst: string(object, "description_text")
            .map(|t| plain_paragraphs(&t))
            .filter(|t| !t.is_empty())
            .or_else(|| html_field(object, &["description_html"]))
            .or_else(|| pick(object, "descriptions")),
        date,
        dateline: string(object, "located").or_else(|| places.first().cloned()),
        source: string(object, "source")
            .or_else(|| string(object, "copyrightholder"))
            .or_else(|| names(object.get("provider"), &["name"]).first().cloned()),
        byline: string(object, "byline")
            .or_else(|| string(object, "by"))
            .or_else(|| (!authors.is_empty()).then(|| authors.join(", "))),
        body,
        language: string(object, "language"),
        subjects,
        version: version(
            string(object, "version").as_deref(),
            string(object, "versioncreated").as_deref(),
        ),
        ..Article::default()
    };
    Ok((article, date_error))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Superdesk's ninjs: `version` a string, `versioncreated` with a numeric offset.
    #[test]
    fn a_ninjs_version_is_its_version_and_versioncreated() {
        let item = |version: &str, created: &str| {
            format!(
                r#"{{"uri":"urn:newsml:localhost:2017-08-24T14:38:34.426829:7b7a3c4a","type":"text","version":"{version}","versioncreated":"{created}","firstcreated":"2017-08-24T04:38:34+0000","headline":"Storm","body_html":"<p>Rain fell.</p>","pubstatus":"usable"}}"#
            )
        };
        let read = |json: String| {
            NinjsReader
                .read(Path::new("n.json"), json.as_bytes())
                .stories
        };
        let a = &read(item("2", "2017-08-24T04:38:34+0000"))[0];
        let b = &read(item("4", "2017-08-24T01:56:56+0000"))[0];
        assert_eq!((a.version.number, b.version.number), (Some(2), Some(4)));
        assert_eq!(
            a.version.created.unwrap().to_rfc3339(),
            "2017-08-24T04:38:34+00:00"
        );
        assert_eq!(b.version.compare(&a.version), std::cmp::Ordering::Greater);
        // A version that is not a number is left out; the time still counts.
        let c = &read(item("2b", "2017-08-25T04:41:35+0000"))[0];
        assert_eq!(c.version.number, None);
        assert_eq!(c.version.compare(&a.version), std::cmp::Ordering::Greater);
    }

    #[test]
    fn ninjs_1_fields() {
        let json = br#"{"guid":"urn:x:1","type":"text","headline":"Mali talks","body_html":"<p>One &amp; two.</p><p>Three.</p>","description_text":"Lede","firstcreated":"2021-09-25T09:15:00+0000","byline":"Ana Field","located":"Bamako","language":"en","source":"EXW","subject":[{"code":"11000000","name":"politics"},{"code":"16000000"}]}"#;
        let out = NinjsReader.read(Path::new("n.json"), json);
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        let a = &out.stories[0];
        assert_eq!(a.id, "urn:x:1");
        assert_eq!(a.title, "Mali talks");
        assert_eq!(a.body, "One & two.\n\nThree.");
        assert_eq!(a.standfirst.as_deref(), Some("Lede"));
        assert_eq!(a.date.unwrap().to_rfc3339(), "2021-09-25T09:15:00+00:00");
        assert_eq!(a.byline.as_deref(), Some("Ana Field"));
        assert_eq!(a.dateline.as_deref(), Some("Bamako"));
        assert_eq!(a.source.as_deref(), Some("EXW"));
        assert_eq!(a.subjects, ["politics", "16000000"]);
    }

    #[test]
    fn ninjs_2_lists_wrappers_and_media() {
        let json = br#"{"items":[{"uri":"u1","headlines":[{"role":"short","value":"S"},{"value":"Main headline"}],"bodies":[{"contenttype":"text/html","value":"<p>Body</p>"}],"versioncreated":"2021-02-31T00:00:00Z"},{"uri":"u2","type":"picture","headline":"A photo"}]}"#;
        let out = NinjsReader.read(Path::new("n.json"), json);
        assert_eq!(out.stories.len(), 1);
        assert_eq!(out.stories[0].title, "Main headline");
        assert_eq!(out.stories[0].body, "Body");
        let errors: Vec<String> = out.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].starts_with("n.json, story 1: versioncreated"));
        assert!(errors[1].contains("story 2: a ninjs picture object"));
    }

    #[test]
    fn bad_json_names_the_line() {
        let out = NinjsReader.read(Path::new("b.json"), b"{\n\"headline\": \"x\",\n oops}");
        assert_eq!(out.errors[0].kind, ErrorKind::Malformed);
        assert_eq!(out.errors[0].location, Some(Location::Line(3)));
    }
}
