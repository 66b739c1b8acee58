//! Fuzzes the JSON Lines reader, with and without a field map: it must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsidx_read::jsonl::{FieldMap, JsonLinesReader};
use newsidx_read::Reader;

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("fuzz.jsonl");
    let _ = JsonLinesReader::default().read(path, data);
    let map = FieldMap::from_specs(["title=data.headline", "body=data.paras.0", "date=meta.ts"])
        .expect("valid map");
    let _ = JsonLinesReader::with_map(map).read(path, data);
});
