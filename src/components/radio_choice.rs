//! One radio choice: the input and its label tied by one id, the label in the current language.

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// A radio input of group `name` that selects `value` into `selected`; `on_pick` runs after a
/// pick, for choices that reset others (a new scheme resets the person type).
#[component]
pub fn RadioChoice(
    name: &'static str,
    value: &'static str,
    zh: &'static str,
    en: &'static str,
    selected: RwSignal<String>,
    #[prop(optional, into)] on_pick: Option<Callback<()>>,
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
                on:change=move |_| {
                    selected.set(value.to_owned());
                    if let Some(pick) = on_pick {
                        pick.run(());
                    }
                }
            />
            <label for=id>{move || i.t(zh, en)}</label>
        </div>
    }
}
