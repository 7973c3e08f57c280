//! Adopting the digest request that `prefetch.js` started while the WebAssembly downloaded.
//!
//! The page starts `fetch("digests/<id>.json")` with its own AbortController before the app runs
//! and leaves `{ url, response, controller, backstop, started }` on `window.digestReaderPrefetch`. The app
//! takes it (once) if it wants that very URL, links its own abort to the prefetch's controller,
//! and then applies its usual status, size and deadline checks to the response; if it wants
//! another URL, it aborts the prefetch at once so nothing is left downloading.

use js_sys::{Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AbortController, AbortSignal};

const KEY: &str = "digestReaderPrefetch";

/// A prefetched response, linked to the app's abort signal while it lives.
pub(super) struct Adopted {
    /// Resolves to the `Response`.
    pub response: Promise,
    /// When the page started it (`performance.now()`), if it said.
    pub started: Option<f64>,
    controller: AbortController,
    signal: AbortSignal,
    listener: Closure<dyn FnMut()>,
}

impl Drop for Adopted {
    /// The request is over: its body was read whole (then aborting changes nothing) or it was
    /// refused (then whatever is still downloading stops).
    fn drop(&mut self) {
        self.controller.abort();
        let _ = self
            .signal
            .remove_event_listener_with_callback("abort", self.listener.as_ref().unchecked_ref());
    }
}

fn field(object: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(object, &JsValue::from_str(name))
        .ok()
        .filter(|value| !value.is_undefined())
}

/// Takes the page's prefetch if it is for `absolute_url`; otherwise aborts it. Either way it is
/// gone afterwards, so it is used at most once.
pub(super) fn adopt(absolute_url: &str, signal: &AbortSignal) -> Option<Adopted> {
    let window = web_sys::window()?;
    let prefetch = field(&window, KEY)?;
    let _ = Reflect::delete_property(&window, &JsValue::from_str(KEY));
    let controller: AbortController = field(&prefetch, "controller")?.dyn_into().ok()?;
    if let Some(backstop) = field(&prefetch, "backstop").and_then(|value| value.as_f64()) {
        // The app's own deadline takes over from the page's backstop.
        window.clear_timeout_with_handle(backstop as i32);
    }
    let wanted = field(&prefetch, "url")
        .and_then(|url| url.as_string())
        .as_deref()
        == Some(absolute_url);
    let response = field(&prefetch, "response").and_then(|value| value.dyn_into::<Promise>().ok());
    let (true, Some(response)) = (wanted, response) else {
        controller.abort();
        return None;
    };
    let linked = controller.clone();
    let listener = Closure::<dyn FnMut()>::new(move || linked.abort());
    signal
        .add_event_listener_with_callback("abort", listener.as_ref().unchecked_ref())
        .ok()?;
    let started = field(&prefetch, "started").and_then(|value| value.as_f64());
    Some(Adopted {
        response,
        started,
        controller,
        signal: signal.clone(),
        listener,
    })
}
