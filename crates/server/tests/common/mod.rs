//! The harness: a fresh database per test (an SQLite temp file, or a new database on the
//! PostgreSQL server named by `YIDI_TEST_POSTGRES_URL`), the real router driven with `oneshot`,
//! and a hand-moved clock.

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use sqlx::Connection;
use tower::ServiceExt;
use yidi_server::clock::{Clock, ManualClock, SystemClock, china_date_plus};
use yidi_server::{AppState, Backend, Config, Db, app};

pub const REVIEWER_TOKEN: &str = "test-reviewer-token";
/// The data key of every test server in this process (`YIDI_DATA_KEY`).
pub const DATA_KEY: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub clock: Arc<ManualClock>,
    pub backend: Backend,
    pub dist: PathBuf,
    /// The database URL, so a test can open a second server on the same database.
    pub url: String,
    _dir: tempfile::TempDir,
}

#[derive(Debug)]
pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub bytes: Vec<u8>,
    pub json: Value,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    pub fn code(&self) -> &str {
        self.json["error"]["code"].as_str().unwrap_or("")
    }
    /// The body's `id` (of a created filing or upload).
    pub fn id(&self) -> String {
        self.json["id"].as_str().expect("an id").to_owned()
    }
    /// The `id`s of a JSON array body, in order.
    pub fn ids(&self) -> Vec<&str> {
        let items = self.json.as_array().expect("an array");
        items.iter().map(|f| f["id"].as_str().unwrap()).collect()
    }
}

fn random_suffix() -> String {
    let mut b = [0u8; 6];
    getrandom::fill(&mut b).unwrap();
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// `postgres://u@h:p/db?x` with another database name.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    let host_part = match base[after_scheme..].find('/') {
        Some(i) => &base[..after_scheme + i],
        None => base,
    };
    format!("{host_part}/{name}{query}")
}

impl TestApp {
    /// `None` when PostgreSQL is not configured (and not required): the test is skipped, loudly.
    pub async fn new(backend: Backend) -> Option<TestApp> {
        let dir = tempfile::tempdir().unwrap();
        let url = match backend {
            Backend::Sqlite => format!("sqlite://{}", dir.path().join("yidi.db").display()),
            Backend::Postgres => {
                let Ok(admin) = std::env::var("YIDI_TEST_POSTGRES_URL") else {
                    if std::env::var("YIDI_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
                        panic!(
                            "YIDI_REQUIRE_POSTGRES=1 but YIDI_TEST_POSTGRES_URL is not set: \
                             run scripts/pg-test.sh"
                        );
                    }
                    eprintln!(
                        "SKIPPED (PostgreSQL): set YIDI_TEST_POSTGRES_URL or run scripts/pg-test.sh"
                    );
                    return None;
                };
                let name = format!("yidi_t_{}", random_suffix());
                let mut conn = sqlx::PgConnection::connect(&admin)
                    .await
                    .expect("cannot connect to YIDI_TEST_POSTGRES_URL");
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .await
                    .unwrap();
                conn.close().await.ok();
                with_database(&admin, &name)
            }
        };
        let dist = dir.path().join("dist");
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(
            dist.join("index.html"),
            "<!doctype html><title>Yidi</title>",
        )
        .unwrap();
        std::fs::write(
            dist.join("sw.js"),
            "self.addEventListener('fetch', () => {});",
        )
        .unwrap();
        std::fs::write(
            dist.join("yidi-app-0123456789abcdef.js"),
            "export {};".repeat(100),
        )
        .unwrap();
        // The build's precompressed copies: the server sends these bytes as they are.
        std::fs::write(dist.join("yidi-app-0123456789abcdef.js.br"), "BROTLI").unwrap();
        std::fs::write(dist.join("yidi-app-0123456789abcdef.js.gz"), "GZIP").unwrap();
        // Prerendered first views, the bare shell and the "no such page" view.
        std::fs::create_dir_all(dist.join("check")).unwrap();
        std::fs::write(dist.join("check/index.html"), "<title>Yidi check</title>").unwrap();
        std::fs::create_dir_all(dist.join("filings")).unwrap();
        std::fs::write(
            dist.join("filings/index.html"),
            "<title>Yidi filings</title>",
        )
        .unwrap();
        std::fs::write(dist.join("shell.html"), "<title>Yidi shell</title>").unwrap();
        std::fs::write(dist.join("404.html"), "<title>Yidi 404</title>").unwrap();
        let clock = Arc::new(ManualClock::new(SystemClock.now_ms()));
        let state = open_state(&url, &dist, clock.clone()).await;
        Some(TestApp {
            router: app(state.clone()),
            state,
            clock,
            backend,
            dist,
            url,
            _dir: dir,
        })
    }

