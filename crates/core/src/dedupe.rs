//! Near-duplicate signatures: one-permutation (densified) MinHash over word shingles.
//!
//! A story's title (its wire version prefix such as `UPDATE 1-` removed) and body are read
//! once as lower-case words of letters and digits; each word is hashed once, and every run of
//! [`SHINGLE`] words gives a shingle hash from those word hashes (no string is built). The
//! shingle hashes fall into [`BINS`] bins by their top bits, each bin keeps its smallest value,
//! and empty bins borrow from the next full one (densification), so one pass over the words
//! gives the whole [`Signature`]. Two signatures agree in a bin with probability the Jaccard
//! similarity of the two shingle sets.
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

/// Bytes of [`Signature::to_bytes`].
pub const SIGNATURE_BYTES: usize = BINS * 4 + 4;

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
    mins: [u32; BINS],
    shingles: u32,
}

impl Signature {
    /// The signature of a story's title and body, `None` when it has fewer than
    /// [`MIN_SHINGLES`] shingles.
    pub fn of(title: &str, body: &str) -> Option<Signature> {
        let mut mins = [u32::MAX; BINS];
        let mut filled = [false; BINS];
        let mut window = [0u64; SHINGLE];
        let mut words = 0usize;
        let mut shingles = 0u32;
        for text in [strip_version_prefix(title), body] {
            for word in words_of(text) {
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
                    mins[bin] = mins[bin].min(h as u32);
                    filled[bin] = true;
                    shingles += 1;
                }
            }
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

    /// The [`BANDS`] LSH keys: bands of [`ROWS`] bins each, hashed with their band number.
    pub fn band_keys(&self) -> [u64; BANDS] {
        let mut keys = [0u64; BANDS];
        for (band, key) in keys.iter_mut().enumerate() {
            let mut h = band as u64 + 1;
            for &m in &self.mins[band * ROWS..(band + 1) * ROWS] {
                h = mix(h ^ u64::from(m).wrapping_mul(0xC2B2_AE3D_27D4_EB4F));
            }
            *key = h;
        }
        keys
    }

    /// The signature as [`SIGNATURE_BYTES`] little-endian bytes (bins, then the size).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(SIGNATURE_BYTES);
        for m in self.mins {
            out.extend_from_slice(&m.to_le_bytes());
        }
        out.extend_from_slice(&self.shingles.to_le_bytes());
        out
    }

    /// Reads [`Signature::to_bytes`] back; `None` for bytes of another length.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != SIGNATURE_BYTES {
            return None;
        }
        let mut mins = [0u32; BINS];
        let mut words = bytes.chunks_exact(4).map(|c| {
            let mut b = [0u8; 4];
            b.copy_from_slice(c);
            u32::from_le_bytes(b)
        });
        for (m, w) in mins.iter_mut().zip(words.by_ref()) {
            *m = w;
        }
        let shingles = words.next()?;
        Some(Signature { mins, shingles })
    }
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

/// The hash of each lower-case word (runs of letters and digits) of `text`, hashed once.
fn words_of(text: &str) -> impl Iterator<Item = u64> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|word| {
            let mut h = 0xCBF2_9CE4_8422_2325u64;
            for c in word.chars().flat_map(char::to_lowercase) {
                h = (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01B3);
            }
            h
        })
}

/// Fills each empty bin from the next full one (cyclically), shifted by the distance, so two
/// stories with the same full bins get the same values in the empty ones.
fn densify(mins: &mut [u32; BINS], filled: &[bool; BINS]) {
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
        mins[i] = (mix(u64::from(from) ^ ((d as u64) << 40)) >> 32) as u32;
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
    fn bytes_round_trip_and_short_stories_have_none() {
        let s = sig("Bank raises rates", BODY);
        assert_eq!(Signature::from_bytes(&s.to_bytes()), Some(s.clone()));
        assert_eq!(Signature::from_bytes(&[1, 2, 3]), None);
        assert_eq!(Signature::of("Brief", "Two words"), None);
        assert_eq!(s.band_keys(), sig("Bank raises rates", BODY).band_keys());
    }
}
