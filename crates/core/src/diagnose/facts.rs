//! The facts a person gives at the counter (`contracts/diagnose.md`, "Facts"), read from JSON
//! with errors that name the field, the same way as the estimate request.
//!
//! Only the two regions, `visit` and `stage` are required. Every other fact may be absent or
//! `null`, which means "不知道" — except `filing`, where the contract reads absent or `null` as
//! "not filed", and `emergency`, where absent or `null` is "no" (the contract gives it no unknown
//! state; an emergency is something the person knows). "Filed, but I do not know its state" is
//! `"filing": {}`.

use serde::Deserialize;

use crate::chronic::ChronicDisease;
use crate::domain::{Scheme, Visit, choices};
use crate::error::CoreError;
use crate::region::{self, Province, Region};

choices! {
    /// The kind of care, as the person knows it. Local to the diagnosis: `domain::Visit` has no
    /// pharmacy, and a pharmacy purchase (购药) is a visit of its own at the counter. The labels
    /// are the answers of the `/why` question "看病的类型".
    pub enum VisitKind in "看病的类型" {
        Inpatient = "inpatient", "住院", "Inpatient stay";
        Outpatient = "outpatient", "看普通门诊", "Outpatient visit";
        ChronicOutpatient = "chronic_outpatient", "看门诊慢特病", "Chronic-condition outpatient";
        /// 定点药店购药
        Pharmacy = "pharmacy", "在药店买药", "Pharmacy purchase";
    }
}

impl VisitKind {
    /// The visit the estimate prices this as: the estimate has no pharmacy, and a pharmacy
    /// purchase is paid under the outpatient rules.
    pub fn estimate_visit(self) -> Visit {
        match self {
            VisitKind::Inpatient => Visit::Inpatient,
            VisitKind::Outpatient | VisitKind::Pharmacy => Visit::Outpatient,
            VisitKind::ChronicOutpatient => Visit::ChronicOutpatient,
        }
    }
}

choices! {
    /// Where the person is in the visit: it decides what can still be mended before the bill is
    /// settled.
    pub enum Stage in "结算进度" {
        /// Not treated yet: everything can still be arranged.
        BeforeVisit = "before_visit", "还没去看病", "Not treated yet";
        /// In hospital, or at the counter with the bill not settled.
        InHospital = "in_hospital", "正在住院或看病，还没结算", "In hospital, bill not settled";
        /// Discharged, but the bill is not settled yet.
        DischargedUnsettled = "discharged_unsettled", "已经出院，还没结算", "Discharged, bill not settled";
        /// The bill is settled and the person paid it all: only a manual claim (or 补记账) is left.
        SettledPaidSelf = "settled_paid_self", "已经结算，自己付了全款", "Settled, paid it all myself";
    }
}

choices! {
    /// The state of a filing, as the national app shows it (已生效, 审核中, 已过期, 已取消); the
    /// labels say it as a person answering "办了备案吗" does.
    pub enum FilingState in "备案状态" {
        InEffect = "in_effect", "备案了，已经生效", "Filed, in effect";
        Pending = "pending", "备案了，还在审核", "Filed, under review";
        Expired = "expired", "备案过期了", "Filing expired";
        /// 已取消 / 已撤销: no filing any more.
        Cancelled = "cancelled", "备案取消了", "Filing cancelled";
    }
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

impl FilingFact {
    /// A filing in `state` naming the pooling region `place` (the province is what counts).
    pub fn naming(state: Option<FilingState>, place: Option<&'static Region>) -> FilingFact {
        FilingFact {
            state,
            place: place.and_then(|r| region::province(r.province_code)),
        }
    }
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

impl Facts {
    /// The facts with only the required ones given: the regions (codes, checked here; errors
    /// name the field), the kind of visit and the stage. Everything else is unknown, not filed
    /// and no emergency, until set.
    pub fn new(
        insured_region: &str,
        treatment_region: &str,
        visit: VisitKind,
        stage: Stage,
    ) -> Result<Facts, CoreError> {
        Ok(Facts {
            insured_region: region::parse(insured_region).map_err(|e| e.at("insured_region"))?,
            treatment_region: region::parse(treatment_region)
                .map_err(|e| e.at("treatment_region"))?,
            scheme: None,
            visit,
            chronic_disease: None,
            chronic_certified: None,
            emergency: false,
            filing: None,
            networked: None,
            credential_shown: None,
            insurance_active: None,
            stage,
        })
    }
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
    let facts = Facts::new(
        &input.insured_region,
        &input.treatment_region,
        input.visit,
        input.stage,
    )?;
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
        scheme: input.scheme,
        chronic_disease: input.chronic_disease,
        chronic_certified: input.chronic_certified,
        emergency: input.emergency.unwrap_or(false),
        filing,
        networked: input.networked,
        credential_shown: input.credential_shown,
        insurance_active: input.insurance_active,
        ..facts
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The SPA builds its facts with the constructors: they must read as the JSON would.
    #[test]
    fn constructors_read_as_the_json() {
        let json = r#"{"insured_region":"320500","treatment_region":"440100",
            "visit":"inpatient","stage":"in_hospital",
            "filing":{"state":"in_effect","treatment_region":"440100"}}"#;
        let built = Facts {
            filing: Some(FilingFact::naming(
                Some(FilingState::InEffect),
                region::by_code("440100"),
            )),
            ..Facts::new("320500", "440100", VisitKind::Inpatient, Stage::InHospital).unwrap()
        };
        assert_eq!(parse_facts(json), Ok(built));
        let bad = Facts::new("320500", "999999", VisitKind::Inpatient, Stage::InHospital);
        assert_eq!(bad.unwrap_err().field.as_deref(), Some("treatment_region"));
    }

    #[test]
    fn a_pharmacy_purchase_is_estimated_as_outpatient() {
        assert_eq!(VisitKind::Pharmacy.estimate_visit(), Visit::Outpatient);
        assert_eq!(VisitKind::Inpatient.estimate_visit(), Visit::Inpatient);
    }
}
