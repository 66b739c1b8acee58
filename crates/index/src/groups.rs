//! Near-duplicate groups at index time: which group each story written joins.
//!
//! A story joins the group of the first canonical story whose signature
//! ([`newsidx_core::dedupe::Signature`]) it matches, and takes that story's id as its
//! `cluster`; a story that matches none is canonical, its `cluster` is its own id. Only
//! canonical stories are candidates, so groups never chain: every member matches its
//! canonical story.
//!
//! Canonical stories are found by their band keys in two places: a table of the canonical
//! stories written in this run (bounded in bytes: see [`Groups::over_budget`]; the pipeline
//! commits and clears it when full), and, when the index held stories before the table was
//! last cleared, the index itself: once per chunk of stories ([`Groups::prepare`]), one pass
//! over the `dup_sig` fast column (its distinct signatures, then its stories) keeps the
//! canonical stories that share a band key with the chunk's (the keys are not indexed as
//! terms: writing that many unique terms cost more than the whole grouping). Only a match's
//! stored `cluster` is read. A run into an empty index that stays within the budget never
//! reads the index.
//!
//! The index is read as of one commit (the one before the run, or the last that emptied the
//! table); what the run changed since is remembered, so that no story joins a canonical
//! story that is gone: one whose id was written again (a new version, another text), or
//! whose file was read again or pruned ([`Groups::write`], [`Groups::file_deleted`]).
//!
//! A canonical story that goes (pruned: [`reelect`]) or is replaced by a story of the same
//! id ([`Groups::write`]) leaves its other stories to be grouped again: read back from the
//! store, they elect canonical stories among themselves ([`Groups::elect`]), in the same
//! commit as the change.

use std::hash::{DefaultHasher, Hash, Hasher};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use newsidx_core::dedupe::BANDS;
use newsidx_core::schema::cluster_key;
use newsidx_core::{Article, NewsSchema, NewsWriter, Signature};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use crate::error::Result;

/// What one canonical story costs in the table: its band keys in the map (key, slot and the
/// map's overhead), its signature, its id (plus its length) and its slot by id.
pub const CANONICAL_BYTES: usize = BANDS * 24 + std::mem::size_of::<Signature>() + 24 + 24;

/// The 64-bit hash of a story id the run remembers ids by (SipHash with fixed keys).
pub(crate) fn id_hash(id: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    id.hash(&mut hasher);
    hasher.finish()
}

/// A canonical story of the index that shares a band key with a story of the chunk.
struct Found {
    address: DocAddress,
    signature: Signature,
    /// Its id and path, once read from the store.
    stored: Option<(String, String)>,
}

/// A story of the index that is not its group's canonical story, read back to be grouped
/// again.
struct Member {
    article: Article,
    signature: Option<Signature>,
}

/// The groups of one indexing run.
pub(crate) struct Groups {
    /// Band key -> slot in `canonical` (the first story with that key).
    table: HashMap<u64, u32>,
    /// The canonical stories of the table: id (empty once replaced) and signature.
    canonical: Vec<(String, Signature)>,
    /// [`id_hash`] -> the slot of that id in `canonical`.
    by_id: HashMap<u64, u32>,
    bytes: usize,
    budget: usize,
    /// The index as of the last commit it was taken at, when it holds canonical stories the
    /// table does not.
    index: Option<Searcher>,
    /// Since `index`'s commit: the ids written ([`id_hash`]; only while `index` is read),
    /// the files whose stories were deleted, and the groups ([`cluster_key`]) that got a
    /// story. A story of `index` in the first two is gone or replaced; a group in the third
    /// has stories `index` does not show.
    written: HashSet<u64>,
    deleted_files: HashSet<String>,
    joined: HashSet<u64>,
    /// The canonical stories of the index that share a band key with the current chunk, and
    /// by band key.
    found: Vec<Found>,
    found_keys: HashMap<u64, Vec<u32>>,
    /// Canonical stories with other stories in their group, of files being read again:
    /// [`id_hash`] -> (the file, [`cluster_key`]). One the file writes again is handled by
    /// [`Groups::write`]; the others are gone when the file is done ([`Groups::file_done`]).
    replaced_heads: HashMap<u64, (String, u64)>,
}

