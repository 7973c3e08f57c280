//! `?episode=<id>` and `?src=<url>`: one episode, loaded, with its failures and deep links.

use super::embedded::reader_links;
use super::episode_nav::EpisodeNav;
use super::load::{load_document, retryable};
use crate::components::{Episode, EpisodeSkeleton, LoadFailure};
use crate::fetch::{resolve_digest, Fetched, LoadError, DIGEST_LIMIT};
use crate::model::{is_slug, Digest, SiteConfig};
use crate::route::{Anchor, Page};
use leptos::ev;
use leptos::prelude::*;

/// How an episode is shown.
#[derive(Clone, Debug)]
pub(crate) enum Mode {
    /// The reader's own page: it owns the document title, the fragment and the way around.
    Full,
    /// The iframe's compact view (`&embed=1`): no site header or library chrome, a link to read
    /// it on the site; its document is its own, so it sets the title and follows the fragment.
    Frame {
        /// Where the full reader shows this episode.
        read_on: Option<String>,
    },
    /// A script embed's compact view, on someone else's page: it touches neither the title nor
    /// the fragment, and the digest's relative links point into the reader, not the host page.
    Script {
        /// Where the full reader shows this episode.
        read_on: Option<String>,
        /// The reader's root URL, which relative links are resolved against.
        app_root: String,
    },
}
/// The episode page (`?episode=` or `?src=`), full or, with `embed`, compact for iframes.
#[component]
pub fn EpisodePage(
    /// The site's configuration.
    site: SiteConfig,
    /// Which digest: `Page::Episode` or `Page::Source`.
    page: Page,
    /// The compact view for iframes.
    embed: bool,
) -> impl IntoView {
    // The page and the iframe's compact view both own their document: the fragment is theirs.
    let anchor = RwSignal::new(current_anchor());
    let listener = window_event_listener(ev::hashchange, move |_| anchor.set(current_anchor()));
    on_cleanup(move || listener.remove());
    let mode = if embed {
        let read_on = location()
            .search()
            .ok()
            .map(|search| without_embed(&search));
        Mode::Frame { read_on }
    } else {
        Mode::Full
    };
    let url = digest_location(&page, &site);
    view! { <EpisodeView site url mode anchor /> }
}

/// The query string of the full reader for the same episode: `&embed=1` dropped.
fn without_embed(search: &str) -> String {
    let kept: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty() && *pair != "embed" && !pair.starts_with("embed="))
        .collect();
    format!("?{}", kept.join("&"))
}

/// Loads the digest at `url` and shows it (with a retry where it helps) in `mode`.
#[component]
pub(crate) fn EpisodeView(
    site: SiteConfig,
    url: Result<String, LoadError>,
    mode: Mode,
    #[prop(into)] anchor: Signal<Option<Anchor>>,
) -> impl IntoView {
    retryable(move |retry| {
        view! {
            <EpisodeAttempt site=site.clone() url=url.clone() mode=mode.clone() anchor retry />
        }
    })
}

