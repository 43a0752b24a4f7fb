//! A policy pack: one pooling region's sourced figures for one scheme and year, as a JSON data
//! file in `crates/core/packs/`. Every figure is a rule (`when` it applies, its `value`, the key
//! of its `source`, its `effective` year); the first rule that matches wins. A figure nobody
//! sourced has no rule, and resolving it fails with `figure_missing` so the user is asked for it
//! (the `custom` path) instead of the app inventing one.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::ratio::Points;
use super::resolved::{Adjustment, AdjustmentDoc, Bands, ClassName, ClassRule, ResolvedPolicy};
use crate::domain::{FilingStatus, Person, Scheme, Visit};
use crate::error::CoreError;
use crate::money::Money;

/// A bundled pack: its parsed figures, its canonical JSON and that JSON's SHA-256.
#[derive(Debug)]
pub struct PolicyPack {
    doc: PackDoc,
    json: String,
    sha256: String,
}

/// What `GET /api/policies` and `yidi policies` list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackSummary {
    pub id: String,
    pub name: String,
    pub region: String,
    pub region_name: String,
    pub scheme: Scheme,
    pub effective: String,
    pub version: u32,
    pub sha256: String,
    pub sources: Vec<String>,
}

/// Where a figure comes from. `address` is absent where the page's address was not recorded;
/// `citation` then says honestly what the source is (e.g. "third-party restatement, 2022").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// `gov`, `news`, `hospital`, `third_party`, `seed` (a seed page of the project), `national`.
    pub kind: String,
    pub citation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Year of publication, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<String>,
}

/// The combinations a pack claims to cover; tests resolve every one of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Supports {
    pub persons: Vec<Person>,
    pub visits: Vec<Visit>,
    pub levels: Vec<u8>,
    pub admissions: Vec<u32>,
    pub filings: Vec<FilingStatus>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PackDoc {
    pub id: String,
    pub name: String,
    pub region: String,
    pub region_name: String,
    pub scheme: Scheme,
    pub effective: String,
    pub version: u32,
    pub sources: BTreeMap<String, Source>,
    #[serde(default)]
    pub notes: Vec<String>,
    pub supports: Supports,
    #[serde(default)]
    pub deductible: Vec<Rule<Money>>,
    #[serde(default)]
    pub bands: Vec<Rule<Bands>>,
    #[serde(default)]
    pub annual_cap: Vec<Rule<Money>>,
    #[serde(default)]
    pub classes: Vec<Rule<BTreeMap<ClassName, ClassRule>>>,
    #[serde(default)]
    pub filing_adjustment: Vec<Rule<AdjustmentDoc>>,
    #[serde(default)]
    pub filing_rules: Option<super::filing_rules::PackFilingRules>,
}

/// One sourced figure and when it applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Rule<T> {
    #[serde(default)]
    pub when: When,
    pub value: T,
    pub source: String,
    pub effective: String,
}

/// Conditions; an empty list or an absent bound matches anything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct When {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub person: Vec<Person>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub visit: Vec<Visit>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub level: Vec<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admission_from: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admission_to: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub filing: Vec<FilingStatus>,
    /// Treatment regions by 6-digit code; a province code (`310000`) covers its cities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub treatment_region: Vec<String>,
}

/// The facts a pack resolves on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selector<'a> {
    pub scheme: Scheme,
    pub person: Person,
    pub visit: Visit,
    pub hospital_level: u8,
    pub admission: u32,
    pub filing: FilingStatus,
    pub treatment_region: Option<&'a str>,
}

/// A resolved policy with the sources of the figures used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution<'p> {
    pub policy: ResolvedPolicy,
    /// Citations of the figures used, each once, in order of use.
    pub sources: Vec<&'p Source>,
    /// Things the person should know about these figures (e.g. no sourced cap).
    pub warnings: Vec<String>,
    /// Set when the filing category's adjustment is the national bound, not the region's own.
    pub adjustment_note: Option<&'static str>,
}

