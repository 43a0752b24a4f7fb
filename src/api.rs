//! Typed calls to the server of `contracts/api.md`. Browser fetches are not `Send`: call these
//! from `Action::new_local` or `leptos::task::spawn_local`.

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use yidi_core::filing::{Event, FilingApplication, Lifecycle};

use crate::outbox::Attempt;

/// An error as the server sends it (`{"error":{code,message,field}}`), or a network failure
/// (`status` 0).
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: u16,
    pub code: String,
    pub message: String,
    pub field: Option<String>,
    /// From `Retry-After` (seconds) on a 429.
    pub retry_after_ms: Option<f64>,
    /// The filing as the server has it now, on a 409 (`stale`, `invalid_state`).
    pub current: Option<Box<FilingRecord>>,
}

impl ApiError {
    pub(crate) fn network(e: impl std::fmt::Display) -> ApiError {
        ApiError {
            status: 0,
            code: "network".into(),
            message: format!("网络不通，稍后会自动重试（{e}）"),
            field: None,
            retry_after_ms: None,
            current: None,
        }
    }

    /// A refusal made on this side, for a request that cannot be sent as it is.
    pub fn refused(code: &str, message: &str) -> ApiError {
        ApiError {
            status: 400,
            code: code.into(),
            message: message.into(),
            field: None,
            retry_after_ms: None,
            current: None,
        }
    }

    /// Worth retrying: network errors, timeouts, 429 and 5xx.
    pub fn is_transient(&self) -> bool {
        self.status == 0 || self.status == 408 || self.status == 429 || self.status >= 500
    }
}

#[derive(Deserialize)]
struct ErrorBody {
    error: ErrorInner,
    #[serde(default)]
    current: Option<Box<FilingRecord>>,
}

#[derive(Deserialize)]
struct ErrorInner {
    code: String,
    message: String,
    #[serde(default)]
    field: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub token: String,
    pub expires_at: String,
}

/// A filing as the server returns it (the create body plus the server's fields).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FilingRecord {
    pub id: String,
    pub status: Lifecycle,
    pub version: u32,
    #[serde(default)]
    pub end_date: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
    /// The application as submitted (`applicant`, `insured`, regions, `start_date`, …).
    #[serde(flatten)]
    pub application: serde_json::Map<String, Value>,
}

/// One proof file of a filing, as a filing record names it (`attachments`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AttachmentRef {
    pub material: String,
    pub id: String,
    #[serde(default)]
    pub content_type: Option<String>,
}

/// The filing's files: its `attachments`.
pub fn attachments_of(record: &FilingRecord) -> Vec<AttachmentRef> {
    record
        .application
        .get("attachments")
        .and_then(|v| serde_json::from_value(v.clone()).ok())
        .unwrap_or_default()
}

#[derive(Deserialize)]
struct CodeSent {
    #[serde(default)]
    dev_code: Option<String>,
}

async fn check(res: Response) -> Result<Response, ApiError> {
    if res.ok() {
        return Ok(res);
    }
    let status = res.status();
    let retry_after_ms = res
        .headers()
        .get("Retry-After")
        .and_then(|s| s.trim().parse::<f64>().ok())
        .map(|s| s * 1000.0);
    // Our server always answers an error with its JSON shape; a body that cannot be read means
    // the read was cut off (a reload, a dropped connection) or a proxy answered. That is no
    // verdict on the filing, so it is retried like a network error — safe, because a retry
    // carries the same Idempotency-Key.
    let (code, message, field, current) = match res.json::<ErrorBody>().await {
        Ok(b) => (b.error.code, b.error.message, b.error.field, b.current),
        Err(_) => {
            return Err(ApiError::network(format!(
                "服务器返回 {status}，但回复内容无法读取"
            )));
        }
    };
    Err(ApiError {
        status,
        code,
        message,
        field,
        retry_after_ms,
        current,
    })
}

/// `POST /api/session/code`: sends a one-time code; development servers return it.
pub async fn request_code(phone: &str) -> Result<Option<String>, ApiError> {
    let res = send(Request::post("/api/session/code").json(&serde_json::json!({ "phone": phone })))
        .await?;
    Ok(res.json::<CodeSent>().await.ok().and_then(|c| c.dev_code))
}

/// `POST /api/session`: exchanges phone + code for a bearer token.
pub async fn sign_in(phone: &str, code: &str) -> Result<Session, ApiError> {
    read(
        send(
            Request::post("/api/session")
                .json(&serde_json::json!({ "phone": phone, "code": code })),
        )
        .await?,
    )
    .await
}

/// `DELETE /api/session`: ends the session on the server, so the token stops working on every
/// server at once (a shared family phone must not stay signed in somewhere).
pub async fn sign_out(token: &str) -> Result<(), ApiError> {
    send(
        Request::delete("/api/session")
            .header("Authorization", &bearer(token))
            .build(),
    )
    .await
    .map(|_| ())
}

