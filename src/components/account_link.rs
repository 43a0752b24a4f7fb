//! The header's sign-in state: "登录" when signed out, the masked account when signed in; both
//! lead to `/sign-in` (which signs out when signed in).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::use_i18n;
use crate::sync::use_sync;

#[component]
pub fn AccountLink() -> impl IntoView {
    let i = use_i18n();
    let sync = use_sync();
    let signed_in = move || sync.session.with(Option::is_some);
    view! {
        <A
            href="/sign-in"
            attr:class="chip account"
            attr:data-testid="account-link"
            attr:data-signed-in=move || signed_in().to_string()
            attr:aria-label=move || if signed_in() { i.t("账号：已登录", "Account: signed in") } else { i.t("登录", "Sign in") }
        >
            {move || if signed_in() { i.t("已登录", "Signed in") } else { i.t("登录", "Sign in") }}
        </A>
    }
}
