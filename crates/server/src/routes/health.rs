use axum::Json;
use axum::extract::State;
use serde::Serialize;

use crate::error::ApiResult;
use crate::state::AppState;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    /// Always `ok` when the server can reach its database.
    pub status: &'static str,
}

/// Liveness and database check.
#[utoipa::path(get, path = "/api/health", operation_id = "health", tag = "health",
    responses((status = 200, body = Health), (status = 500, description = "database unreachable")))]
pub async fn health(State(state): State<AppState>) -> ApiResult<Json<Health>> {
    sqlx::query("SELECT 1").execute(&state.db.read).await?;
    Ok(Json(Health { status: "ok" }))
}
