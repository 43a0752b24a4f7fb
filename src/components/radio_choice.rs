//! One radio choice of a core list: the input and its label tied by one id, the label core's, in
//! the current language.

use leptos::prelude::*;
use yidi_core::domain::Choice;

use crate::i18n::use_i18n;

/// A radio input of group `name` for `value`, checked while `checked` says so; `on_pick` runs
/// when the person picks it (a new scheme also resets the person type).
#[component]
pub fn RadioChoice<T: Choice + Send + Sync>(
    name: &'static str,
    value: T,
    #[prop(into)] checked: Signal<bool>,
    #[prop(into)] on_pick: Callback<T>,
) -> impl IntoView {
    let i = use_i18n();
    let id = format!("{name}-{}", value.code());
    view! {
        <div class="radio">
            <input
                type="radio"
                name=name
                id=id.clone()
                value=value.code()
                prop:checked=move || checked.get()
                on:change=move |_| on_pick.run(value)
            />
            <label for=id>{move || i.t(value.label_zh(), value.label_en())}</label>
        </div>
    }
}
