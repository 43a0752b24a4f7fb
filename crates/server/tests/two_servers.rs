//! Two `yidi-server` processes on one PostgreSQL database, as a deployment with several servers
//! behind a load balancer runs: the same `Idempotency-Key` sent to both at once makes one filing
//! and the same answer from both; a session made on one works on the other; the per-phone code
//! limits hold across them; a token signed out on one is refused by the other at once.
//!
//! Needs `YIDI_TEST_POSTGRES_URL` (scripts/pg-test.sh sets it, with `YIDI_REQUIRE_POSTGRES=1`
//! so this can never skip there).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::Duration;

use serde_json::{Value, json};
use sqlx::Connection;
use yidi_server::clock::{Clock, SystemClock, china_date_plus};

const BIN: &str = env!("CARGO_BIN_EXE_yidi-server");
const DATA_KEY: &str = "5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed";

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(url: &str, dir: &std::path::Path) -> Server {
    let mut child = Command::new(BIN)
        .current_dir(dir)
        .env("YIDI_ADDR", "127.0.0.1:0")
        .env("YIDI_DATABASE_URL", url)
        .env("YIDI_DIST", dir)
        .env("YIDI_DEV_CODES", "1")
        .env("YIDI_DATA_KEY", DATA_KEY)
        .env("RUST_LOG", "warn")
        .env_remove("YIDI_REVIEWER_TOKEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    // Log lines may come first; the start line names the address. The rest of the output is
    // drained, so the server never writes into a closed pipe.
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in stdout.lines().map_while(Result::ok) {
            if let Some(addr) = line.trim().strip_prefix("Yidi 已启动: http://") {
                let _ = tx.send(addr.to_owned());
            }
        }
    });
    let addr = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the server printed its start line");
    Server { child, addr }
}

/// One HTTP/1.1 exchange (`Connection: close`): status and body.
fn call(
    addr: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    key: Option<&str>,
    body: Option<&Value>,
) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let body = body.map(Value::to_string).unwrap_or_default();
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n",
        body.len()
    );
    if let Some(token) = token {
        request.push_str(&format!("Authorization: Bearer {token}\r\n"));
    }
    if let Some(key) = key {
        request.push_str(&format!("Idempotency-Key: {key}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(&body);
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, body.to_owned())
}

fn sign_in(addr: &str, phone: &str) -> String {
    let (status, sent) = call(
        addr,
        "POST",
        "/api/session/code",
        None,
        None,
        Some(&json!({ "phone": phone })),
    );
    assert_eq!(status, 202, "{sent}");
    let code = serde_json::from_str::<Value>(&sent).unwrap()["dev_code"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, session) = call(
        addr,
        "POST",
        "/api/session",
        None,
        None,
        Some(&json!({ "phone": phone, "code": code })),
    );
    assert_eq!(status, 201, "{session}");
    serde_json::from_str::<Value>(&session).unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn application() -> Value {
    common::application_starting(&china_date_plus(SystemClock.now_ms(), 7).to_string())
}

/// A fresh database on the test cluster, or `None` (skipped, loudly) without one.
async fn fresh_database() -> Option<String> {
    let Ok(admin) = std::env::var("YIDI_TEST_POSTGRES_URL") else {
        assert!(
            std::env::var("YIDI_REQUIRE_POSTGRES").as_deref() != Ok("1"),
            "YIDI_REQUIRE_POSTGRES=1 but YIDI_TEST_POSTGRES_URL is not set"
        );
        eprintln!("SKIPPED (PostgreSQL): set YIDI_TEST_POSTGRES_URL or run scripts/pg-test.sh");
        return None;
    };
    let mut bytes = [0u8; 6];
    getrandom::fill(&mut bytes).unwrap();
    let name = format!("yidi_two_{}", hex::encode(bytes));
    let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.ok();
    Some(common::with_database(&admin, &name))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_postgres() {
    let Some(url) = fresh_database().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // The first server migrates; the second starts on the migrated database.
    let server_a = start(&url, dir.path());
    let server_b = start(&url, dir.path());
    let (a, b) = (server_a.addr.clone(), server_b.addr.clone());

    // A session made on one works on the other.
    let token = sign_in(&a, "13800138000");
    let (status, list) = call(&b, "GET", "/api/filings", Some(&token), None, None);
    assert_eq!((status, list.as_str()), (200, "[]"));

    // The per-phone limit (one code a minute) holds across both.
    let (status, _) = call(
        &b,
        "POST",
        "/api/session/code",
        None,
        None,
        Some(&json!({ "phone": "13800138000" })),
    );
    assert_eq!(
        status, 429,
        "a second code within the minute, from the other server"
    );

    // The same Idempotency-Key to both at once: one filing, the same answer from both.
    let body = Arc::new(application());
    for round in 0..5 {
        let key = format!("two-servers-{round}");
        let barrier = Arc::new(Barrier::new(2));
        let answers: Vec<(u16, String)> = [a.clone(), b.clone()]
            .into_iter()
            .map(|addr| {
                let (barrier, body, token, key) =
                    (barrier.clone(), body.clone(), token.clone(), key.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    call(
                        &addr,
                        "POST",
                        "/api/filings",
                        Some(&token),
                        Some(&key),
                        Some(&body),
                    )
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|t| t.join().unwrap())
            .collect();
        assert_eq!(answers[0].0, 201, "{}", answers[0].1);
        assert_eq!(
            answers[0], answers[1],
            "round {round}: the same answer from both"
        );
    }
    let (_, list) = call(&a, "GET", "/api/filings", Some(&token), None, None);
    let list: Value = serde_json::from_str(&list).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 5, "one filing per key");

    // Signed out on one server: refused by the other at once.
    let (status, _) = call(&b, "GET", "/api/filings", Some(&token), None, None);
    assert_eq!(status, 200);
    let (status, _) = call(&a, "DELETE", "/api/session", Some(&token), None, None);
    assert_eq!(status, 204);
    let (status, _) = call(&b, "GET", "/api/filings", Some(&token), None, None);
    assert_eq!(status, 401, "the other server refuses the signed-out token");
}
