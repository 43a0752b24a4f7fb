//! The insured region's office (api.md "Review"): the queue of filings, one filing with its
//! files and history, and decisions.

use axum::Json;
use axum::extract::{Path, Query, State};
use serde::Deserialize;
use serde_json::{Value, json};
use yidi_core::domain::Choice;
use yidi_core::filing::{Decision as Verdict, Event, Lifecycle};

use crate::attachment;
use crate::auth::Reviewer;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::filing::{self, Actor, COLUMNS, FilingRow, NewEvent};
use crate::state::AppState;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// `approve`, `return` or `reject`; also `review` (take a submitted filing under review
    /// without deciding yet).
    #[schema(value_type = String, example = "approve")]
    pub decision: Verdict,
    /// Required for `return` and `reject`; shown to the citizen.
    #[serde(default)]
    pub reason: Option<String>,
}

const MAX_REASON_CHARS: usize = 500;

/// Records a reviewer's decision. A decision on a `submitted` filing first takes it
/// `under_review` (two history entries). Decisions are allowed on `submitted` and `under_review`
/// filings only (409 `invalid_state` otherwise). Citizens' tokens get 404.
#[utoipa::path(post, path = "/api/review/filings/{id}/decision", operation_id = "decide_filing", tag = "review",
    params(("id" = String, Path)), request_body = Decision,
    responses(
        (status = 200, description = "the filing after the decision", body = Object),
        (status = 404, description = "no such filing, or not a reviewer"),
        (status = 409, description = "the status allows no decision")),
    security(("reviewer" = [])))]
pub async fn decide(
    State(state): State<AppState>,
    _reviewer: Reviewer,
    Path(id): Path<String>,
    ApiJson(Decision { decision, reason }): ApiJson<Decision>,
) -> ApiResult<Json<Value>> {
    let reason = reason
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty());
    let needs_reason = decision.needs_reason();
    if needs_reason && reason.is_none() {
        return Err(ApiError::invalid(
            "reason",
            "missing",
            "退回或拒绝时必须写明原因。",
        ));
    }
    if reason
        .as_ref()
        .is_some_and(|r| r.chars().count() > MAX_REASON_CHARS)
    {
        return Err(ApiError::invalid("reason", "too_long", "原因最多 500 字。"));
    }
    let reason = if needs_reason { reason } else { None };

    let now = state.now_ms();
    let mut tx = state.db.write.begin().await?;
    let row = filing::load(&mut tx, &id, None).await?;
    let Some(steps) = row.lifecycle()?.decide(decision) else {
        return Err(ApiError::InvalidState(
            attachment::filing_json(&mut tx, &row).await?,
        ));
    };
    let next = FilingRow {
        reason: reason.clone(),
        ..row.advanced(decision.target(), steps.len(), now)
    };
    filing::update(&mut tx, &row, &next).await?;
    for (i, &step) in steps.iter().enumerate() {
        let last = i + 1 == steps.len();
        filing::record(
            &mut tx,
            &id,
            NewEvent {
                version: row.version + 1 + i as i64,
                event: Event::reaching(step),
                status: step,
                reason: if last { reason.as_deref() } else { None },
                actor: Actor::Reviewer,
                at: now,
            },
        )
        .await?;
    }
    let body = attachment::filing_json(&mut tx, &next).await?;
    tx.commit().await?;
    Ok(Json(body))
}

/// The statuses a queue shows: those asked for (`?status=` once or more), or those a decision
/// can still be made on (core's lifecycle says which).
fn queue_statuses(query: &[(String, String)]) -> ApiResult<Vec<Lifecycle>> {
    let mut asked: Vec<Lifecycle> = Vec::new();
    for (_, code) in query.iter().filter(|(name, _)| name == "status") {
        let status =
            Lifecycle::from_code(code).map_err(|e| ApiError::Invalid(vec![e.at("status")]))?;
        if !asked.contains(&status) {
            asked.push(status);
        }
    }
    if asked.is_empty() {
        asked = Lifecycle::ALL
            .into_iter()
            .filter(|s| s.decide(Verdict::Approve).is_some())
            .collect();
    }
    Ok(asked)
}

/// The review queue: filings of the given statuses (default: awaiting a decision), oldest
/// first. Other query parameters are ignored.
/// Citizens' tokens get 404.
#[utoipa::path(get, path = "/api/review/filings", operation_id = "review_queue", tag = "review",
    params(("status" = Option<Vec<String>>, Query, description = "statuses to list (repeat for several); default submitted and under_review")),
    responses(
        (status = 200, description = "filings, oldest first", body = Vec<Object>),
        (status = 404, description = "not a reviewer"),
        (status = 422, description = "an unknown status")),
    security(("reviewer" = [])))]
pub async fn queue(
    State(state): State<AppState>,
    _reviewer: Reviewer,
    Query(query): Query<Vec<(String, String)>>,
) -> ApiResult<Json<Vec<Value>>> {
    let statuses = queue_statuses(&query)?;
    let list: Vec<String> = (1..=statuses.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT {COLUMNS} FROM filings WHERE status IN ({}) ORDER BY created_at, id",
        list.join(", ")
    );
    let mut select = sqlx::query_as::<_, FilingRow>(&sql);
    for status in &statuses {
        select = select.bind(status.code());
    }
    let rows = select.fetch_all(&state.db.read).await?;
    let mut conn = state.db.read.acquire().await?;
    Ok(Json(attachment::filings_json(&mut conn, rows).await?))
}

/// One filing for review: the filing, its files' metadata (`attachment_files`) and its
/// `history`, so the console needs one request. Citizens' tokens get 404.
#[utoipa::path(get, path = "/api/review/filings/{id}", operation_id = "review_filing", tag = "review",
    params(("id" = String, Path)),
    responses(
        (status = 200, description = "the filing with attachment_files and history", body = Object),
        (status = 404, description = "no such filing, or not a reviewer")),
    security(("reviewer" = [])))]
pub async fn one(
    State(state): State<AppState>,
    _reviewer: Reviewer,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let mut conn = state.db.read.acquire().await?;
    let row = filing::load(&mut conn, &id, None).await?;
    let mut body = attachment::filing_json(&mut conn, &row).await?;
    body["history"] = json!(filing::history(&mut conn, &id).await?);
    Ok(Json(body))
}
