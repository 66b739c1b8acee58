//! # Exporting a corpus as JSON Lines
//!
//! We will:
//! - walk the corpus folders given on the command line,
//! - read every story with the same readers `newsidx index` uses (any supported format),
//! - write one JSON object a story to standard output: `id`, `title`, `dateline`, `body`,
//!   `date` (RFC 3339), the input other tools (tantivy-cli in `scripts/bench-index.sh`) take,
//! - assert that every story was written.
//!
//! Run it as `cargo run --release --example export_jsonl -- ../shared/corpora/reuters21578`.
use std::io::{BufWriter, Write};

use newsidx::read::walk;
use newsidx::Readers;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let roots: Vec<String> = std::env::args().skip(1).collect();
    let readers = Readers::new();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let (mut read, mut written) = (0, 0);
    for path in walk(&roots).files {
        let file = readers.read_path(&path);
        read += file.stories.len();
        for story in file.stories {
            let doc = serde_json::json!({
                "id": story.id,
                "title": story.title,
                "dateline": story.dateline.unwrap_or_default(),
                "body": story.body,
                "date": story.date.map(|d| d.to_rfc3339()),
            });
            serde_json::to_writer(&mut out, &doc)?;
            out.write_all(b"\n")?;
            written += 1;
        }
    }
    out.flush()?;
    eprintln!("{written} stories written");
    assert_eq!(read, written);
    Ok(())
}
