//! Near-duplicate groups at index time: which group each story written joins.
//!
//! A story joins the group of the first canonical story whose signature
//! ([`newsidx_core::dedupe::Signature`]) it matches, and takes that story's id as its
//! `cluster`; a story that matches none is canonical, its `cluster` is its own id and its band
//! keys are indexed (`dup_bands`). Only canonical stories are candidates, so groups never
//! chain: every member matches its canonical story.
//!
//! Canonical stories are found by their band keys in two places: a table of the canonical
//! stories written in this run (bounded in bytes: see [`Groups::over_budget`]; the pipeline
//! commits and clears it when full), and, when the index held stories before the table was
//! last cleared, the index itself (the postings of `dup_bands`, then the candidate's
//! `dup_sig` and `cluster` fast fields: no stored document is read). A run into an empty index
//! that stays within the budget never reads the index.

use std::collections::HashMap;

use newsidx_core::dedupe::BANDS;
use newsidx_core::{NewsSchema, Signature};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Searcher, TantivyError, Term, TERMINATED};

use crate::error::Result;

/// What one canonical story costs in the table: its band keys in the map (key, slot and the
/// map's overhead), its signature, and its id (plus its length).
pub const CANONICAL_BYTES: usize = BANDS * 24 + newsidx_core::dedupe::SIGNATURE_BYTES + 24;

/// The groups of one indexing run.
pub(crate) struct Groups {
    /// Band key -> slot in `canonical` (the first story with that key).
    table: HashMap<u64, u32>,
    /// The canonical stories of the table: id and signature.
    canonical: Vec<(String, Signature)>,
    bytes: usize,
    budget: usize,
    /// The index as of the last commit, when it holds canonical stories the table does not.
    index: Option<Searcher>,
}

impl Groups {
    /// Groups for a run whose table may take `budget` bytes; `index`: the index as it was
    /// before the run, when it held stories.
    pub(crate) fn new(budget: usize, index: Option<Searcher>) -> Groups {
        Groups {
            table: HashMap::new(),
            canonical: Vec::new(),
            bytes: 0,
            budget,
            index,
        }
    }

    /// The group of story `id` with signature `signature`: (`cluster`, is canonical). A story
    /// without a signature (too short) is a group of its own.
    pub(crate) fn assign(
        &mut self,
        schema: &NewsSchema,
        id: &str,
        signature: Option<&Signature>,
    ) -> Result<(String, bool)> {
        let Some(signature) = signature else {
            return Ok((id.to_string(), true));
        };
        let keys = signature.band_keys();
        if let Some(cluster) = self.in_table(id, signature, &keys) {
            return Ok((cluster, false));
        }
        if let Some(cluster) = self.in_index(schema, id, signature, &keys)? {
            return Ok((cluster, false));
        }
        let slot = self.canonical.len() as u32;
        for key in keys {
            self.table.entry(key).or_insert(slot);
        }
        self.bytes += CANONICAL_BYTES + id.len();
        self.canonical.push((id.to_string(), signature.clone()));
        Ok((id.to_string(), true))
    }

    /// The most similar matching canonical story of the table, other than `id` itself.
    fn in_table(&self, id: &str, signature: &Signature, keys: &[u64; BANDS]) -> Option<String> {
        let mut best: Option<(f32, u32)> = None;
        for key in keys {
            let Some(&slot) = self.table.get(key) else {
                continue;
            };
            let (other, theirs) = &self.canonical[slot as usize];
            if other == id || best.is_some_and(|(_, s)| s == slot) || !signature.matches(theirs) {
                continue;
            }
            let similarity = signature.similarity(theirs);
            if best.is_none_or(|(b, _)| similarity > b) {
                best = Some((similarity, slot));
            }
        }
        best.map(|(_, slot)| self.canonical[slot as usize].0.clone())
    }

    /// The most similar matching canonical story of the index (as of the last commit), other
    /// than `id` itself: the postings of its band keys, then each candidate's fast fields.
    fn in_index(
        &self,
        schema: &NewsSchema,
        id: &str,
        signature: &Signature,
        keys: &[u64; BANDS],
    ) -> Result<Option<String>> {
        let Some(searcher) = &self.index else {
            return Ok(None);
        };
        let mut best: Option<(f32, String)> = None;
        let (mut bytes, mut cluster) = (Vec::new(), String::new());
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(schema.dup_bands)?;
            let fast = segment.fast_fields();
            let (Some(sigs), Some(clusters)) = (fast.bytes("dup_sig")?, fast.str("cluster")?)
            else {
                continue;
            };
            for &key in keys {
                let term = Term::from_field_u64(schema.dup_bands, key);
                let Some(mut postings) = inverted
                    .read_postings(&term, IndexRecordOption::Basic)
                    .map_err(TantivyError::from)?
                else {
                    continue;
                };
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    if !segment.is_deleted(doc) {
                        let theirs = sigs.term_ords(doc).next().and_then(|ord| {
                            bytes.clear();
                            sigs.ord_to_bytes(ord, &mut bytes).ok()?;
                            Signature::from_bytes(&bytes)
                        });
                        if let Some(theirs) = theirs.filter(|t| signature.matches(t)) {
                            let similarity = signature.similarity(&theirs);
                            cluster.clear();
                            if let Some(ord) = clusters.term_ords(doc).next() {
                                clusters
                                    .ord_to_str(ord, &mut cluster)
                                    .map_err(TantivyError::from)?;
                            }
                            if !cluster.is_empty()
                                && cluster != id
                                && best.as_ref().is_none_or(|(b, _)| similarity > *b)
                            {
                                best = Some((similarity, cluster.clone()));
                            }
                        }
                    }
                    doc = postings.advance();
                }
            }
        }
        Ok(best.map(|(_, cluster)| cluster))
    }

    /// True when the table holds more than its budget: the pipeline then commits and calls
    /// [`Groups::committed`] with the index as of that commit.
    pub(crate) fn over_budget(&self) -> bool {
        self.bytes > self.budget
    }

    /// Empties the table once a commit holds its stories; from now on canonical stories are
    /// also looked up in `index`.
    pub(crate) fn committed(&mut self, index: Searcher) {
        self.table = HashMap::new();
        self.canonical = Vec::new();
        self.bytes = 0;
        self.index = Some(index);
    }
}
