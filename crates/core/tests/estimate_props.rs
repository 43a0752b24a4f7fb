//! Property tests of the estimator's invariants (`contracts/estimate.md`, issue 3) over bounded
//! random policies and bills.

use std::collections::BTreeMap;

use proptest::prelude::*;
use rust_decimal::Decimal;
use yidi_core::domain::FilingStatus;
use yidi_core::estimate::{
    Bill, BillItem, ClassB, EstimateRequest, EstimateResult, PolicyChoice, YearToDate, compute,
    estimate, parse_request,
};
use yidi_core::money::Money;
use yidi_core::policy::{
    Adjustment, Band, Bands, ClassName, ClassRule, Points, Ratio, ResolvedPolicy,
};

fn money(fen: i64) -> Money {
    Money::new(Decimal::new(fen, 2))
}

fn ratio(millionths: u32) -> Ratio {
    Ratio::parse(&Decimal::new(i64::from(millionths), 6).to_string()).unwrap()
}

/// A share in [0, 1]: round figures (per mille) mostly, six decimals sometimes.
fn share() -> impl Strategy<Value = u32> {
    prop_oneof![4 => (0u32..=1000).prop_map(|t| t * 1000), 1 => 0u32..=1_000_000]
}

/// Fen: everyday bills mostly, and now and then amounts near the ¥10,000,000,000 limit.
fn fen(everyday: i64, limit: i64) -> impl Strategy<Value = i64> {
    prop_oneof![4 => 0..everyday, 1 => 0..limit]
}

fn adjustment() -> impl Strategy<Value = Adjustment> {
    prop_oneof![
        share().prop_map(|t| Adjustment::Multiply(ratio(t))),
        (0u32..=100).prop_map(|p| Adjustment::MinusPoints(Points::parse(&p.to_string()).unwrap())),
        Just(Adjustment::NotCovered),
    ]
}

prop_compose! {
    fn policy()(
        deductible in fen(500_000, 1_000_000_000_000),
        limits in prop::collection::btree_set(fen(20_000_000, 1_000_000_000_000).prop_map(|f| f + 1), 0..5),
        ratios in prop::collection::vec(share(), 5),
        cap in prop::option::of(fen(100_000_000, 1_000_000_000_000)),
        b_share in share(),
        exam_share in share(),
        exam_ratio in share(),
        adjust in adjustment(),
    ) -> ResolvedPolicy {
        let mut bands: Vec<Band> = limits
            .iter()
            .zip(&ratios)
            .map(|(&limit, &r)| Band { up_to: Some(money(limit)), ratio: ratio(r) })
            .collect();
        bands.push(Band { up_to: None, ratio: ratio(ratios[4]) });
        let mut classes = BTreeMap::new();
        classes.insert(
            ClassName::parse("class_b").unwrap(),
            ClassRule { self_pay_first: ratio(b_share), fund_ratio: None },
        );
        classes.insert(
            ClassName::parse("special_exam").unwrap(),
            ClassRule { self_pay_first: ratio(exam_share), fund_ratio: Some(ratio(exam_ratio)) },
        );
        let mut filing_adjustment = BTreeMap::new();
        filing_adjustment.insert(FilingStatus::OtherTemporary, adjust);
        ResolvedPolicy {
            deductible: money(deductible),
            bands: Bands::new(bands).unwrap(),
            annual_cap: cap.map(money),
            classes,
            filing_adjustment,
        }
    }
}

