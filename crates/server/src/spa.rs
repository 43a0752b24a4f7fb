//! Serves the built SPA from the dist directory: real files as they are, client routes (paths
//! without a file extension) as `index.html`, and `/api/…` paths that match no route as a JSON
//! 404. Trunk's hashed assets never change, so they are cached for a year; `index.html`, the
//! service worker and everything else are revalidated on every load (`no-cache`).

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower_http::services::{ServeDir, ServeFile};

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
    let (parts, body) = req.into_parts();
    let index_req = Request::from_parts(parts.clone(), Body::empty());
    let served = ServeDir::new(dist)
        .append_index_html_on_directories(true)
        .try_call(Request::from_parts(parts, body))
        .await;
    match served {
        Ok(response) if response.status() != StatusCode::NOT_FOUND => {
            let cache = if is_hashed(&path) {
                IMMUTABLE
            } else {
                NO_CACHE
            };
            return with_cache(response.map(Body::new), cache);
        }
        Ok(_) => {}
        Err(e) => return ApiError::internal(format!("static file: {e}")).into_response(),
    }
    // A missing asset stays a 404; anything else is a client route.
    let last = path.rsplit('/').next().unwrap_or_default();
    if last.contains('.') {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    match ServeFile::new(dist.join("index.html"))
        .try_call(index_req)
        .await
    {
        Ok(response) if response.status() != StatusCode::NOT_FOUND => {
            with_cache(response.map(Body::new), NO_CACHE)
        }
        Ok(_) => (
            StatusCode::NOT_FOUND,
            "The SPA is not built: no index.html in the dist directory (YIDI_DIST).",
        )
            .into_response(),
        Err(e) => ApiError::internal(format!("index.html: {e}")).into_response(),
    }
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
