//! [`OpenSearchExport`]: writes an export folder for OpenSearch: `template.json`,
//! `bulk-NNNN.ndjson` and `QUERIES.md` (see the crate's documentation).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use newsidx_query::{NewsQuery, NewsSearcher};

use crate::bulk::{self, BulkFile, BulkWriter, MAX_ID_BYTES};
use crate::error::{Error, Result};
use crate::fields;
use crate::queries::{self, QUERIES_FILE};
use crate::template;

/// Name of the index template file in the export folder.
pub const TEMPLATE_FILE: &str = "template.json";

/// The index name unless set ([`OpenSearchExport::index_name`]).
pub const DEFAULT_INDEX_NAME: &str = "newsidx";

/// Stories per bulk file unless set ([`OpenSearchExport::max_stories`]).
pub const DEFAULT_MAX_STORIES: u64 = 5_000;

/// Bytes per bulk file unless set ([`OpenSearchExport::max_bytes`]): under the 10 MiB that
/// hosted clusters take in one request.
pub const DEFAULT_MAX_BYTES: u64 = 10_000_000;

/// Ids of skipped stories kept for the report.
const SKIPPED_KEPT: usize = 10;

/// Exports the stories of an index for OpenSearch: a builder of the options, then
/// [`OpenSearchExport::write`].
#[derive(Debug, Clone)]
#[must_use]
pub struct OpenSearchExport {
    index_name: String,
    max_stories: u64,
    max_bytes: u64,
    force: bool,
    query: NewsQuery,
}

