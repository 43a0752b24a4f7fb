//! The resident ID number (GB 11643-1999) as typed: any text parses or is refused with a code,
//! never a panic; a number that parses is in normal form (18 characters, upper-case X) and
//! parses again to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yidi_core::date::CivilDate;
use yidi_core::validate::IdNumber;

fuzz_target!(|text: &str| {
    let today = CivilDate::new(2026, 11, 30).expect("a real date");
    if let Ok(id) = IdNumber::parse(text, today) {
        let normal = id.as_str();
        assert_eq!(normal.len(), 18, "{text:?}");
        assert!(!normal.contains('x'), "{text:?}");
        let again = IdNumber::parse(normal, today).expect("a parsed number parses again");
        assert_eq!(again.as_str(), normal);
    }
});
