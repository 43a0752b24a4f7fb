//! `/why`: "为什么不能直接结算？" Plain questions in the order a person at a counter can answer
//! them, "不知道" always allowed; `yidi_core::diagnose` answers in the browser, offline.

mod answer;
mod checklist;
mod result;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use yidi_core::chronic::ChronicDisease;
use yidi_core::diagnose::{self, Diagnosis, Facts};

use crate::components::region_picker::RegionPicker;
use crate::i18n::use_i18n;
use crate::state::use_app;
use crate::storage::{self, Versioned};
use answer::Answer;
use result::WhyResult;

const VISITS: [(&str, &str, &str); 4] = [
    ("inpatient", "住院", "Inpatient stay"),
    ("outpatient", "看普通门诊", "Outpatient visit"),
    (
        "chronic_outpatient",
        "看门诊慢特病",
        "Chronic-condition outpatient",
    ),
    ("pharmacy", "在药店买药", "Pharmacy purchase"),
];

const STAGES: [(&str, &str, &str); 4] = [
    ("before_visit", "还没去看病", "Not treated yet"),
    (
        "in_hospital",
        "正在住院或看病，还没结算",
        "In hospital, bill not settled",
    ),
    (
        "discharged_unsettled",
        "已经出院，还没结算",
        "Discharged, bill not settled",
    ),
    (
        "settled_paid_self",
        "已经结算，自己付了全款",
        "Settled, paid it all myself",
    ),
];

const FILINGS: [(&str, &str, &str); 6] = [
    ("none", "没有备案", "Not filed"),
    ("in_effect", "备案了，已经生效", "Filed, in effect"),
    ("pending", "备案了，还在审核", "Filed, under review"),
    ("expired", "备案过期了", "Filing expired"),
    ("cancelled", "备案取消了", "Filing cancelled"),
    ("unknown", "不知道", "Don't know"),
];

const PLACES: [(&str, &str, &str); 3] = [
    ("same", "就是这次看病的地方", "Where I am treated now"),
    ("other", "别的地方", "Somewhere else"),
    ("unknown", "不知道", "Don't know"),
];

/// Why the person is away: only to prefill a filing's category.
const SITUATIONS: [(&str, &str, &str); 6] = [
    (
        "travel",
        "旅游、探亲、出差等临时外出",
        "Travel, visiting family, other",
    ),
    ("living", "在外地长期居住", "Living there long-term"),
    (
        "working",
        "被单位派到外地常驻工作",
        "Posted there by an employer",
    ),
    ("resettled", "退休后到外地安家", "Retired and moved away"),
    ("referral", "参保地医院开了转诊单", "Referred by a hospital"),
    ("unknown", "不确定", "Not sure"),
];

const YES_NO: [(&str, &str, &str); 2] = [("yes", "是", "Yes"), ("no", "不是", "No")];

const YES_NO_UNKNOWN: [(&str, &str, &str); 3] = [
    ("yes", "是", "Yes"),
    ("no", "不是 / 没有", "No"),
    ("unknown", "不知道", "Don't know"),
];

/// The answers as typed; `to_json` turns them into the contract's facts.
#[derive(Clone, Copy)]
pub(crate) struct Answers {
    pub insured: RwSignal<String>,
    pub treatment: RwSignal<String>,
    pub visit: RwSignal<String>,
    pub disease: RwSignal<String>,
    pub certified: RwSignal<String>,
    pub emergency: RwSignal<String>,
    pub filing: RwSignal<String>,
    pub place: RwSignal<String>,
    pub place_code: RwSignal<String>,
    pub situation: RwSignal<String>,
    pub networked: RwSignal<String>,
    pub credential: RwSignal<String>,
    pub insurance: RwSignal<String>,
    pub stage: RwSignal<String>,
}

/// Where the answers are kept, so a reload at the counter (or a lost connection) keeps them.
const KEY: &str = "yidi:why-answers";

/// The answers as stored, and whether the result was on screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
struct Saved {
    fields: [String; 14],
    shown: bool,
}

