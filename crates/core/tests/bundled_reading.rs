//! The bundled packs read one at a time (the SPA's start) are the set every other caller gets.
//! A test binary of its own, with one test: nothing else in it reads the bundled packs first.

use yidi_core::policy::{BundledReading, PolicyPack, bundled};

#[test]
fn packs_read_in_steps_become_the_bundled_set() {
    // One step per pack file, then nothing more (a reading not finished installs nothing).
    let mut reading = BundledReading::new();
    let mut files = 0;
    while reading.step() {
        files += 1;
    }
    assert!(!reading.step());
    assert!(files > 1, "{files} pack files");

    // Cut short after one pack: finishing reads the rest, and that set is `bundled()`.
    let mut reading = BundledReading::new();
    assert!(reading.step());
    let read = reading.finish();
    assert!(
        std::ptr::eq(read, bundled()),
        "bundled() is the set just read"
    );
    let ids: Vec<&str> = read.iter().map(PolicyPack::id).collect();
    assert_eq!(ids.len(), files, "{ids:?}");
    assert!(
        ids.contains(&"110000-employee-2023"),
        "the first file: {ids:?}"
    );
    assert!(
        ids.contains(&"371300-resident-2023"),
        "the last file: {ids:?}"
    );
}
