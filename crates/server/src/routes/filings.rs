//! The citizen's filings (api.md "Filings").

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use serde::Deserialize;
use serde_json::Value;
use yidi_core::filing::{Event, Lifecycle};

use crate::attachment;
use crate::auth::{Citizen, hash_secret};
use crate::clock::china_today;
use crate::core_adapter::check_filing;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, json_integer};
use crate::filing::{self, COLUMNS, FilingRow, canonical};
use crate::routes::json_text;
use crate::seal;
use crate::state::AppState;
use crate::writer::{Outcome, Submission};

const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// The key: 1–255 visible ASCII characters (a UUID in practice).
fn idempotency_key(headers: &HeaderMap) -> ApiResult<String> {
    let key = headers
        .get(IDEMPOTENCY_KEY)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .unwrap_or_default();
    if key.is_empty() || key.len() > 255 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ApiError::IdempotencyKeyRequired);
    }
    Ok(key.to_owned())
}

/// A stored first response for (user, key).
struct Stored {
    request_hash: String,
    status: i64,
    response: String,
}

impl Stored {
    fn replay(self, request_hash: &str) -> ApiResult<Response> {
        if self.request_hash != request_hash {
            return Err(ApiError::IdempotencyMismatch);
        }
        let status = u16::try_from(self.status)
            .ok()
            .and_then(|s| StatusCode::from_u16(s).ok())
            .ok_or_else(|| ApiError::internal("bad stored status"))?;
        let mut response = json_text(status, self.response);
        response
            .headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
        Ok(response)
    }
}

async fn stored(pool: &sqlx::AnyPool, user: &str, key: &str) -> ApiResult<Option<Stored>> {
    let row: Option<(String, i64, String)> = sqlx::query_as(
        "SELECT request_hash, status, response FROM idempotency_keys \
         WHERE user_id = $1 AND idem_key = $2",
    )
    .bind(user)
    .bind(key)
    .fetch_optional(pool)
    .await?;
    row.map(|(request_hash, status, response)| {
        Ok(Stored {
            request_hash,
            status,
            response: seal::open(&response, &seal::response_context(user, key))?,
        })
    })
    .transpose()
}

/// Submits a filing, exactly once per `Idempotency-Key`.
///
/// The first response for a key is stored in the same transaction as the filing and replayed
/// byte for byte (with `Idempotent-Replayed: true`) for the same key and the same body; the same
/// key with another body is 422 `idempotency_mismatch`. Keys are per user. Requests that fail
/// validation are not stored, so a corrected body may reuse the key.
#[utoipa::path(post, path = "/api/filings", operation_id = "create_filing", tag = "filings",
    params(("Idempotency-Key" = String, Header, description = "unique per submission, e.g. a UUID")),
    request_body(content = Object, description = "the filing application (api.md)"),
    responses(
        (status = 201, description = "the new filing (or the replayed first response)", body = Object),
        (status = 400, description = "bad JSON or no Idempotency-Key"),
        (status = 422, description = "invalid field, or idempotency_mismatch")),
    security(("citizen" = [])))]
pub async fn create(
    State(state): State<AppState>,
    citizen: Citizen,
    headers: HeaderMap,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    let key = idempotency_key(&headers)?;
    let request_hash = hash_secret(&canonical(&body));
    let user = citizen.user_id.as_str();
    let now = state.now_ms();
    // The common case, a new key, costs no read: the writer finds a taken key as it inserts.
    let checked = match check_filing(body, china_today(now)) {
        Ok(checked) => checked,
        Err(invalid) => {
            // A replay must be answered as the first time even if the body no longer passes
            // (e.g. its start date has passed since), and a reused key must say so.
            return match stored(&state.db.read, user, &key).await? {
                Some(first) => first.replay(&request_hash),
                None => Err(invalid),
            };
        }
    };
    let row = FilingRow {
        id: uuid::Uuid::now_v7().to_string(),
        status: Lifecycle::Submitted.code().to_owned(),
        version: 1,
        reason: None,
        application: checked.application.to_string(),
        end_date: checked.end_date.clone(),
        created_at: now,
        updated_at: now,
    };
    let files = {
        let mut conn = state.db.read.acquire().await?;
        attachment::owned(&mut conn, user, &checked.attachments).await?
    };
    let response =
        attachment::with_files(row.to_json_with(checked.application)?, &files).to_string();

    let id = row.id.clone();
    let submission = Submission {
        user_id: user.to_owned(),
        key: key.clone(),
        request_hash: request_hash.clone(),
        status: i64::from(StatusCode::CREATED.as_u16()),
        response: response.clone(),
        row,
        attachments: checked.attachments,
    };
    if state.writer.submit(submission).await? == Outcome::KeyTaken {
        // An earlier or concurrent request with this key won; answer as it did.
        return stored(&state.db.read, user, &key)
            .await?
            .ok_or_else(|| ApiError::internal("idempotency key vanished"))?
            .replay(&request_hash);
    }

    let mut created = json_text(StatusCode::CREATED, response);
    if let Ok(location) = HeaderValue::from_str(&format!("/api/filings/{id}")) {
        created.headers_mut().insert(header::LOCATION, location);
    }
    Ok(created)
}

/// The caller's filings, newest first.
#[utoipa::path(get, path = "/api/filings", operation_id = "list_filings", tag = "filings",
    responses((status = 200, body = Vec<Object>)),
    security(("citizen" = [])))]
pub async fn list(State(state): State<AppState>, citizen: Citizen) -> ApiResult<Json<Vec<Value>>> {
    let rows: Vec<FilingRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM filings WHERE user_id = $1 ORDER BY created_at DESC, id DESC"
    ))
    .bind(&citizen.user_id)
    .fetch_all(&state.db.read)
    .await?;
    let mut conn = state.db.read.acquire().await?;
    Ok(Json(attachment::filings_json(&mut conn, rows).await?))
}

