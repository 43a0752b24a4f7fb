//! `/estimate`: the bill in, fund and personal share out, recomputed on every keystroke by
//! `yidi_core::estimate::compare` (microseconds: a `Memo`, no submit button). Filed, not filed and
//! manual claim side by side; a custom-parameters form where no pack has the figures.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use yidi_core::CoreError;
use yidi_core::domain::{FilingStatus, Person, Scheme, Visit};
use yidi_core::estimate::{self, Comparison, EstimateResult, Scenario as Column};
use yidi_core::policy::{self, PackSet};

use crate::autosave::use_autosave;
use crate::components::deferred::Deferred;
use crate::components::field::{Field, SelectInput, TextInput, choice_options};
use crate::components::pack_provenance::PackProvenance;
use crate::components::region_picker::RegionPicker;
use crate::components::saved_copies::SavedCopies;
use crate::components::saved_policies::SavedPolicies;
use crate::estimate_request;
use crate::i18n::{I18n, use_i18n};
use crate::packs::use_packs;
use crate::scenarios::{BandFields, EstimateForm};
use crate::state::use_app;
use crate::storage::{self, Versioned};

/// The page's inputs survive a reload (and work offline) under this key.
const CURRENT_KEY: &str = "yidi:estimate:current";

impl Versioned for EstimateForm {
    const VERSION: u32 = 1;
}

fn opts(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(v, t)| ((*v).to_owned(), (*t).to_owned()))
        .collect()
}

/// The pack in use for the insured region and scheme (bundled, or newer from the server), if any.
fn pack_for<'p>(form: &EstimateForm, packs: &'p PackSet) -> Option<&'p policy::PolicyPack> {
    packs.for_region(&form.insured_region, form.scheme.parse().ok()?)
}

/// What the page shows: nothing yet, a problem to fix, or the comparison.
#[derive(Clone, PartialEq)]
enum Outcome {
    NeedsInput(&'static str),
    Problem(CoreError),
    Done(Box<Comparison>),
}

fn outcome(form: &EstimateForm, packs: &PackSet) -> Outcome {
    if form.insured_region.is_empty() {
        return Outcome::NeedsInput("请选择参保地");
    }
    if !form.custom && pack_for(form, packs).is_none() {
        return Outcome::NeedsInput("这个参保地还没有内置政策，请在下方填写自定义政策参数");
    }
    if form.custom && form.custom_deductible.trim().is_empty() {
        return Outcome::NeedsInput("请填写起付线");
    }
    if form.total.trim().is_empty() {
        return Outcome::NeedsInput("请输入费用总额");
    }
    let req = match estimate_request::request(form, pack_for(form, packs)) {
        Ok(r) => r,
        Err(e) => return Outcome::Problem(e),
    };
    match estimate::compare_in(&req, packs) {
        Ok(c) => Outcome::Done(Box::new(c)),
        Err(e) => Outcome::Problem(e),
    }
}

/// A text field of the form (`bind!(form.total)`) as the (value, on-input) pair of a
/// `TextInput`, `SelectInput` or `RegionPicker`.
macro_rules! bind {
    ($form:ident . $($field:ident).+) => {
        (
            Signal::derive(move || $form.with(|f| f.$($field).+.clone())),
            Callback::new(move |v: String| $form.update(|f| f.$($field).+ = v)),
        )
    };
}

#[component]
pub fn Estimate() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let mut initial = storage::load::<EstimateForm>(CURRENT_KEY)
        .ok()
        .flatten()
        .unwrap_or_default();
    // Opened from a diagnosis (`/why`): its regions and kind of visit replace the saved ones.
    use_query_map().with_untracked(|q| {
        for (k, slot) in [
            ("insured_region", &mut initial.insured_region),
            ("treatment_region", &mut initial.treatment_region),
            ("visit", &mut initial.visit),
        ] {
            if let Some(v) = q.get(k) {
                *slot = v;
            }
        }
    });
    let form = RwSignal::new(initial);
    // Autosave the inputs so a reload, online or not, keeps them.
    use_autosave(
        move || form.track(),
        move || {
            if let Some(f) = form.try_get_untracked()
                && let Err(e) = storage::save(CURRENT_KEY, &f)
            {
                app.notices.save_error(&e);
            }
        },
    );
    let packs = use_packs();
    let result = Memo::new(move |_| packs.set.with(|set| form.with(|f| outcome(f, set))));
    let has_pack = Memo::new(move |_| {
        packs
            .set
            .with(|set| form.with(|f| pack_for(f, set).map(|p| p.summary())))
    });

