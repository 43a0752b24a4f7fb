//! The filing form (`/filings/new`, `/filings/{draft_id}`): six steps, autosaved as a draft,
//! checked by `yidi_core::filing::problems` as the user types, submitted into the outbox.

use std::collections::BTreeSet;
use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use yidi_core::date::CivilDate;
use yidi_core::domain::{FilingCategory, Scheme};
use yidi_core::filing::{self, FilingApplication};
use yidi_core::policy::filing_rules;

use crate::components::field::{Field, SelectInput, TextInput};
use crate::components::region_picker::RegionPicker;
use crate::drafts::{Draft, FilingForm};
use crate::i18n::{I18n, use_i18n};
use crate::outbox::OutboxEntry;
use crate::state::{AppState, use_app};
use crate::today::today;

const STEPS: [(&str, &str); 6] = [
    ("申请人", "Who"),
    ("参保与就医", "Where"),
    ("联系人", "Contact"),
    ("材料", "Papers"),
    ("告知与签名", "Sign"),
    ("核对提交", "Review"),
];

/// The JSON paths each step owns (errors of other steps wait for their step).
fn step_of(field: &str) -> u8 {
    let head = field.split(['.', '[']).next().unwrap_or("");
    match head {
        "applicant" | "insured" => 0,
        "insured_region" | "treatment_region" | "scheme" | "category" | "start_date" => 1,
        "contact" => 2,
        "materials" | "commitment" => 3,
        _ => 4,
    }
}

/// The element id of a JSON path: `insured.id_number` → `insured-id_number`.
fn dom_id(field: &str) -> String {
    let base = field.split('[').next().unwrap_or(field);
    base.replace('.', "-")
}

fn parse_scheme(s: &str) -> Option<Scheme> {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).ok()
}

fn parse_category(s: &str) -> Option<FilingCategory> {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).ok()
}

pub fn scheme_label(s: &str) -> &'static str {
    match s {
        "employee" => "职工基本医疗保险",
        "resident" => "城乡居民基本医疗保险",
        _ => "",
    }
}

fn relation_options() -> Vec<(String, String)> {
    [
        ("self", "本人"),
        ("spouse", "配偶"),
        ("parent", "父母"),
        ("child", "子女"),
        ("other", "其他亲属或代办人"),
    ]
    .iter()
    .map(|(v, t)| ((*v).into(), (*t).into()))
    .collect()
}

/// The form's problems in form order, one entry per JSON path (several messages for one path,
/// such as two missing materials, are joined).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FormProblems(Vec<(String, String)>);

impl FormProblems {
    pub fn get(&self, path: &str) -> Option<&String> {
        self.0.iter().find(|(k, _)| k == path).map(|(_, m)| m)
    }

    pub fn contains_key(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &(String, String)> {
        self.0.iter()
    }

    fn insert(&mut self, path: String, message: String) {
        match self.0.iter_mut().find(|(k, _)| *k == path) {
            Some((_, m)) if !m.contains(&message) => {
                m.push('；');
                m.push_str(&message);
            }
            Some(_) => {}
            None => self.0.push((path, message)),
        }
    }
}

/// What the error summary calls each field, so "请填写姓名" says whose name.
fn field_label(path: &str) -> &'static str {
    match path {
        "applicant.relation" => "与参保人的关系",
        "insured.name" => "参保人姓名",
        "insured.id_number" => "参保人身份证号",
        "insured.phone" => "参保人手机号",
        "applicant.name" => "申请人姓名",
        "applicant.id_number" => "申请人身份证号",
        "applicant.phone" => "申请人手机号",
        "insured_region" => "参保地",
        "treatment_region" => "就医地",
        "scheme" => "险种",
        "category" => "备案类型",
        "start_date" => "开始日期",
        "contact.name" => "联系人姓名",
        "contact.phone" => "联系人手机号",
        "materials" => "材料",
        "commitment" => "个人承诺书",
        "notice" => "告知书",
        "signature" => "签名",
        _ => "",
    }
}

