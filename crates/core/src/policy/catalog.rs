//! A set of packs by id: the bundled ones, plus packs read at run time (a server's
//! `YIDI_PACKS_DIR`, the SPA's copy of the server's packs). A pack whose id is already held
//! replaces it only with a higher version, so a newer official table reaches people without a
//! release, and an older copy can never undo it.

use super::pack::{PackSummary, PolicyPack};
use crate::domain::Scheme;

/// Packs, at most one per id.
#[derive(Debug, Clone, Default)]
pub struct PackSet {
    packs: Vec<PolicyPack>,
}

/// What [`PackSet::add`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// No pack had this id.
    New,
    /// It replaced the pack of this (lower) version.
    Replaced { previous: u32 },
    /// A pack of this version (the same or higher) was already held; nothing changed.
    Kept { held: u32 },
}

impl PackSet {
    pub fn new() -> PackSet {
        PackSet::default()
    }

    /// Adds a pack, or replaces the one with its id if this one's version is higher.
    pub fn add(&mut self, pack: PolicyPack) -> Added {
        match self.packs.iter_mut().find(|p| p.id() == pack.id()) {
            None => {
                self.packs.push(pack);
                Added::New
            }
            Some(held) if held.version() < pack.version() => {
                let previous = held.version();
                *held = pack;
                Added::Replaced { previous }
            }
            Some(held) => Added::Kept {
                held: held.version(),
            },
        }
    }

    /// Puts a pack in, replacing the one with its id whatever the versions: a maintainer
    /// previewing a file, not an update from elsewhere.
    pub fn put(&mut self, pack: PolicyPack) {
        self.packs.retain(|p| p.id() != pack.id());
        self.packs.push(pack);
    }

    /// The pack with this id.
    pub fn by_id(&self, id: &str) -> Option<&PolicyPack> {
        self.packs.iter().find(|p| p.id() == id)
    }

    /// The pack for a pooling region and scheme: the latest year in force (a dated pack before
    /// one whose year is 未注明), then the highest version.
    pub fn for_region(&self, code: &str, scheme: Scheme) -> Option<&PolicyPack> {
        self.packs
            .iter()
            .filter(|p| p.region() == code && p.scheme() == scheme)
            .max_by_key(|p| (p.effective().parse::<u16>().ok(), p.version()))
    }

    pub fn iter(&self) -> std::slice::Iter<'_, PolicyPack> {
        self.packs.iter()
    }

    pub fn len(&self) -> usize {
        self.packs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.packs.is_empty()
    }

    /// What `GET /api/policies` and `yidi policies` list.
    pub fn summaries(&self) -> Vec<PackSummary> {
        self.packs.iter().map(PolicyPack::summary).collect()
    }
}

impl<'a> IntoIterator for &'a PackSet {
    type Item = &'a PolicyPack;
    type IntoIter = std::slice::Iter<'a, PolicyPack>;

    fn into_iter(self) -> Self::IntoIter {
        self.packs.iter()
    }
}
