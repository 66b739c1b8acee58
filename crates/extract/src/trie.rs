//! The matcher: a byte trie of the gazetteer's case-folded surface forms, walked anchored at
//! a word start to find the longest form that starts there.
//!
//! A plain prefix trie, with no links between branches: the extractor only ever matches
//! anchored at word starts (see `Pass::scan`), so a walk never has to resume inside another
//! pattern. Built in one pass over the sorted keys, then packed for the walk: a chain of
//! states with one way on and no pattern becomes one node with a label (a radix trie), and
//! each node is written as one record (pattern, label, edge bytes, edge targets) in one
//! byte buffer, in depth-first order, so a step reads one place in memory and a chain reads
//! on in the same cache line. A test checks it against the `aho-corasick` crate's anchored
//! leftmost-longest search, another against a plain search of the whole gazetteer.

/// No pattern ends at a node; no child at a byte.
const NONE: u32 = u32::MAX;

/// Longest label a packed node holds (its length is one byte).
const MAX_LABEL: usize = u8::MAX as usize;

/// Up to this many edges a step scans a node's edge bytes; beyond, it searches them.
const LINEAR_EDGES: usize = 8;

/// Bytes before a packed node's label: the pattern (4), the label length (1), the number of
/// edges (2), one spare.
const HEADER: usize = 8;

/// One state of the unpacked trie, as built.
#[derive(Debug, Clone, Copy)]
struct State {
    /// First edge in `edge_bytes`/`edge_targets`.
    first_edge: u32,
    /// Number of edges.
    edges: u32,
    /// The pattern that ends here, or [`NONE`].
    pattern: u32,
}

/// A byte trie of distinct patterns; pattern ids are their indices in the input slice.
///
/// A packed node at byte offset `o` of `nodes`: the pattern that ends at the node's end or
/// [`NONE`] (u32, little endian), the label's length `l` (u8), the number of edges `n`
/// (u16), a spare byte; then the `l` label bytes, which the text must go on with to reach
/// the node's end (the states inside a label have no pattern and one way on); then the `n`
/// edge bytes, sorted; then the `n` children's offsets (u32 each).
#[derive(Debug)]
pub(crate) struct Trie {
    /// The root's children by byte (`NONE` where there is none): the first step of every
    /// walk, taken at every word start, is one load.
    root: Box<[u32; 256]>,
    /// The pattern that is the empty key, or [`NONE`].
    root_pattern: u32,
    /// The packed nodes.
    nodes: Vec<u8>,
    /// Number of states of the unpacked trie (for tests).
    #[cfg(test)]
    states: usize,
}

impl Trie {
    /// Builds the trie of `keys`. Equal keys keep the lowest index.
    pub fn new(keys: &[String]) -> Trie {
        let (states, edge_bytes, edge_targets) = build_states(keys);
        let mut trie = Trie {
            root: Box::new([NONE; 256]),
            root_pattern: states[0].pattern,
            nodes: Vec::new(),
            #[cfg(test)]
            states: states.len(),
        };
        // Depth first: each entry is a state reached by an edge and where to write the
        // offset of its packed node (in `root`, or a target slot of `nodes`).
        enum Slot {
            Root(u8),
            At(usize),
        }
        let root = states[0];
        let mut stack: Vec<(u32, Slot)> = (root.first_edge..root.first_edge + root.edges)
            .rev()
            .map(|e| (edge_targets[e as usize], Slot::Root(edge_bytes[e as usize])))
            .collect();
        let mut label = Vec::new();
        while let Some((mut s, slot)) = stack.pop() {
            // Follow the chain of states with no pattern and one way on.
            label.clear();
            while label.len() < MAX_LABEL
                && states[s as usize].pattern == NONE
                && states[s as usize].edges == 1
            {
                let e = states[s as usize].first_edge as usize;
                label.push(edge_bytes[e]);
                s = edge_targets[e];
            }
            let at = trie.nodes.len() as u32;
            match slot {
                Slot::Root(b) => trie.root[b as usize] = at,
                Slot::At(i) => trie.nodes[i..i + 4].copy_from_slice(&at.to_le_bytes()),
            }
            let st = states[s as usize];
            let (lo, hi) = (st.first_edge as usize, (st.first_edge + st.edges) as usize);
            trie.nodes.extend_from_slice(&st.pattern.to_le_bytes());
            trie.nodes.push(label.len() as u8);
            trie.nodes
                .extend_from_slice(&(st.edges as u16).to_le_bytes());
            trie.nodes.push(0);
            trie.nodes.extend_from_slice(&label);
            trie.nodes.extend_from_slice(&edge_bytes[lo..hi]);
            let targets = trie.nodes.len();
            trie.nodes.resize(targets + 4 * (hi - lo), 0);
            for e in (lo..hi).rev() {
                stack.push((edge_targets[e], Slot::At(targets + 4 * (e - lo))));
            }
        }
        trie
    }

