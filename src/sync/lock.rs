//! One tab drains the outbox at a time: the Web Locks API
//! (`navigator.locks.request(name, {ifAvailable: true}, cb)`), written against `js_sys` so it
//! costs a few hundred bytes of wasm instead of a dependency. Where the API is missing (older
//! webviews, insecure origins) the work runs anyway: every entry's fixed `Idempotency-Key` keeps a
//! double send from creating a second filing, so the lock only saves requests, not correctness.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_futures::{JsFuture, future_to_promise};

/// What became of a request for the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locked {
    /// We held the lock and the work ran.
    Ran,
    /// Another tab holds it; the work did not run.
    Busy,
    /// No Web Locks here: the work ran without one.
    Unsupported,
}

fn lock_manager() -> Option<(JsValue, Function)> {
    let navigator = web_sys::window()?.navigator();
    let locks = Reflect::get(&navigator, &"locks".into()).ok()?;
    if locks.is_undefined() || locks.is_null() {
        return None;
    }
    let request = Reflect::get(&locks, &"request".into()).ok()?;
    let request: Function = wasm_bindgen::JsCast::dyn_into(request).ok()?;
    Some((locks, request))
}

/// Runs `work` while holding the named lock if no other tab holds it; returns at once with
/// [`Locked::Busy`] if one does. The lock is released when `work`'s future completes.
pub async fn run_exclusive<F, Fut>(name: &str, work: F) -> Locked
where
    F: FnOnce() -> Fut + 'static,
    Fut: Future<Output = ()> + 'static,
{
    let Some((locks, request)) = lock_manager() else {
        work().await;
        return Locked::Unsupported;
    };
    // Shared so the work can still run without a lock if `request` throws before calling back.
    let slot = Rc::new(RefCell::new(Some(work)));
    let options = Object::new();
    let _ = Reflect::set(&options, &"ifAvailable".into(), &JsValue::TRUE);
    let in_cb = Rc::clone(&slot);
    let callback = Closure::once_into_js(move |lock: JsValue| -> Promise {
        let work = in_cb.borrow_mut().take();
        match work {
            // `null` lock: another tab has it.
            Some(work) if !lock.is_null() => future_to_promise(async move {
                work().await;
                Ok(JsValue::TRUE)
            }),
            _ => Promise::resolve(&JsValue::FALSE),
        }
    });
    let held = match request.call3(&locks, &name.into(), &options, &callback) {
        Ok(p) => JsFuture::from(Promise::from(p)).await,
        Err(e) => Err(e),
    };
    match held {
        Ok(v) if v.as_bool() == Some(true) => Locked::Ran,
        Ok(_) => Locked::Busy,
        Err(_) => {
            let work = slot.borrow_mut().take();
            match work {
                Some(work) => {
                    work().await;
                    Locked::Unsupported
                }
                None => Locked::Ran,
            }
        }
    }
}
