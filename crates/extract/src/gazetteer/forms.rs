//! Surface forms: how an alias is normalised and which spellings of it are matched.

use crate::lexicon::{lower, LOWERABLE};

/// Trimmed, with runs of whitespace as one space.
pub(super) fn collapse_spaces(s: &str) -> String {
    let t = s.trim();
    if !t.contains("  ") && !t.contains(['\t', '\n', '\r']) {
        return t.to_string();
    }
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Upper-case letters only (and at least two letters): "NATO", "U.S.", "CAR".
pub(super) fn is_acronym(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        } else if c == ' ' || c.is_ascii_digit() {
            return false;
        }
    }
    letters >= 2
}

/// Writes the lowerable words of an alias in lower case ("The Kremlin" -> "the Kremlin",
/// "Al-Shabaab" -> "al-Shabaab") so that the case rule accepts both spellings; the last word
/// keeps its case ("Mohammed Al" stays).
pub(super) fn lower_particles(alias: &str) -> String {
    if !alias.contains([' ', '-']) {
        return alias.to_string();
    }
    let words: Vec<&str> = alias.split(' ').collect();
    let mut out = String::with_capacity(alias.len());
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let last = i + 1 == words.len();
        // "Al-Shabaab": a lowerable prefix before a hyphen.
        if let Some((head, rest)) = w.split_once('-') {
            if !rest.is_empty() && LOWERABLE.contains(&lower(head).as_str()) {
                out.push_str(&lower(head));
                out.push('-');
                out.push_str(rest);
                continue;
            }
        }
        if !last && LOWERABLE.contains(&lower(w).as_str()) {
            out.push_str(&lower(w));
        } else {
            out.push_str(w);
        }
    }
    out
}

/// Latin letters with diacritics folded to ASCII ("Ménaka" -> "Menaka"); other characters kept.
pub(crate) fn ascii_fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => 'A',
            'ç' | 'ć' | 'č' => 'c',
            'Ç' | 'Ć' | 'Č' => 'C',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
            'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => 'E',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
            'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' => 'I',
            'ñ' | 'ń' | 'ň' => 'n',
            'Ñ' | 'Ń' | 'Ň' => 'N',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => 'O',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
            'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => 'U',
            'ý' | 'ÿ' => 'y',
            'Ý' => 'Y',
            'ś' | 'š' | 'ș' | 'ş' => 's',
            'Ś' | 'Š' | 'Ș' | 'Ş' => 'S',
            'ț' | 'ţ' | 'ť' => 't',
            'Ț' | 'Ţ' | 'Ť' => 'T',
            'ź' | 'ż' | 'ž' => 'z',
            'Ź' | 'Ż' | 'Ž' => 'Z',
            'ł' => 'l',
            'Ł' => 'L',
            'ğ' => 'g',
            'Ğ' => 'G',
            'đ' => 'd',
            'Đ' => 'D',
            '’' | '‘' | 'ʻ' | 'ʼ' => '\'',
            other => other,
        })
        .collect()
}

/// Spelling variants matched for one alias: as given (particles lowered), with the other
/// apostrophe, with hyphens as spaces, folded to ASCII, and with its initials written the
/// other way ([`initials_other_way`]).
pub(super) fn variants(alias: &str) -> Vec<String> {
    let base = lower_particles(alias);
    let initials = initials_other_way(&base);
    if base.is_ascii() && !base.contains(['\'', '-']) {
        return std::iter::once(base).chain(initials).collect();
    }
    let mut out = vec![base.clone()];
    let push = |s: String, out: &mut Vec<String>| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    if let Some(v) = initials {
        push(v, &mut out);
    }
    let folded = ascii_fold(&base);
    push(folded.clone(), &mut out);
    for v in [base.clone(), folded] {
        if v.contains('\'') {
            push(v.replace('\'', "’"), &mut out);
        }
        if v.contains('-') && v.split('-').all(|p| !p.is_empty()) {
            push(v.replace('-', " "), &mut out);
        }
    }
    out
}

/// A name whose initials (one capital letter, as a word before the last) carry full stops,
/// written without them, or the other way round: "George W. Bush" and "George W Bush", "J.
/// Edgar Hoover" and "J Edgar Hoover". Newsrooms differ on this (BBC and Guardian style drop
/// the stops), and a name written the other way is still the same entity. `None` when the
/// name has no such initial.
pub(super) fn initials_other_way(name: &str) -> Option<String> {
    // An initial: one capital letter, with or without its full stop. Every alias of the
    // gazetteer passes here when it loads, and few have one: those are not copied.
    let initial = |w: &str| {
        let b = w.as_bytes();
        b.first().is_some_and(u8::is_ascii_uppercase) && (b.len() == 1 || b == [b[0], b'.'])
    };
    let (head, last) = name.rsplit_once(' ')?;
    if !head.split(' ').any(initial) {
        return None;
    }
    let mut out = String::with_capacity(name.len() + 2);
    for w in head.split(' ') {
        match w.len() {
            1 if initial(w) => {
                out.push_str(w);
                out.push('.');
            }
            2 if initial(w) => out.push_str(&w[..1]),
            _ => out.push_str(w),
        }
        out.push(' ');
    }
    out.push_str(last);
    Some(out)
}

/// Case folding used for the matcher's keys: ASCII letters lowered, the rest kept.
pub(crate) fn fold_key(s: &str) -> String {
    s.to_ascii_lowercase()
}
