//! The national list of 门诊慢特病 (chronic and special outpatient conditions) that settle directly
//! across provinces.
//!
//! Five conditions from the 2021 pilots until 2024 (高血压、糖尿病、恶性肿瘤门诊放化疗、尿毒症透析、
//! 器官移植术后抗排异治疗); ten since the national administration added 慢阻肺、病毒性肝炎、冠心病、
//! 类风湿关节炎、强直性脊柱炎, announced at the State Council Information Office press conference of
//! 2024-09-10 (provinces applied it from late 2024 / 2025-01-01). `shared/research/policy-sources.md`.
//! A condition on the list settles directly only once the insured region has certified (认定) it.

use serde::{Deserialize, Serialize};

/// Where the list comes from.
pub const SOURCE: &str =
    "国务院新闻办公室新闻发布会（2024-09-10）：跨省直接结算的门诊慢特病由 5 种增加到 10 种";

/// The year of [`SOURCE`].
pub const SOURCE_YEAR: &str = "2024";

/// A 门诊慢特病 of the national cross-province list, or `Other` (a condition not on it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChronicDisease {
    Hypertension,
    Diabetes,
    CancerOutpatientTherapy,
    UremiaDialysis,
    PostTransplantAntirejection,
    Copd,
    ViralHepatitis,
    CoronaryHeartDisease,
    RheumatoidArthritis,
    AnkylosingSpondylitis,
    /// Any condition outside the national list: settled under the insured region's own rules.
    Other,
}

impl ChronicDisease {
    /// The ten conditions of the list, in the order they joined it (the first five from 2021).
    pub const LISTED: [ChronicDisease; 10] = [
        ChronicDisease::Hypertension,
        ChronicDisease::Diabetes,
        ChronicDisease::CancerOutpatientTherapy,
        ChronicDisease::UremiaDialysis,
        ChronicDisease::PostTransplantAntirejection,
        ChronicDisease::Copd,
        ChronicDisease::ViralHepatitis,
        ChronicDisease::CoronaryHeartDisease,
        ChronicDisease::RheumatoidArthritis,
        ChronicDisease::AnkylosingSpondylitis,
    ];

    /// Every code a person can give, the list and `Other`.
    pub const ALL: [ChronicDisease; 11] = [
        ChronicDisease::Hypertension,
        ChronicDisease::Diabetes,
        ChronicDisease::CancerOutpatientTherapy,
        ChronicDisease::UremiaDialysis,
        ChronicDisease::PostTransplantAntirejection,
        ChronicDisease::Copd,
        ChronicDisease::ViralHepatitis,
        ChronicDisease::CoronaryHeartDisease,
        ChronicDisease::RheumatoidArthritis,
        ChronicDisease::AnkylosingSpondylitis,
        ChronicDisease::Other,
    ];

    /// Whether the condition settles directly across provinces in `year`: the first five from
    /// 2021 on, all ten from 2024 on (the year the extension was announced; some provinces only
    /// applied it on 2025-01-01 — the texts say so).
    pub fn listed_in(self, year: u16) -> bool {
        match self {
            ChronicDisease::Other => false,
            ChronicDisease::Hypertension
            | ChronicDisease::Diabetes
            | ChronicDisease::CancerOutpatientTherapy
            | ChronicDisease::UremiaDialysis
            | ChronicDisease::PostTransplantAntirejection => year >= 2021,
            _ => year >= 2024,
        }
    }

    /// Whether the condition is on the current national list.
    pub fn listed(self) -> bool {
        self != ChronicDisease::Other
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            ChronicDisease::Hypertension => "高血压",
            ChronicDisease::Diabetes => "糖尿病",
            ChronicDisease::CancerOutpatientTherapy => "恶性肿瘤门诊放化疗",
            ChronicDisease::UremiaDialysis => "尿毒症透析",
            ChronicDisease::PostTransplantAntirejection => "器官移植术后抗排异治疗",
            ChronicDisease::Copd => "慢性阻塞性肺疾病（慢阻肺）",
            ChronicDisease::ViralHepatitis => "病毒性肝炎",
            ChronicDisease::CoronaryHeartDisease => "冠心病",
            ChronicDisease::RheumatoidArthritis => "类风湿关节炎",
            ChronicDisease::AnkylosingSpondylitis => "强直性脊柱炎",
            ChronicDisease::Other => "其他病种",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            ChronicDisease::Hypertension => "Hypertension",
            ChronicDisease::Diabetes => "Diabetes",
            ChronicDisease::CancerOutpatientTherapy => "Cancer outpatient radio-/chemotherapy",
            ChronicDisease::UremiaDialysis => "Uremia dialysis",
            ChronicDisease::PostTransplantAntirejection => "Anti-rejection after organ transplant",
            ChronicDisease::Copd => "COPD",
            ChronicDisease::ViralHepatitis => "Viral hepatitis",
            ChronicDisease::CoronaryHeartDisease => "Coronary heart disease",
            ChronicDisease::RheumatoidArthritis => "Rheumatoid arthritis",
            ChronicDisease::AnkylosingSpondylitis => "Ankylosing spondylitis",
            ChronicDisease::Other => "Another condition",
        }
    }

    /// The list as one Chinese phrase (“高血压、糖尿病、…”), for guidance texts.
    pub fn listed_zh() -> String {
        let names: Vec<&str> = Self::LISTED.iter().map(|d| d.label_zh()).collect();
        names.join("、")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_until_2024_and_ten_since() {
        let count = |year| {
            ChronicDisease::ALL
                .iter()
                .filter(|d| d.listed_in(year))
                .count()
        };
        assert_eq!(count(2020), 0);
        assert_eq!(count(2023), 5);
        assert_eq!(count(2024), 10);
        assert_eq!(count(2026), 10);
        assert!(!ChronicDisease::Other.listed());
        assert_eq!(
            ChronicDisease::LISTED.iter().filter(|d| d.listed()).count(),
            10
        );
    }

    #[test]
    fn codes_are_the_contract_codes() {
        let codes: Vec<String> = ChronicDisease::ALL
            .iter()
            .map(|d| {
                serde_json::to_value(d)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        assert_eq!(
            codes,
            [
                "hypertension",
                "diabetes",
                "cancer_outpatient_therapy",
                "uremia_dialysis",
                "post_transplant_antirejection",
                "copd",
                "viral_hepatitis",
                "coronary_heart_disease",
                "rheumatoid_arthritis",
                "ankylosing_spondylitis",
                "other",
            ]
        );
    }
}
