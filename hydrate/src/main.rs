//! The WebAssembly of a published episode page (`episodes/<id>/`): the episode is already in
//! the HTML, so this only hydrates it (subsections, deep links). The full app is a separate,
//! larger module that this page never loads.

// Hydration's types nest as deep as the episode's markup.
#![recursion_limit = "256"]

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        digest_reader::crash::install();
        let document = leptos::prelude::document();
        if !digest_reader::published::take_over::hydrate_if_published(&document) {
            web_sys_console_warn();
        }
    }
}

/// Loaded on a page that is not a published episode: says so, and does nothing else.
#[cfg(target_arch = "wasm32")]
fn web_sys_console_warn() {
    leptos::logging::warn!("digest-reader: no published episode on this page (#episode-root)");
}
