//! `/review`: the queue, oldest first, filtered by status (the open ones by default).

use leptos::prelude::*;
use leptos_router::components::A;
use yidi_core::filing::Lifecycle;

use super::use_reviewer;
use crate::api::FilingRecord;
use crate::components::filing_status::{FilingHead, route, submitted_at, title};
use crate::i18n::use_i18n;
use crate::reviewer;

#[component]
pub fn ReviewQueuePage() -> impl IntoView {
    let i = use_i18n();
    let session = use_reviewer();
    // Empty = the open ones (submitted and under review).
    let status = RwSignal::new(String::new());
    let list = LocalResource::new(move || {
        let token = session.0.get();
        let s = status.get().parse::<Lifecycle>().ok();
        async move {
            match token {
                Some(t) => reviewer::queue(&t, s).await,
                None => Ok(Vec::new()),
            }
        }
    });
    view! {
        <div class="card-head">
            <h1>{move || i.t("待审核的备案", "Filings to review")}</h1>
            <button type="button" class="button" on:click=move |_| session.refused()>
                {move || i.t("退出审核", "Sign out")}
            </button>
        </div>
        <div class="field">
            <label for="review-status">{move || i.t("按状态筛选", "Filter by status")}</label>
            <select id="review-status" data-testid="review-status" on:change:target=move |ev| status.set(ev.target().value())>
                <option value="">{move || i.t("待处理（已提交、审核中）", "Open (submitted, under review)")}</option>
                {Lifecycle::ALL
                    .iter()
                    .map(|s| view! { <option value=s.code()>{move || i.t(s.label_zh(), s.label_en())}</option> })
                    .collect_view()}
            </select>
        </div>
        <Transition fallback=move || view! { <p class="muted">{i.t("正在读取…", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(l) if l.is_empty() => view! {
                        <p class="muted" data-testid="review-empty">{i.t("没有符合条件的备案。", "Nothing here.")}</p>
                    }.into_any(),
                    Ok(l) => view! {
                        <ul class="queue" data-testid="review-queue">
                            {l.into_iter().map(|r| view! { <QueueItem record=r /> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => {
                        if e.status == 401 || e.status == 404 {
                            session.refused();
                        }
                        view! { <p class="error" role="alert">{e.message}</p> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn QueueItem(record: FilingRecord) -> impl IntoView {
    let i = use_i18n();
    let at = submitted_at(&record);
    let files = crate::api::attachments_of(&record).len();
    let status = record.status;
    view! {
        <li>
            <A href=format!("/review/{}", record.id) attr:class="entry" attr:data-testid="review-item">
                <FilingHead title=title(&record) status=status />
                <span class="sub">{route(&record)}</span>
                <span class="sub small">
                    {move || i.t("提交时间：", "Submitted: ")} {at.clone()}
                    " · "
                    {move || format!("{}{files}", i.t("材料文件：", "Files: "))}
                </span>
            </A>
        </li>
    }
}
