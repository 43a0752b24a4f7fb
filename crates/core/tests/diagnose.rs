//! The settlement diagnosis against `contracts/diagnose.md`: one table row per reading of the
//! contract (`READINGS`), then the shape of the JSON, the texts, and the facts parser's errors.

use serde_json::{Value, json};
use yidi_core::diagnose::{
    self, Blocker, Check, Diagnosis, Outcome, Remedy, Status, VisitKind, claim_materials,
};

/// A person who can settle directly: 苏州 insured, in hospital in 广州, filed for 广东, card shown.
fn base() -> Value {
    json!({
        "insured_region": "320500", "treatment_region": "440100",
        "scheme": "employee", "visit": "inpatient",
        "emergency": false,
        "filing": { "state": "in_effect", "treatment_region": "440100" },
        "networked": true, "credential_shown": true, "insurance_active": true,
        "stage": "in_hospital"
    })
}

fn with(changes: Value) -> Value {
    let mut facts = base();
    for (k, v) in changes.as_object().unwrap() {
        if v == &json!("__absent") {
            facts.as_object_mut().unwrap().remove(k);
        } else {
            facts[k] = v.clone();
        }
    }
    facts
}

fn run(facts: &Value) -> Diagnosis {
    let facts = diagnose::parse_facts(&facts.to_string()).unwrap();
    diagnose::diagnose(&facts)
}

fn status_of(d: &Diagnosis, check: Check) -> Option<Status> {
    d.findings
        .iter()
        .find(|f| f.check == check)
        .map(|f| f.status)
}

use Blocker as B;
use Outcome as O;
use Remedy as R;

/// A reading of the contract: the facts that differ from `base()`, and what the diagnosis says.
struct Reading {
    name: &'static str,
    changes: fn() -> Value,
    outcome: Outcome,
    blockers: &'static [(Blocker, Remedy)],
    next: Option<Remedy>,
}

/// One constructor per kind of answer, so each row states only what sets it apart.
impl Reading {
    /// Nothing blocks direct settlement and nothing is left to do.
    const fn direct(name: &'static str, changes: fn() -> Value) -> Self {
        Self::new(name, changes, O::Direct, &[], None)
    }

    /// Both regions in one province: the cross-province checks do not apply.
    const fn not_cross_province(name: &'static str, changes: fn() -> Value) -> Self {
        Self::new(name, changes, O::NotCrossProvince, &[], None)
    }

    /// No blocker, but an unknown fact decides it: the next step is to find out.
    const fn unknown(name: &'static str, changes: fn() -> Value) -> Self {
        Self::new(name, changes, O::Unknown, &[], Some(R::FindOut))
    }

    /// Blocked, the blockers in the contract's check order; the first one's remedy leads.
    const fn blocked(
        name: &'static str,
        changes: fn() -> Value,
        outcome: Outcome,
        blockers: &'static [(Blocker, Remedy)],
    ) -> Self {
        Self::new(name, changes, outcome, blockers, Some(blockers[0].1))
    }

    const fn new(
        name: &'static str,
        changes: fn() -> Value,
        outcome: Outcome,
        blockers: &'static [(Blocker, Remedy)],
        next: Option<Remedy>,
    ) -> Self {
        Self {
            name,
            changes,
            outcome,
            blockers,
            next,
        }
    }
}

