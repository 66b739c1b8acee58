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
