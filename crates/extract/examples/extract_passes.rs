//! # Extraction passes for CPU-time comparisons
//!
//! We will:
//! - read the bodies the `extract` bench reads (the first four Reuters-21578 files);
//! - run `Extractor::extract_plain` over all of them PASSES times (with the tagger, or with
//!   `gaz` as the first argument without it), with mimalloc as the `newsidx` binary does;
//! - print the mentions found, so that the work is not optimised away.
//!
//! On a shared machine wall time moves with other jobs; the CPU time of a fixed amount of
//! work moves less. Run it under GNU time with PASSES and with 0 passes, and take the
//! difference in user + system seconds over PASSES; alternate the builds compared:
//!
//! ```text
//! cargo build --release -p newsidx-extract --example extract_passes
//! /usr/bin/time -f "%U %S" target/release/examples/extract_passes tagger 8
//! /usr/bin/time -f "%U %S" target/release/examples/extract_passes tagger 0
//! ```
//!
//! `NEWSIDX_REUTERS` names another folder of `reut2-*.sgm` (default
//! `../shared/corpora/reuters21578` beside the workspace).

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../benches/common/mod.rs"]
mod common;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let tagger = args.next().as_deref() != Some("gaz");
    let passes: usize = args.next().map_or(Ok(5), |s| s.parse())?;
    let bodies = common::reuters_bodies();
    if bodies.is_empty() {
        return Err("no Reuters-21578 bodies: set NEWSIDX_REUTERS".into());
    }
    let extractor = newsidx_extract::Extractor::builder()
        .tagger(tagger)
        .build()?;
    let mut mentions = 0;
    for _ in 0..passes {
        for body in &bodies {
            mentions += extractor.extract_plain(body).mentions.len();
        }
    }
    println!(
        "{} bodies, {passes} passes, {mentions} mentions",
        bodies.len()
    );
    Ok(())
}