/// Every reading of the contract, named. `changes` are applied to `base()`.
const READINGS: &[Reading] = &[
    Reading::direct("all in order: direct", || json!({})),
    Reading::blocked(
        "unfiled, in hospital: file now, still direct after the fix",
        || json!({ "filing": null }),
        O::DirectAfterFix,
        &[(B::NotFiled, R::FileNow)],
    ),
    Reading::blocked(
        "absent filing is not filed",
        || json!({ "filing": "__absent" }),
        O::DirectAfterFix,
        &[(B::NotFiled, R::FileNow)],
    ),
    Reading::blocked(
        "unfiled, discharged but unsettled: still time to file",
        || json!({ "filing": null, "stage": "discharged_unsettled" }),
        O::DirectAfterFix,
        &[(B::NotFiled, R::FileNow)],
    ),
    Reading::blocked(
        "unfiled, before the visit: file first",
        || json!({ "filing": null, "stage": "before_visit", "credential_shown": null }),
        O::DirectAfterFix,
        &[(B::NotFiled, R::FileNow)],
    ),
    Reading::blocked(
        "unfiled and paid already: 补办 then manual claim",
        || json!({ "filing": null, "stage": "settled_paid_self" }),
        O::ManualClaim,
        &[(B::NotFiled, R::ManualClaim)],
    ),
    Reading::blocked(
        "a cancelled filing is no filing",
        || json!({ "filing": { "state": "cancelled", "treatment_region": "440100" } }),
        O::DirectAfterFix,
        &[(B::NotFiled, R::FileNow)],
    ),
    Reading::direct(
        "emergency counts as filed",
        || json!({ "filing": null, "emergency": true }),
    ),
    Reading::direct(
        "emergency counts as filed even over an expired filing elsewhere",
        || {
            json!({ "emergency": true,
            "filing": { "state": "expired", "treatment_region": "310000" } })
        },
    ),
    Reading::blocked(
        "emergency paid in full with nothing else wrong: ask for 补记账",
        || json!({ "filing": null, "emergency": true, "stage": "settled_paid_self" }),
        O::ManualClaim,
        &[(B::SettledWithoutDirect, R::AskRebilling)],
    ),
    Reading::blocked(
        "null emergency is no emergency",
        || json!({ "filing": null, "emergency": null }),
        O::DirectAfterFix,
        &[(B::NotFiled, R::FileNow)],
    ),
    Reading::blocked(
        "filed for another province: change the filing",
        || json!({ "filing": { "state": "in_effect", "treatment_region": "310000" } }),
        O::DirectAfterFix,
        &[(B::FiledElsewhere, R::ChangeFiling)],
    ),
    Reading::direct(
        "filed for another city of the same province is not elsewhere",
        || json!({ "filing": { "state": "in_effect", "treatment_region": "440300" } }),
    ),
    Reading::direct(
        "a filing may name the whole province",
        || json!({ "filing": { "state": "in_effect", "treatment_region": "440000" } }),
    ),
    Reading::blocked(
        "pending for another province is filed elsewhere",
        || json!({ "filing": { "state": "pending", "treatment_region": "310000" } }),
        O::DirectAfterFix,
        &[(B::FiledElsewhere, R::ChangeFiling)],
    ),
    Reading::blocked(
        "filed elsewhere and paid: manual claim",
        || {
            json!({ "stage": "settled_paid_self",
            "filing": { "state": "in_effect", "treatment_region": "310000" } })
        },
        O::ManualClaim,
        &[(B::FiledElsewhere, R::ManualClaim)],
    ),
    Reading::blocked(
        "pending: follow it up before settling",
        || json!({ "filing": { "state": "pending", "treatment_region": "440100" } }),
        O::DirectAfterFix,
        &[(B::FilingPending, R::FileNow)],
    ),
    Reading::blocked(
        "expired: file again",
        || json!({ "filing": { "state": "expired", "treatment_region": "440100" } }),
        O::DirectAfterFix,
        &[(B::FilingExpired, R::FileNow)],
    ),
    Reading::unknown(
        "filing of unknown state: find out",
        || json!({ "filing": {} }),
    ),
    Reading::unknown(
        "filing in effect for an unknown place: find out",
        || json!({ "filing": { "state": "in_effect" } }),
    ),
    Reading::blocked(
        "insurance inactive: not covered, whatever else",
        || json!({ "insurance_active": false, "filing": null, "networked": false }),
        O::NotCovered,
        &[
            (B::InsuranceInactive, R::RestoreInsurance),
            (B::InstitutionNotNetworked, R::ManualClaim),
            (B::NotFiled, R::FileNow),
        ],
    ),
    Reading::blocked(
        "insurance inactive after paying: still not covered",
        || json!({ "insurance_active": false, "stage": "settled_paid_self" }),
        O::NotCovered,
        &[(B::InsuranceInactive, R::RestoreInsurance)],
    ),
    Reading::unknown(
        "insurance unknown: find out",
        || json!({ "insurance_active": null }),
    ),
    Reading::unknown(
        "networked unknown: find out",
        || json!({ "networked": null }),
    ),
    Reading::blocked(
        "a blocker beats an unknown",
        || json!({ "networked": null, "filing": null }),
        O::DirectAfterFix,
        &[(B::NotFiled, R::FileNow)],
    ),
    Reading::blocked(
        "not networked, in hospital: this bill is a manual claim",
        || json!({ "networked": false }),
        O::ManualClaim,
        &[(B::InstitutionNotNetworked, R::ManualClaim)],
    ),
    Reading::blocked(
        "not networked, before the visit: go to a networked one",
        || json!({ "networked": false, "stage": "before_visit" }),
        O::DirectAfterFix,
        &[(B::InstitutionNotNetworked, R::GoToNetworked)],
    ),
    Reading::blocked(
        "not networked and unfiled in hospital: claim, 补办 first",
        || json!({ "networked": false, "filing": null }),
        O::ManualClaim,
        &[
            (B::InstitutionNotNetworked, R::ManualClaim),
            (B::NotFiled, R::FileNow),
        ],
    ),
    Reading::blocked(
        "credential not shown: show it before settling",
        || json!({ "credential_shown": false }),
        O::DirectAfterFix,
        &[(B::CredentialNotShown, R::ShowCredential)],
    ),
    Reading::blocked(
        "credential not shown and paid: manual claim",
        || json!({ "credential_shown": false, "stage": "settled_paid_self" }),
        O::ManualClaim,
        &[(B::CredentialNotShown, R::ManualClaim)],
    ),
    Reading::unknown(
        "credential unknown at the counter: find out",
        || json!({ "credential_shown": null }),
    ),
    Reading::direct(
        "before the visit the credential does not apply yet",
        || json!({ "stage": "before_visit", "credential_shown": false }),
    ),
    Reading::blocked(
        "two mendable blockers: the first one leads",
        || json!({ "filing": null, "credential_shown": false }),
        O::DirectAfterFix,
        &[
            (B::NotFiled, R::FileNow),
            (B::CredentialNotShown, R::ShowCredential),
        ],
    ),
    Reading::blocked(
        "paid in full, nothing else wrong: settled without direct, ask for 补记账",
        || json!({ "stage": "settled_paid_self" }),
        O::ManualClaim,
        &[(B::SettledWithoutDirect, R::AskRebilling)],
    ),
    Reading::blocked(
        "paid in full with an unknown only: still settled without direct",
        || json!({ "stage": "settled_paid_self", "networked": null }),
        O::ManualClaim,
        &[(B::SettledWithoutDirect, R::AskRebilling)],
    ),
    Reading::direct("chronic, listed and certified: direct", || {
        json!({ "visit": "chronic_outpatient", "chronic_disease": "copd",
            "chronic_certified": true })
    }),
    Reading::direct("chronic, one of the five added in 2024 counts", || {
        json!({ "visit": "chronic_outpatient",
            "chronic_disease": "ankylosing_spondylitis", "chronic_certified": true })
    }),
    Reading::blocked(
        "chronic, not on the list: manual claim under the insured region's rules",
        || {
            json!({ "visit": "chronic_outpatient", "chronic_disease": "other",
            "chronic_certified": true })
        },
        O::ManualClaim,
        &[(B::ChronicNotCovered, R::ManualClaim)],
    ),
    Reading::blocked(
        "chronic, not certified, before the visit: get certified",
        || {
            json!({ "visit": "chronic_outpatient", "chronic_disease": "diabetes",
            "chronic_certified": false, "stage": "before_visit" })
        },
        O::DirectAfterFix,
        &[(B::ChronicNotCertified, R::GetCertified)],
    ),
    Reading::blocked(
        "chronic, not certified, at the counter: this bill is a manual claim",
        || {
            json!({ "visit": "chronic_outpatient", "chronic_disease": "diabetes",
            "chronic_certified": false })
        },
        O::ManualClaim,
        &[(B::ChronicNotCertified, R::ManualClaim)],
    ),
    Reading::unknown(
        "chronic, certification unknown: find out",
        || json!({ "visit": "chronic_outpatient", "chronic_disease": "hypertension" }),
    ),
    Reading::unknown(
        "chronic, disease unknown: find out",
        || json!({ "visit": "chronic_outpatient", "chronic_certified": true }),
    ),
    Reading::direct(
        "chronic facts on an inpatient visit are ignored",
        || json!({ "chronic_disease": "other", "chronic_certified": false }),
    ),
    Reading::blocked(
        "pharmacy, not networked, at the counter: manual claim",
        || json!({ "visit": "pharmacy", "networked": false }),
        O::ManualClaim,
        &[(B::InstitutionNotNetworked, R::ManualClaim)],
    ),
    Reading::direct(
        "苏州 insured, outpatient in 上海, unfiled: the region exempts it",
        || json!({ "treatment_region": "310000", "visit": "outpatient", "filing": null }),
    ),
    Reading::blocked(
        "苏州 insured, inpatient in 上海, unfiled: no exemption",
        || json!({ "treatment_region": "310000", "filing": null }),
        O::DirectAfterFix,
        &[(B::NotFiled, R::FileNow)],
    ),
    Reading::not_cross_province("same province: only the region finding", || {
        json!({ "treatment_region": "320100", "filing": null,
            "insurance_active": false })
    }),
    Reading::unknown("only the required facts: unknown", || {
        json!({ "scheme": "__absent", "emergency": "__absent", "filing": {},
            "networked": "__absent", "credential_shown": "__absent",
            "insurance_active": "__absent" })
    }),
];

