//! The policy packs the server holds (the core's bundled packs), with `ETag` = the pack's sha256.

use axum::Json;
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::core_adapter::policy_packs;
use crate::error::{ApiError, ApiResult};
use crate::routes::json_text;

/// `[{id, region, scheme, effective, version, sha256}]`.
#[utoipa::path(get, path = "/api/policies", operation_id = "list_policies", tag = "policies",
    responses((status = 200, description = "summaries of the packs", body = Vec<Object>)))]
pub async fn list() -> Json<Vec<Value>> {
    Json(policy_packs().into_iter().map(|p| p.summary).collect())
}

/// Does `If-None-Match` name this ETag (or `*`)?
fn matches(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == etag || t == "*")
}

/// One pack's exact JSON; `If-None-Match` with its ETag → 304.
#[utoipa::path(get, path = "/api/policies/{id}", operation_id = "get_policy", tag = "policies",
    params(("id" = String, Path, description = "pack id")),
    responses(
        (status = 200, description = "the pack (ETag: its sha256)", body = Object),
        (status = 304, description = "unchanged since the ETag given in If-None-Match"),
        (status = 404, description = "no such pack", body = crate::openapi::ErrorBody)))]
pub async fn get(Path(id): Path<String>, headers: HeaderMap) -> ApiResult<Response> {
    let pack = policy_packs()
        .into_iter()
        .find(|p| p.id == id)
        .ok_or(ApiError::NotFound)?;
    let etag = format!("\"{}\"", pack.sha256);
    let etag_value = HeaderValue::from_str(&etag).map_err(ApiError::internal)?;
    let mut response = if matches(&headers, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        json_text(StatusCode::OK, pack.json.to_owned())
    };
    let h = response.headers_mut();
    h.insert(header::ETAG, etag_value);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(response)
}