/// Whether a treatment region code falls under a rule's code (itself, or its province).
pub(crate) fn region_matches(rule: &str, region: &str) -> bool {
    rule == region || (rule.ends_with("0000") && region.get(..2) == rule.get(..2))
}

impl When {
    fn matches(&self, s: &Selector<'_>, filing: FilingStatus) -> bool {
        (self.person.is_empty() || self.person.contains(&s.person))
            && (self.visit.is_empty() || self.visit.contains(&s.visit))
            && (self.level.is_empty() || self.level.contains(&s.hospital_level))
            && self.admission_from.is_none_or(|from| s.admission >= from)
            && self.admission_to.is_none_or(|to| s.admission <= to)
            && (self.filing.is_empty() || self.filing.contains(&filing))
            && (self.treatment_region.is_empty()
                || s.treatment_region
                    .is_some_and(|t| self.treatment_region.iter().any(|r| region_matches(r, t))))
    }
}

fn first<'r, T>(
    rules: &'r [Rule<T>],
    s: &Selector<'_>,
    filing: FilingStatus,
) -> Option<&'r Rule<T>> {
    rules.iter().find(|r| r.when.matches(s, filing))
}

impl PolicyPack {
    /// Parses a pack file and checks that every rule cites a source the pack lists.
    pub(crate) fn from_json(text: &str) -> Result<PolicyPack, String> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let json = value.to_string();
        let doc: PackDoc = serde_json::from_value(value).map_err(|e| e.to_string())?;
        let cited = doc
            .deductible
            .iter()
            .map(|r| &r.source)
            .chain(doc.bands.iter().map(|r| &r.source))
            .chain(doc.annual_cap.iter().map(|r| &r.source))
            .chain(doc.classes.iter().map(|r| &r.source))
            .chain(doc.filing_adjustment.iter().map(|r| &r.source))
            .chain(doc.filing_rules.iter().flat_map(|f| f.cited()));
        for key in cited {
            if !doc.sources.contains_key(key) {
                return Err(format!("{}: rule cites unknown source {key}", doc.id));
            }
        }
        for rule in &doc.filing_adjustment {
            rule.value
                .clone()
                .into_adjustment()
                .map_err(|e| format!("{}: {}", doc.id, e.message))?;
        }
        let sha256 = Sha256::digest(json.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok(PolicyPack { doc, json, sha256 })
    }

    pub fn id(&self) -> &str {
        &self.doc.id
    }

    pub fn region(&self) -> &str {
        &self.doc.region
    }

    /// The year the pack's figures are in force, as its sources give it (`未注明` if they do not).
    pub fn effective(&self) -> &str {
        &self.doc.effective
    }

    pub fn name(&self) -> &str {
        &self.doc.name
    }

    pub fn scheme(&self) -> Scheme {
        self.doc.scheme
    }

    pub fn supports(&self) -> &Supports {
        &self.doc.supports
    }

    pub fn sources(&self) -> &BTreeMap<String, Source> {
        &self.doc.sources
    }

    pub fn notes(&self) -> &[String] {
        &self.doc.notes
    }

    /// The pack as canonical JSON (compact, keys sorted): what the server serves and what
    /// `sha256` hashes.
    pub fn json_text(&self) -> &str {
        &self.json
    }

