//! The eligibility check, situation by situation, against the contract's JSON.

use serde_json::{Value, json};
use yidi_core::check::{self, CheckResult, Validity};
use yidi_core::domain::{FilingCategory, FilingClass};

fn run(request: Value) -> CheckResult {
    let req = check::parse_request(&request.to_string()).unwrap();
    check::check(&req).unwrap()
}

fn facts(situation: &str, scheme: &str, person: &str) -> Value {
    json!({ "insured_region": "320500", "treatment_region": "440100",
            "scheme": scheme, "person": person, "situation": situation,
            "hukou_moved": true, "already_admitted": false })
}

fn codes(r: &CheckResult) -> Vec<&str> {
    r.materials.iter().map(|m| m.code.as_str()).collect()
}

#[test]
fn contract_example_resettled_retiree() {
    let r = run(facts("resettled", "employee", "retired"));
    assert!(!r.warnings.iter().any(|w| w.contains("已改按")));
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["cross_province"], json!(true));
    assert_eq!(v["category"], json!("resettled_retiree"));
    assert_eq!(v["class"], json!("long_term"));
    assert_eq!(v["must_file"], json!(true));
    assert_eq!(v["treated_as_filed"], json!(false));
    assert_eq!(v["validity"], json!({ "long_term": true }));
    assert_eq!(
        v["materials"][0],
        json!({ "code": "hukou_first_page", "name": "户口簿首页", "alternative_to": null })
    );
    assert_eq!(v["commitment_allowed"], json!(true));
    assert!(v["late_filing"].as_str().unwrap().contains("补办"));
    assert!(v["channels"].as_array().unwrap().len() >= 5);
    assert!(
        v["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().contains("生育"))
    );
    assert!(!v["reason"].as_str().unwrap().is_empty());
    // The JSON reads back into the same result.
    assert_eq!(serde_json::from_value::<CheckResult>(v).unwrap(), r);
}

#[test]
fn resettled_without_hukou_move_is_long_term_residence() {
    let mut f = facts("resettled", "employee", "retired");
    f["hukou_moved"] = json!(false);
    let r = run(f);
    assert_eq!(r.category, Some(FilingCategory::LongTermResident));
    assert_eq!(codes(&r), ["residence_permit", "residence_certificate"]);
    assert!(r.reason.contains("户口"));
    assert!(r.warnings[0].contains("不能按“异地安置退休人员”备案"));
}

#[test]
fn resettled_needs_an_employee_retiree() {
    for (scheme, person) in [("employee", "active"), ("resident", "adult")] {
        let r = run(facts("resettled", scheme, person));
        assert_eq!(
            r.category,
            Some(FilingCategory::LongTermResident),
            "{scheme}/{person}"
        );
        assert!(r.reason.contains("退休"));
    }
}

#[test]
fn living_is_long_term_residence_with_an_alternative_proof() {
    let r = run(facts("living", "resident", "adult"));
    assert_eq!(r.category, Some(FilingCategory::LongTermResident));
    assert_eq!(r.validity, Some(Validity::LongTerm));
    assert_eq!(
        r.materials[1].alternative_to.as_deref(),
        Some("residence_permit")
    );
    assert!(r.commitment_allowed);
}

#[test]
fn working_is_posted_worker_for_active_employees_only() {
    let r = run(facts("working", "employee", "active"));
    assert_eq!(r.category, Some(FilingCategory::PostedWorker));
    assert_eq!(
        codes(&r),
        [
            "employer_dispatch_letter",
            "work_unit_certificate",
            "labour_contract"
        ]
    );
    let r = run(facts("working", "resident", "adult"));
    assert_eq!(r.category, Some(FilingCategory::LongTermResident));
    assert!(r.warnings[0].contains("已改按“异地长期居住人员”判断"));
}

#[test]
fn referral_is_temporary_without_commitment() {
    let r = run(facts("referral", "employee", "active"));
    assert_eq!(r.category, Some(FilingCategory::Referral));
    assert_eq!(r.class, Some(FilingClass::Temporary));
    // The insured region's packs set the months (苏州: one year); the national floor is 6.
    let months = yidi_core::policy::filing_rules("320500").temporary_validity_months;
    assert!(months >= 6);
    assert_eq!(r.validity, Some(Validity::Months(months)));
    assert_eq!(codes(&r), ["referral_certificate"]);
    assert!(!r.commitment_allowed);
    assert!(r.warnings.iter().any(|w| w.contains("10 个百分点")));
}

#[test]
fn emergency_is_treated_as_filed() {
    let r = run(facts("emergency", "resident", "child"));
    assert_eq!(r.category, Some(FilingCategory::Emergency));
    assert!(r.treated_as_filed && !r.must_file);
    assert!(r.materials.is_empty());
    assert_eq!(r.validity, None);
    assert!(!r.commitment_allowed);
    assert!(r.late_filing.contains("视同已经备案"));
}

#[test]
fn travel_is_other_temporary_with_the_form_only() {
    let r = run(facts("travel", "employee", "retired"));
    assert_eq!(r.category, Some(FilingCategory::OtherTemporary));
    assert!(r.must_file);
    assert!(r.materials.is_empty());
    assert!(r.warnings.iter().any(|w| w.contains("20 个百分点")));
}

