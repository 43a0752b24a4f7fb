//! Step 5: the 告知书 (core's text, with its source) to accept, and the signature.

use leptos::prelude::*;
use yidi_core::filing::NOTICE;

use super::wizard::Ctx;
use crate::components::check_box::CheckBox;
use crate::components::field::{Field, TextInput};

pub fn step(ctx: Ctx) -> impl IntoView {
    let (i, form) = (ctx.i, ctx.form);
    let applicant_name = move || form.with(|f| f.applicant().name.trim().to_owned());
    let notice_error = ctx.error("notice_accepted");
    let hint = Signal::derive(move || {
        let n = applicant_name();
        if n.is_empty() {
            i.t(
                "输入申请人姓名作为签名",
                "Type the applicant's name to sign",
            )
            .to_owned()
        } else {
            format!(
                "{}“{n}”",
                i.t("请输入申请人姓名：", "Type the applicant's name: ")
            )
        }
    });
    view! {
        <h2>{move || i.t("告知书", "Notice")}</h2>
        <div class="notice-text" id="notice-text" tabindex="0" role="region" aria-label=NOTICE.title>
            {NOTICE.paragraphs.iter().map(|p| view! { <p>{*p}</p> }).collect_view()}
            <p class="source">{NOTICE.source}</p>
        </div>
        <div class="field" class:invalid=move || notice_error.get().is_some()>
            <CheckBox
                id="notice_accepted"
                label=Signal::derive(move || i.t("我已阅读并同意以上告知书", "I have read and accept the notice").to_owned())
                described_by="notice_accepted-error"
                invalid=Signal::derive(move || notice_error.get().is_some())
                checked=Signal::derive(move || form.with(|f| f.notice_accepted))
                on_change=Callback::new(move |on| {
                    form.update(|f| f.notice_accepted = on);
                    ctx.touch("notice_accepted");
                })
            />
            <p class="error" id="notice_accepted-error">{move || notice_error.get()}</p>
        </div>
        <h2>{move || i.t("签名", "Signature")}</h2>
        <Field
            id="signature"
            label=Signal::derive(move || i.t("本人承诺以上信息真实，签名：", "I confirm the above is true. Signature:").to_owned())
            hint=hint
            error=ctx.error("signature")
        >
            <TextInput
                value=Signal::derive(move || form.with(|f| f.signature.clone()))
                on_input=Callback::new(move |v: String| {
                    form.update(|f| f.signature = v);
                    ctx.touch("signature");
                })
                autocomplete="off"
            />
        </Field>
    }
}
