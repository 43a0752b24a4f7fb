//! App-wide state in context: preferences, drafts, the outbox, saved scenarios, notices and
//! whether the browser is online. Loaded once at start-up; written back by effects and explicit
//! saves; refreshed from other tabs through the `storage` event.

use leptos::prelude::*;
use yidi_core::CoreError;

use crate::attachments;
use crate::drafts::{self, DRAFT_PREFIX, SavedDraft};
use crate::i18n::{I18n, Lang};
use crate::outbox::{self, OUTBOX_PREFIX, OutboxEntry, OutboxState};
use crate::saved_copy::SavedCopy;
use crate::scenarios::{SCENARIOS_KEY, Scenario};
use crate::settings::{self, SETTINGS_KEY, Settings};
use crate::storage::{self, LoadProblem, SaveError};

#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub id: u32,
    pub text: String,
    pub error: bool,
}

/// Messages at the top of the page ("草稿无法读取…", "存储空间已满…").
#[derive(Clone, Copy)]
pub struct Notices(pub RwSignal<Vec<Notice>>);

impl Notices {
    pub fn push(&self, text: impl Into<String>, error: bool) {
        let text = text.into();
        self.0.update(|v| {
            if v.iter().any(|n| n.text == text) {
                return;
            }
            let id = v.iter().map(|n| n.id).max().unwrap_or(0) + 1;
            v.push(Notice { id, text, error });
        });
    }

    pub fn problem(&self, p: &LoadProblem) {
        self.push(p.message_zh(), true);
    }

    pub fn save_error(&self, e: &SaveError) {
        self.push(e.message_zh(), true);
    }

