//! The outbox: submitted filings waiting to reach the server (`POST /api/filings`).
//!
//! Each entry is stored under its own key (`yidi:outbox:<id>`) and carries an `idempotency_key`
//! chosen once, at submission, and reused on every retry, so a retry after a lost response can
//! never create a second filing (the server replays the first response for the same key). A
//! drain takes the entries whose `next_attempt_at` has passed, sends them one by one, and
//! records the result with [`record_attempt`]: success → `Synced` with the server's id, status
//! and version; a 4xx other than 408/429 → `Rejected` (the user must fix and resubmit); a network
//! error, 5xx or 429 → stays `Pending` with `attempts + 1`, `last_error` and a backoff.

use serde::{Deserialize, Serialize};
use yidi_core::filing::{AttachmentRef, DraftAttachment, FilingApplication, Lifecycle};

use crate::storage::{self, LoadProblem, SaveError, Versioned};

pub const OUTBOX_PREFIX: &str = "yidi:outbox:";

pub fn outbox_key(id: &str) -> String {
    format!("{OUTBOX_PREFIX}{id}")
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum OutboxState {
    /// 待同步: not yet accepted by the server.
    Pending,
    /// Accepted: the server's filing id, status and version.
    Synced {
        server_id: String,
        status: Lifecycle,
        version: u32,
    },
    /// Refused for good (validation): needs the user.
    Rejected {
        code: String,
        message: String,
        field: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub id: String,
    /// Sent as `Idempotency-Key`; fixed for the life of the entry.
    pub idempotency_key: String,
    /// The draft this came from (kept, read-only, for "view what I sent").
    pub draft_id: String,
    pub created_at: f64,
    /// The `POST /api/filings` body of `contracts/api.md`.
    pub body: FilingApplication,
    /// The files to upload before the filing: `key` is where their bytes wait in IndexedDB
    /// ([`crate::attachments`]), `id` the server's id, written here as soon as the upload is
    /// answered so a resumed sync skips it. Uploads are content-addressed on the server (the same
    /// bytes again give the same id and store nothing new), so even an upload whose answer was
    /// lost is safe to repeat.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<DraftAttachment>,
    pub attempts: u32,
    pub last_error: Option<String>,
    /// Earliest time of the next attempt (ms since epoch); `None` = now.
    pub next_attempt_at: Option<f64>,
    #[serde(flatten)]
    pub state: OutboxState,
}

impl Versioned for OutboxEntry {
    const VERSION: u32 = 1;
}

impl OutboxEntry {
    pub fn new(draft_id: &str, body: FilingApplication) -> OutboxEntry {
        OutboxEntry {
            id: storage::new_uuid(),
            idempotency_key: storage::new_uuid(),
            draft_id: draft_id.to_owned(),
            created_at: storage::now_ms(),
            body,
            attachments: Vec::new(),
            attempts: 0,
            last_error: None,
            next_attempt_at: None,
            state: OutboxState::Pending,
        }
    }

    pub fn with_attachments(mut self, files: Vec<DraftAttachment>) -> OutboxEntry {
        self.attachments = files;
        self
    }

    /// The body of `POST /api/filings`: the application naming the uploaded files in its
    /// `attachments` (contracts/api.md "Attachments"). `None` while a file is still to upload.
    pub fn application(&self) -> Option<FilingApplication> {
        let files = self
            .attachments
            .iter()
            .map(|a| {
                Some(AttachmentRef {
                    material: a.material.clone(),
                    id: a.id.clone()?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let mut body = self.body.clone();
        body.attachments = files;
        Some(body)
    }

    pub fn is_due(&self, now: f64) -> bool {
        matches!(self.state, OutboxState::Pending) && self.next_attempt_at.is_none_or(|t| t <= now)
    }

    /// The status line the user reads.
    pub fn status_zh(&self) -> String {
        match &self.state {
            OutboxState::Pending if self.attempts == 0 => "待同步".into(),
            OutboxState::Pending if self.attachments.iter().any(|a| a.id.is_none()) => format!(
                "待同步（材料已上传 {}/{}，已尝试 {} 次）",
                self.attachments.iter().filter(|a| a.id.is_some()).count(),
                self.attachments.len(),
                self.attempts
            ),
            OutboxState::Pending => format!("待同步（已尝试 {} 次）", self.attempts),
            OutboxState::Synced { status, .. } => status.label_zh().into(),
            OutboxState::Rejected { message, .. } => format!("提交被拒：{message}"),
        }
    }

    pub fn insured_name(&self) -> &str {
        &self.body.insured.name
    }
}

/// What happened to one send.
#[derive(Debug, Clone, PartialEq)]
pub enum Attempt {
    Accepted {
        server_id: String,
        status: Lifecycle,
        version: u32,
    },
    /// Retry later: network error, 5xx, 429. `retry_after_ms` honours `Retry-After`.
    Transient {
        error: String,
        retry_after_ms: Option<f64>,
    },
    Refused {
        code: String,
        message: String,
        field: Option<String>,
    },
}

/// Full-jitter exponential backoff (base 2 s, ceiling 10 min): a uniformly random wait in
/// `[0, min(cap, base·2^attempt))`. `random` is in `[0, 1)`.
pub fn backoff_ms(attempts: u32, random: f64) -> f64 {
    let ceiling = (2_000.0 * 2f64.powi(attempts.min(20) as i32)).min(600_000.0);
    random.clamp(0.0, 1.0) * ceiling
}

/// Applies the result of one send to an entry.
pub fn record_attempt(entry: &mut OutboxEntry, attempt: Attempt, now: f64, random: f64) {
    entry.attempts += 1;
    match attempt {
        Attempt::Accepted {
            server_id,
            status,
            version,
        } => {
            entry.last_error = None;
            entry.next_attempt_at = None;
            entry.state = OutboxState::Synced {
                server_id,
                status,
                version,
            };
        }
        Attempt::Transient {
            error,
            retry_after_ms,
        } => {
            let wait = retry_after_ms.unwrap_or_else(|| backoff_ms(entry.attempts, random));
            entry.last_error = Some(error);
            entry.next_attempt_at = Some(now + wait);
        }
        Attempt::Refused {
            code,
            message,
            field,
        } => {
            entry.last_error = Some(message.clone());
            entry.next_attempt_at = None;
            entry.state = OutboxState::Rejected {
                code,
                message,
                field,
            };
        }
    }
}

/// Every entry, newest first, and what could not be read.
pub fn load_all() -> (Vec<OutboxEntry>, Vec<LoadProblem>) {
    let (mut out, problems) = storage::load_prefixed::<OutboxEntry>(OUTBOX_PREFIX);
    out.sort_by(|a, b| b.created_at.total_cmp(&a.created_at));
    (out, problems)
}

pub fn save(entry: &OutboxEntry) -> Result<(), SaveError> {
    storage::save(&outbox_key(&entry.id), entry)
}
