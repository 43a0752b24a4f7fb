//! Keeping what the user typed: written to this device shortly after they stop typing, and at
//! once when the tab is hidden or closed or the form goes away, so at most the last keystroke
//! is lost. One piece for every form that keeps its input.
//!
//! Built on leptos' own `set_timeout_with_handle` and `window_event_listener_untyped`. leptos-use's
//! `use_debounce_fn` and `use_event_listener` would do the same, but were measured (issue 8) at
//! about 6 KB more brotli on the first load for these few lines, so they are not used.

use std::time::Duration;

use leptos::prelude::*;

/// How long typing must pause before a write.
pub const DEBOUNCE: Duration = Duration::from_millis(250);

/// Calls `save` [`DEBOUNCE`] after the signals read by `track` last changed (not for their
/// first values), and at once on `pagehide`, on `visibilitychange` and on cleanup. `save` must
/// be cheap when nothing changed and must tolerate running after the owner's signals are gone
/// (use `try_*` reads).
pub fn use_autosave(
    track: impl Fn() + Send + Sync + 'static,
    save: impl Fn() + Copy + Send + Sync + 'static,
) {
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |first: Option<()>| {
        track();
        if first.is_none() {
            return;
        }
        if let Some(h) = timer.try_get_value().flatten() {
            h.clear();
        }
        timer.try_set_value(set_timeout_with_handle(save, DEBOUNCE).ok());
    });
    let hide = window_event_listener_untyped("pagehide", move |_| save());
    let hidden = window_event_listener_untyped("visibilitychange", move |_| save());
    on_cleanup(move || {
        hide.remove();
        hidden.remove();
        save();
    });
}
