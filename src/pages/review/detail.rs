//! `/review/{id}`: one filing as the office sees it — the application, its proof materials, its
//! history — and the decision.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::decision::DecisionForm;
use super::materials::Materials;
use super::use_reviewer;
use yidi_core::domain::FilingCategory;

use crate::api::FilingRecord;
use crate::components::filing_status::{HistoryList, StatusBadge, route, text_at, title};
use crate::i18n::use_i18n;
use crate::reviewer;

#[component]
pub fn ReviewFilingPage() -> impl IntoView {
    let i = use_i18n();
    let session = use_reviewer();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    // Bumped after a decision, to read the filing again.
    let decided = RwSignal::new(0u32);
    let record = LocalResource::new(move || {
        let (token, id) = (session.0.get(), id());
        decided.track();
        async move {
            match token {
                Some(t) => reviewer::filing(&t, &id).await,
                None => Err(crate::api::ApiError::refused("unauthorized", "")),
            }
        }
    });
    view! {
        <A href="/review" attr:class="small">{move || i.t("← 回到审核列表", "← Back to the queue")}</A>
        <Transition fallback=move || view! { <p class="muted">{i.t("正在读取…", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match record.await {
                    Ok(r) => view! { <Filing record=r decided=decided /> }.into_any(),
                    Err(e) => {
                        if e.status == 401 {
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
fn Filing(record: FilingRecord, decided: RwSignal<u32>) -> impl IntoView {
    let i = use_i18n();
    let row = |zh: &'static str, en: &'static str, v: String| {
        view! { <dt>{move || i.t(zh, en)}</dt><dd>{v}</dd> }
    };
    let history = reviewer::history_of(&record);
    let files = crate::api::attachments_of(&record);
    let category = text_at(&record, "/category");
    view! {
        <div class="card-head">
            <h1>{title(&record)}</h1>
            <StatusBadge status=record.status />
        </div>
        {record.reason.clone().map(|r| view! { <p class="reason">{move || i.t("原因：", "Reason: ")} {r.clone()}</p> })}
        <dl class="facts">
            {row("参保人", "Insured", format!("{} {}", text_at(&record, "/insured/name"), text_at(&record, "/insured/id_number")))}
            {row("参保地 → 就医地", "Insured → treatment region", route(&record))}
            {row("备案类型", "Category", category
                .parse::<FilingCategory>()
                .map(|c| c.label_zh().to_owned())
                .unwrap_or_else(|_| category.clone()))}
            {row("开始日期", "Start date", text_at(&record, "/start_date"))}
        </dl>
        <h2>{move || i.t("证明材料", "Proof materials")}</h2>
        <Materials files=files category=category />
        <h2>{move || i.t("办理进度", "History")}</h2>
        <HistoryList list=history i=i />
        <DecisionForm id=record.id.clone() status=record.status decided=decided />
    }
}
