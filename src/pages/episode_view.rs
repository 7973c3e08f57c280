//! What every episode view shares, whichever page it is on (the reader's own page, an iframe's
//! compact view, a script embed): how it is shown (`Mode`), loading it with a retry, the title,
//! the fragment, and the links a script embed must make absolute.

use super::episode_nav::EpisodeNav;
use crate::components::{episode_guide, episode_player, Episode, EpisodeSkeleton, LoadFailure};
use crate::fetch::{resolve, Fetched, LoadError, DIGEST_LIMIT};
use crate::load::{load_document, retryable};
use crate::model::{Digest, Link, ReportTo, SiteConfig, Upgrade};
use crate::route::Anchor;
use leptos::prelude::*;

/// How an episode is shown.
#[derive(Clone, Debug)]
pub(crate) enum Mode {
    /// The reader's own page: it owns the document title, the fragment and the way around.
    Full {
        /// The episode's address as readers share it (reports carry it).
        page_url: Option<String>,
    },
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

/// Loads the digest at `url` and shows it (with a retry where it helps) in `mode`.
#[component]
pub(crate) fn EpisodeView(
    /// The site's configuration.
    site: SiteConfig,
    /// Where the digest is, or why it may not be loaded.
    url: Result<String, LoadError>,
    /// How the episode is shown.
    mode: Mode,
    /// Where the document's fragment points; a script embed passes none.
    #[prop(into)]
    anchor: Signal<Option<Anchor>>,
) -> impl IntoView {
    retryable(move |retry| {
        view! {
            <EpisodeAttempt site=site.clone() url=url.clone() mode=mode.clone() anchor retry />
        }
    })
}

/// One load of the digest: the skeleton, then the episode or why it failed.
#[component]
fn EpisodeAttempt(
    site: SiteConfig,
    url: Result<String, LoadError>,
    mode: Mode,
    anchor: Signal<Option<Anchor>>,
    retry: Callback<()>,
) -> impl IntoView {
    let digest = load_document(url, DIGEST_LIMIT, Digest::parse, true);
    let full = matches!(mode, Mode::Full { .. });
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
        // A report names the address the reader shares: this page's, or the reader's for a
        // compact view.
        let report = |page_url: Option<String>| {
            site.report_url.clone().map(|report_url| ReportTo {
                report_url,
                id: digest.id.clone(),
                page_url,
            })
        };
        let (report, upgrade, read_on) = match &mode {
            Mode::Full { page_url } => {
                let report = report(page_url.clone());
                let nav = view! { <EpisodeNav site=site.clone() id=digest.id.clone() /> };
                let upgrade = site.upgrade.clone();
                let guide = episode_guide(&digest, markdown_url(&digest, &site));
                let player = episode_player(&digest);
                return view! { {guide} {player} <Episode digest upgrade anchor report /> {nav} }
                    .into_any();
            }
            Mode::Frame { read_on } => (report(read_on.clone()), site.upgrade.clone(), read_on),
            Mode::Script { read_on, .. } => {
                (report(read_on.clone()), site.upgrade.clone(), read_on)
            }
        };
        let (digest, upgrade) = match &mode {
            Mode::Script { app_root, .. } => reader_links(digest, upgrade, app_root),
            _ => (digest, upgrade),
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
        view! { <Episode digest upgrade anchor report /> {read_on} }.into_any()
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

/// The episode as Markdown, the same text as a published page's `index.md` (`export::markdown`),
/// in a `data:` URL that "Download Markdown" saves and `src/reader.js` copies.
fn markdown_url(digest: &Digest, site: &SiteConfig) -> String {
    let canonical = site.absolute(&format!("episodes/{}/", digest.id));
    let place = crate::export::Whereabouts {
        canonical: canonical.as_deref(),
    };
    let text = crate::export::markdown(digest, site, &place);
    format!(
        "data:text/markdown;charset=utf-8,{}",
        crate::model::link::percent_encode(&text)
    )
}

/// The digest and the site's offer with their relative links (full content, call to action)
/// made absolute from `base`, the reader's root: in a script embed the document is the host's.
fn reader_links(
    mut digest: Digest,
    mut upgrade: Option<Upgrade>,
    base: &str,
) -> (Digest, Option<Upgrade>) {
    digest.full_content_url = digest.full_content_url.map(|link| anchored(link, base));
    if let Some(cta) = upgrade.as_mut().and_then(|upgrade| upgrade.cta.as_mut()) {
        cta.url = anchored(cta.url.clone(), base);
    }
    (digest, upgrade)
}

/// A relative link resolved against `base`; absolute ones, and any that fail to resolve to a safe
/// link, stay as they are.
fn anchored(link: Link, base: &str) -> Link {
    if !link.is_relative() {
        return link;
    }
    resolve(link.href(), base)
        .and_then(|url| Link::absolute(&url.href()).ok())
        .unwrap_or(link)
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