    let label =
        move |zh: &'static str, en: &'static str| Signal::derive(move || i.t(zh, en).to_owned());
    let (total_v, total_s) = bind!(form.total);
    let (adm_v, adm_s) = bind!(form.admission);
    let (ins_v, ins_s) = bind!(form.insured_region);
    let (tre_v, tre_s) = bind!(form.treatment_region);

    view! {
        <section class="page estimate">
            <h1>{move || i.t("能报多少", "How much is covered?")}</h1>
            <p class="muted small">
                {move || i.t("边输入边计算，不用点提交。结果仅供参考。", "Results update as you type. Estimates only.")}
            </p>
            <RegionPicker
                id="est-insured"
                label=label("参保地", "Insured in")
                value=ins_v
                on_change=ins_s
            />
            <RegionPicker
                id="est-treatment"
                label=label("就医地", "Treated in")
                value=tre_v
                on_change=tre_s
            />
            // The rest of the form, and below it what is under the first screen: each rendered a
            // task later (shorter tasks while a slow phone starts the app).
            <Deferred>
                <div class="row2">
                    <Field id="est-scheme" label=label("险种", "Scheme")>
                        <SelectInput
                            value=Signal::derive(move || form.with(|f| f.scheme.clone()))
                            on_change=Callback::new(move |v: String| {
                                form.update(|f| {
                                    if let Ok(scheme) = v.parse() {
                                        f.person = Person::for_scheme(scheme)[0].code().to_owned();
                                    }
                                    f.scheme = v;
                                })
                            })
                            options=Signal::derive(move || choice_options(i, &Scheme::ALL))
                        />
                    </Field>
                    <SelectField
                        id="est-person"
                        label=label("人员类别", "Person")
                        bind=bind!(form.person)
                        options=Signal::derive(move || {
                                let scheme = form.with(|f| f.scheme.parse().unwrap_or(Scheme::Employee));
                                choice_options(i, Person::for_scheme(scheme))
                            })
                    />
                    <SelectField id="est-visit" label=label("就医类型", "Care") bind=bind!(form.visit) options=Signal::derive(move || choice_options(i, &Visit::ALL)) />
                    <SelectField id="est-level" label=label("医院等级", "Hospital level") bind=bind!(form.hospital_level) options=Signal::derive(|| opts(&[("1", "一级"), ("2", "二级"), ("3", "三级")])) />
                    <Field id="est-admission" label=label("今年第几次住院", "Stay number this year")>
                        <TextInput value=adm_v on_input=adm_s inputmode="numeric" />
                    </Field>
                    <SelectField id="est-filing" label=label("备案情况", "Filing") bind=bind!(form.filing) options=Signal::derive(move || choice_options(i, &FilingStatus::ALL)) />
                </div>
                <p class="source" data-testid="estimate-policy">
                    {move || match (form.with(|f| f.custom), has_pack.get()) {
                        (true, _) => i.t("使用：自定义政策（您填写的参数）", "Using: your own parameters").to_owned(),
                        (false, Some(s)) => format!("{}{}（{}）", i.t("使用政策包：", "Policy pack: "), s.name, s.effective),
                        (false, None) => i.t("这个参保地暂无内置政策包", "No bundled pack for this region").to_owned(),
                    }}
                </p>
                <PackProvenance id=Signal::derive(move || {
                    (!form.with(|f| f.custom)).then(|| has_pack.get().map(|s| s.id)).flatten()
                }) />
                <h2>{move || i.t("费用", "The bill")}</h2>
                <Field
                    id="est-total"
                    label=label("费用总额（元）", "Bill total (yuan)")
                    hint=label("住院或门诊发票上的总金额", "The total on the invoice")
                    error=Signal::derive(move || match result.get() {
                        Outcome::Problem(e) if e.field.as_deref() == Some("bill.total") => Some(e.message),
                        _ => None,
                    })
                >
                    <TextInput value=total_v on_input=total_s inputmode="decimal" testid="estimate-total" />
                </Field>
                <div class="row2">
                    <DecimalField id="est-ooc" label=label("其中：自费（丙类）", "Of which: not covered") bind=bind!(form.out_of_catalog) />
                    <DecimalField id="est-classb" label=label("其中：乙类", "Of which: class B") bind=bind!(form.class_b) />
                </div>
                <details>
                    <summary>{move || i.t("今年已发生的费用（可不填）", "Earlier this year (optional)")}</summary>
                    <DecimalField id="est-ytd-eligible" label=label("今年已发生的政策范围内费用", "Eligible cost so far") bind=bind!(form.ytd_eligible) />
                    <DecimalField id="est-ytd-fund" label=label("今年统筹基金已支付", "Fund paid so far") bind=bind!(form.ytd_fund_paid) />
                    <DecimalField id="est-ytd-deductible" label=label("今年已付的起付线", "Deductible met so far") bind=bind!(form.ytd_deductible_met) />
                </details>
            </Deferred>
            <Deferred>
                <CustomPolicy form=form show=Signal::derive(move || has_pack.get().is_none()) />
                <ResultView result=result i=i />
                <SavedScenarios form=form />
            </Deferred>
        </section>
    }
}

