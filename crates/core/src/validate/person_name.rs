//! Personal names as written on an identity card.

use serde::Serialize;

use crate::error::CoreError;

/// A name of 2–30 characters: Chinese characters, or Latin letters with single spaces between
/// words, joined by the middle dot `·` that names of many ethnic minorities and foreigners use
/// (阿卜杜拉·艾买提). Look-alike dots (`•`, `・`, `.`) are normalised to `·`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct PersonName(String);

const MIN_CHARS: usize = 2;
const MAX_CHARS: usize = 30;
const DOT: char = '·';

impl PersonName {
    /// Code: `name_format` (the message says what is wrong).
    pub fn parse(input: &str) -> Result<PersonName, CoreError> {
        let fail = |msg: &str| Err(CoreError::new("name_format", msg));
        let name: String = input
            .trim()
            .chars()
            .map(|c| {
                if matches!(c, '•' | '・' | '.') {
                    DOT
                } else {
                    c
                }
            })
            .collect();
        let count = name.chars().count();
        if count == 0 {
            return fail("请填写姓名");
        }
        if !(MIN_CHARS..=MAX_CHARS).contains(&count) {
            return fail("姓名应为 2 到 30 个字，请按身份证上的姓名填写");
        }
        if !name
            .chars()
            .all(|c| is_han(c) || c.is_ascii_alphabetic() || c == DOT || c == ' ')
        {
            return fail("姓名只能包含汉字、英文字母和间隔号“·”，请按身份证上的姓名填写");
        }
        let bad_join = name.starts_with(DOT)
            || name.ends_with(DOT)
            || name.contains("··")
            || name.contains("  ")
            || name.contains(" ·")
            || name.contains("· ");
        if bad_join {
            return fail("姓名中的间隔号“·”或空格位置不对，请按身份证上的姓名填写");
        }
        Ok(PersonName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// CJK unified ideographs, extension A, and extensions B–H (rare characters in some names).
fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{20000}'..='\u{323AF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_names() {
        for ok in [
            "张三",
            " 李四 ",
            "阿卜杜拉·艾买提",
            "John Smith",
            "欧阳娜娜",
            "𠮷野",
        ] {
            assert!(PersonName::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            PersonName::parse("阿依古丽•买买提").unwrap().as_str(),
            "阿依古丽·买买提"
        );
    }

    #[test]
    fn refuses_the_rest() {
        for bad in [
            "",
            "  ",
            "张",
            "张3",
            "张三!",
            "·张三",
            "张三·",
            "张··三",
            "John  Smith",
        ] {
            assert_eq!(
                PersonName::parse(bad).unwrap_err().code,
                "name_format",
                "{bad}"
            );
        }
        assert!(PersonName::parse(&"张".repeat(31)).is_err());
        assert!(PersonName::parse(&"张".repeat(30)).is_ok());
    }
}
