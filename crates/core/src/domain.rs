//! The words of the domain, named as in `shared/domain.md` ("Words"), and the one table of their
//! names: every list a form offers (scheme, person, visit, category, situation, relation) is
//! built from [`Choice::ALL`] with [`Choice::label_zh`] / [`Choice::label_en`], so the SPA, the
//! CLI and the server never spell a label or a code of their own.

use serde::{Deserialize, Serialize};

use crate::error::CoreError;

/// A closed set of values a person picks from a list. `code` is the value's JSON name (serde's),
/// so a `<select>` value, a stored draft and an API body all read the same.
pub trait Choice: Copy + Eq + 'static {
    /// Every value, in the order a form lists them.
    const ALL: &'static [Self];
    /// What the value is called in an error ("险种").
    const WHAT_ZH: &'static str;
    fn code(self) -> &'static str;
    fn label_zh(self) -> &'static str;
    fn label_en(self) -> &'static str;

    /// The value with this JSON name; a `CoreError` (`unknown_choice`) naming the list otherwise.
    fn from_code(code: &str) -> Result<Self, CoreError> {
        Self::ALL
            .iter()
            .copied()
            .find(|c| c.code() == code)
            .ok_or_else(|| {
                CoreError::new(
                    "unknown_choice",
                    format!("“{code}”不是可选的{}", Self::WHAT_ZH),
                )
            })
    }
}

/// Declares an enum of choices from one table of `Variant = "code", "中文", "English";` rows:
/// the enum (its serde names are the codes), [`Choice`], inherent `ALL` / `code` / `label_zh` /
/// `label_en`, and `FromStr`. One table, so a code or a label is never written twice.
macro_rules! choices {
    (
        $(#[$m:meta])*
        pub enum $ty:ident in $what:literal {
            $( $(#[$vm:meta])* $v:ident = $code:literal, $zh:literal, $en:literal; )+
        }
    ) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        pub enum $ty {
            $( $(#[$vm])* #[serde(rename = $code)] $v, )+
        }

        impl $ty {
            pub const ALL: [$ty; [$($code),+].len()] = [$($ty::$v),+];

            /// The JSON name.
            pub fn code(self) -> &'static str {
                match self { $($ty::$v => $code,)+ }
            }

            pub fn label_zh(self) -> &'static str {
                match self { $($ty::$v => $zh,)+ }
            }

            pub fn label_en(self) -> &'static str {
                match self { $($ty::$v => $en,)+ }
            }
        }

        impl $crate::domain::Choice for $ty {
            const ALL: &'static [$ty] = &<$ty>::ALL;
            const WHAT_ZH: &'static str = $what;
            fn code(self) -> &'static str {
                <$ty>::code(self)
            }
            fn label_zh(self) -> &'static str {
                <$ty>::label_zh(self)
            }
            fn label_en(self) -> &'static str {
                <$ty>::label_en(self)
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::error::CoreError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <$ty as $crate::domain::Choice>::from_code(s)
            }
        }
    };
}
pub(crate) use choices;

choices! {
    /// 险种: the insurance scheme.
    pub enum Scheme in "险种" {
        Employee = "employee", "职工基本医疗保险", "Employee scheme";
        Resident = "resident", "城乡居民基本医疗保险", "Resident scheme";
    }
}

choices! {
    /// 人员类别: [`Person::for_scheme`] says which belong to which scheme.
    pub enum Person in "人员类别" {
        Active = "active", "在职", "Working";
        Retired = "retired", "退休", "Retired";
        Adult = "adult", "成年居民", "Adult";
        Student = "student", "学生", "Student";
        Child = "child", "少儿", "Child";
    }
}

impl Person {
    /// The person types of a scheme: 职工医保 has 在职/退休, 居民医保 has 成年/学生/少儿.
    pub fn for_scheme(scheme: Scheme) -> &'static [Person] {
        match scheme {
            Scheme::Employee => &[Person::Active, Person::Retired],
            Scheme::Resident => &[Person::Adult, Person::Student, Person::Child],
        }
    }

    /// The scheme this person type belongs to.
    pub fn scheme(self) -> Scheme {
        match self {
            Person::Active | Person::Retired => Scheme::Employee,
            Person::Adult | Person::Student | Person::Child => Scheme::Resident,
        }
    }
}

