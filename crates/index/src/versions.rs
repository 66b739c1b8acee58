//! Versions of one story at index time: of two stories with one id, the newer stands.
//!
//! A story whose source numbers or dates its versions ([`Version`]) is checked before it is
//! written: against the story of the same id written earlier in the run, else against the one
//! the index held before the run. When that story is newer ([`Version::compare`]), the one
//! read is skipped (counted as [`crate::IndexReport::older_versions`]); otherwise it replaces
//! it, as any story replaces one of its id. So whatever the order files are read in, run
//! after run, the newest version stands.
//!
//! Cost: nothing for a story without a version but a lookup in an empty table; for one with
//! a version, a table entry for the run (a 128-bit hash of its id and its version, about 64
//! bytes) and, when the index held stories, one lookup of its id in the index.

use std::cmp::Ordering;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;

use newsidx_core::map::from_tantivy_date;
use newsidx_core::{NewsSchema, Version};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use tantivy::schema::Value;
use tantivy::{Searcher, TantivyDocument, Term};

use crate::error::Result;
use crate::files::Stamp;
use crate::groups::postings;

/// The versions of one run.
pub(crate) struct Versions<'a> {
    /// The index before the run, when it held stories.
    index: Option<Searcher>,
    schema: &'a NewsSchema,
    /// The version of each id the run wrote with a version (and of ids written again
    /// without one after that: the empty version), by a 128-bit hash of the id.
    run: HashMap<u128, Version>,
    /// The files whose stories the run deletes (read again, or pruned): a story of the index
    /// from one of them does not stand against a story read.
    rewritten: &'a [(PathBuf, Option<Stamp>)],
    pruned: HashSet<String>,
    /// `rewritten` as displayed paths, made at the first need.
    rewritten_set: Option<HashSet<String>>,
}

impl<'a> Versions<'a> {
    /// Versions for a run over `index` (the index before the run, when it held stories)
    /// that reads `rewritten` again and pruned `pruned`.
    pub(crate) fn new(
        index: Option<Searcher>,
        schema: &'a NewsSchema,
        rewritten: &'a [(PathBuf, Option<Stamp>)],
        pruned: HashSet<String>,
    ) -> Versions<'a> {
        Versions {
            index,
            schema,
            run: HashMap::default(),
            rewritten,
            pruned,
            rewritten_set: None,
        }
    }

    /// Whether story `id` of version `version` is to be written: false when the story of
    /// that id that stands (written earlier in the run, else in the index) is newer.
    /// `repeated`: the run wrote a story of this id before. Notes the version when true.
    pub(crate) fn admit(&mut self, id: &str, version: &Version, repeated: bool) -> Result<bool> {
        if version.is_empty() {
            // An unversioned story replaces any; later ones compare with it (not at all).
            if repeated && !self.run.is_empty() {
                if let Some(standing) = self.run.get_mut(&hash128(id)) {
                    *standing = Version::default();
                }
            }
            return Ok(true);
        }
        let key = hash128(id);
        let standing = match self.run.get(&key) {
            Some(standing) => Some(*standing),
            // Written earlier in the run without a version: nothing to compare.
            None if repeated => None,
            None => self.in_index(id)?,
        };
        if standing.is_some_and(|s| version.compare(&s) == Ordering::Less) {
            return Ok(false);
        }
        self.run.insert(key, *version);
        Ok(true)
    }

    /// The version of the story `id` of the index before the run, unless the run deletes
    /// it with its file.
    fn in_index(&mut self, id: &str) -> Result<Option<Version>> {
        let Some(searcher) = &self.index else {
            return Ok(None);
        };
        let term = Term::from_field_text(self.schema.id, id);
        let Some(&address) = postings(searcher, &term)?.first() else {
            return Ok(None);
        };
        let fast = searcher.segment_reader(address.segment_ord).fast_fields();
        let version = Version {
            number: fast
                .u64("version")
                .ok()
                .and_then(|c| c.first(address.doc_id)),
            created: fast
                .date("version_created")
                .ok()
                .and_then(|c| c.first(address.doc_id))
                .map(from_tantivy_date),
        };
        if version.is_empty() {
            return Ok(None);
        }
        let doc: TantivyDocument = searcher.doc(address)?;
        let path = doc
            .get_first(self.schema.path)
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        if self.pruned.contains(path) {
            return Ok(None);
        }
        let rewritten = self.rewritten;
        let set = self.rewritten_set.get_or_insert_with(|| {
            rewritten
                .iter()
                .map(|(p, _)| p.display().to_string())
                .collect()
        });
        Ok((!set.contains(path)).then_some(version))
    }
}

/// A 128-bit hash of a story id: two SipHash runs with fixed keys (a collision would make one
/// story compare with another's version).
fn hash128(id: &str) -> u128 {
    let mut first = DefaultHasher::new();
    id.hash(&mut first);
    let mut second = DefaultHasher::new();
    0xA5u8.hash(&mut second);
    id.hash(&mut second);
    (u128::from(first.finish()) << 64) | u128::from(second.finish())
}

#[cfg(test)]
mod tests;
