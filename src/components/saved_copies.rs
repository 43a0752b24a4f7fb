//! Named copies of the estimate form kept on this device (the estimate page's saved estimates,
//! "my region's policy"): a name box with a save button, then a card per copy that puts it back
//! into the form or deletes it. One component, so both lists save, number, label and delete
//! their copies the same way; each kind says what it copies through [`SavedCopy`].

use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::saved_copy::SavedCopy;
use crate::scenarios::EstimateForm;
use crate::state::use_app;
use crate::storage::{self, Versioned};

/// A zh-CN text and its English.
type Text = (&'static str, &'static str);

#[component]
pub fn SavedCopies<T>(
    list: RwSignal<Vec<T>>,
    form: RwSignal<EstimateForm>,
    /// Names the parts: the name box is `{key}-name`, the list `{key}-list`.
    key: &'static str,
    /// A copy saved without a name is called "<untitled> <n>", n counting the copies with it.
    untitled: &'static str,
    /// A line above the name box (e.g. where the figures are found).
    #[prop(optional)]
    hint: Option<Text>,
    label: Text,
    placeholder: Text,
    save_label: Text,
    /// The button that puts a copy back (e.g. 使用, 载入).
    apply_label: Text,
) -> impl IntoView
where
    T: SavedCopy,
    Vec<T>: Versioned,
{
    let i = use_i18n();
    let app = use_app();
    let name = RwSignal::new(String::new());
    let store = move |next: Vec<T>| match T::save_all(&next) {
        Ok(()) => {
            list.set(next);
            true
        }
        Err(e) => {
            app.notices.save_error(&e);
            false
        }
    };
    let save = move |_| {
        let mut next = list.get_untracked();
        let typed = name.get_untracked().trim().to_owned();
        let n = if typed.is_empty() {
            format!("{untitled} {}", next.len() + 1)
        } else {
            typed
        };
        let copy = form.with_untracked(|f| T::copy(storage::new_uuid(), n, storage::now_ms(), f));
        next.insert(0, copy);
        if store(next) {
            name.set(String::new());
        }
    };
    let input_id = format!("{key}-name");
    view! {
        {hint.map(|(zh, en)| view! { <p class="hint">{move || i.t(zh, en)}</p> })}
        <label for=input_id.clone()>{move || i.t(label.0, label.1)}</label>
        <input
            id=input_id
            type="text"
            placeholder=move || i.t(placeholder.0, placeholder.1)
            prop:value=move || name.get()
            on:input:target=move |ev| name.set(ev.target().value())
        />
        <button type="button" class="button" on:click=save>
            {move || i.t(save_label.0, save_label.1)}
        </button>
        <ul class="cards" data-testid=format!("{key}-list")>
            // A plain list, not `<For>`: a handful of entries, and one keyed-list instance
            // less in the wasm.
            {move || {
                list.get()
                    .into_iter()
                    .map(|c| {
                        let (copy_name, id) = (c.name().to_owned(), c.id().to_owned());
                        let apply_aria = copy_name.clone();
                        let delete_aria = copy_name.clone();
                        view! {
                            <li class="card">
                                <strong>{copy_name}</strong>
                                {
                                    let c = c.clone();
                                    move || c.summary(i).map(|s| view! { <span class="small muted">{s}</span> })
                                }
                                <div class="actions">
                                    <button
                                        type="button"
                                        class="button"
                                        aria-label=move || format!("{}「{apply_aria}」", i.t(apply_label.0, apply_label.1))
                                        on:click=move |_| form.update(|f| c.put_back(f))
                                    >
                                        {move || i.t(apply_label.0, apply_label.1)}
                                    </button>
                                    <button
                                        type="button"
                                        class="button danger-outline"
                                        aria-label=move || format!("{}「{delete_aria}」", i.t("删除", "Delete"))
                                        on:click=move |_| {
                                            let mut next = list.get_untracked();
                                            next.retain(|x| x.id() != id);
                                            store(next);
                                        }
                                    >
                                        {move || i.t("删除", "Delete")}
                                    </button>
                                </div>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}
