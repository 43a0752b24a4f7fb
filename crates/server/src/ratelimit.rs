//! In-memory per-IP limits for the sign-in endpoints (fixed windows). Per-phone limits live in
//! the database (they must hold across restarts and across servers sharing PostgreSQL).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

use crate::error::ApiError;

/// What an IP may do in a window.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub max: u32,
    pub window_ms: i64,
}

/// Code requests per IP. Generous, because many people share one address (mobile carriers' NAT,
/// offices, a hospital's Wi-Fi) and the per-phone limits are the real guard; low enough to stop
/// one machine spraying SMS at many numbers.
pub const CODE_REQUESTS_PER_IP: Limit = Limit {
    max: 100,
    window_ms: 3_600_000,
};
/// Sign-in attempts per IP (each phone's code also burns after 5 misses).
pub const SIGN_INS_PER_IP: Limit = Limit {
    max: 300,
    window_ms: 600_000,
};

/// (kind, ip) → (window start, count).
type Windows = HashMap<(&'static str, IpAddr), (i64, u32)>;

#[derive(Default)]
pub struct IpLimiter {
    windows: Mutex<Windows>,
}

impl IpLimiter {
    /// Counts one request of `kind` from `ip` at `now_ms`, or says how long to wait.
    pub fn check(
        &self,
        kind: &'static str,
        ip: Option<IpAddr>,
        limit: Limit,
        now_ms: i64,
    ) -> Result<(), ApiError> {
        let Some(ip) = ip else { return Ok(()) };
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        if windows.len() > 100_000 {
            windows.retain(|_, (start, _)| now_ms - *start < limit.window_ms);
        }
        let entry = windows.entry((kind, ip)).or_insert((now_ms, 0));
        if now_ms - entry.0 >= limit.window_ms {
            *entry = (now_ms, 0);
        }
        if entry.1 >= limit.max {
            let wait_ms = entry.0 + limit.window_ms - now_ms;
            return Err(ApiError::RateLimited {
                retry_after_secs: (wait_ms as u64).div_ceil(1000),
            });
        }
        entry.1 += 1;
        Ok(())
    }
}