#[test]
fn every_cross_province_answer_warns_about_the_usual_traps() {
    for s in [
        "resettled",
        "living",
        "working",
        "referral",
        "emergency",
        "travel",
    ] {
        let r = run(facts(s, "employee", "retired"));
        let all = r.warnings.join("\n");
        for needle in ["联网", "生育", "门诊慢特病", "高血压", "器官移植"] {
            assert!(all.contains(needle), "{s}: {needle}");
        }
        assert!(r.sources[0].contains("医保发〔2022〕22号"));
    }
}

#[test]
fn late_filing_depends_on_admission() {
    let before = run(facts("travel", "employee", "active"));
    let mut f = facts("travel", "employee", "active");
    f["already_admitted"] = json!(true);
    let after = run(f);
    assert_ne!(before.late_filing, after.late_filing);
    assert!(after.late_filing.contains("出院结算之前"));
    assert!(after.late_filing.contains("手工报销"));
}

#[test]
fn same_province_gets_intra_province_guidance() {
    let mut f = facts("living", "employee", "active");
    f["treatment_region"] = json!("320100");
    let r = run(f);
    assert!(!r.cross_province);
    assert_eq!(r.category, None);
    assert!(!r.must_file);
    assert!(r.reason.contains("省内"));
    assert!(r.reason.contains("参保地的药品目录"));
}

#[test]
fn optional_flags_default_to_false() {
    let r = run(
        json!({ "insured_region": "110000", "treatment_region": "460200",
                        "scheme": "employee", "person": "retired", "situation": "resettled" }),
    );
    assert_eq!(r.category, Some(FilingCategory::LongTermResident));
}

#[test]
fn bad_requests_name_their_field() {
    let err = |v: Value| -> (String, Option<String>) {
        let e = check::parse_request(&v.to_string())
            .and_then(|r| check::check(&r))
            .unwrap_err();
        (e.code, e.field)
    };
    let mut f = facts("travel", "employee", "active");
    f["insured_region"] = json!("999999");
    assert_eq!(
        err(f),
        ("unknown_region".into(), Some("insured_region".into()))
    );
    let mut f = facts("travel", "employee", "active");
    f["treatment_region"] = json!("4401");
    assert_eq!(
        err(f),
        ("region_format".into(), Some("treatment_region".into()))
    );
    let mut f = facts("holiday", "employee", "active");
    f["situation"] = json!("holiday");
    assert_eq!(
        err(f),
        ("unknown_situation".into(), Some("situation".into()))
    );
    assert_eq!(
        err(facts("travel", "employee", "child")),
        ("person_scheme_mismatch".into(), Some("person".into()))
    );
    let mut f = facts("travel", "employee", "active");
    f.as_object_mut().unwrap().remove("scheme");
    assert_eq!(err(f), ("missing_field".into(), Some("scheme".into())));
    let mut f = facts("travel", "employee", "active");
    f["hukou"] = json!(true);
    assert_eq!(err(f), ("unknown_field".into(), Some("hukou".into())));
    let mut f = facts("travel", "employee", "active");
    f["already_admitted"] = json!("yes");
    assert_eq!(
        err(f),
        ("invalid_type".into(), Some("already_admitted".into()))
    );
    let e = check::parse_request("{\"insured_region\":").unwrap_err();
    assert_eq!(e.code, "json_truncated");
}

#[test]
fn the_insured_regions_no_filing_destinations_are_named() {
    let mut f = facts("travel", "employee", "active");
    f["treatment_region"] = json!("310000");
    let r = run(f);
    let rules = yidi_core::policy::filing_rules("320500");
    for d in rules
        .no_filing_destinations
        .iter()
        .filter(|d| d.treatment_region == "310000")
    {
        assert!(
            r.warnings
                .iter()
                .any(|w| w.starts_with("到上海市") && w.contains(&d.note))
        );
        assert!(r.sources.contains(&d.source));
    }
}

/// Regression: the check said five 门诊慢特病 and named only 12333 (the human-resources line);
/// since 2024 the list has ten, and the medical-insurance hotline is 12393.
#[test]
fn national_facts_are_current() {
    for situation in ["travel", "referral", "living"] {
        let r = run(facts(situation, "employee", "active"));
        let chronic = r
            .warnings
            .iter()
            .find(|w| w.contains("门诊慢特病"))
            .unwrap();
        for name in [
            "高血压",
            "慢性阻塞性肺疾病",
            "病毒性肝炎",
            "冠心病",
            "类风湿关节炎",
            "强直性脊柱炎",
        ] {
            assert!(chronic.contains(name), "{name}");
        }
        assert!(chronic.contains("10 种") && !chronic.contains("五种"));
        assert!(r.channels.iter().any(|c| c.contains("12393")));
        assert!(!r.channels.iter().any(|c| c.contains("12333")));
        assert!(r.sources.iter().any(|s| s.contains("2024-09-10")));
        assert!(r.sources.iter().any(|s| s.contains("12393")));
    }
    let mut same = facts("travel", "employee", "active");
    same["treatment_region"] = json!("320100");
    let r = run(same);
    assert!(r.reason.contains("12393") && !r.reason.contains("12333"));
    assert!(r.channels.iter().all(|c| !c.contains("12333")));
}
