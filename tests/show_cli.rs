//! End-to-end tests of `newsidx show` (one story by id), of the file path that search hits
//! carry, and of the README's examples that name a story id.

use crate::util::Sandbox;

/// The id of the seed story of `corpus/` (a hash of its title, date and body).
const SEED_ID: &str = "9b9822b2a3f68534";

/// Regression (issue 17, item 13): there was no way to read one story by its id.
#[test]
fn show_prints_a_story_with_its_fields_file_and_full_text() {
    let sandbox = Sandbox::new();
    sandbox.index_corpus();
    let run = sandbox.run(&["show", SEED_ID]);
    run.expect_code(0);
    let out = &run.stdout;
    for line in [
        "id:         9b9822b2a3f68534",
        "title:      Mali approached Russian companies, Moscow not involved: Lavrov",
        "date:       2021-09-25T00:00:00+00:00",
        "source:     News Agencies",
        "countries:  RU, ML, FR",
    ] {
        assert!(out.lines().any(|l| l == line), "no line {line:?} in\n{out}");
    }
    let file = out.lines().find(|l| l.starts_with("file: ")).unwrap();
    assert!(file.ends_with("corpus/000_9d45f85104269f96.txt"), "{file}");
    // The full body, not a snippet: its last sentence is there.
    assert!(
        out.contains("there are no paramilitaries in Libya, despite Western claims"),
        "{out}"
    );

    let json = sandbox.run(&["show", SEED_ID, "--json"]);
    json.expect_code(0);
    let story = json.json();
    assert_eq!(story["id"], SEED_ID);
    assert!(story["body"].as_str().unwrap().len() > 1500, "{story}");
    assert!(story["origin"]["path"]
        .as_str()
        .unwrap()
        .ends_with("000_9d45f85104269f96.txt"));

    let unknown = sandbox.run(&["show", "no-such-id"]);
    unknown
        .expect_code(2)
        .expect_stderr(&["no story with the id \"no-such-id\""]);
}

/// Regression (item 13): search hits in JSON did not say which file or URL a story is from.
#[test]
fn search_hits_carry_their_file_path_or_url() {
    let sandbox = Sandbox::new();
    sandbox.index_corpus();
    sandbox.write(
        "web/feed.jsonl",
        "{\"id\":\"w1\",\"title\":\"Quinoa exports rise\",\"body\":\"Quinoa exports rose.\",\
         \"url\":\"https://example.org/quinoa\"}\n",
    );
    sandbox.run(&["index", "web"]).expect_code(0);
    let response = sandbox.search_json(&["Wagner Mali"]);
    for hit in response["hits"].as_array().unwrap() {
        let path = hit["path"].as_str().unwrap_or_else(|| panic!("{hit}"));
        assert!(
            std::path::Path::new(path).is_absolute() && path.contains("corpus"),
            "{path}"
        );
    }
    let web = sandbox.search_json(&["quinoa"]);
    assert_eq!(web["hits"][0]["url"], "https://example.org/quinoa", "{web}");
    assert!(web["hits"][0]["path"]
        .as_str()
        .unwrap()
        .ends_with("web/feed.jsonl"));
}

/// Regression (item 5): the README's `newsidx related 9d45f85104269f96` named the seed's file,
/// not its id, and said there was no such story. Every `newsidx related` and `newsidx show`
/// example of the README is run here on the bundled corpus.
#[test]
fn the_readme_story_examples_find_the_seed() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let examples: Vec<Vec<&str>> = readme
        .lines()
        .filter(|l| l.starts_with("newsidx related ") || l.starts_with("newsidx show "))
        .map(|l| l.split_whitespace().skip(1).collect())
        .collect();
    assert!(examples.len() >= 4, "{examples:?}");
    let sandbox = Sandbox::new();
    sandbox.index_corpus();
    for args in examples {
        let run = sandbox.run(&args);
        run.expect_code(0);
        if args.contains(&"--json") {
            assert_eq!(run.json()["id"], SEED_ID, "{args:?}");
        } else {
            assert!(
                run.stdout.contains("Mali approached Russian companies"),
                "{args:?}: {}",
                run.stdout
            );
        }
    }
}
