//! What the home and about pages say about the bundled policy data.

use yidi_core::policy::bundled;

/// "内置 7 个政策包 · 数据版本 …": the packs and a short fingerprint of their contents, so two
/// devices can tell whether they estimate with the same figures.
pub fn version_label() -> String {
    let packs = bundled();
    let mut fingerprint: Vec<&str> = packs.iter().map(|p| &p.sha256()[..4]).collect();
    fingerprint.sort_unstable();
    let versions: u32 = packs.iter().map(|p| p.summary().version).sum();
    format!(
        "内置 {} 个地区政策包 · 数据版本 v{}-{}",
        packs.len(),
        versions,
        fingerprint.concat().get(..8).unwrap_or("")
    )
}
