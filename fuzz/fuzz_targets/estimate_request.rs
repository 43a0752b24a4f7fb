//! The estimate request (contracts/estimate.md) as the CLI and the SPA read it: any text either
//! parses or is refused with a `CoreError`, never a panic; a request that parses is estimated
//! (again without a panic), and when an estimate comes out, its own invariant holds: fund and
//! personal share add up to the bill's total to the fen.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yidi_core::estimate::{estimate, parse_request};

fuzz_target!(|text: &str| {
    let Ok(request) = parse_request(text) else {
        return;
    };
    if let Ok(result) = estimate(&request) {
        let sum = result.fund.value() + result.personal.value();
        assert_eq!(sum, result.total.value(), "{text}");
    }
});
