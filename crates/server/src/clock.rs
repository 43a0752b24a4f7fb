//! Time: a `Clock` the handlers ask for "now" (tests move it by hand), RFC 3339 rendering, and
//! today's civil date in China (UTC+8), which is what filing dates are compared with.

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
/// China Standard Time has no daylight saving: always UTC+8.
const CHINA_OFFSET_MS: i64 = 8 * 3_600_000;

/// (year, month, day) of the proleptic Gregorian calendar for a count of days since 1970-01-01
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `2026-11-26T10:39:19.123Z`.
pub fn rfc3339(ms: i64) -> String {
    let days = ms.div_euclid(MS_PER_DAY);
    let in_day = ms.rem_euclid(MS_PER_DAY);
    let (y, mo, d) = civil_from_days(days);
    let (h, rest) = (in_day / 3_600_000, in_day % 3_600_000);
    let (mi, rest) = (rest / 60_000, rest % 60_000);
    let (s, milli) = (rest / 1000, rest % 1000);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{milli:03}Z")
}

/// Today's date in China (UTC+8) at the instant `ms`.
pub fn china_today(ms: i64) -> CivilDate {
    china_date_plus(ms, 0)
}

/// The date in China `days` days after the instant `ms` (tests use it to make future dates).
pub fn china_date_plus(ms: i64, days: i64) -> CivilDate {
    let (y, m, d) = civil_from_days((ms + CHINA_OFFSET_MS).div_euclid(MS_PER_DAY) + days);
    CivilDate::new(y as u16, m as u8, d as u8).expect("the calendar arithmetic yields real dates")
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

    #[test]
    fn china_date_turns_at_16_utc() {
        // 2026-11-26T15:59:59Z is 23:59:59 in Beijing; one second later it is the 27th.
        let before = 1_795_708_799_000;
        assert_eq!(china_today(before).to_string(), "2026-11-26");
        assert_eq!(china_today(before + 1000).to_string(), "2026-11-27");
    }
}
