use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::state::use_app;

/// 长辈模式: larger text and stronger contrast, remembered across visits.
#[component]
pub fn ElderToggle() -> impl IntoView {
    let app = use_app();
    let i = use_i18n();
    let on = move || app.settings.get().elder;
    view! {
        <button
            type="button"
            class="chip"
            data-testid="elder-mode-toggle"
            aria-pressed=move || if on() { "true" } else { "false" }
            on:click=move |_| app.settings.update(|s| s.elder = !s.elder)
        >
            {move || i.t("长辈模式", "Large text")}
        </button>
    }
}