/// `POST /api/filings` with the outbox entry's fixed `Idempotency-Key`; `body` names the
/// uploaded files in its `attachments` ([`crate::outbox::OutboxEntry::application`]).
pub async fn create_filing(
    token: &str,
    idempotency_key: &str,
    body: &FilingApplication,
) -> Result<FilingRecord, ApiError> {
    let req = Request::post("/api/filings")
        .header("Authorization", &bearer(token))
        .header("Idempotency-Key", idempotency_key)
        .json(body);
    read(send(req).await?).await
}

/// `GET /api/filings`: the caller's filings, newest first.
pub async fn list_filings(token: &str) -> Result<Vec<FilingRecord>, ApiError> {
    get_json(token, "/api/filings").await
}

/// One entry of `GET /api/filings/{id}/history`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEvent {
    pub version: u32,
    pub event: Event,
    pub status: Lifecycle,
    #[serde(default)]
    pub reason: Option<String>,
    /// `citizen` or `reviewer`.
    pub actor: String,
    /// RFC 3339, UTC.
    pub at: String,
}

/// What `POST /api/attachments` answers.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Uploaded {
    pub id: String,
    pub sha256: String,
    pub content_type: String,
    pub bytes: u64,
}

/// `POST /api/attachments` with the file as the raw body. The server addresses uploads by their
/// content, so repeating one (after a lost answer) returns the same id and stores nothing new.
pub async fn upload_attachment(token: &str, file: &web_sys::Blob) -> Result<Uploaded, ApiError> {
    let req = Request::post("/api/attachments")
        .header("Authorization", &bearer(token))
        .header("Content-Type", &file.type_())
        .body(file);
    read(send(req).await?).await
}

/// `GET /api/attachments/{id}` (owner or reviewer): the bytes as a `Blob`, read with the token
/// in a header — never through a URL that could be shared, cached or logged.
pub async fn attachment_blob(token: &str, id: &str) -> Result<web_sys::Blob, ApiError> {
    let res = send(
        Request::get(&format!("/api/attachments/{id}"))
            .header("Authorization", &bearer(token))
            .build(),
    )
    .await?;
    let promise = web_sys::Response::from(res)
        .blob()
        .map_err(|e| ApiError::network(format!("{e:?}")))?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|e| ApiError::network(format!("{e:?}")))
        .map(wasm_bindgen::JsCast::unchecked_into)
}

fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

/// Sends a built request (building can fail, e.g. a body that does not serialise: a network-kind
/// error, like a failed send) and turns a non-2xx answer into the server's [`ApiError`].
pub(crate) async fn send(req: Result<Request, gloo_net::Error>) -> Result<Response, ApiError> {
    let res = req
        .map_err(ApiError::network)?
        .send()
        .await
        .map_err(ApiError::network)?;
    check(res).await
}

/// The JSON body of a checked answer.
async fn read<T: DeserializeOwned>(res: Response) -> Result<T, ApiError> {
    res.json().await.map_err(ApiError::network)
}

/// `GET url` with the bearer token; the JSON answer.
pub(crate) async fn get_json<T: DeserializeOwned>(token: &str, url: &str) -> Result<T, ApiError> {
    read(
        send(
            Request::get(url)
                .header("Authorization", &bearer(token))
                .build(),
        )
        .await?,
    )
    .await
}

/// `req` (a POST or PATCH) with the bearer token and `body` as JSON; the JSON answer.
pub(crate) async fn post_json<T: DeserializeOwned>(
    req: RequestBuilder,
    token: &str,
    body: &Value,
) -> Result<T, ApiError> {
    read(send(req.header("Authorization", &bearer(token)).json(body)).await?).await
}

/// `GET /api/filings/{id}/history`: every change, oldest first.
pub async fn filing_history(token: &str, id: &str) -> Result<Vec<HistoryEvent>, ApiError> {
    get_json(token, &format!("/api/filings/{id}/history")).await
}

/// `POST /api/filings/{id}/cancel` with the version last seen (409 carries the current filing).
pub async fn cancel_filing(token: &str, id: &str, version: u32) -> Result<FilingRecord, ApiError> {
    let url = format!("/api/filings/{id}/cancel");
    post_json(
        Request::post(&url),
        token,
        &serde_json::json!({ "version": version }),
    )
    .await
}

/// `PATCH /api/filings/{id}` `{version, changes}` (a JSON Merge Patch of the application); a stale
/// version is 409 `stale` with the current filing in [`ApiError::current`].
pub async fn change_filing(
    token: &str,
    id: &str,
    version: u32,
    changes: &Value,
) -> Result<FilingRecord, ApiError> {
    let body = serde_json::json!({ "version": version, "changes": changes });
    post_json(Request::patch(&format!("/api/filings/{id}")), token, &body).await
}

/// Turns the result of a create into what the outbox records.
pub fn to_attempt(result: Result<FilingRecord, ApiError>) -> Attempt {
    match result {
        Ok(r) => Attempt::Accepted {
            server_id: r.id,
            status: r.status,
            version: r.version,
        },
        Err(e) if e.is_transient() => Attempt::Transient {
            error: e.message,
            retry_after_ms: e.retry_after_ms,
        },
        Err(e) => Attempt::Refused {
            code: e.code,
            message: e.message,
            field: e.field,
        },
    }
}
