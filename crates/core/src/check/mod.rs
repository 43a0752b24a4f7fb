//! The eligibility check (`contracts/estimate.md`, "check"): from a person's situation to the
//! filing category, whether and how to file, and what to watch out for.

mod category;
mod guidance;
mod request;
mod result;

pub use category::usual as usual_category;
pub use request::{CheckRequest, Situation, parse_request};
pub use result::{CheckResult, MaterialNeed, Validity};

use crate::domain::{FilingCategory, FilingClass};
use crate::error::CoreError;
use crate::filing::{commitment_allowed_by, materials_for};
use crate::policy::{FilingRules, filing_rules};
use crate::region::{self, Region};

/// The national notice the categories, materials and 视同备案 come from.
const NATIONAL_SOURCE: &str = "国家医保局 财政部《关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》（医保发〔2022〕22号）";

/// Checks the facts and answers. Errors: `region_format` / `unknown_region` (field
/// `insured_region` or `treatment_region`), `person_scheme_mismatch` (field `person`).
pub fn check(req: &CheckRequest) -> Result<CheckResult, CoreError> {
    let insured = region::parse(&req.insured_region).map_err(|e| e.at("insured_region"))?;
    let treatment = region::parse(&req.treatment_region).map_err(|e| e.at("treatment_region"))?;
    request::check_person(req.scheme, req.person)?;
    Ok(answer(req, insured, treatment, &filing_rules(insured.code)))
}

/// The answer for checked regions under the insured region's filing rules.
fn answer(
    req: &CheckRequest,
    insured: &Region,
    treatment: &Region,
    rules: &FilingRules,
) -> CheckResult {
    let mut sources = vec![
        NATIONAL_SOURCE.to_owned(),
        format!(
            "{}（{}）",
            crate::chronic::SOURCE,
            crate::chronic::SOURCE_YEAR
        ),
        format!(
            "{}（{}）",
            crate::hotline::SOURCE,
            crate::hotline::SOURCE_YEAR
        ),
    ];
    let destinations = rules.no_filing_destinations.iter();
    for source in rules.source.iter().chain(destinations.map(|d| &d.source)) {
        if !sources.contains(source) {
            sources.push(source.clone());
        }
    }

    if insured.province_code == treatment.province_code {
        return CheckResult {
            cross_province: false,
            category: None,
            class: None,
            must_file: false,
            treated_as_filed: false,
            validity: None,
            materials: Vec::new(),
            commitment_allowed: false,
            late_filing: String::new(),
            channels: guidance::INTRA_PROVINCE_CHANNELS
                .map(str::to_owned)
                .to_vec(),
            warnings: Vec::new(),
            reason: guidance::INTRA_PROVINCE_REASON.to_owned(),
            sources,
        };
    }

    let (category, reason) = category::derive(req);
    let emergency = category == FilingCategory::Emergency;
    let validity = match category.class() {
        _ if emergency => None,
        FilingClass::LongTerm => Some(Validity::LongTerm),
        FilingClass::Temporary => Some(Validity::Months(rules.temporary_validity_months)),
    };
    let materials = materials_for(category)
        .iter()
        .map(|m| MaterialNeed {
            code: m.code.to_owned(),
            name: m.name_zh.to_owned(),
            alternative_to: m.alternative_to.map(str::to_owned),
        })
        .collect();
    CheckResult {
        cross_province: true,
        category: Some(category),
        class: Some(category.class()),
        must_file: !emergency,
        treated_as_filed: emergency,
        validity,
        materials,
        commitment_allowed: commitment_allowed_by(category, rules),
        late_filing: guidance::late_filing(category, req.already_admitted).to_owned(),
        channels: guidance::CHANNELS.map(str::to_owned).to_vec(),
        warnings: category::switched(req.situation, category)
            .into_iter()
            .chain(guidance::warnings(category, treatment, rules))
            .collect(),
        reason: reason.to_owned(),
        sources,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Person, Scheme, Visit};
    use crate::policy::NoFilingDestination;

    fn req(situation: Situation) -> CheckRequest {
        CheckRequest {
            insured_region: "320500".into(),
            treatment_region: "310000".into(),
            scheme: Scheme::Employee,
            person: Person::Active,
            situation,
            hukou_moved: false,
            already_admitted: false,
        }
    }

    fn regions() -> (&'static Region, &'static Region) {
        (
            region::by_code("320500").unwrap(),
            region::by_code("310000").unwrap(),
        )
    }

    #[test]
    fn a_region_that_refuses_commitment_turns_it_off() {
        let (from, to) = regions();
        let rules = FilingRules {
            commitment_accepted: false,
            ..FilingRules::default()
        };
        assert!(!answer(&req(Situation::Living), from, to, &rules).commitment_allowed);
        assert!(
            answer(&req(Situation::Living), from, to, &FilingRules::default()).commitment_allowed
        );
    }

    #[test]
    fn the_region_sets_the_temporary_validity_and_its_source() {
        let (from, to) = regions();
        let rules = FilingRules {
            temporary_validity_months: 12,
            source: Some("苏州医保 2024".into()),
            ..FilingRules::default()
        };
        let r = answer(&req(Situation::Travel), from, to, &rules);
        assert_eq!(r.validity, Some(Validity::Months(12)));
        assert_eq!(r.sources.last().map(String::as_str), Some("苏州医保 2024"));
    }

    #[test]
    fn no_filing_destinations_are_named() {
        let (from, to) = regions();
        let rules = FilingRules {
            no_filing_destinations: vec![NoFilingDestination {
                treatment_region: "310000".into(),
                visits: vec![Visit::Outpatient],
                note: "按参保地待遇的80%结算".into(),
                source: "苏州医保".into(),
            }],
            ..FilingRules::default()
        };
        let r = answer(&req(Situation::Travel), from, to, &rules);
        assert!(
            r.warnings
                .iter()
                .any(|w| w.contains("上海市看门诊可以不用备案"))
        );
        assert!(r.sources.contains(&"苏州医保".to_owned()));
        let guangzhou = region::by_code("440100").unwrap();
        let r = answer(&req(Situation::Travel), from, guangzhou, &rules);
        assert!(!r.warnings.iter().any(|w| w.contains("不用备案")));
    }
}
