//! Money as exact decimal yuan. Never f64.
//!
//! At the JSON edge an amount is a string such as `"1234.5"` (the estimate contract: "numbers in
//! money fields are rejected"), non-negative, at most two decimals (the fen is the smallest unit a
//! hospital bill shows) and at most ¥10,000,000,000 (far above any bill; it also keeps every
//! product of the estimator inside `Decimal`'s 28 digits).

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::CoreError;
use crate::quoted::{clip, quoted_serde};

/// An amount of yuan, exact, serialised as a JSON string with two decimals such as `"1234.50"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(Decimal);

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// The largest amount accepted from input: ¥10,000,000,000.
    pub const MAX: Money = Money(Decimal::from_parts(1_410_065_408, 2, 0, false, 0));

    pub fn new(value: Decimal) -> Self {
        Money(value)
    }

    pub fn value(self) -> Decimal {
        self.0
    }

    /// Parses user input: digits with an optional fraction of one or two digits.
    pub fn parse(text: &str) -> Result<Money, CoreError> {
        if text.starts_with('-') {
            return Err(CoreError::new("money_negative", "金额不能为负数"));
        }
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || (text.contains('.') && !digits(fraction)) {
            return Err(CoreError::new(
                "money_invalid",
                format!(
                    "金额格式不正确：\"{}\"，应写成如 \"1234.50\" 的数字",
                    clip(text)
                ),
            ));
        }
        if fraction.len() > 2 {
            return Err(CoreError::new(
                "money_too_precise",
                "金额最多保留两位小数（到分）",
            ));
        }
        let too_large = || CoreError::new("money_too_large", "金额不能超过 10,000,000,000 元");
        if whole.trim_start_matches('0').len() > 11 {
            return Err(too_large());
        }
        let value = Decimal::from_str(text).map_err(|_| {
            CoreError::new(
                "money_invalid",
                "金额格式不正确，应写成如 \"1234.50\" 的数字",
            )
        })?;
        let money = Money(value);
        if money > Money::MAX {
            return Err(too_large());
        }
        Ok(money)
    }

    /// Rounds to the fen, half away from zero (四舍五入), as the settlement rule says
    /// (`domain.md`, "The estimate": the fund amount is rounded once, to the fen).
    pub fn to_fen(self) -> Money {
        // Nearly every amount already has two decimals or fewer: no rounding to do.
        if self.0.scale() <= 2 {
            return self;
        }
        Money(
            self.0
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
        )
    }

    /// The amount in fen, rounded as `to_fen` does.
    fn fen(self) -> i128 {
        let d = self.to_fen().0;
        d.mantissa() * 10_i128.pow(2 - d.scale())
    }

    /// Two decimals, e.g. `"1234.50"`.
    pub fn display(self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Money {
    /// Yuan and fen from the integer count of fen: several times faster than `Decimal`'s own
    /// formatting, which matters because every step of an estimate shows several amounts.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fen = self.fen();
        let sign = if fen < 0 { "-" } else { "" };
        let fen = fen.unsigned_abs();
        match u64::try_from(fen) {
            Ok(fen) => write!(f, "{sign}{}.{:02}", fen / 100, fen % 100),
            Err(_) => write!(f, "{sign}{}.{:02}", fen / 100, fen % 100),
        }
    }
}

quoted_serde!(
    Money,
    expecting: "an amount as a string such as \"1234.50\"",
    unquoted: ("money_not_string", "金额须写成字符串（带引号），例如 \"1234.50\""),
);

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> String {
        Money::parse(text).unwrap_err().code
    }

    #[test]
    fn parses_plain_amounts() {
        assert_eq!(Money::parse("1234.5").unwrap().display(), "1234.50");
        assert_eq!(Money::parse("0.10").unwrap().display(), "0.10");
        assert_eq!(Money::parse("007").unwrap().display(), "7.00");
        assert_eq!(Money::parse("10000000000").unwrap(), Money::MAX);
    }

    #[test]
    fn rejects_bad_amounts() {
        assert_eq!(code("-1"), "money_negative");
        assert_eq!(code("1.005"), "money_too_precise");
        assert_eq!(code("10000000000.01"), "money_too_large");
        assert_eq!(code("99999999999999999999999999999999"), "money_too_large");
        for bad in ["", "1e5", "1.", ".5", "1,000", " 1", "+1", "NaN", "１"] {
            assert_eq!(code(bad), "money_invalid", "{bad:?}");
        }
    }

    #[test]
    fn json_takes_strings_only() {
        let err = serde_json::from_str::<Money>("12").unwrap_err().to_string();
        assert!(err.starts_with("money_not_string"), "{err}");
        let ok: Money = serde_json::from_str("\"12\"").unwrap();
        assert_eq!(serde_json::to_string(&ok).unwrap(), "\"12.00\"");
    }

    #[test]
    fn rounds_half_away_from_zero_once() {
        let m = Money::new(Decimal::from_str("0.125").unwrap());
        assert_eq!(m.to_fen().display(), "0.13");
        let m = Money::new(Decimal::from_str("0.1249").unwrap());
        assert_eq!(m.display(), "0.12");
        let m = Money::new(Decimal::from_str("-1234.005").unwrap());
        assert_eq!(m.display(), "-1234.01");
        assert_eq!(Money::new(Decimal::from(7)).display(), "7.00");
    }
}