impl Default for Saved {
    fn default() -> Self {
        let d = |v: &str| v.to_owned();
        Saved {
            fields: [
                d(""),
                d(""),
                d(""),
                d("unknown"),
                d("unknown"),
                d("no"),
                d("unknown"),
                d("same"),
                d(""),
                d("unknown"),
                d("unknown"),
                d("unknown"),
                d("unknown"),
                d(""),
            ],
            shown: false,
        }
    }
}

impl Versioned for Saved {
    const VERSION: u32 = 1;
}

impl Answers {
    fn from_saved(saved: &Saved) -> Self {
        let s = |n: usize| RwSignal::new(saved.fields[n].clone());
        Answers {
            insured: s(0),
            treatment: s(1),
            visit: s(2),
            disease: s(3),
            certified: s(4),
            emergency: s(5),
            filing: s(6),
            place: s(7),
            place_code: s(8),
            situation: s(9),
            networked: s(10),
            credential: s(11),
            insurance: s(12),
            stage: s(13),
        }
    }

    fn signals(&self) -> [RwSignal<String>; 14] {
        [
            self.insured,
            self.treatment,
            self.visit,
            self.disease,
            self.certified,
            self.emergency,
            self.filing,
            self.place,
            self.place_code,
            self.situation,
            self.networked,
            self.credential,
            self.insurance,
            self.stage,
        ]
    }

    /// The first required answer that is missing, as a message.
    fn missing(&self) -> Option<(&'static str, &'static str)> {
        if self.insured.get().is_empty() {
            Some(("请选择参保地", "Choose where you are insured"))
        } else if self.treatment.get().is_empty() {
            Some(("请选择现在看病的地方", "Choose where you are treated"))
        } else if self.visit.get().is_empty() {
            Some(("请选择看病的类型", "Choose the kind of care"))
        } else if self.stage.get().is_empty() {
            Some(("请选择账单结算了没有", "Choose whether the bill is settled"))
        } else {
            None
        }
    }

    fn to_json(self) -> Value {
        let tri = |v: String| match v.as_str() {
            "yes" => json!(true),
            "no" => json!(false),
            _ => Value::Null,
        };
        let filing = match self.filing.get().as_str() {
            "none" => Value::Null,
            "unknown" => json!({}),
            state => {
                let mut f = Map::new();
                f.insert("state".into(), json!(state));
                let place = match self.place.get().as_str() {
                    "same" => Some(self.treatment.get()),
                    "other" => Some(self.place_code.get()).filter(|c| !c.is_empty()),
                    _ => None,
                };
                if let Some(code) = place {
                    f.insert("treatment_region".into(), json!(code));
                }
                Value::Object(f)
            }
        };
        let disease = self.disease.get();
        json!({
            "insured_region": self.insured.get(),
            "treatment_region": self.treatment.get(),
            "visit": self.visit.get(),
            "chronic_disease": (disease != "unknown").then_some(disease),
            "chronic_certified": tri(self.certified.get()),
            "emergency": self.emergency.get() == "yes",
            "filing": filing,
            "networked": tri(self.networked.get()),
            "credential_shown": tri(self.credential.get()),
            "insurance_active": tri(self.insurance.get()),
            "stage": self.stage.get(),
        })
    }
}

/// The diagnosis of the answers, with the checked facts it came from.
pub(crate) type Answered = Result<(Facts, Diagnosis), yidi_core::CoreError>;

