//! A policy pack: one pooling region's sourced figures for one scheme and year, as a JSON data
//! file in `crates/core/packs/`. Every figure is a rule (`when` it applies, its `value`, the key
//! of its `source`, its `effective` year); the first rule that matches wins. A figure nobody
//! sourced has no rule, and resolving it fails with `figure_missing` so the user is asked for it
//! (the `custom` path) instead of the app inventing one.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::national::national;
use super::resolved::{Adjustment, AdjustmentDoc, Bands, ClassName, ClassRule, ResolvedPolicy};
use crate::domain::{Choice, FilingStatus, Person, Scheme, Visit};
use crate::error::CoreError;
use crate::money::Money;

/// A checked pack: what it names itself by (with its JSON's SHA-256), its parsed figures and its
/// canonical JSON. The only way to one is [`PolicyPack::parse`], which refuses a pack with any
/// problem.
#[derive(Debug, Clone)]
pub struct PolicyPack {
    summary: PackSummary,
    doc: PackDoc,
    json: String,
}

/// The fields a pack names itself by, in the order [`PackSummary`] lists them: required in a
/// pack file (`validate.rs`) and in every summary (the server's OpenAPI document).
pub const PACK_HEADER: [&str; 8] = [
    "id",
    "name",
    "region",
    "region_name",
    "scheme",
    "effective",
    "version",
    "updated",
];

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
    /// The day the pack's file last changed (`YYYY-MM-DD`).
    pub updated: String,
    pub sha256: String,
    pub sources: Vec<String>,
}

/// Where a figure comes from. `address` is absent where the page's address was not recorded;
/// `citation` then says honestly what the source is (e.g. "third-party restatement, 2022").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// One of [`SOURCE_KINDS`].
    pub kind: String,
    pub citation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Year of publication, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<String>,
}

/// Kinds of source: `gov` (a government site or official reply), `national` (a national
/// document), `news` (official media), `hospital`, `third_party`, `seed` (a seed page of the
/// project).
pub const SOURCE_KINDS: [&str; 6] = ["gov", "national", "news", "hospital", "third_party", "seed"];

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

/// A pack's content beyond its summary, built by the strict reader (`validate.rs`) from parts it
/// read one by one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PackDoc {
    pub sources: BTreeMap<String, Source>,
    pub notes: Vec<String>,
    pub supports: Supports,
    pub deductible: Vec<Rule<Money>>,
    pub bands: Vec<Rule<Bands>>,
    pub annual_cap: Vec<Rule<Money>>,
    pub classes: Vec<Rule<BTreeMap<ClassName, ClassRule>>>,
    pub filing_adjustment: Vec<Rule<AdjustmentDoc>>,
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
    pub adjustment_note: Option<String>,
}

