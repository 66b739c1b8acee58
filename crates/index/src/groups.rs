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
//! last cleared, the index itself: once per chunk of stories ([`Groups::prepare`]), one pass
//! over the `dup_sig` fast column keeps the canonical stories that share a band key with the
//! chunk's (the keys are not indexed as terms: writing that many unique terms cost more than
//! the whole grouping). Only a match's stored `cluster` is read. A run into an empty index
//! that stays within the budget never reads the index.
//!
//! Pruning a group's canonical story elects another: [`reelect`].

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use newsidx_core::dedupe::{BANDS, VALUES};
use newsidx_core::Signature;
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use crate::error::Result;

/// What one canonical story costs in the table: its band keys in the map (key, slot and the
/// map's overhead), its signature, and its id (plus its length).
pub const CANONICAL_BYTES: usize = BANDS * 24 + std::mem::size_of::<Signature>() + 24;

/// A canonical story of the index that shares a band key with a story of the chunk.
struct Found {
    address: DocAddress,
    signature: Signature,
    /// Its id and cluster, once read from the store.
    stored: Option<(String, String)>,
}

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
    /// The canonical stories of the index that share a band key with the current chunk, and
    /// by band key.
    found: Vec<Found>,
    found_keys: HashMap<u64, Vec<u32>>,
}

impl Groups {
    /// Groups for a run whose table may take `budget` bytes; `index`: the index as it was
    /// before the run, when it held stories.
    pub(crate) fn new(budget: usize, index: Option<Searcher>) -> Groups {
        Groups {
            table: HashMap::default(),
            canonical: Vec::new(),
            bytes: 0,
            budget,
            index,
            found: Vec::new(),
            found_keys: HashMap::default(),
        }
    }

