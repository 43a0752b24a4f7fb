//! The proof documents (材料) each filing category asks for, besides the identity card, social
//! security card or 医保电子凭证 that every filing needs.
//!
//! Source: 医保发〔2022〕22号 as restated by local offices (see `shared/domain.md`, "Materials").
//! The 个人承诺书 is not listed here: the application's `commitment` flag says it replaces the
//! proofs, so there is one place that says so, not two.

use serde::Serialize;

use crate::domain::FilingCategory;
use crate::policy::{FilingRules, filing_rules};

/// One document. A material with `alternative_to: Some(code)` may be given instead of the
/// material with that code; a material with `alternative_to: None` is required unless one of its
/// alternatives is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Material {
    /// Stable code, stored in filings.
    pub code: &'static str,
    pub name_zh: &'static str,
    pub alternative_to: Option<&'static str>,
}

const fn required(code: &'static str, name_zh: &'static str) -> Material {
    Material {
        code,
        name_zh,
        alternative_to: None,
    }
}

const fn instead_of(code: &'static str, name_zh: &'static str, of: &'static str) -> Material {
    Material {
        code,
        name_zh,
        alternative_to: Some(of),
    }
}

/// 异地安置退休: the household register shows the move (户籍迁入安置地).
const RESETTLED: &[Material] = &[
    required("hukou_first_page", "户口簿首页"),
    required(
        "household_register_page",
        "本人常住人口登记卡（户口簿本人页）",
    ),
];

/// 异地长期居住: a residence permit, or a residence certificate from the community.
const LONG_TERM_RESIDENT: &[Material] = &[
    required("residence_permit", "居住证"),
    instead_of(
        "residence_certificate",
        "社区（居委会）出具的居住证明",
        "residence_permit",
    ),
];

/// 常驻异地工作: any one of three documents about the work.
const POSTED_WORKER: &[Material] = &[
    required("employer_dispatch_letter", "单位派出证明"),
    instead_of(
        "work_unit_certificate",
        "异地工作单位证明",
        "employer_dispatch_letter",
    ),
    instead_of("labour_contract", "工作合同", "employer_dispatch_letter"),
];

/// 异地转诊: from a designated hospital with referral rights (county level or above).
const REFERRAL: &[Material] = &[required(
    "referral_certificate",
    "参保地县级及以上定点医院开具的转诊转院证明",
)];

/// The proof documents of a category. Empty for 其他临时外出 (the 备案表 alone) and for 急诊抢救
/// (视同已备案: nothing to file).
pub fn materials_for(category: FilingCategory) -> &'static [Material] {
    match category {
        FilingCategory::ResettledRetiree => RESETTLED,
        FilingCategory::LongTermResident => LONG_TERM_RESIDENT,
        FilingCategory::PostedWorker => POSTED_WORKER,
        FilingCategory::Referral => REFERRAL,
        FilingCategory::Emergency | FilingCategory::OtherTemporary => &[],
    }
}

/// Whether the category lets a 个人承诺书 replace its proofs: the three long-term categories, per
/// 医保发〔2022〕22号. Whether the insured region accepts it is a separate, per-region question
/// ([`crate::policy::FilingRules::commitment_accepted`]).
pub fn category_allows_commitment(category: FilingCategory) -> bool {
    matches!(
        category,
        FilingCategory::ResettledRetiree
            | FilingCategory::LongTermResident
            | FilingCategory::PostedWorker
    )
}

/// Whether a 个人承诺书 may replace the proofs of a filing in `category` insured in
/// `insured_region` (6-digit code): the category allows it and the region accepts it. The one
/// answer the check, the validation and the form give.
pub fn commitment_allowed(category: FilingCategory, insured_region: &str) -> bool {
    commitment_allowed_by(category, &filing_rules(insured_region.trim()))
}

/// [`commitment_allowed`] under filing rules already looked up.
pub(crate) fn commitment_allowed_by(category: FilingCategory, rules: &FilingRules) -> bool {
    category_allows_commitment(category) && rules.commitment_accepted
}

/// The required materials of `category` that the given codes leave unmet: a required material
/// is met by itself or by any of its alternatives.
pub fn missing(category: FilingCategory, given: &[&str]) -> Vec<&'static Material> {
    let list = materials_for(category);
    list.iter()
        .filter(|m| m.alternative_to.is_none())
        .filter(|m| {
            !list.iter().any(|alt| {
                (alt.code == m.code || alt.alternative_to == Some(m.code))
                    && given.contains(&alt.code)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternatives_point_at_a_required_material_of_the_same_category() {
        for c in FilingCategory::ALL {
            let list = materials_for(c);
            for m in list {
                if let Some(of) = m.alternative_to {
                    let target = list.iter().find(|t| t.code == of).expect(m.code);
                    assert_eq!(target.alternative_to, None);
                }
            }
        }
    }

    #[test]
    fn one_alternative_meets_the_requirement() {
        let c = FilingCategory::PostedWorker;
        assert_eq!(missing(c, &["labour_contract"]), Vec::<&Material>::new());
        assert_eq!(missing(c, &[])[0].code, "employer_dispatch_letter");
        let r = FilingCategory::ResettledRetiree;
        assert_eq!(
            missing(r, &["hukou_first_page"])[0].code,
            "household_register_page"
        );
        assert!(missing(FilingCategory::OtherTemporary, &[]).is_empty());
    }
}
