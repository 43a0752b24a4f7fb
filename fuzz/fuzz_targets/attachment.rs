//! An upload as the server receives it (api.md "Attachments"): the first byte picks the declared
//! `Content-Type`, the rest is the file. Any bytes are stored or refused with
//! `unsupported_type`, never a panic; what is stored is of the declared type, no longer than what
//! came, and stripping it again changes nothing (so no metadata segment survives a first pass
//! only to be found by a second).
#![no_main]

use libfuzzer_sys::fuzz_target;
use yidi_core::attachment::{ContentType, prepare, strip_metadata};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, file)) = data.split_first() else {
        return;
    };
    let declared = ContentType::ALL[usize::from(pick) % ContentType::ALL.len()];
    match prepare(declared.code(), file) {
        Ok((kind, stored)) => {
            assert_eq!(kind, declared);
            assert!(stored.len() <= file.len());
            assert_eq!(ContentType::sniff(&stored), Some(kind));
            assert_eq!(strip_metadata(kind, &stored).as_deref(), Some(&stored[..]));
        }
        Err(e) => assert_eq!(e.code, "unsupported_type"),
    }
});
