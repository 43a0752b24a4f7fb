//! The diagnosis facts (`contracts/diagnose.md`) as `yidi diagnose` reads them: any text either
//! parses or is refused with a `CoreError`, never a panic; facts that parse are diagnosed (again
//! without a panic), and the contract's shape holds: `region` comes first, every blocker carries
//! a code, a remedy and its text, and `manual_claim` is set exactly when that is the outcome.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yidi_core::diagnose::{Check, Outcome, Status, diagnose, parse_facts};

fuzz_target!(|text: &str| {
    let Ok(facts) = parse_facts(text) else {
        return;
    };
    let d = diagnose(&facts);
    assert_eq!(
        d.findings.first().map(|f| f.check),
        Some(Check::Region),
        "{text}"
    );
    for f in d.findings.iter().filter(|f| f.status == Status::Blocker) {
        assert!(f.code.is_some() && f.remedy.is_some(), "{text}");
        assert!(
            f.remedy_text.as_deref().is_some_and(|t| !t.is_empty()),
            "{text}"
        );
    }
    assert_eq!(
        d.manual_claim.is_some(),
        d.outcome == Outcome::ManualClaim,
        "{text}"
    );
});