    /// Lower-case hex SHA-256 of `json_text()`.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    pub(crate) fn filing_rules_doc(&self) -> Option<&super::filing_rules::PackFilingRules> {
        self.doc.filing_rules.as_ref()
    }

    pub fn summary(&self) -> PackSummary {
        PackSummary {
            id: self.doc.id.clone(),
            name: self.doc.name.clone(),
            region: self.doc.region.clone(),
            region_name: self.doc.region_name.clone(),
            scheme: self.doc.scheme,
            effective: self.doc.effective.clone(),
            version: self.doc.version,
            sha256: self.sha256.clone(),
            sources: self.doc.sources.values().map(Source::describe).collect(),
        }
    }

    /// Resolves the figures for one estimate. Errors: `scheme_mismatch`, `person_scheme_mismatch`,
    /// `figure_missing` (with the parameter as `field`).
    pub fn resolve(&self, s: &Selector<'_>) -> Result<Resolution<'_>, CoreError> {
        let doc = &self.doc;
        if s.scheme != doc.scheme {
            return Err(CoreError::new(
                "scheme_mismatch",
                format!("政策包 {} 只适用于{}", doc.id, scheme_zh(doc.scheme)),
            )
            .at("scheme"));
        }
        if scheme_of(s.person) != doc.scheme {
            return Err(CoreError::new(
                "person_scheme_mismatch",
                format!(
                    "人员类别与险种不符：{}参保人没有这个类别",
                    scheme_zh(doc.scheme)
                ),
            )
            .at("person"));
        }
        let mut used: Vec<&Source> = Vec::new();
        let mut note = |source: &str| {
            if let Some(src) = doc.sources.get(source)
                && !used.iter().any(|u| std::ptr::eq(*u, src))
            {
                used.push(src);
            }
        };
        let missing = |what: &str, field: &str| {
            CoreError::new(
                "figure_missing",
                format!(
                    "{}没有找到有来源的{what}（{}、{}、{}级医院、第{}次住院）。为免编造，请改用自定义政策，自己填写该项。",
                    doc.name,
                    person_zh(s.person),
                    visit_zh(s.visit),
                    s.hospital_level,
                    s.admission
                ),
            )
            .at(format!("policy.{field}"))
        };

        let deductible =
            first(&doc.deductible, s, s.filing).ok_or_else(|| missing("起付线", "deductible"))?;
        note(&deductible.source);
        let bands = first(&doc.bands, s, s.filing).ok_or_else(|| missing("支付比例", "bands"))?;
        note(&bands.source);
        let mut warnings = Vec::new();
        let annual_cap = match first(&doc.annual_cap, s, s.filing) {
            Some(rule) => {
                note(&rule.source);
                Some(rule.value)
            }
            None => {
                warnings.push(
                    "该政策包没有收录有来源的年度最高支付限额（封顶线），本估算未设封顶；费用很高时请以参保地规定为准。"
                        .to_owned(),
                );
                None
            }
        };
        let classes = match first(&doc.classes, s, s.filing) {
            Some(rule) => {
                note(&rule.source);
                rule.value.clone()
            }
            None => BTreeMap::new(),
        };
        let mut adjustment_note = None;
        match first(&doc.filing_adjustment, s, s.filing) {
            Some(rule) => note(&rule.source),
            None => match national_reduction(s.filing) {
                Some((_, warning)) => {
                    used.push(national_source());
                    adjustment_note = Some(warning);
                }
                None => {
                    let mut e = missing(
                        &format!("「{}」的待遇调整", filing_zh(s.filing)),
                        &format!("filing_adjustment.{}", filing_code(s.filing)),
                    );
                    if s.filing == FilingStatus::None {
                        e.message.push_str(
                            "未备案的，一般需先补办备案或回参保地手工报销，以参保地规定为准。",
                        );
                    }
                    return Err(e);
                }
            },
        }
        let mut filing_adjustment = BTreeMap::new();
        for status in ALL_FILINGS {
            match first(&doc.filing_adjustment, s, status) {
                Some(rule) => {
                    if let Ok(Some(adjustment)) = rule.value.clone().into_adjustment() {
                        filing_adjustment.insert(status, adjustment);
                    }
                }
                None => {
                    if let Some((adjustment, _)) = national_reduction(status) {
                        filing_adjustment.insert(status, adjustment);
                    }
                }
            }
        }
        Ok(Resolution {
            policy: ResolvedPolicy {
                deductible: deductible.value,
                bands: bands.value.clone(),
                annual_cap,
                classes,
                filing_adjustment,
            },
            sources: used,
            warnings,
            adjustment_note,
        })
    }
}