/// Deductible, bands and cap typed by the user, for regions without a pack (or by choice).
#[component]
fn CustomPolicy(form: RwSignal<EstimateForm>, show: Signal<bool>) -> impl IntoView {
    let i = use_i18n();
    let custom = move || form.with(|f| f.custom);
    // No pack: the custom form is the only way, so turn it on; a region with a pack again
    // turns it off (the user can still tick it).
    // The region is tracked too: a first pick of a region without a pack (the empty region
    // before it had no pack either) must turn the custom form on.
    let region = Memo::new(move |_| form.with(|f| f.insured_region.clone()));
    Effect::new(move |prev: Option<(bool, String)>| {
        let no_pack = show.get();
        let region = region.get();
        let changed = prev.is_some_and(|(p, r)| p != no_pack || r != region);
        if !region.is_empty()
            && (changed || no_pack)
            && form.with_untracked(|f| f.custom) != no_pack
        {
            form.update(|f| f.custom = no_pack);
        }
        (no_pack, region)
    });
    let label =
        move |zh: &'static str, en: &'static str| Signal::derive(move || i.t(zh, en).to_owned());
    view! {
        <details class="custom" prop:open=move || custom() || show.get()>
            <summary>{move || i.t("自定义政策参数", "Your own policy parameters")}</summary>
            <div class="check">
                <input
                    type="checkbox"
                    id="est-custom"
                    prop:checked=custom
                    on:change:target=move |ev| {
                        let on = ev.target().checked();
                        form.update(|f| f.custom = on);
                    }
                />
                <label for="est-custom">{move || i.t("用我自己填写的参数计算", "Use these parameters")}</label>
            </div>
            <p class="muted small">
                {move || i.t("参数可在参保地医保局网站或 12393 医保服务热线查到。", "Find them on the insured region's insurance office site or via 12393.")}
            </p>
            <DecimalField id="est-c-deductible" label=label("起付线（元）", "Deductible (yuan)") bind=bind!(form.custom_deductible) />
            <fieldset class="field">
                <legend>{move || i.t("分段支付比例", "Bands")}</legend>
                <p class="hint">{move || i.t("累计政策范围内费用到多少元、按百分之几支付；最后一段不填上限。", "Up to what cumulative cost, what percent; the last band has no limit.")}</p>
                {move || {
                    let n = form.with(|f| f.custom_bands.len());
                    (0..n)
                        .map(|k| {
                            let up_id = format!("est-band-{k}-up");
                            let pc_id = format!("est-band-{k}-pct");
                            let last = k + 1 == n;
                            view! {
                                <div class="band-row">
                                    {band_input(form, k, up_id, format!("第 {} 段上限（元）", k + 1), last, |b| &mut b.up_to)}
                                    {band_input(form, k, pc_id, "支付比例（%）".to_owned(), false, |b| &mut b.percent)}
                                    <button
                                        type="button"
                                        class="link"
                                        aria-label=format!("删除第 {} 段", k + 1)
                                        disabled=move || n == 1
                                        on:click=move |_| form.update(|f| { if f.custom_bands.len() > 1 { f.custom_bands.remove(k); } })
                                    >
                                        "删除"
                                    </button>
                                </div>
                            }
                        })
                        .collect_view()
                }}
                <button
                    type="button"
                    class="button"
                    on:click=move |_| form.update(|f| f.custom_bands.insert(f.custom_bands.len().saturating_sub(1), BandFields::default()))
                >
                    {move || i.t("加一段", "Add a band")}
                </button>
            </fieldset>
            <DecimalField id="est-c-cap" label=label("年度最高支付限额（元，可不填）", "Annual cap (optional)") bind=bind!(form.custom_cap) />
            <DecimalField id="est-c-classb" label=label("乙类先行自付比例（%，可不填）", "Class B paid first (%)") bind=bind!(form.custom_class_b_self_pay) />
            <SavedPolicies form=form />
        </details>
    }
}

