//! The Reuters-21578 SGML reader.
//!
//! A `reut2-NNN.sgm` file holds up to 1,000 stories, each a `<REUTERS ... NEWID="n">` block.
//! The markup is SGML, not XML (a DOCTYPE line, no single root, raw `<` in unprocessed
//! tables), so it is read by a tolerant hand-written scanner that looks for the known tags of
//! each block and nothing else. One block gives one [`Article`]:
//!
//! | article | from |
//! |---|---|
//! | `id` | `reuters-<NEWID>`, e.g. `reuters-1` (NEWID is unique across the 22 files) |
//! | `title` | `TITLE`, upper case as written; for `TYPE="UNPROC"` stories, which have none, the first line of the text |
//! | `date` | `DATE`, `26-FEB-1987 15:01:01.79` (a leading space on single-digit days, trailing noise ignored), taken as UTC |
//! | `dateline` | `DATELINE`, trimmed of its closing dash: `SALVADOR, Feb 26` |
//! | `byline` | `AUTHOR`, without its leading `by` and trailing `, Reuters` |
//! | `body` | `BODY`, paragraphs (indented lines) joined by blank lines, the closing `Reuter` dropped; for `TYPE="BRIEF"` stories, which have no body, the title; for `UNPROC` ones the raw text after the first line |
//! | `editor_tags` | the `<D>` values of `PLACES`, `PEOPLE`, `ORGS` and `TOPICS` (`EXCHANGES` and `COMPANIES` are not kept) |
//! | `source` | `Reuters` |
//! | `language` | `en` |
//!
//! Character references (`&#2;`, `&#5;`, `&lt;`, `&amp;`...) are decoded and control
//! characters dropped. A file that is not valid UTF-8 (`reut2-017.sgm` has one 0xFC byte) is
//! decoded as Windows-1252. A block without NEWID is reported with its byte offset and
//! skipped. A block with an empty TEXT (NEWID 12793) is kept as a story with empty title and
//! body, so that every NEWID is present. A DATE that does not parse is reported and the story
//! kept undated; a DATE whose day is right but whose time is not (`31-MAR-1987 605:12:19.12`)
//! gives the day at midnight.
//! Each story's origin line is the line of its `<REUTERS` tag.

use std::path::Path;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use newsidx_model::{Article, EditorTags, Origin};

use crate::decode::{decode, looks_binary};
use crate::error::{ErrorKind, Location, ReadError};
use crate::markup::{collapse_space, decode_entities};
use crate::{ReadOutput, Reader};

/// Reads Reuters-21578 `.sgm` files.
#[derive(Debug, Default, Clone, Copy)]
pub struct ReutersReader;

impl Reader for ReutersReader {
    fn name(&self) -> &'static str {
        "reuters-sgml"
    }

    fn sniff(&self, path: &Path, head: &[u8]) -> u8 {
        let has_block = memchr::memmem::find(head, b"<REUTERS").is_some();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase());
        match (ext.as_deref(), has_block) {
            (Some("sgm" | "sgml"), true) => 95,
            (_, true) if head.trim_ascii_start().starts_with(b"<!DOCTYPE lewis") => 95,
            (_, true) if head.trim_ascii_start().starts_with(b"<REUTERS") => 90,
            (Some("sgm" | "sgml"), false) => 40,
            _ => 0,
        }
    }

    fn read(&self, path: &Path, data: &[u8]) -> ReadOutput {
        if looks_binary(data) {
            return ReadOutput::binary(path, "Reuters SGML");
        }
        let (text, _) = decode(data);
        let mut output = ReadOutput::default();
        let mut line = 1u64;
        let mut counted_to = 0usize;
        let mut next = find_markup(&text, "<REUTERS");
        while let Some(start) = next {
            // A block ends at its closing tag, or (when that is missing) where the next begins.
            next = find_markup(&text[start + 8..], "<REUTERS").map(|e| start + 8 + e);
            let limit = next.unwrap_or(text.len());
            let end = memchr::memmem::rfind(&text.as_bytes()[start..limit], b"</REUTERS>")
                .map_or(limit, |e| start + e + "</REUTERS>".len());
            line += count_lines(&text.as_bytes()[counted_to..start]);
            counted_to = start;
            match parse_block(&text[start..end]) {
                Ok((mut article, date_error)) => {
                    if let Some(message) = date_error {
                        output.errors.push(
                            ReadError::new(path, ErrorKind::BadValue, message)
                                .at(Location::Line(line)),
                        );
                    }
                    article.origin = Some(Origin {
                        path: path.display().to_string(),
                        format: self.name().to_string(),
                        line: Some(line),
                    });
                    output.stories.push(article);
                }
                Err(message) => output.errors.push(
                    ReadError::new(path, ErrorKind::Malformed, message)
                        .at(Location::Byte(start as u64)),
                ),
            }
        }
        if output.stories.is_empty() && output.errors.is_empty() {
            output.errors.push(ReadError::new(
                path,
                ErrorKind::NotAStory,
                "no <REUTERS> story block in the file",
            ));
        }
        output
    }
}

