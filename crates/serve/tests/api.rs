//! API tests: a real server on a free loopback port over an index of the bundled corpus,
//! asked over HTTP as any client would.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::{index_corpus, start, SEED};
use newsidx_core::NewsIndex;
use newsidx_model::Article;
use newsidx_serve::Config;
use serde_json::Value;

/// One server over the bundled corpus shared by the read-only tests.
fn shared() -> SocketAddr {
    static SERVER: OnceLock<(tempfile::TempDir, SocketAddr)> = OnceLock::new();
    SERVER
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            index_corpus(dir.path());
            let addr = start(dir.path(), Config::default());
            (dir, addr)
        })
        .1
}

struct Answer {
    status: u16,
    headers: String,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// `GET target` over HTTP/1.0 (so the answer is not chunked and ends with the connection).
fn get(addr: SocketAddr, target: &str) -> Answer {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(s, "GET {target} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no status line: {head:?}"));
    Answer {
        status,
        headers: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

fn ids(response: &Value) -> Vec<&str> {
    response["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect()
}

#[test]
fn search_answers_with_the_cli_json_shape_and_its_filters() {
    let addr = shared();
    let all = get(addr, "/api/search?q=Wagner+Mali&limit=30");
    assert_eq!(all.status, 200, "{}", all.body);
    assert!(all.headers.contains("application/json"));
    let all = all.json();
    assert!(ids(&all).contains(&SEED));
    let total = all["total"].as_u64().unwrap();
    let countries = all["facets"]["country"].as_array().unwrap();
    assert_eq!(countries[0]["label"], "Mali");
    // A repeated filter is any of its values; a filter narrows the total.
    let ml = get(addr, "/api/search?q=Wagner+Mali&country=ML").json();
    let ml_bf = get(addr, "/api/search?q=Wagner+Mali&country=ML&country=BF").json();
    let (n_ml, n_ml_bf) = (
        ml["total"].as_u64().unwrap(),
        ml_bf["total"].as_u64().unwrap(),
    );
    assert!(
        0 < n_ml && n_ml < total && n_ml <= n_ml_bf,
        "{n_ml} {n_ml_bf} {total}"
    );
    assert_eq!(ml_bf["filters"]["country"], serde_json::json!(["ML", "BF"]));
    // Paging, sort and switches.
    let page = get(
        addr,
        "/api/search?q=Wagner+Mali&limit=2&offset=2&facets=false",
    )
    .json();
    assert_eq!(ids(&page), ids(&all)[2..4]);
    assert!(page["facets"]["country"]
        .as_array()
        .is_none_or(|c| c.is_empty()));
    let newest = get(addr, "/api/search?q=Wagner&sort=newest&limit=5").json();
    let dates: Vec<&str> = newest["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["date"].as_str())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let years = get(addr, "/api/search?q=Wagner&interval=year&from=2022&to=2023").json();
    assert_eq!(years["histogram"]["interval"], "year");
    assert_eq!(years["histogram"]["buckets"].as_array().unwrap().len(), 2);
}

#[test]
fn a_story_has_every_field_its_text_and_mentions_at_their_offsets() {
    let addr = shared();
    let a = get(addr, &format!("/api/stories/{SEED}"));
    assert_eq!(a.status, 200, "{}", a.body);
    let s = a.json();
    assert_eq!(s["id"], SEED);
    assert!(s["body"].as_str().unwrap().contains("Lavrov"));
    assert!(s["origin"]["path"].as_str().unwrap().ends_with(".txt"));
    let text = s["text"].as_str().unwrap();
    let mentions = s["mentions"].as_array().unwrap();
    assert!(mentions.len() > 20);
    for m in mentions {
        let (start, end) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
        assert_eq!(
            &text[start as usize..end as usize],
            m["surface"].as_str().unwrap()
        );
    }
    assert!(mentions.iter().any(|m| m["entity"] == "Sergey Lavrov"));
    let related = get(addr, &format!("/api/stories/{SEED}/related?limit=3")).json();
    let list = related["related"].as_array().unwrap();
    assert!(!list.is_empty() && list.len() <= 3);
    assert!(list.iter().all(|r| r["id"] != SEED));
}

#[test]
fn stats_health_openapi_and_the_page() {
    let addr = shared();
    let stats = get(addr, "/api/stats").json();
    assert!(stats["stories"].as_u64().unwrap() >= 79);
    assert_eq!(get(addr, "/healthz").body, "ok\n");
    let doc = get(addr, "/api/openapi.json").json();
    assert_eq!(doc["openapi"], "3.0.3");
    for path in [
        "/api/search",
        "/api/stories/{id}",
        "/api/stories/{id}/related",
        "/api/stats",
        "/api/export",
        "/api/watches",
        "/api/alerts",
        "/healthz",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} missing");
    }
    let page = get(addr, "/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<script src=\"/assets/app.js\""));
    assert!(page.headers.contains("content-security-policy"));
    assert_eq!(get(addr, "/assets/app.js").status, 200);
    assert_eq!(get(addr, "/assets/..%2FCargo.toml").status, 404);
    assert_eq!(get(addr, "/assets/app.css").status, 200);
}

#[test]
fn export_streams_every_hit_as_ndjson_or_csv() {
    let addr = shared();
    let total = get(addr, "/api/search?q=Mali&limit=0").json()["total"]
        .as_u64()
        .unwrap();
    assert!(total > 10, "more hits than a page, to show there is no cap");
    let nd = get(addr, "/api/export?q=Mali&format=ndjson");
    assert_eq!(nd.status, 200);
    assert!(nd.headers.contains("application/x-ndjson"));
    let lines: Vec<Value> = nd
        .body
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len() as u64, total);
    let csv = get(addr, "/api/export?q=Mali&format=csv&country=ML");
    let ml = get(addr, "/api/search?q=Mali&country=ML&limit=0").json()["total"]
        .as_u64()
        .unwrap();
    let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
    assert_eq!(reader.headers().unwrap().get(0), Some("id"));
    assert_eq!(reader.records().count() as u64, ml);
    let bad = get(addr, "/api/export?q=Mali&format=xml");
    assert_eq!(bad.status, 400);
}

#[test]
fn bad_requests_are_4xx_json_errors_and_the_server_goes_on() {
    let addr = shared();
    let cases: Vec<(String, u16, &str)> = vec![
        ("/api/search?q=wagner+(mali".into(), 400, "syntax"),
        (
            format!("/api/search?q={}", "(".repeat(20_000)),
            414,
            "uri_too_long",
        ),
        (
            format!("/api/search?q={}", "(".repeat(3_000)),
            400,
            "syntax",
        ),
        (
            format!("/api/search?q={}", "a".repeat(5_000)),
            413,
            "too_large",
        ),
        ("/api/search?contry=ML".into(), 400, "bad_parameter"),
        ("/api/search?country=Atlantis".into(), 400, "unknown_value"),
        ("/api/search?from=2021-13".into(), 400, "bad_parameter"),
        ("/api/search?limit=100000".into(), 400, "bad_parameter"),
        ("/api/search?q=%FF%FE".into(), 200, ""),
        ("/api/stories/no-such-story".into(), 404, "not_found"),
        (
            format!("/api/stories/{}", "x".repeat(600)),
            400,
            "bad_parameter",
        ),
        (
            "/api/stories/..%2F..%2Fetc%2Fpasswd".into(),
            404,
            "not_found",
        ),
        (
            "/api/stories/no-such-story/related".into(),
            404,
            "not_found",
        ),
        ("/api/stats?top=x".into(), 400, "bad_parameter"),
        ("/api/nothing".into(), 404, "not_found"),
    ];
    for (target, status, kind) in &cases {
        let a = get(addr, target);
        assert_eq!(
            a.status,
            *status,
            "{}: {}",
            &target[..target.len().min(60)],
            a.body
        );
        if !kind.is_empty() {
            assert_eq!(a.json()["error"]["kind"], *kind, "{}", a.body);
        }
    }
    // 100,000 nested brackets: past hyper's own limit (64 KiB), which would answer a bare
    // 414; the server's stand-in route gives the JSON one.
    let nested = get(addr, &format!("/api/search?q={}", "(".repeat(100_000)));
    assert_eq!(nested.status, 414, "{}", nested.body);
    assert_eq!(nested.json()["error"]["kind"], "uri_too_long");
    // A parameter of a megabyte likewise.
    let huge = get(
        addr,
        &format!("/api/search?q=a&country={}", "x".repeat(1 << 20)),
    );
    assert_eq!(huge.status, 414, "{}", huge.body);
    assert_eq!(huge.json()["error"]["kind"], "uri_too_long");
    let syntax = get(addr, "/api/search?q=wagner+(mali").json();
    assert_eq!(syntax["error"]["position"], 13);
    // Every one of those left the server answering.
    assert_eq!(get(addr, "/healthz").status, 200);
    assert!(ids(&get(addr, "/api/search?q=Lavrov").json()).contains(&SEED));
}

#[test]
fn html_in_a_query_comes_back_as_json_text_only() {
    let addr = shared();
    let a = get(
        addr,
        "/api/search?country=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    );
    assert_eq!(a.status, 400);
    assert!(a.headers.contains("application/json"));
    assert_eq!(
        a.json()["error"]["kind"],
        "unknown_value",
        "a value is data, never markup"
    );
}

#[test]
fn cors_is_off_unless_an_origin_is_given() {
    let dir = tempfile::tempdir().unwrap();
    index_corpus(dir.path());
    let plain = shared();
    let open = start(
        dir.path(),
        Config {
            cors_origin: Some("https://cms.example.org".into()),
            ..Config::default()
        },
    );
    let ask = |addr| {
        let mut s = TcpStream::connect(addr).unwrap();
        write!(
            s,
            "GET /api/stats HTTP/1.0\r\nHost: x\r\nOrigin: https://cms.example.org\r\n\r\n"
        )
        .unwrap();
        let mut raw = String::new();
        s.read_to_string(&mut raw).unwrap();
        raw.to_ascii_lowercase()
    };
    assert!(!ask(plain).contains("access-control-allow-origin"));
    assert!(ask(open).contains("access-control-allow-origin: https://cms.example.org"));
}

#[test]
fn stories_indexed_while_the_server_runs_are_found_without_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    index_corpus(dir.path());
    let addr = start(dir.path(), Config::default());
    let query = "/api/search?q=Zanzibarian+quokka";
    assert_eq!(get(addr, query).json()["total"], 0);
    // Another process's `index` run, as far as the server can tell: a second handle on the
    // folder that writes and commits.
    let index = NewsIndex::open(dir.path()).unwrap();
    let story = Article {
        id: "live-1".into(),
        title: "Zanzibarian quokka sighted".into(),
        body: "A quokka was seen in Zanzibar, officials said.".into(),
        ..Article::default()
    };
    newsidx_index::add_articles(&index, [story], None).unwrap();
    let committed = Instant::now();
    let mut seen = None;
    while committed.elapsed() < Duration::from_secs(30) {
        if get(addr, query).json()["total"] == 1 {
            seen = Some(committed.elapsed());
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let seen = seen.expect("the new story never became searchable");
    eprintln!("searchable {} ms after the commit", seen.as_millis());
}

/// `METHOD target` with a JSON body over HTTP/1.0.
fn send(addr: SocketAddr, method: &str, target: &str, body: &str) -> Answer {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(
        s,
        "{method} {target} HTTP/1.0\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    Answer {
        status: head.split(' ').nth(1).unwrap().parse().unwrap(),
        headers: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

#[test]
fn saved_searches_are_added_listed_checked_and_their_alerts_streamed() {
    let dir = tempfile::tempdir().unwrap();
    index_corpus(dir.path());
    let addr = start(dir.path(), Config::default());
    let added = send(
        addr,
        "POST",
        "/api/watches",
        r#"{"name": "wagner-niger", "query": "wagner", "filters": {"country": ["Niger"]}}"#,
    );
    assert_eq!(added.status, 201, "{}", added.body);
    let added = added.json();
    assert_eq!(added["watch"]["name"], "wagner-niger");
    let matching = added["matching"].as_u64().unwrap();
    let search = get(addr, "/api/search?q=wagner&country=Niger&limit=0").json();
    assert_eq!(matching, search["total"].as_u64().unwrap());
    let list = get(addr, "/api/watches").json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["filters"]["country"][0], "Niger");
    for (body, status, kind) in [
        (
            r#"{"name": "wagner-niger", "query": "mali"}"#,
            409,
            "conflict",
        ),
        (r#"{"name": "bad", "query": "wagner (mali"}"#, 400, "syntax"),
        (
            r#"{"name": "bad", "query": "x", "filters": {"country": ["Atlantis"]}}"#,
            400,
            "unknown_value",
        ),
        (
            r#"{"name": "cmd", "query": "x", "exec": "rm -rf /"}"#,
            400,
            "bad_parameter",
        ),
        (r#"{"name": "#, 400, "bad_parameter"),
    ] {
        let a = send(addr, "POST", "/api/watches", body);
        assert_eq!(a.status, status, "{body}: {}", a.body);
        assert_eq!(a.json()["error"]["kind"], kind, "{body}: {}", a.body);
    }
    let huge = format!(r#"{{"name": "big", "query": "{}"}}"#, "a".repeat(100_000));
    assert_eq!(send(addr, "POST", "/api/watches", &huge).status, 413);
    assert_eq!(
        get(addr, "/api/watches").json().as_array().unwrap().len(),
        1
    );

    // The alert stream: a listener from the start of the log sees an alert appended by an
    // indexing run (here written to the log directly, as `newsidx index` does).
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "GET /api/alerts?since=0 HTTP/1.0\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    let alert = newsidx_alert::Alert {
        watch: "wagner-niger".into(),
        id: SEED.into(),
        title: "Mali approached Russian companies".into(),
        date: None,
        source: Some("News Agencies".into()),
        at: "2026-11-30T12:00:00Z".parse().unwrap(),
    };
    newsidx_alert::log::append_alerts(dir.path(), &[alert]).unwrap();
    let mut seen = String::new();
    let mut buf = [0u8; 4096];
    let started = Instant::now();
    while !seen.contains(SEED) && started.elapsed() < Duration::from_secs(30) {
        let n = s.read(&mut buf).unwrap();
        assert!(n > 0, "the stream ended: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(
        seen.to_ascii_lowercase()
            .contains("content-type: text/event-stream"),
        "{seen}"
    );
    assert!(seen.contains("event: alert"), "{seen}");
    assert!(seen.contains("\"watch\":\"wagner-niger\""), "{seen}");
}
