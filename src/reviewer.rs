//! The office's side of the API (contracts/api.md "Review"): the reviewer's token, kept in
//! `sessionStorage` — gone when the tab closes, never in a URL, never in local storage that a
//! family's next user of the phone would find — and the calls made with it.

use gloo_net::http::Request;
use serde_json::Value;
use yidi_core::filing::{Decision, Lifecycle};

use crate::api::{ApiError, FilingRecord, HistoryEvent, get_json, post_json};

const TOKEN_KEY: &str = "yidi:reviewer-token";

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

pub fn load_token() -> Option<String> {
    session_storage()?.get_item(TOKEN_KEY).ok()?
}

pub fn save_token(token: &str) {
    if let Some(s) = session_storage() {
        let _ = s.set_item(TOKEN_KEY, token);
    }
}

pub fn forget_token() {
    if let Some(s) = session_storage() {
        let _ = s.remove_item(TOKEN_KEY);
    }
}

/// The filing's history, when the review record carries it.
pub fn history_of(record: &FilingRecord) -> Vec<HistoryEvent> {
    record
        .application
        .get("history")
        .and_then(|v| serde_json::from_value(v.clone()).ok())
        .unwrap_or_default()
}

/// `GET /api/review/filings[?status=]`: oldest first; `None` = the open ones.
pub async fn queue(token: &str, status: Option<Lifecycle>) -> Result<Vec<FilingRecord>, ApiError> {
    let url = match status {
        Some(s) => format!("/api/review/filings?status={}", s.code()),
        None => "/api/review/filings".to_owned(),
    };
    get_json(token, &url).await
}

/// `GET /api/review/filings/{id}`: the filing with its files and history.
pub async fn filing(token: &str, id: &str) -> Result<FilingRecord, ApiError> {
    get_json(token, &format!("/api/review/filings/{id}")).await
}

/// `POST /api/review/filings/{id}/decision`.
pub async fn decide(
    token: &str,
    id: &str,
    decision: Decision,
    reason: &str,
) -> Result<Value, ApiError> {
    let url = format!("/api/review/filings/{id}/decision");
    let body = serde_json::json!({ "decision": decision, "reason": reason });
    post_json(Request::post(&url), token, &body).await
}
