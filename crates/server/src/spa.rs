//! Serves the built SPA from the dist directory: real files as they are, client routes (paths
//! without a file extension) as their prerendered page, and `/api/…` paths that match no route as
//! a JSON 404. Trunk's hashed assets never change, so they are cached for a year; the pages, the
//! service worker and everything else are revalidated on every load (`no-cache`).
//!
//! The build (scripts/build-web.sh) writes a brotli (`.br`) and a gzip (`.gz`) copy beside every
//! file, at the highest levels; they are sent as they are to a client that accepts them, so no
//! static file is compressed per request.
//!
//! A client route is, in this order: its prerendered first view (`dist/<route>/index.html`, the
//! home page is `dist/index.html`); for a path under a prerendered route that has no page of its
//! own (`/filings/<id>`), the bare app shell (`shell.html`), which the wasm fills; otherwise the
//! prerendered "no such page" view (`404.html`). Without those files (a dist built by
//! `trunk serve`) every route is `index.html`, the shell.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower_http::services::ServeDir;

use crate::error::ApiError;
use crate::state::AppState;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const NO_CACHE: &str = "no-cache";

/// Trunk names assets `name-<16 hex>.ext` (wasm: `name-<hash>_bg.wasm`).
fn is_hashed(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let stem = file.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() >= 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

fn with_cache(mut response: Response, cache: &'static str) -> Response {
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    }
    response
}

pub async fn fallback(State(state): State<AppState>, req: Request) -> Response {
    let path = req.uri().path().to_owned();
    if is_api(&path) {
        return ApiError::NotFound.into_response();
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return ApiError::MethodNotAllowed.into_response();
    }
    let dist = &state.config.dist_dir;
    let (parts, _) = req.into_parts();
    match serve(dist, &parts, &path).await {
        Ok(Some(response)) => {
            let cache = if is_hashed(&path) {
                IMMUTABLE
            } else {
                NO_CACHE
            };
            return with_cache(response, cache);
        }
        Ok(None) => {}
        Err(e) => return e.into_response(),
    }
    // A missing asset stays a 404; anything else is a client route.
    let last = path.rsplit('/').next().unwrap_or_default();
    if last.contains('.') {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    let route = path.trim_end_matches('/');
    let section = route
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default();
    let candidates = [
        format!("{route}/index.html"),
        if !section.is_empty() && dist.join(section).join("index.html").is_file() {
            "/shell.html".to_owned()
        } else {
            "/404.html".to_owned()
        },
        "/index.html".to_owned(),
    ];
    for candidate in &candidates {
        match serve(dist, &parts, candidate).await {
            Ok(Some(response)) => return with_cache(response, NO_CACHE),
            Ok(None) => {}
            Err(e) => return e.into_response(),
        }
    }
    (
        StatusCode::NOT_FOUND,
        "The SPA is not built: no index.html in the dist directory (YIDI_DIST).",
    )
        .into_response()
}

/// The file at `path` under `dist` (ServeDir keeps the path inside it), its precompressed copy
/// where the request accepts one; `None` when there is no such file.
async fn serve(
    dist: &std::path::Path,
    parts: &axum::http::request::Parts,
    path: &str,
) -> Result<Option<Response>, ApiError> {
    let mut parts = parts.clone();
    parts.uri = path
        .parse()
        .map_err(|e| ApiError::internal(format!("static path {path}: {e}")))?;
    let served = ServeDir::new(dist)
        .append_index_html_on_directories(false)
        .precompressed_br()
        .precompressed_gzip()
        .try_call(Request::from_parts(parts, Body::empty()))
        .await
        .map_err(|e| ApiError::internal(format!("static file {path}: {e}")))?;
    Ok((served.status() != StatusCode::NOT_FOUND).then(|| served.map(Body::new)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_trunk_hashes() {
        assert!(is_hashed("/yidi-app-4f3a9c0e1b2d3f4a.js"));
        assert!(is_hashed("/yidi-app-4f3a9c0e1b2d3f4a_bg.wasm"));
        assert!(is_hashed("/style-0123456789abcdef.css"));
        assert!(!is_hashed("/sw.js"));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/my-page"));
    }
}
