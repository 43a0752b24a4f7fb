//! Local storage with a schema version on every value.
//!
//! Every value the app keeps is wrapped in an [`Envelope`] `{"v": <schema>, "data": …}`. Reading
//! migrates older schemas forward ([`Versioned::migrate`]); a value that cannot be read (bad JSON,
//! a failed migration) is *set aside*: copied under `yidi:corrupt:<time>:<key>` and removed from
//! its key, so the app carries on and nothing the user typed is thrown away. Writing reports a full
//! quota as [`SaveError::Quota`] and leaves what was stored before untouched (the browser refuses
//! the whole write).

use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Every key of ours starts with this, so "clear local data" never touches anyone else's.
pub const PREFIX: &str = "yidi:";
/// Where unreadable values are kept.
pub const CORRUPT_PREFIX: &str = "yidi:corrupt:";

/// A stored type with a schema version and a forward migration from older versions.
pub trait Versioned: Serialize + DeserializeOwned {
    /// The schema version this build writes.
    const VERSION: u32;

    /// Turns the `data` of schema `from` into the `data` of schema `from + 1`.
    fn migrate_step(from: u32, data: Value) -> Result<Value, String> {
        let _ = from;
        Ok(data)
    }
}

#[derive(Serialize, Deserialize)]
struct Envelope<T> {
    v: u32,
    data: T,
}

/// Why a stored value could not be used.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadProblem {
    /// Unreadable: kept under `moved_to` (or left in place when even that copy failed).
    SetAside {
        key: String,
        moved_to: Option<String>,
    },
    /// Written by a newer version of the app: left alone, not overwritten.
    TooNew { key: String, version: u32 },
}

/// Why a value could not be written.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    /// The browser's storage is full; the previous value is still there.
    Quota,
    /// Storage is unavailable (private mode, disabled) or refused for another reason.
    Unavailable(String),
}

impl SaveError {
    /// What the user reads.
    pub fn message_zh(&self) -> String {
        match self {
            SaveError::Quota => "手机浏览器的存储空间已满，刚才的修改没有保存；之前保存的内容都还在。请到“我的备案”删除不用的草稿，或在“关于”页清理后重试。".into(),
            SaveError::Unavailable(_) => "浏览器不允许保存数据（可能是无痕模式），关闭页面后内容会丢失。".into(),
        }
    }
}

