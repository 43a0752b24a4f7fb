//! The national rules as data (`crates/core/packs/national.json`): the largest ratio cuts
//! 医保发〔2022〕22号 allows for temporary travellers, the least validity of a temporary filing,
//! and the national default on the 个人承诺书. Every figure carries its source and year there;
//! none stays in Rust code. The cross-province 门诊慢特病 list is the typed `crate::chronic`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::filing_rules::Sourced;
use super::pack::Source;
use super::ratio::Points;
use crate::domain::FilingStatus;

const NATIONAL_JSON: &str = include_str!("../../packs/national.json");

/// The national rules file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NationalRules {
    pub id: String,
    pub name: String,
    pub version: u32,
    pub updated: String,
    pub sources: BTreeMap<String, Source>,
    #[serde(default)]
    pub notes: Vec<String>,
    max_ratio_cut_points: Vec<RatioCut>,
    temporary_validity_months: Sourced<u32>,
    commitment_accepted: Sourced<bool>,
}

/// "原则上降低不超过 N 个百分点" for some filing statuses.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct RatioCut {
    filings: Vec<FilingStatus>,
    value: Points,
    source: String,
}

static NATIONAL: LazyLock<NationalRules> = LazyLock::new(|| {
    // The file is part of the source; the unit test below parses it and checks its citations.
    serde_json::from_str(NATIONAL_JSON)
        .unwrap_or_else(|e| panic!("packs/national.json is invalid: {e}"))
});

/// The national rules.
pub fn national() -> &'static NationalRules {
    &NATIONAL
}

impl NationalRules {
    /// The most a filing status's band ratios may drop, with its source; `None` where the
    /// national rules set no bound (long-term filers, unfiled visits).
    pub fn max_ratio_cut(&self, filing: FilingStatus) -> Option<(Points, &Source)> {
        let cut = self
            .max_ratio_cut_points
            .iter()
            .find(|c| c.filings.contains(&filing))?;
        Some((cut.value, self.sources.get(&cut.source)?))
    }

    /// 原则上不少于6个月: the least validity of a temporary filing, in months.
    pub fn temporary_validity_months(&self) -> u32 {
        self.temporary_validity_months.value
    }

    /// Whether the 个人承诺书 may replace proof documents where a region says nothing.
    pub fn commitment_accepted(&self) -> bool {
        self.commitment_accepted.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_rules_parse_and_cite_their_sources() {
        let n = national();
        let cited = n.max_ratio_cut_points.iter().map(|c| &c.source).chain([
            &n.temporary_validity_months.source,
            &n.commitment_accepted.source,
        ]);
        for key in cited {
            let source = n.sources.get(key).unwrap_or_else(|| panic!("{key}"));
            assert!(source.year.is_some(), "{key} has a year");
        }
        let (referral, _) = n.max_ratio_cut(FilingStatus::Referral).unwrap();
        let (other, _) = n.max_ratio_cut(FilingStatus::OtherTemporary).unwrap();
        assert_eq!(
            (referral.to_string(), other.to_string()),
            ("10".into(), "20".into())
        );
        assert!(n.max_ratio_cut(FilingStatus::LongTermResident).is_none());
        assert!(n.max_ratio_cut(FilingStatus::None).is_none());
        assert_eq!(n.temporary_validity_months(), 6);
    }
}
