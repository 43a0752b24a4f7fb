//! The diagnosis never panics, and its outcome and findings hang together for any facts.

use proptest::prelude::*;
use serde_json::{Value, json};
use yidi_core::chronic::ChronicDisease;
use yidi_core::diagnose::{
    self, Blocker, Check, Diagnosis, FilingState, Outcome, Remedy, Stage, Status, VisitKind,
};
use yidi_core::domain::Choice;

/// Regions chosen so that same-province, same-city, municipality and the 苏州 → 上海 exemption
/// all occur often; plus a few drawn from the whole table.
fn region_code() -> impl Strategy<Value = String> {
    let picked = prop::sample::select(vec![
        "320500", "320100", "310000", "440100", "440300", "110000", "150800",
    ])
    .prop_map(str::to_owned);
    let any_region =
        prop::sample::select(yidi_core::region::all().to_vec()).prop_map(|r| r.code.to_owned());
    prop_oneof![3 => picked, 1 => any_region]
}

fn maybe_bool() -> impl Strategy<Value = Value> {
    prop::sample::select(vec![json!(true), json!(false), Value::Null])
}

fn choice(values: &'static [&'static str]) -> impl Strategy<Value = Value> {
    prop::sample::select(values.to_vec()).prop_map(|v| json!(v))
}

/// Any code of a core list, as the JSON names it.
fn code_of<C: Choice + std::fmt::Debug>() -> impl Strategy<Value = Value> {
    prop::sample::select(C::ALL.to_vec()).prop_map(|c| json!(c.code()))
}

fn filing() -> impl Strategy<Value = Value> {
    let state = prop_oneof![Just(Value::Null), code_of::<FilingState>()];
    let place = prop_oneof![
        Just(Value::Null),
        region_code().prop_map(Value::String),
        choice(&["440000", "310000", "320000"])
    ];
    prop_oneof![
        Just(Value::Null),
        (state, place).prop_map(|(state, place)| {
            let mut f = serde_json::Map::new();
            if !state.is_null() {
                f.insert("state".into(), state);
            }
            if !place.is_null() {
                f.insert("treatment_region".into(), place);
            }
            Value::Object(f)
        })
    ]
}

fn facts() -> impl Strategy<Value = Value> {
    let diseases = prop_oneof![Just(Value::Null), code_of::<ChronicDisease>()];
    (
        (region_code(), region_code()),
        code_of::<VisitKind>(),
        code_of::<Stage>(),
        (diseases, maybe_bool(), maybe_bool()),
        filing(),
        (maybe_bool(), maybe_bool(), maybe_bool()),
    )
        .prop_map(
            |((from, to), visit, stage, (disease, certified, emergency), filing, (n, c, i))| {
                json!({
                    "insured_region": from, "treatment_region": to,
                    "visit": visit, "stage": stage,
                    "chronic_disease": disease, "chronic_certified": certified,
                    "emergency": emergency, "filing": filing,
                    "networked": n, "credential_shown": c, "insurance_active": i,
                })
            },
        )
}

fn blockers(d: &Diagnosis) -> Vec<Blocker> {
    d.findings.iter().filter_map(|f| f.code).collect()
}