impl Source {
    /// One line: citation, address where known.
    pub fn describe(&self) -> String {
        match &self.address {
            Some(address) => format!("{} <{address}>", self.citation),
            None => self.citation.clone(),
        }
    }
}

/// The national rule for temporary travellers where the region published no figure of its own:
/// 医保发〔2022〕22号 lets the ratio of referral and emergency patients drop "原则上" by at most
/// 10 percentage points, of other temporary travellers by at most 20 (`domain.md`,
/// "Settlement"). The estimate uses that largest drop, so it is the fund's least likely amount,
/// and says so; an unfiled visit has no national figure and stays `figure_missing`.
fn national_reduction(filing: FilingStatus) -> Option<(Adjustment, &'static str)> {
    let (points, warning) = match filing {
        FilingStatus::Referral | FilingStatus::Emergency => (
            10,
            "参保地没有公布这一类的比例调整，按国家规定的最大降幅（降低 10 个百分点）估算，实际报销可能更多。",
        ),
        FilingStatus::OtherTemporary => (
            20,
            "参保地没有公布这一类的比例调整，按国家规定的最大降幅（降低 20 个百分点）估算，实际报销可能更多。",
        ),
        _ => return None,
    };
    Some((Adjustment::MinusPoints(Points::whole(points)), warning))
}

/// The national notice, cited where [`national_reduction`] supplies a figure.
fn national_source() -> &'static Source {
    static NATIONAL: std::sync::OnceLock<Source> = std::sync::OnceLock::new();
    NATIONAL.get_or_init(|| Source {
        kind: "national".to_owned(),
        citation: "国家医保局 财政部《关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》（医保发〔2022〕22号）：临时外出就医人员支付比例原则上降低不超过 10 个（转诊、急诊抢救）或 20 个（其他临时外出）百分点".to_owned(),
        address: None,
        year: Some("2022".to_owned()),
    })
}

const ALL_FILINGS: [FilingStatus; 7] = [
    FilingStatus::ResettledRetiree,
    FilingStatus::LongTermResident,
    FilingStatus::PostedWorker,
    FilingStatus::Referral,
    FilingStatus::Emergency,
    FilingStatus::OtherTemporary,
    FilingStatus::None,
];

fn scheme_of(person: Person) -> Scheme {
    match person {
        Person::Active | Person::Retired => Scheme::Employee,
        Person::Adult | Person::Student | Person::Child => Scheme::Resident,
    }
}

pub fn scheme_zh(scheme: Scheme) -> &'static str {
    match scheme {
        Scheme::Employee => "职工基本医疗保险",
        Scheme::Resident => "城乡居民基本医疗保险",
    }
}

fn person_zh(person: Person) -> &'static str {
    match person {
        Person::Active => "在职",
        Person::Retired => "退休",
        Person::Adult => "成年居民",
        Person::Student => "学生",
        Person::Child => "少儿",
    }
}

fn visit_zh(visit: Visit) -> &'static str {
    match visit {
        Visit::Inpatient => "住院",
        Visit::Outpatient => "普通门诊",
        Visit::ChronicOutpatient => "门诊慢特病",
    }
}

/// The filing status's Chinese name; `none` is 未备案.
pub fn filing_zh(filing: FilingStatus) -> &'static str {
    match filing.category() {
        Some(category) => category.label_zh(),
        None => "未备案",
    }
}

/// The filing status's code name as in JSON.
pub fn filing_code(filing: FilingStatus) -> &'static str {
    match filing {
        FilingStatus::ResettledRetiree => "resettled_retiree",
        FilingStatus::LongTermResident => "long_term_resident",
        FilingStatus::PostedWorker => "posted_worker",
        FilingStatus::Referral => "referral",
        FilingStatus::Emergency => "emergency",
        FilingStatus::OtherTemporary => "other_temporary",
        FilingStatus::None => "none",
    }
}
