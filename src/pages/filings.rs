use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::submitted_list::SubmittedList;
use crate::i18n::use_i18n;
use crate::state::use_app;

fn when(ms: f64) -> String {
    let d = js_sys::Date::new(&ms.into());
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// My filings: drafts to resume or delete, and submitted filings with their status (the outbox
/// and, when signed in, the server's filings: [`SubmittedList`]).
#[component]
pub fn Filings() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    // The draft waiting for "really delete?".
    let confirming = RwSignal::new(None::<String>);
    view! {
        <section class="page">
            <h1>{move || i.t("我的备案", "My filings")}</h1>
            <A href="/filings/new" attr:class="button primary">
                {move || i.t("新建备案申请", "New filing")}
            </A>
            <h2>{move || i.t("草稿", "Drafts")}</h2>
            <ul class="cards" data-testid="draft-list">
                <Show when=move || app.drafts.with(|d| d.is_empty())>
                    <li class="muted">
                        {move || i.t("还没有草稿。填写中的备案会自动保存在这里。", "No drafts yet. A filing you start is saved here automatically.")}
                    </li>
                </Show>
                <For
                    each=move || app.drafts.get()
                    key=|d| (d.id.clone(), d.rev)
                    children=move |d| {
                        let id_del = d.id.clone();
                        let id_yes = d.id.clone();
                        let id_show = d.id.clone();
                        let href = format!("/filings/{}", d.id);
                        view! {
                            <li class="card" data-draft-id=d.id.clone()>
                                <strong>{d.title()}</strong>
                                <span class="muted small">
                                    {move || i.t("最后保存：", "Saved: ")} {when(d.updated_at)}
                                </span>
                                <div class="actions">
                                    <A href=href attr:class="button">
                                        {move || i.t("继续填写", "Resume")}
                                    </A>
                                    <button
                                        type="button"
                                        class="button danger-outline"
                                        on:click=move |_| confirming.set(Some(id_del.clone()))
                                    >
                                        {move || i.t("删除", "Delete")}
                                    </button>
                                </div>
                                <Show when=move || confirming.get().as_deref() == Some(id_show.as_str())>
                                    {
                                        let id_yes = id_yes.clone();
                                        view! {
                                            <div class="confirm" role="alertdialog" aria-label="确认删除">
                                                <p>{move || i.t("确定删除这份草稿吗？删除后无法恢复。", "Delete this draft? This cannot be undone.")}</p>
                                                <button
                                                    type="button"
                                                    class="button danger"
                                                    on:click={
                                                        let id_yes = id_yes.clone();
                                                        move |_| {
                                                            app.discard_draft(&id_yes);
                                                            confirming.set(None);
                                                        }
                                                    }
                                                >
                                                    {move || i.t("确定删除", "Delete")}
                                                </button>
                                                <button
                                                    type="button"
                                                    class="button"
                                                    on:click=move |_| confirming.set(None)
                                                >
                                                    {move || i.t("不删了", "Keep it")}
                                                </button>
                                            </div>
                                        }
                                    }
                                </Show>
                            </li>
                        }
                    }
                />
            </ul>
            <h2>{move || i.t("已提交", "Submitted")}</h2>
            <SubmittedList />
        </section>
    }
}
