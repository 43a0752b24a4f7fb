//! Filing submissions are written in batches by one task: whatever submissions are waiting when
//! the previous batch commits go into the next transaction together, with one multi-row INSERT
//! per table. Each filing's idempotency record is still in the same transaction as the filing
//! (Stripe semantics); batching only shares the transaction's fixed cost (BEGIN, COMMIT, the
//! round trips to SQLite's single writer) among the submissions that arrived meanwhile. Under
//! light load a batch is a single submission, so nothing waits for company. The application and
//! the stored response are sealed (`seal.rs`) as they are bound.

use std::collections::HashSet;

use sqlx::{AnyConnection, AnyPool};
use tokio::sync::{mpsc, oneshot};

use crate::error::{ApiError, ApiResult};
use yidi_core::filing::{AttachmentRef, Event, Lifecycle};

use crate::filing::{COLUMNS, FilingRow};
use crate::seal;

/// Largest batch; chunks are powers of two so each statement shape is prepared once.
const MAX_BATCH: usize = 64;

/// One submission, validated and rendered, waiting to be written.
pub struct Submission {
    pub user_id: String,
    pub key: String,
    pub request_hash: String,
    pub status: i64,
    pub response: String,
    pub row: FilingRow,
    /// The uploads the filing names (already checked to be the user's).
    pub attachments: Vec<AttachmentRef>,
}

/// What became of a submission.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Written, with its idempotency record.
    Created,
    /// The key was already taken (by an earlier or a concurrent request): answer with the
    /// stored response.
    KeyTaken,
}

type Job = (Submission, oneshot::Sender<ApiResult<Outcome>>);

#[derive(Clone)]
pub struct FilingWriter {
    tx: mpsc::Sender<Job>,
}

impl FilingWriter {
    /// Starts the writer task (needs a Tokio runtime).
    pub fn start(pool: AnyPool) -> FilingWriter {
        let (tx, rx) = mpsc::channel::<Job>(4096);
        tokio::spawn(run(pool, rx));
        FilingWriter { tx }
    }

    pub async fn submit(&self, submission: Submission) -> ApiResult<Outcome> {
        let (reply, answer) = oneshot::channel();
        self.tx
            .send((submission, reply))
            .await
            .map_err(|_| ApiError::internal("filing writer stopped"))?;
        answer
            .await
            .map_err(|_| ApiError::internal("filing writer dropped a submission"))?
    }
}

async fn run(pool: AnyPool, mut rx: mpsc::Receiver<Job>) {
    let mut batch: Vec<Job> = Vec::with_capacity(MAX_BATCH);
    while rx.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let jobs = std::mem::take(&mut batch);
        let (submissions, replies): (Vec<Submission>, Vec<_>) = jobs.into_iter().unzip();
        match write_batch(&pool, &submissions).await {
            Ok(outcomes) => {
                for (reply, outcome) in replies.into_iter().zip(outcomes) {
                    let _ = reply.send(Ok(outcome));
                }
            }
            Err(e) => {
                let detail = format!("{e:?}");
                for reply in replies {
                    let _ = reply.send(Err(ApiError::Internal(detail.clone())));
                }
            }
        }
    }
}

