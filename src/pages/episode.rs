//! `?episode=<id>` and `?src=<url>`: one episode, loaded, with its failures and deep links.

use super::episode_nav::EpisodeNav;
use super::load::{load_document, retryable};
use crate::components::{Episode, EpisodeSkeleton, LoadFailure};
use crate::fetch::{resolve, Document, LoadError, DIGEST_LIMIT};
use crate::model::{is_slug, Digest, SiteConfig};
use crate::route::{Anchor, Page};
use leptos::ev;
use leptos::prelude::*;

/// The episode page. In the compact view (`embed`) it leaves the document's title and fragment alone.
#[component]
pub fn EpisodePage(
    /// The site's configuration.
    site: SiteConfig,
    /// Which digest: `Page::Episode` or `Page::Source`.
    page: Page,
    /// The compact view for iframes.
    embed: bool,
) -> impl IntoView {
    let anchor = RwSignal::new(None::<Anchor>);
    if !embed {
        anchor.set(current_anchor());
        let listener = window_event_listener(ev::hashchange, move |_| anchor.set(current_anchor()));
        on_cleanup(move || listener.remove());
    }
    retryable(move |retry| {
        view! { <EpisodeAttempt site=site.clone() page=page.clone() embed anchor retry /> }
    })
}

#[component]
fn EpisodeAttempt(
    site: SiteConfig,
    page: Page,
    embed: bool,
    anchor: RwSignal<Option<Anchor>>,
    retry: Callback<()>,
) -> impl IntoView {
    let digest = load_document(digest_location(&page, &site), DIGEST_LIMIT, Digest::parse);
    if !embed {
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
        });
        Effect::new(move |_| {
            let loaded = digest.with(|digest| matches!(digest, Some(Ok(_))));
            if let (true, Some(anchor)) = (loaded, anchor.get()) {
                // After the subsection has opened and the DOM has settled.
                request_animation_frame(move || scroll_to(&anchor.element_id()));
            }
        });
    }
    let upgrade = site.upgrade.clone();
    view! {
        <main id="main" class="main" aria-busy=move || digest.with(Option::is_none).to_string()>
            {move || match digest.get() {
                None => view! { <EpisodeSkeleton label="Loading episode…" /> }.into_any(),
                Some(Ok(digest)) => {
                    let nav = (!embed).then(|| view! { <EpisodeNav site=site.clone() id=digest.id.clone() /> });
                    view! { <Episode digest upgrade=upgrade.clone() anchor /> {nav} }.into_any()
                }
                Some(Err(error)) => {
                    view! {
                        <LoadFailure error what=Document::Digest on_retry=retry library_link=!embed />
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
            let url = resolve(src, &base)
                .filter(|url| matches!(url.protocol().as_str(), "http:" | "https:"))
                .ok_or_else(|| LoadError::BadSource(src.clone()))?;
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

fn scroll_to(id: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        element.scroll_into_view();
    }
}