prop_compose! {
    fn request()(
        policy in policy(),
        class_a in fen(50_000_000, 500_000_000_000),
        items in prop::collection::vec((0usize..4, fen(10_000_000, 100_000_000_000)), 0..5),
        ytd in (
            fen(20_000_000, 1_000_000_000_000),
            fen(20_000_000, 1_000_000_000_000),
            fen(500_000, 1_000_000_000_000),
        ),
        filed in any::<bool>(),
    ) -> EstimateRequest {
        const CLASSES: [&str; 4] = ["class_a", "class_b", "out_of_catalog", "special_exam"];
        let total = class_a + items.iter().map(|(_, fen)| fen).sum::<i64>();
        let items: Vec<BillItem> = items
            .into_iter()
            .map(|(c, fen)| BillItem { class: CLASSES[c].to_owned(), amount: money(fen) })
            .collect();
        EstimateRequest {
            policy: PolicyChoice::Custom(Box::new(policy)),
            insured_region: None,
            treatment_region: None,
            scheme: None,
            person: None,
            visit: None,
            hospital_level: None,
            admission: None,
            filing: if filed { FilingStatus::OtherTemporary } else { FilingStatus::None },
            bill: Bill { total: money(total), items },
            year_to_date: YearToDate {
                eligible: money(ytd.0),
                fund_paid: money(ytd.1),
                deductible_met: money(ytd.2),
            },
        }
    }
}

fn run(request: &EstimateRequest) -> EstimateResult {
    estimate(request).expect("generated requests are valid")
}

fn policy_of(request: &EstimateRequest) -> &ResolvedPolicy {
    match &request.policy {
        PolicyChoice::Custom(p) => p,
        PolicyChoice::Pack(_) => unreachable!(),
    }
}

fn two_decimals(m: Money) -> bool {
    m.value().scale() <= 2 || m.value() == m.to_fen().value()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 400,
        // Failures are reported with their minimal input; no regression file in the tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn fund_and_personal_make_the_total(req in request()) {
        let r = run(&req);
        prop_assert_eq!(r.fund.value() + r.personal.value(), r.total.value());
        prop_assert!(r.fund >= Money::ZERO && r.personal >= Money::ZERO);
        let p = r.personal_parts;
        for part in [p.out_of_catalog, p.self_pay_first, p.deductible, p.co_pay, p.above_cap] {
            prop_assert!(part >= Money::ZERO, "{:?}", p);
            prop_assert!(two_decimals(part));
        }
        let sum = p.out_of_catalog.value() + p.self_pay_first.value() + p.deductible.value()
            + p.co_pay.value() + p.above_cap.value();
        prop_assert_eq!(sum, r.personal.value());
        prop_assert!(two_decimals(r.fund) && two_decimals(r.personal));
        for step in &r.steps {
            prop_assert!(two_decimals(step.amount), "{:?}", step);
        }
    }

    #[test]
    fn fund_stays_within_eligible_cost_and_cap(req in request()) {
        let b = compute(policy_of(&req), &req.bill, &req.year_to_date, req.filing,
            ClassB::FullyEligible, &mut |_| {}).unwrap();
        prop_assert!(b.fund <= Money::new(b.eligible()).to_fen());
        if let Some(cap) = policy_of(&req).annual_cap {
            let left = (cap.value() - req.year_to_date.fund_paid.value()).max(Decimal::ZERO);
            prop_assert!(b.fund.value() <= left);
        }
    }

    #[test]
    fn more_cost_never_lowers_the_fund_nor_the_personal_share(
        req in request(),
        extra in 1i64..10_000_000,
    ) {
        let before = run(&req);
        let mut more = req.clone();
        more.bill.total = Money::new(req.bill.total.value() + Decimal::new(extra, 2));
        let after = run(&more);
        prop_assert!(after.fund >= before.fund);
        prop_assert!(after.personal >= before.personal);
    }

    #[test]
    fn a_filing_adjustment_never_raises_the_fund(req in request()) {
        let mut unfiled = req.clone();
        unfiled.filing = FilingStatus::None;
        let mut adjusted = req.clone();
        adjusted.filing = FilingStatus::OtherTemporary;
        prop_assert!(run(&adjusted).fund <= run(&unfiled).fund);
    }

    #[test]
    fn requests_and_results_round_trip_through_json(req in request()) {
        let text = serde_json::to_string(&req).unwrap();
        let back = parse_request(&text).unwrap();
        prop_assert_eq!(&back, &req);
        let result = run(&req);
        let text = serde_json::to_string(&result).unwrap();
        let again: EstimateResult = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(again, result);
    }
}
