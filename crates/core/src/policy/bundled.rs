//! The packs built into every binary (SPA, server, CLI), embedded at compile time so an estimate
//! works offline.

use std::sync::LazyLock;

use super::pack::PolicyPack;
use crate::domain::Scheme;

/// The pack files, one per pooling region, scheme and year.
const PACK_FILES: [(&str, &str); 7] = [
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
];

static PACKS: LazyLock<Vec<PolicyPack>> = LazyLock::new(|| {
    PACK_FILES
        .iter()
        .map(|(file, text)| match PolicyPack::from_json(text) {
            Ok(pack) => pack,
            // The files are part of the source; `tests/policy_packs.rs` parses every one.
            Err(e) => panic!("bundled policy pack {file} is invalid: {e}"),
        })
        .collect()
});

/// Every bundled pack, in a fixed order.
pub fn bundled() -> &'static [PolicyPack] {
    &PACKS
}

/// The pack with this id.
pub fn by_id(id: &str) -> Option<&'static PolicyPack> {
    bundled().iter().find(|p| p.id() == id)
}

/// The newest pack for a pooling region and scheme.
pub fn for_region(code: &str, scheme: Scheme) -> Option<&'static PolicyPack> {
    bundled()
        .iter()
        .filter(|p| p.region() == code && p.scheme() == scheme)
        .max_by(|a, b| a.effective().cmp(b.effective()))
}
