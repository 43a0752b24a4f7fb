//! From a request to the policy it is estimated under: a bundled pack resolved on the request's
//! facts, or the custom policy as written.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::compute::ClassB;
use super::request::{EstimateRequest, PolicyChoice};
use crate::error::CoreError;
use crate::policy::{self, PackSet, ResolvedPolicy, Selector};
use crate::region;

/// Which policy an estimate used, as the result shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyInfo {
    /// The pack id, or `custom`.
    pub id: String,
    /// The sources of the figures used, or a note that the user gave them.
    pub source: String,
    /// The year the figures are in force; `None` for a custom policy.
    pub effective: Option<String>,
}

/// The policy for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved<'r> {
    pub policy: Cow<'r, ResolvedPolicy>,
    pub info: PolicyInfo,
    pub class_b: ClassB,
    pub warnings: Vec<String>,
    /// The national-bound note of [`crate::policy::Resolution::adjustment_note`].
    pub adjustment_note: Option<String>,
}

fn missing(field: &str, what: &str) -> CoreError {
    CoreError::new(
        "missing_field",
        format!("使用政策包估算时需要填写{what}（{field}）"),
    )
    .at(field)
}

/// A region given in the request must be a pooling region we know (`region_format`,
/// `unknown_region`).
fn check_region(code: &Option<String>, field: &str) -> Result<(), CoreError> {
    match code {
        Some(code) => region::parse(code).map(|_| ()).map_err(|e| e.at(field)),
        None => Ok(()),
    }
}

/// Checks the request's facts and resolves its policy. Errors: `region_format`,
/// `unknown_region`, `level_invalid`,
/// `admission_invalid`, `unknown_pack`, `missing_field`, `region_mismatch`, and the pack's own.
pub fn resolve(request: &EstimateRequest) -> Result<Resolved<'_>, CoreError> {
    resolve_in(request, policy::bundled())
}

/// [`resolve`] with the packs of `packs` (the bundled ones and those read at run time).
pub fn resolve_in<'r>(
    request: &'r EstimateRequest,
    packs: &PackSet,
) -> Result<Resolved<'r>, CoreError> {
    check_region(&request.insured_region, "insured_region")?;
    check_region(&request.treatment_region, "treatment_region")?;
    if let Some(level) = request.hospital_level
        && !(1..=3).contains(&level)
    {
        return Err(CoreError::new(
            "level_invalid",
            "医院等级应为 1、2 或 3（一级、二级、三级）",
        )
        .at("hospital_level"));
    }
    if request.admission == Some(0) {
        return Err(
            CoreError::new("admission_invalid", "住院次数从 1 开始（本年第几次住院）")
                .at("admission"),
        );
    }
    let id = match &request.policy {
        PolicyChoice::Custom(policy) => {
            return Ok(Resolved {
                policy: Cow::Borrowed(policy),
                info: PolicyInfo {
                    id: "custom".to_owned(),
                    source: "用户填写的政策参数（自定义政策）".to_owned(),
                    effective: None,
                },
                class_b: ClassB::FullyEligible,
                warnings: Vec::new(),
                adjustment_note: None,
            });
        }
        PolicyChoice::Pack(id) => id,
    };
    let pack = packs.by_id(id).ok_or_else(|| {
        CoreError::new(
            "unknown_pack",
            format!(
                "没有编号为「{}」的政策包；可用 `yidi policies` 查看全部政策包",
                id.chars().take(40).collect::<String>()
            ),
        )
        .at("policy")
    })?;
    if let Some(insured) = &request.insured_region
        && insured != pack.region()
    {
        return Err(CoreError::new(
            "region_mismatch",
            format!(
                "政策包 {} 属于统筹区 {}，与参保地 {insured} 不一致",
                pack.id(),
                pack.region()
            ),
        )
        .at("insured_region"));
    }
    let selector = Selector {
        scheme: request.scheme.ok_or_else(|| missing("scheme", "险种"))?,
        person: request
            .person
            .ok_or_else(|| missing("person", "人员类别"))?,
        visit: request.visit.ok_or_else(|| missing("visit", "就医类型"))?,
        hospital_level: request
            .hospital_level
            .ok_or_else(|| missing("hospital_level", "医院等级"))?,
        admission: request
            .admission
            .ok_or_else(|| missing("admission", "本年第几次住院"))?,
        filing: request.filing,
        treatment_region: request.treatment_region.as_deref(),
    };
    let resolution = pack.resolve(&selector)?;
    let source = resolution
        .sources
        .iter()
        .map(|s| s.describe())
        .collect::<Vec<_>>()
        .join("；");
    Ok(Resolved {
        policy: Cow::Owned(resolution.policy),
        info: PolicyInfo {
            id: pack.id().to_owned(),
            source,
            effective: Some(pack.effective().to_owned()),
        },
        class_b: ClassB::MustBeSourced,
        warnings: resolution.warnings,
        adjustment_note: resolution.adjustment_note,
    })
}
