//! Percent as people type it, ratio as policies write it: the custom-policy form asks "支付比例
//! 85%" and the estimate wants `0.85`. The conversion is exact (decimal, never a float).

use crate::error::CoreError;
use crate::policy::{Points, Ratio};

/// `"85"`, `"96.1"` or `"85%"` → the ratio `0.85` / `0.961`. At most two decimals of a percent,
/// 0 to 100; code `percent_invalid` otherwise.
pub fn ratio_from_percent(text: &str) -> Result<Ratio, CoreError> {
    let invalid = || {
        CoreError::new(
            "percent_invalid",
            format!(
                "“{}”不是 0 到 100 之间的百分数，请填写如 85 或 96.1（最多两位小数）",
                text.trim().chars().take(24).collect::<String>()
            ),
        )
    };
    let number = text.trim();
    let number = number.strip_suffix('%').unwrap_or(number).trim_end();
    let points = Points::parse(number).map_err(|_| invalid())?;
    Ratio::parse(&points.as_share().normalize().to_string()).map_err(|_| invalid())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percents_become_exact_ratios() {
        for (percent, ratio) in [
            ("85", "0.85"),
            ("96.1", "0.961"),
            (" 85% ", "0.85"),
            ("100", "1"),
            ("0", "0"),
            ("12.34", "0.1234"),
        ] {
            assert_eq!(ratio_from_percent(percent).unwrap().to_string(), ratio);
        }
        for bad in ["", "abc", "100.5", "-5", "85.123", "0.85.1", "85%%"] {
            assert_eq!(
                ratio_from_percent(bad).unwrap_err().code,
                "percent_invalid",
                "{bad}"
            );
        }
    }
}
