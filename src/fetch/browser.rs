//! Fetching in the browser with gloo-net: a deadline, a size limit read chunk by chunk, typed errors.

use super::error::{LoadError, TIMEOUT_SECONDS};
use super::prefetch;
use gloo_net::http::Request;
use js_sys::{Reflect, Uint8Array};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, ReadableStreamDefaultReader};

/// Cancels the deadline timer when the request ends, however it ends.
struct Deadline {
    handle: Option<i32>,
    // Kept alive until the timer is cleared; dropping it earlier would make the callback dangle.
    _callback: Closure<dyn FnMut()>,
}

impl Deadline {
    /// Aborts through `controller` after `millis`.
    fn start(controller: &AbortController, expired: Rc<Cell<bool>>, millis: i32) -> Self {
        let controller = controller.clone();
        let callback = Closure::<dyn FnMut()>::new(move || {
            expired.set(true);
            controller.abort();
        });
        let handle = web_sys::window().and_then(|window| {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    callback.as_ref().unchecked_ref(),
                    millis,
                )
                .ok()
        });
        Self {
            handle,
            _callback: callback,
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let (Some(handle), Some(window)) = (self.handle, web_sys::window()) {
            window.clear_timeout_with_handle(handle);
        }
    }
}

/// Fetches `url` as UTF-8 text of at most `limit` bytes within the time limit.
///
/// `controller` lets the caller cancel (e.g. when the view that asked goes away); the deadline
/// aborts through it too, and is then reported as [`LoadError::Timeout`].
pub async fn fetch_text(
    url: &str,
    limit: usize,
    controller: &AbortController,
) -> Result<String, LoadError> {
    fetch(url, limit, controller, false).await
}

/// Like [`fetch_text`], but first adopts the request for `url` that the page's `prefetch.js`
/// started before the app ran (the digest named in `?episode=`), with the same checks.
pub async fn fetch_prefetched_text(
    url: &str,
    limit: usize,
    controller: &AbortController,
) -> Result<String, LoadError> {
    fetch(url, limit, controller, true).await
}

async fn fetch(
    url: &str,
    limit: usize,
    controller: &AbortController,
    adopt: bool,
) -> Result<String, LoadError> {
    let expired = Rc::new(Cell::new(false));
    let signal = controller.signal();
    let adopted = if adopt {
        web_sys::window()
            .and_then(|window| window.location().href().ok())
            .and_then(|base| resolve(url, &base))
            .and_then(|absolute| prefetch::adopt(&absolute.href(), &signal))
    } else {
        None
    };
    // A prefetched request has been running since the page started: the reader's deadline
    // counts from then, however long the app took to start.
    let budget = f64::from(TIMEOUT_SECONDS * 1000);
    let spent = adopted
        .as_ref()
        .and_then(|adopted| Some(now()? - adopted.started?))
        .unwrap_or(0.0)
        .clamp(0.0, budget);
    let _deadline = Deadline::start(controller, expired.clone(), (budget - spent) as i32);
    let result = request(url, limit, &signal, adopted).await;
    if result.is_err() {
        // A refused response (bad status, declared too large) may still be downloading: stop it.
        controller.abort();
    }
    result.map_err(|err| {
        if expired.get() {
            LoadError::Timeout
        } else {
            err
        }
    })
}

/// `performance.now()`, in milliseconds.
fn now() -> Option<f64> {
    Some(web_sys::window()?.performance()?.now())
}

async fn request(
    url: &str,
    limit: usize,
    signal: &AbortSignal,
    adopted: Option<prefetch::Adopted>,
) -> Result<String, LoadError> {
    let response: web_sys::Response = match &adopted {
        Some(adopted) => JsFuture::from(adopted.response.clone())
            .await
            .ok()
            .and_then(|response| response.dyn_into().ok())
            .ok_or(LoadError::Network)?,
        None => Request::get(url)
            .abort_signal(Some(signal))
            .send()
            .await
            .map_err(|_| LoadError::Network)?
            .into(),
    };
    check_status(&response, url)?;
    let declared = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|length| length.trim().parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return Err(LoadError::TooLarge);
    }
    let bytes = read_body(&response, limit).await?;
    String::from_utf8(bytes).map_err(|_| LoadError::NotText)
}

fn check_status(response: &web_sys::Response, url: &str) -> Result<(), LoadError> {
    match response.status() {
        200..=299 => Ok(()),
        status @ (404 | 410) => Err(LoadError::NotFound {
            url: url.to_string(),
            status,
        }),
        status @ 500..=599 => Err(LoadError::Server(status)),
        // Opaque responses report status 0: the request did not really succeed.
        status => Err(LoadError::Status(status)),
    }
}

/// Reads the body chunk by chunk so that an oversized one is cut off without being held whole.
async fn read_body(response: &web_sys::Response, limit: usize) -> Result<Vec<u8>, LoadError> {
    let Some(stream) = response.body() else {
        return Ok(Vec::new());
    };
    let reader: ReadableStreamDefaultReader = stream
        .get_reader()
        .dyn_into()
        .map_err(|_| LoadError::Network)?;
    let mut bytes = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|_| LoadError::Network)?;
        let done = Reflect::get(&chunk, &JsValue::from_str("done"))
            .map(|done| done.is_truthy())
            .unwrap_or(true);
        if done {
            return Ok(bytes);
        }
        let value = Reflect::get(&chunk, &JsValue::from_str("value"))
            .ok()
            .and_then(|value| value.dyn_into::<Uint8Array>().ok());
        if let Some(value) = value {
            let length = usize::try_from(value.length()).unwrap_or(usize::MAX);
            if bytes.len().saturating_add(length) > limit {
                // The rest is not wanted: stop the download instead of draining it.
                let _ = reader.cancel();
                return Err(LoadError::TooLarge);
            }
            let start = bytes.len();
            bytes.resize(start + length, 0);
            if let Some(slot) = bytes.get_mut(start..) {
                value.copy_to(slot);
            }
        }
    }
}

/// Resolves `url` against `base` the way the browser would; `None` if it does not parse.
pub fn resolve(url: &str, base: &str) -> Option<web_sys::Url> {
    web_sys::Url::new_with_base(url, base).ok()
}

/// Where a digest named by `url` (from `?src=` or `data-digest`) is, resolved against `base`:
/// only http(s) may be loaded.
pub fn resolve_digest(url: &str, base: &str) -> Result<web_sys::Url, LoadError> {
    resolve(url, base)
        .filter(|url| matches!(url.protocol().as_str(), "http:" | "https:"))
        .ok_or_else(|| LoadError::BadSource(url.to_string()))
}
