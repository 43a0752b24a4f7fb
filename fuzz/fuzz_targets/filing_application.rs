//! The body of `POST /api/filings` as the server and the SPA read it: any text parses or is
//! refused with a `CoreError` naming the field, never a panic; an application that parses is
//! validated, and the verdict agrees with the list of problems (valid exactly when there are
//! none).
#![no_main]

use libfuzzer_sys::fuzz_target;
use yidi_core::date::CivilDate;
use yidi_core::filing::{parse_application, problems, validate};

fuzz_target!(|text: &str| {
    let Ok(application) = parse_application(text) else {
        return;
    };
    let today = CivilDate::new(2026, 11, 30).expect("a real date");
    let valid = validate(&application, today).is_ok();
    assert_eq!(valid, problems(&application, today).is_empty(), "{text}");
});
