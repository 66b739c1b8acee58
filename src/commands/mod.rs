//! One module per subcommand.

pub mod extract;
pub mod index;
pub mod related;
pub mod search;
pub mod stats;

/// Facet values on one line: `ML Mali (26), Wagner Group (26)` (the label follows the value
/// where it differs, as a country's name follows its code).
pub fn facet_items(values: &[newsidx::FacetValue]) -> String {
    values
        .iter()
        .map(|v| {
            if v.label != v.value {
                format!("{} {} ({})", v.value, v.label, v.count)
            } else {
                format!("{} ({})", v.value, v.count)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}
