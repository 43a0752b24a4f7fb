//! A filing's proof files for the office: each read with the reviewer's token as a `Blob` (the
//! bytes are never addressed by a URL that carries the token or could be cached) and shown through
//! an object URL that is revoked when the view goes. Images zoom on a press; PDFs open in the
//! browser's viewer.

use leptos::prelude::*;
use leptos::task::spawn_local;
use yidi_core::domain::FilingCategory;
use yidi_core::filing::materials_for;

use super::use_reviewer;
use crate::api;
use crate::api::AttachmentRef;
use crate::i18n::use_i18n;

/// The material's name for its code, in the filing's category.
fn material_name(category: &str, code: &str) -> String {
    category
        .parse::<FilingCategory>()
        .ok()
        .and_then(|c| materials_for(c).iter().find(|m| m.code == code))
        .map(|m| m.name_zh.to_owned())
        .unwrap_or_else(|| code.to_owned())
}

#[component]
pub fn Materials(files: Vec<AttachmentRef>, category: String) -> impl IntoView {
    let i = use_i18n();
    if files.is_empty() {
        return view! { <p class="muted">{move || i.t("没有上传材料文件。", "No files attached.")}</p> }
            .into_any();
    }
    view! {
        <div class="materials-view" data-testid="review-materials">
            {files
                .into_iter()
                .map(|f| {
                    let name = material_name(&category, &f.material);
                    view! { <MaterialFile file=f name=name /> }
                })
                .collect_view()}
        </div>
    }
    .into_any()
}

#[component]
fn MaterialFile(file: AttachmentRef, name: String) -> impl IntoView {
    let i = use_i18n();
    let session = use_reviewer();
    // (object URL, content type)
    let shown = RwSignal::new(None::<(String, String)>);
    let error = RwSignal::new(None::<String>);
    let zoomed = RwSignal::new(false);
    let id = file.id.clone();
    spawn_local(async move {
        let Some(token) = session.0.get_untracked() else {
            return;
        };
        match api::attachment_blob(&token, &id).await {
            Ok(b) => {
                if let Ok(u) = web_sys::Url::create_object_url_with_blob(&b)
                    && shown.try_set(Some((u.clone(), b.type_()))).is_some()
                {
                    let _ = web_sys::Url::revoke_object_url(&u);
                }
            }
            Err(e) => {
                error.try_set(Some(e.message));
            }
        }
    });
    on_cleanup(move || {
        if let Some(Some((u, _))) = shown.try_get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&u);
        }
    });
    let title = name.clone();
    view! {
        <figure data-testid="review-file">
            <figcaption><strong>{name}</strong></figcaption>
            {move || match shown.get() {
                Some((u, t)) if t == "application/pdf" => view! {
                    <iframe class="pdf-frame" src=u.clone() title=title.clone()></iframe>
                    <a href=u target="_blank" rel="noopener">{move || i.t("在新窗口打开 PDF", "Open the PDF")}</a>
                }.into_any(),
                Some((u, _)) => {
                    let title = title.clone();
                    view! {
                    <button
                        type="button"
                        class="link zoom-box"
                        aria-pressed=move || zoomed.get().to_string()
                        aria-label=move || format!("{}：{}", if zoomed.get() { i.t("缩小", "Zoom out") } else { i.t("放大", "Zoom in") }, title)
                        on:click=move |_| zoomed.update(|z| *z = !*z)
                    >
                        <img src=u alt="" class:zoomed=move || zoomed.get() data-testid="review-image" />
                    </button>
                }.into_any()
                }
                None => view! { <p class="muted">{move || error.get().unwrap_or_else(|| i.t("正在读取…", "Loading…").to_owned())}</p> }.into_any(),
            }}
        </figure>
    }
}
