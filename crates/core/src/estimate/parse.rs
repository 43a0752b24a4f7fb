//! Reading an estimate request from JSON with errors a person can act on: a stable code, the
//! JSON path of the field (`bill.items[1].amount`) and a Chinese message.

use serde::de::DeserializeOwned;

use super::request::EstimateRequest;
use crate::error::CoreError;

/// Parses an estimate request. Checks that need the policy (classes, pack facts, items against
/// the total) happen in `estimate`.
pub fn parse_request(json: &str) -> Result<EstimateRequest, CoreError> {
    // serde would also read a struct from an array, and then blame its first element.
    if json.trim_start().starts_with('[') {
        return Err(CoreError::new(
            "invalid_type",
            "估算请求应为 JSON 对象（{…}），不是数组",
        ));
    }
    parse_json(json)
}

fn parse_json<T: DeserializeOwned>(json: &str) -> Result<T, CoreError> {
    let mut de = serde_json::Deserializer::from_str(json);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        to_core_error(e.inner(), &path)
    })?;
    de.end().map_err(|e| to_core_error(&e, "."))?;
    Ok(value)
}

pub(crate) fn to_core_error(error: &serde_json::Error, path: &str) -> CoreError {
    use serde_json::error::Category;
    let field = (path != "." && !path.is_empty()).then(|| path.to_owned());
    let position = format!("第 {} 行第 {} 列", error.line(), error.column());
    // For broken JSON the text position says more than a half-read path would.
    match error.classify() {
        Category::Eof => CoreError::new(
            "json_truncated",
            format!("JSON 不完整，在{position}意外结束"),
        ),
        Category::Syntax | Category::Io => {
            CoreError::new("json_syntax", format!("JSON 格式错误（{position}）"))
        }
        Category::Data => data_error(&message_of(error), field),
    }
}

/// serde_json appends " at line L column C" to data errors; the position is in the message.
fn message_of(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// The name between the first pair of backticks of a serde message.
fn quoted(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(&message[start..start + len])
}

fn join(field: &Option<String>, name: &str) -> String {
    match field {
        Some(parent) => format!("{parent}.{name}"),
        None => name.to_owned(),
    }
}

fn data_error(message: &str, field: Option<String>) -> CoreError {
    let at = |e: CoreError, f: Option<String>| match f {
        Some(f) => e.at(f),
        None => e,
    };
    if let Some(coded) = CoreError::from_serde_message(message) {
        return at(coded, field);
    }
    if message.starts_with("missing field") {
        let name = quoted(message).unwrap_or("?");
        return CoreError::new("missing_field", format!("缺少必填字段「{name}」"))
            .at(join(&field, name));
    }
    if message.starts_with("unknown field") {
        let name = quoted(message).unwrap_or("?");
        let name: String = name.chars().take(40).collect();
        // serde_path_to_error's path already ends with the unknown key.
        let path = match &field {
            Some(f) if f == &name || f.ends_with(&format!(".{name}")) => f.clone(),
            _ => join(&field, &name),
        };
        return CoreError::new("unknown_field", format!("不认识的字段「{name}」")).at(path);
    }
    if message.starts_with("duplicate field") {
        let name: String = quoted(message).unwrap_or("?").chars().take(40).collect();
        return CoreError::new("duplicate_field", format!("字段「{name}」写了两次"))
            .at(join(&field, &name));
    }
    if message.starts_with("unknown variant") {
        let value: String = quoted(message).unwrap_or("?").chars().take(40).collect();
        let last = field
            .as_deref()
            .map(|f| f.rsplit('.').next().unwrap_or(f))
            .unwrap_or("");
        let (code, what) = match last {
            "filing" => ("unknown_category", "备案类型"),
            "scheme" => ("unknown_scheme", "险种"),
            "person" => ("unknown_person", "人员类别"),
            "visit" => ("unknown_visit", "就医类型"),
            _ if field
                .as_deref()
                .is_some_and(|f| f.contains("filing_adjustment")) =>
            {
                ("unknown_category", "备案类型")
            }
            _ => ("unknown_value", "取值"),
        };
        return at(
            CoreError::new(code, format!("不认识的{what}「{value}」")),
            field,
        );
    }
    if message.starts_with("invalid type") {
        return at(
            CoreError::new(
                "invalid_type",
                format!("字段类型不对：{}", translate_type(message)),
            ),
            field,
        );
    }
    if message.starts_with("invalid value") || message.starts_with("invalid length") {
        return at(
            CoreError::new("invalid_value", "字段的值超出允许范围"),
            field,
        );
    }
    at(CoreError::new("invalid_request", "请求内容无效"), field)
}

/// "invalid type: string \"3\", expected u8" → "应为整数，收到字符串".
fn translate_type(message: &str) -> String {
    let expected = message.rsplit("expected ").next().unwrap_or("");
    let wanted = if expected.starts_with('u') || expected.starts_with('i') {
        "整数"
    } else if expected.contains("string") || expected.contains("variant") {
        "字符串"
    } else if expected.contains("sequence") {
        "数组"
    } else if expected.contains("struct") || expected.contains("map") {
        "对象"
    } else {
        "其他类型"
    };
    format!("应为{wanted}")
}
