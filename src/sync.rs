//! Sending the outbox to the server and keeping My filings current (issue 5, "Sync in the SPA").
//!
//! - **When**: at start, when the browser comes back online, when the tab regains focus, after a
//!   submission ([`drain`]), and on a timer set to the earliest `next_attempt_at` of the waiting
//!   entries — only while online and signed in.
//! - **How**: due entries go one at a time, oldest first, each with the `Idempotency-Key` it was
//!   given at submission, so a retry after a lost response replays the first answer instead of
//!   creating a second filing. [`outbox::record_attempt`] applies the result: network errors,
//!   408, 429 (with `Retry-After`) and 5xx wait with full-jitter exponential backoff stored on the
//!   entry; other 4xx mark it rejected with the server's field and message for the user; a 401
//!   signs out (drafts and outbox stay) and asks to sign in again.
//! - **One tab**: the drain holds the Web Lock `yidi-outbox` ([`lock`]); a tab that finds it taken
//!   says so and picks up the results through the `storage` event ([`crate::state`]).
//! - **Files first**: an entry's photos and PDFs go up one by one (`POST /api/attachments`,
//!   content-addressed on the server, so a repeat never stores twice), each server id written to
//!   the entry at once, so after a dropped network or a dead server the next drain starts at the
//!   first file without an id; then the filing goes with its `attachments`.
//! - After each drain the account's filings are read again (`GET /api/filings`), cached for
//!   offline reading, and the status of synced outbox entries is brought up to date.

pub mod lock;
pub mod session;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError, FilingRecord};
use crate::attachments;
use crate::outbox::{self, OutboxEntry, OutboxState};
use crate::state::AppState;
use crate::storage;
pub use session::{StoredSession, load_session};
use yidi_core::filing::FilingApplication;

/// The name of the Web Lock around a drain.
pub const OUTBOX_LOCK: &str = "yidi-outbox";

/// The outbox sender and the server list, in context (`use_sync`).
#[derive(Clone, Copy)]
pub struct SyncState {
    /// A drain (or refresh) is under way in this tab.
    pub running: RwSignal<bool>,
    pub signed_in: RwSignal<bool>,
    /// The last problem worth showing next to the outbox (not per entry).
    pub last_error: RwSignal<Option<String>>,
    pub session: RwSignal<Option<StoredSession>>,
    /// The signed-in account's filings as the server has them; `None` until read (or cached).
    pub filings: RwSignal<Option<Vec<FilingRecord>>>,
    /// Another tab holds the outbox lock and is sending.
    pub other_tab: RwSignal<bool>,
    /// Bumped after every refresh, so open history panels read again.
    pub refreshed: RwSignal<u32>,
    app: AppState,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// A drain was asked for while one ran: run again afterwards (`Some(force)`).
    again: StoredValue<Option<bool>>,
}

pub fn use_sync() -> SyncState {
    expect_context::<SyncState>()
}

/// Sends what is due now (the filing page calls this right after a submission).
pub fn drain(_app: AppState, sync: SyncState) {
    sync.request(false);
}

