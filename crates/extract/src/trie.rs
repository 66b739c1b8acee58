//! The matcher: a byte trie of the gazetteer's case-folded surface forms, walked anchored at
//! a word start to find the longest form that starts there.
//!
//! A plain prefix trie, with no links between branches: the extractor only ever matches
//! anchored at word starts (see `Pass::scan`), so a walk never has to resume inside another
//! pattern. Built in one pass over the sorted keys, with each node's edges stored
//! contiguously and sorted, so a step is a short search in a byte slice. A test checks it
//! against the `aho-corasick` crate's anchored leftmost-longest search.

/// No pattern ends at a node.
const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Copy)]
struct Node {
    /// First edge in `Trie::edge_bytes`/`edge_targets`.
    first_edge: u32,
    /// Number of edges.
    edges: u32,
    /// The pattern that ends here, or [`NONE`].
    pattern: u32,
}

/// A byte trie of distinct patterns; pattern ids are their indices in the input slice.
#[derive(Debug)]
pub(crate) struct Trie {
    nodes: Vec<Node>,
    /// The root's children by byte (`NONE` where there is none): the first step of every
    /// walk, taken at every word start, is one load.
    root: Box<[u32; 256]>,
    edge_bytes: Vec<u8>,
    edge_targets: Vec<u32>,
}

impl Trie {
    /// Builds the trie of `keys`. Equal keys keep the lowest index.
    pub fn new(keys: &[String]) -> Trie {
        let mut order: Vec<u32> = (0..keys.len() as u32).collect();
        order.sort_by(|&a, &b| {
            keys[a as usize]
                .as_bytes()
                .cmp(keys[b as usize].as_bytes())
                .then(a.cmp(&b))
        });
        let key = |i: usize| keys[order[i] as usize].as_bytes();
        let total: usize = keys.iter().map(String::len).sum();
        let mut trie = Trie {
            root: Box::new([NONE; 256]),
            nodes: Vec::with_capacity(total / 2 + 1),
            edge_bytes: Vec::with_capacity(total / 2),
            edge_targets: Vec::with_capacity(total / 2),
        };
        trie.nodes.push(Node {
            first_edge: 0,
            edges: 0,
            pattern: NONE,
        });
        // Each entry: a node, the range of sorted keys below it, and its depth.
        let mut queue = std::collections::VecDeque::from([(0u32, 0usize, order.len(), 0usize)]);
        while let Some((node, mut lo, hi, depth)) = queue.pop_front() {
            // Keys that end here sort first; the first of them (lowest index) is the pattern.
            if lo < hi && key(lo).len() == depth {
                trie.nodes[node as usize].pattern = order[lo];
                while lo < hi && key(lo).len() == depth {
                    lo += 1;
                }
            }
            let first_edge = trie.edge_bytes.len() as u32;
            let mut start = lo;
            while start < hi {
                let byte = key(start)[depth];
                let mut end = start + 1;
                while end < hi && key(end)[depth] == byte {
                    end += 1;
                }
                let child = trie.nodes.len() as u32;
                trie.nodes.push(Node {
                    first_edge: 0,
                    edges: 0,
                    pattern: NONE,
                });
                trie.edge_bytes.push(byte);
                trie.edge_targets.push(child);
                queue.push_back((child, start, end, depth + 1));
                start = end;
            }
            let n = &mut trie.nodes[node as usize];
            n.first_edge = first_edge;
            n.edges = trie.edge_bytes.len() as u32 - first_edge;
        }
        let root = trie.nodes[0];
        for e in root.first_edge..root.first_edge + root.edges {
            trie.root[trie.edge_bytes[e as usize] as usize] = trie.edge_targets[e as usize];
        }
        trie
    }

    /// The longest pattern that `text` starts with: its id and length in bytes.
    pub fn longest_prefix(&self, text: &[u8]) -> Option<(usize, usize)> {
        let (&first, _) = text.split_first()?;
        let child = self.root[first as usize];
        if child == NONE {
            // Only the empty pattern could match, and keys are never empty.
            return (self.nodes[0].pattern != NONE).then_some((self.nodes[0].pattern as usize, 0));
        }
        let mut node = self.nodes[child as usize];
        let mut best =
            (self.nodes[0].pattern != NONE).then_some((self.nodes[0].pattern as usize, 0));
        for (i, &byte) in text.iter().enumerate().skip(1) {
            if node.pattern != NONE {
                best = Some((node.pattern as usize, i));
            }
            let lo = node.first_edge as usize;
            let hi = lo + node.edges as usize;
            match self.edge_bytes[lo..hi].binary_search(&byte) {
                Ok(at) => node = self.nodes[self.edge_targets[lo + at] as usize],
                Err(_) => return best,
            }
        }
        if node.pattern != NONE {
            best = Some((node.pattern as usize, text.len()));
        }
        best
    }

    /// Number of nodes (trie states).
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.nodes.len()
    }
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
