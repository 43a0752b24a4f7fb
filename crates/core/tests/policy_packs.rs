//! Every bundled pack: parses, cites its sources, keeps ratios in [0, 1] and bands increasing
//! (the types refuse anything else), and resolves for every combination it claims to support.

use yidi_core::CoreError;
use yidi_core::domain::{FilingStatus, Person, Scheme, Visit};
use yidi_core::policy::{self, Adjustment, PolicyPack, Resolution, Selector};

/// The official pages of `shared/research/policy-sources.md` (OFF and NEWS).
const RECORDED: [&str; 5] = [
    "https://www.bengshan.gov.cn/zfxxgk/public/23841/52044190.html",
    "http://www.hjhq.gov.cn/zmhd/zcwdk/yqfk/202511/t20251104_726685.html",
    "http://lyyb.linyi.gov.cn/info/1577/5879.htm",
    "http://www.changzhou.gov.cn/ns_news/926169715819495",
    "http://www.jiaodong.net/minsheng/system/2020/08/21/014081682.shtml",
];

#[test]
fn every_pack_parses_and_lists_sources() {
    let packs = policy::bundled();
    assert_eq!(packs.len(), 10);
    let mut ids: Vec<&str> = packs.iter().map(|p| p.id()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), packs.len(), "pack ids are unique");
    for pack in packs {
        let summary = pack.summary();
        assert!(!summary.sources.is_empty(), "{}", pack.id());
        for source in pack.sources().values() {
            assert!(!source.citation.trim().is_empty(), "{}", pack.id());
            // Only the addresses of `research/policy-sources.md` were recorded; an address is
            // a page someone opened, so the citation no longer says it is missing.
            if let Some(address) = &source.address {
                assert!(RECORDED.contains(&address.as_str()), "{address}");
                assert!(!source.citation.contains("地址未记录"), "{}", pack.id());
            }
            assert!(
                source.year.is_some(),
                "{}: every source has a year or 未注明",
                pack.id()
            );
        }
        assert_eq!(summary.sha256.len(), 64);
        assert!(pack.id().starts_with(pack.region()), "{}", pack.id());
        assert!(
            yidi_core::region::by_code(pack.region()).is_some(),
            "{}",
            pack.region()
        );
    }
}

#[test]
fn every_supported_combination_resolves_within_bounds() {
    let mut resolved = 0;
    for pack in policy::bundled() {
        for selector in pack.supported_selectors(Some("440100")) {
            let r = pack
                .resolve(&selector)
                .unwrap_or_else(|e| panic!("{} {selector:?}: {e}", pack.id()));
            let bands = r.policy.bands.as_slice();
            let mut previous = None;
            for band in bands {
                let ratio = band.ratio.value();
                assert!(ratio >= 0.into() && ratio <= 1.into());
                if let (Some(p), Some(u)) = (previous, band.up_to) {
                    assert!(u > p, "{}", pack.id());
                }
                previous = band.up_to.or(previous);
            }
            assert!(!r.sources.is_empty());
            resolved += 1;
        }
    }
    assert!(resolved > 100, "only {resolved} combinations");
}

/// Resolves an inpatient stay treated in 上海, in the scheme the person belongs to.
fn resolve(
    pack: &PolicyPack,
    person: Person,
    level: u8,
    admission: u32,
    filing: FilingStatus,
) -> Result<Resolution<'_>, CoreError> {
    pack.resolve(&Selector {
        scheme: person.scheme(),
        person,
        visit: Visit::Inpatient,
        hospital_level: level,
        admission,
        filing,
        treatment_region: Some("310000"),
    })
}

#[test]
fn beijing_figures_follow_the_source() {
    let pack = policy::by_id("110000-employee-2023").unwrap();
    let first = resolve(pack, Person::Retired, 2, 1, FilingStatus::ResettledRetiree).unwrap();
    assert_eq!(first.policy.deductible.display(), "1300.00");
    assert_eq!(first.policy.bands.as_slice()[0].ratio.to_string(), "0.961");
    assert_eq!(first.policy.annual_cap.unwrap().display(), "500000.00");
    let later = resolve(pack, Person::Active, 1, 3, FilingStatus::PostedWorker).unwrap();
    assert_eq!(later.policy.deductible.display(), "650.00");
}

#[test]
fn unsourced_figures_are_asked_for_not_invented() {
    // 苏州 职工: deductibles only, no sourced ratios.
    let pack = policy::for_region("320500", Scheme::Employee).unwrap();
    let err = resolve(pack, Person::Active, 3, 1, FilingStatus::LongTermResident).unwrap_err();
    assert_eq!(
        (err.code.as_str(), err.field.as_deref()),
        ("figure_missing", Some("policy.bands"))
    );
    // 北京: no sourced rate for an unfiled visit, and no national figure either.
    let pack = policy::by_id("110000-employee-2023").unwrap();
    let err = resolve(pack, Person::Active, 3, 1, FilingStatus::None).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("policy.filing_adjustment.none"));
    // 广州: no sourced cap, so the result warns instead of capping.
    let pack = policy::by_id("440100-employee-2022").unwrap();
    let r = resolve(pack, Person::Retired, 3, 1, FilingStatus::LongTermResident).unwrap();
    assert!(r.policy.annual_cap.is_none() && !r.warnings.is_empty());
}