/// Creates the sync state, provides it, and starts listening for the moments to sync.
pub fn provide_sync(app: AppState) -> SyncState {
    let session = load_session();
    let cached = session
        .as_ref()
        .and_then(|s| session::load_cached(&s.phone));
    let sync = SyncState {
        running: RwSignal::new(false),
        signed_in: RwSignal::new(session.is_some()),
        last_error: RwSignal::new(None),
        session: RwSignal::new(session),
        filings: RwSignal::new(cached),
        other_tab: RwSignal::new(false),
        refreshed: RwSignal::new(0),
        app,
        timer: StoredValue::new(None),
        again: StoredValue::new(None),
    };
    provide_context(sync);

    // Start, and every time we come back online or sign in. Coming back online retries at once,
    // whatever the backoff said: the reason for waiting has just gone away.
    Effect::new(move |prev: Option<(bool, bool)>| {
        let now = (app.online.get(), sync.signed_in.get());
        if now.0 && now.1 && prev != Some(now) {
            sync.request(prev.is_some_and(|p| !p.0));
        }
        now
    });
    // A new submission (from any page, or from another tab through the `storage` event).
    let fresh = Memo::new(move |_| {
        app.outbox.with(|l| {
            l.iter()
                .filter(|e| matches!(e.state, OutboxState::Pending) && e.attempts == 0)
                .count()
        })
    });
    Effect::new(move |prev: Option<usize>| {
        let n = fresh.get();
        if prev.is_some_and(|p| n > p) {
            sync.request(false);
        }
        n
    });
    // Something else cleared the session (the About page's "clear local data").
    Effect::new(move |_| {
        if !sync.signed_in.get() && sync.session.get_untracked().is_some() {
            sync.session.set(None);
            sync.filings.set(None);
        }
    });

    let on_focus = window_event_listener_untyped("focus", move |_| sync.request(false));
    let on_visible = window_event_listener_untyped("visibilitychange", move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            sync.request(false);
        }
    });
    // Signed in or out in another tab.
    let on_storage = window_event_listener_untyped("storage", move |ev| {
        use wasm_bindgen::JsCast;
        let Ok(ev) = ev.dyn_into::<web_sys::StorageEvent>() else {
            return;
        };
        let key = ev.key();
        if key.is_none() || key.as_deref() == Some(session::SESSION_KEY) {
            let s = load_session();
            if s != sync.session.get_untracked() {
                sync.filings
                    .set(s.as_ref().and_then(|s| session::load_cached(&s.phone)));
                sync.signed_in.set(s.is_some());
                sync.session.set(s);
            }
        }
    });
    on_cleanup(move || {
        on_focus.remove();
        on_visible.remove();
        on_storage.remove();
        if let Some(h) = sync.timer.get_value() {
            h.clear();
        }
    });
    sync
}

impl SyncState {
    /// The bearer token, if signed in.
    pub fn token(&self) -> Option<String> {
        self.session.get_untracked().map(|s| s.token)
    }

    /// Whether `token` is still the signed-in account's (answers that come back after a sign-out
    /// or a change of account are dropped).
    fn is_current(&self, token: &str) -> bool {
        self.session
            .with_untracked(|s| s.as_ref().is_some_and(|s| s.token == token))
    }

    /// Keeps a new session and starts sending.
    pub fn signed_in_as(&self, s: StoredSession) {
        if let Err(e) = session::save_session(&s) {
            self.app.notices.save_error(&e);
        }
        self.filings.set(session::load_cached(&s.phone));
        self.session.set(Some(s));
        self.last_error.set(None);
        self.signed_in.set(true);
    }

    /// Signs out: asks the server to end the session (so the token is refused everywhere at
    /// once) and forgets it here. Drafts and the outbox stay on the device; entries in the
    /// outbox go out after the next sign-in. Offline, the device forgets the token all the same
    /// and the session ends when it expires.
    pub fn sign_out(&self) {
        if let Some(token) = self.token() {
            spawn_local(async move {
                // Already expired or revoked (401) or offline: nothing more to do here.
                let _ = api::sign_out(&token).await;
            });
        }
        self.forget();
    }

    /// Forgets the token on this device only; drafts and the outbox stay.
    fn forget(&self) {
        session::forget_session();
        self.session.set(None);
        self.filings.set(None);
        self.signed_in.set(false);
        self.other_tab.set(false);
    }

    /// A 401 from any call: the token is no longer good.
    pub fn unauthorized(&self) {
        self.forget();
        self.app.notices.push(
            "登录已过期，请重新登录。草稿和待同步的备案都还保存在本机。",
            true,
        );
    }

