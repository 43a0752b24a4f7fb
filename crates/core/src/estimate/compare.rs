//! The same bill three ways, for the side-by-side view: filed and settled at the hospital, not
//! filed, and paid in full then claimed by hand (手工报销).
//!
//! The manual claim is modelled as the filed result paid later: `domain.md` ("补办") says that a
//! person already discharged files late and then claims under the insured region's rules, and a
//! filed person at a non-networked institution claims the same way; neither source gives a
//! separate manual-claim rate. So the fund's share is that of the request's filing status, the
//! person advances the whole bill, and a step says the region's rules decide the claim.

use serde::{Deserialize, Serialize};

use super::request::EstimateRequest;
use super::steps::Step;
use super::{EstimateResult, estimate_in};
use crate::domain::{Choice, FilingStatus};
use crate::error::CoreError;
use crate::money::Money;
use crate::policy::PackSet;

/// How the bill is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Settlement {
    /// 直接结算: the person pays only their share at the hospital.
    DirectSettlement,
    /// 手工报销: the person pays everything, the fund pays back later.
    ManualClaim,
}

/// One column of the comparison: a result, or why there is none (e.g. a figure nobody sourced).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub filing: FilingStatus,
    pub settlement: Settlement,
    /// What the person pays at the hospital before any claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upfront: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<EstimateResult>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<CoreError>,
}

/// Filed (the request's filing status), not filed (`none`), and manual claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    pub filed: Scenario,
    pub not_filed: Scenario,
    pub manual_claim: Scenario,
}

/// Errors that mean the request itself is wrong, not that one column lacks a figure.
fn column_error(error: CoreError) -> Result<CoreError, CoreError> {
    if error.code == "figure_missing" {
        Ok(error)
    } else {
        Err(error)
    }
}

fn scenario(
    filing: FilingStatus,
    settlement: Settlement,
    outcome: Result<EstimateResult, CoreError>,
) -> Result<Scenario, CoreError> {
    Ok(match outcome {
        Ok(result) => Scenario {
            filing,
            settlement,
            upfront: Some(match settlement {
                Settlement::DirectSettlement => result.personal,
                Settlement::ManualClaim => result.total,
            }),
            result: Some(result),
            error: None,
        },
        Err(error) => Scenario {
            filing,
            settlement,
            upfront: None,
            result: None,
            error: Some(column_error(error)?),
        },
    })
}

/// Compares the request's bill as filed, not filed and claimed by hand. A request error fails
/// the whole comparison; a missing figure fails only its column.
pub fn compare(request: &EstimateRequest) -> Result<Comparison, CoreError> {
    compare_in(request, crate::policy::bundled())
}

/// [`compare`] with the packs of `packs` (the bundled ones and those read at run time).
pub fn compare_in(request: &EstimateRequest, packs: &PackSet) -> Result<Comparison, CoreError> {
    let estimate = |r: &EstimateRequest| estimate_in(r, packs);
    let filed = estimate(request);
    let not_filed = if request.filing == FilingStatus::None {
        filed.clone()
    } else {
        let mut unfiled = request.clone();
        unfiled.filing = FilingStatus::None;
        estimate(&unfiled)
    };
    let manual = filed.clone().map(|mut result| {
        result.steps.push(Step::new(
            "手工报销",
            format!(
                "在医院先全额垫付 {}，出院后凭票据到参保地医保经办机构申请报销；按参保地规定，以「{}」身份可报销约 {}。未备案已出院的，可先补办备案再报销；实际金额与时限以参保地审核为准。",
                result.total,
                request.filing.label_zh(),
                result.fund
            ),
            result.fund,
        ));
        result
    });
    Ok(Comparison {
        filed: scenario(request.filing, Settlement::DirectSettlement, filed)?,
        not_filed: scenario(FilingStatus::None, Settlement::DirectSettlement, not_filed)?,
        manual_claim: scenario(request.filing, Settlement::ManualClaim, manual)?,
    })
}
