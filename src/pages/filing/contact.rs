//! Step 3: whom the office calls with questions.

use leptos::prelude::*;

use super::text_field::{TextField, lens};
use super::wizard::Ctx;

pub fn step(ctx: Ctx) -> impl IntoView {
    let i = ctx.i;
    view! {
        <h2>{move || i.t("联系人", "Contact person")}</h2>
        <p class="muted">{move || i.t("医保经办机构有问题时联系谁（可以是子女）。", "Whom the office calls with questions (may be a son or daughter).")}</p>
        <TextField ctx field="contact.name" zh="联系人姓名" en="Name" lens={lens!(contact.name)} />
        <TextField ctx field="contact.phone" zh="联系人手机号" en="Mobile phone" lens={lens!(contact.phone)} inputmode="tel" />
    }
}
