//! The one state every handler gets, the configuration read from the environment, and the code
//! sender.

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use crate::clock::{Clock, SystemClock};
use yidi_core::policy::PackSet;

use crate::db::Db;
use crate::packs::ServedPacks;
use crate::ratelimit::IpLimiter;
use crate::writer::FilingWriter;

#[derive(Clone, Debug)]
pub struct Config {
    /// `YIDI_DEV_CODES=1`: sign-in codes are also returned in the response. Never in production.
    pub dev_codes: bool,
    /// SHA-256 (hex) of `YIDI_REVIEWER_TOKEN`, if set.
    pub reviewer_token_hash: Option<String>,
    /// The built SPA (`YIDI_DIST`, default `dist`).
    pub dist_dir: PathBuf,
    /// Longest a request may take before it gets 503 `timeout`.
    pub request_timeout: Duration,
    /// How long a sign-in token lives.
    pub session_ttl_secs: i64,
    /// `YIDI_PACKS_DIR`: policy pack files served besides (and over) the bundled ones.
    pub packs_dir: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            dev_codes: false,
            reviewer_token_hash: None,
            dist_dir: PathBuf::from("dist"),
            request_timeout: Duration::from_secs(15),
            session_ttl_secs: 30 * 24 * 3600,
            packs_dir: None,
        }
    }
}

impl Config {
    /// Reads `YIDI_DEV_CODES`, `YIDI_REVIEWER_TOKEN`, `YIDI_DIST`, `YIDI_REQUEST_TIMEOUT_SECS`,
    /// `YIDI_PACKS_DIR`.
    pub fn from_env() -> Config {
        let defaults = Config::default();
        Config {
            dev_codes: std::env::var("YIDI_DEV_CODES").is_ok_and(|v| v == "1"),
            reviewer_token_hash: std::env::var("YIDI_REVIEWER_TOKEN")
                .ok()
                .filter(|t| !t.trim().is_empty())
                .map(|t| crate::auth::hash_secret(t.trim())),
            dist_dir: std::env::var("YIDI_DIST").map_or(defaults.dist_dir, PathBuf::from),
            request_timeout: std::env::var("YIDI_REQUEST_TIMEOUT_SECS")
                .ok()
                .and_then(|s| s.parse::<u64>().ok())
                .map_or(defaults.request_timeout, |secs| {
                    Duration::from_secs(secs.max(1))
                }),
            packs_dir: std::env::var_os("YIDI_PACKS_DIR")
                .filter(|d| !d.is_empty())
                .map(PathBuf::from),
            ..defaults
        }
    }
}

pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>>;

/// Delivers a one-time sign-in code to a phone (an SMS gateway in production).
pub trait CodeSender: Send + Sync + 'static {
    /// `phone` is the parsed 11-digit number; implementations must not log it unmasked.
    fn send<'a>(&'a self, phone: &'a str, code: &'a str) -> SendFuture<'a>;
}

/// The built-in sender: writes the code to the log, with the phone masked.
pub struct LogCodeSender;

impl CodeSender for LogCodeSender {
    fn send<'a>(&'a self, phone: &'a str, code: &'a str) -> SendFuture<'a> {
        Box::pin(async move {
            tracing::info!(phone = %crate::core_adapter::mask_phone(phone), code, "一次性验证码 (one-time code)");
            Ok(())
        })
    }
}

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub clock: Arc<dyn Clock>,
    pub sender: Arc<dyn CodeSender>,
    pub limits: Arc<IpLimiter>,
    pub writer: FilingWriter,
    /// The policy packs `/api/policies` serves.
    pub packs: Arc<ServedPacks>,
}

impl AppState {
    /// Needs a Tokio runtime: starts the filing writer task.
    pub fn new(db: Db, config: Config) -> AppState {
        AppState {
            writer: FilingWriter::start(db.write.clone()),
            db,
            config: Arc::new(config),
            clock: Arc::new(SystemClock),
            sender: Arc::new(LogCodeSender),
            limits: Arc::new(IpLimiter::default()),
            packs: Arc::new(ServedPacks::bundled()),
        }
    }

    /// Serves these packs (the bundled ones with `YIDI_PACKS_DIR`'s over them).
    pub fn with_packs(mut self, packs: PackSet) -> AppState {
        self.packs = Arc::new(ServedPacks::new(packs));
        self
    }

    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> AppState {
        self.clock = clock;
        self
    }

    pub fn with_sender(mut self, sender: Arc<dyn CodeSender>) -> AppState {
        self.sender = sender;
        self
    }

    pub fn now_ms(&self) -> i64 {
        self.clock.now_ms()
    }
}
