//! Proof materials (api.md "Attachments"): a citizen uploads a photo or PDF as the raw body and
//! gets its id; the owner and reviewers read it back.

use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use yidi_core::attachment::{self, MAX_ATTACHMENT_BYTES};

use crate::attachment::{self as store, Upload};
use crate::auth::{Citizen, Viewer};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The file as sent: the raw body, up to [`MAX_ATTACHMENT_BYTES`] (413 beyond), and the type its
/// `Content-Type` declares (empty when there is none), which the bytes must then agree with.
pub struct FileBody {
    pub declared: String,
    pub bytes: Bytes,
}

impl<S: Send + Sync> FromRequest<S> for FileBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let declared = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::FileTooLarge
            } else {
                ApiError::internal(rejection.body_text())
            }
        })?;
        if bytes.len() > MAX_ATTACHMENT_BYTES {
            return Err(ApiError::FileTooLarge);
        }
        Ok(FileBody { declared, bytes })
    }
}

/// Stores a proof material. The body is the file; `Content-Type` says what it is
/// (`image/jpeg`, `image/png`, `image/webp` or `application/pdf`), and its magic number must
/// agree (415 `unsupported_type` otherwise). EXIF/XMP metadata is stripped before storing.
/// Uploads are content-addressed per caller: the same bytes again answer 200 with the same id.
#[utoipa::path(post, path = "/api/attachments", operation_id = "upload_attachment", tag = "attachments",
    responses(
        (status = 201, description = "stored", body = Upload),
        (status = 200, description = "the same bytes were stored before: the same id", body = Upload),
        (status = 413, description = "over 5 MiB (too_large)"),
        (status = 415, description = "not JPEG, PNG, WebP or PDF, or not what Content-Type says (unsupported_type)")),
    security(("citizen" = [])))]
pub async fn upload(
    State(state): State<AppState>,
    citizen: Citizen,
    FileBody { declared, bytes }: FileBody,
) -> ApiResult<Response> {
    // Stripping walks the whole file (up to 5 MiB): off the async workers.
    let (kind, content) =
        tokio::task::spawn_blocking(move || attachment::prepare(&declared, &bytes))
            .await
            .map_err(ApiError::internal)?
            .map_err(ApiError::UnsupportedType)?;
    let now = state.now_ms();
    let (upload, created) = store::save(&state.db, &citizen.user_id, kind, &content, now).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let mut response = (status, Json(&upload)).into_response();
    if let Ok(location) = HeaderValue::from_str(&format!("/api/attachments/{}", upload.id)) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// The stored file, to its owner and to reviewers (404 to anyone else). Never cached by a
/// browser, a proxy or the service worker (`Cache-Control: private, no-store`).
#[utoipa::path(get, path = "/api/attachments/{id}", operation_id = "get_attachment", tag = "attachments",
    params(("id" = String, Path)),
    responses(
        (status = 200, description = "the file as stored (without metadata)"),
        (status = 404, description = "no such upload, or not the caller's")),
    security(("citizen" = []), ("reviewer" = [])))]
pub async fn get(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let (content_type, content) = store::read(&state.db, &id, viewer.owner()).await?;
    let mut response = Response::new(Body::from(content));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&content_type).map_err(ApiError::internal)?,
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // Shown inline (an <img>, a PDF viewer), never as a page of this origin.
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("inline"),
    );
    Ok(response)
}
