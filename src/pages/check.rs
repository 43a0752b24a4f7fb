//! `/check`: a short wizard, then `yidi_core::check` says whether and how to file.

use leptos::prelude::*;
use leptos_router::components::A;
use serde_json::json;
use yidi_core::check::{self, CheckResult, Validity};

use crate::components::radio_choice::RadioChoice;
use crate::components::region_picker::RegionPicker;
use crate::i18n::use_i18n;

const SITUATIONS: [(&str, &str, &str); 6] = [
    (
        "resettled",
        "退休后到外地安家（异地安置）",
        "Retired and moved away",
    ),
    ("living", "在外地长期居住", "Living there long-term"),
    (
        "working",
        "被单位派到外地常驻工作",
        "Posted there by an employer",
    ),
    (
        "referral",
        "医院开了转诊单，转到外地治疗",
        "Referred by a hospital",
    ),
    (
        "emergency",
        "在外地突发急病、急诊抢救",
        "Emergency while away",
    ),
    (
        "travel",
        "旅游、探亲、出差时看病，或其他临时外出",
        "Travel, visiting family, other",
    ),
];

fn persons(scheme: &str) -> Vec<(&'static str, &'static str, &'static str)> {
    if scheme == "resident" {
        vec![
            ("adult", "成年居民", "Adult"),
            ("student", "学生", "Student"),
            ("child", "少儿", "Child"),
        ]
    } else {
        vec![
            ("active", "在职", "Working"),
            ("retired", "退休", "Retired"),
        ]
    }
}

#[component]
pub fn Check() -> impl IntoView {
    let i = use_i18n();
    let step = RwSignal::new(0u8);
    let insured = RwSignal::new(String::new());
    let treatment = RwSignal::new(String::new());
    let scheme = RwSignal::new("employee".to_owned());
    let person = RwSignal::new("retired".to_owned());
    let situation = RwSignal::new(String::new());
    let hukou_moved = RwSignal::new(false);
    let admitted = RwSignal::new(false);
    let attempted = RwSignal::new(false);

    let result = Memo::new(move |_| {
        let req = json!({
            "insured_region": insured.get(), "treatment_region": treatment.get(),
            "scheme": scheme.get(), "person": person.get(), "situation": situation.get(),
            "hukou_moved": hukou_moved.get(), "already_admitted": admitted.get(),
        });
        let req = check::parse_request(&req.to_string())?;
        check::check(&req)
    });
    let step_error = move || -> Option<&'static str> {
        match step.get() {
            0 if insured.get().is_empty() => Some("请选择参保地（城市）"),
            0 if treatment.get().is_empty() => Some("请选择就医地（城市）"),
            2 if situation.get().is_empty() => Some("请选择您的情况"),
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
    let region_err = move |sig: RwSignal<String>, msg: &'static str| {
        Signal::derive(move || (attempted.get() && sig.get().is_empty()).then(|| msg.to_owned()))
    };

    view! {
        <section class="page check-page">
            <h1>{move || i.t("能否直接结算", "Can I settle directly?")}</h1>
            <p class="muted small">
                {move || format!("{} {} / 4", i.t("第", "Step"), step.get() + 1)}
            </p>
            {move || match step.get() {
                0 => view! {
                    <RegionPicker
                        id="check-insured"
                        label=Signal::derive(move || i.t("参保地：在哪里交的医保", "Insured in").to_owned())
                        value=insured
                        on_change=Callback::new(move |v| insured.set(v))
                        error=region_err(insured, "请选择参保地（城市）")
                    />
                    <RegionPicker
                        id="check-treatment"
                        label=Signal::derive(move || i.t("就医地：去哪里看病", "Treated in").to_owned())
                        value=treatment
                        on_change=Callback::new(move |v| treatment.set(v))
                        error=region_err(treatment, "请选择就医地（城市）")
                    />
                }
                .into_any(),
                1 => view! {
                    <fieldset class="field">
                        <legend>{move || i.t("险种", "Scheme")}</legend>
                        {[("employee", "职工医保", "Employee scheme"), ("resident", "城乡居民医保", "Resident scheme")]
                            .into_iter()
                            .map(|(v, zh, en)| {
                                let reset_person = move || person.set(persons(v)[0].0.to_owned());
                                view! {
                                    <RadioChoice name="scheme" value=v zh en selected=scheme on_pick=Callback::new(move |_| reset_person()) />
                                }
                            })
                            .collect_view()}
                    </fieldset>
                    <fieldset class="field">
                        <legend>{move || i.t("人员类别", "Person")}</legend>
                        {move || {
                            persons(&scheme.get())
                                .into_iter()
                                .map(|(v, zh, en)| view! { <RadioChoice name="person" value=v zh en selected=person /> })
                                .collect_view()
                        }}
                    </fieldset>
                }
                .into_any(),
                2 => view! {
                    <fieldset class="field" class:invalid=move || attempted.get() && situation.get().is_empty()>
                        <legend>{move || i.t("您的情况", "Your situation")}</legend>
                        {SITUATIONS
                            .into_iter()
                            .map(|(v, zh, en)| view! { <RadioChoice name="situation" value=v zh en selected=situation /> })
                            .collect_view()}
                    </fieldset>
                    <Show when=move || situation.get() == "resettled">
                        <div class="check">
                            <input
                                type="checkbox"
                                id="hukou-moved"
                                prop:checked=move || hukou_moved.get()
                                on:change:target=move |ev| hukou_moved.set(ev.target().checked())
                            />
                            <label for="hukou-moved">{move || i.t("户口已经迁到安置地", "Household registration moved there")}</label>
                        </div>
                    </Show>
                    <div class="check">
                        <input
                            type="checkbox"
                            id="already-admitted"
                            prop:checked=move || admitted.get()
                            on:change:target=move |ev| admitted.set(ev.target().checked())
                        />
                        <label for="already-admitted">{move || i.t("已经住院或已经看过病了", "Already admitted or treated")}</label>
                    </div>
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
                        let cat = r
                            .and_then(|r| r.category)
                            .and_then(|c| serde_json::to_value(c).ok())
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default();
                        let href = format!(
                            "/filings/new?insured_region={}&treatment_region={}&scheme={}&category={}",
                            insured.get(),
                            treatment.get(),
                            scheme.get(),
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
