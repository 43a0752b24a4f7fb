//! The OpenAPI document, assembled from the handlers' `#[utoipa::path]` attributes by
//! `utoipa_axum` as the router is built, so a route cannot exist without being documented.

use std::sync::Arc;

use axum::Extension;
use axum::http::StatusCode;
use axum::response::Response;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

use crate::routes::json_text;

/// Every error: `{"error": {...}}`; 409s add `current` (the filing as it is now).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ErrorBody {
    pub error: ErrorDetail,
    /// 409 only: the current filing.
    pub current: Option<serde_json::Value>,
}

#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ErrorDetail {
    /// Stable English code: `bad_json`, `idempotency_key_required`, `unauthorized`, `bad_code`,
    /// `not_found`, `stale`, `invalid_state`, `too_large`, `invalid`, `idempotency_mismatch`,
    /// `rate_limited`, `timeout`, `internal`.
    pub code: String,
    /// Chinese, for people.
    pub message: String,
    /// 422 `invalid`: JSON path of the field at fault.
    pub field: Option<String>,
    /// 422 `invalid`: the core's specific code (e.g. `id_checksum`).
    pub reason: Option<String>,
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme(
                "bearer",
                SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
            );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Yidi 异地就医助手 API",
        description = "The HTTP contract of shared/contracts/api.md. Every error is \
            {\"error\": {code, message, field?}}; bodies over 256 KiB get 413; rate limits \
            answer 429 with Retry-After."
    ),
    components(schemas(ErrorBody, ErrorDetail)),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

/// This document.
#[utoipa::path(get, path = "/api/openapi.json", operation_id = "openapi", tag = "meta",
    responses((status = 200, description = "OpenAPI 3.1 document", body = Object)))]
pub async fn document(Extension(doc): Extension<Arc<String>>) -> Response {
    json_text(StatusCode::OK, doc.as_str().to_owned())
}
