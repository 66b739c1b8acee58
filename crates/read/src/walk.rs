//! Walking corpus folders: every regular file below the given paths, hidden files and folders
//! skipped, unreadable entries and symlink loops reported rather than fatal.

use std::path::{Path, PathBuf};

use crate::error::{ErrorKind, ReadError};

/// The files found by [`walk`] and the entries it could not visit.
#[derive(Debug, Default)]
pub struct Walk {
    /// Regular files, sorted by path, each once.
    pub files: Vec<PathBuf>,
    /// Entries that could not be visited (permission denied, symlink loop, vanished).
    pub errors: Vec<ReadError>,
}

/// Lists the files below `roots` (a root that is a file is listed as is). Follows symbolic
/// links, reporting loops; skips names that start with a dot.
pub fn walk<P: AsRef<Path>>(roots: &[P]) -> Walk {
    let mut out = Walk::default();
    for root in roots {
        let root = root.as_ref();
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_file() => out.files.push(entry.into_path()),
                Ok(_) => {}
                Err(e) => {
                    let path = e.path().unwrap_or(root).to_path_buf();
                    let message = if e.loop_ancestor().is_some() {
                        "symbolic link loop: skipped".to_string()
                    } else {
                        e.io_error()
                            .map_or_else(|| e.to_string(), |io| io.to_string())
                    };
                    out.errors
                        .push(ReadError::new(path, ErrorKind::Io, message));
                }
            }
        }
    }
    out.files.sort();
    out.files.dedup();
    out
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn hidden_files_are_skipped_and_files_sorted() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("b/.git")).unwrap();
        fs::write(dir.path().join("b/2.txt"), "x").unwrap();
        fs::write(dir.path().join("b/.git/config"), "x").unwrap();
        fs::write(dir.path().join(".hidden.txt"), "x").unwrap();
        fs::write(dir.path().join("a.txt"), "x").unwrap();
        let w = walk(&[dir.path()]);
        let names: Vec<_> = w
            .files
            .iter()
            .map(|p| p.strip_prefix(dir.path()).unwrap().to_path_buf())
            .collect();
        assert_eq!(names, [PathBuf::from("a.txt"), PathBuf::from("b/2.txt")]);
        assert!(w.errors.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_is_reported_not_followed_forever() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("d")).unwrap();
        fs::write(dir.path().join("d/story.txt"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("d"), dir.path().join("d/loop")).unwrap();
        let w = walk(&[dir.path()]);
        assert_eq!(w.files.len(), 1);
        assert_eq!(w.errors.len(), 1);
        assert!(w.errors[0].message.contains("loop"), "{}", w.errors[0]);
    }

    #[test]
    fn a_missing_root_is_an_error_naming_it() {
        let w = walk(&[Path::new("/no/such/corpus")]);
        assert!(w.files.is_empty());
        assert_eq!(w.errors[0].path, Path::new("/no/such/corpus"));
    }
}
