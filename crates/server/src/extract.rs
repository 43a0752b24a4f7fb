//! The JSON body extractor that fails in the API's own error shape: `ApiJson` (400 `bad_json`,
//! 413, and 422 `invalid` naming a field that is missing, of the wrong type, or unknown).

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer, Error as _};
use serde_json::Value;

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

/// Typed view of a JSON value; a mismatch is a 422 naming the field, with the core's codes and
/// Chinese sentences (`missing_field`, `invalid_type`, `unknown_field`, …: see
/// `yidi_core::validate::from_json`). Request types refuse unknown fields, so a misspelt field is
/// named instead of silently dropped.
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, ApiError> {
    yidi_core::validate::from_json(&value.to_string()).map_err(|e| ApiError::Invalid(vec![e]))
}

/// A JSON integer as JSON Schema (and so the OpenAPI document) counts them: `3`, or `3.0` as a
/// client that holds numbers as floats writes it.
pub fn json_integer(value: &Value) -> Option<i64> {
    value.as_i64().or_else(|| {
        value
            .as_f64()
            .filter(|f| f.fract() == 0.0 && f.abs() <= i64::MAX as f64)
            .map(|f| f as i64)
    })
}

/// `#[serde(deserialize_with)]` for such an integer.
pub fn integer<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    let value = Value::deserialize(deserializer)?;
    json_integer(&value).ok_or_else(|| D::Error::custom("invalid type: expected an integer"))
}
