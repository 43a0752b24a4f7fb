//! The one error type of the API. Every error leaves as
//! `{"error": {"code", "message", "field"?}}` (api.md, "Errors"); a few add a sibling key
//! (`current` for 409). 5xx details go to the log only, never to the client.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use yidi_core::CoreError;

#[derive(Debug)]
pub enum ApiError {
    /// 400: the body is not JSON (or not UTF-8, or empty where JSON was needed).
    BadJson,
    /// 400: `POST /api/filings` without a usable `Idempotency-Key`.
    IdempotencyKeyRequired,
    /// 401: no token, an unknown one, or an expired one.
    Unauthorized,
    /// 401: a wrong, used, expired or burnt one-time code.
    BadCode,
    /// 404: no such thing for this caller (someone else's filing looks exactly like none).
    NotFound,
    /// 405 on a known path.
    MethodNotAllowed,
    /// 409: the `version` sent is not the current one; carries the current filing.
    Stale(Value),
    /// 409: the filing's status does not allow this change; carries the current filing.
    InvalidState(Value),
    /// 413: body over the limit.
    TooLarge,
    /// 413: an upload over the file limit (api.md "Attachments": 5 MiB).
    FileTooLarge,
    /// 415: an upload of a type we do not take, or whose bytes are not its declared type; the
    /// core's sentence.
    UnsupportedType(CoreError),
    /// 422: one or more fields fail validation; the first is reported as `field`, all in `problems`.
    Invalid(Vec<CoreError>),
    /// 422: an `Idempotency-Key` reused with a different body.
    IdempotencyMismatch,
    /// 429 with `Retry-After` (seconds).
    RateLimited { retry_after_secs: u64 },
    /// 503: the request took longer than the server's timeout.
    Timeout,
    /// 500: details logged, not returned.
    Internal(String),
}

impl ApiError {
    /// A single invalid field.
    pub fn invalid(field: &str, code: &str, message: &str) -> Self {
        ApiError::Invalid(vec![CoreError::new(code, message).at(field)])
    }

    pub fn internal(e: impl std::fmt::Display) -> Self {
        ApiError::Internal(e.to_string())
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadJson | ApiError::IdempotencyKeyRequired => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized | ApiError::BadCode => StatusCode::UNAUTHORIZED,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Stale(_) | ApiError::InvalidState(_) => StatusCode::CONFLICT,
            ApiError::TooLarge | ApiError::FileTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Invalid(_) | ApiError::IdempotencyMismatch => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ApiError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Timeout => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn body(&self) -> Value {
        let (code, message) = match self {
            ApiError::BadJson => ("bad_json", "请求内容不是有效的 JSON。"),
            ApiError::IdempotencyKeyRequired => (
                "idempotency_key_required",
                "提交备案需要 Idempotency-Key 请求头（1–255 个可见字符）。",
            ),
            ApiError::Unauthorized => ("unauthorized", "请先登录，或登录已过期。"),
            ApiError::BadCode => ("bad_code", "验证码不正确或已失效，请重新获取。"),
            ApiError::NotFound => ("not_found", "没有找到。"),
            ApiError::MethodNotAllowed => ("method_not_allowed", "不支持这种请求方式。"),
            ApiError::Stale(_) => ("stale", "备案已在别处更新，请查看最新内容后再修改。"),
            ApiError::InvalidState(_) => ("invalid_state", "备案当前的状态不允许这项操作。"),
            ApiError::TooLarge => ("too_large", "请求内容过大（上限 256 KiB）。"),
            ApiError::FileTooLarge => ("too_large", "文件过大（上限 5 MiB），请压缩或重新拍照。"),
            ApiError::UnsupportedType(problem) => {
                return json!({ "error": {
                    "code": "unsupported_type",
                    "message": problem.message,
                }});
            }
            ApiError::Invalid(problems) => {
                let first = problems.first();
                let mut error = json!({
                    "code": "invalid",
                    "message": first.map_or("填写的内容有误。", |p| p.message.as_str()),
                    "problems": problems,
                });
                if let Some(p) = first {
                    error["reason"] = json!(p.code);
                    if let Some(field) = &p.field {
                        error["field"] = json!(field);
                    }
                }
                return json!({ "error": error });
            }
            ApiError::IdempotencyMismatch => (
                "idempotency_mismatch",
                "同一个 Idempotency-Key 已用于内容不同的提交。",
            ),
            ApiError::RateLimited { .. } => ("rate_limited", "请求过于频繁，请稍后再试。"),
            ApiError::Timeout => ("timeout", "服务器处理超时，请稍后重试。"),
            ApiError::Internal(_) => ("internal", "服务器出错了，请稍后重试。"),
        };
        let mut body = json!({ "error": { "code": code, "message": message } });
        if let ApiError::Stale(current) | ApiError::InvalidState(current) = self {
            body["current"] = current.clone();
        }
        body
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(detail) = &self {
            // Callers never put ID numbers or phones into these strings (sqlx errors carry
            // statements, not bound values).
            tracing::error!(%detail, "internal error");
        }
        let status = self.status();
        let mut response = (status, axum::Json(self.body())).into_response();
        if let ApiError::RateLimited { retry_after_secs } = self {
            response.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from(retry_after_secs.max(1)),
            );
        }
        response
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        ApiError::Internal(format!("database: {e}"))
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