/// A money or percent field bound to the form (`bind!(form.x)`): typed as text with
/// `inputmode="decimal"`, so a stray character stays in view to be fixed.
#[component]
fn DecimalField(
    id: &'static str,
    label: Signal<String>,
    bind: (Signal<String>, Callback<String>),
) -> impl IntoView {
    let (value, on_input) = bind;
    view! {
        <Field id=id label=label>
            <TextInput value=value on_input=on_input inputmode="decimal" />
        </Field>
    }
}

/// A `<select>` bound to the form (`bind!(form.x)`), with its `(value, text)` options.
#[component]
fn SelectField(
    id: &'static str,
    label: Signal<String>,
    bind: (Signal<String>, Callback<String>),
    options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let (value, on_change) = bind;
    view! {
        <Field id=id label=label>
            <SelectInput value=value on_change=on_change options=options />
        </Field>
    }
}

/// One figure of band `k` (its upper limit or its percent), read and written through `field`;
/// the last band's limit is `disabled` ("不限").
fn band_input(
    form: RwSignal<EstimateForm>,
    k: usize,
    id: String,
    label: String,
    disabled: bool,
    field: fn(&mut BandFields) -> &mut String,
) -> impl IntoView {
    view! {
        <div>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="text"
                inputmode="decimal"
                disabled=disabled
                placeholder=disabled.then_some("不限")
                prop:value=move || {
                    form.with(|f| f.custom_bands.get(k).cloned().map(|mut b| field(&mut b).clone()).unwrap_or_default())
                }
                on:input:target=move |ev| {
                    let v = ev.target().value();
                    form.update(|f| if let Some(b) = f.custom_bands.get_mut(k) { *field(b) = v })
                }
            />
        </div>
    }
}

fn source_line(r: &EstimateResult) -> String {
    format!(
        "来源：{} · 年份：{}",
        r.policy.source,
        r.policy
            .effective
            .clone()
            .unwrap_or_else(|| "用户填写".into())
    )
}

