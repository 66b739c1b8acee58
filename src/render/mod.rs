//! Drawing search results for people: text for a terminal ([`text`]) and a standalone HTML
//! page ([`html`]). The library returns data (fragments with byte ranges of the matches);
//! only the binary decides how they look.

pub mod html;
pub mod text;

use newsidx::query::Fragment;

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