    /// Replaces one filing in the server list (after a cancel, a change, a create).
    pub fn put_record(&self, record: FilingRecord) {
        let phone = self.session.get_untracked().map(|s| s.phone);
        self.filings.update(|list| {
            let list = list.get_or_insert_with(Vec::new);
            match list.iter_mut().find(|r| r.id == record.id) {
                Some(r) => *r = record.clone(),
                None => list.insert(0, record.clone()),
            }
            if let Some(phone) = &phone {
                session::save_cached(phone, list);
            }
        });
        update_synced_entries(self.app, std::slice::from_ref(&record));
    }

    /// Drains (when online and signed in) and then refreshes the server list. `force` also sends
    /// entries still waiting out their backoff.
    pub fn request(self, force: bool) {
        if !self.app.online.get_untracked() || self.session.get_untracked().is_none() {
            return;
        }
        if self.running.get_untracked() {
            let was = self.again.get_value().unwrap_or(false);
            self.again.set_value(Some(was || force));
            return;
        }
        self.running.set(true);
        spawn_local(async move {
            let outcome = lock::run_exclusive(OUTBOX_LOCK, move || send_due(self, force)).await;
            self.other_tab.set(outcome == lock::Locked::Busy);
            self.refresh().await;
            self.running.set(false);
            self.schedule(outcome == lock::Locked::Busy);
            if let Some(force) = self.again.get_value() {
                self.again.set_value(None);
                self.request(force);
            }
        });
    }

    /// Reads the account's filings again (`GET /api/filings`).
    pub async fn refresh(self) {
        let Some(s) = self.session.get_untracked() else {
            return;
        };
        let result = api::list_filings(&s.token).await;
        // Signed out, or in as someone else, while this was on the way: not theirs to see.
        if !self.is_current(&s.token) {
            return;
        }
        match result {
            Ok(records) => {
                session::save_cached(&s.phone, &records);
                update_synced_entries(self.app, &records);
                self.filings.set(Some(records));
                self.refreshed.update(|n| *n += 1);
            }
            Err(ApiError { status: 401, .. }) => self.unauthorized(),
            // Offline or a server hiccup: keep what we have; the next trigger tries again.
            Err(_) => {}
        }
    }

    /// Wakes up for the earliest waiting entry (or soon, if another tab holds the lock and might
    /// go away without finishing).
    fn schedule(self, busy: bool) {
        if let Some(h) = self.timer.get_value() {
            h.clear();
        }
        self.timer.set_value(None);
        let Some(phone) = self.session.get_untracked().map(|s| s.phone) else {
            return;
        };
        let owners = session::load_owners();
        let now = storage::now_ms();
        let next = self
            .app
            .outbox
            .with_untracked(|list| {
                list.iter()
                    .filter(|e| {
                        matches!(e.state, OutboxState::Pending) && owners.allows(&e.id, &phone)
                    })
                    .map(|e| e.next_attempt_at.unwrap_or(now))
                    .min_by(f64::total_cmp)
            })
            .map(|t| if busy { t.max(now + 5_000.0) } else { t });
        let Some(at) = next else {
            // Nothing of ours waits any more (another tab may just have sent it): whatever that
            // tab still does is not this page's to announce.
            self.other_tab.set(false);
            return;
        };
        let wait = (at - now).max(250.0);
        if let Ok(h) = set_timeout_with_handle(
            move || self.request(false),
            std::time::Duration::from_millis(wait as u64),
        ) {
            self.timer.set_value(Some(h));
        }
    }
}

