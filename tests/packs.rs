//! Browser tests of the packs kept on this device: a kept newer pack is used over the bundled
//! one, a kept pack the core refuses is never used, an unreadable entry is set aside, and saved
//! custom policies round-trip.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;
use yidi_app::custom_policies::SavedPolicy;
use yidi_app::packs::{self, CachedPack, CachedPacks, PACKS_KEY};
use yidi_app::saved_copy::SavedCopy;
use yidi_app::scenarios::{BandFields, EstimateForm};
use yidi_app::storage::{self, LoadProblem};
use yidi_core::policy;

wasm_bindgen_test_configure!(run_in_browser);

const ID: &str = "150800-employee-2025";

fn clean() {
    let s = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    s.clear().unwrap();
}

fn newer(version: u32, ratio: &str) -> String {
    let mut pack: serde_json::Value =
        serde_json::from_str(policy::by_id(ID).unwrap().json_text()).unwrap();
    pack["version"] = version.into();
    pack["bands"][0]["value"][0]["ratio"] = ratio.into();
    pack.to_string()
}

#[wasm_bindgen_test]
fn a_kept_newer_pack_is_used_and_a_refused_one_is_not() {
    clean();
    let bundled = policy::by_id(ID).unwrap().version();
    let kept = CachedPacks {
        list_etag: Some("\"x\"".into()),
        packs: vec![
            CachedPack {
                json: newer(bundled + 1, "0.90"),
                fetched_at: 1.0,
            },
            // Broken: a ratio above 1. Never used, whatever its version.
            CachedPack {
                json: newer(bundled + 5, "1.5").replace(ID, "110000-employee-2023"),
                fetched_at: 2.0,
            },
        ],
    };
    storage::save(PACKS_KEY, &kept).unwrap();
    let (set, fetched, problem) = packs::load_kept();
    assert!(problem.is_none());
    assert_eq!(set.by_id(ID).unwrap().version(), bundled + 1);
    assert_eq!(fetched.get(ID), Some(&1.0));
    let beijing = set.by_id("110000-employee-2023").unwrap();
    assert_eq!(
        beijing.sha256(),
        policy::by_id("110000-employee-2023").unwrap().sha256()
    );
    assert!(!fetched.contains_key("110000-employee-2023"));
}

#[wasm_bindgen_test]
fn an_unreadable_kept_entry_is_set_aside_and_the_bundled_packs_serve() {
    clean();
    storage::set_raw(PACKS_KEY, "{\"v\":1,\"data\":{\"packs\":[").unwrap();
    let (set, fetched, problem) = packs::load_kept();
    assert!(
        matches!(problem, Some(LoadProblem::SetAside { .. })),
        "{problem:?}"
    );
    assert_eq!(set.len(), policy::bundled().len());
    assert!(fetched.is_empty());
    assert_eq!(storage::get_raw(PACKS_KEY), None);
}

#[wasm_bindgen_test]
fn saved_custom_policies_round_trip() {
    clean();
    let mut form = EstimateForm {
        custom_deductible: "1200".into(),
        custom_bands: vec![
            BandFields {
                up_to: "100000".into(),
                percent: "80".into(),
            },
            BandFields {
                up_to: String::new(),
                percent: "90".into(),
            },
        ],
        custom_cap: "400000".into(),
        ..EstimateForm::default()
    };
    let saved = SavedPolicy::from_form("p1".into(), "成都 职工".into(), 3.0, &form);
    SavedPolicy::save_all(&vec![saved.clone()]).unwrap();
    let (list, problem) = SavedPolicy::load_all();
    assert!(problem.is_none());
    assert_eq!(list, vec![saved]);
    form = EstimateForm::default();
    list[0].apply_to(&mut form);
    assert!(form.custom);
    assert_eq!(form.custom_deductible, "1200");
    assert_eq!(form.custom_bands.len(), 2);
    assert_eq!(form.custom_cap, "400000");
}
