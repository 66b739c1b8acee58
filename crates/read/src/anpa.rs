//! The wire-transmission text reader: ANPA 1312 (`.tst`, as AP sends it) and IPTC 7901 (as
//! dpa sends it), one story a file.
//!
//! Both open with control characters: an SOH (0x01) header line, an STX (0x02) before the
//! text, an ETX (0x03) after it. What this reader takes:
//!
//! | article | ANPA 1312 | IPTC 7901 |
//! |---|---|---|
//! | `title` | the first `^`-marked heading line after the `BC-` keyword line, its `<` dropped; else the keyword's slug (`Global Weather-Fahrenheit`) | the line after STX that ends with ` =` (a one-word flag line such as `EXTRA` before it is skipped) |
//! | `byline` | a `^By ...=` line | — |
//! | `body` | the indented paragraphs after the headings | the paragraphs after the title |
//! | `dateline` | the `CITY (AP) _` opening the first paragraph | the `City (dpa) -` opening the first paragraph |
//! | `source` | the agency in the dateline's brackets | the same |
//!
//! Neither format carries a year, so stories have no date. Text after ETX (trailers, the
//! transmission time) is dropped; bytes that are not UTF-8 are read as Windows-1252.

use std::path::Path;

use newsidx_model::Article;

use crate::decode::decode;
use crate::error::{ErrorKind, ReadError};
use crate::markup::{collapse_space, drop_controls};
use crate::{ReadOutput, Reader};

/// Reads ANPA 1312 and IPTC 7901 wire text.
#[derive(Debug, Default, Clone, Copy)]
pub struct AnpaReader;

fn starts_with_soh(head: &[u8]) -> bool {
    head.iter()
        .find(|&&b| b != 0x16)
        .is_some_and(|&b| b == 0x01)
}

impl Reader for AnpaReader {
    fn name(&self) -> &'static str {
        "anpa"
    }

    fn sniff(&self, path: &Path, head: &[u8]) -> u8 {
        let tst = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("tst") || e.eq_ignore_ascii_case("anpa"));
        match (starts_with_soh(head), tst) {
            (true, _) => 85,
            (false, true) => 50,
            _ => 0,
        }
    }

    fn read(&self, path: &Path, data: &[u8]) -> ReadOutput {
        if data.contains(&0) {
            return ReadOutput::error(ReadError::new(
                path,
                ErrorKind::Unrecognised,
                "NUL bytes: binary data, not wire text",
            ));
        }
        let (text, _) = decode(data);
        // The story runs from STX to ETX.
        let start = text.find('\u{2}').map_or(0, |i| i + 1);
        let end = text[start..]
            .find('\u{3}')
            .map_or(text.len(), |i| start + i);
        let story = &text[start..end];
        let article = if story.contains("\u{2}BC-")
            || story.starts_with("BC-")
            || story.contains("\n^")
            || story.starts_with('^')
        {
            anpa(story)
        } else {
            iptc7901(story)
        };
        match article {
            Some(article) if !article.title.is_empty() && !article.body.is_empty() => {
                ReadOutput::story(article)
            }
            Some(article) if article.body.is_empty() => ReadOutput::error(ReadError::new(
                path,
                ErrorKind::NotAStory,
                format!(
                    "wire text with headings but no story body (a headline digest?), first heading {:?}",
                    article.title
                ),
            )),
            _ => ReadOutput::error(ReadError::new(
                path,
                ErrorKind::NotAStory,
                "wire text with no headline and no body between STX and ETX",
            )),
        }
    }
}

/// Paragraphs: blank lines or indented lines start new ones.
fn paragraphs<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in lines {
        let clean = drop_controls(line);
        let trimmed = clean.trim();
        if (trimmed.is_empty() || line.starts_with([' ', '\t'])) && !current.is_empty() {
            out.push(collapse_space(&current));
            current.clear();
        }
        if !trimmed.is_empty() {
            current.push(' ');
            current.push_str(trimmed);
        }
    }
    if !current.trim().is_empty() {
        out.push(collapse_space(&current));
    }
    out
}

/// How many leading characters of a first paragraph are searched for its dateline.
const DATELINE_CHARS: usize = 80;

/// `BUENOS AIRES, Argentina (AP) _ text` -> (`BUENOS AIRES, Argentina (AP)`, `AP`).
fn dateline(paragraph: &str) -> (Option<String>, Option<String>) {
    let window: String = paragraph.chars().take(DATELINE_CHARS).collect();
    for dash in [" _ ", " - ", " -- ", " – "] {
        if let Some(at) = window.find(dash) {
            let head = window[..at].trim();
            if let (Some(open), Some(close)) = (head.rfind('('), head.rfind(')')) {
                if open < close {
                    let agency = head[open + 1..close].trim().to_string();
                    return (
                        Some(head.to_string()),
                        Some(agency).filter(|a| !a.is_empty()),
                    );
                }
            }
        }
    }
    (None, None)
}

