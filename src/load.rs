//! What a page waits for: a document fetched, parsed, cancelled when the page goes away and
//! retried on request, and the site configuration every view shares. Built on `fetch`, which
//! only talks to the network; this adds the reactive side (resources, owners, retries).

use crate::fetch::{fetch_prefetched_text, fetch_text, Fetched, LoadError};
use crate::model::{ParseError, SiteConfig};
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use web_sys::AbortController;

/// Fetches `url` (at most `limit` bytes) and parses it; the request is aborted if the caller's owner is cleaned up.
/// With `prefetched`, the request the page started before the app ran is adopted if it is for `url`.
pub(crate) fn load_document<T: 'static>(
    url: Result<String, LoadError>,
    limit: usize,
    parse: fn(&str) -> Result<T, ParseError>,
    prefetched: bool,
) -> LocalResource<Result<T, LoadError>> {
    let controller = AbortController::new().ok();
    if let Some(controller) = controller.clone() {
        crate::lifecycle::release_on_cleanup(move || controller.abort(), ());
    }
    LocalResource::new(move || {
        let url = url.clone();
        let controller = controller.clone();
        async move {
            let url = url?;
            let controller = controller.ok_or(LoadError::Network)?;
            let text = if prefetched {
                fetch_prefetched_text(&url, limit, &controller).await?
            } else {
                fetch_text(&url, limit, &controller).await?
            };
            Ok(parse(&text)?)
        }
    })
}

/// Renders `attempt` afresh each time its retry callback runs, so a retry starts from a clean load.
pub(crate) fn retryable<V: IntoView + 'static>(
    attempt: impl Fn(Callback<()>) -> V + Send + Sync + 'static,
) -> impl IntoView {
    let count = RwSignal::new(0u32);
    let retry = Callback::new(move |()| count.update(|count| *count += 1));
    move || {
        count.track();
        attempt(retry)
    }
}

thread_local! {
    /// One request per `site.json` URL for the life of the page: every script embed on a host
    /// page asks for the same file, and the answer cannot fail (defaults stand in).
    static SITES: RefCell<HashMap<String, Shared<LocalBoxFuture<'static, SiteConfig>>>> =
        RefCell::new(HashMap::new());
}

/// Loads the site configuration at `url` (once per page, however many views ask); missing or
/// broken, the reader goes on with built-in defaults and says why in the console.
pub async fn load_site(url: String) -> SiteConfig {
    let shared = SITES.with(|sites| {
        sites
            .borrow_mut()
            .entry(url.clone())
            .or_insert_with(|| fetch_site(url).boxed_local().shared())
            .clone()
    });
    shared.await
}

async fn fetch_site(url: String) -> SiteConfig {
    let text = match AbortController::new() {
        Ok(controller) => fetch_text(&url, Fetched::Site.limit(), &controller).await,
        Err(_) => Err(LoadError::Network),
    };
    match text {
        Ok(text) => {
            let (config, problems) = SiteConfig::parse(&text);
            for problem in problems {
                leptos::logging::warn!("{url}: {problem}; using the default for that field");
            }
            config
        }
        Err(err) => {
            leptos::logging::warn!("{}", err.site_fallback(&url));
            SiteConfig::default()
        }
    }
}
