//! A filing as stored and as the API shows it, and the database helpers the filing and review
//! routes share. The status machine is core's [`Lifecycle`] (which change, cancellation and
//! decision each status allows); here every change bumps `version`, reviewers' decisions
//! included, so a client holding an old version gets 409 `stale` instead of overwriting a
//! decision it has not seen.

use serde::Serialize;
use serde_json::{Map, Value, json};
use sqlx::{Any, AnyConnection, AnyPool, Transaction};
use yidi_core::filing::{Event as FilingEvent, Lifecycle};

use crate::attachment::filing_json;
use crate::clock::rfc3339;
use crate::error::{ApiError, ApiResult};

/// Columns in the order `FilingRow` reads them.
pub const COLUMNS: &str =
    "id, status, version, reason, application, end_date, created_at, updated_at";

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FilingRow {
    pub id: String,
    pub status: String,
    pub version: i64,
    pub reason: Option<String>,
    pub application: String,
    pub end_date: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl FilingRow {
    /// The stored status as core's lifecycle; a value core does not know is a server fault.
    pub fn lifecycle(&self) -> ApiResult<Lifecycle> {
        self.status.parse().map_err(ApiError::internal)
    }

    /// The row after a change that takes it to `status` at `now`, `steps` versions on (one per
    /// history entry the change records); the rest is kept for the caller to replace.
    pub fn advanced(&self, status: Lifecycle, steps: usize, now: i64) -> FilingRow {
        FilingRow {
            status: status.code().to_owned(),
            version: self.version + steps as i64,
            updated_at: now,
            ..self.clone()
        }
    }

    /// The application's fields plus what the server adds, but not the files' metadata: what
    /// clients see is [`filing_json`].
    pub fn to_json(&self) -> ApiResult<Value> {
        let application = serde_json::from_str(&self.application).map_err(ApiError::internal)?;
        self.to_json_with(application)
    }

    /// As [`FilingRow::to_json`], with the application already parsed.
    pub fn to_json_with(&self, application: Value) -> ApiResult<Value> {
        let Value::Object(mut object) = application else {
            return Err(ApiError::internal(
                "stored application is not a JSON object",
            ));
        };
        object.insert("id".into(), json!(self.id));
        object.insert("status".into(), json!(self.status));
        object.insert("version".into(), json!(self.version));
        object.insert("reason".into(), json!(self.reason));
        object.insert("end_date".into(), json!(self.end_date));
        object.insert("created_at".into(), json!(rfc3339(self.created_at)));
        object.insert("updated_at".into(), json!(rfc3339(self.updated_at)));
        Ok(Value::Object(object))
    }
}

/// One filing; `owner` limits it to a citizen's own (anything else is "not found").
pub async fn load(conn: &mut AnyConnection, id: &str, owner: Option<&str>) -> ApiResult<FilingRow> {
    let row: Option<FilingRow> = match owner {
        Some(user) => {
            sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM filings WHERE id = $1 AND user_id = $2"
            ))
            .bind(id)
            .bind(user)
            .fetch_optional(conn)
            .await?
        }
        None => {
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM filings WHERE id = $1"))
                .bind(id)
                .fetch_optional(conn)
                .await?
        }
    };
    row.ok_or(ApiError::NotFound)
        .and_then(crate::seal::open_filing)
}

/// A citizen's own filing, about to be changed: opens the write transaction and applies the
/// contract's optimistic concurrency in one place. A `version` other than the stored one is 409
/// `stale`; a status that `allows` refuses is 409 `invalid_state`; both carry the filing as it
/// is now.
pub async fn begin_change(
    pool: &AnyPool,
    id: &str,
    owner: &str,
    version: i64,
    allows: fn(Lifecycle) -> bool,
) -> ApiResult<(Transaction<'static, Any>, FilingRow)> {
    let mut tx = pool.begin().await?;
    let row = load(&mut tx, id, Some(owner)).await?;
    if row.version != version {
        return Err(ApiError::Stale(filing_json(&mut tx, &row).await?));
    }
    if !allows(row.lifecycle()?) {
        return Err(ApiError::InvalidState(filing_json(&mut tx, &row).await?));
    }
    Ok((tx, row))
}

/// Who made a change.
#[derive(Clone, Copy)]
pub enum Actor {
    Citizen,
    Reviewer,
}

impl Actor {
    fn as_str(self) -> &'static str {
        match self {
            Actor::Citizen => "citizen",
            Actor::Reviewer => "reviewer",
        }
    }
}

/// One entry of `GET /api/filings/{id}/history`.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Event {
    /// The filing's version after this change.
    pub version: i64,
    /// `submitted`, `changed`, `resubmitted`, `under_review`, `approved`, `returned`, `rejected`,
    /// `cancelled`.
    pub event: String,
    /// The status after this change.
    pub status: String,
    pub reason: Option<String>,
    /// `citizen` or `reviewer`.
    pub actor: String,
    /// RFC 3339, UTC.
    pub at: String,
}

