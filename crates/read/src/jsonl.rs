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
//! | `version` | `version` (a whole number, or a string of digits): the version number of the story `id` names |
//! | `versioncreated` | `versioncreated`, `version_created`: when this version was made |
//!
//! `version` and `versioncreated` make the story's [`newsidx_model::Version`]: of two stories
//! with one `id`, an index keeps the newer. A version that is not a whole number, or a time
//! that is not a date, is left out.
//!
//! # Mapping other field names
//!
//! Sources with other names, or with the story nested inside each record, are read with a
//! [`FieldMap`]: `title=data.headline_text` takes the title from the dotted path
//! `data.headline_text` (object keys; a number indexes an array, e.g. `authors.0.name`). A
//! mapped path is looked up first; when it is absent or empty the aliases above still apply.
//! Build one with [`FieldMap::parse`] (one `field=path` spec) or [`FieldMap::from_specs`],
//! and read with [`JsonLinesReader::with_map`] or [`crate::Readers::with_field_map`]:
//!
//! ```
//! use std::path::Path;
//! use newsidx_read::{jsonl::FieldMap, Readers};
//!
//! let map = FieldMap::from_specs(["title=data.headline_text", "body=data.text"]).unwrap();
//! let readers = Readers::new().with_field_map(map);
//! let file = readers.read_bytes(
//!     Path::new("feed.jsonl"),
//!     br#"{"data":{"headline_text":"Mali talks","text":"Body."}}"#,
//! );
//! assert_eq!(file.stories[0].title, "Mali talks");
//! ```
//!
//! Strings, numbers and lists of strings are accepted as values. Blank lines are skipped. A
//! line that is not a JSON object, or has neither title nor body, is reported with its line
//! number and the rest of the file is read. A date that cannot be parsed is reported and the
//! story is kept without it.

use std::path::Path;

use newsidx_model::{Article, Origin};
use serde_json::{Map, Value};

use crate::date::{parse_date, DateError};
use crate::decode::{decode, looks_binary};
use crate::error::{ErrorKind, Location, ReadError};
use crate::fields::version;
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
const VERSION: &[&str] = &["version"];
const VERSION_CREATED: &[&str] = &["versioncreated", "version_created"];

/// The article fields a [`FieldMap`] can point at a JSON path.
const FIELDS: &[&str] = &[
    "id",
    "title",
    "standfirst",
    "body",
    "date",
    "dateline",
    "source",
    "byline",
    "url",
    "language",
    "version",
    "versioncreated",
];

/// A `field=path` spec that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bad field map {spec:?}: {reason}")]
pub struct FieldMapError {
    /// The spec as given.
    pub spec: String,
    /// Why it was refused.
    pub reason: String,
}

/// Where to find article fields in records with other field names: `field=dotted.path`
/// pairs (see the [module docs](self)). Empty by default (aliases only).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldMap {
    paths: Vec<(&'static str, Vec<String>)>,
}

impl FieldMap {
    /// Parses one `field=path` spec, e.g. `title=data.headline_text`, and adds it (a later
    /// spec for the same field replaces an earlier one). Fields: `id`, `title`,
    /// `standfirst`, `body`, `date`, `dateline`, `source`, `byline`, `url`, `language`,
    /// `version`, `versioncreated`.
    pub fn parse(mut self, spec: &str) -> Result<FieldMap, FieldMapError> {
        let error = |reason: String| FieldMapError {
            spec: spec.to_string(),
            reason,
        };
        let (field, path) = spec
            .split_once('=')
            .ok_or_else(|| error("expected field=path, e.g. title=data.headline".into()))?;
        let field = field.trim().to_ascii_lowercase();
        let field = FIELDS.iter().find(|f| **f == field).ok_or_else(|| {
            error(format!(
                "unknown field {field:?}; fields are {}",
                FIELDS.join(", ")
            ))
        })?;
        let path: Vec<String> = path.trim().split('.').map(str::to_string).collect();
        if path.iter().any(String::is_empty) {
            return Err(error("the path has an empty segment".into()));
        }
        self.paths.retain(|(f, _)| f != field);
        self.paths.push((field, path));
        Ok(self)
    }

    /// Builds a map from several `field=path` specs.
    pub fn from_specs<I, S>(specs: I) -> Result<FieldMap, FieldMapError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        specs
            .into_iter()
            .try_fold(FieldMap::default(), |map, spec| map.parse(spec.as_ref()))
    }

    /// True when no field is mapped.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    fn path(&self, field: &str) -> Option<&[String]> {
        self.paths
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, p)| p.as_slice())
    }
}

