//! Syntax errors: where, what was expected, what was found, and a hint when one helps.

/// A syntax error: where, what was expected and what was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("at character {column}: expected {expected}, found {found}{}", hint_text(.hint))]
pub struct SyntaxError {
    /// Byte offset in the query (at most its length: the end of the query is a position).
    pub offset: usize,
    /// Character position in the query, counting from 1.
    pub column: usize,
    /// What the parser expected there.
    pub expected: String,
    /// What it found (`end of query`, `')'`...).
    pub found: String,
    /// A suggestion (`did you mean country:?`), if there is one.
    pub hint: Option<String>,
}

fn hint_text(hint: &Option<String>) -> String {
    hint.as_ref().map(|h| format!("; {h}")).unwrap_or_default()
}

impl SyntaxError {
    /// An error at byte `offset` of `query` (clamped to the query and moved back to a
    /// character boundary); `found` describes what stands there.
    pub(crate) fn at(query: &str, offset: usize, expected: impl Into<String>) -> SyntaxError {
        let mut offset = offset.min(query.len());
        while !query.is_char_boundary(offset) {
            offset -= 1;
        }
        let found = match query[offset..].chars().next() {
            None => "end of query".to_string(),
            Some(c) => {
                let word: String = query[offset..]
                    .chars()
                    .take_while(|c| !c.is_whitespace())
                    .take(20)
                    .collect();
                if c.is_alphanumeric() {
                    format!("{word:?}")
                } else {
                    format!("'{c}'")
                }
            }
        };
        SyntaxError {
            offset,
            column: query[..offset].chars().count() + 1,
            expected: expected.into(),
            found,
            hint: None,
        }
    }

    /// The same error, saying `found` instead.
    #[must_use]
    pub(crate) fn found(mut self, found: impl Into<String>) -> SyntaxError {
        self.found = found.into();
        self
    }

    /// The same error with a hint.
    #[must_use]
    pub(crate) fn hint(mut self, hint: impl Into<String>) -> SyntaxError {
        self.hint = Some(hint.into());
        self
    }
}

/// The query and a caret under the error's position, for a terminal:
///
/// ```text
///   wagner (mali
///               ^ expected ')' to close the '(' at character 8
/// ```
///
/// A long query is shown as the 60 characters or so around the position.
pub fn caret(query: &str, error: &SyntaxError) -> String {
    let chars: Vec<char> = query.chars().collect();
    let at = error.column - 1;
    let (from, to) = if chars.len() <= 100 {
        (0, chars.len())
    } else {
        (at.saturating_sub(30), (at + 30).min(chars.len()))
    };
    let line: String = chars[from..to]
        .iter()
        .map(|&c| {
            if matches!(c, '\n' | '\t' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let hint = hint_text(&error.hint);
    format!(
        "  {line}\n  {}^ expected {}{hint}",
        " ".repeat(at - from),
        error.expected
    )
}
