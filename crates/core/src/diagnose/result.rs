//! The diagnosis (`contracts/diagnose.md`, "Result"): codes stable in English, texts in Chinese.

use serde::{Deserialize, Serialize};

/// The answer: what to do now, then every check in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Diagnosis {
    pub cross_province: bool,
    pub outcome: Outcome,
    /// One per check, in [`Check::ORDER`]; within one province only the `region` finding.
    pub findings: Vec<Finding>,
    pub next_step: NextStep,
    /// Set exactly when `outcome` is `manual_claim`.
    pub manual_claim: Option<ManualClaim>,
}

/// What happens to this bill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Nothing blocks direct settlement.
    Direct,
    /// Every blocker can still be mended before the bill is settled.
    DirectAfterFix,
    /// This bill cannot be settled directly: pay, then claim at the insured region.
    ManualClaim,
    /// Insurance is not in force: no benefit until it is restored.
    NotCovered,
    /// No blocker found, but an unknown fact decides it.
    Unknown,
    /// Both regions in one province: the cross-province rules do not apply.
    NotCrossProvince,
}

/// The checks, in the order the contract walks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    Region,
    Insurance,
    Chronic,
    Institution,
    Filing,
    Credential,
    Settlement,
}

impl Check {
    pub const ORDER: [Check; 7] = [
        Check::Region,
        Check::Insurance,
        Check::Chronic,
        Check::Institution,
        Check::Filing,
        Check::Credential,
        Check::Settlement,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    Blocker,
    Unknown,
    NotApplicable,
}

/// What blocks direct settlement (stable codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Blocker {
    InsuranceInactive,
    ChronicNotCovered,
    ChronicNotCertified,
    InstitutionNotNetworked,
    NotFiled,
    FilingPending,
    FilingExpired,
    FiledElsewhere,
    CredentialNotShown,
    SettledWithoutDirect,
}

/// What to do about a blocker or an unknown (stable codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Remedy {
    RestoreInsurance,
    GetCertified,
    GoToNetworked,
    FileNow,
    ChangeFiling,
    ShowCredential,
    AskRebilling,
    ManualClaim,
    FindOut,
}

/// Where a rule comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub citation: String,
    pub year: String,
}

/// The result of one check. `code` is set for a blocker only; `remedy` and `remedy_text` for a
/// blocker (its fix) and an unknown (`find_out`, how to find out); `source` where the finding
/// states a rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub check: Check,
    pub status: Status,
    pub code: Option<Blocker>,
    pub title: String,
    pub detail: String,
    pub remedy: Option<Remedy>,
    pub remedy_text: Option<String>,
    pub source: Option<Source>,
}

/// What to do now. `remedy` is `None` when there is nothing to mend (`direct`,
/// `not_cross_province`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NextStep {
    pub remedy: Option<Remedy>,
    pub text: String,
}

/// The manual claim at the insured region: where, what to bring, by when (or who to ask).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManualClaim {
    #[serde(rename = "where")]
    pub where_: String,
    pub materials: Vec<String>,
    /// No national deadline is sourced: this says so and names who to ask, never a number.
    pub deadline: String,
    pub source: Source,
}