impl Groups {
    /// Groups for a run whose table may take `budget` bytes; `index`: the index as it was
    /// before the run, when it held stories.
    pub(crate) fn new(budget: usize, index: Option<Searcher>) -> Groups {
        Groups {
            table: HashMap::default(),
            canonical: Vec::new(),
            by_id: HashMap::default(),
            bytes: 0,
            budget,
            index,
            written: HashSet::default(),
            deleted_files: HashSet::default(),
            joined: HashSet::default(),
            found: Vec::new(),
            found_keys: HashMap::default(),
            replaced_heads: HashMap::default(),
        }
    }

    /// Finds, in a pass over the index's `dup_sig` column, the canonical stories that
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
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let Some(column) = segment.fast_fields().bytes("dup_sig")? else {
                continue;
            };
            // One ordered pass over the segment's signatures (each distinct one once), then
            // one over its stories for those that matched.
            let mut matched: HashMap<u64, Signature> = HashMap::default();
            let mut stream = column
                .dictionary()
                .stream()
                .map_err(tantivy::TantivyError::from)?;
            while stream.advance() {
                let Some((keys, true)) = Signature::band_keys_of_bytes(stream.key()) else {
                    continue;
                };
                if !keys.iter().any(|k| wanted.contains(k)) {
                    continue;
                }
                if let Some((signature, _)) = Signature::from_bytes(stream.key()) {
                    matched.insert(stream.term_ord(), signature);
                }
            }
            if matched.is_empty() {
                continue;
            }
            let ords = column.ords();
            for doc in segment.doc_ids_alive() {
                let Some(signature) = ords.first(doc).and_then(|o| matched.get(&o)) else {
                    continue;
                };
                let slot = self.found.len() as u32;
                for key in signature
                    .band_keys()
                    .into_iter()
                    .filter(|k| wanted.contains(k))
                {
                    self.found_keys.entry(key).or_default().push(slot);
                }
                self.found.push(Found {
                    address: DocAddress::new(ord as u32, doc),
                    signature: signature.clone(),
                    stored: None,
                });
            }
        }
        Ok(())
    }

    /// Notes that the stories of the file at `path` are being deleted (the file is read
    /// again, or pruned): no story joins a canonical story of the index from that file.
    pub(crate) fn file_deleted(&mut self, path: &str) {
        if self.index.is_some() {
            self.deleted_files.insert(path.to_string());
        }
    }

    /// Notes, before the stories of the file at `path` are deleted to be read again, its
    /// canonical stories that head other stories: those the file no longer holds leave
    /// their groups to elect new canonical stories when the file is done
    /// ([`Groups::file_done`]).
    pub(crate) fn file_replaced(&mut self, schema: &NewsSchema, path: &str) -> Result<()> {
        let Some(searcher) = &self.index else {
            return Ok(());
        };
        for (id, key) in heads_with_members(searcher, schema, path)? {
            self.replaced_heads
                .insert(id_hash(&id), (path.to_string(), key));
        }
        Ok(())
    }

    /// The file at `path`, read again, is written: each canonical story it held and did not
    /// write again ([`Groups::file_replaced`]) leaves its other stories to elect canonical
    /// stories among themselves ([`Groups::elect`]), as a pruned file's do. Returns the number
    /// of groups that got a new canonical story.
    pub(crate) fn file_done(
        &mut self,
        writer: &NewsWriter,
        schema: &NewsSchema,
        path: &str,
    ) -> Result<usize> {
        if self.replaced_heads.is_empty() {
            return Ok(0);
        }
        let mut keys: Vec<u64> = Vec::new();
        self.replaced_heads.retain(|_, (file, key)| {
            let done = file == path;
            if done {
                keys.push(*key);
            }
            !done
        });
        keys.sort_unstable();
        self.elect_groups(writer, schema, keys)
    }

    /// After a run that did not end: the groups of the index whose canonical story is no
    /// longer in it (its file was read again, and the run was killed after a commit of the
    /// deletes but before [`Groups::file_done`]) elect new canonical stories among their
    /// stories ([`Groups::elect`]). One pass over the `cluster_member` terms, and for each
    /// group one stored story and one id lookup. Returns the number of groups repaired.
    pub(crate) fn repair_headless(
        &mut self,
        writer: &NewsWriter,
        schema: &NewsSchema,
    ) -> Result<usize> {
        let Some(searcher) = self.index.clone() else {
            return Ok(0);
        };
        let mut keys = Vec::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(schema.cluster_member)?;
            let mut terms = inverted
                .terms()
                .stream()
                .map_err(tantivy::TantivyError::from)?;
            while terms.advance() {
                if let Ok(bytes) = <[u8; 8]>::try_from(terms.key()) {
                    keys.push(u64::from_be_bytes(bytes));
                }
            }
        }
        keys.sort_unstable();
        keys.dedup();
        let mut headless = Vec::new();
        for key in keys {
            let term = Term::from_field_u64(schema.cluster_member, key);
            let Some(&first) = postings(&searcher, &term)?.first() else {
                continue;
            };
            let doc: TantivyDocument = searcher.doc(first)?;
            let head = stored_text(&doc, schema.cluster);
            if !head.is_empty()
                && postings(&searcher, &Term::from_field_text(schema.id, &head))?.is_empty()
            {
                headless.push(key);
            }
        }
        self.elect_groups(writer, schema, headless)
    }

    /// Has the other stories of each group of `keys`, whose canonical story went, elect
    /// canonical stories among themselves ([`Groups::elect`]). Returns the number of groups
    /// that had other stories.
    fn elect_groups(
        &mut self,
        writer: &NewsWriter,
        schema: &NewsSchema,
        keys: impl IntoIterator<Item = u64>,
    ) -> Result<usize> {
        let mut elected = 0;
        for key in keys {
            let members = self.members(schema, key)?;
            if !members.is_empty() {
                self.elect(writer, schema, members)?;
                elected += 1;
            }
        }
        Ok(elected)
    }

    /// Writes story `id` (`doc`, mapped without group fields) in its group. `replaces`: the
    /// index or the run may hold a story of that id, which is deleted first.
    ///
    /// When the story replaced heads a group of more than itself, that group stays
    /// consistent: the new story is grouped by its text (it may join another group), the
    /// other stories of the old group that it heads and matches stay, and the rest elect
    /// canonical stories among themselves ([`Groups::elect`]). They are read back from the
    /// index; those written again since the index was read, or in a file being read again,
    /// are grouped where they are written. When a story written since joined the old group
    /// (it is not in the index read), the new story heads the group whatever its text, so
    /// that it does not point at a story that is not canonical. Returns how many groups
    /// were split off so (0 or 1).
    pub(crate) fn write(
        &mut self,
        writer: &NewsWriter,
        schema: &NewsSchema,
        id: &str,
        mut doc: TantivyDocument,
        signature: Option<Signature>,
        replaces: bool,
    ) -> Result<usize> {
        let (mut members, mut unread) = (Vec::new(), false);
        if replaces {
            let key = cluster_key(id);
            unread = self.joined.contains(&key);
            members = self.members(schema, key)?;
            self.retire(id);
        }
        let (cluster, canonical) = if unread {
            self.add_canonical(id, signature.as_ref());
            (id.to_string(), true)
        } else {
            self.assign(id, signature.as_ref())?
        };
        schema.add_group(&mut doc, &cluster, signature.as_ref(), canonical);
        if !canonical {
            self.joined.insert(cluster_key(&cluster));
        }
        if replaces {
            writer.delete_story(id);
        }
        writer.add_document(doc)?;
        // The old group's stories that the new story heads and matches stay.
        let heads = canonical && cluster == id;
        members.retain(|m| {
            !(heads && matches!((&signature, &m.signature), (Some(a), Some(b)) if a.matches(b)))
        });
        if members.is_empty() {
            return Ok(0);
        }
        self.elect(writer, schema, members)?;
        Ok(1)
    }

    /// The stories of the index in group `key` (other than its canonical story), in index
    /// order, but those written since the index was read or in a file deleted since: those
    /// are grouped where they are written again (a story written since that joined the group
    /// is noted in `joined` instead).
    fn members(&self, schema: &NewsSchema, key: u64) -> Result<Vec<Member>> {
        let Some(searcher) = &self.index else {
            return Ok(Vec::new());
        };
        let term = Term::from_field_u64(schema.cluster_member, key);
        let mut members = Vec::new();
        for address in postings(searcher, &term)? {
            let member = read_member(searcher, schema, address)?;
            let path = member.article.origin.as_ref().map(|o| o.path.as_str());
            if self.written.contains(&id_hash(&member.article.id))
                || path.is_some_and(|p| self.deleted_files.contains(p))
            {
                continue;
            }
            members.push(member);
        }
        Ok(members)
    }

    /// Groups `members` (stories of one group whose canonical story went, in index order)
    /// among themselves and writes them again: the first is canonical, each next one joins
    /// the most similar canonical story elected so far that it matches, or is canonical
    /// itself. The new canonical stories go to the table, so later copies find them.
    fn elect(
        &mut self,
        writer: &NewsWriter,
        schema: &NewsSchema,
        members: Vec<Member>,
    ) -> Result<()> {
        let mut elected: Vec<(String, Option<Signature>)> = Vec::new();
        for member in members {
            let best = member.signature.as_ref().and_then(|mine| {
                elected
                    .iter()
                    .filter_map(|(id, theirs)| {
                        let theirs = theirs.as_ref()?;
                        mine.matches(theirs).then(|| (mine.similarity(theirs), id))
                    })
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                    .map(|(_, id)| id.clone())
            });
            let id = member.article.id.clone();
            let mut doc = schema.to_document(&member.article);
            let (cluster, canonical) = match best {
                Some(cluster) => (cluster, false),
                None => {
                    self.add_canonical(&id, member.signature.as_ref());
                    elected.push((id.clone(), member.signature.clone()));
                    (id.clone(), true)
                }
            };
            schema.add_group(&mut doc, &cluster, member.signature.as_ref(), canonical);
            if !canonical {
                self.joined.insert(cluster_key(&cluster));
            }
            if self.index.is_some() {
                self.written.insert(id_hash(&id));
            }
            writer.delete_story(&id);
            writer.add_document(doc)?;
        }
        Ok(())
    }

    /// The group of story `id` with signature `signature`: (`cluster`, is canonical). A story
    /// without a signature (too short) is a group of its own.
    fn assign(&mut self, id: &str, signature: Option<&Signature>) -> Result<(String, bool)> {
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
        self.add_canonical(id, Some(signature));
        Ok((id.to_string(), true))
    }

    /// Puts canonical story `id` in the table (when it has a signature).
    fn add_canonical(&mut self, id: &str, signature: Option<&Signature>) {
        let Some(signature) = signature else { return };
        let slot = self.canonical.len() as u32;
        for key in signature.band_keys() {
            self.table.entry(key).or_insert(slot);
        }
        self.by_id.insert(id_hash(id), slot);
        self.bytes += CANONICAL_BYTES + id.len();
        self.canonical.push((id.to_string(), signature.clone()));
    }

    /// Story `id` is written again: the table's and the index's story of that id are no
    /// longer canonical stories to join.
    fn retire(&mut self, id: &str) {
        let hash = id_hash(id);
        self.replaced_heads.remove(&hash);
        if let Some(slot) = self.by_id.remove(&hash) {
            self.canonical[slot as usize].0.clear();
        }
        if self.index.is_some() {
            self.written.insert(hash);
        }
    }

    /// The most similar matching canonical story of the table, other than `id` itself.
    fn in_table(&self, id: &str, signature: &Signature, keys: &[u64; BANDS]) -> Option<String> {
        let mut best: Option<(f32, u32)> = None;
        for key in keys {
            let Some(&slot) = self.table.get(key) else {
                continue;
            };
            let (other, theirs) = &self.canonical[slot as usize];
            if other.is_empty()
                || other == id
                || best.is_some_and(|(_, s)| s == slot)
                || !signature.matches(theirs)
            {
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
    /// other than `id` itself (an earlier copy of the same story, written again) and than
    /// stories the run replaced or deleted since: its id.
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
                found.stored = Some((
                    text("id").unwrap_or_default(),
                    text("path").unwrap_or_default(),
                ));
            }
            if let Some((other, path)) = &found.stored {
                // A canonical story of the index is its own cluster.
                if other != id
                    && !self.written.contains(&id_hash(other))
                    && !self.deleted_files.contains(path)
                {
                    return Ok(Some(other.clone()));
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
    /// also looked up in `index`, which shows everything written so far.
    pub(crate) fn committed(&mut self, index: Searcher) {
        self.table = HashMap::default();
        self.canonical = Vec::new();
        self.by_id = HashMap::default();
        self.bytes = 0;
        self.index = Some(index);
        self.written = HashSet::default();
        self.deleted_files = HashSet::default();
        self.joined = HashSet::default();
    }
}

/// The live documents of the index holding `term` (an indexed field), in index order.
pub(crate) fn postings(searcher: &Searcher, term: &Term) -> Result<Vec<DocAddress>> {
    use tantivy::{DocSet, TERMINATED};
    let mut out = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let inverted = segment.inverted_index(term.field())?;
        let postings = inverted.read_postings(term, IndexRecordOption::Basic);
        let Some(mut postings) = postings.map_err(tantivy::TantivyError::from)? else {
            continue;
        };
        let alive = segment.alive_bitset();
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                out.push(DocAddress::new(ord as u32, doc));
            }
            doc = postings.advance();
        }
    }
    Ok(out)
}