/// `($1, $2, …), ($n+1, …)` for `rows` rows of `cols` columns.
fn placeholders(rows: usize, cols: usize) -> String {
    (0..rows)
        .map(|r| {
            let cells: Vec<String> = (1..=cols).map(|c| format!("${}", r * cols + c)).collect();
            format!("({})", cells.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

async fn write_batch(pool: &AnyPool, subs: &[Submission]) -> ApiResult<Vec<Outcome>> {
    // A key twice in one batch: the first one competes, the rest are answered from it.
    let mut seen = HashSet::new();
    let mut outcomes: Vec<Outcome> = subs
        .iter()
        .map(|s| {
            if seen.insert((s.user_id.as_str(), s.key.as_str())) {
                Outcome::Created
            } else {
                Outcome::KeyTaken
            }
        })
        .collect();
    let mut tx = pool.begin().await?;
    let candidates: Vec<usize> = (0..subs.len())
        .filter(|&i| outcomes[i] == Outcome::Created)
        .collect();
    let mut claimed: Vec<usize> = Vec::with_capacity(candidates.len());
    for chunk in power_of_two_chunks(&candidates) {
        let taken = claim_keys(&mut tx, subs, chunk).await?;
        for &i in chunk {
            if taken.contains(&(subs[i].user_id.as_str(), subs[i].key.as_str())) {
                claimed.push(i);
            } else {
                outcomes[i] = Outcome::KeyTaken;
            }
        }
    }
    for chunk in power_of_two_chunks(&claimed) {
        insert_filings(&mut tx, subs, chunk).await?;
    }
    tx.commit().await?;
    Ok(outcomes)
}

/// Splits into chunks of 32, 16, 8, 4, 2, 1 so only six statement shapes exist per table.
fn power_of_two_chunks(items: &[usize]) -> Vec<&[usize]> {
    let mut chunks = Vec::new();
    let mut rest = items;
    while !rest.is_empty() {
        let size = [32, 16, 8, 4, 2, 1]
            .into_iter()
            .find(|&n| n <= rest.len())
            .unwrap_or(1);
        let (head, tail) = rest.split_at(size);
        chunks.push(head);
        rest = tail;
    }
    chunks
}

/// Inserts the idempotency records; returns the (user, key) pairs that were free.
async fn claim_keys<'s>(
    conn: &mut AnyConnection,
    subs: &'s [Submission],
    chunk: &[usize],
) -> ApiResult<HashSet<(&'s str, &'s str)>> {
    let sql = format!(
        "INSERT INTO idempotency_keys (user_id, idem_key, request_hash, status, response, \
         created_at) VALUES {} ON CONFLICT (user_id, idem_key) DO NOTHING \
         RETURNING user_id, idem_key",
        placeholders(chunk.len(), 6)
    );
    let mut query = sqlx::query_as::<_, (String, String)>(&sql);
    for &i in chunk {
        let s = &subs[i];
        query = query
            .bind(&s.user_id)
            .bind(&s.key)
            .bind(&s.request_hash)
            .bind(s.status)
            .bind(seal::seal(
                &s.response,
                &seal::response_context(&s.user_id, &s.key),
            )?)
            .bind(s.row.created_at);
    }
    let inserted = query.fetch_all(&mut *conn).await?;
    let inserted: HashSet<(String, String)> = inserted.into_iter().collect();
    Ok(chunk
        .iter()
        .map(|&i| (subs[i].user_id.as_str(), subs[i].key.as_str()))
        .filter(|(u, k)| inserted.contains(&((*u).to_owned(), (*k).to_owned())))
        .collect())
}

async fn insert_filings(
    conn: &mut AnyConnection,
    subs: &[Submission],
    chunk: &[usize],
) -> ApiResult<()> {
    let sql = format!(
        "INSERT INTO filings (user_id, {COLUMNS}) VALUES {}",
        placeholders(chunk.len(), 9)
    );
    let mut query = sqlx::query(&sql);
    for &i in chunk {
        let s = &subs[i];
        let r = &s.row;
        query = query
            .bind(&s.user_id)
            .bind(&r.id)
            .bind(&r.status)
            .bind(r.version)
            .bind(&r.reason)
            .bind(seal::seal(&r.application, &r.id)?)
            .bind(&r.end_date)
            .bind(r.created_at)
            .bind(r.updated_at);
    }
    query.execute(&mut *conn).await?;

    let sql = format!(
        "INSERT INTO filing_events (filing_id, version, event, status, reason, actor, at) \
         VALUES {}",
        placeholders(chunk.len(), 7)
    );
    let mut query = sqlx::query(&sql);
    for &i in chunk {
        let r = &subs[i].row;
        query = query
            .bind(&r.id)
            .bind(r.version)
            .bind(Event::Submitted.code())
            .bind(Lifecycle::Submitted.code())
            .bind(None::<String>)
            .bind("citizen")
            .bind(r.created_at);
    }
    query.execute(&mut *conn).await?;
    for &i in chunk {
        if !subs[i].attachments.is_empty() {
            crate::attachment::link(&mut *conn, &subs[i].row.id, &subs[i].attachments).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_powers_of_two() {
        let items: Vec<usize> = (0..45).collect();
        let sizes: Vec<usize> = power_of_two_chunks(&items)
            .iter()
            .map(|c| c.len())
            .collect();
        assert_eq!(sizes, [32, 8, 4, 1]);
        assert_eq!(placeholders(2, 2), "($1, $2), ($3, $4)");
    }
}
