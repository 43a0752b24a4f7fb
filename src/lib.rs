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
pub mod saved_copy;
pub mod scenarios;
pub mod settings;
pub mod state;
pub mod storage;
pub mod sync;
pub mod today;

use leptos::prelude::document;
use wasm_bindgen::JsCast;
use yidi_core::policy::BundledReading;

/// Starts the app on `<body>`, in place of the prerendered first view the page came with
/// (scripts/web/finish.mjs). The start is cut into tasks, so a slow phone stays responsive while
/// it runs (one long task was most of the page's Total Blocking Time; scripts/boot-trace.sh):
/// 1. the wasm is compiled and instantiated (the task that calls this);
/// 2. the app state: settings, drafts, the outbox, the session from local storage;
/// 3. the bundled policy packs, one per task (all at once, they were the start's longest task);
/// 4. the packs kept on this device over them, in context;
/// 5. the app mounted off the page, on an element not in the document: its elements are built
///    but not laid out, and the page never holds two copies of a control. The page itself, and
///    parts of it below the first screen, wait for tasks of their own
///    ([`components::deferred::Deferred`]);
/// 6. once every deferred part is in place, the prerendered view removed and the app moved into
///    `<body>` in one task, so no frame shows neither.
pub fn run() {
    console_error_panic_hook::set_once();
    // The providers create effects before anything is mounted: the executor must be there.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    next_task(|| {
        let owner = leptos::prelude::Owner::new();
        let app = owner.with(app::provide_state);
        read_bundled_packs(BundledReading::new(), move || {
            owner.with(|| packs::provide_packs(app));
            next_task(move || {
                // A `<div>` not in the document: the app is built there before it is shown.
                let stage: web_sys::HtmlElement = document()
                    .create_element("div")
                    .expect("a document creates a <div>")
                    .unchecked_into();
                owner
                    .with(|| leptos::mount::mount_to(stage.clone(), app::App))
                    .forget();
                components::deferred::when_all_shown(move || {
                    show(&stage);
                    // The root of the app's contexts lives as long as the page.
                    std::mem::forget(owner);
                });
            });
        });
    });
}

/// Reads the bundled packs a task at a time, then goes on with `then` in the task after the last.
fn read_bundled_packs(mut reading: BundledReading, then: impl FnOnce() + 'static) {
    next_task(move || {
        if reading.step() {
            read_bundled_packs(reading, then);
        } else {
            reading.finish();
            then();
        }
    });
}

/// Runs `step` in a task of its own, after the browser has had a chance to handle input.
pub(crate) fn next_task(step: impl FnOnce() + 'static) {
    leptos::prelude::set_timeout(step, std::time::Duration::ZERO);
}

/// Puts what was built on `stage` in place of the prerendered view (and its English copy), in one
/// task: no frame shows neither.
fn show(stage: &web_sys::HtmlElement) {
    if let Ok(prerendered) = document().query_selector_all("body > [data-prerender], #prerender-en")
    {
        for i in 0..prerendered.length() {
            if let Some(node) = prerendered.item(i)
                && let Some(parent) = node.parent_node()
            {
                let _ = parent.remove_child(&node);
            }
        }
    }
    let body = document().body().expect("a page has a <body>");
    while let Some(node) = stage.first_child() {
        let _ = body.append_child(&node);
    }
}
