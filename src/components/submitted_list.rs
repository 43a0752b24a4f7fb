//! "已提交" on My filings: what waits in this device's outbox (待同步, or refused with the
//! server's reason), and — when signed in — the account's filings as the server has them, each
//! a [`ServerFiling`] card. Opening the page reads the server list again.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::attachments;
use crate::components::filing_status::ServerFiling;
use crate::format::local_time_ms as when;
use crate::i18n::use_i18n;
use crate::outbox::{self, OutboxEntry, OutboxState};
use crate::state::use_app;
use crate::storage;
use crate::sync::{session, use_sync};

#[component]
pub fn SubmittedList() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let sync = use_sync();
    sync.request(false);

    // Outbox entries to show: not yet accepted, or accepted but not (yet) in a server list we
    // hold. Once the signed-in account's list is known, it alone speaks for synced filings; and
    // entries that went out under another account on this phone are not shown to this one.
    let local = Memo::new(move |_| {
        let known = sync.filings.with(Option::is_some);
        let me = sync.session.with(|s| s.as_ref().map(|s| s.phone.clone()));
        let owners = session::load_owners();
        app.outbox.with(|list| {
            list.iter()
                .filter(|e| me.as_ref().is_none_or(|p| owners.allows(&e.id, p)))
                .filter(|e| !known || !matches!(e.state, OutboxState::Synced { .. }))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let server_ids = Memo::new(move |_| {
        sync.filings
            .with(|f| {
                f.as_ref()
                    .map(|l| l.iter().map(|r| r.id.clone()).collect::<Vec<_>>())
            })
            .unwrap_or_default()
    });
    let empty = move || local.with(Vec::is_empty) && server_ids.with(Vec::is_empty);

    view! {
        <SyncBar />
        <ul class="cards" data-testid="submitted-list">
            <Show when=empty>
                <li class="muted" data-testid="submitted-empty">
                    {move || i.t("还没有提交过备案。", "Nothing submitted yet.")}
                </li>
            </Show>
            <For
                each=move || local.get()
                key=|e| (e.id.clone(), e.attempts, e.status_zh())
                children=move |e| view! { <OutboxCard entry=e /> }
            />
            <For
                each=move || server_ids.get()
                key=|id| id.clone()
                children=move |id| view! { <ServerFiling id=id /> }
            />
        </ul>
    }
}

/// An entry of this device's outbox.
#[component]
fn OutboxCard(entry: OutboxEntry) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let pending = matches!(entry.state, OutboxState::Pending);
    let id = entry.id.clone();
    let keys: Vec<String> = entry.attachments.iter().map(|a| a.key.clone()).collect();
    let remove = {
        let keys = keys.clone();
        move |_| {
            storage::remove(&outbox::outbox_key(&id));
            app.outbox.update(|l| l.retain(|e| e.id != id));
            // A removed submission's photos and PDFs go with it.
            let keys = keys.clone();
            leptos::task::spawn_local(async move {
                for key in keys {
                    let _ = attachments::remove(&key).await;
                }
            });
        }
    };
    // Nothing typed is lost: the refused filing goes back into the form, the server's problem
    // on its field, its photos and PDFs handed to the new draft before it opens, to be corrected
    // and sent again (under a new Idempotency-Key).
    let reopen = {
        let entry = entry.clone();
        let navigate = use_navigate();
        move |_| {
            let Some(draft) = app.reopen_refused(&entry) else {
                return;
            };
            let (keys, navigate) = (keys.clone(), navigate.clone());
            leptos::task::spawn_local(async move {
                if let Err(e) = attachments::hand_over(&keys, &draft.id).await {
                    app.notices.save_error(&e);
                }
                navigate(&format!("/filings/{}", draft.id), Default::default());
            });
        }
    };
    let (refused, field) = match &entry.state {
        OutboxState::Rejected { message, field, .. } => (Some(message.clone()), field.clone()),
        _ => (None, None),
    };
    let next = entry
        .next_attempt_at
        .filter(|_| pending && entry.attempts > 0)
        .map(when);
    view! {
        <li class="card" data-testid="outbox-entry" data-outbox-id=entry.id.clone()>
            <strong>{format!("{} 的备案申请", entry.insured_name())}</strong>
            <span class="muted small">
                {move || i.t("提交时间：", "Submitted: ")} {when(entry.created_at)}
            </span>
            <span class="status" class:pending=pending class:final=refused.is_some() data-testid="filing-status">
                {entry.status_zh()}
            </span>
            {pending.then(|| view! {
                <span class="muted small">
                    {move || i.t(
                        "保存在本机，联网并登录后自动发送，不会重复提交。",
                        "Kept on this device; sent once online and signed in, never twice.",
                    )}
                </span>
            })}
            {pending.then(|| entry.last_error.clone()).flatten().map(|m| view! {
                <span class="muted small">{m}</span>
            })}
            {next.map(|t| view! {
                <span class="muted small">{move || i.t("下次自动重试：", "Next try: ")} {t.clone()}</span>
            })}
            {refused.map(|_| view! {
                {field.map(|f| view! {
                    <p class="muted small" data-testid="outbox-refused">
                        {move || i.t("出问题的项目：", "Field: ")} {f.clone()}
                    </p>
                })}
                <p class="small">
                    {move || i.t(
                        "服务器没有接受这份申请。填写的内容都还在：打开修改，改正上面的问题后重新提交。",
                        "The server did not accept it. Nothing you typed is lost: open it, fix this and submit again.",
                    )}
                </p>
                <div class="actions">
                    <button type="button" class="button primary" data-testid="outbox-reopen" on:click=reopen.clone()>
                        {move || i.t("打开修改", "Open and fix")}
                    </button>
                    <button type="button" class="button danger-outline" on:click=remove.clone()>
                        {move || i.t("删除这条记录", "Remove")}
                    </button>
                </div>
            })}
        </li>
    }
}

/// Account and sending state above the list: sign in to send, send now, another tab is sending.
#[component]
fn SyncBar() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let sync = use_sync();
    let pending = move || {
        app.outbox.with(|o| {
            o.iter()
                .filter(|e| matches!(e.state, OutboxState::Pending))
                .count()
        })
    };
    let account = move || sync.session.with(|s| s.as_ref().map(|s| s.masked_phone()));
    view! {
        <div class="sync-bar" aria-live="polite" data-testid="sync-bar">
            {move || match account() {
                None => view! {
                    <p>
                        {move || if pending() > 0 {
                            format!("{} {} {}", i.t("有", "There are"), pending(), i.t("份备案等待发送。", "filings waiting to be sent."))
                        } else {
                            i.t("登录后可查看审核进度。", "Sign in to follow the review.").to_owned()
                        }}
                        " "
                        <A href="/sign-in" attr:data-testid="sync-sign-in">
                            {move || i.t("登录", "Sign in")}
                        </A>
                    </p>
                }.into_any(),
                Some(phone) => view! {
                    <p class="muted small">
                        {move || i.t("当前账号：", "Account: ")} {phone}
                        {move || sync.running.get().then(|| i.t("（正在同步…）", " (syncing…)"))}
                    </p>
                }.into_any(),
            }}
            <Show when=move || sync.other_tab.get()>
                <p class="hint" data-testid="other-tab-sync">
                    {move || i.t(
                        "另一个窗口正在发送待同步的备案，完成后这里会自动更新。",
                        "Another window is sending the waiting filings; this page updates when it is done.",
                    )}
                </p>
            </Show>
            <Show when=move || { pending() > 0 && !app.online.get() }>
                <p class="hint">
                    {move || i.t("现在离线，恢复网络后会自动发送。", "Offline: they are sent when the network is back.")}
                </p>
            </Show>
            {move || sync.last_error.get().filter(|_| pending() > 0).map(|e| view! { <p class="error">{e}</p> })}
            <Show when=move || { sync.signed_in.get() && app.online.get() && pending() > 0 }>
                <button
                    type="button"
                    class="button"
                    data-testid="sync-now"
                    disabled=move || sync.running.get() || !app.online.get()
                    on:click=move |_| sync.request(true)
                >
                    {move || if sync.running.get() { i.t("同步中…", "Sending…") } else { i.t("立即同步", "Send now") }}
                </button>
            </Show>
        </div>
    }
}
