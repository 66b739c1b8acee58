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
//! Beside it, a smaller signature of the story's numbers ([`NUMBER_BINS`] bins over its
//! words of digits) tells apart stories of one template whose figures differ: weekly
//! reports, bond issues, contract awards.
//!
//! Bins keep 14 bits (two random values agree by chance once in 16,384). In the index a
//! signature is one value of a bytes fast field, [`BYTES`] long ([`Signature::to_bytes`]):
//! no terms, so it costs little to write, and one value a story, so merges stay small (21
//! values a story of a multi-valued u64 column had doubled the peak memory of a million-story
//! run).
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

/// Below this many shingles (about 100 words) a story is short: a table, a brief, a
/// dividend notice. Templates of those share most words, so two short stories match only
/// from [`SHORT_SIMILARITY`] (a short story and a longer one by the usual rule: a
/// shortened copy).
pub const SHORT_SHINGLES: u32 = 100;

/// The similarity two stories need when one is short (see [`SHORT_SHINGLES`]).
pub const SHORT_SIMILARITY: f32 = 0.9;

/// Hashes kept of a story's numbers (its words of digits): the smallest (a bottom-k sketch),
/// so a story with that many distinct numbers or fewer keeps them all.
pub const NUMBER_BINS: usize = 16;

/// Numbers a story needs before they are compared: stories with fewer are told apart by
/// their words only.
pub const MIN_NUMBERS: u32 = 3;

/// The share of the numbers of the story with fewer that the other must hold: market
/// reports, weekly figures and bond issues of one template differ in their numbers.
pub const NUMBER_CONTAINMENT: f32 = 0.5;

/// Bytes of [`Signature::to_bytes`]: the canonical mark, the bins of the words' and of the
/// numbers' signatures packed 14 bits each, then the shingles and numbers (u32,
/// little-endian).
pub const BYTES: usize = 1 + (BINS + NUMBER_BINS) * BIN_BITS / 8 + 8;

/// The bits of a bin.
const BIN_BITS: usize = 14;

/// A bin's value: [`BIN_BITS`] bits.
const BIN_MASK: u16 = (1 << BIN_BITS) - 1;

/// An empty place of the numbers' sketch (no number hashes to it).
const NO_NUMBER: u16 = BIN_MASK;

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
    /// The signature of the story's numbers, and how many it has (repeats included).
    number_mins: [u16; NUMBER_BINS],
    numbers: u32,
}

