//! Co-mentions: the actors and countries most over-represented in the matching stories
//! against the whole archive, scored with JLH (Elasticsearch's `significant_terms` default).

use std::collections::HashMap;

use newsidx_core::dimension::Values;
use newsidx_core::{ByDimension, Dimension, NewsSchema};
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use crate::error::Result;
use crate::response::{AppliedFilters, CoMention, CoMentions};

/// Fewest matching stories a value needs to be listed: one story proves no association.
pub const MIN_COUNT: u64 = 2;

/// The JLH score of a value found in `count` of `total` matching stories and in `background`
/// of `stories` stories: `(fg - bg) * (fg / bg)` with `fg = count / total` and
/// `bg = background / stories`; 0 when the value is no more frequent in the matches.
///
/// ```
/// use newsidx_query::comention::jlh;
/// // In 8 of 10 matches but 10 of 1,000 stories: strongly over-represented.
/// assert!(jlh(8, 10, 10, 1000) > 50.0);
/// // As frequent in the matches as everywhere: not significant.
/// assert_eq!(jlh(1, 10, 100, 1000), 0.0);
/// ```
pub fn jlh(count: u64, total: u64, background: u64, stories: u64) -> f64 {
    if total == 0 || background == 0 || stories == 0 {
        return 0.0;
    }
    let fg = count as f64 / total as f64;
    let bg = background as f64 / stories as f64;
    if fg <= bg {
        0.0
    } else {
        (fg - bg) * (fg / bg)
    }
}

/// Scores the counts of each of [`CoMentions::DIMENSIONS`] in the matches (`total` stories) against the
/// archive, leaving out the filtered values (of the dimension and of those within it: a
/// filtered person is not listed as a co-mentioned actor), and keeps the `k` best of each.
pub(crate) fn co_mentions(
    searcher: &Searcher,
    schema: &NewsSchema,
    counts: &ByDimension<HashMap<String, u64>>,
    total: u64,
    filters: &AppliedFilters,
    k: usize,
    country_label: impl Fn(&str) -> String,
) -> Result<CoMentions> {
    let mut lists = ByDimension::default();
    for dimension in CoMentions::DIMENSIONS {
        let excluded: Vec<&String> = Dimension::ALL
            .into_iter()
            .filter(|d| *d == dimension || d.within() == Some(dimension))
            .flat_map(|d| &filters[d])
            .collect();
        let label = |v: &str| match dimension.values() {
            Values::CountryCode => country_label(v),
            _ => v.to_string(),
        };
        let scorer = Scorer {
            searcher,
            field: dimension.field(schema),
            total,
            stories: searcher.num_docs(),
        };
        lists[dimension] = scorer.best(&counts[dimension], &excluded, &label, k)?;
    }
    Ok(CoMentions::new(lists))
}

/// Scores the values of one field against the archive.
struct Scorer<'a> {
    searcher: &'a Searcher,
    field: Field,
    /// Matching stories.
    total: u64,
    /// Stories of the archive.
    stories: u64,
}

impl Scorer<'_> {
    /// The `k` values of `counts` with the highest JLH, at least [`MIN_COUNT`] stories each,
    /// leaving out `exclude`.
    fn best(
        &self,
        counts: &HashMap<String, u64>,
        exclude: &[&String],
        label: &dyn Fn(&str) -> String,
        k: usize,
    ) -> Result<Vec<CoMention>> {
        let mut out = Vec::new();
        for (value, &count) in counts {
            if count < MIN_COUNT || exclude.contains(&value) {
                continue;
            }
            let background = self
                .searcher
                .doc_freq(&Term::from_field_text(self.field, value))?
                .max(count);
            let score = jlh(count, self.total, background, self.stories);
            if score > 0.0 {
                out.push(CoMention {
                    value: value.clone(),
                    label: label(value),
                    count,
                    background,
                    score,
                });
            }
        }
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.value.cmp(&b.value)));
        out.truncate(k);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jlh_ranks_rare_frequent_values_first() {
        let rare = jlh(5, 10, 5, 1000);
        let common = jlh(9, 10, 800, 1000);
        assert!(rare > common, "{rare} {common}");
        assert_eq!(jlh(0, 0, 1, 1), 0.0);
        assert_eq!(jlh(5, 10, 600, 1000), 0.0);
    }
}
