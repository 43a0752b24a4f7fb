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

/// Full-width ASCII forms (`１３８`, `Ｘ`, the ideographic space) as plain ASCII. A Chinese input
/// method left in full-width mode types these, and the person cannot see the difference.
fn half_width(input: &str) -> String {
    input
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn half_width_maps_full_width_ascii() {
        assert_eq!(super::half_width("１３８　０Ｘｘ－+张"), "138 0Xx-+张");
    }
}
