//! A filing the server has: its status in words (已提交 / 审核中 / 已通过 / 已退回 + 原因 / 已拒绝 /
//! 已撤销), its history (`GET /api/filings/{id}/history`), and the two things a citizen may do —
//! cancel (撤销) and change (修改) — each sent with the version last seen. A stale version is
//! answered 409 with the server's current filing: the change form then shows it and lets the
//! user choose between taking the server's version and re-applying their change on top of it.

use leptos::prelude::*;
use leptos_router::components::A;
use serde_json::{Value, json};
use yidi_core::filing::Lifecycle;
use yidi_core::validate::Phone;

use crate::api::{self, ApiError, FilingRecord, HistoryEvent};
use crate::components::field::{Field, TextInput};
use crate::components::replace_material::ReplaceMaterial;
use crate::format::local_time;
use crate::i18n::{I18n, use_i18n};
use crate::sync::{SyncState, use_sync};

pub(crate) fn text_at(record: &FilingRecord, pointer: &str) -> String {
    Value::Object(record.application.clone())
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

pub(crate) fn region_name(code: &str) -> String {
    yidi_core::region::by_code(code)
        .map(|r| r.name.to_owned())
        .unwrap_or_else(|| code.to_owned())
}

/// "张三 的备案": a filing named by its insured person.
pub(crate) fn title(record: &FilingRecord) -> String {
    format!("{} 的备案", text_at(record, "/insured/name"))
}

/// "苏州市 → 广州市": where insured, where treated, by name.
pub(crate) fn route(record: &FilingRecord) -> String {
    format!(
        "{} → {}",
        region_name(&text_at(record, "/insured_region")),
        region_name(&text_at(record, "/treatment_region")),
    )
}

/// When the server received the filing, in the phone's local time.
pub(crate) fn submitted_at(record: &FilingRecord) -> String {
    record
        .created_at
        .as_deref()
        .map(local_time)
        .unwrap_or_default()
}

/// A filing card's head: its title and status badge. A `span` (laid out as flex by `.card-head`),
/// so it may stand inside a link.
#[component]
pub fn FilingHead(title: String, #[prop(into)] status: Signal<Lifecycle>) -> impl IntoView {
    view! {
        <span class="card-head">
            <strong>{title}</strong>
            <StatusBadge status=status />
        </span>
    }
}

/// The status badge (`data-testid="server-status"`, `data-status` = the API's value).
#[component]
pub fn StatusBadge(#[prop(into)] status: Signal<Lifecycle>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <span
            class="status"
            class:final=move || status.get().is_final()
            class:attention=move || status.get() == Lifecycle::Returned
            data-testid="server-status"
            data-status=move || status.get().code()
        >
            {move || {
                let s = status.get();
                i.t(s.label_zh(), s.label_en())
            }}
        </span>
    }
}

/// A failed call, as the user reads it; a 401 signs out.
fn explain(sync: SyncState, e: &ApiError) -> String {
    if e.status == 401 {
        sync.unauthorized();
    }
    e.message.clone()
}

