//! The packs built into every binary (SPA, server, CLI), embedded at compile time so an estimate
//! works offline; run-time packs (a server's directory, the SPA's cache) are added over them in a
//! [`PackSet`].

use std::sync::LazyLock;

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

static PACKS: LazyLock<PackSet> = LazyLock::new(|| {
    let mut set = PackSet::new();
    for (file, text) in PACK_FILES {
        match PolicyPack::parse(text) {
            Ok(pack) => {
                set.add(pack);
            }
            // The files are part of the source; `tests/policy_packs.rs` parses every one.
            Err(problems) => panic!("bundled policy pack {file} is invalid: {problems:?}"),
        }
    }
    set
});

/// Every bundled pack, in a fixed order.
pub fn bundled() -> &'static PackSet {
    &PACKS
}

/// The bundled pack with this id.
pub fn by_id(id: &str) -> Option<&'static PolicyPack> {
    bundled().by_id(id)
}

/// The newest bundled pack for a pooling region and scheme.
pub fn for_region(code: &str, scheme: Scheme) -> Option<&'static PolicyPack> {
    bundled().for_region(code, scheme)
}
