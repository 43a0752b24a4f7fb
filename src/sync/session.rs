//! The signed-in account: phone, bearer token and its expiry, kept in local storage through the
//! app's versioned storage (`yidi:session`). Signing out removes it and nothing else: drafts and
//! the outbox stay on the device.

use serde::{Deserialize, Serialize};

use crate::api::FilingRecord;
use crate::storage::{self, Versioned};

pub const SESSION_KEY: &str = "yidi:session";
/// The signed-in account's filings as last read from the server, for reading offline.
pub const FILINGS_CACHE_KEY: &str = "yidi:server-filings";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredSession {
    pub phone: String,
    pub token: String,
    /// RFC 3339, as the server sent it.
    pub expires_at: String,
}

impl Versioned for StoredSession {
    const VERSION: u32 = 1;
}

impl StoredSession {
    /// Past its `expires_at` (an unreadable date counts as not expired: the server decides).
    pub fn expired(&self, now_ms: f64) -> bool {
        let t = js_sys::Date::parse(&self.expires_at);
        !t.is_nan() && t <= now_ms
    }

    /// `138****8000` (the core's masking), enough to recognise the account.
    pub fn masked_phone(&self) -> String {
        yidi_core::validate::Phone::parse(&self.phone)
            .map(|p| p.masked())
            .unwrap_or_default()
    }
}

/// The stored session, unless missing, unreadable or expired.
pub fn load_session() -> Option<StoredSession> {
    let s = storage::load::<StoredSession>(SESSION_KEY).ok().flatten()?;
    if s.expired(storage::now_ms()) {
        storage::remove(SESSION_KEY);
        return None;
    }
    Some(s)
}

pub fn save_session(s: &StoredSession) -> Result<(), storage::SaveError> {
    storage::save(SESSION_KEY, s)
}

/// Forgets the token and the cached server list; drafts and the outbox are kept.
pub fn forget_session() {
    storage::remove(SESSION_KEY);
    storage::remove(FILINGS_CACHE_KEY);
}

/// The server's list of one account's filings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedFilings {
    pub phone: String,
    pub records: Vec<FilingRecord>,
}

impl Versioned for CachedFilings {
    const VERSION: u32 = 1;
}

/// The cached list, if it belongs to `phone`.
pub fn load_cached(phone: &str) -> Option<Vec<FilingRecord>> {
    storage::load::<CachedFilings>(FILINGS_CACHE_KEY)
        .ok()
        .flatten()
        .filter(|c| c.phone == phone)
        .map(|c| c.records)
}

pub fn save_cached(phone: &str, records: &[FilingRecord]) {
    // Only a convenience for offline reading: a full quota is not worth a notice.
    let _ = storage::save(
        FILINGS_CACHE_KEY,
        &CachedFilings {
            phone: phone.to_owned(),
            records: records.to_vec(),
        },
    );
}

/// Which account each outbox entry first went out under (`yidi:outbox-owners`, entry id → phone).
///
/// An entry made while signed out goes to whoever signs in next; but once it has been sent under
/// one account — even if the answer was lost — only that account may send it again. Otherwise a
/// retry after "sign out, sign in as someone else" on a shared phone would file it a second time,
/// under the wrong person (idempotency keys are per account on the server).
pub const OWNERS_KEY: &str = "yidi:outbox-owners";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Owners(pub std::collections::BTreeMap<String, String>);

impl Versioned for Owners {
    const VERSION: u32 = 1;
}

pub fn load_owners() -> Owners {
    storage::load::<Owners>(OWNERS_KEY)
        .ok()
        .flatten()
        .unwrap_or_default()
}

impl Owners {
    /// Whether `phone` may send the entry `id`.
    pub fn allows(&self, id: &str, phone: &str) -> bool {
        self.0.get(id).is_none_or(|owner| owner == phone)
    }
}

/// Records `phone` as the entry's account before its first send; `false` if that could not be
/// stored (then the entry is not sent: an unrecorded owner could let another account send it).
pub fn claim(id: &str, phone: &str) -> bool {
    let mut owners = load_owners();
    if owners.0.get(id).is_some_and(|o| o == phone) {
        return true;
    }
    owners.0.insert(id.to_owned(), phone.to_owned());
    storage::save(OWNERS_KEY, &owners).is_ok()
}

/// Forgets the entry's account: for an entry whose only send was refused as unauthorised (401),
/// which therefore never reached anyone's account.
pub fn release(id: &str) {
    let mut owners = load_owners();
    if owners.0.remove(id).is_some() {
        let _ = storage::save(OWNERS_KEY, &owners);
    }
}
