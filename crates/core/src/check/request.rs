//! The `check` request (`contracts/estimate.md`, "check request and result").

use serde::{Deserialize, Serialize};

use crate::domain::{Person, Scheme, choices};
use crate::error::CoreError;

/// The facts a person gives about their trip, in words they know rather than category names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    pub insured_region: String,
    pub treatment_region: String,
    pub scheme: Scheme,
    pub person: Person,
    pub situation: Situation,
    /// Whether the household registration (户口) has moved to the treatment region; decides
    /// between 异地安置 and 异地长期居住 for a retiree.
    #[serde(default)]
    pub hukou_moved: bool,
    /// Already in hospital (or already discharged): the question is then 补办, not 备案.
    #[serde(default)]
    pub already_admitted: bool,
}

choices! {
    /// Why the person is, or will be, in the other region, in their words rather than a
    /// category's name.
    pub enum Situation in "情况" {
        /// Retired and settled there for good.
        Resettled = "resettled", "退休后到外地安家（异地安置）", "Retired and moved away";
        /// Living there long term.
        Living = "living", "在外地长期居住", "Living there long-term";
        /// Working there, posted by the employer.
        Working = "working", "被单位派到外地常驻工作", "Posted there by an employer";
        /// Sent there by a doctor at home.
        Referral = "referral", "医院开了转诊单，转到外地治疗", "Referred by a hospital";
        /// Fell ill suddenly while there (work, travel).
        Emergency = "emergency", "在外地突发急病、急诊抢救", "Emergency while away";
        /// Going there for care without a referral, or travelling.
        Travel = "travel", "旅游、探亲、出差时看病，或其他临时外出", "Travel, visiting family, other";
    }
}

/// Reads a check request from JSON, naming the field at fault.
pub fn parse_request(text: &str) -> Result<CheckRequest, CoreError> {
    crate::validate::from_json(text)
}

/// 职工医保 has 在职/退休, 居民医保 has 成年/学生/少儿; any other pairing is a mistake in the input.
pub(super) fn check_person(scheme: Scheme, person: Person) -> Result<(), CoreError> {
    if person.scheme() == scheme {
        Ok(())
    } else {
        Err(CoreError::new(
            "person_scheme_mismatch",
            "人员类别和险种对不上：职工医保请选在职或退休，居民医保请选成年居民、学生或少儿",
        )
        .at("person"))
    }
}
