//! A part of a page that is rendered in a task after the page's own: on a slow phone the start
//! is then cut into shorter tasks (scripts/boot-trace.sh), and what is below the first screen
//! is not what keeps a tap waiting. While the app starts it is hidden behind the prerendered
//! view until the deferred parts are in place (src/lib.rs), so the page never shows without them.

use leptos::prelude::*;

#[component]
pub fn Deferred(children: ChildrenFn) -> impl IntoView {
    let ready = RwSignal::new(false);
    // The page may be gone by then (a quick tap elsewhere): then there is nothing to show.
    set_timeout(
        move || {
            let _ = ready.try_set(true);
        },
        std::time::Duration::ZERO,
    );
    move || ready.get().then(|| children())
}
