//! The facts a person gives at the counter (`contracts/diagnose.md`, "Facts"), read from JSON
//! with errors that name the field, the same way as the estimate request.
//!
//! Only the two regions, `visit` and `stage` are required. Every other fact may be absent or
//! `null`, which means "不知道" — except `filing`, where the contract reads absent or `null` as
//! "not filed", and `emergency`, where absent or `null` is "no" (the contract gives it no unknown
//! state; an emergency is something the person knows). "Filed, but I do not know its state" is
//! `"filing": {}`.

use serde::{Deserialize, Serialize};

use crate::chronic::ChronicDisease;
use crate::domain::Scheme;
use crate::error::CoreError;
use crate::region::{self, Province, Region};

/// The kind of care, as the person knows it. Local to the diagnosis: `domain::Visit` has no
/// pharmacy, and a pharmacy purchase (购药) is a visit of its own at the counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitKind {
    /// 住院
    Inpatient,
    /// 普通门诊
    Outpatient,
    /// 门诊慢特病
    ChronicOutpatient,
    /// 定点药店购药
    Pharmacy,
}

/// Where the person is in the visit: it decides what can still be mended before the bill is
/// settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Not treated yet: everything can still be arranged.
    BeforeVisit,
    /// In hospital, or at the counter with the bill not settled.
    InHospital,
    /// Discharged, but the bill is not settled yet.
    DischargedUnsettled,
    /// The bill is settled and the person paid it all: only a manual claim (or 补记账) is left.
    SettledPaidSelf,
}

/// The state of a filing, as the national app shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FilingState {
    /// 已生效
    InEffect,
    /// 审核中
    Pending,
    /// 已过期
    Expired,
    /// 已取消 / 已撤销: no filing any more.
    Cancelled,
}

/// A filing the person says they have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FilingFact {
    /// `None`: the person does not know its state.
    pub state: Option<FilingState>,
    /// The province the filing names (a filing may name a city or a whole province; what
    /// decides cross-province settlement is the province). `None`: unknown.
    pub place: Option<&'static Province>,
}

/// Checked facts: regions are known pooling regions, every choice is one of the contract's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    pub insured_region: &'static Region,
    pub treatment_region: &'static Region,
    /// Read and checked (a wrong value is an error) but no check turns on it: the national rules
    /// of cross-province direct settlement are the same for both schemes.
    pub scheme: Option<Scheme>,
    pub visit: VisitKind,
    /// Read for `chronic_outpatient` only.
    pub chronic_disease: Option<ChronicDisease>,
    pub chronic_certified: Option<bool>,
    pub emergency: bool,
    /// `None`: not filed.
    pub filing: Option<FilingFact>,
    pub networked: Option<bool>,
    pub credential_shown: Option<bool>,
    pub insurance_active: Option<bool>,
    pub stage: Stage,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FactsInput {
    insured_region: String,
    treatment_region: String,
    #[serde(default)]
    scheme: Option<Scheme>,
    visit: VisitKind,
    #[serde(default)]
    chronic_disease: Option<ChronicDisease>,
    #[serde(default)]
    chronic_certified: Option<bool>,
    #[serde(default)]
    emergency: Option<bool>,
    #[serde(default)]
    filing: Option<FilingInput>,
    #[serde(default)]
    networked: Option<bool>,
    #[serde(default)]
    credential_shown: Option<bool>,
    #[serde(default)]
    insurance_active: Option<bool>,
    stage: Stage,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FilingInput {
    #[serde(default)]
    state: Option<FilingState>,
    #[serde(default)]
    treatment_region: Option<String>,
}

/// Reads and checks the facts. Errors, each with the JSON path in `field`: `json_syntax`,
/// `json_truncated`, `invalid_type` (also for a top-level array), `missing_field`,
/// `unknown_field`, `unknown_scheme`, `unknown_visit`, `unknown_stage`, `unknown_filing_state`,
/// `unknown_chronic_disease`, `region_format` and `unknown_region`. Never panics: this is the
/// entry point fuzzers and the CLI call.
pub fn parse_facts(json: &str) -> Result<Facts, CoreError> {
    // serde would read a struct from an array too, and then blame its first element.
    if json.trim_start().starts_with('[') {
        return Err(CoreError::new(
            "invalid_type",
            "情况说明应为 JSON 对象（{…}），不是数组",
        ));
    }
    let input: FactsInput = crate::validate::from_json(json).map_err(name_the_choice)?;
    let insured_region =
        region::parse(&input.insured_region).map_err(|e| e.at("insured_region"))?;
    let treatment_region =
        region::parse(&input.treatment_region).map_err(|e| e.at("treatment_region"))?;
    let filing = match input.filing {
        None => None,
        Some(f) => Some(FilingFact {
            state: f.state,
            place: f
                .treatment_region
                .as_deref()
                .map(filing_place)
                .transpose()
                .map_err(|e| e.at("filing.treatment_region"))?,
        }),
    };
    Ok(Facts {
        insured_region,
        treatment_region,
        scheme: input.scheme,
        visit: input.visit,
        chronic_disease: input.chronic_disease,
        chronic_certified: input.chronic_certified,
        emergency: input.emergency.unwrap_or(false),
        filing,
        networked: input.networked,
        credential_shown: input.credential_shown,
        insurance_active: input.insurance_active,
        stage: input.stage,
    })
}

/// A filing names a pooling region (`440100`) or a whole province (`440000`).
fn filing_place(code: &str) -> Result<&'static Province, CoreError> {
    let trimmed = code.trim();
    if trimmed.len() == 6
        && trimmed.ends_with("0000")
        && let Some(p) = region::province(trimmed)
    {
        return Ok(p);
    }
    let r = region::parse(trimmed)?;
    region::province(r.province_code).ok_or_else(|| {
        CoreError::new(
            "unknown_region",
            "没有找到这个地区所在的省份，请从列表中选择",
        )
    })
}

/// The shared JSON reader names only some choices (`unknown_scheme`); the diagnosis' own choices
/// get their own codes, so a script can tell a bad `stage` from a bad `visit`.
fn name_the_choice(e: CoreError) -> CoreError {
    if e.code != "unknown_value" {
        return e;
    }
    let last = e
        .field
        .as_deref()
        .map(|f| f.rsplit('.').next().unwrap_or(f));
    let code = match last {
        Some("visit") => "unknown_visit",
        Some("stage") => "unknown_stage",
        Some("state") => "unknown_filing_state",
        Some("chronic_disease") => "unknown_chronic_disease",
        _ => return e,
    };
    CoreError {
        code: code.to_owned(),
        ..e
    }
}
