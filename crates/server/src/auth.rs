//! Tokens: random, shown once, stored as SHA-256. `Citizen` and `Reviewer` extract the caller
//! from `Authorization: Bearer …`.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::state::AppState;

/// Hex SHA-256 of a secret (token, code): what the database keeps.
pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// 32 random bytes, hex: 256 bits, unguessable.
pub fn new_token() -> Result<String, ApiError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(ApiError::internal)?;
    Ok(hex::encode(bytes))
}

/// A uniformly random 6-digit code.
pub fn new_code() -> Result<String, ApiError> {
    loop {
        let mut bytes = [0u8; 4];
        getrandom::fill(&mut bytes).map_err(ApiError::internal)?;
        let n = u32::from_le_bytes(bytes);
        // Reject the top sliver so every code is equally likely.
        if n < u32::MAX - u32::MAX % 1_000_000 {
            return Ok(format!("{:06}", n % 1_000_000));
        }
    }
}

fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// The signed-in citizen.
pub struct Citizen {
    pub user_id: String,
}

/// Signed-in sessions recently seen, so a busy client does not cost a database read per request.
/// Sessions are only ever created (there is no sign-out endpoint), so a cached entry cannot go
/// stale except by expiring, which is checked on every use; entries are also dropped after a
/// minute to bound the memory.
#[derive(Default)]
pub struct SessionCache {
    entries: std::sync::Mutex<std::collections::HashMap<String, (String, i64, i64)>>,
}

const SESSION_CACHE_MS: i64 = 60_000;
const SESSION_CACHE_MAX: usize = 50_000;

impl SessionCache {
    fn get(&self, token_hash: &str, now_ms: i64) -> Option<(String, i64)> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries
            .get(token_hash)
            .filter(|(_, _, cached_at)| now_ms - cached_at < SESSION_CACHE_MS)
            .map(|(user, expires, _)| (user.clone(), *expires))
    }

    fn put(&self, token_hash: &str, user_id: &str, expires_at: i64, now_ms: i64) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= SESSION_CACHE_MAX {
            entries.retain(|_, (_, _, cached_at)| now_ms - *cached_at < SESSION_CACHE_MS);
            if entries.len() >= SESSION_CACHE_MAX {
                entries.clear();
            }
        }
        entries.insert(
            token_hash.to_owned(),
            (user_id.to_owned(), expires_at, now_ms),
        );
    }
}

async fn citizen_for(state: &AppState, token_hash: &str) -> Result<Option<String>, ApiError> {
    let now = state.now_ms();
    if let Some((user_id, expires_at)) = state.sessions.get(token_hash, now) {
        return Ok((expires_at > now).then_some(user_id));
    }
    let row: Option<(String, i64)> =
        sqlx::query_as("SELECT user_id, expires_at FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(&state.db.read)
            .await?;
    let Some((user_id, expires_at)) = row else {
        return Ok(None);
    };
    state.sessions.put(token_hash, &user_id, expires_at, now);
    Ok((expires_at > now).then_some(user_id))
}

impl FromRequestParts<AppState> for Citizen {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = bearer(parts).ok_or(ApiError::Unauthorized)?;
        let user_id = citizen_for(state, &hash_secret(token))
            .await?
            .ok_or(ApiError::Unauthorized)?;
        Ok(Citizen { user_id })
    }
}

/// A reviewer of the insured region's office: `YIDI_REVIEWER_TOKEN` or a token made by
/// `yidi-server reviewer add`. A citizen's token gets 404, so the review API stays invisible to
/// citizens.
pub struct Reviewer;

impl FromRequestParts<AppState> for Reviewer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = bearer(parts).ok_or(ApiError::Unauthorized)?;
        let hash = hash_secret(token);
        if state.config.reviewer_token_hash.as_deref() == Some(hash.as_str()) {
            return Ok(Reviewer);
        }
        let known: Option<(String,)> =
            sqlx::query_as("SELECT token_hash FROM reviewers WHERE token_hash = $1")
                .bind(&hash)
                .fetch_optional(&state.db.read)
                .await?;
        if known.is_some() {
            return Ok(Reviewer);
        }
        if citizen_for(state, &hash).await?.is_some() {
            return Err(ApiError::NotFound);
        }
        Err(ApiError::Unauthorized)
    }
}

/// The client's address, for per-address limits: the TCP peer, or, when the peer is a reverse
/// proxy on the same machine (a loopback address), the last address in its `X-Forwarded-For`
/// (the one that proxy saw; earlier entries are whatever the client claimed). `None` when the
/// server runs without connect info (tests).
pub struct ClientIp(pub Option<IpAddr>);

fn forwarded_for(parts: &Parts) -> Option<IpAddr> {
    let header = parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .next_back()?;
    header
        .to_str()
        .ok()?
        .rsplit(',')
        .next()?
        .trim()
        .parse()
        .ok()
}

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        // `ConnectInfo` also honours axum's `MockConnectInfo` (tests).
        let peer = ConnectInfo::<SocketAddr>::from_request_parts(parts, state)
            .await
            .ok()
            .map(|c| c.0.ip());
        Ok(ClientIp(match peer {
            Some(ip) if ip.is_loopback() => forwarded_for(parts).or(Some(ip)),
            other => other,
        }))
    }
}

/// Stores a reviewer token's hash; returns the token (shown once).
pub async fn add_reviewer(
    db: &crate::db::Db,
    label: &str,
    now_ms: i64,
) -> Result<String, ApiError> {
    let token = new_token()?;
    sqlx::query("INSERT INTO reviewers (token_hash, label, created_at) VALUES ($1, $2, $3)")
        .bind(hash_secret(&token))
        .bind(label)
        .bind(now_ms)
        .execute(&db.write)
        .await?;
    Ok(token)
}
