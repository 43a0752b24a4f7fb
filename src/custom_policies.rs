//! "My region's policy": the custom form's figures saved under a name, for a region without a
//! pack, so the person types them once (from the 参保地 医保局's site or 12393) and reuses them.
//! All in one key: they are few and small.

use serde::{Deserialize, Serialize};

use crate::i18n::I18n;
use crate::saved_copy::SavedCopy;
use crate::scenarios::{BandFields, EstimateForm};
use crate::storage::Versioned;

pub const CUSTOM_POLICIES_KEY: &str = "yidi:custom-policies";

/// One saved set of custom figures, as typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedPolicy {
    pub id: String,
    pub name: String,
    /// The insured region they were typed for (may be empty).
    #[serde(default)]
    pub insured_region: String,
    pub saved_at: f64,
    pub deductible: String,
    pub bands: Vec<BandFields>,
    #[serde(default)]
    pub cap: String,
    #[serde(default)]
    pub class_b_self_pay: String,
}

impl Versioned for Vec<SavedPolicy> {
    const VERSION: u32 = 1;
}

impl SavedPolicy {
    /// The custom figures of `form`, under `name`.
    pub fn from_form(id: String, name: String, saved_at: f64, form: &EstimateForm) -> SavedPolicy {
        SavedPolicy {
            id,
            name,
            insured_region: form.insured_region.clone(),
            saved_at,
            deductible: form.custom_deductible.clone(),
            bands: form.custom_bands.clone(),
            cap: form.custom_cap.clone(),
            class_b_self_pay: form.custom_class_b_self_pay.clone(),
        }
    }

    /// Puts these figures into the form's custom policy and turns it on.
    pub fn apply_to(&self, form: &mut EstimateForm) {
        form.custom = true;
        form.custom_deductible = self.deductible.clone();
        form.custom_bands = if self.bands.is_empty() {
            vec![BandFields::default()]
        } else {
            self.bands.clone()
        };
        form.custom_cap = self.cap.clone();
        form.custom_class_b_self_pay = self.class_b_self_pay.clone();
    }
}

impl SavedCopy for SavedPolicy {
    const KEY: &'static str = CUSTOM_POLICIES_KEY;

    fn copy(id: String, name: String, saved_at: f64, form: &EstimateForm) -> Self {
        SavedPolicy::from_form(id, name, saved_at, form)
    }

    fn put_back(&self, form: &mut EstimateForm) {
        self.apply_to(form);
    }

    fn id(&self) -> &str {
        &self.id
    }

    fn name(&self) -> &str {
        &self.name
    }

    /// The figures it holds: deductible, number of bands, cap.
    fn summary(&self, i: I18n) -> Option<String> {
        let cap = if self.cap.trim().is_empty() {
            String::new()
        } else {
            format!(
                " · {} {} {}",
                i.t("封顶", "cap"),
                self.cap,
                i.t("元", "yuan")
            )
        };
        Some(format!(
            "{} {} {} · {} {}{cap}",
            i.t("起付线", "Deductible"),
            self.deductible,
            i.t("元", "yuan"),
            self.bands.len(),
            i.t(
                "段比例",
                if self.bands.len() == 1 {
                    "band"
                } else {
                    "bands"
                }
            ),
        ))
    }
}
