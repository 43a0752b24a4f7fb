//! A policy pack file as `YIDI_PACKS_DIR`, `yidi pack validate` and the SPA's pack cache read it
//! (`crates/core/packs/README.md`): any text is either a pack or a list of problems, never a
//! panic; and a pack that is accepted reads back from its own canonical JSON as the same pack
//! (same id and content hash), since that JSON is what the server serves and phones store.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yidi_core::policy::PolicyPack;

fuzz_target!(|text: &str| {
    match PolicyPack::parse(text) {
        Ok(pack) => {
            let again = PolicyPack::parse(pack.json_text())
                .unwrap_or_else(|problems| panic!("canonical JSON refused: {problems:?}"));
            assert_eq!(again.id(), pack.id());
            assert_eq!(again.sha256(), pack.sha256());
        }
        Err(problems) => assert!(!problems.is_empty(), "refused without a problem"),
    }
});