/// Sends the due entries one by one. Runs under the outbox lock.
async fn send_due(sync: SyncState, force: bool) {
    let Some(StoredSession { token, phone, .. }) = sync.session.get_untracked() else {
        return;
    };
    let now = storage::now_ms();
    let mut due: Vec<OutboxEntry> = outbox::load_all()
        .0
        .into_iter()
        .filter(|e| e.is_due(now) || (force && matches!(e.state, OutboxState::Pending)))
        .collect();
    // Oldest first: the order the user submitted them.
    due.sort_by(|a, b| a.created_at.total_cmp(&b.created_at));
    for queued in due {
        if !sync.is_current(&token) {
            break;
        }
        // Re-read: a tab without Web Locks may have sent it meanwhile.
        let Ok(Some(mut entry)) = storage::load::<OutboxEntry>(&outbox::outbox_key(&queued.id))
        else {
            continue;
        };
        if !matches!(entry.state, OutboxState::Pending)
            || !session::load_owners().allows(&entry.id, &phone)
            || !session::claim(&entry.id, &phone)
        {
            continue;
        }
        let result = match upload_files(sync, &token, &mut entry).await {
            Ok(body) => api::create_filing(&token, &entry.idempotency_key, &body).await,
            Err(e) => Err(e),
        };
        let current = sync.is_current(&token);
        let stop = match &result {
            Err(e) if e.status == 401 => {
                // Refused at the door: if this was its first send, it reached no account.
                if entry.attempts == 0 {
                    session::release(&entry.id);
                }
                if current {
                    sync.unauthorized();
                }
                return;
            }
            Err(e) => e.is_transient(),
            Ok(_) => false,
        };
        if let Ok(record) = &result
            && current
        {
            sync.filings.update(|list| {
                if let Some(list) = list
                    && !list.iter().any(|r| r.id == record.id)
                {
                    list.insert(0, record.clone());
                }
            });
        }
        sync.last_error.set(match &result {
            Err(e) if e.is_transient() => Some(e.message.clone()),
            _ => None,
        });
        if result.is_ok() {
            // The server has every file now: the phone's copies go.
            for a in &entry.attachments {
                let _ = attachments::remove(&a.key).await;
            }
        }
        outbox::record_attempt(
            &mut entry,
            api::to_attempt(result),
            storage::now_ms(),
            js_sys::Math::random(),
        );
        sync.app.put_outbox(entry);
        if stop {
            // The network or the server is down: the rest would fail the same way.
            break;
        }
    }
}

/// Uploads the entry's files that have no server id yet, remembering each id on the entry as soon
/// as it comes back (so a sync cut off half-way resumes with the next file), and returns the
/// filing's body with its `attachments`.
async fn upload_files(
    sync: SyncState,
    token: &str,
    entry: &mut OutboxEntry,
) -> Result<FilingApplication, ApiError> {
    for n in 0..entry.attachments.len() {
        if entry.attachments[n].id.is_some() {
            continue;
        }
        let Some(blob) = attachments::blob(&entry.attachments[n].key).await else {
            return Err(ApiError::refused(
                "attachment_missing",
                "本机找不到这份申请的材料文件（可能已被清理），请重新填写并附上材料。",
            ));
        };
        let up = api::upload_attachment(token, &blob).await?;
        entry.attachments[n].id = Some(up.id);
        sync.app.put_outbox(entry.clone());
    }
    entry
        .application()
        .ok_or_else(|| ApiError::refused("internal", "有材料文件还没有上传，请稍后重试。"))
}

/// Brings the status and version of synced outbox entries up to date with the server's records.
fn update_synced_entries(app: AppState, records: &[FilingRecord]) {
    let stale: Vec<OutboxEntry> = app.outbox.with_untracked(|list| {
        list.iter()
            .filter_map(|entry| {
                let OutboxState::Synced {
                    server_id,
                    status,
                    version,
                } = &entry.state
                else {
                    return None;
                };
                let r = records.iter().find(|r| &r.id == server_id)?;
                (r.status != *status || r.version != *version).then(|| {
                    let mut e = entry.clone();
                    e.state = OutboxState::Synced {
                        server_id: r.id.clone(),
                        status: r.status,
                        version: r.version,
                    };
                    e
                })
            })
            .collect()
    });
    for e in stale {
        app.put_outbox(e);
    }
}
