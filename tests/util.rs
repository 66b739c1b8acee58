//! A sandbox for end-to-end tests: a temporary folder and the real `newsidx` binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary working folder in which the real binary runs.
pub struct Sandbox {
    dir: tempfile::TempDir,
}

/// The result of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Parses stdout as one JSON document, printing both streams when it is not.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not one JSON document ({e})\n--- stdout\n{}\n--- stderr\n{}",
                self.stdout, self.stderr
            )
        })
    }

    /// Asserts the exit code, printing both streams on a mismatch.
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "exit code {} (expected {code})\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    /// Asserts that stderr holds every one of `needles`, printing it when it does not.
    pub fn expect_stderr(&self, needles: &[&str]) -> &Run {
        for needle in needles {
            assert!(
                self.stderr.contains(needle),
                "stderr lacks {needle:?}\n--- stderr\n{}",
                self.stderr
            );
        }
        self
    }
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The bundled demo corpus of the repository.
    pub fn corpus() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
    }

    /// Writes a file below the sandbox, creating folders.
    pub fn write(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, content).unwrap();
        path
    }

    /// Runs `newsidx ARGS` in the sandbox, with the index in `<sandbox>/idx`.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_newsidx"))
            .args(args)
            .current_dir(self.dir.path())
            .env("NEWSIDX_INDEX", self.dir.path().join("idx"))
            .env_remove("RUST_LOG")
            .output()
            .expect("run newsidx");
        Run::from(output)
    }

    /// Runs `newsidx search ARGS --json`, expecting exit 0 (hits) or 1 (none), and parses
    /// the document.
    pub fn search_json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        all.push("--json");
        let run = self.run(&all);
        assert!(
            run.code == 0 || run.code == 1,
            "exit {}\n--- stdout\n{}\n--- stderr\n{}",
            run.code,
            run.stdout,
            run.stderr
        );
        run.json()
    }

    /// Indexes the bundled corpus and returns the JSON summary.
    pub fn index_corpus(&self) -> serde_json::Value {
        let corpus = Sandbox::corpus();
        let run = self.run(&["index", corpus.to_str().unwrap(), "--json"]);
        assert!(
            run.code == 0 || run.code == 3,
            "index failed: {}\n{}",
            run.stdout,
            run.stderr
        );
        run.json()
    }
}

/// The ids of a search response's hits, sorted.
pub fn ids(response: &serde_json::Value) -> Vec<String> {
    let mut ids: Vec<String> = response["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

/// The `(value, count)` pairs of one facet of a search response.
pub fn facet(response: &serde_json::Value, dim: &str) -> Vec<(String, u64)> {
    response["facets"][dim]
        .as_array()
        .unwrap_or_else(|| panic!("no facet {dim}: {response}"))
        .iter()
        .map(|v| {
            (
                v["value"].as_str().unwrap().to_string(),
                v["count"].as_u64().unwrap(),
            )
        })
        .collect()
}