impl LoadProblem {
    pub fn message_zh(&self) -> String {
        match self {
            LoadProblem::SetAside { .. } => {
                "有一条本地保存的数据无法读取，已原样另存备查，应用可以继续使用。".into()
            }
            LoadProblem::TooNew { .. } => {
                "有一条数据来自更新版本的应用，此版本无法读取，已保留不动。请刷新页面以更新。"
                    .into()
            }
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The raw string under `key`.
pub fn get_raw(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

/// Writes a raw string, mapping a full quota to [`SaveError::Quota`].
pub fn set_raw(key: &str, value: &str) -> Result<(), SaveError> {
    let Some(s) = storage() else {
        return Err(SaveError::Unavailable("no localStorage".into()));
    };
    s.set_item(key, value).map_err(|e| classify(&e))
}

/// A quota error is a `DOMException` named `QuotaExceededError` (older engines: code 22/1014).
pub fn classify(e: &wasm_bindgen::JsValue) -> SaveError {
    let name = js_sys::Reflect::get(e, &"name".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    let code = js_sys::Reflect::get(e, &"code".into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" || code == 22.0 {
        SaveError::Quota
    } else {
        SaveError::Unavailable(name)
    }
}

pub fn remove(key: &str) {
    LocalStorage::delete(key);
}

/// All our keys starting with `prefix`, sorted.
pub fn keys_with_prefix(prefix: &str) -> Vec<String> {
    let Some(s) = storage() else {
        return Vec::new();
    };
    let n = s.length().unwrap_or(0);
    let mut keys: Vec<String> = (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect();
    keys.sort();
    keys
}

/// Removes every key of ours (the About page's "clear local data").
pub fn clear_all() {
    for k in keys_with_prefix(PREFIX) {
        remove(&k);
    }
}

/// Moves an unreadable value out of the way, keeping it for inspection.
pub fn set_aside(key: &str, raw: &str) -> LoadProblem {
    let moved = format!("{CORRUPT_PREFIX}{}:{key}", js_sys::Date::now() as u64);
    let moved_to = match set_raw(&moved, raw) {
        Ok(()) => {
            remove(key);
            Some(moved)
        }
        // No room for a copy: leave it where it is, never delete the only copy.
        Err(_) => None,
    };
    LoadProblem::SetAside {
        key: key.to_owned(),
        moved_to,
    }
}

/// Decodes an envelope from its JSON text, migrating it to `T::VERSION`. `Err(None)` means
/// unreadable, `Err(Some(v))` a version newer than this build knows.
pub fn decode<T: Versioned>(raw: &str) -> Result<T, Option<u32>> {
    let env: Envelope<Value> = serde_json::from_str(raw).map_err(|_| None)?;
    if env.v > T::VERSION {
        return Err(Some(env.v));
    }
    let mut v = env.v;
    let mut data = env.data;
    while v < T::VERSION {
        data = T::migrate_step(v, data).map_err(|_| None)?;
        v += 1;
    }
    serde_json::from_value(data).map_err(|_| None)
}

/// Encodes `value` in an envelope of the current schema.
pub fn encode<T: Versioned>(value: &T) -> String {
    serde_json::to_string(&Envelope {
        v: T::VERSION,
        data: value,
    })
    .unwrap_or_default()
}

/// Reads `key`. Missing → `Ok(None)`; unreadable → set aside, `Err(problem)`.
/// Every value stored under a key starting with `prefix` (one key per record), and what could
/// not be read.
pub fn load_prefixed<T: Versioned>(prefix: &str) -> (Vec<T>, Vec<LoadProblem>) {
    let mut values = Vec::new();
    let mut problems = Vec::new();
    for key in keys_with_prefix(prefix) {
        match load::<T>(&key) {
            Ok(Some(v)) => values.push(v),
            Ok(None) => {}
            Err(p) => problems.push(p),
        }
    }
    (values, problems)
}

pub fn load<T: Versioned>(key: &str) -> Result<Option<T>, LoadProblem> {
    let Some(raw) = get_raw(key) else {
        return Ok(None);
    };
    match decode::<T>(&raw) {
        Ok(v) => Ok(Some(v)),
        Err(Some(version)) => Err(LoadProblem::TooNew {
            key: key.to_owned(),
            version,
        }),
        Err(None) => Err(set_aside(key, &raw)),
    }
}

/// A list kept under one key (saved scenarios, saved policies): missing is empty; unreadable is
/// empty too, with the problem to tell the user.
pub fn load_list<T>(key: &str) -> (Vec<T>, Option<LoadProblem>)
where
    Vec<T>: Versioned,
{
    match load::<Vec<T>>(key) {
        Ok(v) => (v.unwrap_or_default(), None),
        Err(p) => (Vec::new(), Some(p)),
    }
}

/// Writes `value` under `key` in the current schema.
pub fn save<T: Versioned>(key: &str, value: &T) -> Result<(), SaveError> {
    set_raw(key, &encode(value))
}

/// gloo-storage's error for a write, mapped the same way (used by callers that go through it).
pub fn from_gloo(e: StorageError) -> SaveError {
    match e {
        StorageError::JsError(js) if js.name == "QuotaExceededError" => SaveError::Quota,
        other => SaveError::Unavailable(other.to_string()),
    }
}

/// A random v4 UUID from `crypto.getRandomValues` (works outside secure contexts too, unlike
/// `crypto.randomUUID`).
pub fn new_uuid() -> String {
    let mut b = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.get_random_values_with_u8_array(&mut b).is_ok())
        .unwrap_or(false);
    if !filled {
        for x in b.iter_mut() {
            *x = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// Milliseconds since the epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}