#[test]
fn every_reading_of_the_contract() {
    for r in READINGS {
        let d = run(&with((r.changes)()));
        assert_eq!(d.outcome, r.outcome, "{}", r.name);
        let got: Vec<(Blocker, Remedy)> = d
            .findings
            .iter()
            .filter(|f| f.status == Status::Blocker)
            .map(|f| (f.code.unwrap(), f.remedy.unwrap()))
            .collect();
        assert_eq!(got, r.blockers, "{}", r.name);
        assert_eq!(d.next_step.remedy, r.next, "{}", r.name);
        assert!(!d.next_step.text.is_empty(), "{}", r.name);
        assert_eq!(
            d.manual_claim.is_some(),
            r.outcome == O::ManualClaim,
            "{}",
            r.name
        );
    }
}

#[test]
fn contract_example_shape() {
    let d = run(&with(json!({ "filing": null })));
    let v = serde_json::to_value(&d).unwrap();
    assert_eq!(v["cross_province"], json!(true));
    assert_eq!(v["outcome"], json!("direct_after_fix"));
    assert_eq!(v["manual_claim"], Value::Null);
    assert_eq!(v["next_step"]["remedy"], json!("file_now"));
    let checks: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["check"].as_str().unwrap())
        .collect();
    assert_eq!(
        checks,
        [
            "region",
            "insurance",
            "institution",
            "filing",
            "credential",
            "settlement"
        ]
    );
    let filing = &v["findings"][3];
    assert_eq!(filing["status"], json!("blocker"));
    assert_eq!(filing["code"], json!("not_filed"));
    assert_eq!(filing["remedy"], json!("file_now"));
    assert!(filing["remedy_text"].as_str().unwrap().contains("备案"));
    assert!(!filing["source"]["citation"].as_str().unwrap().is_empty());
    assert!(filing["source"]["year"].as_str().unwrap().starts_with("20"));
    for key in [
        "check",
        "status",
        "code",
        "title",
        "detail",
        "remedy",
        "remedy_text",
        "source",
    ] {
        assert!(
            v["findings"][0].get(key).is_some(),
            "every finding has {key}"
        );
    }
    // The JSON reads back into the same diagnosis.
    assert_eq!(serde_json::from_value::<Diagnosis>(v).unwrap(), d);
}

