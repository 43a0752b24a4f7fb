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

/// The signed-in citizen, and the hash of the token they came with (what sign-out revokes).
pub struct Citizen {
    pub user_id: String,
    pub token_hash: String,
}

/// The user a token belongs to, if it is a live session. Read from the database on every request,
/// deliberately without a cache: a sign-out (api.md: "the caller's token stops working at once,
/// on every server") must be seen by every server sharing the database at once, and a
/// per-server cache could only learn of it when its entry ages out.
async fn citizen_for(state: &AppState, token_hash: &str) -> Result<Option<String>, ApiError> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT user_id FROM sessions WHERE token_hash = $1 AND expires_at > $2")
            .bind(token_hash)
            .bind(state.now_ms())
            .fetch_optional(&state.db.read)
            .await?;
    Ok(row.map(|(user_id,)| user_id))
}

/// Ends a session: its token is refused from now on, by every server on this database.
pub async fn revoke(state: &AppState, token_hash: &str) -> Result<(), ApiError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&state.db.write)
        .await?;
    Ok(())
}

impl FromRequestParts<AppState> for Citizen {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = bearer(parts).ok_or(ApiError::Unauthorized)?;
        let token_hash = hash_secret(token);
        let user_id = citizen_for(state, &token_hash)
            .await?
            .ok_or(ApiError::Unauthorized)?;
        Ok(Citizen {
            user_id,
            token_hash,
        })
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
/// Who may read a citizen's upload: the citizen (by user id) or any reviewer.
pub enum Viewer {
    Citizen(String),
    Reviewer,
}

impl Viewer {
    /// The owner a read is limited to; `None` for a reviewer.
    pub fn owner(&self) -> Option<&str> {
        match self {
            Viewer::Citizen(user) => Some(user),
            Viewer::Reviewer => None,
        }
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        match Reviewer::from_request_parts(parts, state).await {
            Ok(Reviewer) => Ok(Viewer::Reviewer),
            // A citizen's token: `Reviewer` answers 404 for it.
            Err(ApiError::NotFound) => Citizen::from_request_parts(parts, state)
                .await
                .map(|c| Viewer::Citizen(c.user_id)),
            Err(e) => Err(e),
        }
    }
}

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
