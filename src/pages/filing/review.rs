//! Step 6: everything on one screen, each row with a way back to its step.

use leptos::prelude::*;
use yidi_core::filing;

use super::wizard::Ctx;

pub fn step(ctx: Ctx, go: impl Fn(u8) + Copy + Send + Sync + 'static) -> impl IntoView {
    let i = ctx.i;
    let f = ctx.form.get_untracked();
    let region = |code: &str| {
        yidi_core::region::by_code(code)
            .map(|r| {
                if r.code == r.province_code {
                    r.name.to_owned()
                } else {
                    format!("{} {}", r.province_name, r.name)
                }
            })
            .unwrap_or_else(|| "未选择".into())
    };
    let chosen = |label: Option<&str>| label.unwrap_or("未选择").to_owned();
    let a = f.applicant();
    let materials = f
        .category
        .map(|c| {
            filing::materials_for(c)
                .iter()
                .filter(|m| f.materials.iter().any(|x| x == m.code))
                .map(|m| m.name_zh)
                .collect::<Vec<_>>()
                .join("、")
        })
        .unwrap_or_default();
    let rows: Vec<(u8, &str, String)> = vec![
        (
            0,
            "参保人",
            format!("{} {}", f.insured.name, f.insured.phone),
        ),
        (0, "身份证号", f.insured.id_number.clone()),
        (
            0,
            "申请人",
            format!("{}（{}）", a.name, f.relation.label_zh()),
        ),
        (1, "参保地", region(&f.insured_region)),
        (1, "就医地", region(&f.treatment_region)),
        (1, "险种", chosen(f.scheme.map(|s| s.label_zh()))),
        (1, "备案类型", chosen(f.category.map(|c| c.label_zh()))),
        (1, "开始日期", f.start_date.clone()),
        (
            2,
            "联系人",
            format!("{} {}", f.contact.name, f.contact.phone),
        ),
        (
            3,
            "材料",
            if f.commitment {
                "个人承诺书（代替证明材料）".to_owned()
            } else if materials.is_empty() {
                "无".to_owned()
            } else {
                materials
            },
        ),
        (4, "签名", f.signature.clone()),
    ];
    view! {
        <h2>{move || i.t("请核对", "Please check")}</h2>
        <dl class="review">
            {rows
                .into_iter()
                .map(|(s, k, v)| {
                    view! {
                        <div class="row">
                            <dt>{k}</dt>
                            <dd>{v}</dd>
                            // A `<dl>` group holds only `<dt>` and `<dd>`: the button gets its own.
                            <dd>
                                <button type="button" class="link" on:click=move |_| go(s)>
                                    {move || i.t("修改", "Edit")}
                                </button>
                            </dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
    }
}
