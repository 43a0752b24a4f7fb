//! Instants as the person reads them, on the phone's own clock: one formatter for every time the
//! app shows (submitted at, history, autosave). Calendar dates (`CivilDate`) print themselves.

use js_sys::Date;

/// `2026-11-26 19:05` in the phone's time zone; the input itself if it is not an instant.
pub fn local_time(rfc3339: &str) -> String {
    let d = Date::new(&rfc3339.into());
    if d.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    date_and_time(&d)
}

/// As [`local_time`], from milliseconds since the epoch.
pub fn local_time_ms(ms: f64) -> String {
    date_and_time(&Date::new(&ms.into()))
}

/// The time of day now, to the second: `19:05:07`.
pub fn clock_now() -> String {
    let d = Date::new_0();
    format!("{}:{:02}", hour_minute(&d), d.get_seconds())
}

fn date_and_time(d: &Date) -> String {
    format!(
        "{}-{:02}-{:02} {}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        hour_minute(d)
    )
}

fn hour_minute(d: &Date) -> String {
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}
