//! Step 4: the proof documents of the category — ticked, and photographed or attached as PDF —
//! or the 个人承诺书 where the category and the insured region allow it.

use leptos::prelude::*;
use yidi_core::filing;

use super::wizard::Ctx;
use crate::components::attach_material::AttachMaterial;
use crate::components::check_box::CheckBox;

pub fn step(ctx: Ctx) -> impl IntoView {
    let (i, form) = (ctx.i, ctx.form);
    let commitment_offered = move || {
        form.with(|f| {
            f.category
                .is_some_and(|c| filing::commitment_allowed(c, &f.insured_region))
        })
    };
    view! {
        <h2>{move || i.t("需要的材料", "Papers you need")}</h2>
        <p class="muted">
            {move || i.t("每类备案都需要：有效身份证件或社会保障卡、医保电子凭证。此外：", "Every filing needs an ID card or social security card. Besides:")}
        </p>
        <fieldset class="field" id="materials" aria-describedby="materials-error">
            <legend>{move || i.t("勾选您已经准备好的材料", "Tick what you have")}</legend>
            {move || match form.with(|f| f.category) {
                None => view! { <p class="muted">{i.t("请先在第 2 步选择备案类型。", "Choose the category in step 2 first.")}</p> }.into_any(),
                Some(c) if filing::materials_for(c).is_empty() => view! {
                    <p>{i.t("这一类不需要证明材料，填写备案表即可。", "No proofs needed for this category.")}</p>
                }.into_any(),
                Some(c) => material_boxes(ctx, filing::materials_for(c)).into_any(),
            }}
            <p class="error" id="materials-error">{move || ctx.error("materials").get()}</p>
        </fieldset>
        <Show when=commitment_offered>
            <div class="field">
                <CheckBox
                    id="commitment"
                    label=Signal::derive(move || i.t("暂时没有这些材料，签署个人承诺书代替", "No papers yet: sign a personal commitment instead").to_owned())
                    described_by="commitment-hint commitment-error"
                    checked=Signal::derive(move || form.with(|f| f.commitment))
                    on_change=Callback::new(move |on| {
                        form.update(|f| f.commitment = on);
                        ctx.touch("commitment");
                    })
                />
                <p class="hint" id="commitment-hint">
                    {move || i.t("承诺内容不实的，要承担相应责任，已报销的费用可能被追回。", "False statements carry liability; payments may be reclaimed.")}
                </p>
                <p class="error" id="commitment-error">{move || ctx.error("commitment").get()}</p>
            </div>
        </Show>
    }
}

/// One checkbox per material; an alternative says what it may replace.
fn material_boxes(ctx: Ctx, list: &'static [filing::Material]) -> impl IntoView {
    let form = ctx.form;
    list.iter()
        .map(|m| {
            let code = m.code;
            let alt = m
                .alternative_to
                .and_then(|a| list.iter().find(|x| x.code == a))
                .map(|x| format!("（可代替“{}”）", x.name_zh));
            let name_zh = m.name_zh;
            view! {
                <div class="material">
                <CheckBox
                    id=format!("material-{code}")
                    label=format!("{}{}", m.name_zh, alt.unwrap_or_default())
                    checked=Signal::derive(move || form.with(|f| f.materials.iter().any(|x| x == code)))
                    on_change=Callback::new(move |on| {
                        form.update(|f| {
                            f.materials.retain(|x| x != code);
                            if on {
                                f.materials.push(code.to_owned());
                            }
                        });
                        ctx.touch("materials");
                    })
                />
                <AttachMaterial
                    owner=ctx.owner
                    material=code
                    name_zh=name_zh
                    attached=ctx.attached
                    on_added=Callback::new(move |_| {
                        // A photo of a material means the user has it.
                        if !form.with_untracked(|f| f.materials.iter().any(|x| x == code)) {
                            form.update(|f| f.materials.push(code.to_owned()));
                            ctx.touch("materials");
                        }
                    })
                />
                </div>
            }
        })
        .collect_view()
}
