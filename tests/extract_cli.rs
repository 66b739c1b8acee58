//! End-to-end tests of `newsidx extract` (a story's fields and entities) and of a user
//! gazetteer given with `--gazetteer`.

use crate::util::Sandbox;

#[test]
fn extract_prints_the_seed_fields_and_entities() {
    let sandbox = Sandbox::new();
    let seed = Sandbox::corpus().join("000_9d45f85104269f96.txt");
    let run = sandbox.run(&["extract", seed.to_str().unwrap(), "--json"]);
    run.expect_code(0);
    let story = run.json();
    assert_eq!(
        story["title"],
        "Mali approached Russian companies, Moscow not involved: Lavrov"
    );
    assert_eq!(story["source"], "News Agencies");
    assert_eq!(story["date"], "2021-09-25T00:00:00Z");
    let countries: Vec<&str> = story["countries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    for code in ["ML", "RU"] {
        assert!(
            countries.contains(&code),
            "{code} missing from {countries:?}"
        );
    }
    // Libya is named once, in passing: scored, with a probability, not "about".
    let libya = story["entities"]["countries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "LY")
        .expect("Libya scored");
    assert_eq!(libya["about"], false);
    assert!(libya["probability"].as_f64().unwrap() < 0.5, "{libya}");
    let mentions = story["entities"]["mentions"].as_array().unwrap();
    let lavrov = mentions
        .iter()
        .find(|m| m["surface"] == "Lavrov")
        .expect("a mention of Lavrov");
    assert_eq!(lavrov["entity"], "Sergey Lavrov");
    assert_eq!(lavrov["kind"], "person");
}

#[test]
fn extract_keeps_the_json_lines_id_and_plain_offsets_are_input_bytes() {
    let sandbox = Sandbox::new();
    let jsonl = sandbox.write(
        "w.jsonl",
        "{\"id\":\"nx-1\",\"title\":\"Junta in Bamako\",\"body\":\"PMC Wagner arrived.\"}\n",
    );
    let run = sandbox.run(&["extract", jsonl.to_str().unwrap(), "--json"]);
    run.expect_code(0);
    let story = run.json();
    assert_eq!(story["id"], "nx-1");
    assert_eq!(story["actors"], serde_json::json!(["Wagner Group"]));

    let text = "Talks resumed in Bamako on Monday.";
    let plain = sandbox.write("p.txt", text);
    let run = sandbox.run(&["extract", plain.to_str().unwrap(), "--plain", "--json"]);
    run.expect_code(0);
    let out = run.json();
    let bamako = &out["entities"]["mentions"][0];
    let (start, end) = (
        bamako["start"].as_u64().unwrap() as usize,
        bamako["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[start..end], "Bamako");
}

#[test]
fn a_user_gazetteer_adds_an_actor_to_index_and_extract() {
    let sandbox = Sandbox::new();
    let gazetteer = sandbox.write(
        "watch.tsv",
        "# kind\tname\tcountry\taliases\norganisation\tAcme Mining Watch\tGB\tAMW|Acme Watch\n",
    );
    sandbox.write(
        "in/a.txt",
        "Miners protest\n\n2023-05-02\n\nAcme Watch said the mine in Kidal stayed shut.\n",
    );
    let run = sandbox.run(&["index", "in", "--gazetteer", gazetteer.to_str().unwrap()]);
    run.expect_code(0);
    let search = sandbox.run(&["search", "", "--actor", "Acme Mining Watch", "--json"]);
    search.expect_code(0);
    assert_eq!(search.json()["total"], 1);
}

#[test]
fn a_malformed_user_gazetteer_is_refused_naming_the_line() {
    let sandbox = Sandbox::new();
    let gazetteer = sandbox.write(
        "bad.tsv",
        "# watch list\nperson\tJane Doe\tML\tDoe\nspaceship\tEnterprise\n",
    );
    sandbox.write("in/a.txt", "Title\n\nBody.\n");
    let run = sandbox.run(&["extract", "in", "--gazetteer", gazetteer.to_str().unwrap()]);
    run.expect_code(2)
        .expect_stderr(&["bad.tsv:3:", "spaceship"]);
}

#[test]
fn names_no_list_holds_are_actors_with_their_source_and_confidence() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "in/a.txt",
        "Militia leader speaks\n\n2023-05-02\n\nFighters of the Alliance of Sahel Fighters (ASF) \
         attacked a convoy near Gao, the group's commander Abdoulaye Kourouma-Diakite said. \
         Kourouma-Diakite said the ASF would not negotiate.\n",
    );
    let run = sandbox.run(&["extract", "in/a.txt", "--json"]);
    run.expect_code(0);
    let story = run.json();
    let mentions = story["entities"]["mentions"].as_array().unwrap();
    let person = mentions
        .iter()
        .find(|m| m["surface"] == "Abdoulaye Kourouma-Diakite")
        .expect("the unknown commander is a mention");
    assert_eq!(person["kind"], "person");
    assert!(["tagger", "rule"].contains(&person["source"].as_str().unwrap()));
    let gao = mentions.iter().find(|m| m["surface"] == "Gao").unwrap();
    assert_eq!(gao["source"], "gazetteer");
    for m in mentions {
        let c = m["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&c), "{m}");
    }
    let text = sandbox.run(&["extract", "in/a.txt"]);
    text.expect_code(0);
    assert!(text.stdout.contains("[gazetteer "), "{}", text.stdout);

    sandbox.run(&["index", "in"]).expect_code(0);
    for (flag, name) in [
        ("--person", "Abdoulaye Kourouma-Diakite"),
        ("--org", "Alliance of Sahel Fighters"),
        ("--actor", "Abdoulaye Kourouma-Diakite"),
    ] {
        let search = sandbox.run(&["search", "", flag, name, "--json"]);
        search.expect_code(0);
        assert_eq!(search.json()["total"], 1, "{flag} {name}");
    }
}

/// Runs `newsidx extract ARGS` with `input` on standard input.
fn extract_stdin(args: &[&str], input: &str) -> (i32, String, String) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsidx"))
        .arg("extract")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run newsidx");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Regression (issue 17, item 16): `extract` printed `title:` and `body:` with colons but
/// `standfirst`, `date`, `source` without, "BF?" with no word on the `?`, and "1 mentions".
#[test]
fn extract_labels_all_end_with_a_colon_and_the_question_mark_is_explained() {
    let sandbox = Sandbox::new();
    let seed = Sandbox::corpus().join("000_9d45f85104269f96.txt");
    let run = sandbox.run(&["extract", seed.to_str().unwrap()]);
    run.expect_code(0);
    let out = &run.stdout;
    for label in [
        "title:",
        "standfirst:",
        "date:",
        "source:",
        "body:",
        "countries:",
        "primary:",
        "places:",
        "people:",
        "orgs:",
        "mentions:",
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(label)),
            "no {label} line in\n{out}"
        );
    }
    for bare in ["standfirst ", "date ", "source "] {
        assert!(
            !out.lines().any(|l| l.starts_with(bare)),
            "{bare:?} in\n{out}"
        );
    }
    assert!(out.contains("LY? (1 mention, "), "{out}");
    assert!(
        out.contains("(CODE?: named, but not what the story is about"),
        "{out}"
    );
}