    /// The longest pattern that `text` starts with: its id and length in bytes.
    pub fn longest_prefix(&self, text: &[u8]) -> Option<(usize, usize)> {
        let (&first, _) = text.split_first()?;
        let mut best = (self.root_pattern != NONE).then_some((self.root_pattern as usize, 0));
        let mut at = self.root[first as usize];
        // Bytes of `text` read so far.
        let mut i = 1;
        let nodes = &self.nodes[..];
        while at != NONE {
            let o = at as usize;
            let head = &nodes[o..o + HEADER];
            let l = head[4] as usize;
            let n = u16::from_le_bytes([head[5], head[6]]) as usize;
            let (label, edges) = nodes[o + HEADER..o + HEADER + l + 5 * n].split_at(l);
            // A byte loop: labels are short, shorter than a call to `memcmp` costs.
            match text.get(i..i + l) {
                Some(next) if next.iter().zip(label).all(|(a, b)| a == b) => i += l,
                _ => return best,
            }
            let pattern = u32::from_le_bytes([head[0], head[1], head[2], head[3]]);
            if pattern != NONE {
                best = Some((pattern as usize, i));
            }
            let Some(&byte) = text.get(i) else {
                return best;
            };
            let (bytes, targets) = edges.split_at(n);
            // Few edges (most nodes have one): a scan; many (the first levels): a search.
            let found = if n <= LINEAR_EDGES {
                bytes.iter().position(|&b| b == byte)
            } else {
                bytes.binary_search(&byte).ok()
            };
            let Some(k) = found else {
                return best;
            };
            let t = &targets[4 * k..4 * k + 4];
            at = u32::from_le_bytes([t[0], t[1], t[2], t[3]]);
            i += 1;
        }
        best
    }

    /// Number of states of the unpacked trie.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.states
    }
}

