//! Attachments in the database (api.md "Attachments"): stored once per caller and content, sealed
//! (`seal.rs`), linked to the filings that name them, and purged when no filing has named them
//! for [`UNREFERENCED_PURGE_DAYS`]. What may be stored, and how it is cleaned, is the core's
//! ([`yidi_core::attachment`]); this module only keeps it.
//!
//! Nothing here logs an attachment's bytes, hash or id: a photo of an ID card is sensitive
//! personal information, and so is a trail of who uploaded which one.

use std::time::Duration;

use serde::Serialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;
use yidi_core::attachment::{ContentType, UNREFERENCED_PURGE_DAYS};
use yidi_core::filing::AttachmentRef;

use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::filing::FilingRow;
use crate::seal;
use crate::state::AppState;

/// How often the purge runs after the one at start.
pub const PURGE_EVERY: Duration = Duration::from_secs(3600);

const MS_PER_DAY: i64 = 86_400_000;

/// An upload as `POST /api/attachments` answers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Upload {
    pub id: String,
    /// Hex SHA-256 of the stored bytes (after metadata was stripped).
    pub sha256: String,
    pub content_type: String,
    /// Size of the stored bytes.
    pub bytes: i64,
}

/// Stores `content` (already stripped) for `user`, or finds the copy stored before. `true` when
/// it is new.
pub async fn save(
    db: &Db,
    user: &str,
    kind: ContentType,
    content: &[u8],
    now: i64,
) -> ApiResult<(Upload, bool)> {
    let sha256 = hex::encode(Sha256::digest(content));
    if let Some(known) = find(&db.read, user, &sha256).await? {
        return Ok((known, false));
    }
    let upload = Upload {
        id: uuid::Uuid::now_v7().to_string(),
        sha256,
        content_type: kind.code().to_owned(),
        bytes: i64::try_from(content.len()).map_err(ApiError::internal)?,
    };
    let sealed = seal::seal_bytes(content, &upload.id)?;
    let inserted = sqlx::query(
        "INSERT INTO attachments (id, user_id, sha256, content_type, bytes, content, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (user_id, sha256) DO NOTHING",
    )
    .bind(&upload.id)
    .bind(user)
    .bind(&upload.sha256)
    .bind(&upload.content_type)
    .bind(upload.bytes)
    .bind(sealed)
    .bind(now)
    .execute(&db.write)
    .await?
    .rows_affected();
    if inserted == 1 {
        return Ok((upload, true));
    }
    // The same bytes arrived twice at once and the other request stored them first.
    let known = find(&db.write, user, &upload.sha256).await?;
    Ok((
        known.ok_or_else(|| ApiError::internal("attachment vanished"))?,
        false,
    ))
}

async fn find(pool: &sqlx::AnyPool, user: &str, sha256: &str) -> ApiResult<Option<Upload>> {
    Ok(sqlx::query_as(
        "SELECT id, sha256, content_type, bytes FROM attachments \
         WHERE user_id = $1 AND sha256 = $2",
    )
    .bind(user)
    .bind(sha256)
    .fetch_optional(pool)
    .await?)
}

/// The stored file: its type and bytes. `owner` limits it to a citizen's own uploads (anything
/// else is "not found"); `None` is a reviewer, who reads every one.
pub async fn read(db: &Db, id: &str, owner: Option<&str>) -> ApiResult<(String, Vec<u8>)> {
    let row: Option<(String, String, Vec<u8>)> =
        sqlx::query_as("SELECT user_id, content_type, content FROM attachments WHERE id = $1")
            .bind(id)
            .fetch_optional(&db.read)
            .await?;
    match row {
        Some((user, content_type, sealed)) if owner.is_none_or(|o| o == user) => {
            Ok((content_type, seal::open_bytes(&sealed, id)?))
        }
        _ => Err(ApiError::NotFound),
    }
}

/// One file of a filing, as filing responses list it (`attachment_files`).
#[derive(Clone, Debug, Serialize)]
pub struct FilingFile {
    pub material: String,
    #[serde(flatten)]
    pub upload: Upload,
}

