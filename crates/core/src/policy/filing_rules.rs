//! The per-region parameters of filing itself (not of money): how long a temporary filing lasts,
//! whether the 个人承诺书 is accepted, and where no filing is needed at all.

use serde::{Deserialize, Serialize};

use super::bundled::bundled;
use super::national::national;
use super::pack::region_matches;
use crate::domain::Visit;

/// What the insured region says about filing. Where no pack says anything, the national
/// defaults of 医保发〔2022〕22号 apply and `source` is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FilingRules {
    /// Validity of a temporary filing in months ("原则上不少于6个月").
    pub temporary_validity_months: u32,
    /// Whether the 个人承诺书 may replace proof documents for the long-term categories.
    pub commitment_accepted: bool,
    /// Minimum months before a long-term filing may be changed or cancelled, if the region set one.
    pub min_change_interval_months: Option<u32>,
    /// Destinations where this region's insured need no filing (e.g. 苏州 → 上海 outpatient).
    pub no_filing_destinations: Vec<NoFilingDestination>,
    /// Where these figures come from (address and year); `None` for the national defaults.
    pub source: Option<String>,
}

/// A destination exempt from filing for some kinds of care.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoFilingDestination {
    /// 6-digit code of the treatment region, or of its province (`310000`).
    pub treatment_region: String,
    pub visits: Vec<Visit>,
    /// What the person gets there, in Chinese (e.g. "按参保地待遇的80%结算").
    pub note: String,
    pub source: String,
}

/// The national defaults (`packs/national.json`).
impl Default for FilingRules {
    fn default() -> Self {
        let national = national();
        FilingRules {
            temporary_validity_months: national.temporary_validity_months(),
            commitment_accepted: national.commitment_accepted(),
            min_change_interval_months: None,
            no_filing_destinations: Vec::new(),
            source: None,
        }
    }
}

/// The filing rules of an insured (pooling) region, by its 6-digit code (a county code finds its
/// prefecture's pack). Taken from the first bundled pack of that region that carries filing
/// rules; the national defaults of 医保发〔2022〕22号 where none does.
pub fn filing_rules(insured_region: &str) -> FilingRules {
    let prefecture = insured_region
        .get(..4)
        .map(|p| format!("{p}00"))
        .unwrap_or_default();
    bundled()
        .iter()
        .filter(|pack| pack.region() == insured_region || pack.region() == prefecture)
        .find_map(|pack| {
            let doc = pack.filing_rules_doc()?;
            Some(doc.to_rules(pack.sources()))
        })
        .unwrap_or_default()
}

/// Whether an insured region's people need no filing for a visit to a treatment region.
pub fn no_filing_needed<'r>(
    rules: &'r FilingRules,
    treatment_region: &str,
    visit: Visit,
) -> Option<&'r NoFilingDestination> {
    rules.no_filing_destinations.iter().find(|d| {
        region_matches(&d.treatment_region, treatment_region) && d.visits.contains(&visit)
    })
}

/// A sourced value in a pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Sourced<T> {
    pub value: T,
    pub source: String,
}

/// The `filing_rules` block of a pack file; every field is optional and cites a source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PackFilingRules {
    #[serde(default)]
    pub temporary_validity_months: Option<Sourced<u32>>,
    #[serde(default)]
    pub commitment_accepted: Option<Sourced<bool>>,
    #[serde(default)]
    pub min_change_interval_months: Option<Sourced<u32>>,
    #[serde(default)]
    pub no_filing_destinations: Vec<PackNoFiling>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PackNoFiling {
    pub treatment_region: String,
    pub visits: Vec<Visit>,
    pub note: String,
    pub source: String,
}

impl PackFilingRules {
    /// The source keys this block cites.
    pub(crate) fn cited(&self) -> impl Iterator<Item = &String> {
        self.temporary_validity_months
            .iter()
            .map(|s| &s.source)
            .chain(self.commitment_accepted.iter().map(|s| &s.source))
            .chain(self.min_change_interval_months.iter().map(|s| &s.source))
            .chain(self.no_filing_destinations.iter().map(|d| &d.source))
    }

    fn to_rules(
        &self,
        sources: &std::collections::BTreeMap<String, super::pack::Source>,
    ) -> FilingRules {
        let describe = |key: &str| {
            sources
                .get(key)
                .map(super::pack::Source::describe)
                .unwrap_or_default()
        };
        let national = FilingRules::default();
        let mut cited: Vec<String> = Vec::new();
        for key in self.cited() {
            let text = describe(key);
            if !cited.contains(&text) {
                cited.push(text);
            }
        }
        FilingRules {
            temporary_validity_months: self
                .temporary_validity_months
                .as_ref()
                .map_or(national.temporary_validity_months, |s| s.value),
            commitment_accepted: self
                .commitment_accepted
                .as_ref()
                .map_or(national.commitment_accepted, |s| s.value),
            min_change_interval_months: self.min_change_interval_months.as_ref().map(|s| s.value),
            no_filing_destinations: self
                .no_filing_destinations
                .iter()
                .map(|d| NoFilingDestination {
                    treatment_region: d.treatment_region.clone(),
                    visits: d.visits.clone(),
                    note: d.note.clone(),
                    source: describe(&d.source),
                })
                .collect(),
            source: (!cited.is_empty()).then(|| cited.join("；")),
        }
    }
}
