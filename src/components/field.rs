//! Form fields: the label above the input, a hint and an error tied to it with
//! `aria-describedby`, `aria-invalid` on error. Like thaw's `Field`, the id travels to the input
//! through context, so a label can never drift from its input.

use leptos::prelude::*;
use yidi_core::domain::Choice;

use crate::i18n::I18n;

#[derive(Clone)]
pub struct FieldCtx {
    pub id: String,
    pub error: Signal<Option<String>>,
    pub has_hint: bool,
}

impl FieldCtx {
    pub fn described_by(&self) -> String {
        if self.has_hint {
            format!("{0}-hint {0}-error", self.id)
        } else {
            format!("{}-error", self.id)
        }
    }

    pub fn invalid(&self) -> &'static str {
        if self.error.get().is_some() {
            "true"
        } else {
            "false"
        }
    }
}

/// `id` may be made at run time (one change form per filing card gives each its own ids).
#[component]
pub fn Field(
    #[prop(into)] id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    let ctx = FieldCtx {
        id: id.clone(),
        error,
        has_hint: hint.is_some(),
    };
    provide_context(ctx);
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
            {children()}
            <p class="error" id=format!("{id}-error")>{move || error.get()}</p>
        </div>
    }
}

/// What every control inside a [`Field`] carries: the field's id (also its name), its value, and
/// `aria-invalid` / `aria-describedby` tied to the field's hint and error.
fn control(value: Signal<String>) -> impl leptos::attr::Attribute {
    let f = expect_context::<FieldCtx>();
    let invalid = f.clone();
    view! {
        <{..}
            id=f.id.clone()
            name=f.id.clone()
            aria-invalid=move || invalid.invalid()
            aria-describedby=f.described_by()
            prop:value=move || value.get()
        />
    }
}

/// A text input inside a [`Field`]. Money: `inputmode="decimal"` (keeps `type="text"`, so "1,2"
/// or a stray space is kept for the user to see and fix instead of vanishing).
#[component]
pub fn TextInput(
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional)] testid: Option<&'static str>,
    #[prop(default = "text")] kind: &'static str,
) -> impl IntoView {
    view! {
        <input
            {..control(value)}
            type=kind
            inputmode=inputmode
            autocomplete=autocomplete
            placeholder=placeholder
            data-testid=testid
            on:input:target=move |ev| on_input.run(ev.target().value())
        />
    }
}

/// A `<select>` inside a [`Field`]; `options` are `(value, text)` pairs.
#[component]
pub fn SelectInput(
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(optional)] placeholder: Option<&'static str>,
) -> impl IntoView {
    view! {
        <select
            {..control(value)}
            on:change:target=move |ev| on_change.run(ev.target().value())
        >
            {placeholder.map(|p| view! { <option value="">{p}</option> })}
            {move || {
                let current = value.get();
                options
                    .get()
                    .into_iter()
                    .map(|(v, t)| {
                        let sel = v == current;
                        view! { <option value=v selected=sel>{t}</option> }
                    })
                    .collect_view()
            }}
        </select>
    }
}

/// A [`SelectInput`] over one of core's choices that may not be chosen yet (`None`: the
/// `placeholder` shows); `on_pick` gets the choice for the picked code.
#[component]
pub fn ChoiceSelect<T>(
    i: I18n,
    #[prop(into)] value: Signal<Option<T>>,
    #[prop(into)] on_pick: Callback<Option<T>>,
    placeholder: &'static str,
) -> impl IntoView
where
    T: Choice + Send + Sync,
{
    view! {
        <SelectInput
            value=Signal::derive(move || value.get().map(T::code).unwrap_or_default().to_owned())
            on_change=Callback::new(move |v: String| on_pick.run(T::from_code(&v).ok()))
            options=Signal::derive(move || choice_options(i, T::ALL))
            placeholder
        />
    }
}

/// The `(value, text)` options of a [`SelectInput`] for a list of core's choices, in the current
/// language: codes and labels both come from `yidi_core`.
pub fn choice_options<T: Choice>(i: I18n, list: &[T]) -> Vec<(String, String)> {
    list.iter()
        .map(|c| {
            (
                c.code().to_owned(),
                i.t(c.label_zh(), c.label_en()).to_owned(),
            )
        })
        .collect()
}