/// Without a regional figure, temporary travellers get the national bound of 医保发〔2022〕22号
/// (referral and emergency −10 points, other temporary −20), cited and flagged; it used to be a
/// dead end (`figure_missing`) for every temporary traveller insured in most packs' regions.
#[test]
fn temporary_travellers_without_a_regional_figure_get_the_national_bound() {
    let pack = policy::by_id("110000-employee-2023").unwrap();
    for (filing, points) in [
        (FilingStatus::Referral, "10"),
        (FilingStatus::Emergency, "10"),
        (FilingStatus::OtherTemporary, "20"),
    ] {
        let r = resolve(pack, Person::Active, 3, 1, filing).unwrap();
        let adj = r.policy.filing_adjustment[&filing];
        assert!(
            matches!(adj, Adjustment::MinusPoints(p) if p.value().to_string() == points),
            "{filing:?}: {adj:?}"
        );
        assert!(r.adjustment_note.is_some());
        assert!(
            r.sources
                .iter()
                .any(|s| s.citation.contains("医保发〔2022〕22号"))
        );
    }
    // A sourced regional figure wins over the national bound (苏州 ×0.8).
    let suzhou = policy::for_region("320500", Scheme::Resident).unwrap();
    let r = resolve(suzhou, Person::Student, 3, 1, FilingStatus::OtherTemporary).unwrap();
    assert!(r.adjustment_note.is_none());
}

#[test]
fn suzhou_other_temporary_is_four_fifths() {
    let pack = policy::for_region("320500", Scheme::Resident).unwrap();
    let r = resolve(pack, Person::Student, 3, 2, FilingStatus::OtherTemporary).unwrap();
    assert_eq!(r.policy.deductible.display(), "250.00");
    let adj = r.policy.filing_adjustment[&FilingStatus::OtherTemporary];
    assert!(matches!(adj, Adjustment::Multiply(f) if f.to_string() == "0.8"));
}

#[test]
fn bengbu_referral_out_of_province_has_its_own_deductible() {
    let pack = policy::for_region("340300", Scheme::Resident).unwrap();
    let r = resolve(pack, Person::Adult, 1, 1, FilingStatus::Referral).unwrap();
    assert_eq!(r.policy.deductible.display(), "2500.00");
}

#[test]
fn filing_rules_come_from_the_packs() {
    let suzhou = policy::filing_rules("320500");
    assert_eq!(suzhou.temporary_validity_months, 12);
    assert!(suzhou.source.is_some());
    let shanghai = policy::no_filing_needed(&suzhou, "310000", Visit::Outpatient).unwrap();
    assert!(shanghai.note.contains("80%"));
    assert!(policy::no_filing_needed(&suzhou, "310000", Visit::Inpatient).is_none());
    // No pack: the national defaults, unsourced.
    let elsewhere = policy::filing_rules("430300");
    assert_eq!(elsewhere, policy::FilingRules::default());
}

#[test]
fn pack_json_is_canonical_and_hashed() {
    for pack in policy::bundled() {
        let value: serde_json::Value = serde_json::from_str(pack.json_text()).unwrap();
        assert_eq!(value.to_string(), pack.json_text());
        assert_eq!(value["id"], pack.id());
    }
}

/// 常州 居民 (市政府网站, 2022): 未成年居民/高校大学生 and other residents differ by level.
#[test]
fn changzhou_residents_follow_the_city_page() {
    let pack = policy::for_region("320400", Scheme::Resident).unwrap();
    for (person, level, deductible, ratio) in [
        (Person::Adult, 3, "800.00", "0.75"),
        (Person::Child, 3, "400.00", "0.85"),
        (Person::Student, 1, "200.00", "0.95"),
        (Person::Adult, 2, "400.00", "0.85"),
    ] {
        let r = resolve(pack, person, level, 1, FilingStatus::LongTermResident).unwrap();
        assert_eq!(
            r.policy.deductible.display(),
            deductible,
            "{person:?} {level}"
        );
        assert_eq!(r.policy.bands.as_slice()[0].ratio.to_string(), ratio);
        assert!(r.sources.iter().any(|s| s.address.is_some()));
    }
}

/// 临沂's page gives a rule for temporary trips but none of the city's own figures: the pack
/// carries the source and the rule in words, and asks for the figures instead of guessing them.
#[test]
fn linyi_asks_for_the_figures_it_lacks() {
    for scheme in [Scheme::Employee, Scheme::Resident] {
        let pack = policy::for_region("371300", scheme).unwrap();
        assert!(pack.notes().iter().any(|n| n.contains("10%")));
        let person = if scheme == Scheme::Employee {
            Person::Active
        } else {
            Person::Adult
        };
        let err = resolve(pack, person, 3, 1, FilingStatus::OtherTemporary).unwrap_err();
        assert_eq!(err.code, "figure_missing");
    }
}