#[component]
pub fn Why() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let saved = storage::load::<Saved>(KEY)
        .ok()
        .flatten()
        .unwrap_or_default();
    let a = Answers::from_saved(&saved);
    let show_result = RwSignal::new(saved.shown);
    // Keep every answer on the device as it changes (a handful of short strings: no debounce).
    Effect::new(move |prev: Option<()>| {
        let snapshot = Saved {
            fields: a.signals().map(|s| s.get()),
            shown: show_result.get(),
        };
        if prev.is_some()
            && let Err(e) = storage::save(KEY, &snapshot)
        {
            app.notices.save_error(&e);
        }
    });
    let attempted = RwSignal::new(false);
    let answered = Memo::new(move |_| -> Answered {
        let facts = diagnose::parse_facts(&a.to_json().to_string())?;
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
    let group = move |name: &'static str,
                      zh: &'static str,
                      en: &'static str,
                      choices: &'static [(&'static str, &'static str, &'static str)],
                      selected: RwSignal<String>| {
        view! {
            <fieldset class="field" class:invalid=move || attempted.get() && selected.get().is_empty()>
                <legend>{move || i.t(zh, en)}</legend>
                {choices
                    .iter()
                    .map(|&(v, zh, en)| view! { <Answer name=name value=v zh en selected=selected /> })
                    .collect_view()}
            </fieldset>
        }
    };
    let region_error = move |sig: RwSignal<String>, zh: &'static str| {
        Signal::derive(move || (attempted.get() && sig.get().is_empty()).then(|| zh.to_owned()))
    };

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
                    <RegionPicker
                        id="why-insured"
                        label=Signal::derive(move || i.t("1. 在哪里参保（交医保）", "1. Where are you insured?").to_owned())
                        value=a.insured
                        on_change=Callback::new(move |v| a.insured.set(v))
                        error=region_error(a.insured, "请选择参保地")
                    />
                    <RegionPicker
                        id="why-treatment"
                        label=Signal::derive(move || i.t("2. 现在在哪里看病", "2. Where are you treated now?").to_owned())
                        value=a.treatment
                        on_change=Callback::new(move |v| a.treatment.set(v))
                        error=region_error(a.treatment, "请选择现在看病的地方")
                    />
                    {group("visit", "3. 看病的类型", "3. What kind of care?", &VISITS, a.visit)}
                    <Show when=move || a.visit.get() == "chronic_outpatient">
                        <div class="field">
                            <label for="why-disease">{move || i.t("哪个病种", "Which condition?")}</label>
                            <select
                                id="why-disease"
                                prop:value=move || a.disease.get()
                                on:change:target=move |ev| a.disease.set(ev.target().value())
                            >
                                <option value="unknown">{move || i.t("不知道", "Don't know")}</option>
                                {ChronicDisease::ALL
                                    .iter()
                                    .map(|d| {
                                        let code = serde_json::to_value(d)
                                            .ok()
                                            .and_then(|v| v.as_str().map(str::to_owned))
                                            .unwrap_or_default();
                                        let (zh, en) = (d.label_zh(), d.label_en());
                                        view! { <option value=code>{move || i.t(zh, en)}</option> }
                                    })
                                    .collect_view()}
                            </select>
                        </div>
                        {group("certified", "参保地已经认定这个病种了吗", "Has your home region certified it?", &YES_NO_UNKNOWN, a.certified)}
                    </Show>
                    {group("emergency", "4. 是急诊抢救吗", "4. Is it an emergency?", &YES_NO, a.emergency)}
                    {group("filing", "5. 办了异地就医备案吗", "5. Did you file (备案)?", &FILINGS, a.filing)}
                    <Show when=move || matches!(a.filing.get().as_str(), "in_effect" | "pending" | "expired")>
                        {group("place", "备案的地方是", "The filing names", &PLACES, a.place)}
                        <Show when=move || a.place.get() == "other">
                            <RegionPicker
                                id="why-filed"
                                label=Signal::derive(move || i.t("备案的地方", "Filed for").to_owned())
                                value=a.place_code
                                on_change=Callback::new(move |v| a.place_code.set(v))
                            />
                        </Show>
                    </Show>
                    <Show when=move || matches!(a.filing.get().as_str(), "none" | "cancelled" | "expired" | "unknown")>
                        {group("situation", "为什么在外地看病（用来帮您填备案）", "Why are you away? (to prefill a filing)", &SITUATIONS, a.situation)}
                    </Show>
                    {group("networked", "6. 这家医院或药店开通了跨省直接结算吗", "6. Is the hospital or pharmacy networked for cross-province settlement?", &YES_NO_UNKNOWN, a.networked)}
                    {group("credential", "7. 看病时出示了社保卡或医保电子凭证吗", "7. Did you show your social security card or e-credential?", &YES_NO_UNKNOWN, a.credential)}
                    {group("insurance", "8. 医保正常缴费、没有断缴吗", "8. Is your insurance paid up, no gap?", &YES_NO_UNKNOWN, a.insurance)}
                    {group("stage", "9. 账单结算了吗", "9. Is the bill settled?", &STAGES, a.stage)}
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
