//! Yidi's backend: the HTTP API of `shared/contracts/api.md` over SQLite or PostgreSQL, and the
//! static server of the built SPA. `app` builds the whole router, so tests drive exactly what
//! `main` serves.

pub mod attachment;
pub mod auth;
pub mod clock;
pub mod core_adapter;
pub mod db;
pub mod error;
pub mod extract;
pub mod filing;
pub mod openapi;
pub mod packs;
pub mod ratelimit;
pub mod routes;
pub mod seal;
pub mod spa;
pub mod state;
pub mod writer;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Router};
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use db::{Backend, Db};
pub use error::ApiError;
pub use state::{AppState, CodeSender, Config};
use yidi_core::attachment::MAX_ATTACHMENT_BYTES;

/// api.md: "body over 256 KiB → 413".
pub const BODY_LIMIT: usize = 256 * 1024;

/// The SPA runs wasm (`'wasm-unsafe-eval'`), styles inline attributes, shows `data:` images and
/// talks only to its own origin. Proof materials are fetched with the bearer token (an `<img>`
/// cannot send one) and shown from `blob:` URLs: photos in `<img>`, PDFs in a frame, hence
/// `blob:` in `img-src` and `frame-src`. `frame-ancestors` lets the WeChat and Alipay
/// mini-program web-views embed it, and nobody else.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; frame-src 'self' blob:; \
    connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; \
    form-action 'self'; frame-ancestors 'self' https://servicewechat.com https://*.alipay.com";

/// The API routes with their OpenAPI descriptions.
fn api() -> OpenApiRouter<AppState> {
    use routes::{attachments, filings, health, policies, review, session};
    // Files are the one body allowed past BODY_LIMIT (a layer nearer the handler wins).
    let uploads = OpenApiRouter::new()
        .routes(routes!(attachments::upload))
        .layer(DefaultBodyLimit::max(MAX_ATTACHMENT_BYTES + 1));
    OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .merge(uploads)
        .routes(routes!(attachments::get))
        .routes(routes!(health::health))
        .routes(routes!(policies::list))
        .routes(routes!(policies::get))
        .routes(routes!(session::request_code))
        .routes(routes!(session::sign_in, session::sign_out))
        .routes(routes!(filings::create, filings::list))
        .routes(routes!(filings::get, filings::patch))
        .routes(routes!(filings::cancel))
        .routes(routes!(filings::history))
        .routes(routes!(review::decide))
        .routes(routes!(review::queue))
        .routes(routes!(review::one))
        .routes(routes!(openapi::document))
}

/// The OpenAPI document of [`app`]'s routes, as served at `/api/openapi.json`.
pub fn openapi_doc() -> serde_json::Value {
    openapi::complete(&api().split_for_parts().1)
}

/// How long an upload may take, body included: 5 MiB over a slow mobile link (about 50 KB/s)
/// takes some 100 s, far beyond the other requests' limit.
pub const UPLOAD_TIMEOUT: Duration = Duration::from_secs(180);

async fn timeout(limit: Duration, req: Request, next: Next) -> Response {
    let limit = if req.uri().path() == "/api/attachments" {
        limit.max(UPLOAD_TIMEOUT)
    } else {
        limit
    };
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(response) => response,
        Err(_) => ApiError::Timeout.into_response(),
    }
}

/// What not to compress: tower-http's defaults (tiny bodies, gRPC, images, event streams) and
/// PDFs, whose pages are deflated inside already. Attachments are JPEG/PNG/WebP/PDF, so serving
/// one costs no compression work for nothing.
fn already_compressed() -> impl Predicate {
    DefaultPredicate::new().and(NotForContentType::const_new("application/pdf"))
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

/// The whole application: API, OpenAPI document, SPA, and the layers around them.
pub fn app(state: AppState) -> Router {
    let (router, doc) = api().split_for_parts();
    let doc = Arc::new(openapi::complete(&doc).to_string());
    let limit = state.config.request_timeout;
    let header = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    router
        .layer(Extension(doc))
        .fallback(spa::fallback)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            timeout(limit, req, next)
        }))
        .layer(
            CompressionLayer::new()
                .br(true)
                .gzip(true)
                .compress_when(already_compressed()),
        )
        .layer(header(header::CONTENT_SECURITY_POLICY, CSP))
        .layer(header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header(header::REFERRER_POLICY, "no-referrer"))
        .layer(header(
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
