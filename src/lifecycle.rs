//! Tying browser resources to the reactive owner that uses them.

use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;

/// Keeps `keep` (e.g. the JS callback an observer calls) alive until the current owner is cleaned
/// up, then runs `release` (e.g. `observer.disconnect()`) and drops it.
pub(crate) fn release_on_cleanup<K: 'static>(release: impl FnOnce() + 'static, keep: K) {
    // Browser objects never leave the main thread; the wrapper satisfies on_cleanup's Send bound.
    let held = SendWrapper::new((release, keep));
    on_cleanup(move || {
        let (release, keep) = held.take();
        release();
        drop(keep);
    });
}