/// One filing from the server, kept current by [`SyncState`] (keyed by id so open panels survive a
/// refresh).
#[component]
pub fn ServerFiling(id: String) -> impl IntoView {
    let i = use_i18n();
    let sync = use_sync();
    let rec_id = id.clone();
    let hist_id = id.clone();
    let record = Memo::new(move |_| {
        sync.filings.with(|l| {
            l.as_ref()
                .and_then(|l| l.iter().find(|r| r.id == rec_id).cloned())
        })
    });
    let status = Signal::derive(move || {
        record
            .with(|r| r.as_ref().map(|r| r.status))
            .unwrap_or(Lifecycle::Submitted)
    });
    let panel = RwSignal::new(Panel::None);
    let message = RwSignal::new(None::<String>);

    let cancel = Action::new_local(move |_: &()| async move {
        let (Some(token), Some(r)) = (sync.token(), record.get_untracked()) else {
            return;
        };
        match api::cancel_filing(&token, &r.id, r.version).await {
            Ok(r) => {
                sync.put_record(r);
                panel.set(Panel::None);
                message.set(Some("已撤销这份备案。".into()));
            }
            Err(ApiError {
                status: 409,
                current: Some(current),
                ..
            }) => {
                sync.put_record(*current);
                panel.set(Panel::None);
                message.set(Some(
                    "这份备案刚刚有了变化（已在上面显示最新状态），请确认后再决定是否撤销。".into(),
                ));
            }
            Err(e) => message.set(Some(explain(sync, &e))),
        }
    });

    view! {
        <li class="card server-filing" data-testid="server-filing" data-filing-id=id.clone()>
            {move || record.get().map(|r| {
                let start = text_at(&r, "/start_date");
                let submitted = submitted_at(&r);
                view! {
                    <FilingHead title=title(&r) status=status />
                    <span class="small">{route(&r)}</span>
                    <span class="muted small">
                        {move || i.t("开始日期：", "Starts: ")} {start.clone()}
                        " · "
                        {move || i.t("提交时间：", "Submitted: ")} {submitted.clone()}
                    </span>
                    {r.reason.clone().filter(|_| matches!(r.status, Lifecycle::Returned | Lifecycle::Rejected)).map(|reason| view! {
                        <p class="reason" data-testid="server-reason">
                            {move || i.t("原因：", "Reason: ")} {reason.clone()}
                        </p>
                    })}
                    {matches!(r.status, Lifecycle::Returned | Lifecycle::Rejected).then(|| view! {
                        <A href="/why" attr:class="small" attr:data-testid="filing-why">
                            {move || i.t("看病时能不能直接结算？查原因和办法", "Can you still settle directly? Find out")}
                        </A>
                    })}
                }
            })}
            <p class="hint" role="status" aria-live="polite">{move || message.get()}</p>
            <div class="actions">
                <PanelToggle panel=panel opens=Panel::History testid="history-toggle" zh="办理进度" en="History" />
                <Show when=move || status.get().can_change()>
                    <PanelToggle panel=panel opens=Panel::Change testid="change-toggle" zh="修改" en="Change" />
                </Show>
                <Show when=move || status.get() == Lifecycle::Returned>
                    <PanelToggle panel=panel opens=Panel::Replace testid="replace-toggle" zh="更换材料照片" en="Replace a photo" />
                </Show>
                <Show when=move || status.get().can_cancel()>
                    <button
                        type="button"
                        class="button danger-outline"
                        data-testid="cancel-filing"
                        on:click=move |_| panel.set(Panel::Cancel)
                    >
                        {move || i.t("撤销备案", "Cancel filing")}
                    </button>
                </Show>
            </div>
            {move || match panel.get() {
                Panel::None => ().into_any(),
                Panel::History => view! { <History id=hist_id.clone() /> }.into_any(),
                Panel::Change => match record.get_untracked() {
                    Some(r) => view! { <ChangeForm record=r panel=panel message=message /> }.into_any(),
                    None => ().into_any(),
                },
                Panel::Replace => match record.get_untracked() {
                    Some(r) => view! { <ReplaceMaterial record=r message=message /> }.into_any(),
                    None => ().into_any(),
                },
                Panel::Cancel => view! {
                    <div class="confirm" role="alertdialog" aria-label=move || i.t("确认撤销", "Confirm cancel")>
                        <p>{move || i.t("确定撤销这份备案吗？撤销后如需就医结算要重新申请。", "Cancel this filing? You would have to apply again.")}</p>
                        <button
                            type="button"
                            class="button danger"
                            data-testid="cancel-confirm"
                            disabled=move || cancel.pending().get()
                            on:click=move |_| { cancel.dispatch(()); }
                        >
                            {move || i.t("确定撤销", "Cancel it")}
                        </button>
                        <button type="button" class="button" on:click=move |_| panel.set(Panel::None)>
                            {move || i.t("不撤销", "Keep it")}
                        </button>
                    </div>
                }.into_any(),
            }}
        </li>
    }
}

