//! The resolved policy: every parameter one estimate needs, in the inline form of
//! `contracts/estimate.md` ("Resolved policy"). A pack resolves into it; a user may also write
//! it by hand (the `custom` path).

use std::collections::BTreeMap;
use std::fmt;

use serde::de::IntoDeserializer;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ratio::{Points, Ratio};
use crate::domain::FilingStatus;
use crate::error::CoreError;
use crate::money::Money;

/// Deductible, bands, cap, class rules and filing adjustments for one estimate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResolvedPolicy {
    /// 起付线 due for this admission, before `year_to_date.deductible_met`.
    pub deductible: Money,
    /// 分段支付比例 over cumulative eligible cost in the year.
    pub bands: Bands,
    /// 最高支付限额 of the fund in the year; `None`: no cap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_cap: Option<Money>,
    /// Item classes with a 先行自付 share and perhaps their own fund ratio (乙类, 特殊检查).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub classes: BTreeMap<ClassName, ClassRule>,
    /// How each filing status changes the band ratios; no entry: no change.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "filing_keyed"
    )]
    pub filing_adjustment: BTreeMap<FilingStatus, Adjustment>,
}

/// Reads the filing statuses of `filing_adjustment` as strings first, so an error inside the
/// map can name its key (`policy.filing_adjustment.referral.multiply`).
fn filing_keyed<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<FilingStatus, Adjustment>, D::Error> {
    #[derive(PartialEq, Eq, PartialOrd, Ord)]
    struct Key(FilingStatus);
    impl<'de> Deserialize<'de> for Key {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let name = String::deserialize(deserializer)?;
            FilingStatus::deserialize(name.into_deserializer()).map(Key)
        }
    }
    let map = BTreeMap::<Key, Adjustment>::deserialize(deserializer)?;
    Ok(map.into_iter().map(|(k, v)| (k.0, v)).collect())
}

/// One band: ratio up to a cumulative limit (deductible included). The last usually has no
/// limit; where it has one (official tables often end "10万–50万元"), eligible cost above it is
/// not paid by the fund (`contracts/estimate.md`: it counts in `above_cap`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub up_to: Option<Money>,
    pub ratio: Ratio,
}

/// Bands that are well formed: at least one, every band but the last limited, limits positive
/// and strictly increasing; the last may be limited or open-ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bands(Vec<Band>);

impl Bands {
    /// Errors carry the offending band as a relative path (`[1].up_to`), so a pack validator
    /// can name it.
    pub fn new(bands: Vec<Band>) -> Result<Bands, CoreError> {
        let Some((_, limited)) = bands.split_last() else {
            return Err(CoreError::new("bands_empty", "至少需要一个支付比例分段"));
        };
        let mut previous = Money::ZERO;
        for (index, band) in bands.iter().enumerate() {
            let Some(limit) = band.up_to else {
                if index < limited.len() {
                    return Err(CoreError::new(
                        "band_limit_missing",
                        "除最后一段外，每段都要有上限（up_to）",
                    )
                    .at(format!("[{index}].up_to")));
                }
                continue;
            };
            if limit <= previous {
                return Err(
                    CoreError::new("bands_unsorted", "分段上限必须大于零并严格递增")
                        .at(format!("[{index}].up_to")),
                );
            }
            previous = limit;
        }
        Ok(Bands(bands))
    }

    /// The last band's limit, if it has one: eligible cost above it is not paid by the fund.
    pub fn limit(&self) -> Option<Money> {
        self.0.last().and_then(|b| b.up_to)
    }

    pub fn as_slice(&self) -> &[Band] {
        &self.0
    }
}

impl Serialize for Bands {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Bands {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Bands::new(Vec::deserialize(deserializer)?).map_err(CoreError::into_serde)
    }
}

/// What a class of items costs the person first, and the fund's own ratio for it, if any
/// (the seed tier table: 特殊检查/治疗 70%).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassRule {
    #[serde(default = "zero_share")]
    pub self_pay_first: Ratio,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fund_ratio: Option<Ratio>,
}

fn zero_share() -> Ratio {
    Ratio::ZERO
}

