//! The estimate page's form as core's typed estimate request: amounts parsed as `Money`,
//! percents turned into ratios by core, each problem named by its field in the request
//! (`bill.total`, `policy.bands[1].ratio`), so no JSON is built only to be parsed back.

use std::collections::BTreeMap;

use yidi_core::estimate::{
    Bill, BillItem, EstimateRequest, PolicyChoice, YearToDate, ratio_from_percent,
};
use yidi_core::policy::{
    Band, Bands, CLASS_B, ClassName, ClassRule, OUT_OF_CATALOG, PolicyPack, Ratio, ResolvedPolicy,
};
use yidi_core::{CoreError, Money};

use crate::scenarios::EstimateForm;

/// An amount as typed (empty is zero), a bad one named by its field in the request.
fn money(text: &str, field: &str) -> Result<Money, CoreError> {
    match text.trim() {
        "" => Ok(Money::ZERO),
        t => Money::parse(t).map_err(|e| e.at(field)),
    }
}

/// A percent as typed ("85"), as the ratio the request wants.
fn ratio(percent: &str, field: &str) -> Result<Ratio, CoreError> {
    ratio_from_percent(percent).map_err(|e| e.at(field))
}

fn chosen(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}

/// The estimate request of `contracts/estimate.md` for the form, typed; `pack` is the pack the
/// page chose from the packs in use, bundled or newer from the server (used unless the form asks
/// for its own parameters).
pub fn request(
    form: &EstimateForm,
    pack: Option<&PolicyPack>,
) -> Result<EstimateRequest, CoreError> {
    let policy = if form.custom {
        PolicyChoice::Custom(Box::new(custom_policy(form)?))
    } else {
        PolicyChoice::Pack(pack.map(|p| p.id().to_owned()).unwrap_or_default())
    };
    let mut items = Vec::new();
    for (class, amount) in [
        (OUT_OF_CATALOG, &form.out_of_catalog),
        (CLASS_B, &form.class_b),
    ] {
        if !amount.trim().is_empty() {
            let field = format!("bill.items[{}].amount", items.len());
            items.push(BillItem {
                class: class.to_owned(),
                amount: money(amount, &field)?,
            });
        }
    }
    Ok(EstimateRequest {
        policy,
        insured_region: chosen(&form.insured_region),
        treatment_region: chosen(&form.treatment_region),
        scheme: form.scheme.parse().ok(),
        person: form.person.parse().ok(),
        visit: form.visit.parse().ok(),
        hospital_level: form.hospital_level.trim().parse().ok(),
        admission: form.admission.trim().parse().ok(),
        filing: form.filing.parse().map_err(|e: CoreError| e.at("filing"))?,
        bill: Bill {
            total: money(&form.total, "bill.total")?,
            items,
        },
        year_to_date: YearToDate {
            eligible: money(&form.ytd_eligible, "year_to_date.eligible")?,
            fund_paid: money(&form.ytd_fund_paid, "year_to_date.fund_paid")?,
            deductible_met: money(&form.ytd_deductible_met, "year_to_date.deductible_met")?,
        },
    })
}

/// Deductible, bands (percent → ratio), cap and the class-B share the user typed.
fn custom_policy(form: &EstimateForm) -> Result<ResolvedPolicy, CoreError> {
    let n = form.custom_bands.len();
    let bands = form
        .custom_bands
        .iter()
        .enumerate()
        .map(|(k, b)| {
            let open = k + 1 == n || b.up_to.trim().is_empty();
            let up_to = match open {
                true => None,
                false => Some(money(&b.up_to, &format!("policy.bands[{k}].up_to"))?),
            };
            let ratio = ratio(&b.percent, &format!("policy.bands[{k}].ratio"))?;
            Ok(Band { up_to, ratio })
        })
        .collect::<Result<Vec<_>, CoreError>>()?;
    let mut classes = BTreeMap::new();
    if !form.custom_class_b_self_pay.trim().is_empty() {
        let field = "policy.classes.class_b.self_pay_first";
        classes.insert(
            ClassName::parse(CLASS_B)?,
            ClassRule {
                self_pay_first: ratio(&form.custom_class_b_self_pay, field)?,
                fund_ratio: None,
            },
        );
    }
    Ok(ResolvedPolicy {
        deductible: money(&form.custom_deductible, "policy.deductible")?,
        bands: Bands::new(bands).map_err(|e| e.at("policy.bands"))?,
        annual_cap: chosen(form.custom_cap.trim())
            .map(|cap| money(&cap, "policy.annual_cap"))
            .transpose()?,
        classes,
        filing_adjustment: BTreeMap::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenarios::BandFields;

    fn custom(bands: &[(&str, &str)]) -> EstimateForm {
        EstimateForm {
            insured_region: "510100".into(),
            custom: true,
            custom_deductible: "800".into(),
            custom_bands: bands
                .iter()
                .map(|(up_to, percent)| BandFields {
                    up_to: (*up_to).into(),
                    percent: (*percent).into(),
                })
                .collect(),
            custom_class_b_self_pay: "10".into(),
            total: "20000".into(),
            ..EstimateForm::default()
        }
    }

    #[test]
    fn percents_reach_core_as_exact_ratios() {
        let req = request(&custom(&[("30000", "85"), ("", "96.1")]), None).unwrap();
        let PolicyChoice::Custom(policy) = req.policy else {
            panic!("custom policy expected");
        };
        let ratios: Vec<String> = policy
            .bands
            .as_slice()
            .iter()
            .map(|b| b.ratio.to_string())
            .collect();
        assert_eq!(ratios, ["0.85", "0.961"]);
        let class_b = &policy.classes[&ClassName::parse(CLASS_B).unwrap()];
        assert_eq!(class_b.self_pay_first.to_string(), "0.1");
        assert_eq!(req.bill.total.to_string(), "20000.00");
    }

    #[test]
    fn a_bad_value_is_named_by_its_field() {
        let e = request(&custom(&[("30000", "85%%"), ("", "90")]), None).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("policy.bands[0].ratio"));
        let mut form = custom(&[("", "90")]);
        form.total = "12,5".into();
        let e = request(&form, None).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("bill.total"));
    }
}
