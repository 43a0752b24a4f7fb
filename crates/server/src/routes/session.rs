//! Sign-in by phone and one-time code (api.md "Sign-in").

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

use crate::auth::{Citizen, ClientIp, hash_secret, new_code, new_token, revoke};
use crate::clock::rfc3339;
use crate::core_adapter::{mask_phone, parse_phone};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::ratelimit::{CODE_REQUESTS_PER_IP, SIGN_INS_PER_IP};
use crate::state::AppState;

/// A code works for 10 minutes.
const CODE_TTL_MS: i64 = 10 * 60_000;
/// One code a minute per phone.
const CODE_INTERVAL_MS: i64 = 60_000;
/// Ten codes a day (rolling 24 hours) per phone.
const CODES_PER_DAY: i64 = 10;
const DAY_MS: i64 = 86_400_000;
/// Five wrong tries burn a code.
const MAX_ATTEMPTS: i64 = 5;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeRequest {
    /// Mainland mobile number.
    pub phone: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CodeSent {
    /// Only with `YIDI_DEV_CODES=1` (development).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dev_code: Option<String>,
}

/// The phone as the API takes it: exactly the 11 digits (`13800138000`). The SPA reads what
/// people type (spaces, `+86`, full-width digits) with the same core parser and sends this form;
/// the API itself is exact, as its OpenAPI document says.
fn wire_phone(input: &str) -> ApiResult<String> {
    let phone = parse_phone(input, "phone")?;
    if phone.as_str() != input {
        return Err(ApiError::invalid(
            "phone",
            "phone_format",
            "手机号应为 1 开头的 11 位数字，不含空格或区号。",
        ));
    }
    Ok(phone.as_str().to_owned())
}

fn wait_secs(until_ms: i64, now_ms: i64) -> u64 {
    ((until_ms - now_ms).max(1000) as u64).div_ceil(1000)
}

/// Sends a one-time code to the phone. At most one a minute and ten a day per phone (429).
#[utoipa::path(post, path = "/api/session/code", operation_id = "request_code", tag = "session", request_body = CodeRequest,
    responses(
        (status = 202, body = CodeSent),
        (status = 429, description = "too many codes; see Retry-After")))]
pub async fn request_code(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<CodeRequest>,
) -> ApiResult<(StatusCode, Json<CodeSent>)> {
    let now = state.now_ms();
    state.limits.check("code", ip, CODE_REQUESTS_PER_IP, now)?;
    let phone = wire_phone(&body.phone)?;
    let phone = phone.as_str();

    let mut tx = state.db.write.begin().await?;
    // Lock this phone's row so two requests cannot both pass the checks below.
    sqlx::query(
        "INSERT INTO code_throttle (phone, touched_at) VALUES ($1, $2) \
         ON CONFLICT (phone) DO UPDATE SET touched_at = excluded.touched_at",
    )
    .bind(phone)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let (count, last, first): (i64, Option<i64>, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(*), MAX(created_at), MIN(created_at) FROM login_codes \
         WHERE phone = $1 AND created_at > $2",
    )
    .bind(phone)
    .bind(now - DAY_MS)
    .fetch_one(&mut *tx)
    .await?;
    if let Some(last) = last.filter(|l| now - l < CODE_INTERVAL_MS) {
        return Err(ApiError::RateLimited {
            retry_after_secs: wait_secs(last + CODE_INTERVAL_MS, now),
        });
    }
    if count >= CODES_PER_DAY {
        return Err(ApiError::RateLimited {
            retry_after_secs: wait_secs(first.unwrap_or(now) + DAY_MS, now),
        });
    }
    // Only the newest code works.
    sqlx::query("UPDATE login_codes SET used = 1 WHERE phone = $1 AND used = 0")
        .bind(phone)
        .execute(&mut *tx)
        .await?;
    let id = uuid::Uuid::now_v7().to_string();
    let code = new_code()?;
    sqlx::query(
        "INSERT INTO login_codes (id, phone, code_hash, created_at, expires_at, attempts, used) \
         VALUES ($1, $2, $3, $4, $5, 0, 0)",
    )
    .bind(&id)
    .bind(phone)
    .bind(hash_secret(&format!("{id}:{code}")))
    .bind(now)
    .bind(now + CODE_TTL_MS)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;

    state.sender.send(phone, &code).await.map_err(|e| {
        ApiError::internal(format!("code sender failed for {}: {e}", mask_phone(phone)))
    })?;
    let dev_code = state.config.dev_codes.then_some(code);
    Ok((StatusCode::ACCEPTED, Json(CodeSent { dev_code })))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    pub phone: String,
    /// The 6-digit code.
    pub code: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Session {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
    /// RFC 3339, UTC.
    pub expires_at: String,
}

/// Exchanges a phone's current code for a token. A code works once, for 10 minutes; 5 wrong tries
/// burn it.
#[utoipa::path(post, path = "/api/session", operation_id = "sign_in", tag = "session", request_body = SignIn,
    responses(
        (status = 201, body = Session),
        (status = 401, description = "wrong, used, expired or burnt code"),
        (status = 429, description = "too many attempts from this address")))]
