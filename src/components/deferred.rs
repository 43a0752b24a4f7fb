//! A part of a page that is rendered in a task after the page's own: on a slow phone the start
//! is then cut into shorter tasks (scripts/boot-trace.sh), and what is below the first screen
//! is not what keeps a tap waiting. While the app starts it is built off the page, and shown in
//! place of the prerendered view once every deferred part is in place ([`when_all_shown`],
//! src/lib.rs), so the page never shows without them.

use std::cell::Cell;

use leptos::prelude::*;

use crate::next_task;

thread_local! {
    /// Deferred parts created and not yet rendered (or dropped with their page).
    static PENDING: Cell<usize> = const { Cell::new(0) };
}

#[component]
pub fn Deferred(children: ChildrenFn) -> impl IntoView {
    let ready = RwSignal::new(false);
    PENDING.with(|p| p.set(p.get() + 1));
    next_task(move || {
        PENDING.with(|p| p.set(p.get() - 1));
        // The page may be gone by then (a quick tap elsewhere): then there is nothing to show.
        let _ = ready.try_set(true);
    });
    move || ready.get().then(|| children())
}

/// Runs `then` in a task after every deferred part, including those a deferred part itself
/// holds, is rendered.
pub fn when_all_shown(then: impl FnOnce() + 'static) {
    next_task(move || {
        if PENDING.with(Cell::get) == 0 {
            then();
        } else {
            when_all_shown(then);
        }
    });
}