/// A button that opens one panel of the card, or closes it again.
#[component]
fn PanelToggle(
    panel: RwSignal<Panel>,
    opens: Panel,
    testid: &'static str,
    zh: &'static str,
    en: &'static str,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <button
            type="button"
            class="button"
            data-testid=testid
            aria-expanded=move || (panel.get() == opens).to_string()
            on:click=move |_| panel.update(|p| *p = if *p == opens { Panel::None } else { opens })
        >
            {move || i.t(zh, en)}
        </button>
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Panel {
    None,
    History,
    Change,
    Replace,
    Cancel,
}

/// The filing's history, read again whenever the list is refreshed.
#[component]
fn History(id: String) -> impl IntoView {
    let i = use_i18n();
    let sync = use_sync();
    let events = LocalResource::new(move || {
        let id = id.clone();
        sync.refreshed.track();
        let token = sync.token();
        async move {
            match token {
                Some(t) => api::filing_history(&t, &id).await,
                None => Ok(Vec::new()),
            }
        }
    });
    view! {
        <div class="history" data-testid="history">
            <h3>{move || i.t("办理进度", "History")}</h3>
            <Transition fallback=move || view! { <p class="muted">{i.t("正在读取…", "Loading…")}</p> }>
                {move || Suspend::new(async move {
                    match events.await {
                        Ok(list) => view! { <HistoryList list=list i=i /> }.into_any(),
                        Err(e) => view! { <p class="error">{explain(sync, &e)}</p> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

/// A filing's history, newest first (also shown to the office in the review console).
#[component]
pub fn HistoryList(list: Vec<HistoryEvent>, i: I18n) -> impl IntoView {
    view! {
        <ol class="timeline">
            {list
                .into_iter()
                .rev()
                .map(|e| {
                    let (zh, en) = (e.event.label_zh(), e.event.label_en());
                    let who = if e.actor == "reviewer" { ("经办机构", "Office") } else { ("本人", "You") };
                    view! {
                        <li>
                            <span class="muted small">{local_time(&e.at)}</span>
                            " "
                            <strong>{move || i.t(zh, en)}</strong>
                            <span class="muted small">{move || format!("（{}）", i.t(who.0, who.1))}</span>
                            {e.reason.clone().map(|r| view! { <span class="small">{format!("：{r}")}</span> })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

/// The changes a citizen can make here (the start date and the contact person), as a JSON Merge
/// Patch of only the fields that differ from `from`.
fn changes_of(start: &str, contact_name: &str, contact_phone: &str, from: &FilingRecord) -> Value {
    let mut changes = serde_json::Map::new();
    if start != text_at(from, "/start_date") {
        changes.insert("start_date".into(), json!(start));
    }
    let mut contact = serde_json::Map::new();
    if contact_name != text_at(from, "/contact/name") {
        contact.insert("name".into(), json!(contact_name));
    }
    if contact_phone != text_at(from, "/contact/phone") {
        contact.insert("phone".into(), json!(contact_phone));
    }
    if !contact.is_empty() {
        changes.insert("contact".into(), Value::Object(contact));
    }
    Value::Object(changes)
}

#[component]
fn ChangeForm(
    record: FilingRecord,
    panel: RwSignal<Panel>,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let i = use_i18n();
    let sync = use_sync();
    let id = record.id.clone();
    let base = StoredValue::new(record.clone());
    let start = RwSignal::new(text_at(&record, "/start_date"));
    let contact_name = RwSignal::new(text_at(&record, "/contact/name"));
    let contact_phone = RwSignal::new(text_at(&record, "/contact/phone"));
    let error = RwSignal::new(None::<String>);
    // The server's newer version after a 409: the user chooses what to do with it.
    let conflict = RwSignal::new(None::<FilingRecord>);
    let phone_error =
        Signal::derive(move || Phone::parse(&contact_phone.get()).err().map(|e| e.message));

    let send = Action::new_local(move |(version, changes): &(u32, Value)| {
        let (version, changes, id) = (*version, changes.clone(), id.clone());
        async move {
            let Some(token) = sync.token() else {
                return;
            };
            match api::change_filing(&token, &id, version, &changes).await {
                Ok(r) => {
                    sync.put_record(r);
                    conflict.set(None);
                    panel.set(Panel::None);
                    message.set(Some("修改已保存，等待经办机构审核。".into()));
                }
                Err(ApiError {
                    status: 409,
                    code,
                    current: Some(current),
                    message: m,
                    ..
                }) => {
                    sync.put_record((*current).clone());
                    if code == "stale" && current.status.can_change() {
                        conflict.set(Some(*current));
                    } else {
                        error.set(Some(m));
                    }
                }
                Err(e) => error.set(Some(explain(sync, &e))),
            }
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        if phone_error.get_untracked().is_some() {
            return;
        }
        let changes = base.with_value(|b| {
            changes_of(
                &start.get_untracked(),
                contact_name.get_untracked().trim(),
                contact_phone.get_untracked().trim(),
                b,
            )
        });
        if changes.as_object().is_some_and(|c| c.is_empty()) {
            error.set(Some(i.t("没有改动。", "Nothing changed.").to_owned()));
            return;
        }
        let version = base.with_value(|b| b.version);
        send.dispatch((version, changes));
    };
    // Theirs: drop my edits and show the server's version.
    let take_theirs = move |_| {
        if let Some(c) = conflict.get_untracked() {
            start.set(text_at(&c, "/start_date"));
            contact_name.set(text_at(&c, "/contact/name"));
            contact_phone.set(text_at(&c, "/contact/phone"));
            base.set_value(c);
        }
        conflict.set(None);
    };
    // Mine: the fields I changed (against the version I started from) go on top of the server's
    // version; what the other side changed and I did not stays as they left it.
    let reapply = move |_| {
        if let Some(c) = conflict.get_untracked() {
            let changes = base.with_value(|b| {
                changes_of(
                    &start.get_untracked(),
                    contact_name.get_untracked().trim(),
                    contact_phone.get_untracked().trim(),
                    b,
                )
            });
            base.set_value(c.clone());
            send.dispatch((c.version, changes));
        }
    };

    let fid = |name: &str| format!("change-{}-{name}", record.id);
    let label =
        move |zh: &'static str, en: &'static str| Signal::derive(move || i.t(zh, en).to_owned());
    let (start_id, cname_id, cphone_id) = (fid("start"), fid("contact-name"), fid("contact-phone"));

    view! {
        <form class="change-form" data-testid="change-form" on:submit=on_submit novalidate>
            <h3>{move || i.t("修改备案", "Change the filing")}</h3>
            <Field id=start_id label=label("开始日期", "Start date")>
                <TextInput kind="date" value=start on_input=Callback::new(move |v| start.set(v)) testid="change-start-date" />
            </Field>
            <Field id=cname_id label=label("联系人姓名", "Contact name")>
                <TextInput value=contact_name on_input=Callback::new(move |v| contact_name.set(v)) testid="change-contact-name" />
            </Field>
            <Field id=cphone_id label=label("联系人手机号", "Contact mobile") error=phone_error>
                <TextInput kind="tel" inputmode="tel" value=contact_phone on_input=Callback::new(move |v| contact_phone.set(v)) testid="change-contact-phone" />
            </Field>
            <p class="error" role="alert" data-testid="change-error">{move || error.get()}</p>
            {move || conflict.get().map(|c| {
                let (zh, en) = (c.status.label_zh(), c.status.label_en());
                view! {
                    <div class="confirm conflict" role="alertdialog" data-testid="change-conflict"
                        aria-label=move || i.t("备案已在别处更新", "Changed elsewhere")>
                        <p>
                            <strong>{move || i.t("这份备案已在别处更新。", "This filing was changed elsewhere.")}</strong>
                            {move || i.t("服务器上的最新内容（第 ", "The server's latest (version ")}
                            {c.version}
                            {move || i.t(" 版，", ", ")}
                            {move || i.t(zh, en)}
                            {move || i.t("）：", "):")}
                        </p>
                        <dl class="review">
                            <div class="row"><dt>{move || i.t("开始日期", "Start date")}</dt><dd data-testid="conflict-start-date">{text_at(&c, "/start_date")}</dd></div>
                            <div class="row"><dt>{move || i.t("联系人", "Contact")}</dt><dd>{format!("{} {}", text_at(&c, "/contact/name"), text_at(&c, "/contact/phone"))}</dd></div>
                        </dl>
                        <button type="button" class="button" data-testid="conflict-take-theirs" on:click=take_theirs>
                            {move || i.t("用服务器上的版本（放弃我的修改）", "Use the server's version")}
                        </button>
                        <button type="button" class="button primary" data-testid="conflict-reapply" on:click=reapply>
                            {move || i.t("在最新版本上重新提交我的修改", "Re-apply my change to it")}
                        </button>
                    </div>
                }
            })}
            <div class="nav-buttons">
                <Show when=move || conflict.with(Option::is_none)>
                    <button type="submit" class="button primary" data-testid="change-submit" disabled=move || send.pending().get()>
                        {move || i.t("保存修改", "Save change")}
                    </button>
                </Show>
                <button type="button" class="button" on:click=move |_| panel.set(Panel::None)>
                    {move || i.t("取消", "Close")}
                </button>
            </div>
        </form>
    }
}
