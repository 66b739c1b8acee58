//! Reads all 22 Reuters-21578 SGML files (held in memory) through `Readers`.
//! Needs `../shared/corpora/reuters21578`; without it the bench reports so and measures nothing.
//! Run: `cargo bench -p newsidx-read --bench reuters`.
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion};
use newsidx_read::Readers;

fn files() -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/reuters21578");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p: &PathBuf| p.extension().is_some_and(|e| e == "sgm"));
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let data = std::fs::read(&p).expect("readable");
            (p, data)
        })
        .collect()
}

fn read_all(readers: &Readers, files: &[(PathBuf, Vec<u8>)]) -> usize {
    files
        .iter()
        .map(|(p, data)| readers.read_bytes(p, data).stories.len())
        .sum()
}

fn reuters(c: &mut Criterion) {
    let files = files();
    if files.is_empty() {
        eprintln!("reuters bench: ../shared/corpora/reuters21578 is absent; nothing measured");
        return;
    }
    let readers = Readers::new();
    assert_eq!(read_all(&readers, &files), 21_578);
    let mut group = c.benchmark_group("read");
    group.sample_size(20);
    group.bench_function("reuters21578_22_files", |b| {
        b.iter(|| read_all(&readers, &files))
    });
    group.finish();
}

criterion_group!(benches, reuters);
criterion_main!(benches);