/// Regression (item 16): a skipped standard input was named `-txt` (from the made-up
/// `stdin.txt` the reader is chosen by).
#[test]
fn standard_input_is_named_as_such_in_messages() {
    let (code, _, stderr) = extract_stdin(&["-"], "just words\nmore words\n");
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.starts_with("newsidx: skipped standard input, line 2: "),
        "{stderr}"
    );
    assert!(!stderr.contains("-txt"), "{stderr}");
}

/// The README says mention offsets are UTF-8 byte offsets into the title, standfirst,
/// dateline and body joined by blank lines: check it on the seed story, whose text has
/// curly quotes (several bytes a character) before some mentions.
#[test]
fn mention_offsets_are_bytes_of_the_parts_joined_by_blank_lines() {
    let sandbox = Sandbox::new();
    let seed = Sandbox::corpus().join("000_9d45f85104269f96.txt");
    let run = sandbox.run(&["extract", seed.to_str().unwrap(), "--json"]);
    run.expect_code(0);
    let story = run.json();
    let text: Vec<&str> = ["title", "standfirst", "dateline", "body"]
        .iter()
        .filter_map(|k| story[k].as_str())
        .filter(|s| !s.is_empty())
        .collect();
    let text = text.join("\n\n");
    assert_ne!(
        text.len(),
        text.chars().count(),
        "the test needs non-ASCII text"
    );
    let mentions = story["entities"]["mentions"].as_array().unwrap();
    assert!(mentions.len() > 10);
    for m in mentions {
        let (start, end) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(text.get(start..end), m["surface"].as_str(), "{m}");
    }
}
