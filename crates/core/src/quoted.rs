//! Exact decimals (money, shares, percentage points) travel as quoted JSON strings such as
//! `"1234.50"` and `"0.85"`: a number read as a binary float could not be trusted to the fen.
//! Each type keeps its own parser and messages; this is the one reader they share, so an
//! unquoted number gets the same kind of coded error (`{kind}_not_string`) for all of them.

use std::fmt;

use serde::de::{self, Visitor};

use crate::error::CoreError;

/// Reads one value from a JSON string with `parse`; refuses a bare JSON number with the
/// `unquoted` code and message.
pub(crate) struct QuotedVisitor<T> {
    /// What serde's message names as expected when the JSON type is wrong altogether (`true`).
    pub expecting: &'static str,
    pub parse: fn(&str) -> Result<T, CoreError>,
    /// Code and message for a number written without quotes.
    pub unquoted: (&'static str, &'static str),
}

impl<T> QuotedVisitor<T> {
    fn unquoted<E: de::Error>(&self) -> E {
        let (code, message) = self.unquoted;
        CoreError::new(code, message).into_serde()
    }
}

impl<T> Visitor<'_> for QuotedVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        (self.parse)(v).map_err(CoreError::into_serde)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<T, E> {
        Err(self.unquoted())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<T, E> {
        Err(self.unquoted())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<T, E> {
        Err(self.unquoted())
    }
}

/// `Serialize` as the type's `Display` text and `Deserialize` through [`QuotedVisitor`] with the
/// type's `parse`. A macro because serde's traits cannot be implemented once for every type
/// that parses (the orphan rule forbids that blanket impl).
macro_rules! quoted_serde {
    ($ty:ty, expecting: $expecting:expr, unquoted: ($code:expr, $message:expr $(,)?) $(,)?) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_any($crate::quoted::QuotedVisitor {
                    expecting: $expecting,
                    parse: <$ty>::parse,
                    unquoted: ($code, $message),
                })
            }
        }
    };
}

pub(crate) use quoted_serde;

/// Keeps a bad input echoed in a message short.
pub(crate) fn clip(text: &str) -> String {
    text.chars().take(24).collect()
}
