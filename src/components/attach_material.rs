//! The photos or PDF for one proof material in the filing form: take a photo (the camera input),
//! choose from the gallery or files, see a preview, retake or remove. Photos are downscaled
//! ([`attachments::downscale`]) before they are stored; everything is kept in IndexedDB with the
//! draft ([`attachments`]), so it survives a reload, a closed tab and a dead network.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use web_sys::{Blob, HtmlInputElement};

use crate::attachments::{self, LocalAttachment, MAX_BYTES, downscale};
use crate::i18n::use_i18n;
use crate::storage::SaveError;

/// Turns a picked file into what is stored: images downscaled to JPEG, PDFs as they are (up to
/// the server's 5 MiB). The error is the sentence the user reads.
pub async fn prepare(file: &Blob) -> Result<Blob, Msg> {
    if file.type_() == "application/pdf" {
        return if file.size() <= MAX_BYTES {
            Ok(file.clone())
        } else {
            Err((
                "这个 PDF 超过 5 MB，请压缩后再选。",
                "This PDF is over 5 MB; please make it smaller.",
            ))
        };
    }
    downscale::downscale(file).await.map_err(|_| {
        (
            "无法读取这个文件：请选择照片（JPEG、PNG、WebP）或 PDF。",
            "This file cannot be read: choose a photo (JPEG, PNG, WebP) or a PDF.",
        )
    })
}

/// A message in both languages: (zh-CN, English).
pub type Msg = (&'static str, &'static str);

/// Why storing failed, in the user's words; what was stored before is still there.
pub fn store_error(e: &SaveError) -> Msg {
    match e {
        SaveError::Quota => (
            "手机存储空间已满，这个文件没有保存；之前保存的草稿和照片都还在。请删除不用的草稿或照片后重试。",
            "This phone's storage is full: the file was not saved. Your drafts and photos are all still there; delete ones you no longer need and try again.",
        ),
        SaveError::Unavailable(_) => (
            "浏览器不允许保存文件（可能是无痕模式），请换用普通窗口。",
            "The browser does not allow saving files (private mode?); use a normal window.",
        ),
    }
}

/// The files picked in an `<input type=file>`, and the input emptied so the same file can be
/// picked again.
fn take_files(ev: &leptos::ev::Event) -> Vec<web_sys::File> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files = input.files();
    let out = (0..files.as_ref().map_or(0, |f| f.length()))
        .filter_map(|n| files.as_ref()?.get(n))
        .collect();
    input.set_value("");
    out
}

/// A preview of one stored file: the image through a short-lived object URL (revoked when the
/// preview goes), or the PDF's size.
#[component]
pub fn Thumb(item: LocalAttachment, #[prop(into)] label: Signal<String>) -> impl IntoView {
    let url = RwSignal::new(None::<String>);
    let key = item.key.clone();
    if !item.is_pdf() {
        spawn_local(async move {
            if let Some(b) = attachments::blob(&key).await
                && let Ok(u) = web_sys::Url::create_object_url_with_blob(&b)
                // The preview went away before the file was read.
                && url.try_set(Some(u.clone())).is_some()
            {
                let _ = web_sys::Url::revoke_object_url(&u);
            }
        });
    }
    on_cleanup(move || {
        if let Some(Some(u)) = url.try_get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&u);
        }
    });
    let kb = (item.bytes / 1024.0).round();
    view! {
        {move || match (item.is_pdf(), url.get()) {
            (true, _) => view! { <span class="thumb pdf" role="img" aria-label=label>{format!("PDF · {kb} KB")}</span> }.into_any(),
            (false, Some(u)) => view! { <img class="thumb" src=u alt=label /> }.into_any(),
            (false, None) => view! { <span class="thumb" role="img" aria-label=label>"…"</span> }.into_any(),
        }}
    }
}