#[test]
fn chronic_check_only_for_chronic_visits() {
    let d = run(&with(
        json!({ "visit": "chronic_outpatient", "chronic_disease": "copd",
        "chronic_certified": true }),
    ));
    let checks: Vec<Check> = d.findings.iter().map(|f| f.check).collect();
    assert_eq!(checks, Check::ORDER);
    for visit in ["inpatient", "outpatient", "pharmacy"] {
        let d = run(&with(json!({ "visit": visit })));
        assert_eq!(status_of(&d, Check::Chronic), None, "{visit}");
    }
}

#[test]
fn same_province_has_only_the_region_finding() {
    let d = run(&with(json!({ "treatment_region": "320100" })));
    assert!(!d.cross_province);
    assert_eq!(d.findings.len(), 1);
    assert_eq!(d.findings[0].check, Check::Region);
    assert_eq!(d.findings[0].status, Status::NotApplicable);
    assert!(d.findings[0].source.is_some());
    assert!(d.next_step.text.contains("省内"));
}

#[test]
fn manual_claim_names_where_what_and_who_to_ask_never_a_number() {
    let d = run(&with(
        json!({ "filing": null, "stage": "settled_paid_self" }),
    ));
    let claim = d.manual_claim.unwrap();
    assert!(claim.where_.contains("苏州市"));
    for needed in [
        "发票原件",
        "费用明细清单",
        "出院小结",
        "诊断证明",
        "身份证",
        "银行卡",
        "补办",
    ] {
        assert!(
            claim.materials.iter().any(|m| m.contains(needed)),
            "{needed}"
        );
    }
    assert!(claim.deadline.contains("参保地医保经办机构"));
    assert!(claim.deadline.contains("12393"));
    // No invented period: the only digits are the hotline's.
    let digits: String = claim
        .deadline
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    assert_eq!(digits, "12393");
    assert!(!claim.source.year.is_empty());
    assert!(d.next_step.text.contains("补办"));
}

