//! The browser's clock, read here only: `yidi_core` takes today's date as an argument.

use yidi_core::date::CivilDate;

/// Today in the browser's local time zone.
pub fn today() -> CivilDate {
    let d = js_sys::Date::new_0();
    CivilDate::new(
        d.get_full_year() as u16,
        (d.get_month() + 1) as u8,
        d.get_date() as u8,
    )
    .unwrap_or_else(|| CivilDate::new(2026, 1, 1).expect("valid date"))
}

/// `YYYY-MM-DD` of today.
pub fn today_iso() -> String {
    let d = today();
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}
