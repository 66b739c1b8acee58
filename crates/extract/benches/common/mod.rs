//! What the extract crate's benches share: the Reuters-21578 bodies they measure over.

use std::path::PathBuf;

/// Bodies of the first four Reuters-21578 files (about 3 MB), read from
/// `$NEWSIDX_REUTERS` or `../shared/corpora/reuters21578` beside the workspace; empty when
/// neither is there (each bench then says what it measures instead).
pub fn reuters_bodies() -> Vec<String> {
    let dir = std::env::var_os("NEWSIDX_REUTERS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/reuters21578")
        });
    let mut out = Vec::new();
    for i in 0..4 {
        let Ok(raw) = std::fs::read(dir.join(format!("reut2-{i:03}.sgm"))) else {
            break;
        };
        let text: String = raw.iter().map(|&b| b as char).collect();
        for doc in text.split("<BODY>").skip(1) {
            if let Some(body) = doc.split("</BODY>").next() {
                out.push(
                    body.replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&amp;", "&"),
                );
            }
        }
    }
    out
}
