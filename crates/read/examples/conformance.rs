//! Prints, for a folder of corpus sets, what the readers make of each set.
// # Conformance: what the readers make of a folder of corpora
//
// We will:
// - treat each sub-folder of the given folder as one corpus set (files at the top form `.`),
// - read every file of every set through `Readers`, as `newsidx index` does,
// - print, per set, the stories read, the files read and the files not read,
// - then list every file not read with its reason, and every error met in files that were read.
//
// Run: `cargo run --release -p newsidx-read --example conformance -- ../shared/corpora`
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use newsidx_read::{walk, Readers};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(std::env::args().nth(1).ok_or("usage: conformance FOLDER")?);
    let readers = Readers::new();
    let listing = walk(&[&root]);
    let mut sets: BTreeMap<String, Vec<&Path>> = BTreeMap::new();
    for file in &listing.files {
        let rel = file.strip_prefix(&root)?;
        let set = match rel.components().count() {
            1 => ".".to_string(),
            _ => rel
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_string_lossy()
                .into(),
        };
        sets.entry(set).or_default().push(file);
    }
    println!(
        "| set | files | stories | files read | files not read | errors in files read | seconds |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let (mut not_read, mut partial) = (Vec::new(), Vec::new());
    for (set, files) in &sets {
        let started = Instant::now();
        let (mut stories, mut read, mut errors) = (0, 0, 0);
        for file in files {
            let result = readers.read_path(file);
            stories += result.stories.len();
            if result.stories.is_empty() {
                let reason = result
                    .errors
                    .first()
                    .map_or("no story".into(), |e| e.to_string());
                not_read.push(format!(
                    "{set}: {reason} [{}]",
                    result.format.unwrap_or("-")
                ));
            } else {
                read += 1;
                errors += result.errors.len();
                partial.extend(result.errors.iter().map(|e| format!("{set}: {e}")));
            }
        }
        let seconds = started.elapsed().as_secs_f64();
        let unread = files.len() - read;
        println!(
            "| {set} | {} | {stories} | {read} | {unread} | {errors} | {seconds:.3} |",
            files.len()
        );
    }
    println!("\nFiles not read ({}):", not_read.len());
    not_read.iter().for_each(|line| println!("- {line}"));
    println!("\nErrors in files read ({}):", partial.len());
    partial
        .iter()
        .take(50)
        .for_each(|line| println!("- {line}"));
    listing.errors.iter().for_each(|e| println!("walk: {e}"));
    assert!(sets.values().map(Vec::len).sum::<usize>() == listing.files.len());
    Ok(())
}
