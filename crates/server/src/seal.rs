//! Sensitive data at rest. A filing's application holds ID numbers (and phones, names, the
//! family's relations); so does the stored first response of its idempotency key; an
//! attachment is a photo of an ID card or a medical record. All are sealed with XChaCha20-Poly1305 (RustCrypto's `chacha20poly1305`, an AEAD) under the data key
//! of `YIDI_DATA_KEY` before they reach the database, so a copied database file, a backup or a
//! look over an administrator's shoulder shows none of it.
//!
//! - Stored form: `v1:` + hex(24-byte random nonce ‖ ciphertext ‖ 16-byte tag); for bytes (a
//!   binary column), the byte 1 then the same three raw. Random 192-bit nonces are safe for any
//!   number of rows under one key.
//! - Each sealed value is bound to its row (the AEAD's associated data: the filing id, the
//!   attachment id, or the user and idempotency key), so a value copied into another row does not open.
//! - Nothing is looked up by ID number, so no search column (a keyed hash) is needed; a future
//!   lookup would add one rather than unseal every row.
//! - Rows written before sealing existed (plain JSON, starting with `{`) are still read, and
//!   [`seal_existing`] seals them at start-up.
//!
//! The key is process-wide configuration, like the database URL: [`install`] sets it once at
//! start (the server's `main`, the tests' harness), and the few places that read or write these
//! columns call [`seal`] and [`open`].

use std::sync::OnceLock;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::filing::FilingRow;

const PREFIX: &str = "v1:";
const NONCE_BYTES: usize = 24;
/// The first byte of a sealed binary value (the format's version, like `v1:` for text).
const BINARY_VERSION: u8 = 1;

/// The data key: 32 bytes, given as 64 hex digits in `YIDI_DATA_KEY`.
pub struct DataKey {
    cipher: XChaCha20Poly1305,
}

impl DataKey {
    /// Reads 64 hex digits; anything else is refused with a sentence for the operator.
    pub fn from_hex(text: &str) -> Result<DataKey, String> {
        let bytes = hex::decode(text.trim())
            .ok()
            .filter(|b| b.len() == 32)
            .ok_or_else(|| {
                "YIDI_DATA_KEY 应是 64 位十六进制数（32 字节），例如用 `openssl rand -hex 32` 生成 \
                 (the data key must be 64 hex digits)"
                    .to_owned()
            })?;
        let cipher = XChaCha20Poly1305::new_from_slice(&bytes).map_err(|e| e.to_string())?;
        Ok(DataKey { cipher })
    }

    /// The key of `YIDI_DATA_KEY`; its absence is an error (the server does not start).
    pub fn from_env() -> Result<DataKey, String> {
        match std::env::var("YIDI_DATA_KEY") {
            Ok(text) if !text.trim().is_empty() => DataKey::from_hex(&text),
            _ => Err(
                "YIDI_DATA_KEY 未设置：身份证号等敏感数据须加密存储，请提供 64 位十六进制的\
                      数据密钥（scripts/run.sh 会为开发生成一个）(YIDI_DATA_KEY is not set)"
                    .to_owned(),
            ),
        }
    }

    /// Random nonce ‖ ciphertext ‖ tag of `plaintext`, bound to `context`.
    fn encrypt(&self, plaintext: &[u8], context: &str) -> ApiResult<Vec<u8>> {
        let mut nonce = [0u8; NONCE_BYTES];
        getrandom::fill(&mut nonce).map_err(ApiError::internal)?;
        let sealed = self
            .cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plaintext,
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| ApiError::internal("sealing failed"))?;
        let mut out = Vec::with_capacity(NONCE_BYTES + sealed.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// The plaintext of [`DataKey::encrypt`]'s output for the same `context`.
    fn decrypt(&self, bytes: &[u8], context: &str) -> ApiResult<Vec<u8>> {
        if bytes.len() < NONCE_BYTES {
            return Err(ApiError::internal("sealed value too short"));
        }
        let (nonce, sealed) = bytes.split_at(NONCE_BYTES);
        self.cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| {
                ApiError::internal(
                    "a sealed value does not open: wrong YIDI_DATA_KEY, or moved to another row",
                )
            })
    }

