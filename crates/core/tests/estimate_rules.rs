//! One test per rule of `domain.md` ("The estimate") and `contracts/estimate.md`, including the
//! worked checks of `domain.md`.

use yidi_core::estimate::{EstimateResult, compare, estimate, parse_request};

fn run(json: &str) -> EstimateResult {
    let request = parse_request(json).unwrap_or_else(|e| panic!("{e}"));
    estimate(&request).unwrap_or_else(|e| panic!("{e}"))
}

fn error(json: &str) -> (String, Option<String>) {
    let e = parse_request(json)
        .and_then(|r| estimate(&r))
        .expect_err("should fail");
    (e.code, e.field)
}

/// A custom-policy request: the policy JSON, the bill's total and items, year-to-date.
fn request(policy: &str, total: &str, items: &str, ytd: &str, filing: &str) -> String {
    format!(
        r#"{{"policy": {policy}, "filing": "{filing}",
            "bill": {{"total": "{total}", "items": [{items}]}},
            "year_to_date": {ytd}}}"#
    )
}

/// The estimate of an unfiled bill (`filing: none`) with nothing spent earlier in the year.
fn unfiled_bill(policy: &str, total: &str, items: &str) -> EstimateResult {
    run(&request(policy, total, items, "{}", "none"))
}

/// The whole split in one line, as `domain.md` writes its worked checks: the fund's share, then the
/// person's share and its parts that are not zero. One comparison pins every amount of a bill, and
/// a failure shows them all.
fn split(r: &EstimateResult) -> String {
    let p = &r.personal_parts;
    let parts: Vec<String> = [
        ("out_of_catalog", p.out_of_catalog),
        ("self_pay_first", p.self_pay_first),
        ("deductible", p.deductible),
        ("co_pay", p.co_pay),
        ("above_cap", p.above_cap),
    ]
    .into_iter()
    .filter(|(_, amount)| !amount.value().is_zero())
    .map(|(part, amount)| format!("{part} {}", amount.display()))
    .collect();
    format!(
        "fund {}, personal {} = {}",
        r.fund.display(),
        r.personal.display(),
        parts.join(" + ")
    )
}

const TIERED: &str = r#"{"deductible": "400",
    "bands": [{"up_to": "10000", "ratio": "0.80"}, {"up_to": "30000", "ratio": "0.85"},
              {"ratio": "0.90"}],
    "annual_cap": "60000"}"#;

#[test]
fn worked_check_bands_with_cap() {
    // domain.md: band 1 pays (10000 − 400) × 0.8 = 7680, band 2 17000, 24680 at 30000.
    let fund = |total| unfiled_bill(TIERED, total, "").fund.display();
    assert_eq!(fund("10000"), "7680.00");
    assert_eq!(
        split(&unfiled_bill(TIERED, "30000", "")),
        "fund 24680.00, personal 5320.00 = deductible 400.00 + co_pay 4920.00"
    );
    // The fund reaches its 60000 cap after 35320 more fund, i.e. 35320 / 0.9 more cost.
    assert_eq!(fund("69244.43"), "59999.99");
    assert_eq!(fund("69244.45"), "60000.00");
    assert_eq!(
        split(&unfiled_bill(TIERED, "100000", "")),
        "fund 60000.00, personal 40000.00 = deductible 400.00 + co_pay 11920.00 + above_cap 27680.00"
    );
}

#[test]
fn worked_check_second_stay_deductible() {
    let policy = TIERED.replace("\"400\"", "\"280\"");
    assert_eq!(unfiled_bill(&policy, "10000", "").fund.display(), "7776.00");
    assert_eq!(
        unfiled_bill(&policy, "30000", "").fund.display(),
        "24776.00"
    );
}

#[test]
fn worked_check_out_of_catalogue() {
    let policy = r#"{"deductible": "1300", "bands": [{"ratio": "0.8"}]}"#;
    let r = unfiled_bill(
        policy,
        "10000",
        r#"{"class":"out_of_catalog","amount":"2000"}"#,
    );
    assert_eq!(
        split(&r),
        "fund 5360.00, personal 4640.00 = out_of_catalog 2000.00 + deductible 1300.00 + co_pay 1340.00"
    );
}

#[test]
fn worked_check_simple() {
    let policy = r#"{"deductible": "2000", "bands": [{"ratio": "0.80"}]}"#;
    let r = unfiled_bill(policy, "5000", "");
    assert_eq!(
        split(&r),
        "fund 2400.00, personal 2600.00 = deductible 2000.00 + co_pay 600.00"
    );
}

#[test]
fn self_pay_first_share_is_not_eligible() {
    let policy = r#"{"deductible": "0", "bands": [{"ratio": "1"}],
        "classes": {"class_b": {"self_pay_first": "0.10"}}}"#;
    let r = unfiled_bill(policy, "1000", r#"{"class":"class_b","amount":"500"}"#);
    assert_eq!(
        split(&r),
        "fund 950.00, personal 50.00 = self_pay_first 50.00"
    );
}

#[test]
fn class_with_own_ratio_is_paid_outside_the_bands() {
    let policy = r#"{"deductible": "100", "bands": [{"up_to": "1000", "ratio": "0.5"}, {"ratio": "1"}],
        "classes": {"special_exam": {"self_pay_first": "0.2", "fund_ratio": "0.7"}}}"#;
    // 甲类 1000: deductible 100, then 900 × 0.5 = 450. Exam 500: 100 self-pay, 400 × 0.7 = 280.
    let r = unfiled_bill(policy, "1500", r#"{"class":"special_exam","amount":"500"}"#);
    assert_eq!(r.fund.display(), "730.00");
    assert_eq!(r.personal_parts.self_pay_first.display(), "100.00");
}

