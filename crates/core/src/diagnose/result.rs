//! The diagnosis (`contracts/diagnose.md`, "Result"): codes stable in English, texts in Chinese.

use serde::{Deserialize, Serialize};

use crate::domain::choices;

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

choices! {
    /// What happens to this bill. The labels are the headline of the answer.
    pub enum Outcome in "结论" {
        /// Nothing blocks direct settlement.
        Direct = "direct", "可以直接结算", "You can settle directly";
        /// Every blocker can still be mended before the bill is settled.
        DirectAfterFix = "direct_after_fix", "办好下面的事，就能直接结算", "Fix what is below, then settle directly";
        /// This bill cannot be settled directly: pay, then claim at the insured region.
        ManualClaim = "manual_claim", "这次要先付费，再回参保地报销", "Pay now, then claim at home";
        /// Insurance is not in force: no benefit until it is restored.
        NotCovered = "not_covered", "医保不在参保状态，暂时不能报销", "Insurance not in force: no benefit yet";
        /// No blocker found, but an unknown fact decides it.
        Unknown = "unknown", "还不确定，先弄清楚下面的事", "Not sure yet: find out first";
        /// Both regions in one province: the cross-province rules do not apply.
        NotCrossProvince = "not_cross_province", "省内异地就医，按本省规定办理", "Same province: your province's rules";
    }
}

choices! {
    /// The checks, in the order the contract walks them.
    #[derive(PartialOrd, Ord)]
    pub enum Check in "检查项" {
        Region = "region", "参保地和就医地", "Where insured, where treated";
        Insurance = "insurance", "参保状态", "Insurance";
        Chronic = "chronic", "门诊慢特病", "Chronic condition";
        Institution = "institution", "医院或药店", "Hospital or pharmacy";
        Filing = "filing", "备案", "Filing";
        Credential = "credential", "医保凭证", "Card or e-credential";
        Settlement = "settlement", "结算", "The bill";
    }
}

impl Check {
    /// The contract's order of the checks (the order of [`Check::ALL`]).
    pub const ORDER: [Check; 7] = Check::ALL;
}

choices! {
    /// What a check found.
    pub enum Status in "检查结果" {
        Ok = "ok", "没问题", "OK";
        Blocker = "blocker", "卡在这里", "Blocks";
        Unknown = "unknown", "不确定", "Unknown";
        NotApplicable = "not_applicable", "不适用", "N/A";
    }
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
