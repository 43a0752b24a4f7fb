//! One checkbox with its label tied by one id.

use leptos::prelude::*;

/// A checkbox showing `checked`; `on_change` gets the new state. `described_by` names the hint
/// or error elements; `invalid` sets `aria-invalid`.
#[component]
pub fn CheckBox(
    #[prop(into)] id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] checked: Signal<bool>,
    #[prop(into)] on_change: Callback<bool>,
    #[prop(optional)] described_by: Option<&'static str>,
    #[prop(optional, into)] invalid: Option<Signal<bool>>,
) -> impl IntoView {
    view! {
        <div class="check">
            <input
                type="checkbox"
                id=id.clone()
                aria-describedby=described_by
                aria-invalid=move || invalid.map(|i| i.get().to_string())
                prop:checked=move || checked.get()
                on:change:target=move |ev| on_change.run(ev.target().checked())
            />
            <label for=id>{label}</label>
        </div>
    }
}
