//! `/check`: a short wizard, then `yidi_core::check` says whether and how to file.

use leptos::prelude::*;
use leptos_router::components::A;
use yidi_core::check::{self, CheckRequest, CheckResult, Situation, Validity};
use yidi_core::domain::{Person, Scheme};

use crate::components::check_box::CheckBox;
use crate::components::radio_choice::RadioChoice;
use crate::components::region_picker::{InsuredAndTreated, RegionQuestion};
use crate::i18n::use_i18n;

/// Step 1: where insured, where treated.
const REGIONS: [RegionQuestion; 2] = [
    (
        "check-insured",
        "参保地：在哪里交的医保",
        "Insured in",
        "请选择参保地（城市）",
    ),
    (
        "check-treatment",
        "就医地：去哪里看病",
        "Treated in",
        "请选择就医地（城市）",
    ),
];

#[component]
pub fn Check() -> impl IntoView {
    let i = use_i18n();
    let step = RwSignal::new(0u8);
    let insured = RwSignal::new(String::new());
    let treatment = RwSignal::new(String::new());
    let scheme = RwSignal::new(Scheme::Employee);
    let person = RwSignal::new(Person::Retired);
    let situation = RwSignal::new(None::<Situation>);
    let hukou_moved = RwSignal::new(false);
    let admitted = RwSignal::new(false);
    let attempted = RwSignal::new(false);

    let result = Memo::new(move |_| {
        check::check(&CheckRequest {
            insured_region: insured.get(),
            treatment_region: treatment.get(),
            scheme: scheme.get(),
            person: person.get(),
            // The result step is reached only with a situation chosen.
            situation: situation.get().unwrap_or(Situation::Travel),
            hukou_moved: hukou_moved.get(),
            already_admitted: admitted.get(),
        })
    });
    let step_error = move || -> Option<&'static str> {
        match step.get() {
            0 if insured.get().is_empty() => Some(REGIONS[0].3),
            0 if treatment.get().is_empty() => Some(REGIONS[1].3),
            2 if situation.get().is_none() => Some("请选择您的情况"),
            _ => None,
        }
    };
    let next = move |_| {
        attempted.set(true);
        if step_error().is_none() {
            attempted.set(false);
            step.update(|s| *s += 1);
        }
    };
    let label =
        move |zh: &'static str, en: &'static str| Signal::derive(move || i.t(zh, en).to_owned());

    view! {
        <section class="page check-page">
            <h1>{move || i.t("能否直接结算", "Can I settle directly?")}</h1>
            <p class="muted small">
                {move || format!("{} {} / 4", i.t("第", "Step"), step.get() + 1)}
            </p>
            {move || match step.get() {
                0 => view! {
                    <InsuredAndTreated questions=REGIONS values=[insured, treatment] attempted />
                }
                .into_any(),
                1 => view! {
                    <fieldset class="field">
                        <legend>{move || i.t("险种", "Scheme")}</legend>
                        {Scheme::ALL
                            .into_iter()
                            .map(|v| view! {
                                <RadioChoice name="scheme" value=v checked=Signal::derive(move || scheme.get() == v)
                                    on_pick=Callback::new(move |v| {
                                        scheme.set(v);
                                        person.set(Person::for_scheme(v)[0]);
                                    }) />
                            })
                            .collect_view()}
                    </fieldset>
                    <fieldset class="field">
                        <legend>{move || i.t("人员类别", "Person")}</legend>
                        {move || {
                            Person::for_scheme(scheme.get())
                                .iter()
                                .map(|&v| view! {
                                    <RadioChoice name="person" value=v checked=Signal::derive(move || person.get() == v)
                                        on_pick=Callback::new(move |v| person.set(v)) />
                                })
                                .collect_view()
                        }}
                    </fieldset>
                }
                .into_any(),
                2 => view! {
                    <fieldset class="field" class:invalid=move || attempted.get() && situation.get().is_none()>
                        <legend>{move || i.t("您的情况", "Your situation")}</legend>
                        {Situation::ALL
                            .into_iter()
                            .map(|v| view! {
                                <RadioChoice name="situation" value=v checked=Signal::derive(move || situation.get() == Some(v))
                                    on_pick=Callback::new(move |v| situation.set(Some(v))) />
                            })
                            .collect_view()}
                    </fieldset>
                    <Show when=move || situation.get() == Some(Situation::Resettled)>
                        <CheckBox id="hukou-moved" label=label("户口已经迁到安置地", "Household registration moved there")
                            checked=hukou_moved on_change=Callback::new(move |on| hukou_moved.set(on)) />
                    </Show>
                    <CheckBox id="already-admitted" label=label("已经住院或已经看过病了", "Already admitted or treated")
                        checked=admitted on_change=Callback::new(move |on| admitted.set(on)) />
                }
                .into_any(),
                _ => view! { <ResultCard result=result /> }.into_any(),
            }}
            <p class="error" role="alert">{move || if attempted.get() { step_error() } else { None }}</p>
            <div class="nav-buttons">
                <Show when=move || { step.get() > 0 }>
                    <button type="button" class="button" on:click=move |_| step.update(|s| *s -= 1)>
                        {move || i.t("上一步", "Back")}
                    </button>
                </Show>
                <Show when=move || { step.get() < 3 }>
                    <button type="button" class="button primary" on:click=next>
                        {move || if step.get() == 2 { i.t("查看结果", "See result") } else { i.t("下一步", "Next") }}
                    </button>
                </Show>
                <Show when=move || { step.get() == 3 }>
                    {move || {
                        let r = result.get().ok();
                        let show = r.as_ref().is_some_and(|r| r.must_file);
                        let cat = r.and_then(|r| r.category).map(|c| c.code()).unwrap_or_default();
                        let href = format!(
                            "/filings/new?insured_region={}&treatment_region={}&scheme={}&category={}",
                            insured.get(),
                            treatment.get(),
                            scheme.get().code(),
                            cat
                        );
                        show.then(|| view! {
                            <A href=href attr:class="button primary">{move || i.t("按这个结果开始备案", "Start a filing with these answers")}</A>
                        })
                    }}
                </Show>
            </div>
        </section>
    }
}

