//! What `embed.js` calls: mount the compact episode view into an element, and take it down again.

use crate::pages::EmbeddedEpisode;
use leptos::mount::mount_to;
use leptos::prelude::*;
use std::any::Any;
use wasm_bindgen::prelude::wasm_bindgen;

/// One mounted embed. Dropping it (or calling `unmount`) removes its view and frees its state.
#[wasm_bindgen]
pub struct MountedEmbed {
    _view: Box<dyn Any>,
}

#[wasm_bindgen]
impl MountedEmbed {
    /// Removes the view and frees it; the element it was in is left empty.
    pub fn unmount(self) {}
}

/// Mounts the compact view of the digest at `digest_url` into `container` (inside a shadow root).
/// `app_root` is the reader's root URL, where `site.json` is.
#[wasm_bindgen(js_name = mountEmbed)]
pub fn mount_embed(
    container: web_sys::HtmlElement,
    digest_url: String,
    app_root: String,
) -> MountedEmbed {
    let handle = mount_to(
        container,
        move || view! { <EmbeddedEpisode digest_url app_root /> },
    );
    MountedEmbed {
        _view: Box::new(handle),
    }
}
