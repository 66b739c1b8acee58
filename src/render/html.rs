//! `--format html`: a small standalone page of the hits, matches in `<mark>`, and the facets.

use std::io::Write;

use newsidx::query::Fragment;
use newsidx::{Dimension, Facets, SearchResponse};

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

/// The facets as one list per dimension, in the order of the text output, the selected values
/// first (`class="selected"`, in `<strong>`), every text escaped; empty when no facet has a
/// value.
pub fn facets(facets: &Facets) -> String {
    let mut out = String::new();
    for dimension in Dimension::display_order().filter(|d| d.is_facet()) {
        let values = super::facet_display(facets, dimension);
        if values.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "<h3>{}</h3>\n<ul class=\"facet\" data-dimension=\"{}\">\n",
            escape(dimension.spec().heading),
            escape(dimension.name())
        ));
        for (value, selected) in values {
            let item = escape(&super::facet_item(value));
            if selected {
                out.push_str(&format!(
                    "<li class=\"selected\"><strong>{item}</strong></li>\n"
                ));
            } else {
                out.push_str(&format!("<li>{item}</li>\n"));
            }
        }
        out.push_str("</ul>\n");
    }
    if out.is_empty() {
        return out;
    }
    format!("<section class=\"facets\">\n<h2>Facets</h2>\n{out}</section>\n")
}

/// A standalone HTML page: the hits with their fragments, then the facets.
pub fn page(out: &mut impl Write, r: &SearchResponse) -> std::io::Result<()> {
    writeln!(
        out,
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>newsidx: {}</title></head><body>",
        escape(&r.query)
    )?;
    writeln!(
        out,
        "<p>{} <q>{}</q></p>\n<ol>",
        super::count(r.total, "story matches", "stories match"),
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
    writeln!(out, "</ol>")?;
    if r.total > 0 {
        write!(out, "{}", facets(&r.facets))?;
    }
    writeln!(out, "</body></html>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsidx::query::MentionMark;
    use newsidx::{ByDimension, FacetValue};

    /// Issue 17, item 14: `--format html` had no facets.
    #[test]
    fn facets_are_listed_escaped_with_the_selected_first() {
        let value = |v: &str, label: &str, count| FacetValue {
            value: v.into(),
            label: label.into(),
            count,
        };
        let mut lists: ByDimension<Vec<FacetValue>> = ByDimension::default();
        lists[Dimension::Country] = vec![value("US", "United States", 9), value("FR", "France", 2)];
        lists[Dimension::Source] = vec![value("<AT&T>", "<AT&T>", 1)];
        let mut selected: ByDimension<Vec<FacetValue>> = ByDimension::default();
        selected[Dimension::Country] = vec![value("FR", "France", 2)];
        let html = facets(&Facets::new(lists).with_selected(selected));
        assert!(html.starts_with("<section class=\"facets\">"), "{html}");
        let countries = "<h3>Countries</h3>\n<ul class=\"facet\" data-dimension=\"country\">\n\
                         <li class=\"selected\"><strong>FR France (2)</strong></li>\n\
                         <li>US United States (9)</li>\n</ul>\n";
        assert!(html.contains(countries), "{html}");
        assert!(html.contains("<li>&lt;AT&amp;T&gt; (1)</li>"), "{html}");
        assert!(!html.contains("<AT&T>"), "{html}");
        assert!(facets(&Facets::default()).is_empty());
    }

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
