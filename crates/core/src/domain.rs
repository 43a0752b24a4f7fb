//! The words of the domain, named as in `shared/domain.md` ("Words").

use serde::{Deserialize, Serialize};

/// 险种: the insurance scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scheme {
    /// 职工基本医疗保险
    Employee,
    /// 城乡居民基本医疗保险
    Resident,
}

/// 人员类别. `Active`/`Retired` belong to the employee scheme, `Adult`/`Student`/`Child` to the
/// resident scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Person {
    /// 在职
    Active,
    /// 退休
    Retired,
    /// 成年居民
    Adult,
    /// 学生
    Student,
    /// 少儿
    Child,
}

/// The kind of care being paid for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visit {
    /// 住院
    Inpatient,
    /// 普通门诊
    Outpatient,
    /// 门诊慢特病
    ChronicOutpatient,
}

/// 备案类型: the six categories of 医保发〔2022〕22号.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FilingCategory {
    /// 异地安置退休人员
    ResettledRetiree,
    /// 异地长期居住人员
    LongTermResident,
    /// 常驻异地工作人员
    PostedWorker,
    /// 异地转诊就医人员
    Referral,
    /// 异地急诊抢救人员
    Emergency,
    /// 其他跨省临时外出就医人员
    OtherTemporary,
}

/// The two classes the six categories fall into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FilingClass {
    /// 跨省异地长期居住人员
    LongTerm,
    /// 跨省临时外出就医人员
    Temporary,
}

impl FilingCategory {
    pub const ALL: [FilingCategory; 6] = [
        FilingCategory::ResettledRetiree,
        FilingCategory::LongTermResident,
        FilingCategory::PostedWorker,
        FilingCategory::Referral,
        FilingCategory::Emergency,
        FilingCategory::OtherTemporary,
    ];

    pub fn class(self) -> FilingClass {
        match self {
            FilingCategory::ResettledRetiree
            | FilingCategory::LongTermResident
            | FilingCategory::PostedWorker => FilingClass::LongTerm,
            FilingCategory::Referral
            | FilingCategory::Emergency
            | FilingCategory::OtherTemporary => FilingClass::Temporary,
        }
    }

    /// The category's Chinese name as the notice writes it.
    pub fn label_zh(self) -> &'static str {
        match self {
            FilingCategory::ResettledRetiree => "异地安置退休人员",
            FilingCategory::LongTermResident => "异地长期居住人员",
            FilingCategory::PostedWorker => "常驻异地工作人员",
            FilingCategory::Referral => "异地转诊就医人员",
            FilingCategory::Emergency => "异地急诊抢救人员",
            FilingCategory::OtherTemporary => "其他跨省临时外出就医人员",
        }
    }
}

impl FilingClass {
    pub fn label_zh(self) -> &'static str {
        match self {
            FilingClass::LongTerm => "跨省异地长期居住人员",
            FilingClass::Temporary => "跨省临时外出就医人员",
        }
    }
}

/// The filing status of an estimate: filed in one of the six categories, or not filed at all.
/// Serialised flat, as the estimate contract says: `"referral"`, …, `"none"`. Ordered (in the
/// notice's order) so it can key the policy's `filing_adjustment` map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FilingStatus {
    ResettledRetiree,
    LongTermResident,
    PostedWorker,
    Referral,
    Emergency,
    OtherTemporary,
    /// 未备案
    None,
}

impl FilingStatus {
    pub fn category(self) -> Option<FilingCategory> {
        Some(match self {
            FilingStatus::ResettledRetiree => FilingCategory::ResettledRetiree,
            FilingStatus::LongTermResident => FilingCategory::LongTermResident,
            FilingStatus::PostedWorker => FilingCategory::PostedWorker,
            FilingStatus::Referral => FilingCategory::Referral,
            FilingStatus::Emergency => FilingCategory::Emergency,
            FilingStatus::OtherTemporary => FilingCategory::OtherTemporary,
            FilingStatus::None => return None,
        })
    }
}

impl From<FilingCategory> for FilingStatus {
    fn from(c: FilingCategory) -> Self {
        match c {
            FilingCategory::ResettledRetiree => FilingStatus::ResettledRetiree,
            FilingCategory::LongTermResident => FilingStatus::LongTermResident,
            FilingCategory::PostedWorker => FilingStatus::PostedWorker,
            FilingCategory::Referral => FilingStatus::Referral,
            FilingCategory::Emergency => FilingStatus::Emergency,
            FilingCategory::OtherTemporary => FilingStatus::OtherTemporary,
        }
    }
}
