//! Fuzzes the query parser (`newsidx_query::parse::parse`): it must never panic or overflow
//! the stack, every error must point inside the query, and every query that parses must
//! write back (normalised) to a query that parses to the same normalised form. The unit test
//! `random_queries_never_panic_and_errors_point_inside_the_query` runs the same checks on
//! stable Rust over generated strings.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsidx_query::parse::{caret, parse};

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    match parse(query) {
        Ok(node) => {
            let once = node.to_string();
            let again = parse(&once).expect("a normalised query parses");
            assert_eq!(again.to_string(), once);
        }
        Err(e) => {
            assert!(e.offset <= query.len() && query.is_char_boundary(e.offset));
            assert_eq!(e.column, query[..e.offset].chars().count() + 1);
            let _ = caret(query, &e);
        }
    }
});
