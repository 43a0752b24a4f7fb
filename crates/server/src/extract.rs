//! Extractors that fail in the API's own error shape: `ApiJson` (400 `bad_json`, 413, and 422
//! `invalid` with the JSON path of a field of the wrong type or missing), and the callers' tokens.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use serde::de::DeserializeOwned;
use serde_json::Value;
use yidi_core::CoreError;

use crate::error::ApiError;

/// JSON body. Unlike `axum::Json` it ignores `Content-Type` (the SPA and curl both send JSON)
/// and reports every failure as an [`ApiError`].
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::TooLarge
            } else {
                ApiError::BadJson
            }
        })?;
        let value: Value = serde_json::from_slice(&bytes).map_err(|_| ApiError::BadJson)?;
        from_value(value).map(ApiJson)
    }
}

/// Typed view of a JSON value; a mismatch is a 422 naming the field (`applicant.id_number`).
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, ApiError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        let missing = inner
            .strip_prefix("missing field `")
            .and_then(|r| r.split('`').next());
        let field = match (path.as_str(), missing) {
            (".", Some(m)) => m.to_owned(),
            (p, Some(m)) => format!("{p}.{m}"),
            (p, None) => p.to_owned(),
        };
        let message = if missing.is_some() {
            "缺少必填项。"
        } else {
            "这一项的格式不对。"
        };
        let code = if missing.is_some() {
            "missing"
        } else {
            "bad_type"
        };
        ApiError::Invalid(vec![CoreError::new(code, message).at(field)])
    })
}
