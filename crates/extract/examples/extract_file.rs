//! # Extract entities from a text file
//!
//! We will:
//! - build an `Extractor` from the embedded gazetteer,
//! - read one plain-text file (first line = title, the rest = body),
//! - print the countries, people, organisations and every mention, checking each offset.
//!
//! Run: `cargo run -p newsidx-extract --example extract_file -- corpus/000_9d45f85104269f96.txt`

use newsidx_extract::{Article, Extractor, Result};

fn main() -> Result<()> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "corpus/000_9d45f85104269f96.txt".into());
    let text = std::fs::read_to_string(&path).map_err(|source| newsidx_extract::Error::Io {
        path: path.clone().into(),
        source,
    })?;
    let (title, body) = text.split_once('\n').unwrap_or((&text, ""));
    let article = Article {
        title: title.trim().to_string(),
        body: body.trim().to_string(),
        ..Article::default()
    };

    let extractor = Extractor::new()?;
    let x = extractor.extract(&article);

    for c in &x.countries {
        let name = extractor.country_name(&c.code).unwrap_or("?");
        println!(
            "country {} {name}: {} mentions, salience {:.2}, probability {:.2}{}",
            c.code,
            c.mentions,
            c.salience,
            c.probability,
            if c.about { ", about" } else { "" }
        );
    }
    println!("primary: {:?}", x.primary_country);
    println!("places: {:?}", x.places);
    println!("people: {:?}", x.people);
    println!("organisations: {:?}", x.organisations);
    let full = article.full_text();
    for m in &x.mentions {
        assert_eq!(&full[m.start..m.end], m.surface);
        println!(
            "  {:>5}..{:<5} {:<12} {:<30} -> {} {}",
            m.start,
            m.end,
            m.kind.as_str(),
            m.surface,
            m.entity,
            m.country.as_deref().unwrap_or("")
        );
    }
    Ok(())
}