    /// Finds, in one pass over the index's `dup_sig` column, the canonical stories that
    /// share a band key with one of `signatures` (a batch of stories about to be assigned).
    /// Nothing to do when the table holds every canonical story the run can meet.
    pub(crate) fn prepare<'s>(
        &mut self,
        signatures: impl Iterator<Item = &'s Signature>,
    ) -> Result<()> {
        self.found.clear();
        self.found_keys.clear();
        let Some(searcher) = &self.index else {
            return Ok(());
        };
        let wanted: HashSet<u64> = signatures.flat_map(Signature::band_keys).collect();
        if wanted.is_empty() {
            return Ok(());
        }
        let (mut values, mut keys) = (Vec::with_capacity(VALUES), Vec::with_capacity(BANDS));
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let Some(column) = segment.fast_fields().u64("dup_sig").ok() else {
                continue;
            };
            for doc in segment.doc_ids_alive() {
                values.clear();
                values.extend(column.values_for_doc(doc));
                keys.clear();
                for &value in &values {
                    Signature::band_keys_of_value(value, &mut keys);
                }
                if !keys.iter().any(|k| wanted.contains(k)) {
                    continue;
                }
                let Some((signature, true)) = Signature::from_values(values.iter().copied()) else {
                    continue;
                };
                let slot = self.found.len() as u32;
                for &key in keys.iter().filter(|k| wanted.contains(k)) {
                    self.found_keys.entry(key).or_default().push(slot);
                }
                self.found.push(Found {
                    address: DocAddress::new(ord as u32, doc),
                    signature,
                    stored: None,
                });
            }
        }
        Ok(())
    }

    /// The group of story `id` with signature `signature`: (`cluster`, is canonical). A story
    /// without a signature (too short) is a group of its own.
    pub(crate) fn assign(
        &mut self,
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
        if let Some(cluster) = self.in_index(id, signature, &keys)? {
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

    /// The most similar matching canonical story of the index found by [`Groups::prepare`],
    /// other than `id` itself (an earlier copy of the same story, written again): its stored
    /// `cluster`.
    fn in_index(
        &mut self,
        id: &str,
        signature: &Signature,
        keys: &[u64; BANDS],
    ) -> Result<Option<String>> {
        let Some(searcher) = &self.index else {
            return Ok(None);
        };
        let mut matches: Vec<(f32, u32)> = Vec::new();
        for key in keys {
            for &slot in self.found_keys.get(key).into_iter().flatten() {
                let theirs = &self.found[slot as usize].signature;
                if !matches.iter().any(|&(_, s)| s == slot) && signature.matches(theirs) {
                    matches.push((signature.similarity(theirs), slot));
                }
            }
        }
        matches.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (_, slot) in matches {
            let found = &mut self.found[slot as usize];
            if found.stored.is_none() {
                let doc: TantivyDocument = searcher.doc(found.address)?;
                let schema = searcher.schema();
                let text = |name: &str| {
                    let field = schema.get_field(name).ok()?;
                    doc.get_first(field)
                        .and_then(|v| v.as_str())
                        .map(str::to_string)
                };
                let other = text("id").unwrap_or_default();
                let cluster = text("cluster").unwrap_or_else(|| other.clone());
                found.stored = Some((other, cluster));
            }
            if let Some((other, cluster)) = &found.stored {
                if other != id {
                    return Ok(Some(cluster.clone()));
                }
            }
        }
        Ok(None)
    }

    /// Whether canonical stories are also looked up in the index (then [`Groups::prepare`]
    /// reads it).
    pub(crate) fn reads_index(&self) -> bool {
        self.index.is_some()
    }

    /// True when the table holds more than its budget: the pipeline then commits and calls
    /// [`Groups::committed`] with the index as of that commit.
    pub(crate) fn over_budget(&self) -> bool {
        self.bytes > self.budget
    }

    /// Empties the table once a commit holds its stories; from now on canonical stories are
    /// also looked up in `index`.
    pub(crate) fn committed(&mut self, index: Searcher) {
        self.table = HashMap::default();
        self.canonical = Vec::new();
        self.bytes = 0;
        self.index = Some(index);
    }
}

/// Elects a new canonical story for each group whose canonical story is among `gone` (the
/// paths of pruned files, whose stories are being deleted): its first other story in index
/// order. Every other story of such a group is written again with the new `cluster` (read
/// back from the store, mapped again, its signature from `dup_sig`), in the same commit as
/// the deletes. Returns the number of groups that got a new canonical story.
pub(crate) fn reelect(
    searcher: &Searcher,
    schema: &newsidx_core::NewsSchema,
    writer: &newsidx_core::NewsWriter,
    gone: &HashSet<String>,
) -> Result<usize> {
    use tantivy::collector::DocSetCollector;
    use tantivy::query::TermQuery;
    use tantivy::schema::IndexRecordOption;
    use tantivy::Term;

    let stored = |address: DocAddress| -> Result<TantivyDocument> { Ok(searcher.doc(address)?) };
    let text = |doc: &TantivyDocument, field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    // The canonical stories of the gone files that head a group of more than themselves.
    let mut groups = Vec::new();
    for path in gone {
        let term = Term::from_field_text(schema.path, path);
        let docs = searcher.search(
            &TermQuery::new(term, IndexRecordOption::Basic),
            &DocSetCollector,
        )?;
        for address in docs {
            let doc = stored(address)?;
            let (id, cluster) = (text(&doc, schema.id), text(&doc, schema.cluster));
            if !id.is_empty() && id == cluster {
                groups.push(cluster);
            }
        }
    }
    let mut elected = 0;
    for cluster in groups {
        let key = newsidx_core::schema::cluster_key(&cluster);
        let term = Term::from_field_u64(schema.cluster_member, key);
        let mut members: Vec<DocAddress> = searcher
            .search(
                &TermQuery::new(term, IndexRecordOption::Basic),
                &DocSetCollector,
            )?
            .into_iter()
            .collect();
        members.sort();
        let mut new_cluster: Option<String> = None;
        for address in members {
            let doc = stored(address)?;
            if gone.contains(&text(&doc, schema.path)) {
                continue;
            }
            let article = schema.to_article(&doc);
            let segment = searcher.segment_reader(address.segment_ord);
            let signature = segment
                .fast_fields()
                .u64("dup_sig")
                .ok()
                .and_then(|c| Signature::from_values(c.values_for_doc(address.doc_id)))
                .map(|(s, _)| s);
            let cluster = new_cluster
                .get_or_insert_with(|| article.id.clone())
                .clone();
            let canonical = cluster == article.id;
            let mut doc = schema.to_document(&article);
            if let Some(signature) = &signature {
                schema.add_signature(&mut doc, signature);
            }
            schema.add_group(&mut doc, &cluster, signature.is_some(), canonical);
            writer.delete_story(&article.id);
            writer.add_document(doc)?;
        }
        elected += usize::from(new_cluster.is_some());
    }
    Ok(elected)
}
