//! Near-duplicate signatures: one-permutation (densified) MinHash over word shingles.
//!
//! A story's title (its wire version prefix such as `UPDATE 1-` removed) and body are read
//! once as words (runs of letters and digits, ASCII lower-cased); each word is hashed once, and every run of
//! [`SHINGLE`] words gives a shingle hash from those word hashes (no string is built). The
//! shingle hashes fall into [`BINS`] bins by their top bits, each bin keeps its smallest value,
//! and empty bins borrow from the next full one (densification), so one pass over the words
//! gives the whole [`Signature`]. Two signatures agree in a bin with probability the Jaccard
//! similarity of the two shingle sets.
//!
//! Bins keep 15 bits (two random values agree by chance once in 32,768). In the index a
//! signature is [`VALUES`] numbers of a multi-valued u64 fast field ([`Signature::to_values`]):
//! plain columns, no terms, so it costs little to write.
//!
//! [`Signature::band_keys`] gives [`BANDS`] keys (LSH bands of [`ROWS`] bins); two stories
//! that share a key are candidates, and [`Signature::matches`] decides, with a stricter
//! similarity for short stories, so template stories (earnings tables of different companies,
//! market reports) whose numbers differ stay apart.

/// Bins of a signature.
pub const BINS: usize = 64;

/// Words per shingle.
pub const SHINGLE: usize = 3;

/// LSH bands, each a key over [`ROWS`] bins (the first `BANDS * ROWS` bins).
pub const BANDS: usize = 16;

/// Bins per band.
pub const ROWS: usize = 2;

/// Fewest distinct shingles a story needs for a signature: shorter stories are never grouped.
pub const MIN_SHINGLES: u32 = 8;

/// Numbers of [`Signature::to_values`]: four bins each, then the size.
pub const VALUES: usize = BINS / 4 + 1;

/// The bits of a bin.
const BIN_MASK: u16 = 0x7FFF;

/// Headline prefixes wires use for a new version of a story (compared ignoring case).
pub const VERSION_PREFIXES: &[&str] = &[
    "update",
    "corrected",
    "correction",
    "refile",
    "repeat",
    "urgent",
    "flash",
    "rpt",
];

/// A story's MinHash signature, with the number of shingles it was built from (repeats
/// included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    mins: [u16; BINS],
    shingles: u32,
}

