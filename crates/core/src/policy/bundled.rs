//! The packs built into every binary (SPA, server, CLI), embedded at compile time so an estimate
//! works offline; run-time packs (a server's directory, the SPA's cache) are added over them in a
//! [`PackSet`].

use std::sync::OnceLock;

use super::catalog::PackSet;
use super::pack::PolicyPack;
use crate::domain::Scheme;

/// The pack files, one per pooling region, scheme and year.
const PACK_FILES: [(&str, &str); 10] = [
    (
        "110000-employee",
        include_str!("../../packs/110000-employee.json"),
    ),
    (
        "320500-employee",
        include_str!("../../packs/320500-employee.json"),
    ),
    (
        "320500-resident",
        include_str!("../../packs/320500-resident.json"),
    ),
    (
        "440100-employee",
        include_str!("../../packs/440100-employee.json"),
    ),
    (
        "370600-employee",
        include_str!("../../packs/370600-employee.json"),
    ),
    (
        "150800-employee",
        include_str!("../../packs/150800-employee.json"),
    ),
    (
        "340300-resident",
        include_str!("../../packs/340300-resident.json"),
    ),
    (
        "320400-resident",
        include_str!("../../packs/320400-resident.json"),
    ),
    (
        "371300-employee",
        include_str!("../../packs/371300-employee.json"),
    ),
    (
        "371300-resident",
        include_str!("../../packs/371300-resident.json"),
    ),
];

static PACKS: OnceLock<PackSet> = OnceLock::new();

/// Every bundled pack, in a fixed order. Read on first use, unless a [`BundledReading`] has
/// already read them.
pub fn bundled() -> &'static PackSet {
    PACKS.get_or_init(|| BundledReading::new().finish_set())
}

/// The bundled packs read one at a time, for a caller that spreads the reading over several turns:
/// on a slow phone the strict reader takes tens of milliseconds for all of them, which was the
/// longest task of the SPA's start (scripts/boot-trace.sh). What it read becomes [`bundled`].
#[derive(Debug, Default)]
pub struct BundledReading {
    next: usize,
    set: PackSet,
}

impl BundledReading {
    pub fn new() -> BundledReading {
        BundledReading::default()
    }

    /// Reads the next pack; `false` once none is left.
    pub fn step(&mut self) -> bool {
        let Some((file, text)) = PACK_FILES.get(self.next) else {
            return false;
        };
        match PolicyPack::parse(text) {
            Ok(pack) => {
                self.set.add(pack);
            }
            // The files are part of the source; `tests/policy_packs.rs` parses every one.
            Err(problems) => panic!("bundled policy pack {file} is invalid: {problems:?}"),
        }
        self.next += 1;
        true
    }

    /// Reads what is left and makes the set [`bundled`] (unless something else did first).
    pub fn finish(self) -> &'static PackSet {
        let set = self.finish_set();
        PACKS.get_or_init(|| set)
    }

    fn finish_set(mut self) -> PackSet {
        while self.step() {}
        self.set
    }
}

/// The bundled pack with this id.
pub fn by_id(id: &str) -> Option<&'static PolicyPack> {
    bundled().by_id(id)
}

/// The newest bundled pack for a pooling region and scheme.
pub fn for_region(code: &str, scheme: Scheme) -> Option<&'static PolicyPack> {
    bundled().for_region(code, scheme)
}