#[component]
fn EpisodeAttempt(
    site: SiteConfig,
    url: Result<String, LoadError>,
    mode: Mode,
    anchor: Signal<Option<Anchor>>,
    retry: Callback<()>,
) -> impl IntoView {
    let digest = load_document(url, DIGEST_LIMIT, Digest::parse, true);
    let full = matches!(mode, Mode::Full);
    let own_page = !matches!(mode, Mode::Script { .. });
    if !matches!(mode, Mode::Script { .. }) {
        let name = site.name.clone();
        Effect::new(move |_| {
            let title = digest.with(|digest| match digest {
                Some(Ok(digest)) => Some(digest.title.clone()),
                Some(Err(_)) => Some("Episode not available".to_string()),
                None => None,
            });
            if let Some(title) = title {
                document().set_title(&format!("{title} | {name}"));
            }
            if digest.with(|digest| matches!(digest, Some(Ok(_)))) {
                // Benchmarks measure navigation start to this mark: the episode is in the DOM.
                if let Some(performance) = window().performance() {
                    let _ = performance.mark("digest:content");
                }
            }
        });
        Effect::new(move |_| {
            let loaded = digest.with(|digest| matches!(digest, Some(Ok(_))));
            if let (true, Some(anchor)) = (loaded, anchor.get()) {
                // After the subsection has opened and the DOM has settled.
                request_animation_frame(move || scroll_to(&anchor.element_id()));
            }
        });
    }
    let view_of = move |digest: Digest| {
        let (digest, upgrade, read_on) = match &mode {
            Mode::Full => {
                let nav = view! { <EpisodeNav site=site.clone() id=digest.id.clone() /> };
                let upgrade = site.upgrade.clone();
                return view! { <Episode digest upgrade anchor /> {nav} }.into_any();
            }
            Mode::Frame { read_on } => (digest, site.upgrade.clone(), read_on),
            Mode::Script { read_on, app_root } => {
                let (digest, upgrade) = reader_links(digest, site.upgrade.clone(), app_root);
                (digest, upgrade, read_on)
            }
        };
        let read_on = read_on.clone().map(|href| {
            view! {
                <p class="read-on">
                    <a href=href target="_blank" rel="noopener">
                        {format!("Read on {}", site.name)}
                    </a>
                </p>
            }
        });
        view! { <Episode digest upgrade anchor /> {read_on} }.into_any()
    };
    view! {
        <main id="main" tabindex="-1" class="main" aria-busy=move || digest.with(Option::is_none).to_string()>
            {move || match digest.get() {
                None => view! { <EpisodeSkeleton label="Loading episode…" /> }.into_any(),
                Some(Ok(digest)) => view_of(digest),
                Some(Err(error)) => {
                    view! {
                        <LoadFailure error what=Fetched::Digest on_retry=retry library_link=full page_heading=own_page />
                    }
                        .into_any()
                }
            }}
        </main>
    }
}

/// Where the digest of `page` is, or why it may not be loaded.
fn digest_location(page: &Page, site: &SiteConfig) -> Result<String, LoadError> {
    match page {
        Page::Episode(id) if is_slug(id) => Ok(site.digest_url(id)),
        Page::Episode(id) => Err(LoadError::BadId(id.clone())),
        Page::Source(src) => {
            let here = location();
            let base = here.href().unwrap_or_default();
            let url = resolve_digest(src, &base)?;
            let own_origin = here.origin().unwrap_or_default();
            if site.allows_origin(&url.origin(), &own_origin) {
                Ok(url.href())
            } else {
                Err(LoadError::Refused {
                    origin: url.origin(),
                })
            }
        }
        Page::Library => Err(LoadError::BadId(String::new())),
    }
}

fn current_anchor() -> Option<Anchor> {
    location()
        .hash()
        .ok()
        .as_deref()
        .and_then(Anchor::from_hash)
}

/// Scrolls this document's own window to the element, below the stylesheet's
/// `scroll-padding-top`. Not `scrollIntoView`: that also scrolls every enclosing frame, and an
/// iframe's compact view must never move its host's page.
fn scroll_to(id: &str) {
    let Some(element) = document().get_element_by_id(id) else {
        return;
    };
    let padding = document()
        .document_element()
        .and_then(|root| window().get_computed_style(&root).ok().flatten())
        .and_then(|style| style.get_property_value("scroll-padding-top").ok())
        // Whole pixels are enough, and integer parsing keeps float parsing code out of the wasm
        // (parsing an f64 here cost 14 KB brotli).
        .and_then(|value| value.split(['.', 'p']).next()?.trim().parse::<u32>().ok())
        .map_or(0.0, f64::from);
    let top = element.get_bounding_client_rect().top() + window().scroll_y().unwrap_or(0.0);
    window().scroll_to_with_x_and_y(0.0, (top - padding).max(0.0));
}
