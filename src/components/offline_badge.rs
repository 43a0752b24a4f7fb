use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::state::use_app;

/// Says whether the app is online; offline it also says that everything still works here.
#[component]
pub fn OfflineBadge() -> impl IntoView {
    let app = use_app();
    let i = use_i18n();
    view! {
        <span
            class="badge"
            class:offline=move || !app.online.get()
            data-testid="offline-badge"
            data-online=move || if app.online.get() { "true" } else { "false" }
            role="status"
        >
            {move || {
                if app.online.get() {
                    i.t("在线", "Online")
                } else {
                    i.t("离线：测算和草稿仍可用", "Offline: estimates and drafts still work")
                }
            }}
        </span>
    }
}
