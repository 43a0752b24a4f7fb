//! `yidi-server`: serves the API and the SPA; `yidi-server reviewer add [label]` makes a reviewer
//! token.

use std::net::SocketAddr;
use std::process::ExitCode;

use axum::serve::ListenerExt;
use tracing_subscriber::EnvFilter;
use yidi_server::{AppState, Config, Db, app, auth, clock, seal};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "\
yidi-server                       serve the API and the SPA
yidi-server reviewer add [LABEL]  create a reviewer token (printed once, stored hashed)

Environment:
  YIDI_ADDR            host:port to listen on (default 127.0.0.1:8080)
  YIDI_DATABASE_URL    sqlite://PATH (default sqlite://data/yidi.db) or postgres://…
  YIDI_DIST            the built SPA (default dist)
  YIDI_DEV_CODES=1     return sign-in codes in the response (development only)
  YIDI_REVIEWER_TOKEN  a reviewer token accepted besides those made with `reviewer add`
  YIDI_DATA_KEY        64 hex digits: the key ID numbers are encrypted with at rest (required)
  YIDI_PACKS_DIR       a directory of policy pack files (*.json) served over the bundled ones
  RUST_LOG             log filter (default info)";

fn database_url() -> String {
    std::env::var("YIDI_DATABASE_URL").unwrap_or_else(|_| "sqlite://data/yidi.db".to_owned())
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("yidi-server: {message}");
    ExitCode::FAILURE
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => serve().await,
        ["reviewer", "add"] => add_reviewer("reviewer").await,
        ["reviewer", "add", label] => add_reviewer(label).await,
        ["-h" | "--help" | "help"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => fail(format!("unknown arguments\n\n{USAGE}")),
    }
}

async fn add_reviewer(label: &str) -> ExitCode {
    let db = match Db::open(&database_url()).await {
        Ok(db) => db,
        Err(e) => return fail(e),
    };
    let now = clock::Clock::now_ms(&clock::SystemClock);
    match auth::add_reviewer(&db, label, now).await {
        Ok(token) => {
            println!("{token}");
            eprintln!("审核员令牌已创建（只显示这一次）: reviewer token created for \"{label}\"");
            db.close().await;
            ExitCode::SUCCESS
        }
        Err(e) => fail(format!("{e:?}")),
    }
}

async fn serve() -> ExitCode {
    let config = Config::from_env();
    // Packs first: a broken pack file stops the start before anything listens.
    let packs = match &config.packs_dir {
        Some(dir) => match yidi_server::packs::load_dir(dir) {
            Ok(packs) => Some(packs),
            Err(e) => return fail(e),
        },
        None => None,
    };
    let addr_text = std::env::var("YIDI_ADDR").unwrap_or_else(|_| "127.0.0.1:8080".to_owned());
    let Ok(addr) = addr_text.parse::<SocketAddr>() else {
        return fail(format!(
            "YIDI_ADDR 应是 host:port，例如 127.0.0.1:8080: {addr_text}"
        ));
    };
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            return fail(format!("端口已被占用 (address in use): {addr}"));
        }
        Err(e) => return fail(format!("无法监听 {addr}: {e}")),
    };
    let local = listener.local_addr().unwrap_or(addr);
    match seal::DataKey::from_env() {
        Ok(key) => {
            seal::install(key);
        }
        Err(e) => return fail(e),
    }
    let db = match Db::open(&database_url()).await {
        Ok(db) => db,
        Err(e) => return fail(e),
    };
    if let Err(e) = seal::seal_existing(&db).await {
        return fail(e);
    }
    let mut state = AppState::new(db.clone(), config);
    if let Some(packs) = packs {
        state = state.with_packs(packs);
    }
    if state.config.dev_codes {
        tracing::warn!(
            "YIDI_DEV_CODES=1: sign-in codes are returned in responses (development only)"
        );
    }
    // Uploads no filing names are deleted after 30 days: now, then hourly.
    yidi_server::attachment::spawn_purge(state.clone());
    let stop = match shutdown_signal() {
        Ok(stop) => stop,
        Err(e) => return fail(e),
    };
    println!("Yidi 已启动: http://{local}");
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    let served = axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(stop)
    .await;
    db.close().await;
    match served {
        Ok(()) => {
            eprintln!("Yidi 已停止");
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

/// Resolves on SIGTERM or Ctrl-C. The listeners are registered here, before the server says it
/// has started, not when the returned future is first polled: `with_graceful_shutdown` polls it
/// from a task of its own, and a SIGTERM sent in between (a supervisor stopping a server it just
/// started) was caught and lost, leaving the server running.
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate())?;
        let mut interrupt = signal(SignalKind::interrupt())?;
        Ok(async move {
            tokio::select! {
                _ = term.recv() => {},
                _ = interrupt.recv() => {},
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
        })
    }
}