fn count_lines(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
}

/// The first `pattern` (which starts with `<`) in `text`: a vectorised search for `<`, then
/// a comparison, which is faster than a general substring search for markup.
fn find_markup(text: &str, pattern: &str) -> Option<usize> {
    let (bytes, pat) = (text.as_bytes(), pattern.as_bytes());
    memchr::memchr_iter(b'<', bytes).find(|&at| bytes[at..].starts_with(pat))
}

/// The first closing tag `</tag>` in `text`.
fn find_close(text: &str, tag: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = find_markup(&text[from..], "</") {
        let at = from + at;
        let name = &bytes[at + 2..];
        if name.starts_with(tag.as_bytes()) && name.get(tag.len()) == Some(&b'>') {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// The raw content of the first `<tag ...>...</tag>` in `block`, and the attributes text.
fn element<'a>(block: &'a str, tag: &str) -> Option<(&'a str, &'a str)> {
    let mut from = 0;
    loop {
        let at = from + memchr::memchr(b'<', &block.as_bytes()[from..])?;
        let after = &block[at + 1..];
        if let Some(rest) = after.strip_prefix(tag) {
            if rest.starts_with(['>', ' ', '\t', '\n']) {
                let gt = rest.find('>')?;
                let attrs = &rest[..gt];
                let content_start = at + 1 + tag.len() + gt + 1;
                let content_end = find_close(&block[content_start..], tag)
                    .map_or(block.len(), |e| content_start + e);
                return Some((&block[content_start..content_end], attrs));
            }
        }
        from = at + 1;
    }
}

/// The value of `name="value"` in an attribute list.
fn attribute<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(at) = attrs[from..].find(name) {
        let at = from + at;
        let before_ok = at == 0 || attrs.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = &attrs[at + name.len()..];
        if before_ok {
            if let Some(value) = rest.trim_start().strip_prefix('=') {
                let value = value.trim_start();
                let quote = value.chars().next()?;
                if quote == '"' || quote == '\'' {
                    let end = value[1..].find(quote)?;
                    return Some(&value[1..1 + end]);
                }
                let end = value.find(char::is_whitespace).unwrap_or(value.len());
                return Some(&value[..end]);
            }
        }
        from = at + name.len();
    }
    None
}

/// The `<D>` values of a tag list element.
fn tag_values(block: &str, tag: &str) -> Vec<String> {
    let Some((content, _)) = element(block, tag) else {
        return Vec::new();
    };
    let mut values: Vec<String> = Vec::new();
    let mut rest = content;
    while let Some(at) = find_markup(rest, "<D>") {
        rest = &rest[at + 3..];
        let piece = &rest[..find_markup(rest, "<D>").unwrap_or(rest.len())];
        rest = &rest[piece.len()..];
        let value = &piece[..find_markup(piece, "</D>").unwrap_or(piece.len())];
        let value = collapse_space(&decode_entities(value));
        if !value.is_empty() && !values.contains(&value) {
            values.push(value);
        }
    }
    values
}

/// Parses one `<REUTERS>` block. Returns the article and, when the date was unusable, why.
fn parse_block(block: &str) -> Result<(Article, Option<String>), String> {
    let open_end = block.find('>').ok_or("a <REUTERS tag that never closes")?;
    let newid = attribute(&block[8..open_end], "NEWID")
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .ok_or("a <REUTERS> block without NEWID")?;
    // The tag lists stand before <TEXT>: search them there only.
    let header = &block[..find_markup(block, "<TEXT").unwrap_or(block.len())];
    let mut date_error = None;
    let date = element(header, "DATE").and_then(|(raw, _)| match parse_reuters_date(raw) {
        Some(date) => Some(date),
        None => {
            date_error = Some(format!(
                "story {newid}: DATE {:?} is not a date of the form 26-FEB-1987 15:01:01.79",
                raw.trim()
            ));
            None
        }
    });
    let editor_tags = EditorTags {
        places: tag_values(header, "PLACES"),
        people: tag_values(header, "PEOPLE"),
        orgs: tag_values(header, "ORGS"),
        topics: tag_values(header, "TOPICS"),
    };
    let (text, text_attrs) = element(&block[header.len()..], "TEXT")
        .ok_or_else(|| format!("story {newid} has no <TEXT>"))?;
    // TITLE, AUTHOR and DATELINE stand before <BODY>.
    let head = &text[..find_markup(text, "<BODY>").unwrap_or(text.len())];
    let kind = attribute(text_attrs, "TYPE").unwrap_or("NORM");
    let title = element(head, "TITLE").map(|(t, _)| collapse_space(&decode_entities(t)));
    let dateline = element(head, "DATELINE").map(|(d, _)| {
        let d = collapse_space(&decode_entities(d));
        d.trim_end_matches(['-', ' ']).to_string()
    });
    let byline = element(head, "AUTHOR").map(|(a, _)| clean_author(&decode_entities(a)));
    let mut title = title.unwrap_or_default();
    let body = match element(text, "BODY") {
        Some((body, _)) => paragraphs(&decode_entities(body)),
        None if kind.eq_ignore_ascii_case("UNPROC") || title.is_empty() => {
            // No markup inside: the first line is the title, the rest the body.
            let raw = decode_entities(text);
            let raw = raw.trim_start();
            let (first, rest) = raw.split_once('\n').unwrap_or((raw, ""));
            if title.is_empty() {
                title = collapse_space(first);
                paragraphs(rest)
            } else {
                paragraphs(raw)
            }
        }
        // BRIEF stories are a headline only ("Blah blah blah." stands where a body would).
        None => title.clone(),
    };
    let article = Article {
        id: format!("reuters-{newid}"),
        title,
        date,
        dateline: dateline.filter(|d| !d.is_empty()),
        source: Some("Reuters".to_string()),
        byline: byline.filter(|b| !b.is_empty()),
        body,
        language: Some("en".to_string()),
        editor_tags,
        ..Article::default()
    };
    Ok((article, date_error))
}

/// `    by Janie Gabbett, Reuters` -> `Janie Gabbett`.
fn clean_author(author: &str) -> String {
    let author = collapse_space(author);
    let author = author
        .strip_prefix("by ")
        .or_else(|| author.strip_prefix("By "))
        .or_else(|| author.strip_prefix("BY "))
        .unwrap_or(&author);
    author
        .strip_suffix(", Reuters")
        .unwrap_or(author)
        .trim()
        .to_string()
}

/// Body text: a line that starts with white space opens a paragraph; other lines continue the
/// current one. The closing `Reuter` (or `REUTER`) signature is dropped.
fn paragraphs(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    // Where the last paragraph begins in `out`.
    let mut last = 0;
    let mut open = false;
    for line in body.lines() {
        let trimmed = line.trim();
        if (trimmed.is_empty() || line.starts_with([' ', '\t'])) && open {
            open = false;
        }
        if trimmed.is_empty() {
            continue;
        }
        if open {
            out.push(' ');
        } else {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            last = out.len();
            open = true;
        }
        out.push_str(trimmed);
    }
    let tail = &out[last..];
    if tail.eq_ignore_ascii_case("reuter") || tail.eq_ignore_ascii_case("reuters") {
        out.truncate(last.saturating_sub(2));
    }
    out
}

/// Parses `26-FEB-1987 15:01:01.79` (leading spaces, trailing noise allowed) as UTC.
pub fn parse_reuters_date(raw: &str) -> Option<DateTime<Utc>> {
    let raw = decode_entities(raw);
    let mut parts = raw.split_whitespace();
    let day = parts.next()?;
    let time = parts.next().unwrap_or("00:00:00");
    let mut dmy = day.split('-');
    let d: u32 = dmy.next()?.parse().ok()?;
    let month = dmy.next()?.to_ascii_lowercase();
    let y: i32 = dmy.next()?.parse().ok()?;
    let m = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|name| *name == month)? as u32
        + 1;
    let date = NaiveDate::from_ymd_opt(y, m, d)?;
    // The time may carry noise after it (`15:05:02.92&#5;&#5;&#5;F` decodes to `...92F`).
    let time: String = time
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':' || *c == '.')
        .collect();
    let mut hms = time.split(':');
    let h: u32 = hms.next().and_then(|v| v.parse().ok()).unwrap_or(0);
    let min: u32 = hms.next().and_then(|v| v.parse().ok()).unwrap_or(0);
    let sec = hms.next().unwrap_or("0");
    let (s, frac) = sec.split_once('.').unwrap_or((sec, "0"));
    let s: u32 = s.parse().unwrap_or(0);
    let centis: u32 = frac.get(..2).unwrap_or(frac).parse().unwrap_or(0);
    let centis = if frac.len() == 1 { centis * 10 } else { centis };
    // A time that does not exist (`605:12:19.12` in reut2-017.sgm) leaves the day at midnight.
    let naive = date
        .and_hms_milli_opt(h, min, s, centis * 10)
        .unwrap_or_else(|| date.and_time(chrono::NaiveTime::MIN));
    Some(Utc.from_utc_datetime(&naive))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &[u8] = include_bytes!("../tests/fixtures/reuters-sample.sgm");

    fn read() -> ReadOutput {
        ReutersReader.read(Path::new("reuters-sample.sgm"), FIXTURE)
    }

    #[test]
    fn a_full_story_field_by_field() {
        let out = read();
        let a = &out.stories[0];
        assert_eq!(a.id, "reuters-1");
        assert_eq!(a.title, "COCOA GROWERS REPORT RAIN IN BAHIA");
        assert_eq!(a.dateline.as_deref(), Some("SALVADOR, Feb 26"));
        assert_eq!(
            a.date.unwrap().to_rfc3339(),
            "1987-02-26T15:01:01.790+00:00"
        );
        assert_eq!(a.editor_tags.places, ["el-salvador", "usa"]);
        assert_eq!(a.editor_tags.topics, ["cocoa"]);
        assert!(a.editor_tags.people.is_empty());
        assert!(a.countries.is_empty() && a.actors.is_empty());
        assert_eq!(a.source.as_deref(), Some("Reuters"));
        assert_eq!(a.byline.as_deref(), Some("Jane Roe"));
        assert_eq!(
            a.body,
            "Rain fell in the <Bahia> zone & growers cheered.\n\nPrices rose to 340 cruzados."
        );
        assert_eq!(a.origin.as_ref().unwrap().line, Some(2));
    }

    #[test]
    fn brief_and_unproc_stories_are_kept() {
        let out = read();
        let brief = &out.stories[1];
        assert_eq!(brief.id, "reuters-2");
        assert_eq!(brief.title, "FED SETS REPO, SAYS DEALER");
        assert_eq!(brief.body, brief.title);
        assert_eq!(
            brief.date.unwrap().to_rfc3339(),
            "1987-03-02T09:05:00+00:00"
        );
        let unproc = &out.stories[2];
        assert_eq!(unproc.title, "FEDERAL RESERVE WEEKLY REPORT - FEB 26");
        assert!(unproc.body.starts_with("Two weeks ended Feb 25"));
        assert_eq!(unproc.editor_tags.orgs, ["fed"]);
    }

    #[test]
    fn latin1_byte_and_bad_blocks_are_handled() {
        let out = read();
        let latin = &out.stories[3];
        assert_eq!(latin.body, "Growth was slow, said M\u{fc}ller.");
        assert_eq!(out.stories.len(), 5);
        assert_eq!(out.stories[4].date, None);
        // The fifth block has no NEWID, the sixth an impossible date.
        let kinds: Vec<_> = out.errors.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, [ErrorKind::Malformed, ErrorKind::BadValue]);
        assert!(
            out.errors[0].to_string().contains("byte "),
            "{}",
            out.errors[0]
        );
        assert!(out.errors[0].message.contains("NEWID"));
    }

    #[test]
    fn dates_with_noise_parse() {
        let d = parse_reuters_date(" 3-MAR-1987 00:43:42.82").unwrap();
        assert_eq!(d.to_rfc3339(), "1987-03-03T00:43:42.820+00:00");
        let d = parse_reuters_date("27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM").unwrap();
        assert_eq!(d.to_rfc3339(), "1987-03-27T00:02:59.130+00:00");
        assert!(parse_reuters_date("31-FEB-1987 00:00:00.00").is_none());
        let d = parse_reuters_date("31-MAR-1987 605:12:19.12").unwrap();
        assert_eq!(d.to_rfc3339(), "1987-03-31T00:00:00+00:00");
    }
}
