//! Fuzzes the `reuters::ReutersReader` reader directly: it must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsidx_read::Reader;

fuzz_target!(|data: &[u8]| {
    let out = newsidx_read::reuters::ReutersReader.read(std::path::Path::new("fuzz"), data);
    for e in &out.errors {
        assert_eq!(e.path, std::path::Path::new("fuzz"));
    }
});