/// Every problem of the form, in form order. Choices not made yet are reported as such; core
/// checks everything else.
pub fn form_problems(form: &FilingForm) -> FormProblems {
    let mut out = FormProblems::default();
    let scheme = parse_scheme(&form.scheme);
    let category = parse_category(&form.category);
    let mut body = form.to_api_body();
    // Stand-ins for choices not made yet, so core can still check all the rest; the problems
    // that only the stand-in would cause are dropped below.
    if scheme.is_none() {
        body["scheme"] = "employee".into();
    }
    if category.is_none() {
        body["category"] = "other_temporary".into();
    }
    if let Ok(app) = serde_json::from_value::<FilingApplication>(body) {
        for e in filing::problems(&app, today()) {
            let Some(field) = e.field.clone() else {
                continue;
            };
            let head = field.split(['.', '[']).next().unwrap_or("");
            if category.is_none() && matches!(head, "category" | "materials" | "commitment") {
                continue;
            }
            if scheme.is_none() && e.code == "category_scheme_mismatch" {
                continue;
            }
            // For oneself, the applicant *is* the insured person: one set of inputs, one error.
            if form.relation == "self"
                && matches!(
                    field.as_str(),
                    "applicant.name" | "applicant.id_number" | "applicant.phone"
                )
            {
                continue;
            }
            let key = if field.starts_with("materials[") {
                "materials".to_owned()
            } else {
                field
            };
            out.insert(key, e.message);
        }
    }
    if form.start_date.trim().is_empty() {
        out.0.retain(|(k, _)| k != "start_date");
        out.insert("start_date".into(), "请选择开始日期".into());
    }
    if scheme.is_none() {
        out.insert("scheme".into(), "请选择险种".into());
    }
    if category.is_none() {
        out.insert("category".into(), "请选择备案类型".into());
    }
    if !form.notice_accepted {
        out.insert(
            "notice".into(),
            "请阅读告知书，并勾选“我已阅读并同意”".into(),
        );
    }
    // Form order: by step, core's order within a step.
    out.0.sort_by_key(|(k, _)| step_of(k));
    out
}

#[derive(Clone, Copy)]
struct Ctx {
    i: I18n,
    form: RwSignal<FilingForm>,
    problems: Memo<FormProblems>,
    touched: RwSignal<BTreeSet<String>>,
    /// Steps whose "下一步" was pressed: show all their errors.
    attempted: RwSignal<BTreeSet<u8>>,
}

impl Ctx {
    fn error(&self, path: &'static str) -> Signal<Option<String>> {
        let s = *self;
        Signal::derive(move || {
            let show = s.touched.with(|t| t.contains(path))
                || s.attempted.with(|a| a.contains(&step_of(path)));
            if show {
                s.problems.with(|p| p.get(path).cloned())
            } else {
                None
            }
        })
    }

    fn touch(&self, path: &'static str) {
        if !self.touched.with_untracked(|t| t.contains(path)) {
            self.touched.update(|t| {
                t.insert(path.to_owned());
            });
        }
    }
}

macro_rules! text_field {
    ($ctx:expr, $path:literal, $id:literal, $zh:literal, $en:literal, $($field:ident).+ $(, hint = ($hzh:literal, $hen:literal))? $(, inputmode = $im:literal)? $(, autocomplete = $ac:literal)?) => {{
        let ctx: Ctx = $ctx;
        let form = ctx.form;
        let i = ctx.i;
        #[allow(unused_mut, unused_assignments)]
        let mut hint: Option<Signal<String>> = None;
        $( hint = Some(Signal::derive(move || i.t($hzh, $hen).to_owned())); )?
        #[allow(unused_mut, unused_assignments)]
        let mut inputmode: Option<&'static str> = None;
        $( inputmode = Some($im); )?
        #[allow(unused_mut, unused_assignments)]
        let mut autocomplete: Option<&'static str> = None;
        $( autocomplete = Some($ac); )?
        let value = Signal::derive(move || form.with(|f| f.$($field).+.clone()));
        let on_input = Callback::new(move |v: String| {
            form.update(|f| f.$($field).+ = v);
            ctx.touch($path);
        });
        let label = Signal::derive(move || i.t($zh, $en).to_owned());
        match hint {
            Some(h) => view! {
                <Field id=$id label=label hint=h error=ctx.error($path)>
                    <TextInput value=value on_input=on_input inputmode=inputmode.unwrap_or("text") autocomplete=autocomplete.unwrap_or("off") />
                </Field>
            }.into_any(),
            None => view! {
                <Field id=$id label=label error=ctx.error($path)>
                    <TextInput value=value on_input=on_input inputmode=inputmode.unwrap_or("text") autocomplete=autocomplete.unwrap_or("off") />
                </Field>
            }.into_any(),
        }
    }};
}

