//! Filing validation never panics, whatever a form or a request holds, and `validate` agrees
//! with `problems`.

use proptest::prelude::*;
use yidi_core::date::CivilDate;
use yidi_core::domain::{FilingCategory, Scheme};
use yidi_core::filing::{
    self, Applicant, AttachmentRef, Contact, FilingApplication, Insured, Relation,
};
use yidi_core::region;

/// A plausible value half the time, anything the other half.
fn text(plausible: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(plausible).prop_map(str::to_owned),
        any::<String>(),
        "[0-9Xx ]{0,20}",
    ]
}

const NAMES: &[&str] = &["张三", "张小明", "阿卜杜拉·艾买提", "John Smith", "张", ""];
const IDS: &[&str] = &[
    "11010519491231002X",
    "440524188001010014",
    "110105194912310021",
    "",
];
const PHONES: &[&str] = &["13800138000", "13900139000", "+86 139 0013 9000", "123"];
const REGIONS: &[&str] = &["320500", "440100", "310000", "320100", "999999", "4401"];
const DATES: &[&str] = &["2026-12-01", "2027-02-29", "2024-02-29", "2030-01-01", "x"];
const MATERIALS: &[&str] = &[
    "hukou_first_page",
    "household_register_page",
    "residence_permit",
    "residence_certificate",
    "employer_dispatch_letter",
    "referral_certificate",
    "passport",
];

fn application() -> impl Strategy<Value = FilingApplication> {
    let people = || (text(NAMES), text(IDS), text(PHONES));
    let relation = prop::sample::select(vec![
        Relation::Oneself,
        Relation::Spouse,
        Relation::Parent,
        Relation::Child,
        Relation::Other,
    ]);
    let choices = (
        relation,
        prop::sample::select(vec![Scheme::Employee, Scheme::Resident]),
        prop::sample::select(FilingCategory::ALL.to_vec()),
        any::<bool>(),
    );
    let places = (text(REGIONS), text(REGIONS), text(DATES));
    let rest = (
        (text(NAMES), text(PHONES)),
        prop::collection::vec(text(MATERIALS), 0..4),
        text(NAMES),
        // Uploads named by id, some twice or blank.
        prop::collection::vec((text(MATERIALS), text(&["a1", "a2", "a3", " "])), 0..4),
    );
    (people(), people(), choices, places, rest).prop_map(
        |(
            a,
            i,
            (relation, scheme, category, commitment),
            (from, to, start),
            (c, materials, signature, files),
        )| {
            FilingApplication {
                applicant: Applicant {
                    name: a.0,
                    id_number: a.1,
                    phone: a.2,
                    relation,
                },
                insured: Insured {
                    name: i.0,
                    id_number: i.1,
                    phone: i.2,
                },
                insured_region: from,
                treatment_region: to,
                scheme,
                category,
                start_date: start,
                contact: Contact {
                    name: c.0,
                    phone: c.1,
                },
                materials,
                commitment,
                notice_accepted: true,
                signature,
                attachments: files
                    .into_iter()
                    .map(|(material, id)| AttachmentRef { material, id })
                    .collect(),
            }
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn validate_agrees_with_problems(app in application()) {
        let today = CivilDate::parse("2026-11-26").unwrap();
        let all = filing::problems(&app, today);
        match filing::validate(&app, today) {
            Ok(valid) => {
                prop_assert!(all.is_empty());
                prop_assert!(valid.start_date.add_months(-12).unwrap() <= today);
                prop_assert_eq!(valid.end_date.is_some(), valid.category == FilingCategory::Referral
                    || valid.category == FilingCategory::OtherTemporary);
                prop_assert_ne!(valid.insured_region.province_code, valid.treatment_region.province_code);
            }
            Err(first) => prop_assert_eq!(Some(&first), all.first()),
        }
        for e in &all {
            prop_assert!(e.field.is_some(), "{:?}", e);
            prop_assert!(!e.message.is_empty());
        }
    }

    #[test]
    fn applications_round_trip_through_json(app in application()) {
        let text = serde_json::to_string(&app).unwrap();
        prop_assert_eq!(filing::parse_application(&text).unwrap(), app);
    }

    #[test]
    fn parse_application_never_panics(text in any::<String>()) {
        let _ = filing::parse_application(&text);
    }
}

/// Applications that follow every rule: regions in different provinces, a start in the window,
/// the category's proofs (or the 承诺书 where it is allowed).
fn valid_application() -> impl Strategy<Value = FilingApplication> {
    let regions = || prop::sample::select(region::all().to_vec());
    let categories: Vec<FilingCategory> = FilingCategory::ALL
        .into_iter()
        .filter(|c| *c != FilingCategory::Emergency)
        .collect();
    (
        regions(),
        regions(),
        prop::sample::select(categories),
        -365i32..=365,
        any::<bool>(),
    )
        .prop_filter("different provinces", |(a, b, ..)| {
            a.province_code != b.province_code
        })
        .prop_map(|(from, to, category, offset, commit)| {
            let start = add_days(today(), offset);
            let commitment = commit
                && filing::category_allows_commitment(category)
                && yidi_core::policy::filing_rules(from.code).commitment_accepted;
            let materials = if commitment {
                Vec::new()
            } else {
                filing::materials_for(category)
                    .iter()
                    .filter(|m| m.alternative_to.is_none())
                    .map(|m| m.code.to_owned())
                    .collect()
            };
            let me = || {
                (
                    "张三".to_owned(),
                    "11010519491231002X".to_owned(),
                    "13800138000".to_owned(),
                )
            };
            let (name, id_number, phone) = me();
            FilingApplication {
                applicant: Applicant {
                    name,
                    id_number,
                    phone,
                    relation: Relation::Oneself,
                },
                insured: {
                    let (name, id_number, phone) = me();
                    Insured {
                        name,
                        id_number,
                        phone,
                    }
                },
                insured_region: from.code.to_owned(),
                treatment_region: to.code.to_owned(),
                scheme: Scheme::Employee,
                category,
                start_date: start.to_string(),
                contact: Contact {
                    name: "李四".into(),
                    phone: "13900139000".into(),
                },
                materials,
                commitment,
                notice_accepted: true,
                signature: "张三".into(),
                attachments: Vec::new(),
            }
        })
}

fn today() -> CivilDate {
    CivilDate::parse("2026-11-26").unwrap()
}

/// `days` days after (or before) `d`, a day at a time.
fn add_days(d: CivilDate, days: i32) -> CivilDate {
    let mut out = d;
    if days >= 0 {
        for _ in 0..days {
            out = next_day(out);
        }
    } else {
        for _ in 0..-days {
            out = out.pred().unwrap();
        }
    }
    out
}

fn next_day(d: CivilDate) -> CivilDate {
    CivilDate::new(d.year(), d.month(), d.day() + 1)
        .or_else(|| CivilDate::new(d.year(), d.month() + 1, 1))
        .unwrap_or_else(|| CivilDate::new(d.year() + 1, 1, 1).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn rule_abiding_applications_pass(app in valid_application()) {
        let valid = filing::validate(&app, today());
        prop_assert!(valid.is_ok(), "{:?}", valid);
        let valid = valid.unwrap();
        let rules = yidi_core::policy::filing_rules(&app.insured_region);
        prop_assert_eq!(valid.end_date, filing::end_date(app.category, valid.start_date, &rules));
        if let Some(end) = valid.end_date {
            prop_assert!(end > valid.start_date);
        }
    }
}
