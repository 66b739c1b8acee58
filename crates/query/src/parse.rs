//! The query language: a hand-written parser whose errors name the position and what was
//! expected.
//!
//! # Grammar
//!
//! ```text
//! query    ::= ws* [ or_expr ] ws* EOF
//! or_expr  ::= and_expr ( ws+ "OR" ws+ and_expr )*
//! and_expr ::= unary ( ws+ [ "AND" ws+ ] unary )*       (juxtaposition: all must match)
//! unary    ::= "-" primary                              (exclusion)
//!            | primary
//! primary  ::= "(" ws* or_expr ws* ")"
//!            | text_key ":" ( word | phrase | "(" ws* or_expr ws* ")" )
//!            | filter_key ":" ( word | phrase )
//!            | "date" ":" date_range
//!            | phrase
//!            | word
//! phrase   ::= '"' <any character but '"'>* '"' [ "~" digit+ ]
//! word     ::= <a run of characters other than whitespace, '(', ')' and '"',
//!               not starting with '-', not the keywords OR and AND>
//! text_key ::= "title" | "body"
//! filter_key ::= <the key of a newsidx_core::Dimension, or one of its aliases:>
//!                "country" | "actor" | "source" | "person" | "org" | "organisation"
//!              | "organization" | "place" | "lang" | "language"
//! date_range ::= date                                   (the whole period)
//!            | [ date ] ".." [ date ]                   (inclusive; either side open)
//!            | ( ">=" | ">" | "<=" | "<" ) date
//! date     ::= YYYY | YYYY-MM | YYYY-MM-DD | <RFC 3339 time>
//! ```
//!
//! Keys are matched without regard to case (`Country:ML`); a `key:` whose key is all letters
//! but not one of the keys above is an error, so a typo (`contry:ML`) is not silently searched
//! as words. Words and phrases are analysed with the index's English stemmer (`en_stem`); a
//! word that the analyser splits into several tokens (`U.S.`) is searched as a phrase.
//! Without a `title:` or `body:` prefix a word searches the title, standfirst and body, with
//! the boosts of [`newsidx_core::NewsSchema::text_fields`].
//!
//! Filters that stand at the top level of the query (joined to the rest by AND, not negated,
//! not inside parentheses or `OR`) are applied exactly like the filters of the request
//! ([`crate::NewsQuery::filter`]) and reported in the response's `filters`; filters elsewhere (`-country:FR`,
//! `(country:ML OR actor:Wagner)`) are ordinary parts of the boolean query.
//!
//! ```
//! use newsidx_core::Dimension;
//! use newsidx_query::parse::{parse, Node};
//! let node = parse(r#"title:"interest rates"~1 -oil country:Mali"#)?;
//! let Node::And(items) = node else { panic!() };
//! assert_eq!(items.len(), 3);
//! assert!(matches!(&items[2], Node::Filter { dimension: Dimension::Country, .. }));
//! # Ok::<(), newsidx_query::parse::SyntaxError>(())
//! ```

use newsidx_core::Dimension;

use crate::dates::date_range;
pub use crate::dates::DateRange;

/// Which text field a word or phrase is restricted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// `title:`
    Title,
    /// `body:`
    Body,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A word; `at` is its byte offset in the query.
    Word {
        /// The word as written.
        text: String,
        /// Restriction to one field, if any.
        field: Option<TextField>,
        /// Byte offset in the query.
        at: usize,
    },
    /// A quoted phrase with its slop (0: the words in order, next to each other).
    Phrase {
        /// The text between the quotes.
        text: String,
        /// Words allowed between (or moves of) the phrase's words.
        slop: u32,
        /// Restriction to one field, if any.
        field: Option<TextField>,
        /// Byte offset in the query.
        at: usize,
    },
    /// `country:ML` and the other entity, source and language filters.
    Filter {
        /// Which dimension.
        dimension: Dimension,
        /// The value as written (resolved against the gazetteer and the index when searched).
        value: String,
        /// Byte offset in the query.
        at: usize,
    },
    /// `date:...`
    Date {
        /// The range.
        range: DateRange,
        /// Byte offset in the query.
        at: usize,
    },
    /// All must match.
    And(Vec<Node>),
    /// Any must match.
    Or(Vec<Node>),
    /// Must not match (`-x`).
    Not(Box<Node>),
}

