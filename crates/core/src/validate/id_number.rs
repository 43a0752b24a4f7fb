//! The 18-character resident identity number of GB 11643-1999 (公民身份号码).

use std::fmt;

use serde::{Serialize, Serializer};

use crate::date::CivilDate;
use crate::error::CoreError;
use crate::region;

/// Weights of the first 17 digits (GB 11643-1999, ISO 7064 MOD 11-2).
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// The check character for each value of the weighted sum mod 11.
const CHECK_CHARS: &[u8; 11] = b"10X98765432";
/// Earliest birth year accepted. The standard's own worked example, 440524188001010014, was born
/// in 1880, so the bound sits well before it rather than at 1900.
pub const MIN_BIRTH_YEAR: u16 = 1850;

/// A resident ID number that passed every check: 18 characters, GB 11643 check character, a
/// known province prefix, a real birth date between [`MIN_BIRTH_YEAR`] and today. A lowercase
/// `x` is normalised to `X`.
///
/// `Debug` shows the masked form, so an ID number never lands in a log by accident; use
/// [`IdNumber::as_str`] where the full number is really needed.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct IdNumber {
    number: String,
    birth: CivilDate,
}

/// 性别, from the parity of the sequence code (odd: male).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

impl IdNumber {
    /// Parses input as typed; surrounding spaces are ignored and full-width digits read as
    /// digits. Checks run from the shape to the
    /// meaning, the check character early because a mistyped digit is the commonest mistake.
    /// Codes: `id_length`, `id_format`, `id_checksum`, `id_region`, `id_birth_date`,
    /// `id_future_birth`.
    pub fn parse(input: &str, today: CivilDate) -> Result<IdNumber, CoreError> {
        let input = super::half_width(input);
        let s = input.trim();
        if s.chars().count() != 18 {
            return Err(CoreError::new(
                "id_length",
                format!(
                    "身份证号应为 18 位，现在是 {} 位，请核对后重新输入",
                    s.chars().count()
                ),
            ));
        }
        let b = s.as_bytes();
        if !b[..17].iter().all(u8::is_ascii_digit) || !matches!(b[17], b'0'..=b'9' | b'X' | b'x') {
            return Err(CoreError::new(
                "id_format",
                "身份证号前 17 位应为数字，最后一位是数字或字母 X",
            ));
        }
        let normal = s.to_ascii_uppercase();
        if check_char(&normal.as_bytes()[..17]) != normal.as_bytes()[17] {
            return Err(CoreError::new(
                "id_checksum",
                "身份证号最后一位校验码不对，请核对后重新输入",
            ));
        }
        if !known_prefix(&normal[..2]) {
            return Err(CoreError::new(
                "id_region",
                "身份证号前两位不是有效的省份代码，请核对后重新输入",
            ));
        }
        let birth = birth_date_of(&normal).filter(|d| d.year() >= MIN_BIRTH_YEAR);
        match birth {
            None => Err(CoreError::new(
                "id_birth_date",
                "身份证号中的出生日期（第 7 到 14 位）不是真实的日期，请核对后重新输入",
            )),
            Some(d) if d > today => Err(CoreError::new(
                "id_future_birth",
                "身份证号中的出生日期晚于今天，请核对后重新输入",
            )),
            Some(birth) => Ok(IdNumber {
                number: normal,
                birth,
            }),
        }
    }

    /// The full number, uppercase `X`.
    pub fn as_str(&self) -> &str {
        &self.number
    }

    /// For logs and screens that need not show it all: the division code and the last four,
    /// e.g. `110105********002X`.
    pub fn masked(&self) -> String {
        format!("{}********{}", &self.number[..6], &self.number[14..])
    }

    pub fn birth_date(&self) -> CivilDate {
        self.birth
    }

    pub fn sex(&self) -> Sex {
        if (self.number.as_bytes()[16] - b'0') % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }
}

/// A province of the region table, or 81/82/83: the residence permits of Hong Kong, Macao and
/// Taiwan residents (港澳台居民居住证, 国办发〔2018〕81号) carry 18-character numbers of the same
/// form with division codes 810000, 820000 and 830000, and their holders may be insured.
fn known_prefix(prefix: &str) -> bool {
    region::province(prefix).is_some() || matches!(prefix, "81" | "82" | "83")
}

/// The check character for the first 17 digits (ASCII digits).
pub fn check_char(first17: &[u8]) -> u8 {
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    CHECK_CHARS[(sum % 11) as usize]
}

fn birth_date_of(id: &str) -> Option<CivilDate> {
    CivilDate::parse(&format!("{}-{}-{}", &id[6..10], &id[10..12], &id[12..14])).ok()
}

impl fmt::Debug for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("IdNumber").field(&self.masked()).finish()
    }
}

impl Serialize for IdNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> CivilDate {
        CivilDate::parse("2026-11-26").unwrap()
    }

    fn code(s: &str) -> String {
        IdNumber::parse(s, today()).unwrap_err().code
    }

    #[test]
    fn accepts_the_standard_examples() {
        let id = IdNumber::parse("11010519491231002X", today()).unwrap();
        assert_eq!(id.birth_date().to_string(), "1949-12-31");
        assert_eq!(id.sex(), Sex::Female);
        assert_eq!(id.masked(), "110105********002X");
        let old = IdNumber::parse("440524188001010014", today()).unwrap();
        assert_eq!(old.birth_date().to_string(), "1880-01-01");
        assert_eq!(old.sex(), Sex::Male);
    }

    #[test]
    fn normalises_lowercase_x_and_spaces() {
        let id = IdNumber::parse(" 11010519491231002x ", today()).unwrap();
        assert_eq!(id.as_str(), "11010519491231002X");
        let wide = IdNumber::parse("１１０１０５１９４９１２３１００２ｘ　", today()).unwrap();
        assert_eq!(wide.as_str(), "11010519491231002X");
    }

    #[test]
    fn each_fault_has_its_code() {
        assert_eq!(code("110105194912310021"), "id_checksum");
        assert_eq!(code("1101051949123100"), "id_length");
        assert_eq!(code("11010519491231002X1"), "id_length");
        assert_eq!(code(""), "id_length");
        assert_eq!(code("1101051949123100XX"), "id_format");
        assert_eq!(code("11010519491231002Y"), "id_format");
        assert_eq!(code("110105194912A1002X"), "id_format");
        assert_eq!(code(&with_check("99010519491231002")), "id_region");
        assert_eq!(code(&with_check("11010519490231002")), "id_birth_date");
        assert_eq!(code(&with_check("11010518491231002")), "id_birth_date");
        assert_eq!(code(&with_check("11010520261127002")), "id_future_birth");
        assert!(IdNumber::parse(&with_check("11010520261126002"), today()).is_ok());
        assert_eq!(code(&with_check("84000019800101001")), "id_region");
    }

    #[test]
    fn accepts_residence_permits_of_hong_kong_macao_taiwan() {
        for prefix in ["810000", "820000", "830000"] {
            let id = with_check(&format!("{prefix}19800101001"));
            assert!(IdNumber::parse(&id, today()).is_ok(), "{id}");
        }
    }

    #[test]
    fn debug_never_shows_the_full_number() {
        let id = IdNumber::parse("11010519491231002X", today()).unwrap();
        assert!(!format!("{id:?}").contains("19491231"));
        assert_eq!(
            serde_json::to_string(&id).unwrap(),
            "\"11010519491231002X\""
        );
    }

    fn with_check(first17: &str) -> String {
        let c = check_char(first17.as_bytes()) as char;
        format!("{first17}{c}")
    }
}
