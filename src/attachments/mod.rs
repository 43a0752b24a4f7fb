//! Proof materials (photos, PDFs) kept on this device until they are uploaded: the bytes in
//! IndexedDB ([`idb`]), one record per file, owned by the draft they were attached to. A draft's
//! images go when the draft is deleted; a submitted filing's go once the server has them all.
//!
//! The bytes never leave this module except as a `Blob`: they are never put in a URL other than
//! a short-lived `blob:` object URL for a preview, and never logged.

pub mod downscale;
pub mod idb;

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

use crate::storage::{self, SaveError};

/// Largest upload the server takes: core's limit, as the `f64` a `Blob` reports its size in.
pub const MAX_BYTES: f64 = yidi_core::attachment::MAX_ATTACHMENT_BYTES as f64;

/// What a stored file is, without its bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalAttachment {
    /// The local key (a UUID), never sent anywhere.
    pub key: String,
    /// The draft it belongs to.
    pub owner: String,
    /// The material code of `yidi_core::filing::Material` it proves.
    pub material: String,
    pub content_type: String,
    pub bytes: f64,
}

impl LocalAttachment {
    pub fn is_pdf(&self) -> bool {
        self.content_type == "application/pdf"
    }

    fn from_js(v: &JsValue) -> Option<LocalAttachment> {
        let text = |k: &str| Reflect::get(v, &k.into()).ok()?.as_string();
        Some(LocalAttachment {
            key: text("key")?,
            owner: text("owner")?,
            material: text("material")?,
            content_type: text("type")?,
            bytes: Reflect::get(v, &"bytes".into()).ok()?.as_f64()?,
        })
    }
}

/// Stores `blob` for `material` of the draft `owner`. A full quota is [`SaveError::Quota`] and
/// leaves what was stored before untouched.
pub async fn add(owner: &str, material: &str, blob: &Blob) -> Result<LocalAttachment, SaveError> {
    let a = LocalAttachment {
        key: storage::new_uuid(),
        owner: owner.to_owned(),
        material: material.to_owned(),
        content_type: blob.type_(),
        bytes: blob.size(),
    };
    let record = js_sys::Object::new();
    for (k, v) in [
        ("key", JsValue::from(&a.key)),
        ("owner", JsValue::from(&a.owner)),
        ("material", JsValue::from(&a.material)),
        ("type", JsValue::from(&a.content_type)),
        ("bytes", JsValue::from(a.bytes)),
        ("blob", JsValue::from(blob)),
        ("added", JsValue::from(storage::now_ms())),
    ] {
        let _ = Reflect::set(&record, &k.into(), &v);
    }
    idb::put(&a.key, &record).await?;
    Ok(a)
}

/// The files of `owner`, oldest first.
pub async fn list(owner: &str) -> Vec<LocalAttachment> {
    let mut out: Vec<(f64, LocalAttachment)> = idb::all()
        .await
        .iter()
        .filter_map(|v| {
            let a = LocalAttachment::from_js(v)?;
            let at = Reflect::get(v, &"added".into())
                .ok()?
                .as_f64()
                .unwrap_or(0.0);
            (a.owner == owner).then_some((at, a))
        })
        .collect();
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out.into_iter().map(|(_, a)| a).collect()
}

/// The bytes of one file.
pub async fn blob(key: &str) -> Option<Blob> {
    let v = idb::get(key).await?;
    Reflect::get(&v, &"blob".into()).ok()?.dyn_into().ok()
}

pub async fn remove(key: &str) -> Result<(), SaveError> {
    idb::delete(key).await
}

/// Hands the files `keys` to the draft `owner`: a refused submission reopened as a new draft
/// keeps its photos. A file no longer on this device is passed over.
pub async fn hand_over(keys: &[String], owner: &str) -> Result<(), SaveError> {
    for key in keys {
        if let Some(record) = idb::get(key).await {
            let _ = Reflect::set(&record, &"owner".into(), &owner.into());
            idb::put(key, &record).await?;
        }
    }
    Ok(())
}

/// Deletes every file kept on this device (the About page's "clear local data").
pub async fn clear_all() {
    for v in idb::all().await {
        if let Some(a) = LocalAttachment::from_js(&v) {
            let _ = remove(&a.key).await;
        }
    }
}

/// Deletes every file of `owner` (a deleted draft, a filing the server has).
pub async fn remove_owner(owner: &str) {
    for a in list(owner).await {
        let _ = remove(&a.key).await;
    }
}
