//! The check answers every well-formed request, and its answers hang together.

use proptest::prelude::*;
use yidi_core::check::{self, CheckRequest, Situation, Validity};
use yidi_core::domain::{FilingCategory, FilingClass, Person, Scheme};
use yidi_core::region;

fn request() -> impl Strategy<Value = CheckRequest> {
    let regions = || prop::sample::select(region::all().to_vec());
    let people = prop::sample::select(vec![
        (Scheme::Employee, Person::Active),
        (Scheme::Employee, Person::Retired),
        (Scheme::Resident, Person::Adult),
        (Scheme::Resident, Person::Student),
        (Scheme::Resident, Person::Child),
    ]);
    let situations = prop::sample::select(vec![
        Situation::Resettled,
        Situation::Living,
        Situation::Working,
        Situation::Referral,
        Situation::Emergency,
        Situation::Travel,
    ]);
    (
        regions(),
        regions(),
        people,
        situations,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(from, to, (scheme, person), situation, hukou_moved, already_admitted)| CheckRequest {
                insured_region: from.code.to_owned(),
                treatment_region: to.code.to_owned(),
                scheme,
                person,
                situation,
                hukou_moved,
                already_admitted,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn answers_hang_together(req in request()) {
        let r = check::check(&req).unwrap();
        let same = region::same_province(&req.insured_region, &req.treatment_region).unwrap();
        prop_assert_eq!(r.cross_province, !same);
        prop_assert!(!r.reason.is_empty() && !r.channels.is_empty());
        if !r.cross_province {
            prop_assert!(r.category.is_none() && !r.must_file && r.materials.is_empty());
            return Ok(());
        }
        let category = r.category.unwrap();
        prop_assert_eq!(r.class, Some(category.class()));
        prop_assert_eq!(r.must_file, !r.treated_as_filed);
        prop_assert_eq!(r.treated_as_filed, category == FilingCategory::Emergency);
        prop_assert_eq!(category == FilingCategory::Emergency, req.situation == Situation::Emergency);
        if r.commitment_allowed {
            prop_assert_eq!(category.class(), FilingClass::LongTerm);
        }
        match r.validity {
            Some(Validity::LongTerm) => prop_assert_eq!(category.class(), FilingClass::LongTerm),
            // 原则上不少于6个月 (医保发〔2022〕22号).
            Some(Validity::Months(n)) => prop_assert!(n >= 6),
            None => prop_assert_eq!(category, FilingCategory::Emergency),
        }
        if category == FilingCategory::PostedWorker {
            prop_assert_eq!((req.scheme, req.person), (Scheme::Employee, Person::Active));
        }
        if category == FilingCategory::ResettledRetiree {
            prop_assert!(req.hukou_moved && req.person == Person::Retired);
        }
        let json = serde_json::to_string(&r).unwrap();
        prop_assert_eq!(serde_json::from_str::<check::CheckResult>(&json).unwrap(), r);
    }

    #[test]
    fn parse_request_never_panics(text in any::<String>()) {
        let _ = check::parse_request(&text);
    }
}