fn finish(title: String, byline: Option<String>, body: Vec<String>) -> Option<Article> {
    let (dateline, source) = body.first().map_or((None, None), |p| dateline(p));
    Some(Article {
        title: collapse_space(&title),
        byline,
        dateline,
        source,
        body: body.join("\n\n"),
        ..Article::default()
    })
}

fn anpa(story: &str) -> Option<Article> {
    let mut title = None;
    let mut keyword = None;
    let mut byline = None;
    let mut body_lines = Vec::new();
    let mut in_body = false;
    for line in story.lines() {
        let clean = drop_controls(line);
        let trimmed = clean.trim();
        if !in_body && trimmed.starts_with('^') {
            let field = trimmed
                .trim_start_matches('^')
                .trim_end_matches(['<', '=', ' '])
                .trim();
            if let Some(slug) = field.strip_prefix("BC-") {
                // `BC-WEA--Global Weather-Fahrenheit,466`: the slug, a fallback title.
                let slug = slug.split_once("--").map_or(slug, |(_, s)| s);
                let slug = slug.rsplit_once(',').map_or(slug, |(s, _)| s);
                keyword.get_or_insert_with(|| slug.trim().to_string());
                continue;
            }
            if field.is_empty() {
                continue;
            }
            if let Some(by) = field.strip_prefix("By ") {
                byline.get_or_insert_with(|| by.trim().to_string());
            } else if title.is_none() {
                title = Some(field.to_string());
            }
            continue;
        }
        if !in_body && (line.starts_with('\t') || line.starts_with("   ")) {
            in_body = true;
        }
        if in_body {
            body_lines.push(line);
        }
    }
    let mut body = paragraphs(body_lines.into_iter());
    // Drop the AP trailer (`AP-WF-02-20-15 2213GMT`) and end marks.
    body.retain(|p| !p.starts_with("AP-") && p != "(END)" && p != "END");
    finish(title.or(keyword)?, byline, body)
}

fn iptc7901(story: &str) -> Option<Article> {
    let lines: Vec<&str> = story.lines().collect();
    let first = lines
        .iter()
        .position(|l| !drop_controls(l).trim().is_empty())?;
    let title_end = lines[first..]
        .iter()
        .take(4)
        .position(|l| l.trim_end().ends_with('='))
        .map(|i| first + i);
    let (title, body_from) = match title_end {
        Some(end) => {
            let mut parts: Vec<String> = lines[first..=end]
                .iter()
                .map(|l| drop_controls(l).trim().to_string())
                .collect();
            // A one-word flag line before the title (`EXTRA`, `URGENT`).
            if parts.len() > 1
                && !parts[0].contains(' ')
                && parts[0].chars().all(|c| c.is_uppercase())
            {
                parts.remove(0);
            }
            let title = parts.join(" ");
            (title.trim_end_matches('=').trim().to_string(), end + 1)
        }
        None => (drop_controls(lines[first]).trim().to_string(), first + 1),
    };
    let body = paragraphs(lines[body_from..].iter().copied());
    finish(title, None, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iptc7901_story() {
        let data = b"\x01eca062 4 i 211 ccccb   dpa 061\r\n\r\nMali-politics/\r\n\x02EXTRA\r\nMali talks with Russian firms =\r\n\r\n   Bamako (dpa) - Mali has asked\r\nRussian companies.\r\n\r\n   Talks go on.\r\n\x03\r\n061234 GMT Nov 18";
        let out = AnpaReader.read(Path::new("d.txt"), data);
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        let a = &out.stories[0];
        assert_eq!(a.title, "Mali talks with Russian firms");
        assert_eq!(a.dateline.as_deref(), Some("Bamako (dpa)"));
        assert_eq!(a.source.as_deref(), Some("dpa"));
        assert_eq!(
            a.body,
            "Bamako (dpa) - Mali has asked Russian companies.\n\nTalks go on."
        );
    }

    #[test]
    fn anpa_story() {
        let data = b"\x16\x16\x01W2870\x1fasian\nf l\x13\x11 BC-LT--Mali-Talks     11-13 1049\n\x02\x02BC-LT--Mali-Talks,466<\n^Mali turns to Russian firms<\n^Eds: With AP Photos.<\n^By ANA FIELD=\n^Associated Press=\n\t   BAMAKO, Mali (AP) _ Mali has asked Russian companies.\n \n\t   Talks go on.\n\x03AP-WF-11-13-14 1522GMT";
        let out = AnpaReader.read(Path::new("a.tst"), data);
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        let a = &out.stories[0];
        assert_eq!(a.title, "Mali turns to Russian firms");
        assert_eq!(a.byline.as_deref(), Some("ANA FIELD"));
        assert_eq!(a.source.as_deref(), Some("AP"));
        assert_eq!(
            a.body,
            "BAMAKO, Mali (AP) _ Mali has asked Russian companies.\n\nTalks go on."
        );
    }
}
