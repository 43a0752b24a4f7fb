use leptos::prelude::*;

use crate::i18n::Lang;
use crate::state::use_app;

/// 中文 / English. The accessible name starts with the visible text (WCAG 2.5.3, label in
/// name), so a voice user can say what they see.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let app = use_app();
    let en = move || app.settings.get().lang == Lang::En;
    view! {
        <button
            type="button"
            class="chip"
            lang=move || if en() { "zh-CN" } else { "en" }
            aria-label=move || if en() { "中文：切换到中文" } else { "EN: Switch to English" }
            on:click=move |_| {
                app.settings
                    .update(|s| s.lang = if s.lang == Lang::En { Lang::Zh } else { Lang::En })
            }
        >
            {move || if en() { "中文" } else { "EN" }}
        </button>
    }
}
