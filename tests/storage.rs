//! Browser tests of local storage: corrupt values set aside, schema migration, a full quota,
//! two tabs on one draft. Run in headless Chromium (see the report / scripts/test.sh):
//!
//! ```sh
//! CHROMEDRIVER=/usr/bin/chromedriver \
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//! cargo test -p yidi-app --target wasm32-unknown-unknown
//! ```
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;
use yidi_app::drafts::{self, Saved, SavedDraft as Draft};
use yidi_app::outbox::{self, Attempt, OutboxEntry, OutboxState};
use yidi_app::storage::{self, LoadProblem, SaveError};

wasm_bindgen_test_configure!(run_in_browser);

fn clean() {
    let s = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    s.clear().unwrap();
}

#[wasm_bindgen_test]
fn corrupt_json_is_set_aside_and_the_rest_still_loads() {
    clean();
    let good = Draft::new(Default::default());
    drafts::save(&good).unwrap();
    storage::set_raw("yidi:draft:broken", "{\"v\":2,\"data\":{\"id\":").unwrap();

    let (list, problems) = drafts::load_all();
    assert_eq!(list.len(), 1, "the good draft still loads");
    assert_eq!(list[0].id, good.id);
    let [LoadProblem::SetAside { key, moved_to }] = problems.as_slice() else {
        panic!("expected one set-aside problem, got {problems:?}");
    };
    assert_eq!(key, "yidi:draft:broken");
    let moved_to = moved_to.clone().expect("a copy was kept");
    assert!(moved_to.starts_with(storage::CORRUPT_PREFIX));
    assert_eq!(
        storage::get_raw(&moved_to).as_deref(),
        Some("{\"v\":2,\"data\":{\"id\":"),
        "kept byte for byte"
    );
    assert_eq!(storage::get_raw("yidi:draft:broken"), None);
    // A second start does not complain again.
    assert!(drafts::load_all().1.is_empty());
}

#[wasm_bindgen_test]
fn a_version_1_draft_migrates_to_the_current_version() {
    clean();
    let v1 = r#"{"v":1,"data":{"id":"d1","created_at":1.0,"updated_at":2.0,"rev":3,"step":1,
        "form":{"relation":"child","insured_name":"王秀英","insured_id_number":"11010519491231002X",
                "insured_phone":"13800138000","applicant_name":"李明","applicant_phone":"13900139000",
                "contact_name":"李明","contact_phone":"13900139000","scheme":"employee"}}}"#;
    storage::set_raw("yidi:draft:d1", v1).unwrap();
    let d = drafts::load_one("d1").expect("migrated");
    assert_eq!(d.form.insured.name, "王秀英");
    assert_eq!(d.form.insured.id_number, "11010519491231002X");
    assert_eq!(d.form.applicant.name, "李明");
    assert_eq!(d.form.applicant.id_number, "");
    assert_eq!(d.form.contact.phone, "13900139000");
    assert_eq!(d.form.relation, yidi_core::filing::Relation::Child);
    assert_eq!(d.form.scheme, Some(yidi_core::domain::Scheme::Employee));
    assert_eq!(d.rev, 3);
    // Saved back in the current schema.
    drafts::save(&d).unwrap();
    assert!(
        storage::get_raw("yidi:draft:d1")
            .unwrap()
            .starts_with("{\"v\":3,")
    );
}

/// Version 2 kept a choice not made yet as `""`; core's draft says `None`.
#[wasm_bindgen_test]
fn a_version_2_draft_without_choices_migrates() {
    clean();
    let v2 = r#"{"v":2,"data":{"id":"d2","created_at":1.0,"updated_at":2.0,"rev":1,"step":1,
        "form":{"relation":"self","applicant":{},"insured":{"name":"王秀英"},"contact":{},
                "scheme":"","category":"","start_date":"","materials":[],"commitment":false,
                "notice_accepted":true,"signature":""}}}"#;
    storage::set_raw("yidi:draft:d2", v2).unwrap();
    let d = drafts::load_one("d2").expect("migrated");
    assert_eq!((d.form.scheme, d.form.category), (None, None));
    assert_eq!(d.form.insured.name, "王秀英");
    assert!(d.form.notice_accepted);
}

