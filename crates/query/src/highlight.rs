//! Highlighting: finds the query's words and phrases in a story's stored text with the
//! index's own analyser and picks the best passages, as [`Fragment`]s whose matches are byte
//! ranges (drawing them, for a terminal or HTML, is the caller's business).
//!
//! tantivy's `SnippetGenerator` marks each term alone; here a phrase (`"interest rates"`,
//! also a word the analyser splits, `U.S.`) is matched as a sequence of tokens within its
//! slop and marked as one range, and a word inside a matched phrase is not marked again.

use tantivy::tokenizer::TextAnalyzer;

use crate::response::Fragment;

/// Longest fragment, in characters.
pub const FRAGMENT_CHARS: usize = 220;

/// Context kept before the first match of a fragment, in characters.
const LEAD_CHARS: usize = 60;

/// Something to highlight: one token, or a phrase of several within `slop`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    /// Analysed tokens (stemmed, lower case).
    pub tokens: Vec<String>,
    /// Positions allowed between the phrase's tokens, in total.
    pub slop: u32,
}

/// A match in a text: byte range and the target it matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Match {
    pub start: usize,
    pub end: usize,
    pub target: usize,
}

struct Tok {
    position: usize,
    from: usize,
    to: usize,
    text: String,
}

fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        out.push(Tok {
            position: t.position,
            from: t.offset_from,
            to: t.offset_to,
            text: t.text.clone(),
        });
    }
    out
}