/// The first text of `field` in a stored document (empty without one).
fn stored_text(doc: &TantivyDocument, field: tantivy::schema::Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

/// A story of the index read back: its article from the store, its signature from `dup_sig`.
fn read_member(searcher: &Searcher, schema: &NewsSchema, address: DocAddress) -> Result<Member> {
    let doc: TantivyDocument = searcher.doc(address)?;
    let signature = stored_signature(searcher, address)?;
    Ok(Member {
        article: schema.to_article(&doc),
        signature,
    })
}

/// The signature of the story at `address`, from `dup_sig` (`None` for a story too short to
/// have one).
fn stored_signature(searcher: &Searcher, address: DocAddress) -> Result<Option<Signature>> {
    let segment = searcher.segment_reader(address.segment_ord);
    let Some(column) = segment.fast_fields().bytes("dup_sig")? else {
        return Ok(None);
    };
    let Some(ord) = column.ords().first(address.doc_id) else {
        return Ok(None);
    };
    let mut bytes = Vec::new();
    if !column
        .ord_to_bytes(ord, &mut bytes)
        .map_err(tantivy::TantivyError::from)?
    {
        return Ok(None);
    }
    Ok(Signature::from_bytes(&bytes).map(|(s, _)| s))
}

/// Elects new canonical stories for each group whose canonical story is among `gone` (the
/// paths of pruned files, whose stories are being deleted): its other stories, but those of
/// gone files, are grouped among themselves ([`Groups::elect`]) and written again, in the
/// same commit as the deletes. Returns the number of groups that got a new canonical story.
pub(crate) fn reelect(
    groups: &mut Groups,
    schema: &NewsSchema,
    writer: &NewsWriter,
    gone: &HashSet<String>,
) -> Result<usize> {
    for path in gone {
        groups.file_deleted(path);
    }
    let Some(searcher) = groups.index.clone() else {
        return Ok(0);
    };
    // The canonical stories of the gone files that head other stories.
    let mut keys = Vec::new();
    for path in gone {
        keys.extend(
            heads_with_members(&searcher, schema, path)?
                .into_iter()
                .map(|(_, key)| key),
        );
    }
    groups.elect_groups(writer, schema, keys)
}

/// The canonical stories of the index from the file at `path` whose group has other
/// stories: their ids and [`cluster_key`]s. Only a story whose `cluster_key` has a
/// `cluster_member` posting costs a read of the stored story.
fn heads_with_members(
    searcher: &Searcher,
    schema: &NewsSchema,
    path: &str,
) -> Result<Vec<(String, u64)>> {
    let mut heads = Vec::new();
    for address in postings(searcher, &Term::from_field_text(schema.path, path))? {
        let segment = searcher.segment_reader(address.segment_ord);
        let Some(key) = segment
            .fast_fields()
            .u64("cluster_key")
            .ok()
            .and_then(|c| c.first(address.doc_id))
        else {
            continue;
        };
        if searcher.doc_freq(&Term::from_field_u64(schema.cluster_member, key))? == 0 {
            continue;
        }
        let doc: TantivyDocument = searcher.doc(address)?;
        let (id, cluster) = (
            stored_text(&doc, schema.id),
            stored_text(&doc, schema.cluster),
        );
        if !id.is_empty() && id == cluster {
            heads.push((id, key));
        }
    }
    Ok(heads)
}
