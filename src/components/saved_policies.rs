use leptos::prelude::*;

use crate::custom_policies::{self, SavedPolicy};
use crate::i18n::use_i18n;
use crate::scenarios::EstimateForm;
use crate::state::use_app;
use crate::storage;

/// "My region's policy": saves the custom form's figures under a name and puts saved ones back,
/// with a hint where such figures are found.
#[component]
pub fn SavedPolicies(form: RwSignal<EstimateForm>) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let (initial, problem) = custom_policies::load_all();
    if let Some(p) = problem {
        app.notices.problem(&p);
    }
    let list = RwSignal::new(initial);
    let name = RwSignal::new(String::new());
    let store = move |next: Vec<SavedPolicy>| match custom_policies::save_all(&next) {
        Ok(()) => {
            list.set(next);
            true
        }
        Err(e) => {
            app.notices.save_error(&e);
            false
        }
    };
    let save = move |_| {
        let typed = name.get_untracked().trim().to_owned();
        let mut next = list.get_untracked();
        let n = if typed.is_empty() {
            format!("我的地区政策 {}", next.len() + 1)
        } else {
            typed
        };
        let saved = form.with_untracked(|f| {
            SavedPolicy::from_form(storage::new_uuid(), n, storage::now_ms(), f)
        });
        next.insert(0, saved);
        if store(next) {
            name.set(String::new());
        }
    };
    view! {
        <fieldset class="field" data-testid="saved-policies">
            <legend>{move || i.t("我的地区政策", "My region's policy")}</legend>
            <p class="hint">
                {move || i.t(
                    "把上面填写的参数存起来，下次直接使用。参数可在参保地医保局网站的待遇标准里找到，或拨打 12393 医保服务热线询问。",
                    "Save the figures above to reuse them. Find them in the benefit tables on the insured region's insurance office site, or ask the 12393 hotline.",
                )}
            </p>
            <label for="saved-policy-name">{move || i.t("名称", "Name")}</label>
            <input
                id="saved-policy-name"
                type="text"
                placeholder=move || i.t("如：成都 职工 2025", "e.g. Chengdu employee 2025")
                prop:value=move || name.get()
                on:input:target=move |ev| name.set(ev.target().value())
            />
            <button type="button" class="button" on:click=save>
                {move || i.t("保存这些参数", "Save these figures")}
            </button>
            <ul class="cards">
                // A plain list, not `<For>`: a handful of entries, and one keyed-list instance
                // less in the wasm.
                {move || {
                    list.get()
                        .into_iter()
                        .map(|p| {
                            let id = p.id.clone();
                            let use_label = format!("使用「{}」", p.name);
                            let delete_label = format!("删除「{}」", p.name);
                            let summary = format!(
                                "起付线 {} 元 · {} 段比例{}",
                                p.deductible,
                                p.bands.len(),
                                if p.cap.trim().is_empty() { String::new() } else { format!(" · 封顶 {} 元", p.cap) },
                            );
                            let name = p.name.clone();
                            view! {
                                <li class="card">
                                    <strong>{name}</strong>
                                    <span class="small muted">{summary}</span>
                                    <div class="actions">
                                        <button
                                            type="button"
                                            class="button"
                                            aria-label=use_label
                                            on:click=move |_| form.update(|f| p.apply_to(f))
                                        >
                                            {move || i.t("使用", "Use")}
                                        </button>
                                        <button
                                            type="button"
                                            class="button danger-outline"
                                            aria-label=delete_label
                                            on:click=move |_| {
                                                let mut next = list.get_untracked();
                                                next.retain(|x| x.id != id);
                                                store(next);
                                            }
                                        >
                                            {move || i.t("删除", "Delete")}
                                        </button>
                                    </div>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </fieldset>
    }
}