pub async fn sign_in(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<SignIn>,
) -> ApiResult<(StatusCode, Json<Session>)> {
    let now = state.now_ms();
    state.limits.check("sign_in", ip, SIGN_INS_PER_IP, now)?;
    let phone = wire_phone(&body.phone)?;
    let phone = phone.as_str();
    let code = body.code.as_str();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiError::invalid(
            "code",
            "code_format",
            "验证码是 6 位数字。",
        ));
    }

    let mut tx = state.db.write.begin().await?;
    let current: Option<(String, String)> = sqlx::query_as(
        "SELECT id, code_hash FROM login_codes \
         WHERE phone = $1 AND used = 0 AND expires_at > $2 ORDER BY created_at DESC LIMIT 1",
    )
    .bind(phone)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((code_id, code_hash)) = current else {
        return Err(ApiError::BadCode);
    };
    if hash_secret(&format!("{code_id}:{code}")) != code_hash {
        sqlx::query(
            "UPDATE login_codes SET attempts = attempts + 1, \
             used = CASE WHEN attempts + 1 >= $1 THEN 1 ELSE 0 END WHERE id = $2",
        )
        .bind(MAX_ATTEMPTS)
        .bind(&code_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        return Err(ApiError::BadCode);
    }
    let spent = sqlx::query("UPDATE login_codes SET used = 1 WHERE id = $1 AND used = 0")
        .bind(&code_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if spent != 1 {
        return Err(ApiError::BadCode);
    }
    sqlx::query(
        "INSERT INTO users (id, phone, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (phone) DO NOTHING",
    )
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(phone)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let (user_id,): (String,) = sqlx::query_as("SELECT id FROM users WHERE phone = $1")
        .bind(phone)
        .fetch_one(&mut *tx)
        .await?;
    let token = new_token()?;
    let expires_at = now + state.config.session_ttl_secs * 1000;
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(hash_secret(&token))
    .bind(&user_id)
    .bind(now)
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(Session {
            token,
            expires_at: rfc3339(expires_at),
        }),
    ))
}

/// Signs out: the caller's token stops working at once, on every server sharing the database
/// (sessions are looked up in the database on every request; nothing caches them). Phones are
/// shared in families, so this must really end the session, not just forget it on the device.
#[utoipa::path(delete, path = "/api/session", operation_id = "sign_out", tag = "session",
    responses(
        (status = 204, description = "signed out; the token is refused from now on"),
        (status = 401, description = "no, unknown, expired or already revoked token")),
    security(("citizen" = [])))]
pub async fn sign_out(State(state): State<AppState>, citizen: Citizen) -> ApiResult<StatusCode> {
    revoke(&state, &citizen.token_hash).await?;
    Ok(StatusCode::NO_CONTENT)
}