/// A syntax error: where, what was expected and what was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("at character {column}: expected {expected}, found {found}")]
pub struct SyntaxError {
    /// Byte offset in the query.
    pub offset: usize,
    /// Character position in the query, counting from 1.
    pub column: usize,
    /// What the parser expected there.
    pub expected: String,
    /// What it found (`end of query`, `')'`...).
    pub found: String,
}

/// Parses a query. The empty query (or only whitespace) gives `Node::And(vec![])`, which
/// matches every story.
pub fn parse(query: &str) -> Result<Node, SyntaxError> {
    let mut p = Parser { q: query, at: 0 };
    p.skip_ws();
    if p.eof() {
        return Ok(Node::And(Vec::new()));
    }
    let node = p.or_expr()?;
    p.skip_ws();
    if !p.eof() {
        // The only way to stop early is a ')' with no '(' open.
        return Err(p.error("a word, phrase, filter or '(' (this ')' closes nothing)"));
    }
    Ok(node)
}

const EXPECT_TERM: &str = "a word, \"phrase\", '(' or filter";

struct Parser<'a> {
    q: &'a str,
    at: usize,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        &self.q[self.at..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn eof(&self) -> bool {
        self.at >= self.q.len()
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek() {
            if !c.is_whitespace() {
                break;
            }
            self.at += c.len_utf8();
        }
    }

    fn error_at(&self, offset: usize, expected: &str) -> SyntaxError {
        let found = match self.q[offset..].chars().next() {
            None => "end of query".to_string(),
            Some(c) => {
                let word: String = self.q[offset..]
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
            column: self.q[..offset].chars().count() + 1,
            expected: expected.to_string(),
            found,
        }
    }

    fn error(&self, expected: &str) -> SyntaxError {
        self.error_at(self.at, expected)
    }

    /// The keyword (`OR`, `AND`) at the cursor, if the cursor is on one standing alone.
    fn keyword(&self, keyword: &str) -> bool {
        let rest = self.rest();
        rest.starts_with(keyword)
            && rest[keyword.len()..]
                .chars()
                .next()
                .is_none_or(|c| c.is_whitespace() || c == '(' || c == '"')
    }

    fn or_expr(&mut self) -> Result<Node, SyntaxError> {
        let mut alternatives = vec![self.and_expr()?];
        loop {
            self.skip_ws();
            if !self.keyword("OR") {
                break;
            }
            self.at += 2;
            self.skip_ws();
            if self.eof() || self.peek() == Some(')') || self.keyword("OR") {
                return Err(self.error(&format!("{EXPECT_TERM} after OR")));
            }
            alternatives.push(self.and_expr()?);
        }
        Ok(if alternatives.len() == 1 {
            alternatives.pop().expect("one")
        } else {
            Node::Or(alternatives)
        })
    }

    fn and_expr(&mut self) -> Result<Node, SyntaxError> {
        let mut items = Vec::new();
        loop {
            self.skip_ws();
            if self.eof() || self.peek() == Some(')') || self.keyword("OR") {
                break;
            }
            if self.keyword("AND") {
                if items.is_empty() {
                    return Err(self.error(EXPECT_TERM));
                }
                self.at += 3;
                self.skip_ws();
                if self.eof() || self.peek() == Some(')') || self.keyword("OR") {
                    return Err(self.error(&format!("{EXPECT_TERM} after AND")));
                }
            }
            items.push(self.unary()?);
        }
        match items.len() {
            0 => Err(self.error(EXPECT_TERM)),
            1 => Ok(items.pop().expect("one")),
            _ => Ok(Node::And(items)),
        }
    }

    fn unary(&mut self) -> Result<Node, SyntaxError> {
        if self.peek() == Some('-') {
            self.at += 1;
            match self.peek() {
                None => return Err(self.error(&format!("{EXPECT_TERM} after '-'"))),
                Some(c) if c.is_whitespace() || c == ')' || c == '-' => {
                    return Err(self.error(&format!("{EXPECT_TERM} after '-'")))
                }
                _ => {}
            }
            return Ok(Node::Not(Box::new(self.primary()?)));
        }
        self.primary()
    }

    fn group(&mut self) -> Result<Node, SyntaxError> {
        let open = self.at;
        self.at += 1; // '('
        self.skip_ws();
        if self.peek() == Some(')') {
            return Err(self.error(&format!("{EXPECT_TERM} inside '()'")));
        }
        if self.eof() {
            return Err(self.error(&format!("{EXPECT_TERM} after '('")));
        }
        let node = self.or_expr()?;
        self.skip_ws();
        if self.peek() != Some(')') {
            let mut e = self.error("')'");
            e.expected = format!(
                "')' to close the '(' at character {}",
                self.q[..open].chars().count() + 1
            );
            return Err(e);
        }
        self.at += 1;
        Ok(node)
    }

    fn phrase(&mut self, field: Option<TextField>) -> Result<Node, SyntaxError> {
        let at = self.at;
        self.at += 1; // '"'
        let Some(len) = self.rest().find('"') else {
            let mut e = self.error_at(self.q.len(), "");
            e.expected = format!(
                "'\"' to close the phrase opened at character {}",
                self.q[..at].chars().count() + 1
            );
            return Err(e);
        };
        let text = self.rest()[..len].to_string();
        self.at += len + 1;
        let mut slop = 0;
        if self.peek() == Some('~') {
            self.at += 1;
            let digits: String = self
                .rest()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if digits.is_empty() {
                return Err(self.error("a number (the slop) after '~'"));
            }
            self.at += digits.len();
            slop = digits
                .parse()
                .map_err(|_| self.error_at(self.at - digits.len(), "a slop up to 4294967295"))?;
        }
        if text.trim().is_empty() {
            let mut e = self.error_at(at, "");
            e.expected = "words inside the quotes".into();
            e.found = "an empty phrase".into();
            return Err(e);
        }
        Ok(Node::Phrase {
            text,
            slop,
            field,
            at,
        })
    }

    /// A run of word characters, returned with its start.
    fn word_text(&mut self) -> (usize, &'a str) {
        let start = self.at;
        let len = self
            .rest()
            .find(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == '"')
            .unwrap_or(self.rest().len());
        self.at += len;
        (start, &self.q[start..start + len])
    }

    fn primary(&mut self) -> Result<Node, SyntaxError> {
        match self.peek() {
            None => Err(self.error(EXPECT_TERM)),
            Some('(') => self.group(),
            Some('"') => self.phrase(None),
            Some(')') => Err(self.error(EXPECT_TERM)),
            Some(_) => {
                let before = self.at;
                let (start, word) = self.word_text();
                if let Some(colon) = word.find(':') {
                    let key = &word[..colon];
                    if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphabetic()) {
                        self.at = start + colon + 1;
                        return self.keyed(&key.to_ascii_lowercase(), start);
                    }
                }
                debug_assert!(self.at > before);
                Ok(Node::Word {
                    text: word.to_string(),
                    field: None,
                    at: start,
                })
            }
        }
    }

    /// The value after `key:`; the cursor is just after the colon.
    fn keyed(&mut self, key: &str, key_at: usize) -> Result<Node, SyntaxError> {
        let text_field = match key {
            "title" => Some(TextField::Title),
            "body" => Some(TextField::Body),
            _ => None,
        };
        let value_missing = |p: &Self| {
            p.error(&format!(
                "a value after '{key}:' (no space between the colon and the value)"
            ))
        };
        if let Some(field) = text_field {
            return match self.peek() {
                Some('"') => self.phrase(Some(field)),
                Some('(') => Ok(restrict(self.group()?, field)),
                None => Err(value_missing(self)),
                Some(c) if c.is_whitespace() || c == ')' => Err(value_missing(self)),
                Some(_) => {
                    let (at, word) = self.word_text();
                    Ok(Node::Word {
                        text: word.to_string(),
                        field: Some(field),
                        at,
                    })
                }
            };
        }
        let dimension = match Dimension::from_key(key) {
            Some(dimension) => Some(dimension),
            None if key == "date" => None,
            None => return Err(self.error_at(key_at, &known_keys())),
        };
        let value_at = self.at;
        let value = match self.peek() {
            Some('"') => match self.phrase(None)? {
                Node::Phrase { text, .. } => text,
                _ => unreachable!("phrase returns a phrase"),
            },
            None => return Err(value_missing(self)),
            Some(c) if c.is_whitespace() || c == ')' || c == '(' => {
                return Err(value_missing(self))
            }
            Some(_) => self.word_text().1.to_string(),
        };
        match dimension {
            Some(dimension) => Ok(Node::Filter {
                dimension,
                value: value.trim().to_string(),
                at: key_at,
            }),
            None => {
                let range = date_range(&value).ok_or_else(|| {
                    self.error_at(
                        value_at,
                        "a date (YYYY, YYYY-MM, YYYY-MM-DD) or a range (A..B, >=A, <A)",
                    )
                })?;
                Ok(Node::Date { range, at: key_at })
            }
        }
    }
}

