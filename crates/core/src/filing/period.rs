//! How long a filing lasts, and when it may start.

use crate::date::CivilDate;
use crate::domain::{FilingCategory, FilingClass};
use crate::policy::FilingRules;

/// How far a filing's start date may lie before or after today, in months. Not a policy figure:
/// a guard against typos in the year (2062 for 2026). A year each way leaves room for 补办 of a
/// past stay and for planning ahead.
pub const START_DATE_WINDOW_MONTHS: i32 = 12;

/// The last day a filing covers. `None` when it has no end date: the long-term categories are
/// 长期有效 until changed or cancelled, and 急诊抢救 is 视同已备案 for the emergency itself.
/// A temporary filing lasts the insured region's `temporary_validity_months` (原则上不少于6个月,
/// 医保发〔2022〕22号): from 2026-12-01 for 6 months is through 2027-05-31. Where the target
/// month is too short for the start day (from 2024-01-31 for one month), the period runs to that
/// month's last day.
pub fn end_date(
    category: FilingCategory,
    start: CivilDate,
    rules: &FilingRules,
) -> Option<CivilDate> {
    if category.class() == FilingClass::LongTerm || category == FilingCategory::Emergency {
        return None;
    }
    let months = i32::try_from(rules.temporary_validity_months).ok()?;
    let same_day = start.add_months(months)?;
    if same_day.day() < start.day() {
        Some(same_day)
    } else {
        same_day.pred()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::tests::d;

    #[test]
    fn temporary_filings_end_the_day_before_the_months_are_up() {
        // (validity in months, category, start, last day covered); first the national default.
        let national = FilingRules::default().temporary_validity_months;
        let cases = [
            (
                national,
                FilingCategory::Referral,
                "2026-12-01",
                "2027-05-31",
            ),
            (
                12,
                FilingCategory::OtherTemporary,
                "2024-02-29",
                "2025-02-28",
            ),
            (1, FilingCategory::Referral, "2026-01-31", "2026-02-28"),
        ];
        for (months, category, start, end) in cases {
            let rules = FilingRules {
                temporary_validity_months: months,
                ..FilingRules::default()
            };
            assert_eq!(
                end_date(category, d(start), &rules),
                Some(d(end)),
                "{months} months from {start}"
            );
        }
    }

    #[test]
    fn long_term_and_emergency_have_no_end() {
        let rules = FilingRules::default();
        for c in [
            FilingCategory::ResettledRetiree,
            FilingCategory::LongTermResident,
            FilingCategory::PostedWorker,
            FilingCategory::Emergency,
        ] {
            assert_eq!(end_date(c, d("2026-12-01"), &rules), None, "{c:?}");
        }
    }
}