    /// Another server on the same database (its own pools, its own in-memory state), sharing
    /// this one's clock.
    pub async fn second_server(&self) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let state = open_state(&self.url, &self.dist, self.clock.clone()).await;
        TestApp {
            router: app(state.clone()),
            state,
            clock: self.clock.clone(),
            backend: self.backend,
            dist: self.dist.clone(),
            url: self.url.clone(),
            _dir: dir,
        }
    }

    /// The same app serving these policy packs (as if read from `YIDI_PACKS_DIR`).
    pub fn with_packs(self, packs: yidi_core::policy::PackSet) -> TestApp {
        let state = self.state.with_packs(packs);
        TestApp {
            router: app(state.clone()),
            state,
            ..self
        }
    }

    pub async fn send(&self, request: Request<Body>) -> Resp {
        send_to(&self.router, request).await
    }

    /// A request with an optional bearer token, extra headers and a raw body.
    pub async fn raw(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
        body: impl Into<Body>,
    ) -> Resp {
        self.send(request(method, path, token, headers, body)).await
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Resp {
        self.raw("GET", path, token, &[], Body::empty()).await
    }

    /// A conditional GET (`If-None-Match: etag`), as a browser or the SPA's pack cache revalidates.
    pub async fn get_if_none_match(&self, path: &str, etag: &str) -> Resp {
        self.raw("GET", path, None, &[("if-none-match", etag)], Body::empty())
            .await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> Resp {
        self.raw("POST", path, token, &[], body.to_string()).await
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> Resp {
        self.raw("DELETE", path, token, &[], Body::empty()).await
    }

    pub async fn patch(&self, path: &str, token: Option<&str>, body: &Value) -> Resp {
        self.raw("PATCH", path, token, &[], body.to_string()).await
    }

    /// Asks for a sign-in code for `phone`; returns the code the dev server hands back.
    pub async fn request_code(&self, phone: &str) -> String {
        let sent = self
            .post("/api/session/code", None, &json!({ "phone": phone }))
            .await;
        assert_eq!(sent.status, StatusCode::ACCEPTED, "{:?}", sent.json);
        sent.json["dev_code"].as_str().unwrap().to_owned()
    }

    /// `POST /api/session`: trades a phone's code for a session.
    pub async fn exchange_code(&self, phone: &str, code: &str) -> Resp {
        self.post(
            "/api/session",
            None,
            &json!({ "phone": phone, "code": code }),
        )
        .await
    }

    /// Signs a phone in through the real code flow; returns the token.
    pub async fn sign_in(&self, phone: &str) -> String {
        let code = self.request_code(phone).await;
        let session = self.exchange_code(phone, &code).await;
        assert_eq!(session.status, StatusCode::CREATED, "{:?}", session.json);
        session.json["token"].as_str().unwrap().to_owned()
    }

    /// Submits api.md's example application under a fresh key; returns the created filing.
    pub async fn create_filing(&self, token: &str, key: &str) -> Value {
        let created = self.submit(token, key, &self.application()).await;
        assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.json);
        created.json
    }

    /// `PATCH /api/filings/{id}` as `token`.
    pub async fn patch_filing(&self, id: &str, token: &str, body: &Value) -> Resp {
        self.patch(&format!("/api/filings/{id}"), Some(token), body)
            .await
    }

    /// `POST /api/filings/{id}/cancel` as `token`.
    pub async fn cancel(&self, id: &str, token: &str, body: &Value) -> Resp {
        self.post(&format!("/api/filings/{id}/cancel"), Some(token), body)
            .await
    }

    /// `POST /api/review/filings/{id}/decision` as the configured reviewer.
    pub async fn decide(&self, id: &str, body: &Value) -> Resp {
        self.post(
            &format!("/api/review/filings/{id}/decision"),
            Some(REVIEWER_TOKEN),
            body,
        )
        .await
    }

    /// The status `GET /api/filings` answers `token` with: whether the session still works.
    pub async fn filings_status(&self, token: &str) -> StatusCode {
        self.get("/api/filings", Some(token)).await.status
    }

    /// How many rows `table` holds.
    pub async fn count_rows(&self, table: &str) -> i64 {
        let (count,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&self.state.db.read)
            .await
            .unwrap();
        count
    }

    pub async fn submit(&self, token: &str, key: &str, body: &Value) -> Resp {
        self.raw(
            "POST",
            "/api/filings",
            Some(token),
            &[("idempotency-key", key)],
            body.to_string(),
        )
        .await
    }

    /// `POST /api/attachments` with `bytes` as the raw body of type `content_type`.
    pub async fn upload(&self, token: &str, content_type: &str, bytes: &[u8]) -> Resp {
        let request = Request::builder()
            .method("POST")
            .uri("/api/attachments")
            .header("content-type", content_type)
            .header("authorization", format!("Bearer {token}"))
            .body(Body::from(bytes.to_vec()))
            .unwrap();
        self.send(request).await
    }

    /// Today in China plus `days`, as `YYYY-MM-DD`.
    pub fn date_in(&self, days: i64) -> String {
        china_date_plus(self.clock.now_ms(), days).to_string()
    }

    /// api.md's example body, starting a week from today.
    pub fn application(&self) -> Value {
        application_starting(&self.date_in(7))
    }
}

/// A request with an optional bearer token, extra headers and a raw body (JSON by default).
pub fn request(
    method: &str,
    path: &str,
    token: Option<&str>,
    headers: &[(&str, &str)],
    body: impl Into<Body>,
) -> Request<Body> {
    let mut builder = Request::builder()
        .method(method)
        .uri(path)
        .header("content-type", "application/json");
    if let Some(token) = token {
        builder = builder.header("authorization", format!("Bearer {token}"));
    }
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.into()).unwrap()
}

