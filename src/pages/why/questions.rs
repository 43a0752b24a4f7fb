//! One question of `/why`: a fieldset whose legend is the question and whose radios are the
//! answers, each a core or page [`Choice`] through the generic [`RadioChoice`].

use leptos::prelude::*;
use yidi_core::domain::Choice;

use super::answers::DontKnow;
use crate::components::radio_choice::RadioChoice;
use crate::i18n::use_i18n;

/// A question answered by one of `T::ALL` (it always has an answer).
pub fn question<T: Choice + Send + Sync>(
    name: &'static str,
    (zh, en): (&'static str, &'static str),
    selected: RwSignal<T>,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <fieldset class="field">
            <legend>{move || i.t(zh, en)}</legend>
            {radios(name, move |v| selected.get() == v, move |v| selected.set(v))}
        </fieldset>
    }
}

/// A question whose answer may be missing (`None`): one radio per choice of `T`, then, with
/// `dont_know`, a "不知道" radio that stands for `None`. Without it `None` means "not answered
/// yet", and `invalid` marks the question once that matters.
pub fn maybe_question<T: Choice + Send + Sync>(
    name: &'static str,
    (zh, en): (&'static str, &'static str),
    selected: RwSignal<Option<T>>,
    dont_know: bool,
    invalid: Signal<bool>,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <fieldset class="field" class:invalid=move || invalid.get()>
            <legend>{move || i.t(zh, en)}</legend>
            {radios(name, move |v| selected.get() == Some(v), move |v| selected.set(Some(v)))}
            {dont_know.then(|| view! {
                <RadioChoice
                    name=name
                    value=DontKnow::DontKnow
                    checked=Signal::derive(move || selected.get().is_none())
                    on_pick=Callback::new(move |_| selected.set(None))
                />
            })}
        </fieldset>
    }
}

/// One radio per choice of `T`: `is(v)` says whether `v` is the answer, `pick(v)` records it.
fn radios<T: Choice + Send + Sync>(
    name: &'static str,
    is: impl Fn(T) -> bool + Copy + Send + Sync + 'static,
    pick: impl Fn(T) + Send + Sync + 'static,
) -> impl IntoView {
    let pick = Callback::new(pick);
    T::ALL
        .iter()
        .map(|&v| {
            view! {
                <RadioChoice name=name value=v checked=Signal::derive(move || is(v)) on_pick=pick />
            }
        })
        .collect_view()
}
