//! Reading a term's postings directly, for the counts a search would be too heavy for.

use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, SegmentReader, Term};

use crate::error::Result;

/// Calls `f` with each live story of `segment` that holds `term`, in order.
pub(crate) fn for_each_live(
    segment: &SegmentReader,
    term: &Term,
    mut f: impl FnMut(DocId),
) -> Result<()> {
    let inverted = segment.inverted_index(term.field())?;
    let Some(mut postings) = inverted
        .read_postings(term, IndexRecordOption::Basic)
        .map_err(tantivy::TantivyError::from)?
    else {
        return Ok(());
    };
    let mut doc = postings.doc();
    while doc != tantivy::TERMINATED {
        if !segment.is_deleted(doc) {
            f(doc);
        }
        doc = postings.advance();
    }
    Ok(())
}
