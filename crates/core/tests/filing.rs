//! Filing applications: a table of one fault each, the problems they give, and the valid case.

use serde_json::{Value, json};
use yidi_core::date::CivilDate;
use yidi_core::domain::FilingCategory;
use yidi_core::filing::{self, FilingApplication};

fn today() -> CivilDate {
    CivilDate::parse("2026-11-26").unwrap()
}

/// The example body of `contracts/api.md` (the server's tests start from the same file).
fn base() -> Value {
    serde_json::from_str(include_str!("fixtures/application.json")).unwrap()
}

/// A family member (the insured person's child) applying for their father.
fn for_father() -> Value {
    let mut v = base();
    v["applicant"] = json!({ "name": "张小明", "id_number": "440524188001010014",
                             "phone": "13900139000", "relation": "child" });
    v["signature"] = json!("张小明");
    v
}

fn app(v: &Value) -> FilingApplication {
    filing::parse_application(&v.to_string()).unwrap()
}

fn problems(v: &Value) -> Vec<(String, String)> {
    filing::problems(&app(v), today())
        .into_iter()
        .map(|e| (e.code, e.field.unwrap_or_default()))
        .collect()
}

/// The base application under another category, with these materials.
fn category_with(category: &str, materials: Value) -> Value {
    with(
        with(base(), "category", json!(category)),
        "materials",
        materials,
    )
}

fn with(mut v: Value, path: &str, value: Value) -> Value {
    let mut slot = &mut v;
    for key in path.split('.') {
        slot = &mut slot[key];
    }
    *slot = value;
    v
}

#[test]
fn the_contract_example_is_valid() {
    let valid = filing::validate(&app(&base()), today()).unwrap();
    assert_eq!(valid.insured_region.name, "苏州市");
    assert_eq!(valid.treatment_region.name, "广州市");
    assert_eq!(valid.end_date, None);
    assert_eq!(valid.insured.id_number.masked(), "110105********002X");
    assert_eq!(valid.materials.len(), 2);
    assert!(filing::problems(&app(&for_father()), today()).is_empty());
}

#[test]
fn json_round_trips() {
    let a = app(&base());
    let back: FilingApplication =
        serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
    assert_eq!(back, a);
    assert_eq!(serde_json::to_value(&a).unwrap(), base());
}

#[test]
fn one_fault_one_problem() {
    let s = |x: &str| json!(x);
    let table: Vec<(Value, &str, &str)> = vec![
        (
            with(base(), "applicant.name", s("张")),
            "name_format",
            "applicant.name",
        ),
        (
            with(base(), "insured.name", s("")),
            "name_format",
            "insured.name",
        ),
        (
            with(base(), "contact.name", s("李4")),
            "name_format",
            "contact.name",
        ),
        (
            with(base(), "contact.phone", s("1390013900")),
            "phone_format",
            "contact.phone",
        ),
        (
            with(for_father(), "applicant.phone", s("23900139000")),
            "phone_format",
            "applicant.phone",
        ),
        (
            with(base(), "insured.phone", s("")),
            "phone_format",
            "insured.phone",
        ),
        (
            with(for_father(), "insured.id_number", s("110105194912310021")),
            "id_checksum",
            "insured.id_number",
        ),
        (
            with(for_father(), "applicant.id_number", s("4405241880010100")),
            "id_length",
            "applicant.id_number",
        ),
        (
            with(base(), "applicant.relation", s("spouse")),
            "relation_mismatch",
            "applicant.relation",
        ),
        (
            with(for_father(), "applicant.relation", s("self")),
            "relation_mismatch",
            "applicant.relation",
        ),
        (
            with(base(), "insured.name", s("张四")),
            "name_mismatch",
            "insured.name",
        ),
        (
            with(base(), "insured_region", s("999999")),
            "unknown_region",
            "insured_region",
        ),
        (
            with(base(), "treatment_region", s("44010")),
            "region_format",
            "treatment_region",
        ),
        (
            with(base(), "treatment_region", s("320100")),
            "same_province",
            "treatment_region",
        ),
        (
            with(base(), "start_date", s("2026-02-30")),
            "date_invalid",
            "start_date",
        ),
        (
            with(base(), "start_date", s("2026/12/01")),
            "date_format",
            "start_date",
        ),
        (
            with(base(), "start_date", s("2025-11-25")),
            "start_date_too_early",
            "start_date",
        ),
        (
            with(base(), "start_date", s("2027-11-27")),
            "start_date_too_late",
            "start_date",
        ),
        (
            with(base(), "materials", json!(["hukou_first_page"])),
            "material_missing",
            "materials",
        ),
        (
            with(
                base(),
                "materials",
                json!(["hukou_first_page", "household_register_page", "passport"]),
            ),
            "unknown_material",
            "materials[2]",
        ),
        (
            with(base(), "signature", s("张小三")),
            "signature_mismatch",
            "signature",
        ),
        (
            with(base(), "signature", s("  ")),
            "signature_missing",
            "signature",
        ),
        (
            with(for_father(), "signature", s("张三")),
            "signature_mismatch",
            "signature",
        ),
    ];
    for (v, code, field) in table {
        assert_eq!(
            problems(&v),
            vec![(code.to_owned(), field.to_owned())],
            "{v}"
        );
        let first = filing::validate(&app(&v), today()).unwrap_err();
        assert_eq!(
            (first.code.as_str(), first.field.as_deref()),
            (code, Some(field))
        );
        assert!(!first.message.is_empty());
    }
}