fn check_invariants(facts: &Value, d: &Diagnosis) {
    // Cross-province or not, and the single region finding within one province.
    assert_eq!(d.findings[0].check, Check::Region);
    assert_eq!(d.cross_province, d.outcome != Outcome::NotCrossProvince);
    if !d.cross_province {
        assert_eq!(d.findings.len(), 1);
        assert!(d.manual_claim.is_none());
        return;
    }
    // The contract's order, each check at most once; chronic exactly for chronic visits.
    let checks: Vec<Check> = d.findings.iter().map(|f| f.check).collect();
    assert!(checks.windows(2).all(|w| w[0] < w[1]), "{checks:?}");
    let chronic = facts["visit"] == "chronic_outpatient";
    let want: Vec<Check> = Check::ORDER
        .into_iter()
        .filter(|c| chronic || *c != Check::Chronic)
        .collect();
    assert_eq!(checks, want);

    for f in &d.findings {
        assert!(!f.title.is_empty() && !f.detail.is_empty());
        match f.status {
            Status::Blocker => {
                assert!(f.code.is_some());
                assert!(f.remedy.is_some_and(|r| r != Remedy::FindOut));
                assert!(f.remedy_text.as_deref().is_some_and(|t| !t.is_empty()));
                assert!(f.source.is_some(), "a blocker states a rule");
            }
            Status::Unknown => {
                assert!(f.code.is_none());
                assert_eq!(f.remedy, Some(Remedy::FindOut));
                assert!(
                    f.remedy_text
                        .as_deref()
                        .is_some_and(|t| t.contains("12393") || t.contains("窗口"))
                );
            }
            Status::Ok | Status::NotApplicable => {
                assert!(f.code.is_none() && f.remedy.is_none() && f.remedy_text.is_none());
            }
        }
        if let Some(s) = &f.source {
            assert!(!s.citation.is_empty() && !s.year.is_empty());
        }
    }

    let codes = blockers(d);
    let unknown = d.findings.iter().any(|f| f.status == Status::Unknown);
    match d.outcome {
        Outcome::Direct => assert!(codes.is_empty() && !unknown),
        Outcome::Unknown => {
            assert!(codes.is_empty() && unknown);
            assert_eq!(d.next_step.remedy, Some(Remedy::FindOut));
        }
        Outcome::DirectAfterFix => {
            assert!(!codes.is_empty());
            assert!(
                d.findings
                    .iter()
                    .all(|f| f.remedy != Some(Remedy::ManualClaim))
            );
            assert!(!codes.contains(&Blocker::SettledWithoutDirect));
            assert_eq!(
                d.next_step.remedy,
                d.findings
                    .iter()
                    .find(|f| f.status == Status::Blocker)
                    .unwrap()
                    .remedy
            );
        }
        Outcome::ManualClaim => {
            assert!(!codes.is_empty());
            assert!(matches!(
                d.next_step.remedy,
                Some(Remedy::ManualClaim | Remedy::AskRebilling)
            ));
        }
        Outcome::NotCovered => {
            assert_eq!(d.next_step.remedy, Some(Remedy::RestoreInsurance));
        }
        Outcome::NotCrossProvince => unreachable!(),
    }
    assert!(!d.next_step.text.is_empty());
    assert_eq!(d.manual_claim.is_some(), d.outcome == Outcome::ManualClaim);
    assert_eq!(
        codes.contains(&Blocker::InsuranceInactive),
        d.outcome == Outcome::NotCovered
    );
    assert_eq!(
        codes.contains(&Blocker::InsuranceInactive),
        facts["insurance_active"] == json!(false)
    );
    // Emergency counts as filed.
    if facts["emergency"] == json!(true) {
        for c in [
            Blocker::NotFiled,
            Blocker::FilingPending,
            Blocker::FilingExpired,
            Blocker::FiledElsewhere,
        ] {
            assert!(!codes.contains(&c));
        }
    }
    // Once paid in full, nothing is mended before settlement any more.
    if facts["stage"] == "settled_paid_self" {
        assert!(matches!(
            d.outcome,
            Outcome::ManualClaim | Outcome::NotCovered
        ));
        for f in &d.findings {
            assert!(!matches!(
                f.remedy,
                Some(Remedy::FileNow | Remedy::ChangeFiling | Remedy::ShowCredential)
            ));
        }
        // 补记账 is the settlement check's blocker only when nothing else blocks.
        if codes.contains(&Blocker::SettledWithoutDirect) {
            assert_eq!(codes, [Blocker::SettledWithoutDirect]);
        }
        assert!(!codes.is_empty());
    } else {
        assert!(!codes.contains(&Blocker::SettledWithoutDirect));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn every_set_of_facts_gets_a_consistent_diagnosis(facts in facts()) {
        let parsed = diagnose::parse_facts(&facts.to_string()).expect("well-formed facts parse");
        let d = diagnose::diagnose(&parsed);
        check_invariants(&facts, &d);
        // The JSON reads back into the same diagnosis.
        let json = serde_json::to_string(&d).unwrap();
        prop_assert_eq!(serde_json::from_str::<Diagnosis>(&json).unwrap(), d);
    }

    #[test]
    fn any_text_is_answered_without_a_panic(text in ".{0,200}") {
        if let Ok(facts) = diagnose::parse_facts(&text) {
            let _ = diagnose::diagnose(&facts);
        }
    }

    #[test]
    fn mangled_facts_are_answered_without_a_panic(facts in facts(), cut in 0usize..400, byte in any::<u8>()) {
        let mut text = facts.to_string().into_bytes();
        let at = cut % text.len();
        text[at] = byte;
        let text = String::from_utf8_lossy(&text);
        if let Ok(parsed) = diagnose::parse_facts(&text) {
            let _ = diagnose::diagnose(&parsed);
        }
        let truncated: String = facts.to_string().chars().take(cut).collect();
        let _ = diagnose::parse_facts(&truncated);
    }
}
