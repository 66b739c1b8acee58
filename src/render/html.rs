//! `--format html`: a small standalone page of the hits, matches in `<mark>`.

use std::io::Write;

use newsidx::query::Fragment;
use newsidx::SearchResponse;

/// Escapes `&`, `<`, `>`, `"` and `'` for HTML text and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The fragment as HTML: text escaped, matches in `<mark>`, entity mentions in
/// `<mark class="entity">`.
pub fn fragment(fragment: &Fragment) -> String {
    super::draw(fragment, escape, |word, matched| {
        let open = if matched {
            "<mark>"
        } else {
            "<mark class=\"entity\">"
        };
        format!("{open}{}</mark>", escape(word))
    })
}

/// A standalone HTML page: the hits with their fragments.
pub fn page(out: &mut impl Write, r: &SearchResponse) -> std::io::Result<()> {
    writeln!(
        out,
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>newsidx: {}</title></head><body>",
        escape(&r.query)
    )?;
    writeln!(
        out,
        "<p>{} stories match <q>{}</q></p>\n<ol>",
        r.total,
        escape(&r.query)
    )?;
    for hit in &r.hits {
        let date = hit
            .date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        writeln!(
            out,
            "<li id=\"{}\"><h3>{}</h3><p class=\"meta\">{} {}</p>",
            escape(&hit.id),
            escape(&hit.title),
            date,
            escape(hit.source.as_deref().unwrap_or(""))
        )?;
        for f in &hit.fragments {
            writeln!(out, "<p>{}</p>", fragment(f))?;
        }
        writeln!(out, "</li>")?;
    }
    writeln!(out, "</ol>\n</body></html>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsidx::query::MentionMark;

    #[test]
    fn matches_and_mentions_are_marked_and_text_escaped() {
        let f = Fragment {
            text: "Bamako <talks> & oil".into(),
            highlights: vec![[17, 20]],
            mentions: vec![MentionMark {
                start: 0,
                end: 6,
                entity: "ML".into(),
            }],
        };
        assert_eq!(
            fragment(&f),
            "<mark class=\"entity\">Bamako</mark> &lt;talks&gt; &amp; <mark>oil</mark>"
        );
        assert_eq!(escape("'\""), "&#39;&quot;");
    }
}