#[wasm_bindgen_test]
fn a_value_from_a_newer_app_is_left_alone() {
    clean();
    storage::set_raw("yidi:draft:future", r#"{"v":99,"data":{}}"#).unwrap();
    let (_, problems) = drafts::load_all();
    assert!(matches!(
        problems.as_slice(),
        [LoadProblem::TooNew { version: 99, .. }]
    ));
    assert!(
        storage::get_raw("yidi:draft:future").is_some(),
        "not moved, not deleted"
    );
}

#[wasm_bindgen_test]
fn a_full_quota_is_reported_and_keeps_what_was_stored() {
    clean();
    let mut d = Draft::new(Default::default());
    d.form.insured.name = "王秀英".into();
    let Saved::Written(stored) = drafts::save(&d).unwrap() else {
        panic!("first save writes");
    };
    let before = storage::get_raw(&drafts::draft_key(&d.id)).unwrap();

    // Fill local storage to the brim.
    let chunk = "x".repeat(256 * 1024);
    let mut n = 0;
    while storage::set_raw(&format!("fill:{n}"), &chunk).is_ok() {
        n += 1;
        assert!(n < 400, "quota never reached");
    }
    let small = "y".repeat(1024);
    let mut m = 0;
    while storage::set_raw(&format!("fill-small:{m}"), &small).is_ok() {
        m += 1;
    }

    let mut bigger = stored.clone();
    bigger.form.insured.name = "王".repeat(20_000);
    assert_eq!(drafts::save(&bigger), Err(SaveError::Quota));
    assert!(SaveError::Quota.message_zh().contains("存储空间已满"));
    assert_eq!(
        storage::get_raw(&drafts::draft_key(&d.id)).unwrap(),
        before,
        "the stored draft is untouched"
    );
    clean();
}

#[wasm_bindgen_test]
fn two_tabs_saving_one_draft_never_overwrite_each_other() {
    clean();
    let d = Draft::new(Default::default());
    let Saved::Written(base) = drafts::save(&d).unwrap() else {
        panic!()
    };
    // Tab A and tab B both start from `base`.
    let mut a = base.clone();
    a.form.insured.name = "甲".into();
    let mut b = base.clone();
    b.form.insured.name = "乙".into();
    let Saved::Written(a_saved) = drafts::save(&a).unwrap() else {
        panic!("A writes first")
    };
    let Saved::Forked(b_saved) = drafts::save(&b).unwrap() else {
        panic!("B must not overwrite A")
    };
    assert_ne!(b_saved.id, a_saved.id);
    assert_eq!(
        drafts::load_one(&a_saved.id).unwrap().form.insured.name,
        "甲"
    );
    assert_eq!(
        drafts::load_one(&b_saved.id).unwrap().form.insured.name,
        "乙"
    );
}

#[wasm_bindgen_test]
fn outbox_entries_keep_their_idempotency_key_across_retries() {
    clean();
    let form = yidi_core::filing::Draft {
        scheme: Some(yidi_core::domain::Scheme::Employee),
        category: Some(yidi_core::domain::FilingCategory::Referral),
        ..Default::default()
    };
    let mut e = OutboxEntry::new("d1", form.to_application().unwrap());
    let key = e.idempotency_key.clone();
    outbox::record_attempt(
        &mut e,
        Attempt::Transient {
            error: "网络不通".into(),
            retry_after_ms: None,
        },
        1_000.0,
        0.5,
    );
    assert_eq!(e.attempts, 1);
    assert_eq!(e.state, OutboxState::Pending);
    assert!(e.next_attempt_at.unwrap() >= 1_000.0);
    assert!(!e.is_due(1_000.0 - 1.0));
    outbox::save(&e).unwrap();
    let (list, _) = outbox::load_all();
    assert_eq!(list[0].idempotency_key, key);
    assert_eq!(list[0].status_zh(), "待同步（已尝试 1 次）");
    // Full jitter: never above the ceiling, which doubles per attempt up to ten minutes.
    assert!(outbox::backoff_ms(3, 0.999) < 16_000.0);
    assert!(outbox::backoff_ms(30, 0.999) <= 600_000.0);
}
