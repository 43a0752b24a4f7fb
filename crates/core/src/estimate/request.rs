//! The estimate request of `contracts/estimate.md`.

use std::fmt;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::domain::{FilingStatus, Person, Scheme, Visit};
use crate::error::CoreError;
use crate::money::Money;
use crate::policy::ResolvedPolicy;

/// One bill to estimate, with the policy to estimate it under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EstimateRequest {
    pub policy: PolicyChoice,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insured_region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub treatment_region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<Scheme>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<Person>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visit: Option<Visit>,
    /// 1, 2 or 3 (一级/二级/三级).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hospital_level: Option<u8>,
    /// Which stay of the year this is: 1 for the first (deductibles often fall for later stays).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admission: Option<u32>,
    pub filing: FilingStatus,
    pub bill: Bill,
    #[serde(default)]
    pub year_to_date: YearToDate,
}

/// A bundled pack by id, or the resolved policy written out (the `custom` path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyChoice {
    Pack(String),
    Custom(Box<ResolvedPolicy>),
}

/// The bill: its total and the items that are not 甲类.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bill {
    pub total: Money,
    /// What the items do not cover of `total` is 甲类 (`class_a`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<BillItem>,
}

/// Part of a bill by class: `class_a`, `class_b`, `out_of_catalog`, or a class the policy
/// defines (`special_exam`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BillItem {
    pub class: String,
    pub amount: Money,
}

/// What already happened this year; zeros when absent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearToDate {
    /// Eligible cost so far in the year (moves the bands).
    #[serde(default)]
    pub eligible: Money,
    /// What the fund already paid this year (counts against the cap).
    #[serde(default)]
    pub fund_paid: Money,
    /// Deductible already met, subtracted from this admission's deductible (the contract).
    /// Where each stay has its own deductible (北京: 1300, then 650 per later stay), only what
    /// was met toward this stay belongs here; the admission number already picks its amount.
    #[serde(default)]
    pub deductible_met: Money,
}

impl Serialize for PolicyChoice {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            PolicyChoice::Pack(id) => serializer.serialize_str(id),
            PolicyChoice::Custom(policy) => policy.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for PolicyChoice {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(PolicyVisitor)
    }
}

struct PolicyVisitor;

impl PolicyVisitor {
    fn wrong<E: de::Error>() -> E {
        CoreError::new(
            "policy_invalid",
            "policy 应为政策包 id（字符串），或写出全部参数的政策对象",
        )
        .into_serde()
    }
}

impl<'de> Visitor<'de> for PolicyVisitor {
    type Value = PolicyChoice;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a policy pack id or a resolved policy")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<PolicyChoice, E> {
        Ok(PolicyChoice::Pack(v.to_owned()))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<PolicyChoice, A::Error> {
        ResolvedPolicy::deserialize(MapAccessDeserializer::new(map))
            .map(|p| PolicyChoice::Custom(Box::new(p)))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<PolicyChoice, E> {
        Err(Self::wrong())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<PolicyChoice, E> {
        Err(Self::wrong())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<PolicyChoice, E> {
        Err(Self::wrong())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<PolicyChoice, E> {
        Err(Self::wrong())
    }

    fn visit_unit<E: de::Error>(self) -> Result<PolicyChoice, E> {
        Err(Self::wrong())
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<PolicyChoice, A::Error> {
        Err(Self::wrong())
    }
}
