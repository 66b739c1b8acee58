//! The JSON Lines reader: one story a line, one JSON object a story.
//!
//! Field names, with the aliases accepted for each (the first one found wins; names are
//! matched case-insensitively):
//!
//! | field | accepted names |
//! |---|---|
//! | `id` | `id`, `guid`, `uri`, `_id` |
//! | `title` | `title`, `headline`, `hl` |
//! | `standfirst` | `standfirst`, `summary`, `description`, `lede`, `abstract`, `subheadline` |
//! | `body` | `body`, `text`, `content`, `body_text`, `article` |
//! | `date` | `date`, `published`, `datetime`, `published_at`, `pubdate`, `firstcreated`, `versioncreated` |
//! | `dateline` | `dateline` |
//! | `source` | `source`, `agency`, `publisher`, `provider` |
//! | `byline` | `byline`, `author`, `authors` (a list is joined with `, `) |
//! | `url` | `url`, `link` |
//! | `language` | `language`, `lang` |
//!
//! Strings, numbers and lists of strings are accepted as values. Blank lines are skipped. A
//! line that is not a JSON object, or has neither title nor body, is reported with its line
//! number and the rest of the file is read. A date that cannot be parsed is reported and the
//! story is kept without it.

use std::path::Path;

use newsidx_core::{Article, Origin};
use serde_json::{Map, Value};

use crate::date::{parse_date, DateError};
use crate::decode::{decode, looks_binary};
use crate::error::{ErrorKind, Location, ReadError};
use crate::{ReadOutput, Reader};

const ID: &[&str] = &["id", "guid", "uri", "_id"];
const TITLE: &[&str] = &["title", "headline", "hl"];
const STANDFIRST: &[&str] = &[
    "standfirst",
    "summary",
    "description",
    "lede",
    "abstract",
    "subheadline",
];
const BODY: &[&str] = &["body", "text", "content", "body_text", "article"];
const DATE: &[&str] = &[
    "date",
    "published",
    "datetime",
    "published_at",
    "pubdate",
    "firstcreated",
    "versioncreated",
];
const DATELINE: &[&str] = &["dateline"];
const SOURCE: &[&str] = &["source", "agency", "publisher", "provider"];
const BYLINE: &[&str] = &["byline", "author", "authors"];
const URL: &[&str] = &["url", "link"];
const LANGUAGE: &[&str] = &["language", "lang"];

/// Reads JSON Lines files (`.jsonl`, `.ndjson`).
#[derive(Debug, Default, Clone, Copy)]
pub struct JsonLinesReader;

