//! Fuzzes the XML readers (NewsML-G2, NITF, Atom/RSS, Ritzau) and the bounded XML tree: never a panic, and
//! depth stays within the limit.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsidx_read::Reader;

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("fuzz.xml");
    let _ = newsidx_read::newsml::NewsMlReader.read(path, data);
    let _ = newsidx_read::nitf::NitfReader.read(path, data);
    let _ = newsidx_read::feed::FeedReader.read(path, data);
    let _ = newsidx_read::ritzau::RitzauReader.read(path, data);
    let _ = newsidx_read::xml::parse(path, data, newsidx_read::xml::Limits::default());
});