/// A class name a policy may define: lower-case ASCII, digits and `_`, at most 32 characters.
/// `class_a` and `out_of_catalog` are fixed by the catalogue (fully covered / not covered) and
/// cannot be redefined.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ClassName(String);

/// Classes every bill may use without a policy entry.
pub const CLASS_A: &str = "class_a";
pub const CLASS_B: &str = "class_b";
pub const OUT_OF_CATALOG: &str = "out_of_catalog";

impl ClassName {
    pub fn parse(name: &str) -> Result<ClassName, CoreError> {
        let well_formed = (1..=32).contains(&name.len())
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !well_formed {
            return Err(CoreError::new(
                "class_name_invalid",
                "类别名只能由小写字母、数字和下划线组成（最多 32 个字符）",
            ));
        }
        if name == CLASS_A || name == OUT_OF_CATALOG {
            return Err(CoreError::new(
                "class_reserved",
                "甲类（class_a）和全自费（out_of_catalog）的规则是固定的，不能在政策里重新定义",
            ));
        }
        Ok(ClassName(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The Chinese name of the well-known classes, else the code name.
    pub fn label_zh(&self) -> &str {
        class_label_zh(&self.0)
    }
}

/// Chinese labels for the classes the domain names; others are shown by their code name.
pub fn class_label_zh(name: &str) -> &str {
    match name {
        CLASS_A => "甲类",
        CLASS_B => "乙类",
        OUT_OF_CATALOG => "全自费（丙类）",
        "special_exam" => "特殊检查",
        "special_treatment" => "特殊治疗",
        "expensive_drug" => "贵重药品",
        other => other,
    }
}

impl<'de> Deserialize<'de> for ClassName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        ClassName::parse(&name).map_err(CoreError::into_serde)
    }
}

/// How a filing status changes the band ratios (`domain.md`: temporary travellers may get a lower
/// ratio; regions implement it as a multiplier or as points).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Adjustment {
    /// Every band ratio × factor (苏州 other temporary ×0.8).
    Multiply(Ratio),
    /// Every band ratio minus points, not below 0 (溧阳 referral −5).
    MinusPoints(Points),
    /// The fund pays nothing: manual claim at best.
    NotCovered,
}

impl Adjustment {
    /// The adjusted band ratio, exact.
    pub fn apply(self, ratio: rust_decimal::Decimal) -> rust_decimal::Decimal {
        match self {
            Adjustment::Multiply(f) => ratio * f.value(),
            Adjustment::MinusPoints(p) => (ratio - p.as_share()).max(rust_decimal::Decimal::ZERO),
            Adjustment::NotCovered => rust_decimal::Decimal::ZERO,
        }
    }
}

impl fmt::Display for Adjustment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Adjustment::Multiply(r) => write!(f, "各段比例 × {r}"),
            Adjustment::MinusPoints(p) => write!(f, "各段比例降低 {p} 个百分点"),
            Adjustment::NotCovered => f.write_str("统筹基金不予直接支付"),
        }
    }
}

/// The JSON form: exactly one of the keys.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AdjustmentDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiply: Option<Ratio>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minus_points: Option<Points>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_covered: Option<bool>,
    /// Packs only: the figure is sourced and is "no change" (long-term filers get the insured
    /// region's local standard).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unchanged: Option<bool>,
}

impl AdjustmentDoc {
    /// `Ok(None)` for `unchanged`.
    pub(crate) fn into_adjustment(self) -> Result<Option<Adjustment>, CoreError> {
        let one_of = || {
            CoreError::new(
                "adjustment_invalid",
                "备案调整须且只能写一项：multiply、minus_points 或 not_covered: true",
            )
        };
        match self {
            AdjustmentDoc {
                multiply: Some(f),
                minus_points: None,
                not_covered: None,
                unchanged: None,
            } => Ok(Some(Adjustment::Multiply(f))),
            AdjustmentDoc {
                multiply: None,
                minus_points: Some(p),
                not_covered: None,
                unchanged: None,
            } => Ok(Some(Adjustment::MinusPoints(p))),
            AdjustmentDoc {
                multiply: None,
                minus_points: None,
                not_covered: Some(true),
                unchanged: None,
            } => Ok(Some(Adjustment::NotCovered)),
            AdjustmentDoc {
                multiply: None,
                minus_points: None,
                not_covered: None,
                unchanged: Some(true),
            } => Ok(None),
            _ => Err(one_of()),
        }
    }
}