/// Every non-overlapping match of `targets` in `text`, in text order; phrases win over the
/// single words they contain.
pub(crate) fn find_matches(
    analyzer: &mut TextAnalyzer,
    text: &str,
    targets: &[Target],
) -> Vec<Match> {
    if targets.is_empty() {
        return Vec::new();
    }
    let toks = tokens(analyzer, text);
    let mut found = Vec::new();
    for (t, target) in targets.iter().enumerate() {
        let Some(first) = target.tokens.first() else {
            continue;
        };
        for (i, tok) in toks.iter().enumerate() {
            if &tok.text != first {
                continue;
            }
            let mut last = i;
            let mut gaps = 0usize;
            let mut ok = true;
            for want in &target.tokens[1..] {
                // The next token equal to `want` within the remaining slop.
                let mut j = last + 1;
                let mut hit = None;
                while j < toks.len() {
                    let gap = toks[j].position.saturating_sub(toks[last].position + 1);
                    if gaps + gap > target.slop as usize {
                        break;
                    }
                    if &toks[j].text == want {
                        hit = Some((j, gap));
                        break;
                    }
                    j += 1;
                }
                match hit {
                    Some((j, gap)) => {
                        gaps += gap;
                        last = j;
                    }
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok {
                found.push(Match {
                    start: tok.from,
                    end: toks[last].to,
                    target: t,
                });
            }
        }
    }
    // Longest first at each start, so a phrase beats its own first word; then drop overlaps.
    found.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut kept: Vec<Match> = Vec::with_capacity(found.len());
    let mut phrase_spans: Vec<(usize, usize)> = Vec::new();
    for (t, target) in targets.iter().enumerate() {
        if target.tokens.len() > 1 {
            phrase_spans.extend(
                found
                    .iter()
                    .filter(|m| m.target == t)
                    .map(|m| (m.start, m.end)),
            );
        }
    }
    for m in found {
        let single = targets[m.target].tokens.len() == 1;
        if single && phrase_spans.iter().any(|&(s, e)| m.start < e && s < m.end) {
            continue;
        }
        if kept.last().is_some_and(|k| m.start < k.end) {
            continue;
        }
        kept.push(m);
    }
    kept
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Byte offset `chars` characters after `from`, or the end.
fn advance_chars(text: &str, from: usize, chars: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| from + i)
}

/// Byte offset `chars` characters before `from`, or 0.
fn back_chars(text: &str, from: usize, chars: usize) -> usize {
    text[..from]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// A window of at most `max_chars` characters starting a little before `first`, cut at word
/// boundaries.
fn window(text: &str, first: usize, max_chars: usize) -> (usize, usize) {
    let mut start = back_chars(text, first, LEAD_CHARS);
    if start > 0 {
        // Start at the next word.
        if let Some(space) = text[start..first].find(char::is_whitespace) {
            start += space + 1;
        } else {
            start = first;
        }
    }
    let mut end = advance_chars(text, start, max_chars);
    if end < text.len() {
        if let Some(space) = text[start..end].rfind(char::is_whitespace) {
            if start + space > first {
                end = start + space;
            }
        }
    }
    (start, floor_boundary(text, end))
}

/// Picks up to `n` passages of `text` around `matches`, best first: a passage scores by the
/// distinct targets it holds, then by matches. Passages do not overlap.
pub(crate) fn fragments(
    text: &str,
    matches: &[Match],
    n: usize,
    max_chars: usize,
) -> Vec<Fragment> {
    let mut candidates: Vec<(usize, usize, usize, usize)> = Vec::new(); // start, end, distinct, count
    for m in matches {
        let (start, end) = window(text, m.start, max_chars);
        let inside: Vec<&Match> = matches
            .iter()
            .filter(|x| x.start >= start && x.end <= end)
            .collect();
        let mut distinct: Vec<usize> = inside.iter().map(|x| x.target).collect();
        distinct.sort_unstable();
        distinct.dedup();
        candidates.push((start, end, distinct.len(), inside.len()));
    }
    candidates.sort_by(|a, b| b.2.cmp(&a.2).then(b.3.cmp(&a.3)).then(a.0.cmp(&b.0)));
    let mut chosen: Vec<(usize, usize)> = Vec::new();
    for (start, end, _, _) in candidates {
        if chosen.len() >= n {
            break;
        }
        if chosen.iter().any(|&(s, e)| start < e && s < end) {
            continue;
        }
        chosen.push((start, end));
    }
    chosen
        .into_iter()
        .map(|(start, end)| {
            let highlights = matches
                .iter()
                .filter(|m| m.start >= start && m.end <= end)
                .map(|m| [m.start - start, m.end - start])
                .collect();
            Fragment {
                text: flatten(&text[start..end]),
                highlights,
                mentions: Vec::new(),
            }
        })
        .collect()
}

/// The opening of `text`, up to `max_chars` characters cut at a word, for stories with no
/// match to show.
pub(crate) fn lead(text: &str, max_chars: usize) -> Fragment {
    let (start, end) = window(text, 0, max_chars);
    Fragment {
        text: flatten(&text[start..end]),
        highlights: Vec::new(),
        mentions: Vec::new(),
    }
}

/// Line breaks and tabs become spaces (one byte for one, so ranges stay valid).
fn flatten(text: &str) -> String {
    text.replace(['\n', '\r', '\t'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyzer() -> TextAnalyzer {
        newsidx_core::analyzer::text_analyzer()
    }

    fn target(words: &[&str], slop: u32) -> Target {
        Target {
            tokens: words.iter().map(|w| w.to_string()).collect(),
            slop,
        }
    }

    fn spans<'a>(text: &'a str, targets: &[Target]) -> Vec<&'a str> {
        find_matches(&mut analyzer(), text, targets)
            .into_iter()
            .map(|m| &text[m.start..m.end])
            .collect()
    }

    #[test]
    fn a_phrase_is_one_range_and_its_words_alone_are_not_marked() {
        let text = "Interest rates rose. The rates of interest fell; interest  rates again.";
        let targets = [
            target(&["interest", "rate"], 0),
            target(&["interest"], 0),
            target(&["rate"], 0),
        ];
        assert_eq!(
            spans(text, &targets),
            ["Interest rates", "rates", "interest", "interest  rates"]
        );
        // Only the phrase as a target: the words alone are not marked.
        assert_eq!(
            spans(text, &targets[..1]),
            ["Interest rates", "interest  rates"]
        );
    }

    #[test]
    fn slop_allows_words_between() {
        let text = "interest on central bank rates";
        assert!(spans(text, &[target(&["interest", "rate"], 2)]).is_empty());
        assert_eq!(
            spans(text, &[target(&["interest", "rate"], 3)]),
            ["interest on central bank rates"]
        );
    }

    #[test]
    fn fragments_are_bounded_best_first_and_ranges_point_at_the_matches() {
        let filler = "word ".repeat(100);
        let text = format!("{filler}oil here. {filler}oil and gas there. {filler}");
        let targets = [target(&["oil"], 0), target(&["gas"], 0)];
        let matches = find_matches(&mut analyzer(), &text, &targets);
        assert_eq!(matches.len(), 3);
        let frags = fragments(&text, &matches, 2, 80);
        assert_eq!(frags.len(), 2);
        assert!(frags[0].text.contains("oil and gas"), "{:?}", frags[0]);
        for f in &frags {
            assert!(f.text.chars().count() <= 80, "{}", f.text);
            for [s, e] in &f.highlights {
                assert!(["oil", "gas"].contains(&&f.text[*s..*e]));
            }
        }
        assert_eq!(fragments(&text, &matches, 1, 80).len(), 1);
    }
}
