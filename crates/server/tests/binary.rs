//! The `yidi-server` binary itself: start-up line, health, graceful shutdown on SIGTERM, the
//! `reviewer add` subcommand, and clear refusals (no panic) when the port is taken or the
//! database cannot be written.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_yidi-server");

fn server(dir: &std::path::Path, addr: &str, db: &str) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(dir)
        .env("YIDI_ADDR", addr)
        .env("YIDI_DATABASE_URL", db)
        .env("YIDI_DIST", dir.join("dist"))
        .env("RUST_LOG", "warn")
        .env("YIDI_DATA_KEY", "ab".repeat(32))
        .env_remove("YIDI_DEV_CODES")
        .env_remove("YIDI_REVIEWER_TOKEN");
    cmd
}

fn http_get(addr: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

/// Starts the server on a free port with this database, and returns it with its first line.
fn start(dir: &std::path::Path, db: &str) -> (Child, String) {
    let mut child = server(dir, "127.0.0.1:0", db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (child, line)
}

fn sigterm(child: &Child) {
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
}

#[test]
fn starts_answers_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    // The default layout: a relative sqlite path under a directory that does not exist yet.
    let (mut child, line) = start(dir.path(), "sqlite://data/yidi.db");
    let addr = line
        .trim()
        .strip_prefix("Yidi 已启动: http://")
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .to_owned();
    assert!(addr.starts_with("127.0.0.1:"));
    let health = http_get(&addr, "/api/health");
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(health.contains(r#"{"status":"ok"}"#), "{health}");
    assert!(dir.path().join("data/yidi.db").exists());

    sigterm(&child);
    let status = child.wait().unwrap();
    assert!(status.success(), "graceful shutdown exits 0: {status:?}");
}

/// A SIGTERM sent the moment the server says it has started (a supervisor stopping what it just
/// started) stops it too: the listeners are in place before that line. It once could be lost.
#[test]
fn stops_on_a_sigterm_right_after_the_start_line() {
    for _ in 0..10 {
        let dir = tempfile::tempdir().unwrap();
        let (mut child, line) = start(dir.path(), "sqlite://yidi.db");
        assert!(line.starts_with("Yidi 已启动"), "{line:?}");
        sigterm(&child);
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if std::time::Instant::now() > deadline {
                let _ = child.kill();
                panic!("the server ignored a SIGTERM sent right after it started");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(status.success(), "graceful shutdown exits 0: {status:?}");
    }
}

#[test]
fn refuses_a_taken_port() {
    let dir = tempfile::tempdir().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let out = server(dir.path(), &addr, "sqlite://yidi.db")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("端口已被占用"), "{stderr}");
    assert!(stderr.contains(&addr), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn refuses_an_unwritable_database() {
    let dir = tempfile::tempdir().unwrap();
    let out = server(
        dir.path(),
        "127.0.0.1:0",
        "sqlite:///proc/yidi-cannot-exist/yidi.db",
    )
    .output()
    .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("/proc/yidi-cannot-exist"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let out = server(dir.path(), "127.0.0.1:0", "mysql://x")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("YIDI_DATABASE_URL"));
}

#[test]
fn reviewer_add_prints_a_token_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .current_dir(dir.path())
        .args(["reviewer", "add", "苏州"])
        .env("YIDI_DATABASE_URL", "sqlite://yidi.db")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let token = String::from_utf8(out.stdout).unwrap();
    let token = token.trim();
    assert_eq!(token.len(), 64);
    assert!(token.bytes().all(|b| b.is_ascii_hexdigit()));
    let db = std::fs::read(dir.path().join("yidi.db")).unwrap_or_default();
    let wal = std::fs::read(dir.path().join("yidi.db-wal")).unwrap_or_default();
    let needle = token.as_bytes();
    let stored_plain = [db, wal]
        .iter()
        .any(|bytes| bytes.windows(needle.len()).any(|w| w == needle));
    assert!(!stored_plain, "the token is stored hashed only");
    let bad = Command::new(BIN).arg("frobnicate").output().unwrap();
    assert!(!bad.status.success());
}

#[test]
fn refuses_to_start_without_a_data_key() {
    let dir = tempfile::tempdir().unwrap();
    for key in [None, Some("not-hex")] {
        let mut cmd = server(dir.path(), "127.0.0.1:0", "sqlite://data/yidi.db");
        match key {
            Some(k) => cmd.env("YIDI_DATA_KEY", k),
            None => cmd.env_remove("YIDI_DATA_KEY"),
        };
        let out = cmd.output().unwrap();
        assert!(!out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("YIDI_DATA_KEY"), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}
