//! One answer of a /why question: the input and its label tied by one id. The answers are the
//! page's own codes with "不知道" among them, not a core `Choice`, so the shared `RadioChoice`
//! (typed over core lists) does not fit them.

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// A radio input of group `name` that selects `value` into `selected`.
#[component]
pub fn Answer(
    name: &'static str,
    value: &'static str,
    zh: &'static str,
    en: &'static str,
    selected: RwSignal<String>,
) -> impl IntoView {
    let i = use_i18n();
    let id = format!("{name}-{value}");
    view! {
        <div class="radio">
            <input
                type="radio"
                name=name
                id=id.clone()
                value=value
                prop:checked=move || selected.get() == value
                on:change=move |_| selected.set(value.to_owned())
            />
            <label for=id>{move || i.t(zh, en)}</label>
        </div>
    }
}
