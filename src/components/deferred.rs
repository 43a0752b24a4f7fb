//! A part of a page that, while the app starts, is rendered in a task after the page's own: on a
//! slow phone the start is then cut into shorter tasks (scripts/boot-trace.sh), and what is below
//! the first screen is not what keeps a tap waiting. The app is built off the page meanwhile,
//! and shown in place of the prerendered view once every deferred part is in place
//! ([`when_all_shown`], src/lib.rs), so the page never shows without them. Once the app is
//! shown, a page opened from it renders whole at once: split, it could paint a frame half done.

use std::cell::Cell;

use leptos::prelude::*;

use crate::next_task;

thread_local! {
    /// Deferred parts whose task has not run yet.
    static PENDING: Cell<usize> = const { Cell::new(0) };
    /// Whether the app has been shown: from then on nothing is deferred.
    static SHOWN: Cell<bool> = const { Cell::new(false) };
}

#[component]
pub fn Deferred(children: ChildrenFn) -> impl IntoView {
    if SHOWN.with(Cell::get) {
        return children().into_any();
    }
    let ready = RwSignal::new(false);
    PENDING.with(|p| p.set(p.get() + 1));
    next_task(move || {
        PENDING.with(|p| p.set(p.get() - 1));
        // The page may be gone by then (a quick tap elsewhere): then there is nothing to show.
        let _ = ready.try_set(true);
    });
    (move || ready.get().then(|| children())).into_any()
}

/// Runs `then` (which shows the app) in a task after every deferred part, including those a
/// deferred part itself holds, is rendered; deferred parts made after that render at once.
pub fn when_all_shown(then: impl FnOnce() + 'static) {
    next_task(move || {
        if PENDING.with(Cell::get) == 0 {
            SHOWN.with(|s| s.set(true));
            then();
        } else {
            when_all_shown(then);
        }
    });
}
