//! The seam to `yidi-core`: every rule about phones and filings is the core's; this
//! module only adapts its results to the API's shapes. No domain rule lives here.

use serde_json::Value;
use yidi_core::date::CivilDate;
use yidi_core::filing::{self, AttachmentRef, FilingApplication};
use yidi_core::validate::Phone;

use crate::error::ApiError;

/// A phone as the core parses it; a 422 on `field` otherwise.
pub fn parse_phone(input: &str, field: &str) -> Result<Phone, ApiError> {
    Phone::parse(input).map_err(|e| ApiError::Invalid(vec![e.at(field)]))
}

/// For logs: the core's masked form, or a placeholder for text that is not a phone at all.
pub fn mask_phone(input: &str) -> String {
    Phone::parse(input).map_or_else(|_| "***".to_owned(), |p| p.masked())
}

/// A filing application the core has accepted.
pub struct CheckedFiling {
    /// The application as stored and returned (the create body, normalised by serde).
    pub application: Value,
    /// The derived end of validity; `None` for long-term categories.
    pub end_date: Option<String>,
    /// The uploads it names (whose they are is the caller's to check).
    pub attachments: Vec<AttachmentRef>,
}

/// Validates a create body (or a changed application) exactly as the SPA does, through the core:
/// the typed parse names a field of the wrong shape, then every rule problem is reported (the
/// first as `field`, all in `problems`).
pub fn check_filing(body: Value, today: CivilDate) -> Result<CheckedFiling, ApiError> {
    let app: FilingApplication =
        filing::parse_application(&body.to_string()).map_err(|e| ApiError::Invalid(vec![e]))?;
    match filing::validate(&app, today) {
        Ok(valid) => Ok(CheckedFiling {
            application: serde_json::to_value(&app).map_err(ApiError::internal)?,
            end_date: valid.end_date.map(|d| d.to_string()),
            attachments: app.attachments,
        }),
        Err(first) => {
            let mut all = filing::problems(&app, today);
            if all.is_empty() {
                all.push(first);
            }
            Err(ApiError::Invalid(all))
        }
    }
}
