//! Unit tests of the gazetteer: forms and the embedded tables.

use super::forms::{initials_other_way, lower_particles, variants};
use super::tables;
use super::*;

#[test]
fn particles_are_lowered_but_not_the_last_word() {
    assert_eq!(lower_particles("The Kremlin"), "the Kremlin");
    assert_eq!(lower_particles("Al-Shabaab"), "al-Shabaab");
    assert_eq!(lower_particles("Bank Of England"), "Bank of England");
    assert_eq!(lower_particles("Mali"), "Mali");
}

#[test]
fn variants_cover_apostrophes_hyphens_and_diacritics() {
    let v = variants("Côte d'Ivoire");
    assert!(v.contains(&"Cote d'Ivoire".to_string()), "{v:?}");
    assert!(v.contains(&"Côte d’Ivoire".to_string()), "{v:?}");
    let v = variants("Guinea-Bissau");
    assert!(v.contains(&"Guinea Bissau".to_string()), "{v:?}");
}

#[test]
fn a_name_with_initials_is_matched_with_and_without_their_full_stops() {
    assert_eq!(
        initials_other_way("George W. Bush").as_deref(),
        Some("George W Bush")
    );
    assert_eq!(
        initials_other_way("John F Kennedy").as_deref(),
        Some("John F. Kennedy")
    );
    assert_eq!(
        initials_other_way("J. Edgar Hoover").as_deref(),
        Some("J Edgar Hoover")
    );
    // A final letter is no initial ("Malcolm X"), nor are longer abbreviations.
    assert_eq!(initials_other_way("Malcolm X"), None);
    assert_eq!(initials_other_way("St. Louis"), None);
    assert_eq!(initials_other_way("U.S. Steel"), None);
    assert_eq!(initials_other_way("Mali"), None);
    assert!(variants("George W. Bush").contains(&"George W Bush".to_string()));
    assert!(
        variants("José M. Aznar").contains(&"Jose M Aznar".to_string())
            || variants("José M. Aznar").contains(&"José M Aznar".to_string())
    );
}

#[test]
fn embedded_tables_load_with_few_problems() {
    let lex = Lexicon::new();
    let g = Gazetteer::load(&lex, None).unwrap();
    let s = &g.stats;
    assert!(s.countries >= 240, "{s:?}");
    assert!(
        s.places >= 5000 && s.people >= 1000 && s.organisations >= 500,
        "{s:?}"
    );
    assert!(
        s.skipped_rows.len() < 50,
        "skipped rows: {:#?}",
        s.skipped_rows
    );
    assert_eq!(g.resolve_country("Malian"), Some("ML"));
    assert_eq!(g.resolve_country("ml"), Some("ML"));
    assert_eq!(g.country("ML").map(|e| e.name.as_str()), Some("Mali"));
}

/// The line-by-line parser the `csv` reader replaced, kept as the reference.
fn split_rows(text: &str) -> Vec<(usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() || line.starts_with('#') {
                None
            } else {
                Some((i + 1, line.split('\t').map(str::trim).collect()))
            }
        })
        .collect()
}

#[test]
fn tsv_rows_match_the_line_splitter_they_replaced() {
    let tricky = "# kind\tname\n\n  \n\t\t\nperson\t Jane Doe \tML\r\n\r\n#x\ty\n\
                  org\t\"Quoted\" Co\t\t\n\nplace\tTinzaouaten\tML\tTin|Zaouatene";
    for text in [tricky, "", "\n\n", "a", "a\tb\n"] {
        assert_eq!(
            tables::rows(text).collect::<Vec<_>>(),
            split_rows(text),
            "{text:?}"
        );
    }
    for (name, text) in tables::EMBEDDED {
        assert_eq!(
            tables::rows(text).collect::<Vec<_>>(),
            split_rows(text),
            "{name}"
        );
    }
}