/// The uploads `files` name, in order, if every one is `user`'s; otherwise 422 `invalid` on
/// the first foreign or unknown one (`attachments[i].id`), as if it did not exist.
pub async fn owned(
    conn: &mut AnyConnection,
    user: &str,
    files: &[AttachmentRef],
) -> ApiResult<Vec<FilingFile>> {
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = (0..files.len()).map(|i| format!("${}", i + 2)).collect();
    let sql = format!(
        "SELECT id, sha256, content_type, bytes FROM attachments \
         WHERE user_id = $1 AND id IN ({})",
        list.join(", ")
    );
    let mut query = sqlx::query_as::<_, Upload>(&sql).bind(user);
    for file in files {
        query = query.bind(&file.id);
    }
    let found = query.fetch_all(conn).await?;
    files
        .iter()
        .enumerate()
        .map(|(i, file)| {
            let upload = found.iter().find(|u| u.id == file.id).ok_or_else(|| {
                ApiError::invalid(
                    &format!("attachments[{i}].id"),
                    "attachment_not_found",
                    "找不到这个文件（可能没有上传成功），请重新上传",
                )
            })?;
            Ok(FilingFile {
                material: file.material.clone(),
                upload: upload.clone(),
            })
        })
        .collect()
}

/// Records which uploads a filing names, replacing what it named before.
pub async fn link(
    conn: &mut AnyConnection,
    filing_id: &str,
    files: &[AttachmentRef],
) -> ApiResult<()> {
    sqlx::query("DELETE FROM filing_attachments WHERE filing_id = $1")
        .bind(filing_id)
        .execute(&mut *conn)
        .await?;
    for (position, file) in files.iter().enumerate() {
        sqlx::query(
            "INSERT INTO filing_attachments (filing_id, position, attachment_id, material) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(filing_id)
        .bind(i64::try_from(position).map_err(ApiError::internal)?)
        .bind(&file.id)
        .bind(&file.material)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The files a filing names, in the application's order.
pub async fn files_of(conn: &mut AnyConnection, filing_id: &str) -> ApiResult<Vec<FilingFile>> {
    let rows: Vec<(String, String, String, String, i64)> = sqlx::query_as(
        "SELECT f.material, a.id, a.sha256, a.content_type, a.bytes \
         FROM filing_attachments f JOIN attachments a ON a.id = f.attachment_id \
         WHERE f.filing_id = $1 ORDER BY f.position",
    )
    .bind(filing_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(material, id, sha256, content_type, bytes)| FilingFile {
            material,
            upload: Upload {
                id,
                sha256,
                content_type,
                bytes,
            },
        })
        .collect())
}

/// A filing's JSON with its files' metadata added as `attachment_files`.
pub fn with_files(mut filing: Value, files: &[FilingFile]) -> Value {
    filing["attachment_files"] = json!(files);
    filing
}

/// A stored filing's JSON with its files' metadata.
pub async fn filing_json(conn: &mut AnyConnection, row: &FilingRow) -> ApiResult<Value> {
    Ok(with_files(row.to_json()?, &files_of(conn, &row.id).await?))
}

/// Stored filings (still sealed) as a list answers them: opened, each with its files.
pub async fn filings_json(conn: &mut AnyConnection, rows: Vec<FilingRow>) -> ApiResult<Vec<Value>> {
    let mut filings = Vec::with_capacity(rows.len());
    for row in rows {
        filings.push(filing_json(&mut *conn, &seal::open_filing(row)?).await?);
    }
    Ok(filings)
}

/// Deletes uploads older than [`UNREFERENCED_PURGE_DAYS`] that no filing names; returns how
/// many.
pub async fn purge(db: &Db, now: i64) -> ApiResult<u64> {
    let cutoff = now - UNREFERENCED_PURGE_DAYS * MS_PER_DAY;
    Ok(sqlx::query(
        "DELETE FROM attachments WHERE created_at < $1 AND NOT EXISTS \
         (SELECT 1 FROM filing_attachments f WHERE f.attachment_id = attachments.id)",
    )
    .bind(cutoff)
    .execute(&db.write)
    .await?
    .rows_affected())
}

/// Runs [`purge`] now and then every [`PURGE_EVERY`], for as long as the runtime lives.
pub fn spawn_purge(state: AppState) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(PURGE_EVERY);
        loop {
            every.tick().await;
            match purge(&state.db, state.now_ms()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(
                    purged = n,
                    "未被备案引用的附件已清除 (unreferenced uploads purged)"
                ),
                Err(e) => tracing::error!(error = ?e, "附件清理失败 (attachment purge failed)"),
            }
        }
    });
}
