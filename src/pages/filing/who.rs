//! Step 1: for whom — the insured person, and the applicant when a family member applies.

use leptos::prelude::*;
use yidi_core::filing::Relation;

use super::text_field::{TextField, lens};
use super::wizard::Ctx;
use crate::components::field::{Field, SelectInput, choice_options};

pub fn step(ctx: Ctx) -> impl IntoView {
    let (i, form) = (ctx.i, ctx.form);
    let is_self = move || form.with(|f| f.relation == Relation::Oneself);
    view! {
        <h2>{move || i.t("为谁办理", "Who is this for")}</h2>
        <Field
            id="applicant-relation"
            label=Signal::derive(move || i.t("申请人与参保人的关系", "Applicant's relation to the insured").to_owned())
            error=ctx.error("applicant.relation")
        >
            <SelectInput
                value=Signal::derive(move || form.with(|f| f.relation.code().to_owned()))
                on_change=Callback::new(move |v: String| {
                    if let Ok(r) = v.parse() {
                        form.update(|f| f.relation = r);
                    }
                    ctx.touch("applicant.relation");
                })
                options=Signal::derive(move || choice_options(i, &Relation::ALL))
            />
        </Field>
        <h3>{move || i.t("参保人（看病的人）", "Insured person (the patient)")}</h3>
        <TextField ctx field="insured.name" zh="姓名" en="Name" lens={lens!(insured.name)} autocomplete="name" />
        <TextField ctx field="insured.id_number" zh="身份证号" en="ID number" lens={lens!(insured.id_number)}
            hint={("18 位，最后一位可能是 X", "18 characters; the last may be X")} />
        <TextField ctx field="insured.phone" zh="手机号" en="Mobile phone" lens={lens!(insured.phone)} inputmode="tel" autocomplete="tel" />
        <Show when=move || !is_self()>
            <h3>{move || i.t("申请人（代办的家人）", "Applicant (family member)")}</h3>
            <TextField ctx field="applicant.name" zh="申请人姓名" en="Applicant's name" lens={lens!(applicant.name)} />
            <TextField ctx field="applicant.id_number" zh="申请人身份证号" en="Applicant's ID number" lens={lens!(applicant.id_number)} />
            <TextField ctx field="applicant.phone" zh="申请人手机号" en="Applicant's phone" lens={lens!(applicant.phone)} inputmode="tel" />
        </Show>
    }
}
