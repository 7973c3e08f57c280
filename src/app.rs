//! The app shell: reads the URL, loads `site.json`, picks the page.

use crate::fetch::{fetch_text, Document, LoadError};
use crate::model::SiteConfig;
use crate::pages::{EpisodePage, LibraryPage};
use crate::route::{Page, Route};
use leptos::prelude::*;
use web_sys::AbortController;

/// `site.json` is small; anything larger is not a site configuration.
const SITE_LIMIT: usize = 256 * 1024;

/// The whole app, as mounted on the full page or in an iframe (`&embed=1`).
#[component]
pub fn App() -> impl IntoView {
    let route = Route::from_query(&location().search().unwrap_or_default());
    let embed = route.embed;
    let site = LocalResource::new(load_site);
    let name = move || site.get().map(|site| site.name).unwrap_or_default();
    let header = (!embed).then(|| {
        view! {
            <header class="site-header">
                <a class="brand" href="./">{name}</a>
                <nav class="site-nav" aria-label="Site">
                    <a href="./">"Library"</a>
                </nav>
            </header>
        }
    });
    let footer = (!embed).then(|| {
        view! { <footer class="site-footer"><p>"Summaries are AI-written; check the original for details."</p></footer> }
    });
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <div class="app" class=("app--embed", embed)>
            {header}
            {move || {
                let page = route.page.clone();
                match site.get() {
                    None => view! {
                        <main id="main" class="main" aria-busy="true">
                            <crate::components::EpisodeSkeleton label="Loading…" />
                        </main>
                    }
                    .into_any(),
                    Some(site) => match page {
                        Page::Library => view! { <LibraryPage site /> }.into_any(),
                        page => view! { <EpisodePage site page embed /> }.into_any(),
                    },
                }
            }}
            {footer}
        </div>
    }
}

/// Loads `site.json`; missing or broken, the reader goes on with defaults and says why in the console.
async fn load_site() -> SiteConfig {
    let text = match AbortController::new() {
        Ok(controller) => fetch_text("site.json", SITE_LIMIT, &controller).await,
        Err(_) => Err(LoadError::Network),
    };
    match text {
        Ok(text) => {
            let (config, problems) = SiteConfig::parse(&text);
            for problem in problems {
                leptos::logging::warn!("site.json: {problem}; using the default for that field");
            }
            config
        }
        Err(err) => {
            let detail = err.message(Document::Index).detail;
            leptos::logging::warn!(
                "site.json could not be loaded ({err}: {detail}); using built-in defaults"
            );
            SiteConfig::default()
        }
    }
}
