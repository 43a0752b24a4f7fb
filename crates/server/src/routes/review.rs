//! Decisions of the insured region's office (api.md "Review").

use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;
use serde_json::Value;
use yidi_core::filing::{Decision as Verdict, Event};

use crate::auth::Reviewer;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, from_value};
use crate::filing::{self, Actor, FilingRow, NewEvent};
use crate::openapi::ErrorBody;
use crate::state::AppState;

#[derive(Deserialize, utoipa::ToSchema)]
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
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 404, description = "no such filing, or not a reviewer", body = ErrorBody),
        (status = 409, description = "the status allows no decision", body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn decide(
    State(state): State<AppState>,
    _reviewer: Reviewer,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Json<Value>> {
    let Decision { decision, reason } = from_value(body)?;
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
        return Err(ApiError::InvalidState(row.to_json()?));
    };
    let next = FilingRow {
        status: decision.target().code().to_owned(),
        version: row.version + steps.len() as i64,
        reason: reason.clone(),
        updated_at: now,
        ..row.clone()
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
    tx.commit().await?;
    Ok(Json(next.to_json()?))
}