#[test]
fn the_window_edges_are_inclusive() {
    for ok in ["2025-11-26", "2027-11-26", "2026-11-26"] {
        assert!(
            problems(&with(base(), "start_date", json!(ok))).is_empty(),
            "{ok}"
        );
    }
}

#[test]
fn commitment_replaces_proofs_for_long_term_categories() {
    let v = with(
        with(base(), "materials", json!([])),
        "commitment",
        json!(true),
    );
    assert!(problems(&v).is_empty());
    let v = category_with("posted_worker", json!(["labour_contract"]));
    assert!(problems(&v).is_empty());
}

#[test]
fn commitment_is_refused_for_referral() {
    let v = category_with("referral", json!([]));
    let v = with(v, "commitment", json!(true));
    assert_eq!(
        problems(&v),
        vec![
            ("commitment_not_allowed".to_owned(), "commitment".to_owned()),
            ("material_missing".to_owned(), "materials".to_owned()),
        ]
    );
}

#[test]
fn categories_without_filing_or_for_the_other_scheme_are_refused() {
    let v = category_with("emergency", json!([]));
    assert_eq!(
        problems(&v),
        vec![("emergency_not_filed".to_owned(), "category".to_owned())]
    );
    let v = with(
        category_with("posted_worker", json!(["employer_dispatch_letter"])),
        "scheme",
        json!("resident"),
    );
    assert_eq!(
        problems(&v),
        vec![("category_scheme_mismatch".to_owned(), "category".to_owned())]
    );
}

#[test]
fn temporary_filings_get_an_end_date() {
    let v = category_with("other_temporary", json!([]));
    // 湘潭 has no pack: the national default of six months.
    let xiangtan = with(v.clone(), "insured_region", json!("430300"));
    let valid = filing::validate(&app(&xiangtan), today()).unwrap();
    assert_eq!(valid.category, FilingCategory::OtherTemporary);
    assert_eq!(
        valid.end_date,
        Some(CivilDate::parse("2027-05-31").unwrap())
    );
    // 苏州's months come from its pack.
    let valid = filing::validate(&app(&v), today()).unwrap();
    let rules = yidi_core::policy::filing_rules("320500");
    assert_eq!(
        valid.end_date,
        filing::end_date(valid.category, valid.start_date, &rules)
    );
}

#[test]
fn every_problem_is_listed_at_once() {
    let v = json!({
      "applicant": { "name": "", "id_number": "1", "phone": "", "relation": "other" },
      "insured":   { "name": "", "id_number": "", "phone": "" },
      "insured_region": "", "treatment_region": "",
      "scheme": "resident", "category": "referral", "start_date": "",
      "contact": { "name": "", "phone": "" },
      "signature": ""
    });
    let fields: Vec<String> = problems(&v).into_iter().map(|(_, f)| f).collect();
    assert_eq!(
        fields,
        [
            "applicant.name",
            "applicant.id_number",
            "applicant.phone",
            "insured.name",
            "insured.id_number",
            "insured.phone",
            "insured_region",
            "treatment_region",
            "start_date",
            "contact.name",
            "contact.phone",
            "materials",
            "notice_accepted",
            "signature",
        ]
    );
}

#[test]
fn parse_application_names_the_field() {
    let v = with(base(), "applicant.relation", json!("friend"));
    let e = filing::parse_application(&v.to_string()).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.field.as_deref()),
        ("unknown_relation", Some("applicant.relation"))
    );
    let mut v = base();
    v.as_object_mut().unwrap().remove("signature");
    let e = filing::parse_application(&v.to_string()).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.field.as_deref()),
        ("missing_field", Some("signature"))
    );
}

#[test]
fn materials_per_category() {
    let codes = |c| {
        filing::materials_for(c)
            .iter()
            .map(|m| m.code)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        codes(FilingCategory::ResettledRetiree),
        ["hukou_first_page", "household_register_page"]
    );
    assert_eq!(codes(FilingCategory::Referral), ["referral_certificate"]);
    assert!(codes(FilingCategory::Emergency).is_empty());
    assert!(codes(FilingCategory::OtherTemporary).is_empty());
}
