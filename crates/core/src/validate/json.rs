//! Reading request JSON into typed requests, with errors that name the field.
//!
//! serde's messages are English and say where in the text, not which field; a person filling a
//! form, and the CLI's exit-2 contract, need the JSON path and a Chinese sentence.

use serde::de::DeserializeOwned;

use crate::error::CoreError;

/// Parses `text` as a `T`. Codes follow the estimate request's (`estimate::parse_request`) so
/// the CLI answers alike for every command: `json_syntax`, `json_truncated` (also trailing text),
/// `missing_field`, `unknown_field`, `unknown_<choice>` for a value not among the choices
/// (`unknown_situation`, `unknown_category`, …), `invalid_type`, and the code of one of our own
/// value types (e.g. `date_invalid`) when it refused the value. `field` is the JSON path where
/// there is one.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, CoreError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        describe(&path, e.into_inner())
    })?;
    de.end().map_err(|e| describe(".", e))?;
    Ok(value)
}

/// At most this many characters of the person's input are echoed in a message.
const ECHO_CHARS: usize = 40;

fn describe(path: &str, e: serde_json::Error) -> CoreError {
    use serde_json::error::Category;
    let field = (path != "." && !path.is_empty()).then_some(path);
    let at = |e: CoreError, f: Option<&str>| match f {
        Some(f) => e.at(f),
        None => e,
    };
    let position = format!("第 {} 行第 {} 列", e.line(), e.column());
    match e.classify() {
        Category::Eof => {
            return CoreError::new(
                "json_truncated",
                format!("内容不完整，在{position}意外结束，请检查后重新提交"),
            );
        }
        Category::Syntax | Category::Io => {
            return CoreError::new(
                "json_syntax",
                format!("内容格式不对（{position}），请检查后重新提交"),
            );
        }
        Category::Data => {}
    }
    let text = e.to_string();
    // serde_json appends " at line L column C"; the field path says more.
    let text = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(t, _)| t);
    if let Some(coded) = CoreError::from_serde_message(text) {
        return at(coded, field);
    }
    let join = |name: &str| match field {
        Some(p) => format!("{p}.{name}"),
        None => name.to_owned(),
    };
    if let Some(name) = quoted(text, "missing field `") {
        let e = CoreError::new("missing_field", format!("缺少“{name}”这一项"));
        return e.at(join(name));
    }
    if let Some(name) = quoted(text, "unknown field `") {
        let name = echo(name);
        // serde_path_to_error's path already ends with the unknown key.
        let path = match field {
            Some(f) if f == name || f.ends_with(&format!(".{name}")) => f.to_owned(),
            _ => join(&name),
        };
        let e = CoreError::new("unknown_field", format!("不认识“{name}”这一项，请检查拼写"));
        return e.at(path);
    }
    if let Some(value) = quoted(text, "unknown variant `") {
        let choices = text
            .split_once("expected ")
            .map(|(_, rest)| rest.replace('`', "").replace("one of ", ""))
            .unwrap_or_default();
        let last = field.map_or("", |f| f.rsplit('.').next().unwrap_or(f));
        let code = match last {
            "scheme" | "person" | "situation" | "category" | "relation" => {
                format!("unknown_{last}")
            }
            _ => "unknown_value".to_owned(),
        };
        let message = format!("“{}”不是可选的值，可选：{choices}", echo(value));
        return at(CoreError::new(&code, message), field);
    }
    if text.starts_with("invalid type") {
        let message = "这一项的类型不对（例如应为文字却是数字，应为 true/false 却是文字）";
        return at(CoreError::new("invalid_type", message), field);
    }
    at(
        CoreError::new("invalid_value", "这一项的内容不对，请检查后重新提交"),
        field,
    )
}

fn echo(s: &str) -> String {
    s.chars().take(ECHO_CHARS).collect()
}

/// The text between `prefix` and the next backtick.
fn quoted<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = text.strip_prefix(prefix)?;
    rest.split('`').next()
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;
    use crate::domain::Scheme;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        scheme: Scheme,
        inner: Inner,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        name: String,
    }

    fn err(text: &str) -> CoreError {
        from_json::<Outer>(text).unwrap_err()
    }

    #[test]
    fn names_the_field() {
        let e = err(r#"{"scheme":"employee","inner":{}}"#);
        assert_eq!(
            (e.code.as_str(), e.field.as_deref()),
            ("missing_field", Some("inner.name"))
        );
        let e = err(r#"{"scheme":"worker","inner":{"name":"a"}}"#);
        assert_eq!(
            (e.code.as_str(), e.field.as_deref()),
            ("unknown_scheme", Some("scheme"))
        );
        assert!(e.message.contains("employee"));
        let e = err(r#"{"scheme":"employee","inner":{"name":1}}"#);
        assert_eq!(
            (e.code.as_str(), e.field.as_deref()),
            ("invalid_type", Some("inner.name"))
        );
        let e = err(r#"{"scheme":"employee","inner":{"name":"a","x":1}}"#);
        assert_eq!(
            (e.code.as_str(), e.field.as_deref()),
            ("unknown_field", Some("inner.x"))
        );
    }

    #[test]
    fn broken_json_says_how() {
        let code = |text: &str| err(text).code;
        for text in ["", "{", r#"{"scheme":"employee""#, "["] {
            assert_eq!(code(text), "json_truncated", "{text}");
        }
        let trailing = r#"{"scheme":"employee","inner":{"name":"a"}} x"#;
        for text in [trailing, "\u{1}", "{scheme: 1}"] {
            assert_eq!(code(text), "json_syntax", "{text}");
        }
    }

    #[test]
    fn our_value_types_keep_their_codes() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Dated {
            start: crate::date::CivilDate,
        }
        let e = from_json::<Dated>(r#"{"start":"2026-02-30"}"#).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.field.as_deref()),
            ("date_invalid", Some("start"))
        );
        assert!(e.message.contains("日期"));
    }

    #[test]
    fn long_input_is_not_echoed_in_full() {
        let long = "x".repeat(1000);
        let e = err(&format!(r#"{{"scheme":"{long}","inner":{{"name":"a"}}}}"#));
        assert!(e.message.chars().count() < 120);
    }
}
