//! What the extract crate's benches share: the Reuters-21578 bodies they measure over.

use std::path::PathBuf;

/// Bodies of the first four Reuters-21578 files (about 3 MB), read from
/// `$NEWSIDX_REUTERS` (a relative path is taken from the workspace root, where the command
/// is typed, not from this crate's folder, where cargo runs the bench) or
/// `../shared/corpora/reuters21578` beside the workspace; empty when neither is there (each
/// bench then says what it measures instead).
pub fn reuters_bodies() -> Vec<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = std::env::var_os("NEWSIDX_REUTERS")
        .map(|d| root.join(d))
        .unwrap_or_else(|| root.join("../shared/corpora/reuters21578"));
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
