use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::use_i18n;

#[component]
pub fn NotFound() -> impl IntoView {
    let i = use_i18n();
    view! {
        <section class="page">
            <h1>{move || i.t("没有这个页面", "Page not found")}</h1>
            <p>
                {move || {
                    i.t(
                        "您打开的地址不存在，可能是链接不完整。可以从下面回到常用功能：",
                        "This address does not exist. Go back to one of these:",
                    )
                }}
            </p>
            <ul class="links">
                <li><A href="/">{move || i.t("首页", "Home")}</A></li>
                <li><A href="/check">{move || i.t("能否直接结算", "Can I settle directly?")}</A></li>
                <li><A href="/estimate">{move || i.t("能报多少", "How much is covered?")}</A></li>
                <li><A href="/filings">{move || i.t("我的备案", "My filings")}</A></li>
            </ul>
        </section>
    }
}
