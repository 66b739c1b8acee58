//! Co-mentions: the actors and countries most over-represented in the matching stories
//! against the whole archive, scored with JLH (Elasticsearch's `significant_terms` default).

use std::collections::HashMap;

use newsidx_core::NewsSchema;
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

/// Scores the actor and country counts of the matches (`total` stories) against the archive,
/// leaving out the filtered values, and keeps the `k` best of each.
#[allow(clippy::too_many_arguments)]
pub(crate) fn co_mentions(
    searcher: &Searcher,
    schema: &NewsSchema,
    actors: &HashMap<String, u64>,
    countries: &HashMap<String, u64>,
    total: u64,
    filters: &AppliedFilters,
    k: usize,
    country_label: impl Fn(&str) -> String,
) -> Result<CoMentions> {
    let stories = searcher.num_docs();
    let score = |field: Field,
                 counts: &HashMap<String, u64>,
                 exclude: &[String],
                 label: &dyn Fn(&str) -> String|
     -> Result<Vec<CoMention>> {
        let mut out = Vec::new();
        for (value, &count) in counts {
            if count < MIN_COUNT || exclude.contains(value) {
                continue;
            }
            let background = searcher
                .doc_freq(&Term::from_field_text(field, value))?
                .max(count);
            let score = jlh(count, total, background, stories);
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
    };
    let mut excluded_actors = filters.actor.clone();
    excluded_actors.extend(filters.person.iter().cloned());
    excluded_actors.extend(filters.organisation.iter().cloned());
    Ok(CoMentions {
        actor: score(schema.actors, actors, &excluded_actors, &|v| v.to_string())?,
        country: score(
            schema.countries,
            countries,
            &filters.country,
            &country_label,
        )?,
    })
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
