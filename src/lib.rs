//! A reader for episode digests: AI-written summaries of podcasts, videos and articles.
//!
//! `model` reads the format and `route` the app's URL (both pure, host-tested); `fetch` is the
//! only place that talks to the network, and `load` turns its answers into what a page waits
//! for; `components` render data and `pages` load it;
//! `app` is the shell that picks the page. `export` writes an episode as Markdown and `moment`
//! writes times (both pure, shared with the publish command in `publish/`).

// Hydration's types nest as deep as the episode's markup.
#![recursion_limit = "256"]
// A panic kills the whole WebAssembly instance, so code that could panic on data or DOM lookups
// does not compile; failures are typed errors instead. (Tests may assert and index freely.)
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic,
        clippy::unreachable,
        clippy::todo
    )
)]

pub mod export;
pub mod fetch;
pub mod model;
pub mod moment;
pub mod route;

#[cfg(all(target_arch = "wasm32", not(feature = "hydrate")))]
pub mod app;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod crash;
#[cfg(all(target_arch = "wasm32", not(feature = "hydrate")))]
pub mod embed;
#[cfg(all(target_arch = "wasm32", not(feature = "hydrate")))]
mod lifecycle;
#[cfg(all(target_arch = "wasm32", not(feature = "hydrate")))]
pub mod load;
#[cfg(all(target_arch = "wasm32", not(feature = "hydrate")))]
pub mod pages;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub mod published;