/// Lower-case hex SHA-256 of a pack's canonical JSON: its [`PackSummary::sha256`].
pub(crate) fn digest(json: &str) -> String {
    Sha256::digest(json.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
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
    /// Parses and checks a pack file; every problem is reported, each with the JSON path of its
    /// field (`bands[2].value[1].up_to`). See `crates/core/packs/README.md` for the format.
    pub fn parse(text: &str) -> Result<PolicyPack, Vec<CoreError>> {
        super::validate::parse_pack(text)
    }

    /// A pack from what the validator accepted: its summary (see [`digest`]), the rest of the
    /// document and its canonical JSON.
    pub(crate) fn from_checked(summary: PackSummary, doc: PackDoc, json: String) -> PolicyPack {
        PolicyPack { summary, doc, json }
    }

    pub fn id(&self) -> &str {
        &self.summary.id
    }

    pub fn region(&self) -> &str {
        &self.summary.region
    }

    /// The year the pack's figures are in force, as its sources give it (`未注明` if they do not).
    pub fn effective(&self) -> &str {
        &self.summary.effective
    }

    pub fn name(&self) -> &str {
        &self.summary.name
    }

    pub fn region_name(&self) -> &str {
        &self.summary.region_name
    }

    /// Bumped whenever the figures change; a higher version of the same id replaces a lower one.
    pub fn version(&self) -> u32 {
        self.summary.version
    }

    /// The day the pack's file last changed.
    pub fn updated(&self) -> &str {
        &self.summary.updated
    }

    pub fn scheme(&self) -> Scheme {
        self.summary.scheme
    }

    pub fn supports(&self) -> &Supports {
        &self.doc.supports
    }

    /// Every combination [`Supports`] claims, as selectors (treated in `treatment_region`): what
    /// the strict reader resolves before accepting the pack, and what the tests walk.
    pub fn supported_selectors<'a>(
        &'a self,
        treatment_region: Option<&'a str>,
    ) -> impl Iterator<Item = Selector<'a>> + 'a {
        let s = &self.doc.supports;
        let scheme = self.summary.scheme;
        s.persons.iter().flat_map(move |&person| {
            s.visits.iter().flat_map(move |&visit| {
                s.levels.iter().flat_map(move |&hospital_level| {
                    s.admissions.iter().flat_map(move |&admission| {
                        s.filings.iter().map(move |&filing| Selector {
                            scheme,
                            person,
                            visit,
                            hospital_level,
                            admission,
                            filing,
                            treatment_region,
                        })
                    })
                })
            })
        })
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
        &self.summary.sha256
    }

    pub(crate) fn filing_rules_doc(&self) -> Option<&super::filing_rules::PackFilingRules> {
        self.doc.filing_rules.as_ref()
    }

    pub fn summary(&self) -> PackSummary {
        self.summary.clone()
    }

    /// Resolves the figures for one estimate. Errors: `scheme_mismatch`, `person_scheme_mismatch`,
    /// `figure_missing` (with the parameter as `field`).
    pub fn resolve(&self, s: &Selector<'_>) -> Result<Resolution<'_>, CoreError> {
        let doc = &self.doc;
        let summary = &self.summary;
        if s.scheme != summary.scheme {
            return Err(CoreError::new(
                "scheme_mismatch",
                format!(
                    "政策包 {} 只适用于{}",
                    summary.id,
                    summary.scheme.label_zh()
                ),
            )
            .at("scheme"));
        }
        if s.person.scheme() != summary.scheme {
            return Err(CoreError::new(
                "person_scheme_mismatch",
                format!(
                    "人员类别与险种不符：{}参保人没有这个类别",
                    summary.scheme.label_zh()
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
                    summary.name,
                    s.person.label_zh(),
                    s.visit.label_zh(),
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
            None => match national().max_ratio_cut(s.filing) {
                Some((points, source)) => {
                    used.push(source);
                    adjustment_note = Some(format!(
                        "参保地没有公布这一类的比例调整，按国家规定的最大降幅（降低 {points} 个百分点）估算，实际报销可能更多。"
                    ));
                }
                None => {
                    let mut e = missing(
                        &format!("「{}」的待遇调整", s.filing.label_zh()),
                        &format!("filing_adjustment.{}", s.filing.code()),
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
        for status in FilingStatus::ALL {
            match first(&doc.filing_adjustment, s, status) {
                Some(rule) => {
                    if let Ok(Some(adjustment)) = rule.value.clone().into_adjustment() {
                        filing_adjustment.insert(status, adjustment);
                    }
                }
                None => {
                    if let Some((points, _)) = national().max_ratio_cut(status) {
                        filing_adjustment.insert(status, Adjustment::MinusPoints(points));
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
    /// One line: citation, address where known (what an estimate's `policy.source` holds).
    pub fn describe(&self) -> String {
        match &self.address {
            Some(address) => format!("{} <{address}>", self.citation),
            None => self.citation.clone(),
        }
    }

    /// [`Source::describe`] after the tag and year (`[OFF 2025] 杭锦后旗… <http://…>`), for the
    /// lists of sources people read (`yidi policies`, the about page).
    pub fn tagged(&self) -> String {
        let year = self.year.as_deref().unwrap_or("年份未注明");
        format!("[{} {year}] {}", self.tag(), self.describe())
    }

    /// The research notes' tag: `OFF` (a government site or document), `NEWS` (official media)
    /// or `3P` (a hospital or third-party restatement, a seed page).
    pub fn tag(&self) -> &'static str {
        match self.kind.as_str() {
            "gov" | "national" => "OFF",
            "news" => "NEWS",
            _ => "3P",
        }
    }
}
