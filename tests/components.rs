//! Browser tests of components and the form's validation through `yidi_core`.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yidi_app::components::elder_toggle::ElderToggle;
use yidi_app::components::offline_badge::OfflineBadge;
use yidi_app::pages::filing::form_problems;
use yidi_app::state::provide_app_state;
use yidi_app::storage;
use yidi_core::filing::Draft;

wasm_bindgen_test_configure!(run_in_browser);

/// Lets effects and the DOM settle.
async fn settle() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

fn container() -> web_sys::HtmlElement {
    let doc = document();
    let el = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

#[wasm_bindgen_test]
async fn the_elder_toggle_switches_the_mode_and_remembers_it() {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), || {
        provide_app_state();
        view! { <ElderToggle /> <OfflineBadge /> }
    });
    settle().await;
    let button = root
        .query_selector("[data-testid=elder-mode-toggle]")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    assert_eq!(
        button.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    button.click();
    settle().await;
    assert_eq!(
        button.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    let html = document().document_element().unwrap();
    assert!(html.class_list().contains("elder"));
    let stored = storage::get_raw("yidi:settings").unwrap();
    assert!(stored.contains("\"elder\":true"), "{stored}");
    let badge = root
        .query_selector("[data-testid=offline-badge]")
        .unwrap()
        .unwrap();
    assert_eq!(badge.get_attribute("data-online").as_deref(), Some("true"));
    button.click();
    settle().await;
    assert!(!html.class_list().contains("elder"));
}

#[wasm_bindgen_test]
fn an_empty_form_asks_for_everything_in_chinese() {
    let p = form_problems(&Draft::default());
    for field in [
        "insured.name",
        "insured.id_number",
        "insured.phone",
        "insured_region",
        "scheme",
        "category",
        "start_date",
        "contact.name",
        "signature",
        "notice_accepted",
    ] {
        let m = p
            .get(field)
            .unwrap_or_else(|| panic!("no problem for {field}: {p:?}"));
        assert!(
            m.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{field}: {m}"
        );
    }
    // For oneself the applicant is the insured person: no duplicate errors.
    assert!(!p.contains_key("applicant.name"));
}

#[wasm_bindgen_test]
fn a_wrong_check_digit_is_caught_as_the_user_types() {
    let mut f = Draft::default();
    f.insured.id_number = "110105194912310021".into();
    let p = form_problems(&f);
    assert!(p.contains_key("insured.id_number"));
    f.insured.id_number = "11010519491231002x".into();
    assert!(
        !form_problems(&f).contains_key("insured.id_number"),
        "lower-case x is fine"
    );
}
