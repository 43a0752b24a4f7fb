//! Mainland mobile numbers.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::error::CoreError;

/// An 11-digit mainland mobile number starting 13–19 (common practice; the operators' number
/// blocks all lie there). Spaces and hyphens people type as separators are dropped, and so is a
/// leading `+86`; full-width digits read as digits. `Debug` shows the masked form.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Phone(String);

impl Phone {
    /// Code: `phone_format`.
    pub fn parse(input: &str) -> Result<Phone, CoreError> {
        let compact: String = super::half_width(input)
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '-'))
            .collect();
        let digits = compact.strip_prefix("+86").unwrap_or(&compact);
        let b = digits.as_bytes();
        let valid = b.len() == 11
            && b.iter().all(u8::is_ascii_digit)
            && b[0] == b'1'
            && (b'3'..=b'9').contains(&b[1]);
        if valid {
            Ok(Phone(digits.to_owned()))
        } else {
            Err(CoreError::new(
                "phone_format",
                "手机号应为 1 开头的 11 位数字，请核对后重新输入",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `138****8000`: enough for the person to recognise, not enough to call.
    pub fn masked(&self) -> String {
        format!("{}****{}", &self.0[..3], &self.0[7..])
    }
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Phone").field(&self.masked()).finish()
    }
}

impl Serialize for Phone {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_mobile_numbers_with_separators() {
        for ok in [
            "13800138000",
            " 138 0013 8000 ",
            "138-0013-8000",
            "+8619912345678",
        ] {
            assert!(Phone::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            Phone::parse("+86 138 0013 8000").unwrap().as_str(),
            "13800138000"
        );
    }

    #[test]
    fn reads_full_width_digits() {
        let p = Phone::parse("１３８００１３８０００").unwrap();
        assert_eq!(p.as_str(), "13800138000");
    }

    #[test]
    fn refuses_other_shapes() {
        for bad in [
            "",
            "1380013800",
            "138001380001",
            "12800138000",
            "23800138000",
            "1380013800a",
        ] {
            assert_eq!(Phone::parse(bad).unwrap_err().code, "phone_format", "{bad}");
        }
    }

    #[test]
    fn masks_the_middle() {
        let p = Phone::parse("13800138000").unwrap();
        assert_eq!(p.masked(), "138****8000");
        assert!(!format!("{p:?}").contains("13800138000"));
    }
}
