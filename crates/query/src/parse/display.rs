//! The normalised query: a parsed tree written back in the query language, with every
//! operator spelled out (`AND`, `OR`, `NOT`), every nested group in parentheses, field aliases
//! resolved (`headline:` is written `title:`) and a date as its exact range. It parses back
//! to the same tree (but for positions).

use std::fmt::{self, Display, Formatter, Write};

use chrono::{DateTime, SecondsFormat, Utc};

use super::{Node, TextField};

impl Display for Node {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Node::Word { text, field, .. } => {
                key(f, *field)?;
                word(f, text)
            }
            Node::Prefix { text, field, .. } => {
                key(f, *field)?;
                word(f, text)?;
                f.write_char('*')
            }
            Node::Fuzzy {
                text,
                distance,
                field,
                ..
            } => {
                key(f, *field)?;
                word(f, text)?;
                write!(f, "~{distance}")
            }
            Node::Phrase {
                text, slop, field, ..
            } => {
                key(f, *field)?;
                quoted(f, text)?;
                if *slop > 0 {
                    write!(f, "~{slop}")?;
                }
                Ok(())
            }
            Node::Filter {
                dimension, value, ..
            } => {
                write!(f, "{}:", dimension.key())?;
                if value.is_empty() || value.contains(char::is_whitespace) {
                    quoted(f, value)
                } else {
                    word(f, value)
                }
            }
            Node::Date { range, .. } => {
                let bound = |d: Option<DateTime<Utc>>| match d {
                    Some(d) => d.to_rfc3339_opts(SecondsFormat::AutoSi, true),
                    None => "*".to_string(),
                };
                write!(f, "date:[{} TO {}]", bound(range.from), bound(range.to))
            }
            Node::Boost { node, boost } => {
                nested(f, node, true)?;
                write!(f, "^{boost}")
            }
            Node::Not(inner) => {
                f.write_str("NOT ")?;
                nested(f, inner, false)
            }
            Node::And(items) => joined(f, items, " AND "),
            Node::Or(items) => joined(f, items, " OR "),
        }
    }
}

fn key(f: &mut Formatter<'_>, field: Option<TextField>) -> fmt::Result {
    match field {
        Some(field) => write!(f, "{}:", field.key()),
        None => Ok(()),
    }
}

fn joined(f: &mut Formatter<'_>, items: &[Node], operator: &str) -> fmt::Result {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(operator)?;
        }
        nested(f, item, false)?;
    }
    Ok(())
}

/// A node inside another, in parentheses when it is a group (or, under a boost, a negation
/// or another boost).
fn nested(f: &mut Formatter<'_>, node: &Node, boosted: bool) -> fmt::Result {
    let wrap = match node {
        Node::And(_) | Node::Or(_) => true,
        Node::Not(_) | Node::Boost { .. } => boosted,
        _ => false,
    };
    if wrap {
        write!(f, "({node})")
    } else {
        write!(f, "{node}")
    }
}

/// A word, escaping what would otherwise be read as syntax.
fn word(f: &mut Formatter<'_>, text: &str) -> fmt::Result {
    if matches!(text, "AND" | "OR" | "NOT") {
        f.write_char('\\')?;
    }
    for (i, c) in text.chars().enumerate() {
        let special = c.is_whitespace()
            || matches!(
                c,
                '\\' | '(' | ')' | '"' | '^' | '~' | '*' | ':' | '&' | '|' | '[' | '{'
            )
            || (i == 0 && matches!(c, '-' | '+' | '!'));
        if special {
            f.write_char('\\')?;
        }
        f.write_char(c)?;
    }
    Ok(())
}

/// A quoted text, escaping quotes and backslashes.
fn quoted(f: &mut Formatter<'_>, text: &str) -> fmt::Result {
    f.write_char('"')?;
    for c in text.chars() {
        if matches!(c, '"' | '\\') {
            f.write_char('\\')?;
        }
        f.write_char(c)?;
    }
    f.write_char('"')
}