/// Loads the draft named in the URL (or starts one) and shows the form.
#[component]
pub fn FilingPage() -> impl IntoView {
    let app = use_app();
    let i = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = params.with_untracked(|p| p.get("draft_id"));
    let draft = match id {
        Some(id) => app
            .drafts
            .with_untracked(|l| l.iter().find(|d| d.id == id).cloned()),
        None => {
            // Prefill from the check page's answers.
            let q = query.get_untracked();
            let mut form = FilingForm::default();
            for (k, slot) in [
                ("insured_region", &mut form.insured_region),
                ("treatment_region", &mut form.treatment_region),
                ("scheme", &mut form.scheme),
                ("category", &mut form.category),
            ] {
                if let Some(v) = q.get(k) {
                    *slot = v;
                }
            }
            Some(Draft::new(form))
        }
    };
    match draft {
        Some(d) => view! { <FilingWizard draft=d /> }.into_any(),
        None => view! {
            <section class="page">
                <h1>{move || i.t("找不到这份草稿", "Draft not found")}</h1>
                <p>{move || i.t("它可能已被删除或已提交。", "It may have been deleted or submitted.")}</p>
                <A href="/filings" attr:class="button">{move || i.t("回到我的备案", "Back to my filings")}</A>
            </section>
        }
        .into_any(),
    }
}

