//! A reader for episode digests: AI-written summaries of podcasts, videos and articles.
//!
//! `model` reads the format and `route` the app's URL (both pure, host-tested); `fetch` is the
//! only place that talks to the network; `components` render data and `pages` load it;
//! `app` is the shell that picks the page.

pub mod fetch;
pub mod model;
pub mod route;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod pages;