impl Signature {
    /// The signature of a story's title and body, `None` when it has fewer than
    /// [`MIN_SHINGLES`] shingles.
    pub fn of(title: &str, body: &str) -> Option<Signature> {
        let mut mins = [u16::MAX; BINS];
        let mut filled = [false; BINS];
        let mut window = [0u64; SHINGLE];
        let mut words = 0usize;
        let mut shingles = 0u32;
        let mut add = |word: u64| {
            window.rotate_left(1);
            window[SHINGLE - 1] = word;
            words += 1;
            if words >= SHINGLE {
                let mut h = 0u64;
                for w in window {
                    h = (h.rotate_left(23) ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                }
                let h = mix(h);
                let bin = (h >> 58) as usize;
                mins[bin] = mins[bin].min(h as u16 & BIN_MASK);
                filled[bin] = true;
                shingles += 1;
            }
        };
        for text in [strip_version_prefix(title), body] {
            for_each_word(text, &mut add);
        }
        if shingles < MIN_SHINGLES {
            return None;
        }
        densify(&mut mins, &filled);
        Some(Signature { mins, shingles })
    }

    /// Estimated Jaccard similarity of the two stories' shingle sets: the share of bins that
    /// agree.
    pub fn similarity(&self, other: &Signature) -> f32 {
        let same = self
            .mins
            .iter()
            .zip(&other.mins)
            .filter(|(a, b)| a == b)
            .count();
        same as f32 / BINS as f32
    }

    /// Estimated share of the smaller story's shingles that the other holds (1.0 for a
    /// shortened copy), from the similarity and the two sizes.
    pub fn containment(&self, other: &Signature) -> f32 {
        let j = self.similarity(other);
        let (a, b) = (self.shingles as f32, other.shingles as f32);
        let common = j * (a + b) / (1.0 + j);
        (common / a.min(b)).min(1.0)
    }

    /// True when the two stories are copies of one story: similar enough over the whole
    /// text, or one holding nearly all of the other (a shortened version). Short stories
    /// (tables, briefs) must be more similar: few shingles are easily shared by templates.
    pub fn matches(&self, other: &Signature) -> bool {
        let j = self.similarity(other);
        let short = self.shingles.min(other.shingles) < 60;
        if short {
            return j >= 0.7;
        }
        j >= 0.5 || (j >= 0.3 && self.containment(other) >= 0.9)
    }

    /// The [`BANDS`] LSH keys: the band's number and its [`ROWS`] bins, side by side.
    pub fn band_keys(&self) -> [u64; BANDS] {
        let mut keys = [0u64; BANDS];
        for (band, key) in keys.iter_mut().enumerate() {
            *key = band_key(band, &self.mins[band * ROWS..(band + 1) * ROWS]);
        }
        keys
    }

    /// The signature as [`VALUES`] numbers, each tagged with its place in its top 4 bits (a
    /// multi-valued field may return them in any order): four bins each, then the size with
    /// `canonical` (the story heads its group) as bit 32.
    pub fn to_values(&self, canonical: bool) -> [u64; VALUES] {
        let mut values = [0u64; VALUES];
        for (i, value) in values.iter_mut().take(VALUES - 1).enumerate() {
            *value = (i as u64) << 60;
            for (j, &m) in self.mins[i * 4..i * 4 + 4].iter().enumerate() {
                *value |= u64::from(m) << (15 * j);
            }
        }
        values[VALUES - 1] =
            ((VALUES as u64 - 1) << 60) | (u64::from(canonical) << 32) | u64::from(self.shingles);
        values
    }

    /// Reads [`Signature::to_values`] back, in any order: the signature and whether the story
    /// was canonical when written; `None` unless every value is there.
    pub fn from_values(values: impl IntoIterator<Item = u64>) -> Option<(Signature, bool)> {
        let mut mins = [0u16; BINS];
        let (mut seen, mut shingles, mut canonical) = (0u32, 0, false);
        for value in values {
            let i = (value >> 60) as usize;
            if i == VALUES - 1 {
                shingles = value as u32;
                canonical = value >> 32 & 1 == 1;
            } else if i < VALUES - 1 {
                for j in 0..4 {
                    mins[i * 4 + j] = (value >> (15 * j)) as u16 & BIN_MASK;
                }
            } else {
                return None;
            }
            seen |= 1 << i;
        }
        (seen == (1 << VALUES) - 1).then_some((Signature { mins, shingles }, canonical))
    }

    /// The band keys of a signature read as [`Signature::to_values`], without reading it
    /// whole: each value of bins `4i..4i+4` holds bands `2i` and `2i+1` (when they are among
    /// the first [`BANDS`]); `keys` gets them.
    pub fn band_keys_of_value(value: u64, keys: &mut Vec<u64>) {
        let i = (value >> 60) as usize;
        if i * 2 >= BANDS {
            return;
        }
        let bins = [0, 1, 2, 3].map(|j| (value >> (15 * j)) as u16 & BIN_MASK);
        keys.push(band_key(i * 2, &bins[..2]));
        if i * 2 + 1 < BANDS {
            keys.push(band_key(i * 2 + 1, &bins[2..]));
        }
    }
}

/// The key of band `band` over its bins (15 bits each, [`ROWS`] of them).
fn band_key(band: usize, bins: &[u16]) -> u64 {
    bins.iter()
        .fold(band as u64, |key, &m| key << 15 | u64::from(m))
}

/// The headline without the prefixes wires put before a new version of a story: `UPDATE 1-`,
/// `UPDATE 2-`, `CORRECTED-`, `REFILE-`, `URGENT:` (any case, repeated: `REFILE-UPDATE 3-`).
pub fn strip_version_prefix(title: &str) -> &str {
    let mut rest = title.trim_start();
    'outer: loop {
        for prefix in VERSION_PREFIXES {
            let Some(head) = rest.get(..prefix.len()) else {
                continue;
            };
            if !head.eq_ignore_ascii_case(prefix) {
                continue;
            }
            let tail =
                rest[prefix.len()..].trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
            if let Some(after) = tail.strip_prefix(['-', ':']) {
                rest = after.trim_start();
                continue 'outer;
            }
        }
        return rest;
    }
}

/// Calls `f` with the hash of each word of `text`, hashed once as it is read: runs of ASCII
/// letters and digits (lower-cased) and of non-ASCII bytes (as they are).
fn for_each_word(text: &str, f: &mut impl FnMut(u64)) {
    const SEED: u64 = 0xCBF2_9CE4_8422_2325;
    let (mut h, mut in_word) = (SEED, false);
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || b >= 0x80 {
            h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01B3);
            in_word = true;
        } else if in_word {
            f(h);
            (h, in_word) = (SEED, false);
        }
    }
    if in_word {
        f(h);
    }
}

