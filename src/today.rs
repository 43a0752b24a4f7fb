//! The browser's clock, read here only: `yidi_core` takes today's date as an argument.

use yidi_core::date::{CivilDate, china_today};

/// Today in China, from the browser's clock: the same day the server uses to check filing dates,
/// whatever the phone's time zone (a phone abroad, or set to another zone, would otherwise
/// disagree near midnight).
pub fn today() -> CivilDate {
    china_today(js_sys::Date::now() as i64)
}
