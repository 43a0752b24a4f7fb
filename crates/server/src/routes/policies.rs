//! The policy packs the server holds (bundled, and those of `YIDI_PACKS_DIR`), each with
//! `ETag` = the pack's sha256; the list has an `ETag` of its own, so a phone that already holds
//! every pack learns it with a 304.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::error::{ApiError, ApiResult};
use crate::routes::json_text;
use crate::state::AppState;

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

/// `body` with its ETag, or 304 when `If-None-Match` names it; never cached without asking.
fn conditional(headers: &HeaderMap, etag: &str, body: &str) -> ApiResult<Response> {
    let etag_value = HeaderValue::from_str(etag).map_err(ApiError::internal)?;
    let mut response = if matches(headers, etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        json_text(StatusCode::OK, body.to_owned())
    };
    let h = response.headers_mut();
    h.insert(header::ETAG, etag_value);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(response)
}

/// `[{id, region, scheme, effective, version, sha256, …}]`; `If-None-Match` with its ETag → 304.
#[utoipa::path(get, path = "/api/policies", operation_id = "list_policies", tag = "policies",
    responses(
        (status = 200, description = "summaries of the packs (ETag: sha256 of this list)", body = Vec<Object>),
        (status = 304, description = "unchanged since the ETag given in If-None-Match")))]
pub async fn list(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    let (body, etag) = state.packs.list();
    conditional(&headers, etag, body)
}

/// One pack's exact JSON; `If-None-Match` with its ETag → 304.
#[utoipa::path(get, path = "/api/policies/{id}", operation_id = "get_policy", tag = "policies",
    params(("id" = String, Path, description = "pack id")),
    responses(
        (status = 200, description = "the pack (ETag: its sha256)", body = Object),
        (status = 304, description = "unchanged since the ETag given in If-None-Match"),
        (status = 404, description = "no such pack")))]
pub async fn get(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let pack = state.packs.by_id(&id).ok_or(ApiError::NotFound)?;
    conditional(
        &headers,
        &format!("\"{}\"", pack.sha256()),
        pack.json_text(),
    )
}
