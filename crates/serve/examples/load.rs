//! A fixed number of GET requests from concurrent clients, each on its own thread with one
//! connection per request (HTTP/1.0, the same for any server), and the figures: requests per
//! second, p50 and p99 latency, errors. Used by `scripts/bench-serve.sh` to compare
//! `newsidx serve` with tantivy-cli's `serve` under the same client.
//!
//! ```text
//! cargo run --release -p newsidx-serve --example load -- ADDR PREFIX [SUFFIX] [CLIENTS] [REQUESTS]
//! ```
//! Each request is `PREFIX + word + SUFFIX`, the words taken in turn from a fixed list of
//! Reuters-21578 topics (e.g. PREFIX `/api/search?q=`).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// Query words: Reuters-21578 topics and common business words, fixed so runs compare.
const WORDS: [&str; 40] = [
    "oil",
    "wheat",
    "coffee",
    "gold",
    "sugar",
    "cocoa",
    "dollar",
    "bank",
    "trade",
    "deficit",
    "interest",
    "rates",
    "crude",
    "opec",
    "grain",
    "corn",
    "soybean",
    "copper",
    "tin",
    "rubber",
    "earnings",
    "dividend",
    "merger",
    "acquisition",
    "shares",
    "profit",
    "loss",
    "yen",
    "mark",
    "bundesbank",
    "fed",
    "tariff",
    "japan",
    "brazil",
    "china",
    "exports",
    "imports",
    "inflation",
    "money",
    "supply",
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: load ADDR PREFIX [SUFFIX] [CLIENTS] [REQUESTS]");
        std::process::exit(2);
    }
    let addr = args[0].clone();
    let prefix = args[1].clone();
    let suffix = args.get(2).cloned().unwrap_or_default();
    let clients: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(16);
    let requests: usize = args.get(4).and_then(|a| a.parse().ok()).unwrap_or(2000);

    let start = Instant::now();
    let threads: Vec<_> = (0..clients)
        .map(|c| {
            let (addr, prefix, suffix) = (addr.clone(), prefix.clone(), suffix.clone());
            std::thread::spawn(move || {
                let mut latencies = Vec::new();
                let mut errors = 0usize;
                for i in (c..requests).step_by(clients) {
                    let path = format!("{prefix}{}{suffix}", WORDS[i % WORDS.len()]);
                    let t = Instant::now();
                    match get(&addr, &path) {
                        Ok(200) => latencies.push(t.elapsed()),
                        Ok(status) => {
                            errors += 1;
                            if errors == 1 {
                                eprintln!("{path}: HTTP {status}");
                            }
                        }
                        Err(e) => {
                            errors += 1;
                            if errors == 1 {
                                eprintln!("{path}: {e}");
                            }
                        }
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for t in threads {
        let (l, e) = t.join().expect("a client thread");
        latencies.extend(l);
        errors += e;
    }
    let wall = start.elapsed();
    latencies.sort();
    let pct = |p: f64| -> f64 {
        if latencies.is_empty() {
            return f64::NAN;
        }
        let i = ((latencies.len() as f64 - 1.0) * p).round() as usize;
        latencies[i].as_secs_f64() * 1000.0
    };
    println!(
        "requests {requests}  clients {clients}  errors {errors}  {:.0} req/s  p50 {:.2} ms  p99 {:.2} ms",
        latencies.len() as f64 / wall.as_secs_f64(),
        pct(0.50),
        pct(0.99)
    );
}

/// The status of `GET path`, after reading the whole answer.
fn get(addr: &str, path: &str) -> std::io::Result<u16> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n")?;
    let mut raw = Vec::with_capacity(16 * 1024);
    s.read_to_end(&mut raw)?;
    let head = std::str::from_utf8(&raw[..raw.len().min(32)]).unwrap_or("");
    head.split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("no status line: {head:?}")))
}