/// Attach, preview, retake and remove the files of `material` (`name_zh`) for the draft `owner`.
/// `attached` is every file of the draft; `on_added` runs after a file is stored.
#[component]
pub fn AttachMaterial(
    #[prop(into)] owner: Signal<String>,
    material: &'static str,
    name_zh: &'static str,
    attached: RwSignal<Vec<LocalAttachment>>,
    on_added: Callback<()>,
) -> impl IntoView {
    let i = use_i18n();
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<Msg>);
    // "重拍": the file that the next photo replaces.
    let replacing = StoredValue::new(None::<String>);
    let camera = NodeRef::<leptos::html::Input>::new();
    let mine = Memo::new(move |_| {
        attached.with(|l| {
            l.iter()
                .filter(|a| a.material == material)
                .cloned()
                .collect::<Vec<_>>()
        })
    });

    let on_pick = move |ev: leptos::ev::Event| {
        let files = take_files(&ev);
        let replace = replacing.get_value();
        replacing.set_value(None);
        if files.is_empty() {
            return;
        }
        busy.set(true);
        message.set(None);
        spawn_local(async move {
            let owner = owner.get_untracked();
            let mut added = false;
            for f in files {
                let stored = match prepare(&f).await {
                    Ok(blob) => attachments::add(&owner, material, &blob)
                        .await
                        .map_err(|e| store_error(&e)),
                    Err(m) => Err(m),
                };
                match stored {
                    Ok(a) => {
                        attached.update(|l| l.push(a));
                        added = true;
                    }
                    Err(m) => message.set(Some(m)),
                }
            }
            if added && let Some(old) = replace.as_deref() {
                let _ = attachments::remove(old).await;
                attached.update(|l| l.retain(|a| a.key != old));
            }
            busy.set(false);
            if added {
                on_added.run(());
            }
        });
    };
    let remove = move |key: String| {
        spawn_local(async move {
            match attachments::remove(&key).await {
                Ok(()) => attached.update(|l| l.retain(|a| a.key != key)),
                Err(e) => message.set(Some(store_error(&e))),
            }
        });
    };
    let retake = move |key: String| {
        replacing.set_value(Some(key));
        if let Some(input) = camera.get_untracked() {
            input.click();
        }
    };

    let camera_id = format!("attach-camera-{material}");
    let file_id = format!("attach-file-{material}");
    let status_id = format!("attach-status-{material}");
    // The material's name describes the buttons rather than naming them: the checkbox above is
    // the one control whose name is the material.
    let name_id = format!("attach-name-{material}");
    let described = format!("{name_id} {status_id}");
    view! {
        <div class="attach" data-testid=format!("attach-{material}")>
            <span id=name_id.clone() hidden>{name_zh}</span>
            <ul class="thumbs">
                <For each=move || mine.get() key=|a| a.key.clone() let:item>
                    {
                        let (k1, k2) = (item.key.clone(), item.key.clone());
                        let n = mine.with_untracked(|l| l.iter().position(|a| a.key == item.key).unwrap_or(0)) + 1;
                        let label = Signal::derive(move || {
                            if i.is_en() { format!("{name_zh}, photo {n}") } else { format!("{name_zh} 第{n}张") }
                        });
                        let thumb_id = format!("thumb-{}", item.key);
                        view! {
                            <li class="attached" data-testid="attached">
                                <span id=thumb_id.clone() hidden>{label}</span>
                                <Thumb item=item label=label />
                                <div class="thumb-actions">
                                    <button type="button" class="button small" aria-describedby=thumb_id.clone()
                                        on:click=move |_| retake(k1.clone())>
                                        {move || i.t("重拍", "Retake")}
                                    </button>
                                    <button type="button" class="button small danger-outline" aria-describedby=thumb_id
                                        on:click=move |_| remove(k2.clone())>
                                        {move || i.t("删除", "Remove")}
                                    </button>
                                </div>
                            </li>
                        }
                    }
                </For>
            </ul>
            <div class="attach-buttons">
                <FileButton
                    id=camera_id
                    text=("拍照", "Take a photo")
                    accept="image/*"
                    capture="environment"
                    described=described.clone()
                    input_ref=camera
                    testid=format!("attach-camera-input-{material}")
                    on_pick=on_pick
                />
                <FileButton
                    id=file_id
                    text=("从相册或文件选择", "From gallery or files")
                    accept="image/*,application/pdf"
                    multiple=true
                    described=described.clone()
                    testid=format!("attach-file-input-{material}")
                    on_pick=on_pick
                />
            </div>
            <p class="hint" id=status_id aria-live="polite" data-testid="attach-status">
                {move || {
                    if busy.get() {
                        Some(i.t("正在处理照片…", "Preparing the photo…").to_owned())
                    } else {
                        message.get().map(|(zh, en)| i.t(zh, en).to_owned())
                    }
                }}
            </p>
        </div>
    }
}

/// One way to pick files: a button-looking label for a hidden file input (the camera, or the
/// gallery and files), so each opens the phone's own picker.
#[component]
fn FileButton(
    id: String,
    text: (&'static str, &'static str),
    accept: &'static str,
    #[prop(optional)] capture: Option<&'static str>,
    #[prop(optional)] multiple: bool,
    described: String,
    #[prop(optional)] input_ref: NodeRef<leptos::html::Input>,
    testid: String,
    on_pick: impl Fn(leptos::ev::Event) + 'static,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <label class="button file-button" for=id.clone()>
            {move || i.t(text.0, text.1)}
        </label>
        <input
            type="file"
            class="visually-hidden"
            id=id
            accept=accept
            capture=capture
            multiple=multiple
            aria-describedby=described
            node_ref=input_ref
            data-testid=testid
            on:change=on_pick
        />
    }
}