/// Restricts every word and phrase below `node` to `field`.
fn restrict(node: Node, field: TextField) -> Node {
    match node {
        Node::Word { text, at, .. } => Node::Word {
            text,
            at,
            field: Some(field),
        },
        Node::Phrase { text, slop, at, .. } => Node::Phrase {
            text,
            slop,
            at,
            field: Some(field),
        },
        Node::And(items) => Node::And(items.into_iter().map(|n| restrict(n, field)).collect()),
        Node::Or(items) => Node::Or(items.into_iter().map(|n| restrict(n, field)).collect()),
        Node::Not(inner) => Node::Not(Box::new(restrict(*inner, field))),
        other => other,
    }
}

/// What may stand before a colon: `title:, body:, country:, ... or date:`.
fn known_keys() -> String {
    let mut keys = vec!["title:".to_string(), "body:".to_string()];
    keys.extend(Dimension::display_order().map(|d| format!("{}:", d.key())));
    format!("{} or date:", keys.join(", "))
}

/// The query and a caret under the error's position, for a terminal:
///
/// ```text
///   wagner (mali
///               ^ expected ')' to close the '(' at character 8
/// ```
pub fn caret(query: &str, error: &SyntaxError) -> String {
    let line = query.replace(['\n', '\t', '\r'], " ");
    format!(
        "  {line}\n  {}^ expected {}",
        " ".repeat(error.column - 1),
        error.expected
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, at: usize) -> Node {
        Node::Word {
            text: text.into(),
            field: None,
            at,
        }
    }

    fn err(q: &str) -> SyntaxError {
        parse(q).expect_err(q)
    }

    #[test]
    fn words_are_anded_by_juxtaposition_and_and() {
        assert_eq!(
            parse("opec oil").unwrap(),
            Node::And(vec![word("opec", 0), word("oil", 5)])
        );
        assert_eq!(
            parse("opec AND oil").unwrap(),
            Node::And(vec![word("opec", 0), word("oil", 9)])
        );
        assert_eq!(parse("  ").unwrap(), Node::And(vec![]));
        // Lower-case "or" is a word.
        assert_eq!(
            parse("war or peace").unwrap(),
            Node::And(vec![word("war", 0), word("or", 4), word("peace", 7)])
        );
    }

    #[test]
    fn or_binds_looser_than_and() {
        assert_eq!(
            parse("coup OR junta army").unwrap(),
            Node::Or(vec![
                word("coup", 0),
                Node::And(vec![word("junta", 8), word("army", 14)])
            ])
        );
    }

    #[test]
    fn phrases_with_and_without_slop() {
        assert_eq!(
            parse("\"interest rates\"").unwrap(),
            Node::Phrase {
                text: "interest rates".into(),
                slop: 0,
                field: None,
                at: 0
            }
        );
        assert!(matches!(
            parse("\"interest rates\"~2").unwrap(),
            Node::Phrase { slop: 2, .. }
        ));
    }

    #[test]
    fn exclusion_groups_and_field_prefixes() {
        assert_eq!(
            parse("-ukraine").unwrap(),
            Node::Not(Box::new(word("ukraine", 1)))
        );
        assert_eq!(
            parse("(coup OR junta) -\"west africa\"").unwrap(),
            Node::And(vec![
                Node::Or(vec![word("coup", 1), word("junta", 9)]),
                Node::Not(Box::new(Node::Phrase {
                    text: "west africa".into(),
                    slop: 0,
                    field: None,
                    at: 17
                }))
            ])
        );
        assert_eq!(
            parse("title:mali").unwrap(),
            Node::Word {
                text: "mali".into(),
                field: Some(TextField::Title),
                at: 6
            }
        );
        assert!(matches!(
            parse("body:\"gold mine\"").unwrap(),
            Node::Phrase {
                field: Some(TextField::Body),
                ..
            }
        ));
        let Node::Or(items) = parse("title:(coup OR junta)").unwrap() else {
            panic!()
        };
        assert!(items.iter().all(|n| matches!(
            n,
            Node::Word {
                field: Some(TextField::Title),
                ..
            }
        )));
        // A hyphen inside a word is part of it; a colon after digits is not a key.
        assert_eq!(parse("al-Qaeda").unwrap(), word("al-Qaeda", 0));
        assert_eq!(parse("10:30").unwrap(), word("10:30", 0));
    }

    #[test]
    fn filters_of_every_kind() {
        for (q, dimension, value) in [
            ("country:ML", Dimension::Country, "ML"),
            ("Country:Malian", Dimension::Country, "Malian"),
            ("actor:\"Wagner Group\"", Dimension::Actor, "Wagner Group"),
            ("person:Lavrov", Dimension::Person, "Lavrov"),
            ("org:OPEC", Dimension::Organisation, "OPEC"),
            ("organisation:OPEC", Dimension::Organisation, "OPEC"),
            ("place:Bamako", Dimension::Place, "Bamako"),
            ("source:Reuters", Dimension::Source, "Reuters"),
            ("lang:en", Dimension::Language, "en"),
            ("language:en", Dimension::Language, "en"),
        ] {
            assert_eq!(
                parse(q).unwrap(),
                Node::Filter {
                    dimension,
                    value: value.into(),
                    at: 0
                },
                "{q}"
            );
        }
    }

    #[test]
    fn date_filters_cover_whole_periods_and_ranges() {
        let range = |q: &str| match parse(q).unwrap() {
            Node::Date { range, .. } => (
                range.from.map(|d| d.to_rfc3339()),
                range.to.map(|d| d.to_rfc3339()),
            ),
            other => panic!("{other:?}"),
        };
        let s = |t: &str| Some(t.to_string());
        assert_eq!(
            range("date:2021-09"),
            (
                s("2021-09-01T00:00:00+00:00"),
                s("2021-09-30T23:59:59+00:00")
            )
        );
        assert_eq!(
            range("date:2021-09-01..2021-09-30"),
            (
                s("2021-09-01T00:00:00+00:00"),
                s("2021-09-30T23:59:59+00:00")
            )
        );
        assert_eq!(range("date:>=2021"), (s("2021-01-01T00:00:00+00:00"), None));
        assert_eq!(range("date:>2021"), (s("2022-01-01T00:00:00+00:00"), None));
        assert_eq!(
            range("date:<=2020-02"),
            (None, s("2020-02-29T23:59:59+00:00"))
        );
        assert_eq!(range("date:<2021"), (None, s("2020-12-31T23:59:59+00:00")));
        assert_eq!(range("date:..2021"), (None, s("2021-12-31T23:59:59+00:00")));
        assert_eq!(range("date:2021.."), (s("2021-01-01T00:00:00+00:00"), None));
    }

    #[test]
    fn errors_name_the_position_and_the_expectation() {
        let e = err("wagner (mali");
        assert_eq!((e.offset, e.column), (12, 13));
        assert!(
            e.expected.contains("')' to close the '(' at character 8"),
            "{e}"
        );
        assert_eq!(e.found, "end of query");

        let e = err("\"interest rates");
        assert_eq!(e.column, 16);
        assert!(e.expected.contains("'\"' to close the phrase"), "{e}");

        let e = err("mali )");
        assert_eq!(e.column, 6);
        assert!(e.expected.contains("closes nothing"), "{e}");

        let e = err("coup OR");
        assert_eq!(e.column, 8);
        assert!(e.expected.ends_with("after OR"), "{e}");

        let e = err("OR coup");
        assert_eq!(e.column, 1);
        assert!(e.expected.starts_with("a word"), "{e}");

        let e = err("mali -");
        assert_eq!(e.column, 7);
        assert!(e.expected.ends_with("after '-'"), "{e}");

        let e = err("mali ()");
        assert_eq!(e.column, 7);
        assert!(e.expected.ends_with("inside '()'"), "{e}");

        let e = err("\"a b\"~x");
        assert_eq!(e.column, 7);
        assert!(e.expected.contains("number"), "{e}");

        let e = err("mali country:");
        assert_eq!(e.column, 14);
        assert!(e.expected.contains("a value after 'country:'"), "{e}");

        let e = err("mali contry:ML");
        assert_eq!(e.column, 6);
        assert!(e.expected.contains("country:"), "{e}");
        assert_eq!(e.found, "\"contry:ML\"");
        assert_eq!(
            e.expected,
            "title:, body:, country:, mentioned:, actor:, person:, org:, place:, source:, lang: or date:"
        );

        let e = err("oil date:2021-13");
        assert_eq!(e.column, 10);
        assert!(e.expected.contains("a date"), "{e}");

        let e = err("oil AND");
        assert!(e.expected.ends_with("after AND"), "{e}");

        let e = err("\"\"");
        assert_eq!(e.found, "an empty phrase");
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        let e = err("Côte d'Ivoire (");
        assert_eq!(e.offset, 16);
        assert_eq!(e.column, 16);
        let shown = caret("Côte d'Ivoire (", &e);
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[1].find('^'), Some(2 + 15), "{shown}");
    }
}
