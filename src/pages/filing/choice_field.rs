//! A labelled select bound to one of core's choices in the draft (`None` until picked), its
//! problem shown once edited: the choice counterpart of [`super::text_field::TextField`].

use leptos::prelude::*;
use yidi_core::domain::Choice;
use yidi_core::filing::Draft;

use super::text_field::draft_field;
use super::wizard::Ctx;
use crate::components::field::ChoiceSelect;

/// The select of `field` (its JSON path, which also names its element id): `get` reads the
/// choice from the draft, `set` writes it (and whatever a new choice resets).
#[component]
pub fn ChoiceField<T>(
    ctx: Ctx,
    field: &'static str,
    zh: &'static str,
    en: &'static str,
    #[prop(optional)] hint: Option<(&'static str, &'static str)>,
    get: fn(&Draft) -> Option<T>,
    set: fn(&mut Draft, Option<T>),
) -> impl IntoView
where
    T: Choice + Send + Sync,
{
    let form = ctx.form;
    draft_field(ctx, field, (zh, en), hint, move || {
        view! {
            <ChoiceSelect
                i=ctx.i
                value=Signal::derive(move || form.with(get))
                on_pick=Callback::new(move |v| {
                    form.update(|f| set(f, v));
                    ctx.touch(field);
                })
                placeholder="请选择"
            />
        }
        .into_any()
    })
}
