//! The one error shape every caller shows: a stable English code, the JSON path of the field at
//! fault, and a message in Chinese for the person in front of the screen.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoreError {
    /// Stable, English, snake_case: callers and tests match on it.
    pub code: String,
    /// JSON path of the offending field (`bill.items[1].amount`), when there is one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub field: Option<String>,
    /// Plain Chinese, shown to the user as is.
    pub message: String,
}

impl CoreError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        CoreError {
            code: code.to_owned(),
            field: None,
            message: message.into(),
        }
    }

    pub fn at(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
}

impl std::fmt::Display for CoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{} ({}): {}", self.code, field, self.message),
            None => write!(f, "{}: {}", self.code, self.message),
        }
    }
}

impl std::error::Error for CoreError {}

/// Separates code and message when a `CoreError` travels through serde's string-only custom
/// errors (a value type such as `Money` rejecting its input deep inside a request).
const SERDE_SEPARATOR: char = '\u{1f}';

impl CoreError {
    /// Wraps this error for a `Deserialize` impl; `from_serde_message` recovers it.
    pub fn into_serde<E: serde::de::Error>(self) -> E {
        E::custom(format_args!(
            "{}{}{}",
            self.code, SERDE_SEPARATOR, self.message
        ))
    }

    /// Recovers an error made by `into_serde` from serde's message, if it is one.
    pub fn from_serde_message(message: &str) -> Option<CoreError> {
        let (code, text) = message.split_once(SERDE_SEPARATOR)?;
        Some(CoreError::new(code, text))
    }
}
