//! A submitted filing's life (`contracts/api.md`, "Filings"): `submitted → under_review →
//! approved | returned(reason) | rejected(reason)`; `approved → cancelled`. The server enforces
//! it, the SPA offers only what it allows, and both show the same words for each status.
//!
//! Choices where the contract leaves room:
//! - the citizen may also cancel while `submitted`, `under_review` or `returned` (withdrawing an
//!   application is always possible before it is final); `rejected` and `cancelled` are final;
//! - a change is allowed while `submitted` or `returned`; a change to a `returned` filing
//!   resubmits it (back to `submitted`);
//! - a decision on a `submitted` filing first takes it `under_review`, so the history shows both.

use serde::{Deserialize, Serialize};

use crate::domain::choices;

choices! {
    /// Where a submitted filing stands.
    pub enum Lifecycle in "办理状态" {
        Submitted = "submitted", "已提交", "Submitted";
        UnderReview = "under_review", "审核中", "Under review";
        Approved = "approved", "已通过", "Approved";
        /// Sent back to the citizen with a reason, to change and resubmit.
        Returned = "returned", "已退回", "Returned";
        Rejected = "rejected", "未通过", "Not approved";
        Cancelled = "cancelled", "已撤销", "Cancelled";
    }
}

/// What the insured region's office decides (`POST /api/review/filings/{id}/decision`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    /// Back to the citizen to change; needs a reason.
    Return,
    /// Refused; needs a reason.
    Reject,
    /// Take a submitted filing under review without deciding yet.
    Review,
}

impl Decision {
    /// The status the decision leads to.
    pub fn target(self) -> Lifecycle {
        match self {
            Decision::Approve => Lifecycle::Approved,
            Decision::Return => Lifecycle::Returned,
            Decision::Reject => Lifecycle::Rejected,
            Decision::Review => Lifecycle::UnderReview,
        }
    }

    /// The citizen must be told why a filing was returned or rejected.
    pub fn needs_reason(self) -> bool {
        matches!(self, Decision::Return | Decision::Reject)
    }
}

impl Lifecycle {
    /// The citizen may change the application (PATCH).
    pub fn can_change(self) -> bool {
        matches!(self, Lifecycle::Submitted | Lifecycle::Returned)
    }

    /// The citizen may cancel (撤销); `rejected` and `cancelled` are final.
    pub fn can_cancel(self) -> bool {
        !self.is_final()
    }

    /// Nothing more happens to the filing.
    pub fn is_final(self) -> bool {
        matches!(self, Lifecycle::Rejected | Lifecycle::Cancelled)
    }

    /// The statuses a decision passes through from here, in order (the last is where it ends):
    /// a decision on a submitted filing takes it under review first. `None` when the status
    /// allows no such decision (only `submitted` and `under_review` filings are decided on).
    pub fn decide(self, decision: Decision) -> Option<Vec<Lifecycle>> {
        let target = decision.target();
        match (self, target) {
            (Lifecycle::Submitted, Lifecycle::UnderReview) => Some(vec![target]),
            (Lifecycle::Submitted, _) => Some(vec![Lifecycle::UnderReview, target]),
            (Lifecycle::UnderReview, t) if t != Lifecycle::UnderReview => Some(vec![t]),
            _ => None,
        }
    }
}

choices! {
    /// What happened to a filing, one entry of its history.
    pub enum Event in "办理记录" {
        Submitted = "submitted", "提交申请", "Submitted";
        Changed = "changed", "修改了申请", "Changed";
        /// Changed after being returned: submitted again.
        Resubmitted = "resubmitted", "修改后重新提交", "Changed and resubmitted";
        UnderReview = "under_review", "开始审核", "Review started";
        Approved = "approved", "审核通过", "Approved";
        Returned = "returned", "退回修改", "Returned for changes";
        Rejected = "rejected", "审核未通过", "Rejected";
        Cancelled = "cancelled", "撤销备案", "Cancelled";
    }
}

impl Event {
    /// The event of reaching a status by a decision or a cancellation.
    pub fn reaching(status: Lifecycle) -> Event {
        match status {
            Lifecycle::Submitted => Event::Submitted,
            Lifecycle::UnderReview => Event::UnderReview,
            Lifecycle::Approved => Event::Approved,
            Lifecycle::Returned => Event::Returned,
            Lifecycle::Rejected => Event::Rejected,
            Lifecycle::Cancelled => Event::Cancelled,
        }
    }

    /// The event of a citizen's change to a filing in `status`.
    pub fn change_of(status: Lifecycle) -> Event {
        if status == Lifecycle::Returned {
            Event::Resubmitted
        } else {
            Event::Changed
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Lifecycle::*;

    #[test]
    fn decisions_follow_the_contract() {
        assert_eq!(Submitted.decide(Decision::Review), Some(vec![UnderReview]));
        assert_eq!(
            Submitted.decide(Decision::Approve),
            Some(vec![UnderReview, Approved])
        );
        assert_eq!(UnderReview.decide(Decision::Return), Some(vec![Returned]));
        assert_eq!(UnderReview.decide(Decision::Review), None);
        for s in [Approved, Returned, Rejected, Cancelled] {
            for d in [
                Decision::Approve,
                Decision::Return,
                Decision::Reject,
                Decision::Review,
            ] {
                assert_eq!(s.decide(d), None, "{s:?} {d:?}");
            }
        }
    }

    #[test]
    fn only_open_filings_change_and_only_final_ones_stay() {
        let changeable: Vec<_> = Lifecycle::ALL
            .into_iter()
            .filter(|s| s.can_change())
            .collect();
        assert_eq!(changeable, [Submitted, Returned]);
        let cancellable: Vec<_> = Lifecycle::ALL
            .into_iter()
            .filter(|s| s.can_cancel())
            .collect();
        assert_eq!(cancellable, [Submitted, UnderReview, Approved, Returned]);
        assert!(Decision::Reject.needs_reason() && !Decision::Approve.needs_reason());
    }

    #[test]
    fn a_change_to_a_returned_filing_is_a_resubmission() {
        assert_eq!(Event::change_of(Returned), Event::Resubmitted);
        assert_eq!(Event::change_of(Submitted), Event::Changed);
        assert_eq!(Event::reaching(Cancelled).code(), "cancelled");
    }
}
