//! Reading request JSON into typed requests, with errors that name the field.
//!
//! serde's messages are English and say where in the text, not which field; a person filling a
//! form, and the CLI's exit-2 contract, need the JSON path and a Chinese sentence.

use serde::de::DeserializeOwned;

use crate::error::CoreError;

/// Parses `text` as a `T`. Codes: `bad_json` (not JSON, truncated, trailing text),
/// `missing_field`, `unknown_field`, `invalid_value` (unknown choice, wrong type or a value the
/// type refuses), each with `field` set to the JSON path where there is one.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, CoreError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        describe(&path, e.into_inner())
    })?;
    de.end().map_err(|e| describe(".", e))?;
    Ok(value)
}

fn describe(path: &str, e: serde_json::Error) -> CoreError {
    if !e.is_data() {
        return CoreError::new(
            "bad_json",
            "提交的内容不是完整有效的 JSON，请检查后重新提交",
        );
    }
    let text = e.to_string();
    // serde_json appends " at line L column C"; the field path says more.
    let text = text.split(" at line ").next().unwrap_or(&text);
    let join = |name: &str| match path {
        "." | "" => name.to_owned(),
        p => format!("{p}.{name}"),
    };
    let at = |code: &str, field: String, msg: String| {
        let e = CoreError::new(code, msg);
        if field == "." || field.is_empty() {
            e
        } else {
            e.at(field)
        }
    };
    if let Some(name) = quoted(text, "missing field `") {
        return at("missing_field", join(name), format!("缺少“{name}”这一项"));
    }
    if let Some(name) = quoted(text, "unknown field `") {
        let field = if path.ends_with(name) {
            path.to_owned()
        } else {
            join(name)
        };
        return at(
            "unknown_field",
            field,
            format!("不认识“{name}”这一项，请检查拼写"),
        );
    }
    if let Some(value) = quoted(text, "unknown variant `") {
        let choices = text
            .split_once("expected ")
            .map(|(_, rest)| rest.replace('`', "").replace("one of ", ""))
            .unwrap_or_default();
        return at(
            "invalid_value",
            path.to_owned(),
            format!("“{value}”不是可选的值，可选：{choices}"),
        );
    }
    if text.starts_with("invalid type") {
        return at(
            "invalid_value",
            path.to_owned(),
            "这一项的类型不对（例如应为文字却是数字）".to_owned(),
        );
    }
    // A message from one of our own types (already Chinese), or another refusal.
    at("invalid_value", path.to_owned(), text.to_owned())
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
            ("invalid_value", Some("scheme"))
        );
        assert!(e.message.contains("employee"));
        let e = err(r#"{"scheme":"employee","inner":{"name":1}}"#);
        assert_eq!(
            (e.code.as_str(), e.field.as_deref()),
            ("invalid_value", Some("inner.name"))
        );
        let e = err(r#"{"scheme":"employee","inner":{"name":"a","x":1}}"#);
        assert_eq!(
            (e.code.as_str(), e.field.as_deref()),
            ("unknown_field", Some("inner.x"))
        );
    }

    #[test]
    fn broken_json_is_bad_json() {
        let trailing = r#"{"scheme":"employee","inner":{"name":"a"}} x"#;
        for text in [
            "",
            "{",
            r#"{"scheme":"employee""#,
            "[1,2",
            trailing,
            "\u{1}",
        ] {
            assert_eq!(err(text).code, "bad_json", "{text}");
        }
    }
}