impl Signature {
    /// The signature of a story's title and body, `None` when it has fewer than
    /// [`MIN_SHINGLES`] shingles.
    pub fn of(title: &str, body: &str) -> Option<Signature> {
        let mut mins = [u16::MAX; BINS];
        let (mut w1, mut w2) = (0u64, 0u64);
        let mut words = 0usize;
        let mut shingles = 0u32;
        let mut number_mins = [NO_NUMBER; NUMBER_BINS];
        let mut numbers = 0u32;
        let mut add = |word: u64, number: bool| {
            if number {
                // Below NO_NUMBER: the top bits of the mixed hash, never the sentinel.
                let h = ((mix(word) >> 50) as u16).min(NO_NUMBER - 1);
                if h < number_mins[NUMBER_BINS - 1] {
                    keep_smallest(&mut number_mins, h);
                }
                numbers += 1;
            }
            // The shingle of the last three words: their (mixed) hashes rotated apart, so
            // that order counts, then one multiply; the bin from the top bits.
            let word = word.wrapping_mul(0x9E37_79B9_7F4A_7C15);
            words += 1;
            if words >= SHINGLE {
                let mut h = (w1.rotate_left(42) ^ w2.rotate_left(21) ^ word)
                    .wrapping_mul(0xD6E8_FEB8_6659_FD93);
                h ^= h >> 32;
                let bin = (h >> 58) as usize;
                mins[bin] = mins[bin].min(h as u16 & BIN_MASK);
                shingles += 1;
            }
            (w1, w2) = (w2, word);
        };
        for text in [strip_version_prefix(title), body] {
            for_each_word(text, &mut add);
        }
        if shingles < MIN_SHINGLES {
            return None;
        }
        densify(&mut mins);
        Some(Signature {
            mins,
            shingles,
            number_mins,
            numbers,
        })
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

    /// Share of the distinct numbers of the story with fewer that the other holds: exact
    /// when both have at most [`NUMBER_BINS`], else estimated from the smallest hashes of
    /// the two together.
    pub fn number_containment(&self, other: &Signature) -> f32 {
        let kept = |m: &[u16; NUMBER_BINS]| m.iter().filter(|&&h| h != NO_NUMBER).count();
        let (a, b) = (kept(&self.number_mins), kept(&other.number_mins));
        if a.min(b) == 0 {
            return 0.0;
        }
        let both = |h: &u16| other.number_mins.contains(h);
        if a < NUMBER_BINS && b < NUMBER_BINS {
            let common = self.number_mins[..a].iter().filter(|h| both(h)).count();
            return common as f32 / a.min(b) as f32;
        }
        let mut union: Vec<u16> = self.number_mins[..a]
            .iter()
            .chain(&other.number_mins[..b])
            .copied()
            .collect();
        union.sort_unstable();
        union.dedup();
        union.truncate(NUMBER_BINS);
        let in_both = union
            .iter()
            .filter(|h| self.number_mins.contains(h) && both(h))
            .count();
        let j = in_both as f32 / union.len() as f32;
        let (a, b) = (self.numbers as f32, other.numbers as f32);
        (j * (a + b) / (1.0 + j) / a.min(b).max(1.0)).min(1.0)
    }

    /// True when the two stories are copies of one story: not differing in their numbers
    /// (when both have [`MIN_NUMBERS`]: [`NUMBER_CONTAINMENT`]), and similar enough over the
    /// whole text, or one holding nearly all of the other (a shortened version). Two short stories
    /// (tables, briefs: both under [`SHORT_SHINGLES`]) must be more similar: few shingles
    /// are easily shared by templates.
    pub fn matches(&self, other: &Signature) -> bool {
        let j = self.similarity(other);
        if self.numbers.min(other.numbers) >= MIN_NUMBERS
            && self.number_containment(other) < NUMBER_CONTAINMENT
        {
            return false;
        }
        if self.shingles.max(other.shingles) < SHORT_SHINGLES {
            return j >= SHORT_SIMILARITY;
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

    /// The signature as [`BYTES`] bytes, marked as the signature of a story that heads its
    /// group when `canonical` (later copies look for canonical stories only).
    pub fn to_bytes(&self, canonical: bool) -> [u8; BYTES] {
        let mut bytes = [0u8; BYTES];
        bytes[0] = u8::from(canonical);
        let (mut acc, mut bits, mut at) = (0u64, 0, 1);
        for &bin in self.mins.iter().chain(&self.number_mins) {
            acc |= u64::from(bin & BIN_MASK) << bits;
            bits += BIN_BITS;
            while bits >= 8 {
                bytes[at] = acc as u8;
                (acc, bits, at) = (acc >> 8, bits - 8, at + 1);
            }
        }
        bytes[at..at + 4].copy_from_slice(&self.shingles.to_le_bytes());
        bytes[at + 4..at + 8].copy_from_slice(&self.numbers.to_le_bytes());
        bytes
    }

    /// Reads [`Signature::to_bytes`] back: the signature and whether it was marked canonical;
    /// `None` for bytes of another length or mark.
    pub fn from_bytes(bytes: &[u8]) -> Option<(Signature, bool)> {
        if bytes.len() != BYTES || bytes[0] > 1 {
            return None;
        }
        let mut signature = Signature {
            mins: [0; BINS],
            shingles: 0,
            number_mins: [0; NUMBER_BINS],
            numbers: 0,
        };
        let mut bins = Bins::new(bytes);
        for bin in signature.mins.iter_mut().chain(&mut signature.number_mins) {
            *bin = bins.next_bin();
        }
        let at = BYTES - 8;
        signature.shingles = u32::from_le_bytes(bytes[at..at + 4].try_into().ok()?);
        signature.numbers = u32::from_le_bytes(bytes[at + 4..].try_into().ok()?);
        Some((signature, bytes[0] == 1))
    }

    /// The band keys of a signature read as [`Signature::to_bytes`], without reading the rest
    /// of it, and whether it was marked canonical; `None` for bytes of another length.
    pub fn band_keys_of_bytes(bytes: &[u8]) -> Option<([u64; BANDS], bool)> {
        if bytes.len() != BYTES {
            return None;
        }
        let mut bins = Bins::new(bytes);
        let mut keys = [0u64; BANDS];
        for (band, key) in keys.iter_mut().enumerate() {
            let mut rows = [0u16; ROWS];
            for row in &mut rows {
                *row = bins.next_bin();
            }
            *key = band_key(band, &rows);
        }
        Some((keys, bytes[0] == 1))
    }
}

/// The bins of [`Signature::to_bytes`], read in order.
struct Bins<'a> {
    bytes: &'a [u8],
    at: usize,
    acc: u64,
    bits: usize,
}

impl<'a> Bins<'a> {
    fn new(bytes: &'a [u8]) -> Bins<'a> {
        Bins {
            bytes,
            at: 1,
            acc: 0,
            bits: 0,
        }
    }

    fn next_bin(&mut self) -> u16 {
        while self.bits < BIN_BITS {
            self.acc |= u64::from(self.bytes[self.at]) << self.bits;
            self.at += 1;
            self.bits += 8;
        }
        let bin = self.acc as u16 & BIN_MASK;
        self.acc >>= BIN_BITS;
        self.bits -= BIN_BITS;
        bin
    }
}

/// The key of band `band` over its bins ([`BIN_BITS`] each, [`ROWS`] of them).
fn band_key(band: usize, bins: &[u16]) -> u64 {
    bins.iter()
        .fold(band as u64, |key, &m| key << BIN_BITS | u64::from(m))
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

/// Calls `f` with the hash of each word of `text`, hashed once as it is read (runs of ASCII
/// letters and digits, lower-cased, and of non-ASCII bytes, as they are; a number with its
/// inner `.`, `,` and `/`), and whether the word is a number.
fn for_each_word(text: &str, f: &mut impl FnMut(u64, bool)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Separators, then one word in a tight loop: rotate and xor, no multiply per byte
        // (the word's hash is mixed once, whole, by the caller).
        while i < bytes.len() && WORD_BYTES[usize::from(bytes[i])] == 0 {
            i += 1;
        }
        if i == bytes.len() {
            return;
        }
        let (mut h, mut digits) = (0xCBF2_9CE4_8422_2325u64, true);
        while let Some(&b) = bytes.get(i) {
            let lower = WORD_BYTES[usize::from(b)];
            if lower == 0 {
                // A number keeps its separators: "1,337", "8.25", "3/4" are one word each.
                let inside_number = digits
                    && matches!(b, b'.' | b',' | b'/')
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
                if !inside_number {
                    break;
                }
            }
            h = h.rotate_left(5) ^ u64::from(if lower == 0 { b } else { lower });
            digits &= b.is_ascii_digit() || lower == 0;
            i += 1;
        }
        f(h, digits);
    }
}

/// The bytes of words, lower-cased (ASCII letters and digits, and the bytes of non-ASCII
/// characters as they are); 0 for the rest.
const WORD_BYTES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() || byte >= 0x80 {
            table[b] = byte.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// Fills each empty bin (`u16::MAX`) from the next full one (cyclically), shifted by the
/// distance, so two stories with the same full bins get the same values in the empty ones.
/// One pass backwards from the last full bin.
fn densify(mins: &mut [u16; BINS]) {
    let Some(last) = mins.iter().rposition(|&m| m != u16::MAX) else {
        return;
    };
    let (mut from, mut d) = (mins[last], 0u64);
    for step in 1..BINS {
        let i = (last + BINS - step) % BINS;
        if mins[i] == u16::MAX {
            d += 1;
            mins[i] = (mix(u64::from(from) ^ (d << 40)) >> 32) as u16 & BIN_MASK;
        } else {
            (from, d) = (mins[i], 0);
        }
    }
}

/// Keeps `h` among the smallest distinct values of the sorted `mins` ([`NO_NUMBER`]: empty).
fn keep_smallest(mins: &mut [u16; NUMBER_BINS], h: u16) {
    let at = mins.partition_point(|&m| m < h);
    if at < NUMBER_BINS && mins[at] != h {
        mins[at..].rotate_right(1);
        mins[at] = h;
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
    fn an_update_with_a_prefix_and_a_new_paragraph_matches_unless_both_are_short() {
        let first = sig("Bank raises rates", &format!("{BODY} {BODY2}"));
        let update = sig(
            "UPDATE 1-Bank raises rates",
            &format!("{BODY} {BODY2}\n\nShares of banks fell two percent in early trade."),
        );
        assert!(first.matches(&update), "{}", first.similarity(&update));
        assert!(first.similarity(&update) > 0.7);
        // Under 100 shingles both, a brief with a paragraph added is another brief.
        let brief = sig("Bank raises rates", BODY);
        let longer = sig(
            "Bank raises rates",
            &format!("{BODY} Shares of banks fell two percent in early trade, led by lenders."),
        );
        assert!(brief.similarity(&longer) < SHORT_SIMILARITY);
        assert!(!brief.matches(&longer));
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
    fn weekly_reports_of_one_template_differ_in_their_numbers() {
        let week = |a: &str, b: &str, c: &str| {
            format!(
                "Distillate fuel stocks held in primary storage fell by {a} mln barrels in the \
                 week ended Friday to {b} mln barrels, the Energy Information Administration \
                 said in its weekly petroleum status report. The department said gasoline \
                 stocks fell {c} mln barrels in the week, and refinery crude oil stocks rose. \
                 The agency said residual fuel stocks fell and crude runs to stills averaged \
                 slightly less per day in the week, while refinery use of capacity was lower \
                 than the week before, the agency said in Washington on Wednesday afternoon."
            )
        };
        let one = sig("EIA says stocks off", &week("3.4", "128.3", "2.1"));
        let same = sig("UPDATE 1-EIA says stocks off", &week("3.4", "128.3", "2.1"));
        let other = sig("EIA says stocks off", &week("8.8", "119.5", "0.6"));
        assert!(one.matches(&same));
        assert!(one.similarity(&other) > 0.5, "{}", one.similarity(&other));
        assert!(one.number_containment(&other) < 0.5);
        assert!(!one.matches(&other));
    }

    #[test]
    fn bytes_round_trip_with_the_mark_and_short_stories_have_none() {
        let s = sig("Bank raises rates", BODY);
        let plain = s.to_bytes(false);
        assert_eq!(Signature::from_bytes(&plain), Some((s.clone(), false)));
        let marked = s.to_bytes(true);
        assert_eq!(Signature::from_bytes(&marked), Some((s.clone(), true)));
        assert_ne!(plain, marked);
        assert_eq!(Signature::from_bytes(&plain[..BYTES - 1]), None);
        assert_eq!(
            Signature::band_keys_of_bytes(&marked),
            Some((s.band_keys(), true))
        );
        let other = sig("Oil prices fall", "Crude oil prices fell sharply on Monday as traders in London and New York sold ahead of the meeting of producers in Vienna next week.");
        assert_ne!(
            Signature::from_bytes(&other.to_bytes(false)).map(|x| x.0),
            Some(s.clone())
        );
        assert_eq!(
            Signature::from_bytes(&other.to_bytes(false)),
            Some((other, false))
        );
        assert_eq!(Signature::of("Brief", "Two words"), None);
        assert_eq!(s.band_keys(), sig("Bank raises rates", BODY).band_keys());
    }
}
