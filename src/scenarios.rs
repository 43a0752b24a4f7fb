//! The estimate page's inputs, and saved estimate scenarios ("我的测算", a [`SavedCopy`]).

use serde::{Deserialize, Serialize};

use crate::saved_copy::SavedCopy;
use crate::storage::Versioned;

pub const SCENARIOS_KEY: &str = "yidi:scenarios";

/// One band of a custom policy, as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BandFields {
    /// Cumulative eligible cost limit; empty for the last band.
    pub up_to: String,
    /// Percent, e.g. "85".
    pub percent: String,
}

/// The estimate page's inputs, as typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EstimateForm {
    pub insured_region: String,
    pub treatment_region: String,
    pub scheme: String,
    pub person: String,
    pub visit: String,
    pub hospital_level: String,
    pub admission: String,
    pub filing: String,
    pub total: String,
    pub out_of_catalog: String,
    pub class_b: String,
    pub ytd_eligible: String,
    pub ytd_fund_paid: String,
    pub ytd_deductible_met: String,
    /// Use the custom parameters below instead of a bundled pack.
    pub custom: bool,
    pub custom_deductible: String,
    pub custom_bands: Vec<BandFields>,
    pub custom_cap: String,
    /// Percent of a class-B item paid first by the person.
    pub custom_class_b_self_pay: String,
}

impl Default for EstimateForm {
    fn default() -> Self {
        EstimateForm {
            insured_region: String::new(),
            treatment_region: String::new(),
            scheme: "employee".into(),
            person: "active".into(),
            visit: "inpatient".into(),
            hospital_level: "3".into(),
            admission: "1".into(),
            filing: "other_temporary".into(),
            total: String::new(),
            out_of_catalog: String::new(),
            class_b: String::new(),
            ytd_eligible: String::new(),
            ytd_fund_paid: String::new(),
            ytd_deductible_met: String::new(),
            custom: false,
            custom_deductible: String::new(),
            custom_bands: vec![BandFields::default()],
            custom_cap: String::new(),
            custom_class_b_self_pay: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub id: String,
    pub name: String,
    pub saved_at: f64,
    pub form: EstimateForm,
}

impl Versioned for Vec<Scenario> {
    const VERSION: u32 = 1;
}

impl SavedCopy for Scenario {
    const KEY: &'static str = SCENARIOS_KEY;

    fn copy(id: String, name: String, saved_at: f64, form: &EstimateForm) -> Self {
        Scenario {
            id,
            name,
            saved_at,
            form: form.clone(),
        }
    }

    fn put_back(&self, form: &mut EstimateForm) {
        *form = self.form.clone();
    }

    fn id(&self) -> &str {
        &self.id
    }

    fn name(&self) -> &str {
        &self.name
    }
}
