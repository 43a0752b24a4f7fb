//! Parse, don't validate: each input a person types becomes a newtype that can only hold a
//! valid value, or a [`CoreError`](crate::CoreError) with a stable code and a plain Chinese
//! message. Callers add the field's JSON path with `.at(…)`.

mod id_number;
mod json;
mod person_name;
mod phone;

pub use id_number::{IdNumber, MIN_BIRTH_YEAR, Sex, check_char};
pub use json::from_json;
pub use person_name::PersonName;
pub use phone::Phone;