/// The unpacked trie of `keys`, breadth first: its states (the root first), and each state's
/// edges, contiguous and sorted by byte.
fn build_states(keys: &[String]) -> (Vec<State>, Vec<u8>, Vec<u32>) {
    let mut order: Vec<u32> = (0..keys.len() as u32).collect();
    order.sort_by(|&a, &b| {
        keys[a as usize]
            .as_bytes()
            .cmp(keys[b as usize].as_bytes())
            .then(a.cmp(&b))
    });
    let key = |i: usize| keys[order[i] as usize].as_bytes();
    let total: usize = keys.iter().map(String::len).sum();
    let mut states = Vec::with_capacity(total / 2 + 1);
    let mut edge_bytes = Vec::with_capacity(total / 2);
    let mut edge_targets = Vec::with_capacity(total / 2);
    states.push(State {
        first_edge: 0,
        edges: 0,
        pattern: NONE,
    });
    // Each entry: a state, the range of sorted keys below it, and its depth.
    let mut queue = std::collections::VecDeque::from([(0u32, 0usize, order.len(), 0usize)]);
    while let Some((state, mut lo, hi, depth)) = queue.pop_front() {
        // Keys that end here sort first; the first of them (lowest index) is the pattern.
        if lo < hi && key(lo).len() == depth {
            states[state as usize].pattern = order[lo];
            while lo < hi && key(lo).len() == depth {
                lo += 1;
            }
        }
        let first_edge = edge_bytes.len() as u32;
        let mut start = lo;
        while start < hi {
            let byte = key(start)[depth];
            let mut end = start + 1;
            while end < hi && key(end)[depth] == byte {
                end += 1;
            }
            let child = states.len() as u32;
            states.push(State {
                first_edge: 0,
                edges: 0,
                pattern: NONE,
            });
            edge_bytes.push(byte);
            edge_targets.push(child);
            queue.push_back((child, start, end, depth + 1));
            start = end;
        }
        let s = &mut states[state as usize];
        s.first_edge = first_edge;
        s.edges = edge_bytes.len() as u32 - first_edge;
    }
    (states, edge_bytes, edge_targets)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trie(keys: &[&str]) -> Trie {
        Trie::new(&keys.iter().map(|k| k.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn the_longest_pattern_at_the_start_wins() {
        let t = trie(&["guinea", "guinea-bissau", "equatorial guinea", "gu"]);
        assert_eq!(t.longest_prefix(b"guinea-bissau said"), Some((1, 13)));
        assert_eq!(t.longest_prefix(b"guinea said"), Some((0, 6)));
        assert_eq!(t.longest_prefix(b"guin"), Some((3, 2)));
        assert_eq!(t.longest_prefix(b"equatorial guinea"), Some((2, 17)));
        assert_eq!(t.longest_prefix(b"mali"), None);
        assert_eq!(t.longest_prefix(b""), None);
    }

    #[test]
    fn matches_are_anchored_at_the_start() {
        let t = trie(&["mali"]);
        assert_eq!(t.longest_prefix(b"somali"), None);
    }

    #[test]
    fn equal_keys_keep_the_lowest_id_and_states_are_shared() {
        let t = trie(&["ab", "abc", "ab"]);
        assert_eq!(t.longest_prefix(b"ab!"), Some((0, 2)));
        assert_eq!(t.len(), 4, "root, a, ab, abc");
    }

    /// The longest key `text` starts with, the lowest index among equal keys, by trying
    /// every key.
    fn plain_longest_prefix(keys: &[String], text: &[u8]) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        for (i, k) in keys.iter().enumerate() {
            if text.starts_with(k.as_bytes()) && best.is_none_or(|(_, len)| k.len() > len) {
                best = Some((i, k.len()));
            }
        }
        best
    }

    #[test]
    fn agrees_with_a_plain_search_of_the_whole_gazetteer() {
        let lex = crate::lexicon::Lexicon::new();
        let gaz = crate::gazetteer::Gazetteer::load(&lex, None).unwrap();
        let t = Trie::new(&gaz.keys);
        let text = include_str!("../../../corpus/000_9d45f85104269f96.txt").to_ascii_lowercase()
            + " economic community of west african states (ecowas) u.s. the kremlin guinea-bissau";
        let text = text.as_bytes();
        let mut found = 0;
        for s in 0..text.len() {
            let expected = plain_longest_prefix(&gaz.keys, &text[s..]);
            found += usize::from(expected.is_some());
            assert_eq!(t.longest_prefix(&text[s..]), expected, "at {s}");
        }
        assert!(found > 100, "{found} matches");
    }

    #[test]
    fn long_chains_are_split_and_still_match() {
        let long = "a".repeat(700);
        let t = trie(&[&long, &long[..300], "ab"]);
        assert_eq!(t.longest_prefix(long.as_bytes()), Some((0, 700)));
        assert_eq!(t.longest_prefix(&long.as_bytes()[..699]), Some((1, 300)));
        assert_eq!(t.longest_prefix(&long.as_bytes()[..299]), None);
        assert_eq!(t.longest_prefix(b"ab"), Some((2, 2)));
    }

    #[test]
    fn agrees_with_aho_corasick_leftmost_longest_anchored() {
        use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
        let keys: Vec<String> = [
            "us",
            "u.s.",
            "united states",
            "united",
            "nice",
            "niger",
            "nigeria",
            "ni",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&keys)
            .unwrap();
        let t = Trie::new(&keys);
        let text = "united states and u.s. and nigeria and niger and nice and nix";
        for s in 0..text.len() {
            let expected = ac
                .find(Input::new(text).span(s..text.len()).anchored(Anchored::Yes))
                .map(|m| (m.pattern().as_usize(), m.end() - s));
            assert_eq!(t.longest_prefix(&text.as_bytes()[s..]), expected, "at {s}");
        }
    }
}