impl Reader for JsonLinesReader {
    fn name(&self) -> &'static str {
        "jsonl"
    }

    fn sniff(&self, path: &Path, head: &[u8]) -> u8 {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("jsonl" | "ndjson" | "jsonlines") => 90,
            _ if head.trim_ascii_start().starts_with(b"{") && head.contains(&b'\n') => 30,
            _ => 0,
        }
    }

    fn read(&self, path: &Path, data: &[u8]) -> ReadOutput {
        if looks_binary(data) {
            return ReadOutput::error(ReadError::new(
                path,
                ErrorKind::Unrecognised,
                "binary data (NUL or control bytes), not JSON Lines",
            ));
        }
        let (text, _) = decode(data);
        let mut output = ReadOutput::default();
        for (index, line) in text.lines().enumerate() {
            let line_no = index as u64 + 1;
            if line.trim().is_empty() {
                continue;
            }
            let at = |kind, message: String| {
                ReadError::new(path, kind, message).at(Location::Line(line_no))
            };
            let object = match serde_json::from_str::<Value>(line) {
                Ok(Value::Object(object)) => object,
                Ok(other) => {
                    output.errors.push(at(
                        ErrorKind::Malformed,
                        format!("expected a JSON object, found {}", kind_of(&other)),
                    ));
                    continue;
                }
                Err(e) => {
                    output
                        .errors
                        .push(at(ErrorKind::Malformed, format!("invalid JSON: {e}")));
                    continue;
                }
            };
            match story_from_object(&object) {
                Ok((mut article, date_error)) => {
                    if let Some(message) = date_error {
                        output.errors.push(at(ErrorKind::BadValue, message));
                    }
                    article.origin = Some(Origin {
                        path: path.display().to_string(),
                        format: self.name().to_string(),
                        line: Some(line_no),
                    });
                    output.stories.push(article);
                }
                Err(message) => output.errors.push(at(ErrorKind::Malformed, message)),
            }
        }
        output
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Looks a field up by its accepted names, case-insensitively, as a string.
fn field(object: &Map<String, Value>, names: &[&str]) -> Option<String> {
    for name in names {
        let value = object
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v);
        let text = match value {
            Some(Value::String(s)) => s.trim().to_string(),
            Some(Value::Number(n)) => n.to_string(),
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|i| match i {
                    Value::String(s) => Some(s.trim().to_string()),
                    Value::Object(o) => o
                        .get("name")
                        .and_then(|n| n.as_str())
                        .map(|s| s.trim().to_string()),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join(", "),
            _ => continue,
        };
        if !text.is_empty() {
            return Some(text);
        }
    }
    None
}

/// Builds an article from one JSON object. Returns the article and, when the date could not
/// be used, a message saying why; fails when there is neither title nor body.
fn story_from_object(object: &Map<String, Value>) -> Result<(Article, Option<String>), String> {
    let title = field(object, TITLE);
    let body = field(object, BODY);
    if title.is_none() && body.is_none() {
        let keys: Vec<&str> = object.keys().map(String::as_str).take(8).collect();
        return Err(format!(
            "no title or body field (keys: {}); accepted names are {} and {}",
            keys.join(", "),
            TITLE.join("/"),
            BODY.join("/")
        ));
    }
    let mut date_error = None;
    let date = field(object, DATE).and_then(|d| match parse_date(&d) {
        Ok(date) => Some(date),
        Err(DateError::NoSuchDay(_)) => {
            date_error = Some(format!("date {d:?} names a day that does not exist"));
            None
        }
        Err(DateError::NotADate) => {
            date_error = Some(format!("date {d:?} is not in a known date form"));
            None
        }
    });
    let article = Article {
        id: field(object, ID).unwrap_or_default(),
        title: title.unwrap_or_default(),
        standfirst: field(object, STANDFIRST),
        date,
        dateline: field(object, DATELINE),
        source: field(object, SOURCE),
        byline: field(object, BYLINE),
        body: body.unwrap_or_default(),
        url: field(object, URL),
        language: field(object, LANGUAGE),
        ..Article::default()
    };
    Ok((article, date_error))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> ReadOutput {
        JsonLinesReader.read(Path::new("w.jsonl"), text.as_bytes())
    }

    #[test]
    fn aliases_map_onto_the_article() {
        let out = read(concat!(
            r#"{"guid":"g1","headline":"H","text":"T","published":"2022-03-04T09:15:00Z","agency":"AFP","author":["A","B"],"link":"https://e.org/1","lang":"en","summary":"S","dateline":"KYIV"}"#,
            "\n",
            r#"{"ID":"g2","Title":"H2","Content":"C","datetime":"2021-09-25","source":"Reuters","byline":"X"}"#,
        ));
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        let a = &out.stories[0];
        assert_eq!(a.id, "g1");
        assert_eq!(a.title, "H");
        assert_eq!(a.body, "T");
        assert_eq!(a.date.unwrap().to_rfc3339(), "2022-03-04T09:15:00+00:00");
        assert_eq!(a.source.as_deref(), Some("AFP"));
        assert_eq!(a.byline.as_deref(), Some("A, B"));
        assert_eq!(a.url.as_deref(), Some("https://e.org/1"));
        assert_eq!(a.language.as_deref(), Some("en"));
        assert_eq!(a.standfirst.as_deref(), Some("S"));
        assert_eq!(a.dateline.as_deref(), Some("KYIV"));
        let b = &out.stories[1];
        assert_eq!(
            (b.id.as_str(), b.title.as_str(), b.body.as_str()),
            ("g2", "H2", "C")
        );
        assert_eq!(b.source.as_deref(), Some("Reuters"));
        assert_eq!(b.origin.as_ref().unwrap().line, Some(2));
    }

    #[test]
    fn a_bad_line_among_good_ones_is_reported_with_its_number() {
        let out = read("{\"title\":\"one\",\"body\":\"b\"}\n\n{\"title\": oops}\n[1,2]\n{\"foo\":1}\n{\"title\":\"two\",\"body\":\"b\"}\n");
        let titles: Vec<&str> = out.stories.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["one", "two"]);
        let lines: Vec<String> = out
            .errors
            .iter()
            .map(|e| e.location.unwrap().to_string())
            .collect();
        assert_eq!(lines, ["line 3", "line 4", "line 5"]);
        assert!(out.errors[0].message.starts_with("invalid JSON"));
        assert!(out.errors[1].message.contains("an array"));
        assert!(out.errors[2].message.contains("no title or body"));
    }

    #[test]
    fn an_impossible_date_is_reported_and_the_story_kept() {
        let out = read(r#"{"title":"t","body":"b","date":"2021-02-31"}"#);
        assert_eq!(out.stories.len(), 1);
        assert_eq!(out.stories[0].date, None);
        assert_eq!(out.errors[0].kind, ErrorKind::BadValue);
        assert!(out.errors[0].to_string().contains("w.jsonl, line 1"));
    }
}
