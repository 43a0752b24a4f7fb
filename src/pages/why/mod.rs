//! `/why`: "为什么不能直接结算？" Plain questions in the order a person at a counter can answer
//! them, "不知道" always allowed; `yidi_core::diagnose` answers in the browser, offline.

mod answers;
mod checklist;
mod questions;
mod result;

use leptos::prelude::*;
use yidi_core::chronic::ChronicDisease;
use yidi_core::diagnose::{self, Diagnosis, Facts, VisitKind};
use yidi_core::domain::Choice;

use crate::components::region_picker::{InsuredAndTreated, RegionPicker, RegionQuestion};
use crate::i18n::use_i18n;
use crate::state::use_app;
use crate::storage;
pub(crate) use answers::Answers;
use answers::{DontKnow, Place, Saved};
use questions::{maybe_question, question};
use result::WhyResult;

/// Where the answers are kept, so a reload at the counter (or a lost connection) keeps them.
const KEY: &str = "yidi:why-answers";

/// The diagnosis of the answers, with the checked facts it came from.
pub(crate) type Answered = Result<(Facts, Diagnosis), yidi_core::CoreError>;

/// Questions 1 and 2: where insured, where treated now.
const REGIONS: [RegionQuestion; 2] = [
    (
        "why-insured",
        "1. 在哪里参保（交医保）",
        "1. Where are you insured?",
        "请选择参保地",
    ),
    (
        "why-treatment",
        "2. 现在在哪里看病",
        "2. Where are you treated now?",
        "请选择现在看病的地方",
    ),
];

#[component]
pub fn Why() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let saved = storage::load::<Saved>(KEY)
        .ok()
        .flatten()
        .unwrap_or_default();
    let show_result = RwSignal::new(saved.shown);
    let a = Answers::from_saved(saved);
    // Keep every answer on the device as it changes (a handful of small values: no debounce).
    Effect::new(move |prev: Option<()>| {
        let snapshot = a.to_saved(show_result.get());
        if prev.is_some()
            && let Err(e) = storage::save(KEY, &snapshot)
        {
            app.notices.save_error(&e);
        }
    });
    let attempted = RwSignal::new(false);
    let answered = Memo::new(move |_| -> Answered {
        let facts = a.facts()?;
        Ok((facts, diagnose::diagnose(&facts)))
    });
    let see = move |_| {
        attempted.set(true);
        if a.missing().is_none() {
            show_result.set(true);
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
    };
    let never = Signal::stored(false);
    let visit_missing = Signal::derive(move || attempted.get() && a.visit.get().is_none());
    let stage_missing = Signal::derive(move || attempted.get() && a.stage.get().is_none());

    view! {
        <section class="page why-page">
            <h1>{move || i.t("为什么不能直接结算？", "Why can't I settle directly?")}</h1>
            <Show
                when=move || show_result.get()
                fallback=move || view! {
                    <p class="lead">
                        {move || i.t(
                            "按顺序回答，不清楚的选“不知道”。回答完会告诉您现在该做什么。",
                            "Answer in order; choose “Don't know” when unsure. You'll see what to do now.",
                        )}
                    </p>
                    <InsuredAndTreated questions=REGIONS values=[a.insured, a.treatment] attempted />
                    {maybe_question("visit", ("3. 看病的类型", "3. What kind of care?"), a.visit, false, visit_missing)}
                    <Show when=move || a.visit.get() == Some(VisitKind::ChronicOutpatient)>
                        <div class="field">
                            <label for="why-disease">{move || i.t("哪个病种", "Which condition?")}</label>
                            <select
                                id="why-disease"
                                prop:value=move || a.disease.get().map_or("unknown", ChronicDisease::code)
                                on:change:target=move |ev| a.disease.set(ChronicDisease::from_code(&ev.target().value()).ok())
                            >
                                <option value="unknown">{move || i.t(DontKnow::DontKnow.label_zh(), DontKnow::DontKnow.label_en())}</option>
                                {ChronicDisease::ALL
                                    .iter()
                                    .map(|&d| view! {
                                        <option value=d.code()>{move || i.t(d.label_zh(), d.label_en())}</option>
                                    })
                                    .collect_view()}
                            </select>
                        </div>
                        {maybe_question("certified", ("参保地已经认定这个病种了吗", "Has your home region certified it?"), a.certified, true, never)}
                    </Show>
                    {question("emergency", ("4. 是急诊抢救吗", "4. Is it an emergency?"), a.emergency)}
                    {question("filing", ("5. 办了异地就医备案吗", "5. Did you file (备案)?"), a.filing)}
                    <Show when=move || a.filing.get().names_a_place()>
                        {question("place", ("备案的地方是", "The filing names"), a.place)}
                        <Show when=move || a.place.get() == Place::Other>
                            <RegionPicker
                                id="why-filed"
                                label=Signal::derive(move || i.t("备案的地方", "Filed for").to_owned())
                                value=a.place_code
                                on_change=Callback::new(move |v| a.place_code.set(v))
                            />
                        </Show>
                    </Show>
                    <Show when=move || a.filing.get().may_need_filing()>
                        {maybe_question("situation", ("为什么在外地看病（用来帮您填备案）", "Why are you away? (to prefill a filing)"), a.situation, true, never)}
                    </Show>
                    {maybe_question("networked", ("6. 这家医院或药店开通了跨省直接结算吗", "6. Is the hospital or pharmacy networked for cross-province settlement?"), a.networked, true, never)}
                    {maybe_question("credential", ("7. 看病时出示了社保卡或医保电子凭证吗", "7. Did you show your social security card or e-credential?"), a.credential, true, never)}
                    {maybe_question("insurance", ("8. 医保正常缴费、没有断缴吗", "8. Is your insurance paid up, no gap?"), a.insurance, true, never)}
                    {maybe_question("stage", ("9. 账单结算了吗", "9. Is the bill settled?"), a.stage, false, stage_missing)}
                    <p class="error" role="alert" data-testid="why-missing">
                        {move || attempted.get().then(|| a.missing().map(|(zh, en)| i.t(zh, en))).flatten()}
                    </p>
                    <div class="nav-buttons">
                        <button type="button" class="button primary" data-testid="why-see" on:click=see>
                            {move || i.t("看看为什么、该怎么办", "See why and what to do")}
                        </button>
                    </div>
                }
            >
                <WhyResult answered=answered answers=a />
                <div class="nav-buttons">
                    <button type="button" class="button" on:click=move |_| show_result.set(false)>
                        {move || i.t("修改回答", "Change answers")}
                    </button>
                </div>
            </Show>
        </section>
    }
}
