//! 备案: the filing application and the draft it grows from, its lifecycle once submitted, the
//! materials each category asks for, how long a filing lasts, the office's common reasons,
//! and the rules an application must pass (`contracts/api.md`, "Filings").
//!
//! Decisions where the sources leave room:
//! - 急诊抢救 is 视同已备案 (医保发〔2022〕22号), so an application in that category is refused
//!   (`emergency_not_filed`) with what to do instead; [`end_date`] gives it no period.
//! - The start date may lie at most [`START_DATE_WINDOW_MONTHS`] before or after today: a guard
//!   against a mistyped year, wide enough for 补办 and for planning.
//! - The 个人承诺书 is the application's `commitment` flag, not a material code.
//! - A temporary filing runs through the day before the same date N months on (2026-12-01 for 6
//!   months: through 2027-05-31); N is the insured region's, from its policy pack.

mod application;
mod draft;
mod lifecycle;
mod materials;
mod notice;
mod period;
mod review_reason;
mod rules;

pub use application::{Applicant, AttachmentRef, Contact, FilingApplication, Insured, Relation};
pub use draft::{Draft, DraftAttachment};
pub use lifecycle::{Decision, Event, Lifecycle};
pub(crate) use materials::commitment_allowed_by;
pub use materials::{
    Material, category_allows_commitment, commitment_allowed, materials_for, missing,
};
pub use notice::{NOTICE, Notice};
pub use period::{START_DATE_WINDOW_MONTHS, end_date};
pub use review_reason::ReviewReason;
pub use rules::{
    ValidApplicant, ValidContact, ValidFiling, ValidPerson, draft_problems, problems, validate,
};

use crate::error::CoreError;

/// Reads a filing application from JSON, naming the field at fault (see
/// [`crate::validate::from_json`]).
pub fn parse_application(text: &str) -> Result<FilingApplication, CoreError> {
    crate::validate::from_json(text)
}
