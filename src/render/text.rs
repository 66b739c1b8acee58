//! Text for a terminal: the hits with their fragments, the facets, co-mentions and the date
//! histogram of a search, with or without ANSI colour.

use std::io::{self, Write};

use chrono::{DateTime, Datelike, Utc};
use newsidx::query::{CoMention, Fragment, Hit};
use newsidx::{Dimension, FacetValue, Facets, Histogram, Interval, SearchResponse};

/// Width of a facet heading (`Countries:`), so that the lists line up.
const HEADING_WIDTH: usize = 10;

/// Width of the longest bar of the histogram, in characters.
const BAR_WIDTH: u64 = 30;

/// ANSI styles: `1` bold, `2` dim, `36` cyan, `1;33` bold yellow, `4;36` underlined cyan.
pub struct Style {
    /// Whether to colour at all.
    pub color: bool,
}

impl Style {
    /// `text` in the ANSI style `code` when colouring, else as is.
    pub fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// The fragment for a terminal: with colour, matches bold yellow and entity mentions
/// underlined cyan; without, matches in `[...]` and mentions in `{...}` so they stay visible
/// in plain text.
pub fn fragment(fragment: &Fragment, color: bool) -> String {
    let style = Style { color };
    super::draw(fragment, str::to_string, |word, matched| {
        match (color, matched) {
            (true, true) => style.paint("1;33", word),
            (true, false) => style.paint("4;36", word),
            (false, true) => format!("[{word}]"),
            (false, false) => format!("{{{word}}}"),
        }
    })
}

/// Facet values on one line: `ML Mali (26), Wagner Group (26)` (see [`super::facet_item`]).
pub fn facet_items(values: &[FacetValue]) -> String {
    values
        .iter()
        .map(super::facet_item)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A facet's line after its heading. Under a filter on the dimension, the selected values
/// come first, marked, then the others (drill-sideways: counted as if that filter were off):
/// `selected: SA Saudi Arabia (64); others: US United States (900), ...`.
fn facet_line(style: &Style, facets: &Facets, dimension: Dimension) -> String {
    let shown = super::facet_display(facets, dimension);
    let (selected, others): (Vec<_>, Vec<_>) = shown.into_iter().partition(|(_, s)| *s);
    let list = |values: Vec<(&FacetValue, bool)>| {
        values
            .into_iter()
            .map(|(v, _)| super::facet_item(v))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if selected.is_empty() {
        return list(others);
    }
    let mut line = format!("{} {}", style.paint("1;33", "selected:"), list(selected));
    if !others.is_empty() {
        line.push_str(&format!("; others: {}", list(others)));
    }
    line
}

/// A dimension's heading, padded: `Countries:`, `Orgs:     `.
pub fn heading(dimension: Dimension) -> String {
    format!(
        "{:<HEADING_WIDTH$}",
        format!("{}:", dimension.spec().heading)
    )
}

/// A search response: the count line, the hits (numbered from `offset + 1`), then the facets,
/// co-mentions and histogram when anything matched.
pub fn search(
    out: &mut impl Write,
    r: &SearchResponse,
    offset: usize,
    color: bool,
) -> io::Result<()> {
    let style = Style { color };
    let shown = if r.hits.is_empty() {
        String::new()
    } else {
        format!(", showing {}-{}", offset + 1, offset + r.hits.len())
    };
    writeln!(
        out,
        "{} {:?}{} ({:.1} ms)",
        super::count(r.total, "story matches", "stories match"),
        r.query,
        shown,
        r.took_ms
    )?;
    for (i, hit) in r.hits.iter().enumerate() {
        self::hit(out, &style, offset + i + 1, hit)?;
    }
    if r.total == 0 {
        return Ok(());
    }
    writeln!(out)?;
    for dimension in Dimension::display_order().filter(|d| d.is_facet()) {
        let line = facet_line(&style, &r.facets, dimension);
        if !line.is_empty() {
            let name = style.paint("1", &heading(dimension));
            writeln!(out, "{name} {line}")?;
        }
    }
    if let Some(co) = &r.co_mentions {
        co_mentions(out, &style, co)?;
    }
    histogram(out, &style, &r.histogram)
}

/// One numbered hit: date, source and title, its fragments, its countries and actors, and
/// the other stories of its near-duplicate group (`2 copies (group reuters-12)`).
fn hit(out: &mut impl Write, style: &Style, number: usize, hit: &Hit) -> io::Result<()> {
    let date = hit.date.map_or_else(
        || "----------".to_string(),
        |d| d.format("%Y-%m-%d").to_string(),
    );
    writeln!(out)?;
    writeln!(
        out,
        "{:>3}. {}  {}  {}",
        number,
        date,
        style.paint("2", hit.source.as_deref().unwrap_or("-")),
        style.paint("1", &hit.title)
    )?;
    for f in &hit.fragments {
        writeln!(out, "     {}", fragment(f, style.color))?;
    }
    let mut tags = Vec::new();
    if !hit.countries.is_empty() {
        tags.push(format!("countries: {}", hit.countries.join(" ")));
    }
    if !hit.actors.is_empty() {
        tags.push(format!("actors: {}", hit.actors.join(", ")));
    }
    if hit.duplicates > 0 {
        tags.push(format!(
            "{} (group {})",
            crate::render::count(hit.duplicates, "copy", "copies"),
            hit.cluster
        ));
    }
    if !tags.is_empty() {
        writeln!(out, "     {}", style.paint("36", &tags.join("  ")))?;
    }
    Ok(())
}

/// `Co-mentions: actors: ...`, then one line per further dimension.
fn co_mentions(
    out: &mut impl Write,
    style: &Style,
    co: &newsidx::query::CoMentions,
) -> io::Result<()> {
    const TITLE: &str = "Co-mentions:";
    let list = |values: &[CoMention]| -> String {
        values
            .iter()
            .map(|v| format!("{} ({}/{}, {:.2})", v.label, v.count, v.background, v.score))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (i, (dimension, values)) in co.iter().enumerate() {
        let title = if i == 0 {
            style.paint("1", TITLE)
        } else {
            " ".repeat(TITLE.len())
        };
        let name = dimension.spec().heading.to_lowercase();
        writeln!(out, "{title} {name}: {}", list(values))?;
    }
    Ok(())
}

/// `Stories per month:` and one bar per bucket, the longest [`BAR_WIDTH`] wide.
fn histogram(out: &mut impl Write, style: &Style, h: &Histogram) -> io::Result<()> {
    if h.buckets.is_empty() {
        return Ok(());
    }
    let interval = serde_json::to_value(h.interval)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    writeln!(
        out,
        "{}",
        style.paint("1", &format!("Stories per {interval}:"))
    )?;
    let max = h.buckets.iter().map(|b| b.count).max().unwrap_or(1).max(1);
    let label = |d: &DateTime<Utc>| bucket_label(h.interval, d);
    for bucket in &h.buckets {
        let width = (bucket.count * BAR_WIDTH).div_ceil(max) as usize;
        writeln!(
            out,
            "  {:>10} {:<bar$} {}",
            label(&bucket.start),
            "█".repeat(width),
            bucket.count,
            bar = BAR_WIDTH as usize
        )?;
    }
    if h.undated > 0 {
        writeln!(out, "  {:>10} {}", "undated", h.undated)?;
    }
    Ok(())
}

/// A bucket's label: `2019`, `2019-Q2`, `2019-04`, or the first day of a week or the day.
fn bucket_label(interval: Interval, start: &DateTime<Utc>) -> String {
    match interval {
        Interval::Year => start.format("%Y").to_string(),
        Interval::Quarter => format!("{}-Q{}", start.format("%Y"), start.month0() / 3 + 1),
        Interval::Month => start.format("%Y-%m").to_string(),
        Interval::Day | Interval::Week => start.format("%Y-%m-%d").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsidx::query::MentionMark;

    #[test]
    fn matches_and_mentions_are_marked_with_and_without_colour() {
        let f = Fragment {
            text: "Bamako <talks> & oil".into(),
            highlights: vec![[17, 20]],
            mentions: vec![MentionMark {
                start: 0,
                end: 6,
                entity: "ML".into(),
            }],
        };
        assert_eq!(fragment(&f, false), "{Bamako} <talks> & [oil]");
        assert_eq!(
            fragment(&f, true),
            "\x1b[4;36mBamako\x1b[0m <talks> & \x1b[1;33moil\x1b[0m"
        );
    }

    /// Issue 17: quarter buckets were labelled by their first month, `2019-04`.
    #[test]
    fn quarters_are_labelled_by_quarter() {
        use chrono::TimeZone;
        let april = Utc.with_ymd_and_hms(2019, 4, 1, 0, 0, 0).unwrap();
        assert_eq!(bucket_label(Interval::Quarter, &april), "2019-Q2");
        let january = Utc.with_ymd_and_hms(2019, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(bucket_label(Interval::Quarter, &january), "2019-Q1");
        assert_eq!(bucket_label(Interval::Month, &april), "2019-04");
    }

    #[test]
    fn headings_line_up() {
        assert_eq!(heading(Dimension::Country), "Countries:");
        assert_eq!(heading(Dimension::Organisation), "Orgs:     ");
    }
}