/// One of the caller's filings (someone else's is 404).
#[utoipa::path(get, path = "/api/filings/{id}", operation_id = "get_filing", tag = "filings",
    params(("id" = String, Path)),
    responses((status = 200, body = Object), (status = 404)),
    security(("citizen" = [])))]
pub async fn get(
    State(state): State<AppState>,
    citizen: Citizen,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let mut conn = state.db.read.acquire().await?;
    let row = filing::load(&mut conn, &id, Some(&citizen.user_id)).await?;
    Ok(Json(attachment::filing_json(&mut conn, &row).await?))
}

/// Reads `version` (required) and the changes from a PATCH body: either `{version, changes:
/// {…}}` or `{version, …changed fields}`.
fn split_patch(body: Value) -> ApiResult<(i64, Value)> {
    let Value::Object(mut object) = body else {
        return Err(ApiError::invalid(
            ".",
            "bad_type",
            "请求内容应是一个 JSON 对象。",
        ));
    };
    let version = match object.remove("version") {
        Some(v) => json_integer(&v)
            .ok_or_else(|| ApiError::invalid("version", "bad_type", "version 应是整数。"))?,
        None => return Err(ApiError::invalid("version", "missing", "缺少 version。")),
    };
    let changes = match object.remove("changes") {
        Some(changes @ Value::Object(_)) if object.is_empty() => changes,
        Some(_) if object.is_empty() => {
            return Err(ApiError::invalid(
                "changes",
                "bad_type",
                "changes 应是一个 JSON 对象。",
            ));
        }
        Some(other) => {
            object.insert("changes".into(), other);
            Value::Object(object)
        }
        None => Value::Object(object),
    };
    Ok((version, changes))
}

/// Changes a filing while `submitted` or `returned`; the body is `{version, …changes}` (or
/// `{version, changes: {…}}`), the changes applied as a JSON Merge Patch (RFC 7396) to the
/// application and the result validated again. A `returned` filing is thereby resubmitted.
#[utoipa::path(patch, path = "/api/filings/{id}", operation_id = "change_filing", tag = "filings",
    params(("id" = String, Path)),
    request_body(content = Object, description = "{version, ...changed fields}"),
    responses(
        (status = 200, description = "the filing with version + 1", body = Object),
        (status = 404),
        (status = 409, description = "stale version or a status that allows no change; `current` holds the filing")),
    security(("citizen" = [])))]
pub async fn patch(
    State(state): State<AppState>,
    citizen: Citizen,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Json<Value>> {
    let (version, changes) = split_patch(body)?;
    let now = state.now_ms();
    let (mut tx, row) = filing::begin_change(
        &state.db.write,
        &id,
        &citizen.user_id,
        version,
        Lifecycle::can_change,
    )
    .await?;
    let mut application: Value =
        serde_json::from_str(&row.application).map_err(ApiError::internal)?;
    filing::merge_patch(&mut application, &changes);
    let checked = check_filing(application, china_today(now))?;
    let files = attachment::owned(&mut tx, &citizen.user_id, &checked.attachments).await?;
    let event = Event::change_of(row.lifecycle()?);
    let resubmitted = event == Event::Resubmitted;
    let next = FilingRow {
        reason: if resubmitted {
            None
        } else {
            row.reason.clone()
        },
        application: checked.application.to_string(),
        end_date: checked.end_date,
        ..row.advanced(Lifecycle::Submitted, 1, now)
    };
    filing::save_citizen_change(&mut tx, &row, &next, event).await?;
    attachment::link(&mut tx, &id, &checked.attachments).await?;
    tx.commit().await?;
    Ok(Json(attachment::with_files(next.to_json()?, &files)))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Cancel {
    /// The version the client last saw.
    #[serde(deserialize_with = "crate::extract::integer")]
    pub version: i64,
}

/// Cancels a filing (撤销). Allowed while `submitted`, `under_review`, `returned` or `approved`.
#[utoipa::path(post, path = "/api/filings/{id}/cancel", operation_id = "cancel_filing", tag = "filings",
    params(("id" = String, Path)), request_body = Cancel,
    responses(
        (status = 200, description = "the filing, status cancelled", body = Object),
        (status = 404),
        (status = 409, description = "stale version, or already final")),
    security(("citizen" = [])))]
pub async fn cancel(
    State(state): State<AppState>,
    citizen: Citizen,
    Path(id): Path<String>,
    ApiJson(Cancel { version }): ApiJson<Cancel>,
) -> ApiResult<Json<Value>> {
    let now = state.now_ms();
    let (mut tx, row) = filing::begin_change(
        &state.db.write,
        &id,
        &citizen.user_id,
        version,
        Lifecycle::can_cancel,
    )
    .await?;
    let next = row.advanced(Lifecycle::Cancelled, 1, now);
    filing::save_citizen_change(&mut tx, &row, &next, Event::Cancelled).await?;
    let body = attachment::filing_json(&mut tx, &next).await?;
    tx.commit().await?;
    Ok(Json(body))
}

/// Every change to the filing, oldest first.
#[utoipa::path(get, path = "/api/filings/{id}/history", operation_id = "filing_history", tag = "filings",
    params(("id" = String, Path)),
    responses((status = 200, body = Vec<filing::Event>), (status = 404)),
    security(("citizen" = [])))]
pub async fn history(
    State(state): State<AppState>,
    citizen: Citizen,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<filing::Event>>> {
    let mut conn = state.db.read.acquire().await?;
    filing::load(&mut conn, &id, Some(&citizen.user_id)).await?;
    Ok(Json(filing::history(&mut conn, &id).await?))
}
