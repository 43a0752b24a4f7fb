use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::state::use_app;

/// Messages about storage (a draft set aside, a full quota) and the like, each dismissable.
#[component]
pub fn NoticesBar() -> impl IntoView {
    let app = use_app();
    let i = use_i18n();
    view! {
        <div class="notices" aria-live="polite">
            <For
                each=move || app.notices.0.get()
                key=|n| n.id
                children=move |n| {
                    let id = n.id;
                    view! {
                        <div class="notice" class:error=n.error role=if n.error { "alert" } else { "status" }>
                            <span>{n.text}</span>
                            <button
                                type="button"
                                class="link"
                                on:click=move |_| app.notices.dismiss(id)
                            >
                                {move || i.t("知道了", "OK")}
                            </button>
                        </div>
                    }
                }
            />
        </div>
    }
}