/// Drives `router` with one request and reads the whole answer; free of `TestApp` so that
/// spawned tasks (racing requests) and re-layered routers can use it.
pub async fn send_to(router: &Router, request: Request<Body>) -> Resp {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Resp {
        status,
        headers,
        bytes,
        json,
    }
}

/// api.md's example body (the file the core's filing tests read too), starting on `start_date`.
pub fn application_starting(start_date: &str) -> Value {
    let mut body: Value = serde_json::from_str(include_str!(
        "../../../core/tests/fixtures/application.json"
    ))
    .unwrap();
    body["start_date"] = json!(start_date);
    body
}

async fn open_state(url: &str, dist: &std::path::Path, clock: Arc<ManualClock>) -> AppState {
    yidi_server::seal::install(yidi_server::seal::DataKey::from_hex(DATA_KEY).unwrap());
    let db = Db::open(url).await.expect("open test database");
    let config = Config {
        dev_codes: true,
        reviewer_token_hash: Some(yidi_server::auth::hash_secret(REVIEWER_TOKEN)),
        dist_dir: dist.to_path_buf(),
        ..Config::default()
    };
    AppState::new(db, config).with_clock(clock)
}

/// Runs each named test case once per backend: `mod sqlite` always, `mod postgres` when
/// `YIDI_TEST_POSTGRES_URL` is set (and fails when `YIDI_REQUIRE_POSTGRES=1` without it).
#[macro_export]
macro_rules! per_backend {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    let t = $crate::common::TestApp::new(yidi_server::Backend::Sqlite)
                        .await
                        .expect("SQLite test app");
                    super::$case(t).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    if let Some(t) = $crate::common::TestApp::new(yidi_server::Backend::Postgres).await {
                        super::$case(t).await;
                    }
                }
            )*
        }
    };
}
