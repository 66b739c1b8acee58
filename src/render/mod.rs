//! Drawing search results for people: text for a terminal ([`text`]) and a standalone HTML
//! page ([`html`]). The library returns data (fragments with byte ranges of the matches);
//! only the binary decides how they look.

pub mod html;
pub mod text;

use newsidx::query::Fragment;
use newsidx::{Dimension, FacetValue, Facets};

/// `1 story`, `2 stories`: a count with its noun in the right number.
pub fn count(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A facet's values as shown to people: the values the search is filtered by first, flagged
/// `true` (with their counts, even when they are not among the largest), then the others,
/// largest first. The JSON keeps the drill-sideways list as counted.
pub fn facet_display(facets: &Facets, dimension: Dimension) -> Vec<(&FacetValue, bool)> {
    let selected = facets.selected(dimension);
    let is_selected = |v: &FacetValue| {
        selected
            .iter()
            .any(|s| s.value.eq_ignore_ascii_case(&v.value))
    };
    selected
        .iter()
        .map(|v| (v, true))
        .chain(
            facets[dimension]
                .iter()
                .filter(|v| !is_selected(v))
                .map(|v| (v, false)),
        )
        .collect()
}

/// A facet value as text: `ML Mali (26)` (the label follows the value where it says more, as
/// a country's name follows its code), `Reuters (21)`.
pub fn facet_item(v: &FacetValue) -> String {
    if v.label.eq_ignore_ascii_case(&v.value) {
        format!("{} ({})", v.label, v.count)
    } else {
        format!("{} {} ({})", v.value, v.label, v.count)
    }
}

/// A mark to draw in a fragment: byte range, and whether it is a match of the query (or a
/// mention of a filtered entity).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Mark {
    start: usize,
    end: usize,
    matched: bool,
}

/// The marks to draw: the highlights and the mentions, merged in text order, leaving out
/// ranges that overlap an earlier one or do not fall on character boundaries.
fn marks(fragment: &Fragment) -> Vec<Mark> {
    let mut all: Vec<Mark> = fragment
        .highlights
        .iter()
        .map(|[start, end]| (*start, *end, true))
        .chain(fragment.mentions.iter().map(|m| (m.start, m.end, false)))
        .map(|(start, end, matched)| Mark {
            start,
            end,
            matched,
        })
        .collect();
    all.sort();
    let text = &fragment.text;
    let mut out: Vec<Mark> = Vec::with_capacity(all.len());
    for m in all {
        let valid = m.start < m.end
            && m.end <= text.len()
            && text.is_char_boundary(m.start)
            && text.is_char_boundary(m.end);
        if valid && out.last().is_none_or(|last| m.start >= last.end) {
            out.push(m);
        }
    }
    out
}

/// The fragment's text with each mark drawn by `draw(text, matched)` and the text between
/// passed through `plain`.
fn draw(
    fragment: &Fragment,
    plain: impl Fn(&str) -> String,
    draw: impl Fn(&str, bool) -> String,
) -> String {
    let text = &fragment.text;
    let mut out = String::with_capacity(text.len() + 32);
    let mut at = 0;
    for m in marks(fragment) {
        out.push_str(&plain(&text[at..m.start]));
        out.push_str(&draw(&text[m.start..m.end], m.matched));
        at = m.end;
    }
    out.push_str(&plain(&text[at..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsidx::query::MentionMark;
    use newsidx::ByDimension;

    #[test]
    fn counts_agree_with_their_number() {
        assert_eq!(count(1u64, "story", "stories"), "1 story");
        assert_eq!(count(0u64, "story", "stories"), "0 stories");
        assert_eq!(count(2u64, "problem", "problems"), "2 problems");
    }

    #[test]
    fn selected_facet_values_come_first_once() {
        let value = |v: &str, label: &str, count| FacetValue {
            value: v.into(),
            label: label.into(),
            count,
        };
        let mut lists: ByDimension<Vec<FacetValue>> = ByDimension::default();
        lists[Dimension::Country] = vec![
            value("US", "United States", 900),
            value("SA", "Saudi Arabia", 64),
        ];
        let mut selected: ByDimension<Vec<FacetValue>> = ByDimension::default();
        selected[Dimension::Country] = vec![value("SA", "Saudi Arabia", 64)];
        let facets = Facets::new(lists).with_selected(selected);
        let shown: Vec<(String, bool)> = facet_display(&facets, Dimension::Country)
            .into_iter()
            .map(|(v, s)| (facet_item(v), s))
            .collect();
        assert_eq!(
            shown,
            [
                ("SA Saudi Arabia (64)".to_string(), true),
                ("US United States (900)".to_string(), false)
            ]
        );
        assert_eq!(facet_item(&value("reuters", "Reuters", 3)), "Reuters (3)");
    }

    #[test]
    fn overlapping_and_broken_marks_are_left_out() {
        let f = Fragment {
            text: "Côte oil".into(),
            highlights: vec![[6, 9], [1, 2], [0, 20]],
            mentions: vec![MentionMark {
                start: 6,
                end: 8,
                entity: "x".into(),
            }],
        };
        let kept: Vec<(usize, usize)> = marks(&f).iter().map(|m| (m.start, m.end)).collect();
        // [1, 2] cuts 'ô'; [0, 20] runs past the end; the match overlaps the mention, which
        // comes first in text order.
        assert_eq!(kept, [(6, 8)]);
    }
}