/// Follows a dotted path through objects (keys, exact then case-insensitive) and arrays
/// (numeric segments).
fn lookup<'a>(object: &'a Map<String, Value>, path: &[String]) -> Option<&'a Value> {
    let (first, rest) = path.split_first()?;
    let mut value = object.get(first).or_else(|| {
        object
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(first))
            .map(|(_, v)| v)
    })?;
    for segment in rest {
        value = match value {
            Value::Object(o) => o.get(segment).or_else(|| {
                o.iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(segment))
                    .map(|(_, v)| v)
            })?,
            Value::Array(items) => items.get(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(value)
}

/// Reads JSON Lines files (`.jsonl`, `.ndjson`), with an optional [`FieldMap`].
#[derive(Debug, Default, Clone)]
pub struct JsonLinesReader {
    map: FieldMap,
}

impl JsonLinesReader {
    /// A reader that looks fields up through `map` before the built-in aliases.
    pub fn with_map(map: FieldMap) -> JsonLinesReader {
        JsonLinesReader { map }
    }
}

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
            return ReadOutput::binary(path, "JSON Lines");
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
            match story_from_object(&object, &self.map) {
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
        if output.stories.is_empty() && output.errors.is_empty() {
            output.errors.push(ReadError::new(
                path,
                ErrorKind::Malformed,
                "no JSON Lines record in the file (empty, or blank lines only)",
            ));
        }
        output
    }
}

