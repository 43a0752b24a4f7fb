//! The database: SQLite (WAL, one file) by default, PostgreSQL for `postgres://` URLs. Both go
//! through sqlx's `Any` driver with the runtime query API and `$n` placeholders, which both
//! dialects accept, and one migration set written in SQL both accept.
//!
//! SQLite allows one writer at a time; rather than let connections fight over the lock (and sleep
//! in the busy handler, which ruins tail latency), writes go through a pool of exactly one
//! connection and reads through a separate pool. On PostgreSQL both are the same pool.
//!
//! Durability: SQLite runs with `synchronous = FULL`, so the WAL is synced to disk at every
//! commit. With `NORMAL` a commit survives a crash of the process but not a power cut, and a
//! phone that has seen its 201 has already dropped the filing from its outbox: the 201 must mean
//! "on disk". The batching filing writer (`writer.rs`) shares one sync among the submissions of a
//! batch. PostgreSQL's default (`synchronous_commit = on`) already gives this.

use std::path::{Path, PathBuf};
use std::time::Duration;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Db {
    /// Every transaction that writes.
    pub write: AnyPool,
    /// Reads outside a write transaction.
    pub read: AnyPool,
    pub backend: Backend,
}

/// Why the database could not be opened, in words for the person starting the server.
#[derive(Debug)]
pub struct DbOpenError(pub String);

impl std::fmt::Display for DbOpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The file path in an `sqlite:` URL (`sqlite://data/yidi.db` → `data/yidi.db`).
fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

/// Makes sure the SQLite file's directory exists and that we may write there.
fn prepare_sqlite_file(path: &Path) -> Result<(), DbOpenError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| {
        DbOpenError(format!(
            "无法创建数据库目录 {}: {e}（cannot create the database directory）",
            dir.display()
        ))
    })?;
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| {
            DbOpenError(format!(
                "数据库文件 {} 不可写: {e}（the database file is not writable）",
                path.display()
            ))
        })?;
    // SQLite also needs to create the -wal and -shm files beside it.
    let probe = dir.join(format!(".yidi-write-probe-{}", std::process::id()));
    std::fs::write(&probe, b"").map_err(|e| {
        DbOpenError(format!(
            "数据库目录 {} 不可写: {e}（the database directory is not writable）",
            dir.display()
        ))
    })?;
    let _ = std::fs::remove_file(probe);
    Ok(())
}

/// One of the two SQLite pools: each connection runs `pragmas` as it opens.
async fn open_sqlite(
    options: AnyPoolOptions,
    pragmas: &'static str,
    url: &str,
    path: &Path,
) -> Result<AnyPool, DbOpenError> {
    options
        .acquire_timeout(Duration::from_secs(10))
        .after_connect(move |conn, _| {
            Box::pin(async move {
                conn.execute(pragmas).await?;
                Ok(())
            })
        })
        .connect(url)
        .await
        .map_err(|e| DbOpenError(format!("无法打开 SQLite 数据库 {}: {e}", path.display())))
}

impl Db {
    /// Opens (creating an SQLite file if missing) and migrates.
    pub async fn open(url: &str) -> Result<Db, DbOpenError> {
        install_default_drivers();
        let db = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = AnyPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(5))
                .connect(url)
                .await
                .map_err(|e| DbOpenError(format!("无法连接 PostgreSQL: {e}")))?;
            Db {
                write: pool.clone(),
                read: pool,
                backend: Backend::Postgres,
            }
        } else if url.starts_with("sqlite:") {
            let path = sqlite_path(url).ok_or_else(|| {
                DbOpenError(format!(
                    "SQLite URL 需要一个文件路径，例如 sqlite://data/yidi.db: {url}"
                ))
            })?;
            prepare_sqlite_file(&path)?;
            let url = format!("sqlite://{}?mode=rwc", path.display());
            // The writer keeps its one connection open; readers come and go.
            let write = open_sqlite(
                AnyPoolOptions::new().max_connections(1).min_connections(1),
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                 PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; \
                 PRAGMA cache_size = -32768;",
                &url,
                &path,
            )
            .await?;
            let read = open_sqlite(
                AnyPoolOptions::new().max_connections(4),
                "PRAGMA busy_timeout = 5000; PRAGMA query_only = 1;",
                &url,
                &path,
            )
            .await?;
            Db {
                write,
                read,
                backend: Backend::Sqlite,
            }
        } else {
            return Err(DbOpenError(format!(
                "YIDI_DATABASE_URL 必须以 sqlite: 或 postgres:// 开头: {url}"
            )));
        };
        MIGRATOR
            .run(&db.write)
            .await
            .map_err(|e| DbOpenError(format!("数据库迁移失败: {e}")))?;
        Ok(db)
    }

    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_paths() {
        assert_eq!(
            sqlite_path("sqlite://data/yidi.db"),
            Some("data/yidi.db".into())
        );
        assert_eq!(
            sqlite_path("sqlite:///tmp/y.db?mode=rwc"),
            Some("/tmp/y.db".into())
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
    }
}