#[component]
fn ResultView(result: Memo<Outcome>, i: I18n) -> impl IntoView {
    move || {
        match result.get() {
        Outcome::NeedsInput(msg) => view! { <p class="card muted" role="status" data-testid="estimate-needs">{msg}</p> }.into_any(),
        Outcome::Problem(e) => view! { <p class="card error-card" role="alert" data-testid="estimate-error">{e.message}</p> }.into_any(),
        Outcome::Done(c) => {
            let main = c.filed.result.clone();
            view! {
                <div aria-live="polite">
                    {match main {
                        Some(r) => view! {
                            <div class="figures">
                                <div class="figure fund">
                                    <span class="label">{i.t("统筹基金支付（元）", "Fund pays (yuan)")}</span>
                                    <span class="amount" data-testid="estimate-fund">{r.fund.display()}</span>
                                </div>
                                <div class="figure">
                                    <span class="label">{i.t("个人负担（元）", "You pay (yuan)")}</span>
                                    <span class="amount" data-testid="estimate-personal">{r.personal.display()}</span>
                                </div>
                            </div>
                            <p class="source">{source_line(&r)}</p>
                            <h2>{i.t("怎么算的", "How it is computed")}</h2>
                            <ol class="steps-list">
                                {r.steps.iter().map(|s| view! {
                                    <li>
                                        <strong>{s.label.clone()}</strong>
                                        <span class="amt">{format!(" {} 元", s.amount.display())}</span>
                                        <br/>
                                        <span class="small">{s.detail.clone()}</span>
                                    </li>
                                }).collect_view()}
                            </ol>
                        }.into_any(),
                        None => view! {
                            <p class="card error-card" role="alert" data-testid="estimate-error">
                                {c.filed.error.clone().map(|e| e.message).unwrap_or_default()}
                            </p>
                        }.into_any(),
                    }}
                    <h2>{i.t("三种情况对比", "Side by side")}</h2>
                    <div class="table-wrap">
                        <table class="compare">
                            <thead>
                                <tr>
                                    <th scope="col">""</th>
                                    <th scope="col">{i.t("备案后直接结算", "Filed, settled")}</th>
                                    <th scope="col">{i.t("未备案", "Not filed")}</th>
                                    <th scope="col">{i.t("先垫付再报销", "Pay, then claim")}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {row(i.t("统筹支付", "Fund"), &c, |col| col.result.as_ref().map(|r| r.fund.display()))}
                                {row(i.t("个人负担", "You pay"), &c, |col| col.result.as_ref().map(|r| r.personal.display()))}
                                {row(i.t("在医院先付", "Paid at hospital"), &c, |col| col.upfront.map(|m| m.display()))}
                            </tbody>
                        </table>
                    </div>
                    <p class="source">
                        {[("未备案", &c.not_filed), ("备案", &c.filed)]
                            .into_iter()
                            .filter_map(|(k, col)| col.error.as_ref().map(|e| format!("{k}：{}", e.message)))
                            .collect::<Vec<_>>()
                            .join("；")}
                    </p>
                    <p class="source">
                        {c.not_filed.result.as_ref().map(|r| format!("未备案一栏 {}", source_line(r)))}
                    </p>
                </div>
            }
            .into_any()
        }
    }
    }
}

fn row(
    label: &'static str,
    c: &Comparison,
    f: impl Fn(&Column) -> Option<String>,
) -> impl IntoView {
    let cell = |col: &Column| f(col).unwrap_or_else(|| "—".into());
    view! {
        <tr>
            <th scope="row">{label}</th>
            <td>{cell(&c.filed)}</td>
            <td>{cell(&c.not_filed)}</td>
            <td>{cell(&c.manual_claim)}</td>
        </tr>
    }
}

/// Named copies of the inputs, kept on this device.
#[component]
fn SavedScenarios(form: RwSignal<EstimateForm>) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    view! {
        <h2>{move || i.t("保存的测算", "Saved estimates")}</h2>
        <div class="field">
            <SavedCopies
                list=app.scenarios
                form=form
                key="scenario"
                untitled="测算"
                label=("给这次测算起个名字", "Name this estimate")
                placeholder=("如：妈妈 北京住院", "e.g. Mum in Beijing")
                save_label=("保存这次测算", "Save")
                apply_label=("载入", "Load")
            />
        </div>
    }
}