#[test]
fn outpatient_claims_ask_for_the_record_not_a_discharge_summary() {
    let codes = |visit, late| -> Vec<&str> {
        claim_materials(visit, late)
            .iter()
            .map(|m| m.code())
            .collect()
    };
    assert!(codes(VisitKind::Inpatient, false).contains(&"discharge_summary"));
    assert!(codes(VisitKind::Pharmacy, false).contains(&"medical_record"));
    assert!(!codes(VisitKind::Outpatient, false).contains(&"late_filing_record"));
    assert!(codes(VisitKind::Outpatient, true).contains(&"late_filing_record"));
    for m in claim_materials(VisitKind::Inpatient, true) {
        assert!(!m.label_zh().is_empty() && !m.label_en().is_empty());
    }
}

#[test]
fn chronic_texts_name_all_ten_diseases() {
    let d = run(&with(
        json!({ "visit": "chronic_outpatient", "chronic_disease": "other" }),
    ));
    let chronic = d
        .findings
        .iter()
        .find(|f| f.check == Check::Chronic)
        .unwrap();
    for name in ["高血压", "强直性脊柱炎", "慢阻肺", "冠心病", "10 种"] {
        assert!(chronic.detail.contains(name), "{name}");
    }
    assert_eq!(chronic.source.as_ref().unwrap().year, "2024");
}