/// Fills each empty bin from the next full one (cyclically), shifted by the distance, so two
/// stories with the same full bins get the same values in the empty ones.
fn densify(mins: &mut [u16; BINS], filled: &[bool; BINS]) {
    if filled.iter().all(|&f| f) {
        return;
    }
    for i in 0..BINS {
        if filled[i] {
            continue;
        }
        let Some(d) = (1..BINS).find(|d| filled[(i + d) % BINS]) else {
            return;
        };
        let from = mins[(i + d) % BINS];
        mins[i] = (mix(u64::from(from) ^ ((d as u64) << 40)) >> 32) as u16 & BIN_MASK;
    }
}

/// A 64-bit finaliser (SplitMix64's).
fn mix(mut h: u64) -> u64 {
    h ^= h >> 30;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "The central bank raised its main interest rate by half a point on \
        Tuesday, the third increase this year, saying inflation had proved more stubborn \
        than expected. Economists had forecast a smaller move. The currency rose against the \
        dollar after the announcement, and bond yields climbed to their highest in a decade. \
        The governor told reporters the bank would act again if prices kept rising.";

    fn sig(title: &str, body: &str) -> Signature {
        Signature::of(title, body).unwrap()
    }

    #[test]
    fn version_prefixes_are_stripped() {
        assert_eq!(
            strip_version_prefix("UPDATE 1-Bank raises rates"),
            "Bank raises rates"
        );
        assert_eq!(strip_version_prefix("REFILE-UPDATE 3-Bank"), "Bank");
        assert_eq!(strip_version_prefix("CORRECTED-Bank"), "Bank");
        assert_eq!(strip_version_prefix("URGENT: Bank"), "Bank");
        assert_eq!(
            strip_version_prefix("Updated forecasts"),
            "Updated forecasts"
        );
        assert_eq!(strip_version_prefix("Über"), "Über");
    }

    #[test]
    fn an_update_with_a_prefix_and_a_new_paragraph_matches() {
        let first = sig("Bank raises rates", BODY);
        let update = sig(
            "UPDATE 1-Bank raises rates",
            &format!("{BODY}\n\nShares of banks fell two percent in early trade."),
        );
        assert!(first.matches(&update), "{}", first.similarity(&update));
        assert!(first.similarity(&update) > 0.7);
    }

    #[test]
    fn a_shortened_copy_matches_through_containment() {
        let full = sig("Bank raises rates", &format!("{BODY} {BODY2}"));
        let short = sig("Bank raises rates", BODY);
        assert!(full.containment(&short) > 0.85);
        assert!(full.matches(&short));
    }

    const BODY2: &str = "Opposition lawmakers criticised the decision, arguing that \
        households already squeezed by higher fuel and food bills would now face larger \
        mortgage payments. The finance ministry said it supported the bank's independence \
        and expected growth to slow only modestly next year, helped by exports.";

    #[test]
    fn different_stories_and_earnings_tables_do_not_match() {
        assert!(!sig("Bank raises rates", BODY).matches(&sig("Opposition", BODY2)));
        let a = sig(
            "ACME CORP 1ST QTR NET",
            "Shr 1.20 dlrs vs 1.10 dlrs Net 5,100,000 vs 4,300,000 Revs 40.2 mln vs 38.9 mln",
        );
        let b = sig(
            "WIDGET INC 1ST QTR NET",
            "Shr 45 cts vs 38 cts Net 2,050,000 vs 1,700,000 Revs 12.5 mln vs 11.1 mln",
        );
        assert!(!a.matches(&b), "{}", a.similarity(&b));
    }

    #[test]
    fn values_round_trip_in_any_order_and_short_stories_have_none() {
        let s = sig("Bank raises rates", BODY);
        let mut values = s.to_values(true);
        values.reverse();
        assert_eq!(Signature::from_values(values), Some((s.clone(), true)));
        assert_eq!(Signature::from_values(values[1..].iter().copied()), None);
        let mut keys = Vec::new();
        for value in values {
            Signature::band_keys_of_value(value, &mut keys);
        }
        keys.sort_unstable();
        let mut expected = s.band_keys();
        expected.sort_unstable();
        assert_eq!(keys, expected);
        assert_eq!(Signature::of("Brief", "Two words"), None);
        assert_eq!(s.band_keys(), sig("Bank raises rates", BODY).band_keys());
    }
}