    /// `plaintext` sealed and bound to `context` (the row it belongs to).
    pub fn seal(&self, plaintext: &str, context: &str) -> ApiResult<String> {
        let sealed = self.encrypt(plaintext.as_bytes(), context)?;
        let mut out = String::with_capacity(PREFIX.len() + 2 * sealed.len());
        out.push_str(PREFIX);
        out.push_str(&hex::encode(sealed));
        Ok(out)
    }

    /// Binary `plaintext` (an attachment's bytes) sealed for a binary column: a version byte,
    /// then nonce ‖ ciphertext ‖ tag, 41 bytes more than the plaintext.
    pub fn seal_bytes(&self, plaintext: &[u8], context: &str) -> ApiResult<Vec<u8>> {
        let mut out = vec![BINARY_VERSION];
        out.extend_from_slice(&self.encrypt(plaintext, context)?);
        Ok(out)
    }

    /// The plaintext of a value [`DataKey::seal_bytes`] sealed for `context`.
    pub fn open_bytes(&self, stored: &[u8], context: &str) -> ApiResult<Vec<u8>> {
        match stored.split_first() {
            Some((&BINARY_VERSION, sealed)) => self.decrypt(sealed, context),
            _ => Err(ApiError::internal("stored bytes are not sealed")),
        }
    }

    /// The plaintext of a value [`DataKey::seal`]ed for `context`; a plain JSON value (written
    /// before sealing existed) is returned as it is.
    pub fn open(&self, stored: &str, context: &str) -> ApiResult<String> {
        let Some(body) = stored.strip_prefix(PREFIX) else {
            if stored.starts_with('{') {
                return Ok(stored.to_owned());
            }
            return Err(ApiError::internal(
                "stored value is neither sealed nor JSON",
            ));
        };
        let bytes = hex::decode(body).map_err(|_| ApiError::internal("sealed value is not hex"))?;
        let plain = self.decrypt(&bytes, context)?;
        String::from_utf8(plain).map_err(ApiError::internal)
    }
}

static KEY: OnceLock<DataKey> = OnceLock::new();

/// Sets the process's data key. A second call keeps the first key and returns `false` unless
/// it is the same key (the tests' harness installs one key for every test).
pub fn install(key: DataKey) -> bool {
    let probe = key.seal("probe", "install").ok();
    let installed = KEY.get_or_init(|| key);
    probe.is_some_and(|p| installed.open(&p, "install").is_ok())
}

fn key() -> ApiResult<&'static DataKey> {
    KEY.get()
        .ok_or_else(|| ApiError::internal("no data key installed (YIDI_DATA_KEY)"))
}

/// Seals with the installed key.
pub fn seal(plaintext: &str, context: &str) -> ApiResult<String> {
    key()?.seal(plaintext, context)
}

/// Opens with the installed key.
pub fn open(stored: &str, context: &str) -> ApiResult<String> {
    key()?.open(stored, context)
}

/// Seals bytes with the installed key.
pub fn seal_bytes(plaintext: &[u8], context: &str) -> ApiResult<Vec<u8>> {
    key()?.seal_bytes(plaintext, context)
}

/// Opens bytes with the installed key.
pub fn open_bytes(stored: &[u8], context: &str) -> ApiResult<Vec<u8>> {
    key()?.open_bytes(stored, context)
}

/// A filing row as read from the database, its application opened.
pub fn open_filing(mut row: FilingRow) -> ApiResult<FilingRow> {
    row.application = open(&row.application, &row.id)?;
    Ok(row)
}

/// The context an idempotency record's response is bound to.
pub fn response_context(user_id: &str, key: &str) -> String {
    format!("{user_id}\u{0}{key}")
}