#[test]
fn unknowns_say_how_to_find_out() {
    let d = run(&with(json!({ "networked": null, "insurance_active": null,
        "credential_shown": null, "filing": {} })));
    let unknowns: Vec<_> = d
        .findings
        .iter()
        .filter(|f| f.status == Status::Unknown)
        .collect();
    assert_eq!(unknowns.len(), 4);
    for f in unknowns {
        assert_eq!(f.remedy, Some(Remedy::FindOut));
        assert!(!f.remedy_text.as_deref().unwrap_or("").is_empty());
    }
    let institution = d
        .findings
        .iter()
        .find(|f| f.check == Check::Institution)
        .unwrap();
    let how = institution.remedy_text.as_deref().unwrap();
    for place in ["国家医保服务平台", "小程序", "医保办", "12393"] {
        assert!(how.contains(place), "{place}");
    }
}

#[test]
fn the_exemption_cites_the_region() {
    let d = run(&with(
        json!({ "treatment_region": "310000", "visit": "outpatient",
        "filing": null }),
    ));
    let filing = d
        .findings
        .iter()
        .find(|f| f.check == Check::Filing)
        .unwrap();
    assert_eq!(filing.status, Status::Ok);
    let source = filing.source.as_ref().unwrap();
    assert!(source.citation.contains("002"), "{}", source.citation);
    assert_eq!(source.year, "2021");
}

#[test]
fn stage_before_visit_never_settles() {
    let d = run(&with(json!({ "stage": "before_visit" })));
    assert_eq!(
        status_of(&d, Check::Settlement),
        Some(Status::NotApplicable)
    );
    assert_eq!(
        status_of(&d, Check::Credential),
        Some(Status::NotApplicable)
    );
    assert_eq!(d.outcome, Outcome::Direct);
}

fn error(facts: &str) -> (String, Option<String>) {
    let e = diagnose::parse_facts(facts).unwrap_err();
    assert!(!e.message.is_empty());
    (e.code, e.field)
}

#[test]
fn bad_facts_name_the_field() {
    // The changes to the base facts, then the code and field the parser names.
    let cases: &[(Value, &str, Option<&str>)] = &[
        (
            json!({ "visit": "dentist" }),
            "unknown_visit",
            Some("visit"),
        ),
        (json!({ "stage": "later" }), "unknown_stage", Some("stage")),
        (
            json!({ "scheme": "worker" }),
            "unknown_scheme",
            Some("scheme"),
        ),
        (
            json!({ "filing": { "state": "lost" } }),
            "unknown_filing_state",
            Some("filing.state"),
        ),
        (
            json!({ "chronic_disease": "flu" }),
            "unknown_chronic_disease",
            Some("chronic_disease"),
        ),
        (
            json!({ "filing": { "state": "in_effect", "treatment_region": "44" } }),
            "region_format",
            Some("filing.treatment_region"),
        ),
        (
            json!({ "filing": { "state": "in_effect", "treatment_region": "990000" } }),
            "unknown_region",
            Some("filing.treatment_region"),
        ),
        (
            json!({ "insured_region": "999999" }),
            "unknown_region",
            Some("insured_region"),
        ),
        (
            json!({ "treatment_region": 440100 }),
            "invalid_type",
            Some("treatment_region"),
        ),
        (
            json!({ "networked": "yes" }),
            "invalid_type",
            Some("networked"),
        ),
        (
            json!({ "stage": "__absent" }),
            "missing_field",
            Some("stage"),
        ),
        (
            json!({ "visit": "__absent" }),
            "missing_field",
            Some("visit"),
        ),
        (json!({ "mood": "bad" }), "unknown_field", Some("mood")),
        (
            json!({ "filing": { "place": "x" } }),
            "unknown_field",
            Some("filing.place"),
        ),
    ];
    for (changes, code, field) in cases {
        let facts = with(changes.clone());
        let (got_code, got_field) = error(&facts.to_string());
        assert_eq!(
            (got_code.as_str(), got_field.as_deref()),
            (*code, *field),
            "{facts}"
        );
    }
    assert_eq!(error("[1]").0, "invalid_type");
    assert_eq!(error("{").0, "json_truncated");
    assert_eq!(error(&format!("{} x", base())).0, "json_syntax");
    assert_eq!(error("").0, "json_truncated");
}