pub struct NewEvent<'a> {
    pub version: i64,
    pub event: FilingEvent,
    pub status: Lifecycle,
    pub reason: Option<&'a str>,
    pub actor: Actor,
    pub at: i64,
}

pub async fn record(conn: &mut AnyConnection, filing_id: &str, e: NewEvent<'_>) -> ApiResult<()> {
    sqlx::query(
        "INSERT INTO filing_events (filing_id, version, event, status, reason, actor, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(filing_id)
    .bind(e.version)
    .bind(e.event.code())
    .bind(e.status.code())
    .bind(e.reason)
    .bind(e.actor.as_str())
    .bind(e.at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Writes a new status/version (and optionally a new application) if nobody changed the filing
/// since `row` was read; 409 `stale` otherwise.
pub async fn update(conn: &mut AnyConnection, row: &FilingRow, next: &FilingRow) -> ApiResult<()> {
    let done = sqlx::query(
        "UPDATE filings SET status = $1, version = $2, reason = $3, application = $4, \
         end_date = $5, updated_at = $6 WHERE id = $7 AND version = $8",
    )
    .bind(&next.status)
    .bind(next.version)
    .bind(&next.reason)
    .bind(crate::seal::seal(&next.application, &row.id)?)
    .bind(&next.end_date)
    .bind(next.updated_at)
    .bind(&row.id)
    .bind(row.version)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if done == 1 {
        Ok(())
    } else {
        let current = load(&mut *conn, &row.id, None).await?;
        Err(ApiError::Stale(filing_json(conn, &current).await?))
    }
}

/// A citizen's change (an edit or a cancellation): writes `next` over `row` as [`update`] does
/// and records it as one history entry.
pub async fn save_citizen_change(
    conn: &mut AnyConnection,
    row: &FilingRow,
    next: &FilingRow,
    event: FilingEvent,
) -> ApiResult<()> {
    update(&mut *conn, row, next).await?;
    let entry = NewEvent {
        version: next.version,
        event,
        status: next.lifecycle()?,
        reason: None,
        actor: Actor::Citizen,
        at: next.updated_at,
    };
    record(conn, &row.id, entry).await
}

/// Events of one filing, oldest first.
pub async fn history(conn: &mut AnyConnection, filing_id: &str) -> ApiResult<Vec<Event>> {
    let rows: Vec<(i64, String, String, Option<String>, String, i64)> = sqlx::query_as(
        "SELECT version, event, status, reason, actor, at FROM filing_events \
         WHERE filing_id = $1 ORDER BY version",
    )
    .bind(filing_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(version, event, status, reason, actor, at)| Event {
            version,
            event,
            status,
            reason,
            actor,
            at: rfc3339(at),
        })
        .collect())
}

/// RFC 7396 JSON Merge Patch: objects merge key by key, `null` removes, anything else replaces.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    let Value::Object(object) = target else {
        return;
    };
    for (key, value) in patch {
        if value.is_null() {
            object.remove(key);
        } else {
            merge_patch(object.entry(key.clone()).or_insert(Value::Null), value);
        }
    }
}

/// Key-sorted compact JSON: the same document always gives the same text, whatever the key order
/// the client sent (used to compare idempotent requests).
pub fn canonical(value: &Value) -> String {
    fn write(value: &Value, out: &mut String) {
        match value {
            Value::Object(object) => {
                let mut keys: Vec<&String> = object.keys().collect();
                keys.sort();
                out.push('{');
                for (i, key) in keys.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&Value::String(key.clone()).to_string());
                    out.push(':');
                    write(&object[key], out);
                }
                out.push('}');
            }
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write(item, out);
                }
                out.push(']');
            }
            other => out.push_str(&other.to_string()),
        }
    }
    let mut out = String::new();
    write(value, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_ignores_key_order() {
        let a: Value =
            serde_json::from_str(r#"{"b":1,"a":{"y":[1,{"d":2,"c":3}],"x":null}}"#).unwrap();
        let b: Value =
            serde_json::from_str(r#"{"a":{"x":null,"y":[1,{"c":3,"d":2}]},"b":1}"#).unwrap();
        assert_eq!(canonical(&a), canonical(&b));
        assert_eq!(
            canonical(&a),
            r#"{"a":{"x":null,"y":[1,{"c":3,"d":2}]},"b":1}"#
        );
    }

    #[test]
    fn merge_patch_follows_rfc_7396() {
        let mut doc = json!({"a": {"b": 1, "c": 2}, "d": [1], "e": 5});
        merge_patch(&mut doc, &json!({"a": {"b": 9, "c": null}, "d": [2, 3]}));
        assert_eq!(doc, json!({"a": {"b": 9}, "d": [2, 3], "e": 5}));
    }
}