choices! {
    /// The kind of care being paid for.
    pub enum Visit in "就医类型" {
        Inpatient = "inpatient", "住院", "Inpatient";
        Outpatient = "outpatient", "普通门诊", "Outpatient";
        ChronicOutpatient = "chronic_outpatient", "门诊慢特病", "Chronic condition outpatient";
    }
}

choices! {
    /// 备案类型: the six categories of 医保发〔2022〕22号, named as the notice names them.
    pub enum FilingCategory in "备案类型" {
        ResettledRetiree = "resettled_retiree", "异地安置退休人员", "Retiree resettled elsewhere";
        LongTermResident = "long_term_resident", "异地长期居住人员", "Living elsewhere long term";
        PostedWorker = "posted_worker", "常驻异地工作人员", "Posted elsewhere by the employer";
        Referral = "referral", "异地转诊就医人员", "Referred to a hospital elsewhere";
        Emergency = "emergency", "异地急诊抢救人员", "Emergency while away";
        OtherTemporary = "other_temporary", "其他跨省临时外出就医人员", "Other temporary care away";
    }
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

// The Chinese names are the notice's (医保发〔2022〕22号).
impl FilingCategory {
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
    /// The six categories in the notice's order, then 未备案.
    pub const ALL: [FilingStatus; 7] = [
        FilingStatus::ResettledRetiree,
        FilingStatus::LongTermResident,
        FilingStatus::PostedWorker,
        FilingStatus::Referral,
        FilingStatus::Emergency,
        FilingStatus::OtherTemporary,
        FilingStatus::None,
    ];

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

/// A filing status is named as its category, or 未备案.
impl Choice for FilingStatus {
    const ALL: &'static [FilingStatus] = &FilingStatus::ALL;
    const WHAT_ZH: &'static str = "备案情况";

    fn code(self) -> &'static str {
        self.category().map_or("none", FilingCategory::code)
    }

    fn label_zh(self) -> &'static str {
        self.category().map_or("未备案", FilingCategory::label_zh)
    }

    fn label_en(self) -> &'static str {
        self.category()
            .map_or("Not filed", FilingCategory::label_en)
    }
}

impl std::str::FromStr for FilingStatus {
    type Err = CoreError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FilingStatus::from_code(s)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Situation;
    use crate::filing::{Lifecycle, Relation};

    /// Every code is serde's name, parses back, and every label is filled in.
    fn consistent<T: Choice + Serialize + std::fmt::Debug>() {
        for &c in T::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), c.code(), "{c:?}");
            assert_eq!(T::from_code(c.code()), Ok(c));
            assert!(!c.label_zh().is_empty() && !c.label_en().is_empty());
        }
        let e = T::from_code("nonsense").unwrap_err();
        assert_eq!(e.code, "unknown_choice");
        assert!(e.message.contains(T::WHAT_ZH));
    }

    #[test]
    fn codes_are_the_json_names() {
        consistent::<Scheme>();
        consistent::<Person>();
        consistent::<Visit>();
        consistent::<FilingCategory>();
        consistent::<Situation>();
        consistent::<Relation>();
        consistent::<Lifecycle>();
        consistent::<FilingStatus>();
        assert_eq!("referral".parse(), Ok(FilingCategory::Referral));
    }

    #[test]
    fn each_person_type_belongs_to_one_scheme() {
        for scheme in Scheme::ALL {
            for p in Person::for_scheme(scheme) {
                assert_eq!(p.scheme(), scheme);
            }
        }
        let listed: usize = Scheme::ALL
            .map(|s| Person::for_scheme(s).len())
            .iter()
            .sum();
        assert_eq!(listed, Person::ALL.len());
    }
}
