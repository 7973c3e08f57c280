//! The only place that talks to the network: timeouts, size limits, status codes, typed errors.

mod error;

pub use error::{
    size_text, Fetched, LoadError, Message, DIGEST_LIMIT, INDEX_LIMIT, SITE_LIMIT, TIMEOUT_SECONDS,
};

#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
mod prefetch;
#[cfg(target_arch = "wasm32")]
pub use browser::{fetch_prefetched_text, fetch_text, resolve, resolve_digest};
