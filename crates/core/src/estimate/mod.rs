//! The estimator of `contracts/estimate.md`: what the fund pays and what the person pays for one
//! bill, with every step shown.
//!
//! `domain.md` ("Settlement"): what is covered follows the treatment region's catalogue (the
//! bill's classes say it), deductible, ratios and cap follow the insured region's policy (the
//! pack or the custom policy).

mod compare;
mod compute;
pub(crate) mod parse;
mod percent;
mod request;
mod resolve;
mod steps;

use serde::{Deserialize, Serialize};

pub use compare::{Comparison, Scenario, Settlement, compare, compare_in};
pub use compute::{BandShare, Breakdown, ClassB, PersonalParts, Piece, compute};
pub use parse::parse_request;
pub use percent::ratio_from_percent;
pub use request::{Bill, BillItem, EstimateRequest, PolicyChoice, YearToDate};
pub use resolve::{PolicyInfo, Resolved, resolve, resolve_in};
pub use steps::Step;

use crate::error::CoreError;
use crate::money::Money;
use crate::policy::PackSet;

/// The estimate of the contract: amounts, the person's parts, the steps and the policy used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EstimateResult {
    pub total: Money,
    pub fund: Money,
    pub personal: Money,
    pub personal_parts: PersonalParts,
    pub steps: Vec<Step>,
    pub policy: PolicyInfo,
}

/// Estimates one bill. Invariants: `fund + personal == total`, the parts sum to `personal`, and
/// every amount has two decimals.
pub fn estimate(request: &EstimateRequest) -> Result<EstimateResult, CoreError> {
    estimate_in(request, crate::policy::bundled())
}

/// [`estimate`] with the packs of `packs` (the bundled ones and those read at run time).
pub fn estimate_in(
    request: &EstimateRequest,
    packs: &PackSet,
) -> Result<EstimateResult, CoreError> {
    let resolved = resolve_in(request, packs)?;
    let mut pieces = steps::Pieces::default();
    let breakdown = compute(
        &resolved.policy,
        &request.bill,
        &request.year_to_date,
        request.filing,
        resolved.class_b,
        &mut |piece| pieces.take(piece),
    )?;
    let steps = pieces.into_steps(&steps::Context {
        breakdown: &breakdown,
        policy: &resolved.policy,
        filing: request.filing,
        deductible_met: request.year_to_date.deductible_met,
        fund_paid: request.year_to_date.fund_paid,
        warnings: &resolved.warnings,
        adjustment_note: resolved.adjustment_note.as_deref(),
    });
    Ok(EstimateResult {
        total: breakdown.total,
        fund: breakdown.fund,
        personal: breakdown.personal,
        personal_parts: breakdown.parts,
        steps,
        policy: resolved.info,
    })
}