#[test]
fn deductible_falls_to_own_ratio_classes_only_when_bands_run_out() {
    let policy = r#"{"deductible": "300", "bands": [{"ratio": "1"}],
        "classes": {"special_exam": {"fund_ratio": "0.5"}}}"#;
    // All eligible cost is the exam: the deductible comes out of it, (1000 − 300) × 0.5.
    let items = r#"{"class":"special_exam","amount":"1000"}"#;
    assert_eq!(unfiled_bill(policy, "1000", items).fund.display(), "350.00");
}

#[test]
fn year_to_date_moves_bands_deductible_and_cap() {
    let ytd = r#"{"eligible": "30000", "fund_paid": "59000", "deductible_met": "400"}"#;
    // No deductible left; 2000 in the 90% band = 1800, but only 1000 of cap room.
    let r = run(&request(TIERED, "2000", "", ytd, "none"));
    assert_eq!(
        split(&r),
        "fund 1000.00, personal 1000.00 = co_pay 200.00 + above_cap 800.00"
    );
}

#[test]
fn filing_adjustments_change_band_ratios() {
    let with = |adj: &str| {
        let policy = format!(
            r#"{{"deductible": "0", "bands": [{{"ratio": "0.9"}}],
               "classes": {{"special_exam": {{"fund_ratio": "0.5"}}}},
               "filing_adjustment": {{"other_temporary": {adj}}}}}"#
        );
        let items = r#"{"class":"special_exam","amount":"100"}"#;
        run(&request(&policy, "1100", items, "{}", "other_temporary"))
            .fund
            .display()
    };
    assert_eq!(with(r#"{"multiply": "0.8"}"#), "770.00"); // 1000 × 0.72 + 100 × 0.5
    assert_eq!(with(r#"{"minus_points": "10"}"#), "850.00"); // 1000 × 0.8 + 50
    assert_eq!(with(r#"{"not_covered": true}"#), "0.00");
}

#[test]
fn fund_is_rounded_once_half_away_from_zero() {
    let policy = r#"{"deductible": "0", "bands": [{"ratio": "0.5"}]}"#;
    let r = unfiled_bill(policy, "0.05", "");
    assert_eq!(split(&r), "fund 0.03, personal 0.02 = co_pay 0.02");
}

#[test]
fn parts_never_go_negative_when_rounding_meets_a_zero_co_pay() {
    // Self-pay 0.005 and a deductible of 0.995 each round up; the co-pay is exactly zero.
    let policy = r#"{"deductible": "5", "bands": [{"ratio": "1"}],
        "classes": {"class_b": {"self_pay_first": "0.5"}}}"#;
    let r = unfiled_bill(policy, "1.00", r#"{"class":"class_b","amount":"0.01"}"#);
    let p = r.personal_parts;
    let sum = p.out_of_catalog.value()
        + p.self_pay_first.value()
        + p.deductible.value()
        + p.co_pay.value()
        + p.above_cap.value();
    assert_eq!(sum, r.personal.value());
    assert!(p.co_pay.value() >= rust_decimal::Decimal::ZERO);
}

#[test]
fn bill_errors_name_their_field() {
    let policy = r#"{"deductible": "0", "bands": [{"ratio": "0.5"}]}"#;
    // (bill items, filing, error code, field)
    let cases = [
        (
            r#"{"class":"class_a","amount":"11"}"#,
            "none",
            "items_exceed_total",
            "bill.items",
        ),
        (
            r#"{"class":"class_a","amount":"1"},{"class":"gold","amount":"1"}"#,
            "none",
            "unknown_class",
            "bill.items[1].class",
        ),
        (
            r#"{"class":"class_a","amount":1}"#,
            "none",
            "money_not_string",
            "bill.items[0].amount",
        ),
        ("", "lost", "unknown_category", "filing"),
    ];
    for (items, filing, code, field) in cases {
        assert_eq!(
            error(&request(policy, "10", items, "{}", filing)),
            (code.to_owned(), Some(field.to_owned())),
            "{items} {filing}"
        );
    }
}

#[test]
fn steps_show_the_arithmetic_in_chinese() {
    let r = unfiled_bill(TIERED, "30000", "");
    let labels: Vec<&str> = r.steps.iter().map(|s| s.label.as_str()).collect();
    assert!(
        labels.contains(&"起付线") && labels.contains(&"第2段支付"),
        "{labels:?}"
    );
    let band1 = r.steps.iter().find(|s| s.label == "第1段支付").unwrap();
    assert!(
        band1.detail.contains("400.00–10000.00") && band1.detail.contains("80%"),
        "{}",
        band1.detail
    );
    assert_eq!(r.policy.id, "custom");
}

#[test]
fn comparison_shows_filed_unfiled_and_manual_claim() {
    let policy = r#"{"deductible": "0", "bands": [{"ratio": "0.9"}],
        "filing_adjustment": {"none": {"not_covered": true}, "referral": {"minus_points": "10"}}}"#;
    let request = parse_request(&request(policy, "1000", "", "{}", "referral")).unwrap();
    let c = compare(&request).unwrap();
    assert_eq!(c.filed.result.as_ref().unwrap().fund.display(), "800.00");
    assert_eq!(c.not_filed.result.as_ref().unwrap().fund.display(), "0.00");
    let manual = c.manual_claim.result.as_ref().unwrap();
    assert_eq!(manual.fund.display(), "800.00");
    assert_eq!(c.manual_claim.upfront.unwrap().display(), "1000.00");
    assert_eq!(manual.steps.last().unwrap().label, "手工报销");
}
