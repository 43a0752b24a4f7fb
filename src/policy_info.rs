//! What the pages say about the policy data in use: a fingerprint of the packs, and where one
//! pack's figures come from.

use yidi_core::policy::{PackSet, PolicyPack};

use crate::packs::Packs;

/// "7 个地区政策包 · 数据版本 …": the packs and a short fingerprint of their contents, so two
/// devices can tell whether they estimate with the same figures. Reads the packs in use (the
/// bundled ones before the app state exists).
pub fn version_label() -> String {
    match leptos::prelude::use_context::<Packs>() {
        Some(packs) => {
            use leptos::prelude::With;
            packs.set.with(set_label)
        }
        None => set_label(yidi_core::policy::bundled()),
    }
}

/// [`version_label`] for a given set.
pub fn set_label(packs: &PackSet) -> String {
    let mut fingerprint: Vec<&str> = packs.iter().map(|p| &p.sha256()[..4]).collect();
    fingerprint.sort_unstable();
    let versions: u32 = packs.iter().map(PolicyPack::version).sum();
    format!(
        "{} 个地区政策包 · 数据版本 v{}-{}",
        packs.len(),
        versions,
        fingerprint.concat().get(..8).unwrap_or("")
    )
}

/// When a downloaded pack arrived, as a local `YYYY-MM-DD HH:MM`.
pub fn local_time(ms: f64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}