impl Default for OpenSearchExport {
    fn default() -> Self {
        OpenSearchExport::new()
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportReport {
    /// The export folder.
    pub dir: PathBuf,
    /// The index template.
    pub template: PathBuf,
    /// The query document.
    pub queries: PathBuf,
    /// The bulk files, in order.
    pub bulk: Vec<BulkFile>,
    /// Stories written.
    pub stories: u64,
    /// Stories left out because their id cannot be an OpenSearch `_id` (empty, or longer
    /// than 512 bytes).
    pub skipped: u64,
    /// The first of those ids (at most ten).
    pub skipped_ids: Vec<String>,
}

impl OpenSearchExport {
    /// An export of every story to the index `newsidx`, in bulk files of at most 5,000
    /// stories and 10 MB, into a folder that must be empty or new.
    pub fn new() -> OpenSearchExport {
        OpenSearchExport {
            index_name: DEFAULT_INDEX_NAME.to_string(),
            max_stories: DEFAULT_MAX_STORIES,
            max_bytes: DEFAULT_MAX_BYTES,
            force: false,
            query: NewsQuery::new(""),
        }
    }

    /// The OpenSearch index the bulk files write to and the template applies to (with
    /// `NAME-*`). Lower-case letters, digits, `-`, `_` and `.`; checked by
    /// [`OpenSearchExport::write`].
    pub fn index_name(mut self, name: impl Into<String>) -> Self {
        self.index_name = name.into();
        self
    }

    /// Most stories per bulk file (default 5,000).
    pub fn max_stories(mut self, n: u64) -> Self {
        self.max_stories = n;
        self
    }

    /// Most bytes per bulk file (default 10,000,000); a story bigger than that alone gets a
    /// file of its own.
    pub fn max_bytes(mut self, n: u64) -> Self {
        self.max_bytes = n;
        self
    }

    /// Write into a folder that holds files: the export's own files there (`template.json`,
    /// `QUERIES.md`, `bulk-*.ndjson`) are replaced, any other file is left alone. Off by
    /// default: a folder that is not empty is refused.
    pub fn force(mut self, yes: bool) -> Self {
        self.force = yes;
        self
    }

    /// Export only the stories matching `query` (its text and filters; sort and paging are
    /// ignored). Default: every story.
    pub fn query(mut self, query: NewsQuery) -> Self {
        self.query = query;
        self
    }

    /// Writes the export into `dir` (created if missing): the template, then every story
    /// as it is read from the index, then the query document.
    ///
    /// Memory: constant in the number of stories (one story and one open file at a time).
    /// Fails before writing anything when the folder is not empty (unless forced), is a
    /// file, or cannot be created, when the index name is not one OpenSearch takes, or when
    /// a bound is 0; fails with the path when a file cannot be written.
    pub fn write(&self, searcher: &NewsSearcher, dir: &Path) -> Result<ExportReport> {
        check_index_name(&self.index_name)?;
        if self.max_stories == 0 {
            return Err(Error::ZeroBound {
                what: "stories per file",
            });
        }
        if self.max_bytes == 0 {
            return Err(Error::ZeroBound {
                what: "bytes per file",
            });
        }
        prepare(dir, self.force)?;

        let template_path = dir.join(TEMPLATE_FILE);
        let mut json =
            serde_json::to_vec_pretty(&template::template(&self.index_name)).unwrap_or_default();
        json.push(b'\n');
        write_file(&template_path, &json)?;

        let mut bulk = BulkWriter::new(dir, &self.index_name, self.max_stories, self.max_bytes);
        let mut stories = 0;
        let mut skipped = 0;
        let mut skipped_ids = Vec::new();
        let mut example_id = None;
        searcher.for_each_story(&self.query, |story| -> Result<()> {
            if story.id.is_empty() || story.id.len() > MAX_ID_BYTES {
                skipped += 1;
                if skipped_ids.len() < SKIPPED_KEPT {
                    skipped_ids.push(story.id);
                }
                return Ok(());
            }
            bulk.add(&story.id, &fields::source(&story))?;
            stories += 1;
            example_id.get_or_insert(story.id);
            Ok(())
        })?;
        let files = bulk.finish()?;

        let queries_path = dir.join(QUERIES_FILE);
        let example_id = example_id.unwrap_or_else(|| "STORY-ID".to_string());
        let doc = queries::document(&self.index_name, &example_id);
        write_file(&queries_path, doc.as_bytes())?;

        Ok(ExportReport {
            dir: dir.to_path_buf(),
            template: template_path,
            queries: queries_path,
            bulk: files,
            stories,
            skipped,
            skipped_ids,
        })
    }
}

/// Checks that `name` can name an OpenSearch index: lower-case ASCII letters, digits, `-`,
/// `_` and `.`, not starting with `-`, `_` or `+`, not `.` or `..`, at most 255 bytes.
fn check_index_name(name: &str) -> Result<()> {
    let allowed = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b);
    let ok = !name.is_empty()
        && name.len() <= 255
        && name.bytes().all(allowed)
        && !name.starts_with(['-', '_', '+'])
        && name != "."
        && name != "..";
    if ok {
        Ok(())
    } else {
        Err(Error::BadIndexName {
            name: name.to_string(),
        })
    }
}

/// Makes `dir` ready: created when missing; refused when it is a file, or holds anything
/// and `force` is off; with `force`, the export's own files in it are removed.
fn prepare(dir: &Path, force: bool) -> Result<()> {
    if !dir.exists() {
        return fs::create_dir_all(dir).map_err(Error::io("create the folder", dir));
    }
    if !dir.is_dir() {
        return Err(Error::NotAFolder {
            dir: dir.to_path_buf(),
        });
    }
    let entries = fs::read_dir(dir).map_err(Error::io("list", dir))?;
    for entry in entries {
        let entry = entry.map_err(Error::io("list", dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !force {
            return Err(Error::NotEmpty {
                dir: dir.to_path_buf(),
                found: name,
            });
        }
        if name == TEMPLATE_FILE || name == QUERIES_FILE || bulk::is_bulk_file(&name) {
            let path = entry.path();
            fs::remove_file(&path).map_err(Error::io("remove", &path))?;
        }
    }
    Ok(())
}

/// Writes a whole file and syncs it.
fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = fs::File::create(path).map_err(Error::io("create", path))?;
    file.write_all(bytes).map_err(Error::io("write", path))?;
    file.sync_all().map_err(Error::io("write", path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_names_follow_opensearch_rules() {
        for ok in ["newsidx", "news-2024", "a.b_c"] {
            assert!(check_index_name(ok).is_ok(), "{ok}");
        }
        for bad in [
            "", "News", "-news", "_news", "..", "a b", "a/b", "a*", "a:b",
        ] {
            assert!(
                matches!(check_index_name(bad), Err(Error::BadIndexName { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_folder_with_files_is_refused_unless_forced_and_then_only_ours_go() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        fs::write(dir.path().join("bulk-0007.ndjson"), "old").unwrap();
        let err = prepare(dir.path(), false).unwrap_err();
        assert!(matches!(err, Error::NotEmpty { .. }), "{err}");
        assert!(err.is_user_error());
        assert!(err.to_string().contains("is not empty"), "{err}");
        prepare(dir.path(), true).unwrap();
        assert!(dir.path().join("notes.txt").exists());
        assert!(!dir.path().join("bulk-0007.ndjson").exists());

        let file = dir.path().join("notes.txt");
        assert!(matches!(
            prepare(&file, true),
            Err(Error::NotAFolder { .. })
        ));
        let new = dir.path().join("a/b");
        prepare(&new, false).unwrap();
        assert!(new.is_dir());
    }
}
