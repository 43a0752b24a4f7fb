use leptos::prelude::*;

use crate::state::use_app;

/// "新版本可用，点击刷新": shown when a new service worker is waiting; the reload happens only on
/// the user's consent (index.html's `yidiApplyUpdate` tells the worker to take over, then reloads).
#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let app = use_app();
    let apply = move |_| {
        let w = window();
        match js_sys::Reflect::get(&w, &"yidiApplyUpdate".into()) {
            Ok(f) if f.is_function() => {
                let f: js_sys::Function = f.into();
                let _ = f.call0(&w);
            }
            _ => {
                let _ = w.location().reload();
            }
        }
    };
    view! {
        <Show when=move || app.update_ready.get()>
            <div role="status">
                <button type="button" class="update" on:click=apply>
                    "新版本可用，点击刷新"
                </button>
            </div>
        </Show>
    }
}
