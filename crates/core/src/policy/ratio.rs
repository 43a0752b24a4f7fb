//! Shares and percentage points as exact decimals, written as JSON strings like money
//! (`"0.85"`, `"10"`): a ratio parsed from a binary float could not be trusted to the fen.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::error::CoreError;
use crate::quoted::{clip, quoted_serde};

/// A share in [0, 1] with at most six decimals: a band's 支付比例, a class's 先行自付 share, a
/// filing multiplier (苏州's ×0.8). Six decimals cover every published figure (北京 退休 96.1%
/// is `0.961`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ratio(Decimal);

/// Percentage points in [0, 100] with at most two decimals, as in "降低10个百分点".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Points(Decimal);

impl Ratio {
    pub const ZERO: Ratio = Ratio(Decimal::ZERO);
    pub const ONE: Ratio = Ratio(Decimal::ONE);

    pub fn parse(text: &str) -> Result<Ratio, CoreError> {
        parse_bounded(
            text,
            6,
            Decimal::ONE,
            "ratio",
            "比例应在 0 到 1 之间，如 \"0.85\"",
        )
        .map(Ratio)
    }

    pub fn value(self) -> Decimal {
        self.0
    }
}

impl Points {
    pub fn parse(text: &str) -> Result<Points, CoreError> {
        parse_bounded(
            text,
            2,
            Decimal::ONE_HUNDRED,
            "points",
            "百分点应在 0 到 100 之间，如 \"10\"",
        )
        .map(Points)
    }

    pub fn value(self) -> Decimal {
        self.0
    }

    /// As a share: 10 points → 0.10.
    pub fn as_share(self) -> Decimal {
        self.0 / Decimal::ONE_HUNDRED
    }
}

/// Digits with an optional fraction, at most `max_dp` decimals, in `[0, max]`. Error codes are
/// `{kind}_invalid`, `{kind}_too_precise` and `{kind}_out_of_range`.
fn parse_bounded(
    text: &str,
    max_dp: usize,
    max: Decimal,
    kind: &str,
    range_message: &str,
) -> Result<Decimal, CoreError> {
    let out_of_range = || CoreError::new(&format!("{kind}_out_of_range"), range_message);
    let body = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || (body.contains('.') && !digits(fraction)) {
        return Err(CoreError::new(
            &format!("{kind}_invalid"),
            format!("格式不正确：\"{}\"。{range_message}", clip(text)),
        ));
    }
    if text.starts_with('-') || whole.trim_start_matches('0').len() > 3 {
        return Err(out_of_range());
    }
    if fraction.len() > max_dp {
        return Err(CoreError::new(
            &format!("{kind}_too_precise"),
            format!("最多保留 {max_dp} 位小数"),
        ));
    }
    let value = Decimal::from_str(body).map_err(|_| out_of_range())?;
    if value > max {
        return Err(out_of_range());
    }
    Ok(value)
}

/// Ratios and points are shown without trailing zeros (`0.961`, `10`), as policy documents write
/// them, and travel as quoted JSON strings.
macro_rules! string_serde {
    ($ty:ident, $kind:literal) => {
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0.normalize(), f)
            }
        }

        quoted_serde!(
            $ty,
            expecting: "a decimal as a string",
            unquoted: (
                concat!($kind, "_not_string"),
                "比例和百分点须写成字符串（带引号），例如 \"0.85\"",
            ),
        );
    };
}

string_serde!(Ratio, "ratio");
string_serde!(Points, "points");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_stay_in_unit_interval() {
        assert_eq!(Ratio::parse("0.9610").unwrap().to_string(), "0.961");
        assert_eq!(Ratio::parse("1").unwrap(), Ratio::ONE);
        for (text, code) in [
            ("1.01", "ratio_out_of_range"),
            ("-0.1", "ratio_out_of_range"),
            ("85%", "ratio_invalid"),
            ("0.1234567", "ratio_too_precise"),
            ("123456", "ratio_out_of_range"),
        ] {
            assert_eq!(Ratio::parse(text).unwrap_err().code, code, "{text}");
        }
    }

    #[test]
    fn points_stay_within_a_hundred() {
        assert_eq!(
            Points::parse("10")
                .unwrap()
                .as_share()
                .normalize()
                .to_string(),
            "0.1"
        );
        assert_eq!(
            Points::parse("100.5").unwrap_err().code,
            "points_out_of_range"
        );
        let err = serde_json::from_str::<Points>("10")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("points_not_string"), "{err}");
    }
}
