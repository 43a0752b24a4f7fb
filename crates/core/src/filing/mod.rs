//! 备案: the filing application, the materials each category asks for, how long a filing lasts,
//! and the rules an application must pass (`contracts/api.md`, "Filings").

mod application;
mod materials;
mod period;
mod rules;

pub use application::{Applicant, Contact, FilingApplication, Insured, Relation};
pub use materials::{Material, category_allows_commitment, materials_for, missing};
pub use period::{START_DATE_WINDOW_MONTHS, end_date};
pub use rules::{ValidApplicant, ValidContact, ValidFiling, ValidPerson, problems, validate};

use crate::error::CoreError;

/// Reads a filing application from JSON, naming the field at fault (see
/// [`crate::validate::from_json`]).
pub fn parse_application(text: &str) -> Result<FilingApplication, CoreError> {
    crate::validate::from_json(text)
}
