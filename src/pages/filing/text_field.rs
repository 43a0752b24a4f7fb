//! A labelled text input bound to one text of the draft, its problem shown once edited.

use leptos::prelude::*;
use yidi_core::filing::Draft;

use super::problems::dom_id;
use super::wizard::Ctx;
use crate::components::field::{Field, TextInput};

/// Where a text lives in the draft.
#[derive(Clone, Copy)]
pub struct Lens {
    pub get: fn(&Draft) -> &String,
    pub set: fn(&mut Draft) -> &mut String,
}

impl Lens {
    /// The text as a signal, and the callback that writes it and marks `field` edited.
    pub fn bind(self, ctx: Ctx, field: &'static str) -> (Signal<String>, Callback<String>) {
        let form = ctx.form;
        let value = Signal::derive(move || form.with(|f| (self.get)(f).clone()));
        let on_input = Callback::new(move |v: String| {
            form.update(|f| *(self.set)(f) = v);
            ctx.touch(field);
        });
        (value, on_input)
    }
}

/// `lens!(insured.name)`: the [`Lens`] of `draft.insured.name`.
macro_rules! lens {
    ($($field:ident).+) => {
        $crate::pages::filing::text_field::Lens {
            get: |d| &d.$($field).+,
            set: |d| &mut d.$($field).+,
        }
    };
}
pub(super) use lens;

/// The input of `field` (its JSON path, which also names its element id).
#[component]
pub fn TextField(
    ctx: Ctx,
    field: &'static str,
    zh: &'static str,
    en: &'static str,
    lens: Lens,
    #[prop(optional)] hint: Option<(&'static str, &'static str)>,
    #[prop(default = "text")] inputmode: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
) -> impl IntoView {
    let (value, on_input) = lens.bind(ctx, field);
    draft_field(ctx, field, (zh, en), hint, move || {
        view! { <TextInput value on_input inputmode autocomplete /> }.into_any()
    })
}

/// The [`Field`] of one draft `field` around its `input`: the label and hint in the current
/// language, the id from the field's path, its problem once edited (or once the step was tried).
pub(super) fn draft_field(
    ctx: Ctx,
    field: &'static str,
    (zh, en): (&'static str, &'static str),
    hint: Option<(&'static str, &'static str)>,
    input: impl FnOnce() -> AnyView + Send + 'static,
) -> AnyView {
    let i = ctx.i;
    let label = Signal::derive(move || i.t(zh, en).to_owned());
    match hint {
        Some((hzh, hen)) => view! {
            <Field id=dom_id(field) label hint=Signal::derive(move || i.t(hzh, hen).to_owned()) error=ctx.error(field)>
                {input()}
            </Field>
        }
        .into_any(),
        None => view! {
            <Field id=dom_id(field) label error=ctx.error(field)>
                {input()}
            </Field>
        }
        .into_any(),
    }
}
