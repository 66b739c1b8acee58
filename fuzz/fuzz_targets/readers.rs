//! Fuzzes the whole `Readers` front door: sniffing, gzip and every reader. The first byte
//! picks the file name, so every format's sniffing sees every input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsidx_read::Readers;

const NAMES: &[&str] = &[
    "f.txt", "f.xml", "f.sgm", "f.json", "f.jsonl", "f.tst", "f", "f.xml.gz", "f.txt.gz",
];

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let name = NAMES[first as usize % NAMES.len()];
    let file = Readers::new()
        .max_file_bytes(1 << 20)
        .read_bytes(std::path::Path::new(name), rest);
    for e in &file.errors {
        assert_eq!(e.path, std::path::Path::new(name));
    }
});
