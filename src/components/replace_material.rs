//! After a return (已退回): the citizen replaces the photo of a material the office asked about and
//! resubmits. The new file is prepared like any other ([`prepare`]), uploaded, and the filing's
//! `attachments` list is sent as a change (`PATCH /api/filings/{id}`, JSON Merge Patch: the list
//! is replaced whole), which resubmits a returned filing. This needs the network: a change is
//! made against the version last seen, and a stale one comes back as 409 for the user to see.

use leptos::prelude::*;
use serde_json::{Value, json};
use yidi_core::domain::FilingCategory;
use yidi_core::filing::materials_for;

use crate::api::{self, FilingRecord};
use crate::api::{AttachmentRef, attachments_of};
use crate::components::attach_material::{Msg, prepare};
use crate::i18n::use_i18n;
use crate::sync::use_sync;

/// The `attachments` list with every file of `material` replaced by `id`.
pub fn replaced(list: &[AttachmentRef], material: &str, id: &str) -> Value {
    let mut out: Vec<Value> = list
        .iter()
        .filter(|a| a.material != material)
        .map(|a| json!({ "material": a.material, "id": a.id }))
        .collect();
    out.push(json!({ "material": material, "id": id }));
    Value::Array(out)
}

#[component]
pub fn ReplaceMaterial(record: FilingRecord, message: RwSignal<Option<String>>) -> impl IntoView {
    let i = use_i18n();
    let sync = use_sync();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<Msg>);
    let failed = RwSignal::new(None::<String>);
    let base = StoredValue::new(record.clone());
    let materials: Vec<(&'static str, &'static str)> = record
        .application
        .get("category")
        .and_then(Value::as_str)
        .and_then(|c| c.parse::<FilingCategory>().ok())
        .map(|c| {
            materials_for(c)
                .iter()
                .map(|m| (m.code, m.name_zh))
                .collect()
        })
        .unwrap_or_default();

    let send = Action::new_local(move |(material, file): &(&'static str, web_sys::File)| {
        let (material, file) = (*material, file.clone());
        async move {
            let Some(token) = sync.token() else {
                return;
            };
            busy.set(true);
            error.set(None);
            failed.set(None);
            let blob = match prepare(&file).await {
                Ok(b) => b,
                Err(m) => {
                    error.set(Some(m));
                    busy.set(false);
                    return;
                }
            };
            let result = match api::upload_attachment(&token, &blob).await {
                Ok(up) => {
                    let (id, version, list) =
                        base.with_value(|b| (b.id.clone(), b.version, attachments_of(b)));
                    let changes = json!({ "attachments": replaced(&list, material, &up.id) });
                    api::change_filing(&token, &id, version, &changes).await
                }
                Err(e) => Err(e),
            };
            match result {
                Ok(r) => {
                    base.set_value(r.clone());
                    sync.put_record(r);
                    message.set(Some(
                        "照片已更换，备案已重新提交，等待经办机构审核。".into(),
                    ));
                }
                Err(e) => {
                    if e.status == 401 {
                        sync.unauthorized();
                    }
                    if let Some(current) = e.current.clone() {
                        sync.put_record(*current);
                    }
                    failed.set(Some(e.message));
                }
            }
            busy.set(false);
        }
    });

    view! {
        <div class="replace" data-testid="replace-material">
            <h3>{move || i.t("更换材料照片并重新提交", "Replace a photo and resubmit")}</h3>
            {materials
                .into_iter()
                .map(|(code, name)| {
                    let input_id = format!("replace-{}-{code}", record.id);
                    view! {
                        <div class="field">
                            <label class="button file-button" for=input_id.clone()>
                                {move || i.t("拍照或选择文件：", "Photo or file: ")}
                                {name}
                            </label>
                            <input
                                type="file"
                                class="visually-hidden"
                                id=input_id
                                accept="image/*,application/pdf"
                                data-testid=format!("replace-input-{code}")
                                on:change=move |ev| {
                                    use wasm_bindgen::JsCast;
                                    let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
                                    let file = input.as_ref().and_then(|i| i.files()).and_then(|f| f.get(0));
                                    if let Some(input) = input {
                                        input.set_value("");
                                    }
                                    if let Some(f) = file {
                                        send.dispatch((code, f));
                                    }
                                }
                            />
                        </div>
                    }
                })
                .collect_view()}
            <p class="hint" role="status" aria-live="polite">
                {move || {
                    if busy.get() {
                        Some(i.t("正在上传…", "Uploading…").to_owned())
                    } else {
                        error.get().map(|(zh, en)| i.t(zh, en).to_owned()).or_else(|| failed.get())
                    }
                }}
            </p>
        </div>
    }
}
