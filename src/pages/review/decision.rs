//! The decision on a filing: approve, return or reject, with a reason for the last two; the
//! ready-made reasons (core's [`ReviewReason`]) fill the reason box and can be edited.

use leptos::prelude::*;
use yidi_core::filing::{Decision, Lifecycle, ReviewReason};

use super::use_reviewer;
use crate::i18n::use_i18n;
use crate::reviewer;

const CHOICES: [(Decision, &str, &str, &str); 3] = [
    (Decision::Approve, "通过", "Approve", "approve"),
    (Decision::Return, "退回补正", "Return", "return"),
    (Decision::Reject, "不予通过", "Reject", "reject"),
];

#[component]
pub fn DecisionForm(id: String, status: Lifecycle, decided: RwSignal<u32>) -> impl IntoView {
    let i = use_i18n();
    let session = use_reviewer();
    let decision = RwSignal::new(Decision::Approve);
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let send = Action::new_local(move |(d, r): &(Decision, String)| {
        let (d, r, id) = (*d, r.clone(), id.clone());
        async move {
            let Some(token) = session.0.get_untracked() else {
                return;
            };
            match reviewer::decide(&token, &id, d, &r).await {
                Ok(_) => {
                    reason.set(String::new());
                    decided.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(e.message)),
            }
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (d, r) = (
            decision.get_untracked(),
            reason.get_untracked().trim().to_owned(),
        );
        if d.needs_reason() && r.is_empty() {
            error.set(Some(
                i.t(
                    "退回或不予通过时，请写明原因。",
                    "Give the reason for a return or a rejection.",
                )
                .to_owned(),
            ));
            return;
        }
        error.set(None);
        send.dispatch((d, r));
    };
    if status.is_final() || status == Lifecycle::Returned {
        return ().into_any();
    }
    view! {
        <form class="card" data-testid="decision-form" on:submit=on_submit novalidate>
            <h2>{move || i.t("审核决定", "Decision")}</h2>
            <fieldset class="field">
                <legend>{move || i.t("决定", "Decision")}</legend>
                {CHOICES
                    .iter()
                    .map(|&(d, zh, en, code)| {
                        let rid = format!("decision-{code}");
                        view! {
                            <div class="check">
                                <input
                                    type="radio"
                                    name="decision"
                                    id=rid.clone()
                                    prop:checked=move || decision.get() == d
                                    on:change=move |_| decision.set(d)
                                />
                                <label for=rid>{move || i.t(zh, en)}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <Show when=move || decision.get().needs_reason()>
                <div class="field">
                    <label for="decision-reason">{move || i.t("原因（申请人会看到）", "Reason (the applicant sees it)")}</label>
                    <div class="reasons" role="group" aria-label=move || i.t("常用原因", "Common reasons")>
                        {ReviewReason::ALL
                            .into_iter()
                            .map(|r| view! {
                                <button
                                    type="button"
                                    class="button"
                                    on:click=move |_| reason.set(r.label_zh().to_owned())
                                >
                                    {move || i.t(r.label_zh(), r.label_en())}
                                </button>
                            })
                            .collect_view()}
                    </div>
                    <textarea
                        id="decision-reason"
                        aria-describedby="decision-error"
                        aria-invalid=move || error.with(Option::is_some).to_string()
                        bind:value=reason
                    ></textarea>
                </div>
            </Show>
            <p class="error" id="decision-error" role="alert">{move || error.get()}</p>
            <button type="submit" class="button primary" data-testid="decision-submit" disabled=move || send.pending().get()>
                {move || i.t("提交决定", "Submit the decision")}
            </button>
        </form>
    }
    .into_any()
}