#[component]
fn FilingWizard(draft: Draft) -> impl IntoView {
    let app = use_app();
    let i = use_i18n();
    let form = RwSignal::new(draft.form.clone());
    let step = RwSignal::new(draft.step.min(5));
    // The stored identity of the draft: id and the revision this tab's copy is based on.
    let meta = StoredValue::new(draft.clone());
    // What was last written or adopted, so adopting another tab's copy never triggers a write.
    let last_saved = StoredValue::new((draft.form.clone(), draft.step));
    let is_new = draft.rev == 0;
    let problems = Memo::new(move |_| form.with(form_problems));
    let ctx = Ctx {
        i,
        form,
        problems,
        touched: RwSignal::new(BTreeSet::new()),
        attempted: RwSignal::new(BTreeSet::new()),
    };
    let submitted = RwSignal::new(false);
    let sync_ctx = use_context::<crate::sync::Sync>();
    let saved_at = RwSignal::new(None::<String>);

    // `try_*`: this also runs from `on_cleanup` and `pagehide`, when the signals may be gone.
    let save_now = move || {
        if submitted.try_get_untracked().unwrap_or(true) {
            return;
        }
        let (Some(f), Some(s), Some(mut d)) = (
            form.try_get_untracked(),
            step.try_get_untracked(),
            meta.try_get_value(),
        ) else {
            return;
        };
        if last_saved
            .try_with_value(|(lf, ls)| *lf == f && *ls == s)
            .unwrap_or(true)
        {
            return;
        }
        d.form = f.clone();
        d.step = s;
        if let Some(stored) = app.save_draft(&d) {
            let first = d.rev == 0 || stored.id != d.id;
            meta.set_value(stored.clone());
            last_saved.set_value((f, s));
            saved_at.try_set(Some(now_hm()));
            if first {
                replace_url(&format!("/filings/{}", stored.id));
            }
        }
    };
    // Autosave, debounced (250 ms): at most the last keystroke is lost.
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |_| {
        form.track();
        step.track();
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        if let Ok(h) = set_timeout_with_handle(save_now, Duration::from_millis(250)) {
            timer.set_value(Some(h));
        }
    });
    // Closing or hiding the tab: write at once.
    let h1 = window_event_listener_untyped("pagehide", move |_| save_now());
    let h2 = window_event_listener_untyped("visibilitychange", move |_| save_now());
    on_cleanup(move || {
        h1.remove();
        h2.remove();
        save_now();
    });
    // Another tab saved this draft: adopt its copy.
    Effect::new(move |_| {
        let id = meta.with_value(|m| m.id.clone());
        let theirs = app.drafts.with(|l| l.iter().find(|d| d.id == id).cloned());
        if let Some(t) = theirs
            && t.rev > meta.with_value(|m| m.rev)
        {
            last_saved.set_value((t.form.clone(), t.step));
            meta.set_value(t.clone());
            form.set(t.form);
            app.notices
                .push("这份草稿在另一个窗口里更新了，已载入最新内容。", false);
        }
    });
    let _ = is_new;

    let go = move |to: u8| {
        step.set(to);
        scroll_top();
    };
    let next = move |_| {
        let s = step.get_untracked();
        ctx.attempted.update(|a| {
            a.insert(s);
        });
        let has = problems.with_untracked(|p| p.iter().any(|(k, _)| step_of(k) == s));
        if !has {
            go(s + 1);
        } else {
            focus_summary();
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        ctx.attempted.update(|a| a.extend(0..5));
        if !problems.with_untracked(|p| p.is_empty()) {
            focus_summary();
            return;
        }
        let d = meta.get_value();
        let entry = OutboxEntry::new(&d.id, form.get_untracked().to_api_body());
        if app.put_outbox(entry) {
            if let Some(sync) = sync_ctx {
                crate::sync::drain(app, sync);
            }
            submitted.set(true);
            app.delete_draft(&d.id);
            scroll_top();
        }
    };

    // The errors of what is on screen: this step's, or all of them on the review step.
    let visible_errors = move || {
        let s = step.get();
        let attempted = ctx.attempted.get();
        problems
            .get()
            .0
            .into_iter()
            .filter(|(k, _)| {
                let ks = step_of(k);
                (s == 5 && attempted.contains(&ks)) || (ks == s && attempted.contains(&s))
            })
            .collect::<Vec<_>>()
    };

    view! {
        <section class="page filing">
            <Show
                when=move || !submitted.get()
                fallback=move || view! { <Submitted app=app /> }
            >
                <h1>{move || i.t("备案申请", "Filing application")}</h1>
                <ol class="steps" aria-label=move || i.t("步骤", "Steps")>
                    {STEPS
                        .iter()
                        .enumerate()
                        .map(|(n, (zh, en))| {
                            let n = n as u8;
                            view! {
                                <li
                                    class:current=move || step.get() == n
                                    class:done=move || { step.get() > n }
                                    aria-current=move || if step.get() == n { Some("step") } else { None }
                                >
                                    <button type="button" class="link" on:click=move |_| go(n)>
                                        {format!("{} ", n + 1)}
                                        {move || i.t(zh, en)}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
                <p class="muted small" aria-live="polite" data-testid="autosave">
                    {move || match saved_at.get() {
                        Some(t) => format!("{}{t}", i.t("已自动保存 ", "Saved ")),
                        None => i.t("填写内容会自动保存在本机", "Your input is saved on this device as you type").to_owned(),
                    }}
                </p>
                <Show when=move || !visible_errors().is_empty()>
                    <div class="summary" id="error-summary" tabindex="-1" role="alert">
                        <h2>{move || i.t("请先改正以下问题：", "Please fix these first:")}</h2>
                        <ul>
                            {move || {
                                visible_errors()
                                    .into_iter()
                                    .map(|(k, m)| {
                                        let target = step_of(&k);
                                        let href = format!("#{}", dom_id(&k));
                                        view! {
                                            <li>
                                                <a href=href on:click=move |_| step.set(target)>
                                                    {match field_label(&k) {
                                                        "" => m,
                                                        l => format!("{l}：{m}"),
                                                    }}
                                                </a>
                                            </li>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </ul>
                    </div>
                </Show>
                <form on:submit=submit novalidate>
                    {move || match step.get() {
                        0 => step_who(ctx).into_any(),
                        1 => step_where(ctx).into_any(),
                        2 => step_contact(ctx).into_any(),
                        3 => step_materials(ctx).into_any(),
                        4 => step_sign(ctx).into_any(),
                        _ => step_review(ctx, go).into_any(),
                    }}
                    <div class="nav-buttons">
                        <Show when=move || { step.get() > 0 }>
                            <button
                                type="button"
                                class="button"
                                on:click=move |_| go(step.get_untracked() - 1)
                            >
                                {move || i.t("上一步", "Back")}
                            </button>
                        </Show>
                        <Show
                            when=move || { step.get() < 5 }
                            fallback=move || {
                                view! {
                                    <button type="submit" class="button primary">
                                        {move || i.t("提交备案申请", "Submit")}
                                    </button>
                                }
                            }
                        >
                            <button type="button" class="button primary" on:click=next>
                                {move || i.t("下一步", "Next")}
                            </button>
                        </Show>
                    </div>
                </form>
            </Show>
        </section>
    }
}

#[component]
fn Submitted(app: AppState) -> impl IntoView {
    let i = use_i18n();
    let online = app.online;
    view! {
        <h1>{move || i.t("已提交，待同步", "Submitted, waiting to sync")}</h1>
        <p class="status pending" data-testid="submitted-status">"待同步"</p>
        <p>
            {move || {
                if online.get() {
                    i.t(
                        "申请已保存在本机的待发送列表里，联网并登录后会自动发送到医保服务，不会重复提交。",
                        "Saved in this device's outbox; it is sent once you are online and signed in, never twice.",
                    )
                } else {
                    i.t(
                        "现在没有网络。申请已保存在本机，恢复网络后会自动发送，不会重复提交。",
                        "You are offline. It is saved on this device and sent when the network is back, never twice.",
                    )
                }
            }}
        </p>
        <A href="/filings" attr:class="button primary">{move || i.t("查看我的备案", "My filings")}</A>
    }
}

fn step_who(ctx: Ctx) -> impl IntoView {
    let i = ctx.i;
    let form = ctx.form;
    let is_self = move || form.with(|f| f.relation == "self");
    view! {
        <h2>{move || i.t("为谁办理", "Who is this for")}</h2>
        <Field
            id="applicant-relation"
            label=Signal::derive(move || i.t("申请人与参保人的关系", "Applicant's relation to the insured").to_owned())
            error=ctx.error("applicant.relation")
        >
            <SelectInput
                value=Signal::derive(move || form.with(|f| f.relation.clone()))
                on_change=Callback::new(move |v: String| {
                    form.update(|f| f.relation = v);
                    ctx.touch("applicant.relation");
                })
                options=Signal::derive(relation_options)
            />
        </Field>
        <h3>{move || i.t("参保人（看病的人）", "Insured person (the patient)")}</h3>
        {text_field!(ctx, "insured.name", "insured-name", "姓名", "Name", insured.name, autocomplete = "name")}
        {text_field!(ctx, "insured.id_number", "insured-id_number", "身份证号", "ID number", insured.id_number, hint = ("18 位，最后一位可能是 X", "18 characters; the last may be X"))}
        {text_field!(ctx, "insured.phone", "insured-phone", "手机号", "Mobile phone", insured.phone, inputmode = "tel", autocomplete = "tel")}
        <Show when=move || !is_self()>
            <h3>{move || i.t("申请人（代办的家人）", "Applicant (family member)")}</h3>
            {text_field!(ctx, "applicant.name", "applicant-name", "申请人姓名", "Applicant's name", applicant.name)}
            {text_field!(ctx, "applicant.id_number", "applicant-id_number", "申请人身份证号", "Applicant's ID number", applicant.id_number)}
            {text_field!(ctx, "applicant.phone", "applicant-phone", "申请人手机号", "Applicant's phone", applicant.phone, inputmode = "tel")}
        </Show>
    }
}

fn step_where(ctx: Ctx) -> impl IntoView {
    let i = ctx.i;
    let form = ctx.form;
    let end = move || {
        form.with(|f| {
            let cat = parse_category(&f.category)?;
            let start = CivilDate::parse(f.start_date.trim()).ok()?;
            Some(
                match filing::end_date(cat, start, &filing_rules(&f.insured_region)) {
                    Some(d) => format!(
                        "{}{:04}-{:02}-{:02}",
                        i.t("有效期至 ", "Valid until "),
                        d.year(),
                        d.month(),
                        d.day()
                    ),
                    None => i
                        .t(
                            "长期有效，直到变更或取消",
                            "No end date until changed or cancelled",
                        )
                        .to_owned(),
                },
            )
        })
    };
    let category_options = Signal::derive(|| {
        FilingCategory::ALL
            .iter()
            .map(|c| {
                let v = serde_json::to_value(c)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                (v, c.label_zh().to_owned())
            })
            .collect()
    });
    view! {
        <h2>{move || i.t("参保地与就医地", "Where insured, where treated")}</h2>
        <RegionPicker
            id="insured_region"
            label=Signal::derive(move || i.t("参保地（在哪里交的医保）", "Insured in").to_owned())
            value=Signal::derive(move || form.with(|f| f.insured_region.clone()))
            on_change=Callback::new(move |v: String| {
                form.update(|f| f.insured_region = v);
                ctx.touch("insured_region");
            })
            error=ctx.error("insured_region")
        />
        <RegionPicker
            id="treatment_region"
            label=Signal::derive(move || i.t("就医地（去哪里看病）", "Treated in").to_owned())
            value=Signal::derive(move || form.with(|f| f.treatment_region.clone()))
            on_change=Callback::new(move |v: String| {
                form.update(|f| f.treatment_region = v);
                ctx.touch("treatment_region");
            })
            error=ctx.error("treatment_region")
        />
        <Field
            id="scheme"
            label=Signal::derive(move || i.t("险种", "Scheme").to_owned())
            error=ctx.error("scheme")
        >
            <SelectInput
                value=Signal::derive(move || form.with(|f| f.scheme.clone()))
                on_change=Callback::new(move |v: String| {
                    form.update(|f| f.scheme = v);
                    ctx.touch("scheme");
                })
                options=Signal::derive(|| {
                    vec![
                        ("employee".to_owned(), scheme_label("employee").to_owned()),
                        ("resident".to_owned(), scheme_label("resident").to_owned()),
                    ]
                })
                placeholder="请选择"
            />
        </Field>
        <Field
            id="category"
            label=Signal::derive(move || i.t("备案类型", "Filing category").to_owned())
            hint=Signal::derive(move || i.t("不确定选哪个？先用“能否直接结算”查一查", "Not sure? Use the check first").to_owned())
            error=ctx.error("category")
        >
            <SelectInput
                value=Signal::derive(move || form.with(|f| f.category.clone()))
                on_change=Callback::new(move |v: String| {
                    form.update(|f| {
                        f.category = v;
                        f.materials.clear();
                        f.commitment = false;
                    });
                    ctx.touch("category");
                })
                options=category_options
                placeholder="请选择"
            />
        </Field>
        <Field
            id="start_date"
            label=Signal::derive(move || i.t("开始日期", "Start date").to_owned())
            hint=Signal::derive(move || end().unwrap_or_else(|| i.t("从哪天开始在外地就医", "When care away from home starts").to_owned()))
            error=ctx.error("start_date")
        >
            <TextInput
                kind="date"
                value=Signal::derive(move || form.with(|f| f.start_date.clone()))
                on_input=Callback::new(move |v: String| {
                    form.update(|f| f.start_date = v);
                    ctx.touch("start_date");
                })
            />
        </Field>
    }
}

fn step_contact(ctx: Ctx) -> impl IntoView {
    let i = ctx.i;
    view! {
        <h2>{move || i.t("联系人", "Contact person")}</h2>
        <p class="muted">{move || i.t("医保经办机构有问题时联系谁（可以是子女）。", "Whom the office calls with questions (may be a son or daughter).")}</p>
        {text_field!(ctx, "contact.name", "contact-name", "联系人姓名", "Name", contact.name)}
        {text_field!(ctx, "contact.phone", "contact-phone", "联系人手机号", "Mobile phone", contact.phone, inputmode = "tel")}
    }
}

fn step_materials(ctx: Ctx) -> impl IntoView {
    let i = ctx.i;
    let form = ctx.form;
    let category = move || form.with(|f| parse_category(&f.category));
    let commitment_offered = move || {
        form.with(|f| {
            parse_category(&f.category).is_some_and(filing::category_allows_commitment)
                && filing_rules(&f.insured_region).commitment_accepted
        })
    };
    view! {
        <h2>{move || i.t("需要的材料", "Papers you need")}</h2>
        <p class="muted">
            {move || i.t("每类备案都需要：有效身份证件或社会保障卡、医保电子凭证。此外：", "Every filing needs an ID card or social security card. Besides:")}
        </p>
        <fieldset class="field" id="materials" aria-describedby="materials-error">
            <legend>{move || i.t("勾选您已经准备好的材料", "Tick what you have")}</legend>
            {move || match category() {
                None => view! { <p class="muted">{i.t("请先在第 2 步选择备案类型。", "Choose the category in step 2 first.")}</p> }.into_any(),
                Some(c) => {
                    let list = filing::materials_for(c);
                    if list.is_empty() {
                        view! { <p>{i.t("这一类不需要证明材料，填写备案表即可。", "No proofs needed for this category.")}</p> }.into_any()
                    } else {
                        list.iter()
                            .map(|m| {
                                let code = m.code;
                                let id = format!("material-{code}");
                                let alt = m
                                    .alternative_to
                                    .and_then(|a| list.iter().find(|x| x.code == a))
                                    .map(|x| format!("（可代替“{}”）", x.name_zh));
                                view! {
                                    <div class="check">
                                        <input
                                            type="checkbox"
                                            id=id.clone()
                                            prop:checked=move || form.with(|f| f.materials.iter().any(|x| x == code))
                                            on:change:target=move |ev| {
                                                let on = ev.target().checked();
                                                form.update(|f| {
                                                    f.materials.retain(|x| x != code);
                                                    if on {
                                                        f.materials.push(code.to_owned());
                                                    }
                                                });
                                                ctx.touch("materials");
                                            }
                                        />
                                        <label for=id>{m.name_zh}{alt}</label>
                                    </div>
                                }
                            })
                            .collect_view()
                            .into_any()
                    }
                }
            }}
            <p class="error" id="materials-error">{move || ctx.error("materials").get()}</p>
        </fieldset>
        <Show when=commitment_offered>
            <div class="field">
                <div class="check">
                    <input
                        type="checkbox"
                        id="commitment"
                        aria-describedby="commitment-hint commitment-error"
                        prop:checked=move || form.with(|f| f.commitment)
                        on:change:target=move |ev| {
                            let on = ev.target().checked();
                            form.update(|f| f.commitment = on);
                            ctx.touch("commitment");
                        }
                    />
                    <label for="commitment">
                        {move || i.t("暂时没有这些材料，签署个人承诺书代替", "No papers yet: sign a personal commitment instead")}
                    </label>
                </div>
                <p class="hint" id="commitment-hint">
                    {move || i.t("承诺内容不实的，要承担相应责任，已报销的费用可能被追回。", "False statements carry liability; payments may be reclaimed.")}
                </p>
                <p class="error" id="commitment-error">{move || ctx.error("commitment").get()}</p>
            </div>
        </Show>
    }
}

/// The 告知书 the applicant reads and accepts before signing.
const NOTICE_ZH: &[&str] = &[
    "一、备案后，在就医地跨省联网定点医药机构就医，可以直接结算；在未联网的机构就医，需先垫付，再回参保地报销。",
    "二、就医地决定哪些药品、诊疗项目和医用耗材可以报销（就医地目录）；起付线、报销比例和最高支付限额按参保地政策执行。",
    "三、临时外出就医人员的报销比例可能比在参保地就医时低。",
    "四、本人提供的信息和材料应真实、完整；以个人承诺代替证明材料的，如承诺不实，要承担相应责任，已结算的费用可能被追回。",
    "五、本应用给出的测算仅供参考，以医保经办机构的审核和结算为准。",
];

fn step_sign(ctx: Ctx) -> impl IntoView {
    let i = ctx.i;
    let form = ctx.form;
    let applicant_name = move || form.with(|f| f.effective_applicant().name.trim().to_owned());
    view! {
        <h2>{move || i.t("告知书", "Notice")}</h2>
        <div class="notice-text" id="notice-text" tabindex="0" aria-label="跨省异地就医备案告知书">
            {NOTICE_ZH.iter().map(|p| view! { <p>{*p}</p> }).collect_view()}
        </div>
        <div class="field" class:invalid=move || ctx.error("notice").get().is_some()>
            <div class="check">
                <input
                    type="checkbox"
                    id="notice"
                    aria-describedby="notice-error"
                    aria-invalid=move || if ctx.error("notice").get().is_some() { "true" } else { "false" }
                    prop:checked=move || form.with(|f| f.notice_accepted)
                    on:change:target=move |ev| {
                        let on = ev.target().checked();
                        form.update(|f| f.notice_accepted = on);
                        ctx.touch("notice");
                    }
                />
                <label for="notice">{move || i.t("我已阅读并同意以上告知书", "I have read and accept the notice")}</label>
            </div>
            <p class="error" id="notice-error">{move || ctx.error("notice").get()}</p>
        </div>
        <h2>{move || i.t("签名", "Signature")}</h2>
        {
            let hint = Signal::derive(move || {
                let n = applicant_name();
                if n.is_empty() {
                    i.t("输入申请人姓名作为签名", "Type the applicant's name to sign").to_owned()
                } else {
                    format!("{}“{n}”", i.t("请输入申请人姓名：", "Type the applicant's name: "))
                }
            });
            view! {
                <Field
                    id="signature"
                    label=Signal::derive(move || i.t("本人承诺以上信息真实，签名：", "I confirm the above is true. Signature:").to_owned())
                    hint=hint
                    error=ctx.error("signature")
                >
                    <TextInput
                        value=Signal::derive(move || form.with(|f| f.signature.clone()))
                        on_input=Callback::new(move |v: String| {
                            form.update(|f| f.signature = v);
                            ctx.touch("signature");
                        })
                        autocomplete="off"
                    />
                </Field>
            }
        }
    }
}

fn step_review(ctx: Ctx, go: impl Fn(u8) + Copy + Send + Sync + 'static) -> impl IntoView {
    let i = ctx.i;
    let f = ctx.form.get_untracked();
    let region = |code: &str| {
        yidi_core::region::by_code(code)
            .map(|r| {
                if r.code == r.province_code {
                    r.name.to_owned()
                } else {
                    format!("{} {}", r.province_name, r.name)
                }
            })
            .unwrap_or_else(|| "未选择".into())
    };
    let relation = relation_options()
        .into_iter()
        .find(|(v, _)| *v == f.relation)
        .map(|(_, t)| t)
        .unwrap_or_default();
    let a = f.effective_applicant();
    let category = parse_category(&f.category)
        .map(|c| c.label_zh().to_owned())
        .unwrap_or_else(|| "未选择".into());
    let materials = parse_category(&f.category)
        .map(|c| {
            filing::materials_for(c)
                .iter()
                .filter(|m| f.materials.iter().any(|x| x == m.code))
                .map(|m| m.name_zh)
                .collect::<Vec<_>>()
                .join("、")
        })
        .unwrap_or_default();
    let rows: Vec<(u8, &str, String)> = vec![
        (
            0,
            "参保人",
            format!("{} {}", f.insured.name, f.insured.phone),
        ),
        (0, "身份证号", f.insured.id_number.clone()),
        (0, "申请人", format!("{}（{}）", a.name, relation)),
        (1, "参保地", region(&f.insured_region)),
        (1, "就医地", region(&f.treatment_region)),
        (1, "险种", scheme_label(&f.scheme).to_owned()),
        (1, "备案类型", category),
        (1, "开始日期", f.start_date.clone()),
        (
            2,
            "联系人",
            format!("{} {}", f.contact.name, f.contact.phone),
        ),
        (
            3,
            "材料",
            if f.commitment {
                "个人承诺书（代替证明材料）".to_owned()
            } else if materials.is_empty() {
                "无".to_owned()
            } else {
                materials
            },
        ),
        (4, "签名", f.signature.clone()),
    ];
    view! {
        <h2>{move || i.t("请核对", "Please check")}</h2>
        <dl class="review">
            {rows
                .into_iter()
                .map(|(s, k, v)| {
                    view! {
                        <div class="row">
                            <dt>{k}</dt>
                            <dd>{v}</dd>
                            <button type="button" class="link" on:click=move |_| go(s)>
                                {move || i.t("修改", "Edit")}
                            </button>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
    }
}

fn now_hm() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:02}:{:02}:{:02}",
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}

/// Gives a new draft its own address without re-rendering the form (the router would remount
/// it and take the focus away from the input being typed in).
fn replace_url(path: &str) {
    if let Ok(h) = window().history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path));
    }
}

fn scroll_top() {
    window().scroll_to_with_x_and_y(0.0, 0.0);
}

fn focus_summary() {
    // After the summary renders.
    request_animation_frame(|| {
        if let Some(el) = document().get_element_by_id("error-summary") {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}
