//! Yidi 异地就医助手: the SPA (Leptos 0.8, client-side rendered).
//!
//! Every rule and every amount comes from `yidi_core`; this crate only asks and shows.

pub mod api;
pub mod app;
pub mod attachments;
pub mod autosave;
pub mod components;
pub mod custom_policies;
pub mod drafts;
pub mod estimate_request;
pub mod format;
pub mod i18n;
pub mod outbox;
pub mod packs;
pub mod pages;
pub mod policy_info;
pub mod reviewer;
pub mod scenarios;
pub mod settings;
pub mod state;
pub mod storage;
pub mod sync;
pub mod today;

/// Starts the app on `<body>`, in place of the prerendered first view the page came with
/// (scripts/web/finish.mjs): removed and mounted in one task, so no frame shows neither.
pub fn run() {
    console_error_panic_hook::set_once();
    remove_prerendered();
    leptos::mount::mount_to_body(app::App);
}

fn remove_prerendered() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(nodes) = document.query_selector_all("body > [data-prerender], #prerender-en") else {
        return;
    };
    for i in 0..nodes.length() {
        if let Some(node) = nodes.item(i)
            && let Some(parent) = node.parent_node()
        {
            let _ = parent.remove_child(&node);
        }
    }
}
