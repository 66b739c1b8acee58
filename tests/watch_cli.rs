//! `newsidx watch` and the alerts of `newsidx index`, as users work: index half of the
//! corpus, save searches, index the rest, and compare the alerts with what `search` finds
//! among the new stories.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::mpsc;

use crate::util::{Run, Sandbox};

/// The bundled corpus split in two folders of the sandbox, `first/` and `second/` (every
/// other file).
fn split_corpus(sandbox: &Sandbox) {
    let mut files: Vec<_> = std::fs::read_dir(Sandbox::corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for (i, file) in files.iter().enumerate() {
        let half = if i % 2 == 0 { "first" } else { "second" };
        let name = file.file_name().unwrap().to_str().unwrap();
        sandbox.write(&format!("{half}/{name}"), std::fs::read(file).unwrap());
    }
}

fn index(sandbox: &Sandbox, args: &[&str]) -> Run {
    let mut all = vec!["index"];
    all.extend_from_slice(args);
    let run = sandbox.run(&all);
    assert!(
        run.code == 0 || run.code == 3,
        "index failed\n--- stdout\n{}\n--- stderr\n{}",
        run.stdout,
        run.stderr
    );
    run
}

/// Every id `search` finds for `args` (query and filters) in the index at `dir`.
fn search_ids(sandbox: &Sandbox, dir: &Path, args: &[&str]) -> BTreeSet<String> {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--all", "--format", "ndjson", "--fragments", "0"]);
    all.extend_from_slice(&["--index", dir.to_str().unwrap()]);
    let run = sandbox.run(&all);
    assert!(run.code <= 1, "search failed: {}", run.stderr);
    run.stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

/// The (watch, id) pairs of a list of alerts in JSON.
fn pairs(alerts: &serde_json::Value) -> BTreeSet<(String, String)> {
    alerts
        .as_array()
        .unwrap_or_else(|| panic!("not a list of alerts: {alerts}"))
        .iter()
        .map(|a| {
            (
                a["watch"].as_str().unwrap().to_string(),
                a["id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The watches the tests save: name, then the arguments of `search` they stand for.
const WATCHES: &[(&str, &[&str])] = &[
    ("wagner-mali", &["wagner", "--country", "Mali"]),
    ("russia", &["russia"]),
    ("niger-headlines", &["title:niger OR title:niamey"]),
    ("recent-sahel", &["junta", "--from", "2023"]),
];

fn add_watches(sandbox: &Sandbox) {
    for (name, args) in WATCHES {
        let mut all = vec!["watch", "add", name];
        all.extend_from_slice(args);
        sandbox.run(&all).expect_code(0);
    }
}

/// What the alerts of indexing `second/` must be: for each watch, the stories `search` finds
/// in the whole index that are among the stories of `second/` (indexed alone elsewhere).
fn expected(sandbox: &Sandbox) -> BTreeSet<(String, String)> {
    let alone = sandbox.path().join("second-alone");
    let second = sandbox.path().join("second");
    let run = sandbox.run(&[
        "index",
        second.to_str().unwrap(),
        "--index",
        alone.to_str().unwrap(),
    ]);
    assert!(run.code <= 3, "{}", run.stderr);
    let new = search_ids(sandbox, &alone, &[""]);
    let idx = sandbox.path().join("idx");
    let mut out = BTreeSet::new();
    for (name, args) in WATCHES {
        for id in search_ids(sandbox, &idx, args).intersection(&new) {
            out.insert((name.to_string(), id.clone()));
        }
    }
    out
}

#[test]
fn alerts_are_the_new_stories_search_finds() {
    let sandbox = Sandbox::new();
    split_corpus(&sandbox);
    index(&sandbox, &["first"]);
    add_watches(&sandbox);
    let run = index(&sandbox, &["second", "--json"]);
    let got = pairs(&run.json()["alerts"]);
    let want = expected(&sandbox);
    assert!(
        want.len() >= 10,
        "too few alerts to test anything: {want:?}"
    );
    assert_eq!(got, want, "alerts (left) against search (right)");
    // Every watch alerted something, and the log holds the same.
    for (name, _) in WATCHES {
        assert!(got.iter().any(|(w, _)| w == name), "{name} alerted nothing");
    }
    let log = sandbox.run(&["watch", "log", "--json"]);
    assert_eq!(pairs(&log.expect_code(0).json()), want);

    // A run that adds nothing alerts nothing; the text summary says so.
    let again = index(&sandbox, &["first", "second"]);
    assert!(
        again
            .stdout
            .contains("No alert: 4 watches over 0 new or changed stories in "),
        "{}",
        again.stdout
    );
    let json = index(&sandbox, &["second", "--json"]).json();
    assert_eq!(json["alerts"], serde_json::json!([]));
}

#[test]
fn a_kill_between_commit_and_alerts_is_alerted_by_the_next_run() {
    let sandbox = Sandbox::new();
    split_corpus(&sandbox);
    index(&sandbox, &["first"]);
    add_watches(&sandbox);
    let second = sandbox.path().join("second");
    let killed = std::process::Command::new(env!("CARGO_BIN_EXE_newsidx"))
        .args(["index", second.to_str().unwrap()])
        .current_dir(sandbox.path())
        .env("NEWSIDX_INDEX", sandbox.path().join("idx"))
        .env("NEWSIDX_TEST_ABORT_AFTER_COMMIT", "1")
        .output()
        .unwrap();
    assert!(!killed.status.success());
    assert!(!sandbox.path().join("idx/alerts.ndjson").exists());
    // The stories are committed: search finds them, but nothing was alerted.
    let run = index(&sandbox, &["first", "--json"]);
    let json = run.json();
    assert_eq!(json["stories_indexed"], 0);
    assert_eq!(pairs(&json["alerts"]), expected(&sandbox));
    let after = index(&sandbox, &["first", "--json"]).json();
    assert_eq!(after["alerts"], serde_json::json!([]));
}

#[test]
fn watch_add_checks_the_query_as_search_does() {
    let sandbox = Sandbox::new();
    sandbox.index_corpus();
    sandbox
        .run(&["watch", "add", "bad", "(wagner"])
        .expect_code(2)
        .expect_stderr(&["syntax error", "at character 8"]);
    sandbox
        .run(&["watch", "add", "bad", "wagner", "--country", "Malii"])
        .expect_code(2)
        .expect_stderr(&["unknown country \"Malii\"; did you mean Mali?"]);
    sandbox
        .run(&["watch", "add", "bad", "wagner", "--actor", "Wagnr Group"])
        .expect_code(2)
        .expect_stderr(&["did you mean"]);
    sandbox
        .run(&["watch", "add", "bad", "wagner", "--from", "2021-13"])
        .expect_code(2)
        .expect_stderr(&["2021-13"]);
    sandbox
        .run(&["watch", "add", "ok", "wagner"])
        .expect_code(0);
    sandbox
        .run(&["watch", "add", "ok", "mali"])
        .expect_code(2)
        .expect_stderr(&["exists already"]);
    let list = sandbox.run(&["watch", "list", "--json"]);
    let watches = list.expect_code(0).json();
    assert_eq!(watches.as_array().unwrap().len(), 1, "{watches}");
    assert_eq!(watches[0]["query"], "wagner");
    sandbox.run(&["watch", "rm", "ok"]).expect_code(0);
    sandbox
        .run(&["watch", "rm", "ok"])
        .expect_code(2)
        .expect_stderr(&["no watch named \"ok\""]);
    assert!(sandbox
        .run(&["watch", "list"])
        .stdout
        .contains("No watch saved"));
    // No index, no watch.
    sandbox
        .run(&["watch", "add", "x", "wagner", "--index", "nowhere"])
        .expect_code(2)
        .expect_stderr(&["no newsidx index"]);
}

#[test]
fn watch_log_filters_by_watch_and_time() {
    let sandbox = Sandbox::new();
    split_corpus(&sandbox);
    index(&sandbox, &["first"]);
    add_watches(&sandbox);
    sandbox.run(&["watch", "log"]).expect_code(1);
    index(&sandbox, &["second"]);
    let all = pairs(&sandbox.run(&["watch", "log", "--json"]).json());
    let russia = pairs(&sandbox.run(&["watch", "log", "russia", "--json"]).json());
    assert!(!russia.is_empty() && russia.len() < all.len());
    assert!(russia.iter().all(|(w, _)| w == "russia"));
    let text = sandbox.run(&["watch", "log", "russia"]);
    assert_eq!(text.expect_code(0).stdout.lines().count(), russia.len());
    sandbox
        .run(&["watch", "log", "--since", "2999-01-01"])
        .expect_code(1);
    let since = sandbox.run(&["watch", "log", "--since", "2000", "--json"]);
    assert_eq!(pairs(&since.json()), all);
}

/// A loopback HTTP server answering 200 to `n` requests, sending on the bodies it got.
fn server(n: usize) -> (String, mpsc::Receiver<serde_json::Value>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/alerts", listener.local_addr().unwrap());
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        for _ in 0..n {
            let (stream, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(stream);
            let mut length = 0;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if let Some(n) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = n.trim().parse().unwrap();
                }
                if line == "\r\n" {
                    break;
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let mut stream = reader.into_inner();
            stream
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .unwrap();
            send.send(serde_json::from_slice(&body).unwrap()).unwrap();
        }
    });
    (url, receive)
}

#[test]
fn alerts_are_delivered_and_a_failed_delivery_does_not_fail_the_run() {
    let sandbox = Sandbox::new();
    split_corpus(&sandbox);
    index(&sandbox, &["first"]);
    let query = "title:niger OR title:niamey";
    let expected_count = {
        // How many alerts the watch will raise: its matches among the second half.
        sandbox.run(&["index", "second", "--index", "alone"]);
        search_ids(&sandbox, &sandbox.path().join("alone"), &[query]).len()
    };
    assert!(expected_count >= 1);
    let (url, bodies) = server(expected_count);
    let out = sandbox.path().join("exec.ndjson");
    sandbox
        .run(&[
            "watch",
            "add",
            "niger",
            query,
            "--webhook",
            &url,
            "--exec",
            &format!("cat >> '{}'", out.display()),
        ])
        .expect_code(0);
    // Nobody listens there: every attempt is refused.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}/", closed.local_addr().unwrap());
    drop(closed);
    sandbox
        .run(&["watch", "add", "dead", query, "--webhook", &dead])
        .expect_code(0);
    let run = index(&sandbox, &["second", "--json"]);
    run.expect_code(0)
        .expect_stderr(&["warning: delivering the alert", "dead"]);
    let alerts = run.json()["alerts"].clone();
    let niger: BTreeSet<String> = alerts
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["watch"] == "niger")
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(niger.len(), expected_count);
    let posted: BTreeSet<String> = bodies
        .iter()
        .take(expected_count)
        .map(|b| b["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(posted, niger);
    let executed: BTreeSet<String> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(executed, niger);
    let records =
        std::fs::read_to_string(sandbox.path().join("idx/alerts.deliveries.ndjson")).unwrap();
    let failed: Vec<serde_json::Value> = records
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|d| d["ok"] == false)
        .collect();
    assert!(!failed.is_empty());
    assert!(failed
        .iter()
        .all(|d| d["watch"] == "dead" && d["attempts"] == 3));
}

/// The index folder inside the corpus: its watch store and alert logs are not read as
/// stories.
#[test]
fn the_alert_files_of_an_index_inside_the_corpus_are_not_stories() {
    let sandbox = Sandbox::new();
    let story = |title: &str| format!("{title}\n\n2024-03-01\n\n{title}, officials said.\n");
    sandbox.write("inside/1.txt", story("Cocoa prices rise"));
    index(&sandbox, &["inside", "--index", "inside"]);
    sandbox
        .run(&["watch", "add", "cocoa", "cocoa", "--index", "inside"])
        .expect_code(0);
    sandbox.write("inside/2.txt", story("Cocoa harvest falls"));
    let run = index(&sandbox, &["inside", "--index", "inside", "--json"]);
    let json = run.json();
    assert_eq!(json["stories_indexed"], 1, "{json}");
    assert_eq!(json["alerts"].as_array().unwrap().len(), 1, "{json}");
    sandbox.write("inside/3.txt", story("Gold steady"));
    let again = index(&sandbox, &["inside", "--index", "inside", "--json"]).json();
    assert_eq!(again["files"], 3, "{again}");
    assert_eq!(again["failures"], serde_json::json!([]), "{again}");
    assert_eq!(again["skipped"], serde_json::json!([]), "{again}");
    assert_eq!(again["alerts"], serde_json::json!([]), "{again}");
}