/// Text fields a record holds, nested ones as dotted paths (the form a [`FieldMap`] takes),
/// with the length of their text, in key order; at most `max`.
fn text_paths(object: &Map<String, Value>, max: usize) -> Vec<(String, usize)> {
    fn walk(prefix: &str, value: &Value, depth: usize, out: &mut Vec<(String, usize)>) {
        match value {
            Value::String(text) if !text.trim().is_empty() => {
                out.push((prefix.to_string(), text.len()))
            }
            Value::Object(object) if depth < 4 => {
                for (key, value) in object {
                    walk(&format!("{prefix}.{key}"), value, depth + 1, out);
                }
            }
            Value::Array(items) if depth < 4 => {
                if let Some(first) = items.first() {
                    walk(&format!("{prefix}.0"), first, depth + 1, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (key, value) in object {
        walk(key, value, 0, &mut out);
    }
    out.truncate(max);
    out
}

/// The advice for a record whose title and body have other names: map them, with a guess
/// from the text fields seen (a name with "head" or "title" for the title, the longest text
/// for the body), and the fields to choose from.
fn map_hint(object: &Map<String, Value>) -> String {
    let paths = text_paths(object, 12);
    let Some((body, _)) = paths.iter().max_by_key(|(_, len)| *len) else {
        return String::new();
    };
    let last = |path: &str| path.rsplit('.').next().unwrap_or(path).to_ascii_lowercase();
    let title = paths
        .iter()
        .map(|(path, _)| path)
        .find(|p| *p != body && (last(p).contains("head") || last(p).contains("title")));
    let example = match title {
        Some(title) => format!("--map title={title} --map body={body}"),
        None => format!("--map body={body}"),
    };
    let seen: Vec<&str> = paths.iter().map(|(p, _)| p.as_str()).collect();
    format!(
        "; map the fields with `--map FIELD=PATH` (a FieldMap), e.g. `{example}`; text fields \
         seen: {}",
        seen.join(", ")
    )
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

/// A JSON value as text: strings trimmed, numbers written out, lists joined with `, `.
fn as_text(value: Option<&Value>) -> Option<String> {
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
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// Looks a field up through the map, then by its accepted names, case-insensitively.
fn field(object: &Map<String, Value>, map: &FieldMap, names: &[&str]) -> Option<String> {
    if let Some(text) = map
        .path(names[0])
        .and_then(|path| as_text(lookup(object, path)))
    {
        return Some(text);
    }
    names.iter().find_map(|name| {
        as_text(
            object
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v),
        )
    })
}

/// Builds an article from one JSON object. Returns the article and, when the date could not
/// be used, a message saying why; fails when there is neither title nor body.
fn story_from_object(
    object: &Map<String, Value>,
    map: &FieldMap,
) -> Result<(Article, Option<String>), String> {
    let title = field(object, map, TITLE);
    let body = field(object, map, BODY);
    if title.is_none() && body.is_none() {
        let keys: Vec<&str> = object.keys().map(String::as_str).take(8).collect();
        return Err(format!(
            "no title or body field (keys: {}); accepted names are {} and {}{}",
            keys.join(", "),
            TITLE.join("/"),
            BODY.join("/"),
            map_hint(object)
        ));
    }
    let mut date_error = None;
    let date = field(object, map, DATE).and_then(|d| match parse_date(&d) {
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
        id: field(object, map, ID).unwrap_or_default(),
        title: title.unwrap_or_default(),
        standfirst: field(object, map, STANDFIRST),
        date,
        dateline: field(object, map, DATELINE),
        source: field(object, map, SOURCE),
        byline: field(object, map, BYLINE),
        body: body.unwrap_or_default(),
        url: field(object, map, URL),
        language: field(object, map, LANGUAGE),
        version: version(
            field(object, map, VERSION).as_deref(),
            field(object, map, VERSION_CREATED).as_deref(),
        ),
        ..Article::default()
    };
    Ok((article, date_error))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> ReadOutput {
        JsonLinesReader::default().read(Path::new("w.jsonl"), text.as_bytes())
    }

    #[test]
    fn id_with_version_gives_the_story_s_version() {
        let out = read(concat!(
            r#"{"id":"afp-1","version":3,"versioncreated":"2022-03-04T10:00:00Z","title":"H","body":"B"}"#,
            "\n",
            r#"{"id":"afp-1","version":"12","title":"H","body":"B"}"#,
            "\n",
            r#"{"id":"afp-1","version":"draft","version_created":"2022-03-04T11:00:00+01:00","title":"H","body":"B"}"#,
            "\n",
            r#"{"id":"afp-2","title":"H","body":"B"}"#,
        ));
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        let v: Vec<_> = out.stories.iter().map(|s| s.version).collect();
        assert_eq!(v[0].number, Some(3));
        assert_eq!(
            v[0].created.unwrap().to_rfc3339(),
            "2022-03-04T10:00:00+00:00"
        );
        assert_eq!((v[1].number, v[1].created), (Some(12), None));
        assert_eq!(v[2].number, None);
        assert_eq!(
            v[2].created.unwrap().to_rfc3339(),
            "2022-03-04T10:00:00+00:00"
        );
        assert!(v[3].is_empty());
        assert_eq!(v[1].compare(&v[0]), std::cmp::Ordering::Greater);
        // The same second, no number to compare: neither is newer.
        assert_eq!(v[2].compare(&v[0]), std::cmp::Ordering::Equal);
        // A field map can point at a nested version.
        let map = FieldMap::from_specs(["version=meta.rev"]).unwrap();
        let out = JsonLinesReader::with_map(map).read(
            Path::new("m.jsonl"),
            br#"{"id":"x","meta":{"rev":7},"title":"H","body":"B"}"#,
        );
        assert_eq!(out.stories[0].version.number, Some(7));
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

    /// Regression (issue 17, item 15): a file whose fields have other names listed the
    /// accepted names only, with no word on `--map`.
    #[test]
    fn a_record_with_other_field_names_suggests_a_field_map_from_its_keys() {
        let out = read(
            r#"{"meta":{"uid":"x1","kind":"story"},"data":{"headline_text":"Mali talks","copy":"Talks resumed in Bamako on Monday."}}"#,
        );
        assert!(out.stories.is_empty());
        let message = &out.errors[0].message;
        assert!(
            message.contains("e.g. `--map title=data.headline_text --map body=data.copy`"),
            "{message}"
        );
        assert!(
            message
                .contains("text fields seen: data.copy, data.headline_text, meta.kind, meta.uid"),
            "{message}"
        );
        // The suggestion works.
        let map = FieldMap::from_specs(["title=data.headline_text", "body=data.copy"]).unwrap();
        let mapped = JsonLinesReader::with_map(map).read(
            Path::new("w.jsonl"),
            br#"{"data":{"headline_text":"Mali talks","copy":"Talks resumed."}}"#,
        );
        assert_eq!(mapped.stories[0].title, "Mali talks");
        // No text field at all: nothing to suggest.
        let numbers = read(r#"{"a":1,"b":[2]}"#);
        assert!(!numbers.errors[0].message.contains("--map"));
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
    fn a_field_map_reads_nested_records() {
        let map = FieldMap::from_specs([
            "title=data.headline_text",
            "body=data.paragraphs",
            "byline=data.authors.0.name",
            "date=meta.ts",
        ])
        .unwrap();
        let reader = JsonLinesReader::with_map(map);
        let out = reader.read(
            Path::new("m.jsonl"),
            br#"{"data":{"headline_text":"H","paragraphs":["a","b"],"authors":[{"name":"Ana"}]},"meta":{"ts":"2021-09-25"},"title":"ignored"}"#,
        );
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        let a = &out.stories[0];
        assert_eq!((a.title.as_str(), a.body.as_str()), ("H", "a, b"));
        assert_eq!(a.byline.as_deref(), Some("Ana"));
        assert!(a.date.is_some());
        let e = FieldMap::default().parse("headline=x").unwrap_err();
        assert!(e.to_string().contains("unknown field"), "{e}");
        assert!(FieldMap::default().parse("title").is_err());
        assert!(FieldMap::default().parse("title=a..b").is_err());
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
