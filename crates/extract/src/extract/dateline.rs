//! Towns a dateline names that the gazetteer does not hold.
//!
//! The gazetteer's cities stop at 100,000 people, so "Hanau (dpa)" or "Bad Homburg (dpa)"
//! gives no country, though a dateline is the surest sign of where a story happens. Towns
//! of 15,000 to 99,999 people (`data/dateline-towns.tsv`, generated from GeoNames: one row a
//! name, names of towns in one country only, none that is a place of the gazetteer or a
//! common word) are read in the dateline only, and only when nothing else in the dateline
//! was recognised: running text never matches them. A dateline's town that the tagger read
//! as a person or organisation no list holds ("BOCA RATON, Fla.") is a place, of its
//! country when the table knows it.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::{Out, Part, Pass, Target};
use crate::extraction::{MentionKind, MentionSource};
use crate::gazetteer::ascii_fold;

use super::scoring::LOCATION_WEIGHT;
use super::tagging::GAZETTEER_CONFIDENCE;

const TOWNS: &str = include_str!("../../data/dateline-towns.tsv");

/// The town table by folded lower-case name, read on first use.
fn towns() -> &'static FxHashMap<&'static str, &'static str> {
    static TABLE: OnceLock<FxHashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        TOWNS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .filter(|(_, cc)| cc.len() == 2)
            .collect()
    })
}

/// The country of a town named `name` (any case and accents), when the table holds it.
pub(crate) fn town_country(name: &str) -> Option<&'static str> {
    towns()
        .get(ascii_fold(name).to_lowercase().as_str())
        .copied()
}

impl Pass<'_> {
    /// Adds the dateline's town as a location of its country when the dateline's first
    /// words are a town of the table and no mention lies in the dateline; makes the first
    /// mention in the dateline that place when it is the town read as a name no list holds.
    /// `kept` is sorted by start and stays so.
    pub(super) fn dateline_town(&self, kept: &mut Vec<Out>) {
        let Some(seg) = self.segments.iter().find(|s| s.part == Part::Dateline) else {
            return;
        };
        let line = &self.text[seg.start..seg.end];
        // The town is what comes before the agency, the date or the comma: "Hanau (dpa)",
        // "SALVADOR, Feb 26", "Offenbach/Main".
        let head_len = line
            .find(|c: char| matches!(c, ',' | '(' | '/' | ':' | '-' | '–') || c.is_ascii_digit())
            .unwrap_or(line.len());
        let head = line[..head_len].trim_end();
        let lead = line.len() - line.trim_start().len();
        let head = head.trim_start();
        if head.is_empty() || !head.starts_with(char::is_uppercase) || head.len() > 40 {
            return;
        }
        let start = seg.start + lead;
        let end = start + head.len();
        // The town read as a name no list holds ("BOCA RATON, Fla., March 3" as an
        // organisation): it is the place the story is filed from.
        if let Some(o) = kept
            .iter_mut()
            .find(|o| o.start < seg.end && seg.start < o.end)
        {
            if o.start == start
                && o.end == end
                && matches!(o.kind, MentionKind::Person | MentionKind::Organisation)
                && matches!(o.target, Target::Text(_))
            {
                o.kind = MentionKind::Location;
                o.counts = town_country(head).map(|cc| (cc.to_string(), LOCATION_WEIGHT));
            }
            return;
        }
        let Some(cc) = town_country(head) else {
            return;
        };
        let out = Out {
            start,
            end,
            kind: MentionKind::Location,
            target: Target::Text(head.to_string()),
            counts: Some((cc.to_string(), LOCATION_WEIGHT)),
            part: Part::Dateline,
            single: false,
            source: MentionSource::Gazetteer,
            confidence: GAZETTEER_CONFIDENCE,
            listed: true,
        };
        let at = kept.partition_point(|o| o.start < start);
        kept.insert(at, out);
    }
}

#[cfg(test)]
mod tests {
    use super::town_country;

    #[test]
    fn towns_below_the_gazetteer_floor_are_found_by_their_short_name() {
        assert_eq!(town_country("Hanau"), Some("DE"));
        assert_eq!(town_country("HANAU"), Some("DE"));
        // A city of the gazetteer and a common word are not in the table.
        assert_eq!(town_country("Frankfurt"), None);
        assert_eq!(town_country("Reading"), None);
        // A town whose name another country's city bears, if only as an alternate name, is
        // not in the table: "Nara" is a town in Mali and Nara-shi in Japan.
        assert_eq!(town_country("Nara"), None);
    }
}