#[component]
fn ResultCard(result: Memo<Result<CheckResult, yidi_core::CoreError>>) -> impl IntoView {
    let i = use_i18n();
    move || match result.get() {
        Err(e) => view! { <div class="card error-card" role="alert">{e.message}</div> }.into_any(),
        Ok(r) => {
            let category = match (r.category, r.class) {
                (Some(c), Some(k)) => format!("{}（{}）", c.label_zh(), k.label_zh()),
                _ => "省内异地就医".to_owned(),
            };
            let filing_line = if r.treated_as_filed {
                "视同备案：不用提前办理备案"
            } else if r.must_file {
                "需要先办理跨省异地就医备案"
            } else {
                "不需要办理跨省备案"
            };
            let validity = r.validity.map(|v| match v {
                Validity::LongTerm => "长期有效，直到变更或取消".to_owned(),
                Validity::Months(n) => format!("{n} 个月内有效，期间可多次就医"),
            });
            view! {
                <div class="card result" role="status">
                    <h2 data-testid="check-result-category">{category}</h2>
                    <p class="big-line" class:ok=r.treated_as_filed data-testid="check-treated-as-filed" data-value=r.treated_as_filed.to_string()>
                        {filing_line}
                    </p>
                    <p>{r.reason.clone()}</p>
                    {validity.map(|v| view! { <p><strong>{i.t("有效期：", "Validity: ")}</strong>{v}</p> })}
                    <Show when={
                        let empty = r.materials.is_empty();
                        move || !empty
                    }>
                        <h3>{i.t("需要的材料", "Papers")}</h3>
                    </Show>
                    <ul>
                        {r.materials
                            .iter()
                            .map(|m| {
                                let alt = m
                                    .alternative_to
                                    .as_ref()
                                    .and_then(|a| r.materials.iter().find(|x| &x.code == a))
                                    .map(|x| format!("（可代替“{}”）", x.name));
                                view! { <li>{m.name.clone()}{alt}</li> }
                            })
                            .collect_view()}
                    </ul>
                    {r.commitment_allowed.then(|| view! {
                        <p class="hint">"没有这些材料时，可以签署个人承诺书代替。"</p>
                    })}
                    {(!r.late_filing.is_empty()).then(|| view! {
                        <h3>"补办"</h3>
                        <p>{r.late_filing.clone()}</p>
                    })}
                    {(!r.channels.is_empty()).then(|| view! {
                        <h3>"在哪里办"</h3>
                        <ul>{r.channels.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul>
                    })}
                    {(!r.warnings.is_empty()).then(|| view! {
                        <h3>"请注意"</h3>
                        <ul class="warnings">{r.warnings.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}</ul>
                    })}
                    <p>
                        <A href="/why" attr:data-testid="check-why">
                            {move || i.t("在医院不能直接结算？查原因和办法", "Refused direct settlement? Find out why")}
                        </A>
                    </p>
                    <details>
                        <summary>"依据"</summary>
                        <ul class="small">{r.sources.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}</ul>
                    </details>
                </div>
            }
            .into_any()
        }
    }
}
