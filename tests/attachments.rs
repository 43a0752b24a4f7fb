//! Browser tests of the proof files kept on the device: IndexedDB round trip and deletion with
//! the draft, the downscaling of a phone-sized photo, and the outbox naming files only once all
//! are uploaded. Run like tests/storage.rs (wasm-bindgen-test-runner, headless Chromium).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yidi_app::attachments::{self, downscale};
use yidi_app::outbox::OutboxEntry;
use yidi_core::filing::{DraftAttachment, FilingApplication};

wasm_bindgen_test_configure!(run_in_browser);

fn blob(bytes: &[u8], content_type: &str) -> web_sys::Blob {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(content_type);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).unwrap()
}

#[wasm_bindgen_test]
async fn files_survive_in_indexeddb_and_go_with_their_draft() {
    let (a, b) = ("draft-a-test", "draft-b-test");
    attachments::remove_owner(a).await;
    attachments::remove_owner(b).await;
    let one = attachments::add(
        a,
        "hukou_first_page",
        &blob(b"%PDF-1.4 one", "application/pdf"),
    )
    .await
    .unwrap();
    attachments::add(
        b,
        "hukou_first_page",
        &blob(b"%PDF-1.4 two", "application/pdf"),
    )
    .await
    .unwrap();
    let listed = attachments::list(a).await;
    assert_eq!(listed, vec![one.clone()]);
    assert!(listed[0].is_pdf());
    let back = attachments::blob(&one.key).await.unwrap();
    assert_eq!(back.size(), 12.0);

    attachments::remove_owner(a).await;
    assert!(attachments::list(a).await.is_empty());
    assert!(attachments::blob(&one.key).await.is_none());
    // Another draft's files are untouched.
    assert_eq!(attachments::list(b).await.len(), 1);
    attachments::remove_owner(b).await;
}

#[wasm_bindgen_test]
async fn a_phone_sized_photo_comes_out_within_1600_px_as_jpeg() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let canvas: web_sys::HtmlCanvasElement =
        doc.create_element("canvas").unwrap().dyn_into().unwrap();
    canvas.set_width(4032);
    canvas.set_height(3024);
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    ctx.set_fill_style_str("#3a6ea5");
    ctx.fill_rect(0.0, 0.0, 4032.0, 3024.0);
    let data_url = canvas.to_data_url().unwrap();
    let b64 = data_url.split_once(',').unwrap().1;
    let bytes: Vec<u8> = web_sys::window()
        .unwrap()
        .atob(b64)
        .unwrap()
        .chars()
        .map(|c| c as u8)
        .collect();
    let out = downscale::downscale(&blob(&bytes, "image/png"))
        .await
        .unwrap();
    assert_eq!(out.type_(), "image/jpeg");
    assert!(out.size() <= downscale::TARGET_BYTES);
    let bmp: web_sys::ImageBitmap = wasm_bindgen_futures::JsFuture::from(
        web_sys::window()
            .unwrap()
            .create_image_bitmap_with_blob(&out)
            .unwrap(),
    )
    .await
    .unwrap()
    .dyn_into()
    .unwrap();
    assert_eq!((bmp.width(), bmp.height()), (1600, 1200));
}

#[wasm_bindgen_test]
fn the_filing_names_its_files_only_once_all_are_uploaded() {
    let body: FilingApplication = serde_json::from_value(serde_json::json!({
        "applicant": { "name": "张三", "id_number": "11010519491231002X", "phone": "13800138000", "relation": "self" },
        "insured": { "name": "张三", "id_number": "11010519491231002X", "phone": "13800138000" },
        "insured_region": "320500", "treatment_region": "440100",
        "scheme": "employee", "category": "resettled_retiree", "start_date": "2026-12-01",
        "contact": { "name": "李四", "phone": "13900139000" },
        "materials": ["hukou_first_page"], "commitment": false, "notice_accepted": true, "signature": "张三"
    }))
    .unwrap();
    let file = |key: &str| DraftAttachment {
        material: "hukou_first_page".into(),
        key: key.into(),
        id: None,
    };
    let mut e = OutboxEntry::new("d", body).with_attachments(vec![file("k1"), file("k2")]);
    assert!(e.application().is_none());
    e.attachments[0].id = Some("att-1".into());
    assert!(e.application().is_none());
    e.attachments[1].id = Some("att-2".into());
    let app = e.application().unwrap();
    let ids: Vec<&str> = app.attachments.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["att-1", "att-2"]);
}