    pub fn dismiss(&self, id: u32) {
        self.0.update(|v| v.retain(|n| n.id != id));
    }
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub settings: RwSignal<Settings>,
    pub drafts: RwSignal<Vec<SavedDraft>>,
    pub outbox: RwSignal<Vec<OutboxEntry>>,
    pub scenarios: RwSignal<Vec<Scenario>>,
    pub notices: Notices,
    pub online: RwSignal<bool>,
    /// A new service worker is waiting ("新版本可用").
    pub update_ready: RwSignal<bool>,
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// Loads everything from local storage and provides [`AppState`], [`Notices`] and [`I18n`].
pub fn provide_app_state() -> AppState {
    let notices = Notices(RwSignal::new(Vec::new()));
    let loaded_settings = match storage::load::<Settings>(SETTINGS_KEY) {
        Ok(s) => s.unwrap_or_default(),
        Err(p) => {
            notices.problem(&p);
            Settings::default()
        }
    };
    let (d, dp) = drafts::load_all();
    let (o, op) = outbox::load_all();
    let (s, sp) = Scenario::load_all();
    for p in dp.iter().chain(op.iter()).chain(sp.iter()) {
        notices.problem(p);
    }
    let online = web_sys::window()
        .map(|w| w.navigator().on_line())
        .unwrap_or(true);
    let state = AppState {
        settings: RwSignal::new(loaded_settings),
        drafts: RwSignal::new(d),
        outbox: RwSignal::new(o),
        scenarios: RwSignal::new(s),
        notices,
        online: RwSignal::new(online),
        update_ready: RwSignal::new(false),
    };
    provide_context(state);
    provide_context(notices);
    let settings_sig = state.settings;
    provide_context(I18n(Signal::derive(move || settings_sig.get().lang)));

    // Preferences: apply to <html> and write back whenever they change.
    Effect::new(move |prev: Option<Settings>| {
        let s = settings_sig.get();
        settings::apply_to_document(s);
        if prev.is_some_and(|p| p != s)
            && let Err(e) = storage::save(SETTINGS_KEY, &s)
        {
            notices.save_error(&e);
        }
        s
    });

    listen_to_browser(state);
    state
}

fn listen_to_browser(state: AppState) {
    let online = state.online;
    let h1 = window_event_listener_untyped("online", move |_| online.set(true));
    let h2 = window_event_listener_untyped("offline", move |_| online.set(false));
    let ready = state.update_ready;
    let h3 = window_event_listener_untyped("yidi-sw-update", move |_| ready.set(true));
    // index.html may have seen the waiting worker before the wasm started.
    if js_sys::Reflect::get(&window(), &"__yidiUpdate".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
    {
        ready.set(true);
    }
    let h4 = window_event_listener_untyped("storage", move |ev| {
        use wasm_bindgen::JsCast;
        let Ok(ev) = ev.dyn_into::<web_sys::StorageEvent>() else {
            return;
        };
        match ev.key() {
            // `clear()` in another tab: reload everything.
            None => reload_all(state),
            Some(k) => on_other_tab_write(state, &k),
        }
    });
    on_cleanup(move || {
        h1.remove();
        h2.remove();
        h3.remove();
        h4.remove();
    });
}

fn reload_all(state: AppState) {
    state.drafts.set(drafts::load_all().0);
    state.outbox.set(outbox::load_all().0);
    state.scenarios.set(Scenario::load_all().0);
}

/// Another tab wrote `key`: take its value, so this tab's next save starts from it.
fn on_other_tab_write(state: AppState, key: &str) {
    if let Some(id) = key.strip_prefix(DRAFT_PREFIX) {
        let fresh = drafts::load_one(id);
        state.drafts.update(|list| {
            list.retain(|d| d.id != id);
            if let Some(d) = fresh {
                list.push(d);
            }
            drafts::sort(list);
        });
    } else if key.starts_with(OUTBOX_PREFIX) {
        state.outbox.set(outbox::load_all().0);
    } else if key == SCENARIOS_KEY {
        state.scenarios.set(Scenario::load_all().0);
    } else if key == SETTINGS_KEY
        && let Ok(Some(s)) = storage::load::<Settings>(SETTINGS_KEY)
    {
        state.settings.set(s);
    }
}

impl AppState {
    pub fn lang(&self) -> Lang {
        self.settings.get().lang
    }

    /// Saves a draft and updates the list; tells the user about a fork or a full quota.
    /// Returns the draft as stored (possibly under a new id), or `None` if nothing was written.
    pub fn save_draft(&self, draft: &SavedDraft) -> Option<SavedDraft> {
        match drafts::save(draft) {
            Ok(saved) => {
                let (d, forked) = match saved {
                    drafts::Saved::Written(d) => (d, false),
                    drafts::Saved::Forked(d) => (d, true),
                };
                if forked {
                    self.notices.push(
                        "这份草稿刚在另一个窗口里改过。为了两边都不丢，您这边的内容已另存为一份新草稿。",
                        false,
                    );
                }
                self.drafts.update(|list| {
                    list.retain(|x| x.id != d.id);
                    list.push(d.clone());
                    drafts::sort(list);
                });
                Some(d)
            }
            Err(e) => {
                self.notices.save_error(&e);
                None
            }
        }
    }

    /// Removes a draft from the list (after a submission its files belong to the outbox entry,
    /// which still names the draft: see [`AppState::discard_draft`] for a deletion).
    pub fn delete_draft(&self, id: &str) {
        drafts::delete(id);
        self.drafts.update(|l| l.retain(|d| d.id != id));
    }

    /// The user deletes a draft: its photos and PDFs go with it.
    pub fn discard_draft(&self, id: &str) {
        self.delete_draft(id);
        let owner = id.to_owned();
        leptos::task::spawn_local(async move { attachments::remove_owner(&owner).await });
    }

    /// A submission the server refused (422) back into a draft: the form as it was sent, the
    /// server's problem kept to show on its field, the outbox entry gone (a corrected version
    /// is a new submission with a new Idempotency-Key). `None` if the draft could not be saved,
    /// in which case the entry stays.
    pub fn reopen_refused(&self, entry: &OutboxEntry) -> Option<SavedDraft> {
        let OutboxState::Rejected {
            code,
            message,
            field,
        } = &entry.state
        else {
            return None;
        };
        let mut draft = SavedDraft::new(entry.body.clone().into());
        draft.refused = Some(CoreError {
            code: code.clone(),
            field: field.clone(),
            message: message.clone(),
        });
        let saved = self.save_draft(&draft)?;
        storage::remove(&outbox::outbox_key(&entry.id));
        self.outbox.update(|l| l.retain(|e| e.id != entry.id));
        Some(saved)
    }

    pub fn put_outbox(&self, entry: OutboxEntry) -> bool {
        match outbox::save(&entry) {
            Ok(()) => {
                self.outbox.update(|l| {
                    l.retain(|e| e.id != entry.id);
                    l.insert(0, entry);
                });
                true
            }
            Err(e) => {
                self.notices.save_error(&e);
                false
            }
        }
    }
}
