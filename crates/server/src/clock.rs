//! Time: a `Clock` the handlers ask for "now" (tests move it by hand), RFC 3339 rendering, and
//! today's civil date in China (UTC+8, core's `china_today`), which is what filing dates are
//! compared with.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use yidi_core::date::CivilDate;

/// Milliseconds since the Unix epoch.
pub trait Clock: Send + Sync + 'static {
    fn now_ms(&self) -> i64;
}

/// The system clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> i64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0)
    }
}

/// A clock that only moves when told to (tests: code expiry, daily limits).
pub struct ManualClock(AtomicI64);

impl ManualClock {
    pub fn new(start_ms: i64) -> Self {
        ManualClock(AtomicI64::new(start_ms))
    }
    pub fn advance_secs(&self, secs: i64) {
        self.0.fetch_add(secs * 1000, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now_ms(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

const MS_PER_DAY: i64 = 86_400_000;

pub use yidi_core::date::china_today;

/// `2026-11-26T10:39:19.123Z` (a date outside years 1–9999 is clamped to them).
pub fn rfc3339(ms: i64) -> String {
    let days = ms.div_euclid(MS_PER_DAY);
    let in_day = ms.rem_euclid(MS_PER_DAY);
    let date = CivilDate::from_unix_days(days).unwrap_or(if days < 0 {
        CivilDate::MIN
    } else {
        CivilDate::MAX
    });
    let (h, rest) = (in_day / 3_600_000, in_day % 3_600_000);
    let (mi, rest) = (rest / 60_000, rest % 60_000);
    let (s, milli) = (rest / 1000, rest % 1000);
    format!("{date}T{h:02}:{mi:02}:{s:02}.{milli:03}Z")
}

/// The date in China `days` days after the instant `ms` (tests use it to make future dates).
pub fn china_date_plus(ms: i64, days: i64) -> CivilDate {
    china_today(ms.saturating_add(days.saturating_mul(MS_PER_DAY)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_rfc3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(rfc3339(1_795_684_759_123), "2026-11-26T09:19:19.123Z");
        assert_eq!(rfc3339(951_782_400_000), "2000-02-29T00:00:00.000Z");
    }
}
