//! Step 2: where insured, where treated, the scheme, the category and the start date (with the
//! end of validity the insured region's rules give).

use leptos::prelude::*;
use yidi_core::date::CivilDate;
use yidi_core::domain::FilingCategory;
use yidi_core::filing::{self, Draft};
use yidi_core::policy::filing_rules;

use super::choice_field::ChoiceField;
use super::text_field::{Lens, lens};
use super::wizard::Ctx;
use crate::components::field::{Field, TextInput};
use crate::components::region_picker::RegionPicker;

pub fn step(ctx: Ctx) -> impl IntoView {
    let (i, form) = (ctx.i, ctx.form);
    let validity = move || {
        form.with(|f| {
            let category = f.category?;
            let start = CivilDate::parse(f.start_date.trim()).ok()?;
            Some(
                match filing::end_date(category, start, &filing_rules(&f.insured_region)) {
                    Some(end) => format!("{}{end}", i.t("有效期至 ", "Valid until ")),
                    None => i
                        .t(
                            "长期有效，直到变更或取消",
                            "No end date until changed or cancelled",
                        )
                        .to_owned(),
                },
            )
        })
    };
    let label =
        move |zh: &'static str, en: &'static str| Signal::derive(move || i.t(zh, en).to_owned());
    view! {
        <h2>{move || i.t("参保地与就医地", "Where insured, where treated")}</h2>
        {region(ctx, "insured_region", label("参保地（在哪里交的医保）", "Insured in"), lens!(insured_region))}
        {region(ctx, "treatment_region", label("就医地（去哪里看病）", "Treated in"), lens!(treatment_region))}
        <ChoiceField ctx field="scheme" zh="险种" en="Scheme" get=|d| d.scheme set=|d, v| d.scheme = v />
        <ChoiceField
            ctx
            field="category"
            zh="备案类型"
            en="Filing category"
            hint=("不确定选哪个？先用“能否直接结算”查一查", "Not sure? Use the check first")
            get=|d| d.category
            set=set_category
        />
        <Field
            id="start_date"
            label=label("开始日期", "Start date")
            hint=Signal::derive(move || validity().unwrap_or_else(|| i.t("从哪天开始在外地就医", "When care away from home starts").to_owned()))
            error=ctx.error("start_date")
        >
            <TextInput
                kind="date"
                value=Signal::derive(move || form.with(|f| f.start_date.clone()))
                on_input=Callback::new(move |v: String| {
                    form.update(|f| f.start_date = v);
                    ctx.touch("start_date");
                })
            />
        </Field>
    }
}

/// The region picker of `field` (a 6-digit code in the draft).
fn region(ctx: Ctx, field: &'static str, label: Signal<String>, lens: Lens) -> impl IntoView {
    let (value, on_change) = lens.bind(ctx, field);
    view! { <RegionPicker id=field label value on_change error=ctx.error(field) /> }
}

/// A new category asks for other proofs: the ticked materials and the 个人承诺书 start afresh.
fn set_category(d: &mut Draft, category: Option<FilingCategory>) {
    d.category = category;
    d.materials.clear();
    d.commitment = false;
}
