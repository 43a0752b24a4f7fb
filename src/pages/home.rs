use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::use_i18n;
use crate::policy_info;
use crate::state::use_app;

/// Four large entries, whether we are online, and which policy data is in use.
#[component]
pub fn Home() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let pending = move || {
        app.outbox
            .get()
            .iter()
            .filter(|e| matches!(e.state, crate::outbox::OutboxState::Pending))
            .count()
    };
    view! {
        <section class="page home">
            <h1>{move || i.t("异地就医助手", "Medical care away from home")}</h1>
            <p class="lead">
                {move || {
                    i.t(
                        "在参保地以外的省份看病：先查能不能直接结算，再算大概能报多少，需要时准备备案。",
                        "Treated outside the province where you are insured: check direct settlement, estimate what the fund pays, prepare the filing.",
                    )
                }}
            </p>
            <div class="entries">
                <Entry href="/check" title=("能否直接结算", "Can I settle directly?")>
                    {move || i.t("要不要备案、备哪一类、带什么材料", "Filing needed? Which kind? What papers?")}
                </Entry>
                <Entry href="/why" testid="home-why" title=("为什么不能直接结算？", "Why can't I settle directly?")>
                    {move || i.t("在医院窗口被拒？逐项查原因，告诉您现在怎么办", "Refused at the counter? Find the reason and what to do now")}
                </Entry>
                <Entry href="/estimate" title=("能报多少", "How much is covered?")>
                    {move || i.t("输入费用，马上算出统筹支付和个人负担", "Type the bill, see fund and personal share")}
                </Entry>
                <Entry href="/filings" title=("我的备案", "My filings")>
                    {move || {
                        let d = app.drafts.get().len();
                        let p = pending();
                        if i.is_en() {
                            format!("{d} draft(s), {p} waiting to sync")
                        } else {
                            format!("草稿 {d} 份，待同步 {p} 份")
                        }
                    }}
                </Entry>
            </div>
            <p class="muted" data-testid="policy-version">
                {move || i.t("政策数据：", "Policy data: ")}
                {policy_info::version_label()}
            </p>
            <p class="muted small">
                {move || {
                    i.t(
                        "测算结果仅供参考，以参保地医保经办机构的结算为准。",
                        "Estimates only; the insurance office's settlement is what counts.",
                    )
                }}
            </p>
        </section>
    }
}

/// One of the home page's large links: what it opens, and a line on what it is for (`children`).
#[component]
fn Entry(
    href: &'static str,
    #[prop(optional)] testid: Option<&'static str>,
    title: (&'static str, &'static str),
    children: Children,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <A href=href attr:class="entry" attr:data-testid=testid>
            <span class="big">{move || i.t(title.0, title.1)}</span>
            <span class="sub">{children()}</span>
        </A>
    }
}
