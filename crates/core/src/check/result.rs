//! The `check` result (`contracts/estimate.md`, "check request and result").

use serde::de::Error as _;
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::domain::{FilingCategory, FilingClass};

/// What the person should do, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResult {
    /// `false`: both regions are in one province; the national cross-province rules do not apply
    /// and the fields below carry the intra-province guidance only.
    pub cross_province: bool,
    /// `None` within one province.
    pub category: Option<FilingCategory>,
    pub class: Option<FilingClass>,
    /// A filing is needed before care is settled directly.
    pub must_file: bool,
    /// 视同已备案: 急诊抢救 needs no filing.
    pub treated_as_filed: bool,
    /// `None` when nothing is filed (emergency, or within one province).
    pub validity: Option<Validity>,
    /// Proof documents; one with `alternative_to` may replace the one with that code.
    pub materials: Vec<MaterialNeed>,
    /// A signed 个人承诺书 may replace the proofs: the category and the insured region allow it.
    pub commitment_allowed: bool,
    /// What to do if care has started before filing (补办).
    pub late_filing: String,
    /// Where to file.
    pub channels: Vec<String>,
    pub warnings: Vec<String>,
    /// Why this category, in plain words.
    pub reason: String,
    /// Where the rules come from.
    pub sources: Vec<String>,
}

/// How long a filing lasts: `{"long_term": true}` (长期有效, until changed or cancelled) or
/// `{"months": 6}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validity {
    LongTerm,
    Months(u32),
}

/// One proof document of [`CheckResult::materials`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaterialNeed {
    pub code: String,
    pub name: String,
    /// The code of the material this one may replace.
    pub alternative_to: Option<String>,
}

impl Serialize for Validity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        match self {
            Validity::LongTerm => map.serialize_entry("long_term", &true)?,
            Validity::Months(n) => map.serialize_entry("months", n)?,
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Validity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Repr {
            long_term: Option<bool>,
            months: Option<u32>,
        }
        match Repr::deserialize(deserializer)? {
            Repr {
                long_term: Some(true),
                months: None,
            } => Ok(Validity::LongTerm),
            Repr {
                long_term: None | Some(false),
                months: Some(n),
            } => Ok(Validity::Months(n)),
            _ => Err(D::Error::custom(
                "validity is {\"long_term\": true} or {\"months\": n}",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validity_has_the_contract_shape() {
        let long = serde_json::to_string(&Validity::LongTerm).unwrap();
        assert_eq!(long, r#"{"long_term":true}"#);
        let six = serde_json::to_string(&Validity::Months(6)).unwrap();
        assert_eq!(six, r#"{"months":6}"#);
        for v in [Validity::LongTerm, Validity::Months(12)] {
            let json = serde_json::to_string(&v).unwrap();
            assert_eq!(serde_json::from_str::<Validity>(&json).unwrap(), v);
        }
        assert!(serde_json::from_str::<Validity>(r#"{"long_term":true,"months":6}"#).is_err());
    }
}