/// Start-up: checks that the key opens what the database holds (a wrong key stops the start
/// instead of failing every request), then seals rows written before sealing existed.
pub async fn seal_existing(db: &Db) -> Result<(), String> {
    let fail = |e: ApiError| format!("{e:?}");
    let sample: Option<(String, String)> =
        sqlx::query_as("SELECT id, application FROM filings WHERE application LIKE 'v1:%' LIMIT 1")
            .fetch_optional(&db.read)
            .await
            .map_err(|e| e.to_string())?;
    if let Some((id, sealed)) = sample {
        open(&sealed, &id).map_err(|_| {
            "YIDI_DATA_KEY 与数据库中的数据不匹配（密钥错误？）(the data key does not open this \
             database's data)"
                .to_owned()
        })?;
    }
    let plain: Vec<(String, String)> =
        sqlx::query_as("SELECT id, application FROM filings WHERE application LIKE '{%'")
            .fetch_all(&db.read)
            .await
            .map_err(|e| e.to_string())?;
    for (id, application) in plain {
        sqlx::query("UPDATE filings SET application = $1 WHERE id = $2")
            .bind(seal(&application, &id).map_err(fail)?)
            .bind(&id)
            .execute(&db.write)
            .await
            .map_err(|e| e.to_string())?;
    }
    let plain: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT user_id, idem_key, response FROM idempotency_keys WHERE response LIKE '{%'",
    )
    .fetch_all(&db.read)
    .await
    .map_err(|e| e.to_string())?;
    for (user, idem_key, response) in plain {
        let sealed = seal(&response, &response_context(&user, &idem_key)).map_err(fail)?;
        sqlx::query(
            "UPDATE idempotency_keys SET response = $1 WHERE user_id = $2 AND idem_key = $3",
        )
        .bind(sealed)
        .bind(&user)
        .bind(&idem_key)
        .execute(&db.write)
        .await
        .map_err(|e| e.to_string())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> DataKey {
        DataKey::from_hex(&hex::encode([byte; 32])).unwrap()
    }

    #[test]
    fn seals_and_opens_bound_to_the_row() {
        let k = key(7);
        let text = r#"{"id_number":"11010519491231002X"}"#;
        let sealed = k.seal(text, "filing-1").unwrap();
        assert!(sealed.starts_with("v1:"));
        assert!(!sealed.contains("11010519491231002X"));
        assert_eq!(k.open(&sealed, "filing-1").unwrap(), text);
        // Another row, another key, a flipped bit: none opens.
        assert!(k.open(&sealed, "filing-2").is_err());
        assert!(key(8).open(&sealed, "filing-1").is_err());
        let mut bytes = sealed.into_bytes();
        let last = bytes.len() - 1;
        bytes[last] = if bytes[last] == b'0' { b'1' } else { b'0' };
        assert!(
            k.open(&String::from_utf8(bytes).unwrap(), "filing-1")
                .is_err()
        );
        // Two seals of one text differ (random nonces).
        assert_ne!(k.seal(text, "a").unwrap(), k.seal(text, "a").unwrap());
    }

    #[test]
    fn bytes_seal_bound_to_their_row() {
        let k = key(3);
        let photo = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0xFF, 0xD9];
        let sealed = k.seal_bytes(&photo, "att-1").unwrap();
        assert_eq!(sealed.len(), photo.len() + 41);
        assert!(!sealed.windows(4).any(|w| w == &photo[..4]));
        assert_eq!(k.open_bytes(&sealed, "att-1").unwrap(), photo);
        assert!(k.open_bytes(&sealed, "att-2").is_err());
        assert!(k.open_bytes(&photo, "att-1").is_err());
    }

    #[test]
    fn plain_json_from_before_sealing_is_read() {
        assert_eq!(key(1).open(r#"{"a":1}"#, "x").unwrap(), r#"{"a":1}"#);
        assert!(key(1).open("garbage", "x").is_err());
    }

    #[test]
    fn key_must_be_64_hex_digits() {
        assert!(DataKey::from_hex("abc").is_err());
        assert!(DataKey::from_hex(&"g".repeat(64)).is_err());
        assert!(DataKey::from_hex(&"ab".repeat(32)).is_ok());
    }
}