impl Serialize for Adjustment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let doc = match *self {
            Adjustment::Multiply(f) => AdjustmentDoc {
                multiply: Some(f),
                ..AdjustmentDoc::default()
            },
            Adjustment::MinusPoints(p) => AdjustmentDoc {
                minus_points: Some(p),
                ..AdjustmentDoc::default()
            },
            Adjustment::NotCovered => AdjustmentDoc {
                not_covered: Some(true),
                ..AdjustmentDoc::default()
            },
        };
        doc.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Adjustment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let doc = AdjustmentDoc::deserialize(deserializer)?;
        if doc.unchanged.is_some() {
            return Err(
                CoreError::new("adjustment_invalid", "不调整时请直接省略该备案类型").into_serde(),
            );
        }
        match doc.into_adjustment() {
            Ok(Some(adjustment)) => Ok(adjustment),
            Ok(None) => Err(CoreError::new("adjustment_invalid", "备案调整无效").into_serde()),
            Err(e) => Err(e.into_serde()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bands(json: &str) -> Result<Bands, String> {
        serde_json::from_str::<Bands>(json).map_err(|e| e.to_string())
    }

    #[test]
    fn bands_must_be_well_formed() {
        assert!(bands(r#"[{"up_to":"10000","ratio":"0.8"},{"ratio":"0.9"}]"#).is_ok());
        // A limited last band is what official tables print ("10万–50万元").
        let limited =
            bands(r#"[{"up_to":"100000","ratio":"0.8"},{"up_to":"500000","ratio":"0.9"}]"#);
        assert_eq!(limited.unwrap().limit().unwrap().display(), "500000.00");
        for (json, code) in [
            ("[]", "bands_empty"),
            (r#"[{"ratio":"0.8"},{"ratio":"0.9"}]"#, "band_limit_missing"),
            (
                r#"[{"up_to":"2","ratio":"0.8"},{"up_to":"1","ratio":"0.8"},{"ratio":"0.9"}]"#,
                "bands_unsorted",
            ),
            (
                r#"[{"up_to":"0","ratio":"0.8"},{"ratio":"0.9"}]"#,
                "bands_unsorted",
            ),
        ] {
            let err = bands(json).unwrap_err();
            assert!(err.starts_with(code), "{json}: {err}");
        }
    }

    #[test]
    fn adjustments_take_exactly_one_form() {
        let a: Adjustment = serde_json::from_str(r#"{"multiply":"0.8"}"#).unwrap();
        assert_eq!(serde_json::to_string(&a).unwrap(), r#"{"multiply":"0.8"}"#);
        let a: Adjustment = serde_json::from_str(r#"{"not_covered":true}"#).unwrap();
        assert_eq!(a, Adjustment::NotCovered);
        for bad in [
            r#"{}"#,
            r#"{"multiply":"0.8","minus_points":"10"}"#,
            r#"{"not_covered":false}"#,
            r#"{"unchanged":true}"#,
        ] {
            let err = serde_json::from_str::<Adjustment>(bad)
                .unwrap_err()
                .to_string();
            assert!(err.starts_with("adjustment_invalid"), "{bad}: {err}");
        }
    }

    #[test]
    fn fixed_classes_cannot_be_redefined() {
        assert_eq!(
            ClassName::parse("class_a").unwrap_err().code,
            "class_reserved"
        );
        assert_eq!(
            ClassName::parse("Class B").unwrap_err().code,
            "class_name_invalid"
        );
        assert_eq!(
            ClassName::parse("special_exam").unwrap().label_zh(),
            "特殊检查"
        );
    }

    #[test]
    fn minus_points_floor_at_zero() {
        let p = Adjustment::MinusPoints(Points::parse("20").unwrap());
        let r = Ratio::parse("0.1").unwrap().value();
        assert_eq!(p.apply(r), rust_decimal::Decimal::ZERO);
    }
}
