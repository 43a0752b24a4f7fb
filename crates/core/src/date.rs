//! Civil (calendar) dates: a filing's start and end, a birth date in an ID number.
//!
//! No clock: "today" is always an argument, so the same rules give the same answer in the
//! browser, on the server and in tests. The one time zone is China's ([`china_today`]): filing
//! dates are dates in China, whatever the clock of the phone or server that reads them. Written here rather than pulled from
//! `chrono` to keep the wasm small; proleptic Gregorian calendar, years 1–9999.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::CoreError;

/// A real calendar day. Ordered chronologically; serialised as `"YYYY-MM-DD"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilDate {
    // Field order matters: the derived `Ord` compares year, then month, then day.
    year: u16,
    month: u8,
    day: u8,
}

impl CivilDate {
    /// The date, if it exists in the calendar (`2023-02-29` does not).
    pub fn new(year: u16, month: u8, day: u8) -> Option<CivilDate> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(CivilDate { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD` (ten characters, zero-padded), the form HTML date inputs and
    /// our JSON use. Codes: `date_format` for the shape, `date_invalid` for a day that does not
    /// exist.
    pub fn parse(s: &str) -> Result<CivilDate, CoreError> {
        let b = s.as_bytes();
        let shaped = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shaped {
            return Err(CoreError::new(
                "date_format",
                "日期格式不对，请按“年-月-日”填写，例如 2026-12-01",
            ));
        }
        let num = |r: std::ops::Range<usize>| -> u16 {
            b[r].iter().fold(0, |n, c| n * 10 + u16::from(c - b'0'))
        };
        let (month, day) = (num(5..7) as u8, num(8..10) as u8);
        CivilDate::new(num(0..4), month, day).ok_or_else(|| {
            CoreError::new(
                "date_invalid",
                "这个日期不存在，请核对年、月、日（例如 2 月没有 30 日）",
            )
        })
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// The same day `months` months later (or earlier, if negative). A day that the target month
    /// lacks is clamped to its last day: 2024-01-31 + 1 month = 2024-02-29. `None` outside
    /// years 1–9999.
    pub fn add_months(self, months: i32) -> Option<CivilDate> {
        let index = i64::from(self.year) * 12 + i64::from(self.month - 1) + i64::from(months);
        let year = u16::try_from(index.div_euclid(12)).ok()?;
        let month = index.rem_euclid(12) as u8 + 1;
        if !(1..=9999).contains(&year) {
            return None;
        }
        let day = self.day.min(days_in_month(year, month));
        CivilDate::new(year, month, day)
    }

    /// The day before; `None` before 0001-01-01.
    pub fn pred(self) -> Option<CivilDate> {
        if self.day > 1 {
            return Some(CivilDate {
                day: self.day - 1,
                ..self
            });
        }
        if self.month > 1 {
            let month = self.month - 1;
            return CivilDate::new(self.year, month, days_in_month(self.year, month));
        }
        CivilDate::new(self.year.checked_sub(1)?, 12, 31)
    }
}

/// China Standard Time: UTC+8 all year, no daylight saving.
const CHINA_OFFSET_MS: i64 = 8 * 3_600_000;
const MS_PER_DAY: i64 = 86_400_000;

/// Today's date in China (UTC+8) at the instant `unix_ms` (milliseconds since 1970-01-01 UTC).
/// The browser and the server both ask this, from their own clocks, so a phone abroad or a tab
/// open at midnight agrees with the server about which day it is. Instants outside years
/// 1–9999 give the nearest end of that range.
pub fn china_today(unix_ms: i64) -> CivilDate {
    let days = unix_ms
        .saturating_add(CHINA_OFFSET_MS)
        .div_euclid(MS_PER_DAY);
    CivilDate::from_unix_days(days).unwrap_or(if days < 0 {
        CivilDate::MIN
    } else {
        CivilDate::MAX
    })
}

impl CivilDate {
    pub const MIN: CivilDate = CivilDate {
        year: 1,
        month: 1,
        day: 1,
    };
    pub const MAX: CivilDate = CivilDate {
        year: 9999,
        month: 12,
        day: 31,
    };

    /// The date `days` days after 1970-01-01 (before it, if negative), by Howard Hinnant's
    /// `civil_from_days`; `None` outside years 1–9999.
    pub fn from_unix_days(days: i64) -> Option<CivilDate> {
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        CivilDate::new(u16::try_from(year).ok()?, month, day)
    }
}

/// Gregorian leap years: every fourth year, except centuries not divisible by 400.
pub fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for CivilDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for CivilDate {
    type Err = CoreError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CivilDate::parse(s)
    }
}

impl Serialize for CivilDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for CivilDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        CivilDate::parse(&s).map_err(CoreError::into_serde)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A date written as in the rules' examples; core's unit tests share it.
    pub(crate) fn d(s: &str) -> CivilDate {
        CivilDate::parse(s).unwrap()
    }

    #[test]
    fn parses_real_dates_only() {
        assert_eq!(d("2024-02-29").to_string(), "2024-02-29");
        assert_eq!(d("2000-02-29").day(), 29);
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "2024-04-31",
            "2024-13-01",
            "2024-00-10",
        ] {
            assert_eq!(
                CivilDate::parse(bad).unwrap_err().code,
                "date_invalid",
                "{bad}"
            );
        }
        for bad in [
            "2024-2-29",
            "20240229",
            "2024/02/29",
            " 2024-02-29",
            "２０２４-02-29",
            "",
        ] {
            assert_eq!(
                CivilDate::parse(bad).unwrap_err().code,
                "date_format",
                "{bad}"
            );
        }
        assert_eq!(
            CivilDate::parse("0000-01-01").unwrap_err().code,
            "date_invalid"
        );
    }

    #[test]
    fn orders_chronologically() {
        assert!(d("2024-12-31") < d("2025-01-01"));
        assert!(d("2025-01-02") > d("2025-01-01"));
        assert!(d("2025-02-01") > d("2025-01-31"));
    }

    #[test]
    fn add_months_clamps_to_month_end() {
        assert_eq!(d("2024-01-31").add_months(1), Some(d("2024-02-29")));
        assert_eq!(d("2023-01-31").add_months(1), Some(d("2023-02-28")));
        assert_eq!(d("2026-12-01").add_months(6), Some(d("2027-06-01")));
        assert_eq!(d("2026-03-31").add_months(-1), Some(d("2026-02-28")));
        assert_eq!(d("2026-01-15").add_months(-13), Some(d("2024-12-15")));
        assert_eq!(d("9999-12-01").add_months(1), None);
        assert_eq!(d("0001-01-01").add_months(-1), None);
    }

    #[test]
    fn pred_crosses_months_and_years() {
        assert_eq!(d("2024-03-01").pred(), Some(d("2024-02-29")));
        assert_eq!(d("2025-01-01").pred(), Some(d("2024-12-31")));
        assert_eq!(d("2025-05-10").pred(), Some(d("2025-05-09")));
        assert_eq!(d("0001-01-01").pred(), None);
    }

    #[test]
    fn china_today_turns_at_16_utc() {
        // 2026-11-26T15:59:59Z is 23:59:59 in Beijing; one second later it is the 27th.
        let before = 1_795_708_799_000;
        assert_eq!(china_today(before), d("2026-11-26"));
        assert_eq!(china_today(before + 1000), d("2026-11-27"));
        // 09:00 on 26 November in Los Angeles (UTC-8) is already the 27th in China.
        assert_eq!(china_today(1_795_708_800_000 + 3_600_000), d("2026-11-27"));
        assert_eq!(china_today(0), d("1970-01-01"));
        assert_eq!(china_today(i64::MAX), CivilDate::MAX);
        assert_eq!(china_today(i64::MIN), CivilDate::MIN);
    }

    #[test]
    fn unix_days_cover_leap_days_and_the_ends() {
        assert_eq!(CivilDate::from_unix_days(0), Some(d("1970-01-01")));
        assert_eq!(CivilDate::from_unix_days(11_016), Some(d("2000-02-29")));
        assert_eq!(CivilDate::from_unix_days(-1), Some(d("1969-12-31")));
        assert_eq!(CivilDate::from_unix_days(-719_162), Some(CivilDate::MIN));
        assert_eq!(CivilDate::from_unix_days(-719_163), None);
        assert_eq!(CivilDate::from_unix_days(2_932_896), Some(CivilDate::MAX));
        assert_eq!(CivilDate::from_unix_days(2_932_897), None);
    }

    #[test]
    fn serde_uses_the_string_form() {
        let json = serde_json::to_string(&d("2026-12-01")).unwrap();
        assert_eq!(json, "\"2026-12-01\"");
        assert_eq!(
            serde_json::from_str::<CivilDate>(&json).unwrap(),
            d("2026-12-01")
        );
        assert!(serde_json::from_str::<CivilDate>("\"2026-02-30\"").is_err());
        assert!(serde_json::from_str::<CivilDate>("20261201").is_err());
    }
}
