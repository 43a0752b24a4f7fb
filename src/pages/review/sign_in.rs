//! The reviewer's sign-in: the token the office was given, checked against the queue before it
//! is kept (in `sessionStorage` only).

use leptos::prelude::*;

use super::use_reviewer;
use crate::components::field::{Field, TextInput};
use crate::i18n::use_i18n;
use crate::reviewer;

#[component]
pub fn TokenForm() -> impl IntoView {
    let i = use_i18n();
    let session = use_reviewer();
    let token = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let check = Action::new_local(move |t: &String| {
        let t = t.clone();
        async move {
            match reviewer::queue(&t, None).await {
                Ok(_) => {
                    reviewer::save_token(&t);
                    session.0.set(Some(t));
                }
                Err(e) if e.status == 401 || e.status == 404 => error.set(Some(
                    i.t(
                        "这个令牌不是审核令牌，或已失效。",
                        "This is not a valid reviewer token.",
                    )
                    .to_owned(),
                )),
                Err(e) => error.set(Some(e.message)),
            }
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = token.get_untracked().trim().to_owned();
        if t.is_empty() {
            error.set(Some(
                i.t("请输入审核令牌。", "Enter the reviewer token.")
                    .to_owned(),
            ));
            return;
        }
        error.set(None);
        check.dispatch(t);
    };
    view! {
        <h1>{move || i.t("备案审核", "Filing review")}</h1>
        <p class="muted">
            {move || i.t(
                "供参保地经办机构使用。令牌只保存在本标签页，关闭后即失效。",
                "For the insured region's office. The token is kept in this tab only and forgotten when it closes.",
            )}
        </p>
        <form on:submit=on_submit novalidate>
            <Field
                id="reviewer-token"
                label=Signal::derive(move || i.t("审核令牌", "Reviewer token").to_owned())
                error=Signal::derive(move || error.get())
            >
                <TextInput
                    value=token
                    on_input=Callback::new(move |v| token.set(v))
                    kind="password"
                    autocomplete="off"
                />
            </Field>
            <button type="submit" class="button primary" disabled=move || check.pending().get()>
                {move || i.t("进入审核", "Sign in")}
            </button>
        </form>
    }
}
