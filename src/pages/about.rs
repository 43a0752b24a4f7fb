use leptos::prelude::*;

use crate::components::pack_provenance::PackProvenance;
use crate::i18n::use_i18n;
use crate::packs::use_packs;
use crate::policy_info;
use crate::state::use_app;
use crate::storage;

/// Every policy pack in use (bundled or newer from the server) with its region, version, year,
/// sources and when it was last updated; what an estimate is and is
/// not; how to clear the data kept on this device.
#[component]
pub fn About() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let packs = use_packs();
    let confirm = RwSignal::new(false);
    let cleared = RwSignal::new(false);
    let sync = use_context::<crate::sync::SyncState>();
    let clear = move |_| {
        storage::clear_all();
        leptos::task::spawn_local(crate::attachments::clear_all());
        if let Some(s) = sync {
            s.signed_in.set(false);
        }
        app.drafts.set(Vec::new());
        app.outbox.set(Vec::new());
        app.scenarios.set(Vec::new());
        app.settings.set(Default::default());
        confirm.set(false);
        cleared.set(true);
    };
    view! {
        <section class="page about">
            <h1>{move || i.t("关于本应用", "About")}</h1>
            <h2>{move || i.t("测算是什么，不是什么", "What an estimate is, and is not")}</h2>
            <ul>
                <li>"测算按参保地政策（起付线、分段支付比例、封顶线）和您填写的费用，算出统筹基金大约支付多少、个人大约负担多少，并列出每一步。"</li>
                <li>"它不是结算单：实际报销以医保经办机构和医院的结算为准。目录内外、乙类先行自付比例、大病保险等都会影响结果。"</li>
                <li>"每个数字都注明来源和年份；很多来源是第三方转述，请以参保地医保部门的最新公布为准。"</li>
                <li>"没有收录的地区，可以自己填写起付线、支付比例和封顶线（自定义政策）。"</li>
            </ul>
            <h2>{move || i.t("政策包", "Policy packs")}</h2>
            <p class="muted">
                {move || i.t("应用内置这些政策包；联网时会从服务器取得更新的版本并保存在本机，离线也能用。", "Built into the app; when online, newer versions come from the server and are kept on this device for offline use.")}
            </p>
            <p class="muted" data-testid="about-packs-label">{move || packs.set.with(policy_info::set_label)}</p>
            <ul class="cards" data-testid="about-packs">
                {move || {
                    packs
                        .set
                        .with(|set| set.iter().map(|p| (p.id().to_owned(), p.summary(), p.notes().to_vec())).collect::<Vec<_>>())
                        .into_iter()
                        .map(|(id, s, notes)| {
                            view! {
                                <li class="card">
                                    <strong>{s.name.clone()}</strong>
                                    <span>
                                        {format!(
                                            "{}（{}）· {}",
                                            s.region_name,
                                            s.region,
                                            s.scheme.label_zh(),
                                        )}
                                    </span>
                                    <PackProvenance id=Signal::derive(move || Some(id.clone())) />
                                    <details>
                                        <summary>{move || i.t("说明", "Notes")}</summary>
                                        <ul class="small muted">
                                            {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                                        </ul>
                                    </details>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <h2>{move || i.t("本机数据", "Data on this device")}</h2>
            <p>
                "草稿、保存的测算方案、待同步的备案和显示设置只保存在这台手机的浏览器里。清除后无法恢复；待同步的备案如果还没有发出，也会一并删除。"
            </p>
            <Show
                when=move || confirm.get()
                fallback=move || {
                    view! {
                        <button type="button" class="button danger-outline" on:click=move |_| confirm.set(true)>
                            {move || i.t("清除本机数据", "Clear data on this device")}
                        </button>
                    }
                }
            >
                <div class="confirm" role="alertdialog" aria-label="确认清除">
                    <p>{move || i.t("确定清除全部本机数据吗？", "Really clear everything?")}</p>
                    <button type="button" class="button danger" on:click=clear>
                        {move || i.t("确定清除", "Clear")}
                    </button>
                    <button type="button" class="button" on:click=move |_| confirm.set(false)>
                        {move || i.t("取消", "Cancel")}
                    </button>
                </div>
            </Show>
            <Show when=move || cleared.get()>
                <p role="status">{move || i.t("已清除。", "Cleared.")}</p>
            </Show>
            <p class="muted small">
                "也可以在浏览器设置里清除本网站的数据（网站设置 → 存储 → 清除）。"
            </p>
        </section>
    }
}
