//! A small IndexedDB wrapper over plain `web-sys`: one database (`yidi`), one object store of
//! attachments keyed by a local id. IndexedDB rather than local storage because local storage holds
//! strings of a few megabytes in all, and a single phone photo can be one.
//!
//! Every call opens the database, runs one transaction and waits for it to *complete* (not just
//! for the request to succeed), so a write the browser refuses for a full quota is reported as
//! such and nothing half-written is believed stored.

use js_sys::{Array, Promise};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{EventTarget, IdbDatabase, IdbObjectStore, IdbRequest, IdbTransactionMode};

use crate::storage::{SaveError, classify};

const DB: &str = "yidi";
const VERSION: u32 = 1;
pub const ATTACHMENTS: &str = "attachments";

/// Waits for the first of `ok` or one of `fail` on `target`; `fail` rejects with the event.
async fn settle(
    target: &EventTarget,
    ok: &'static str,
    fail: &[&'static str],
) -> Result<(), JsValue> {
    let mut promise_body = |resolve: js_sys::Function, reject: js_sys::Function| {
        // Only one of these events ever fires, so the once-closure is called (and freed) once.
        let f = Closure::once_into_js(move |ev: web_sys::Event| {
            if ev.type_() == ok {
                let _ = resolve.call0(&JsValue::NULL);
            } else {
                let _ = reject.call1(&JsValue::NULL, &ev);
            }
        });
        for name in std::iter::once(&ok).chain(fail) {
            let _ = target.add_event_listener_with_callback(name, f.unchecked_ref());
        }
    };
    JsFuture::from(Promise::new(&mut promise_body))
        .await
        .map(|_| ())
}

async fn open() -> Result<IdbDatabase, SaveError> {
    let unavailable = || SaveError::Unavailable("IndexedDB".into());
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or_else(unavailable)?;
    let req = factory
        .open_with_u32(DB, VERSION)
        .map_err(|e| classify(&e))?;
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let db = ev
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok());
        if let Some(db) = db
            && !db.object_store_names().contains(ATTACHMENTS)
        {
            let _ = db.create_object_store(ATTACHMENTS);
        }
    });
    req.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let opened = settle(&req, "success", &["error"]).await;
    req.set_onupgradeneeded(None);
    drop(upgrade);
    opened.map_err(|_| unavailable())?;
    req.result()
        .ok()
        .and_then(|r| r.dyn_into::<IdbDatabase>().ok())
        .ok_or_else(unavailable)
}

/// Runs `work` on the store in one transaction and waits for it to complete; returns what the
/// last request produced.
async fn run(
    mode: IdbTransactionMode,
    work: impl FnOnce(&IdbObjectStore) -> Result<IdbRequest, JsValue>,
) -> Result<JsValue, SaveError> {
    let db = open().await?;
    let tx = db
        .transaction_with_str_and_mode(ATTACHMENTS, mode)
        .map_err(|e| classify(&e))?;
    let store = tx.object_store(ATTACHMENTS).map_err(|e| classify(&e))?;
    let req = work(&store).map_err(|e| classify(&e))?;
    let done = settle(&tx, "complete", &["abort"]).await;
    let result = match done {
        Ok(()) => Ok(req.result().unwrap_or(JsValue::UNDEFINED)),
        // A quota failure surfaces as the transaction's error when it aborts.
        Err(_) => Err(tx
            .error()
            .map(|e| classify(&e.into()))
            .unwrap_or_else(|| SaveError::Unavailable("IndexedDB abort".into()))),
    };
    db.close();
    result
}

pub async fn put(key: &str, value: &JsValue) -> Result<(), SaveError> {
    run(IdbTransactionMode::Readwrite, |s| {
        s.put_with_key(value, &key.into())
    })
    .await
    .map(|_| ())
}

/// The value under `key` (`None` when missing or unreadable).
pub async fn get(key: &str) -> Option<JsValue> {
    let v = run(IdbTransactionMode::Readonly, |s| s.get(&key.into()))
        .await
        .ok()?;
    (!v.is_undefined()).then_some(v)
}

pub async fn delete(key: &str) -> Result<(), SaveError> {
    run(IdbTransactionMode::Readwrite, |s| s.delete(&key.into()))
        .await
        .map(|_| ())
}

/// Every value of the store (each record carries its own key).
pub async fn all() -> Vec<JsValue> {
    run(IdbTransactionMode::Readonly, |s| s.get_all())
        .await
        .map(|v| Array::from(&v).iter().collect())
        .unwrap_or_default()
}
