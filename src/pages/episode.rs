//! `?episode=<id>` and `?src=<url>`: the reader's own page for one episode (or the iframe's
//! compact view of it), with the fragment it follows.

use super::episode_view::{EpisodeView, Mode};
use crate::fetch::{resolve_digest, LoadError};
use crate::model::{is_slug, SiteConfig};
use crate::route::{without_embed, Anchor, DigestRef};
use leptos::ev;
use leptos::prelude::*;

/// The episode page (`?episode=` or `?src=`), full or, with `embed`, compact for iframes.
#[component]
pub fn EpisodePage(
    /// The site's configuration.
    site: SiteConfig,
    /// Which digest.
    digest: DigestRef,
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
        Mode::Full {
            page_url: shared_url(&digest, &site),
        }
    };
    let url = digest_location(&digest, &site);
    view! { <EpisodeView site url mode anchor /> }
}

/// Where the digest is, or why it may not be loaded.
fn digest_location(digest: &DigestRef, site: &SiteConfig) -> Result<String, LoadError> {
    match digest {
        DigestRef::Episode(id) if is_slug(id) => Ok(site.digest_url(id)),
        DigestRef::Episode(id) => Err(LoadError::BadId(id.clone())),
        DigestRef::Source(src) => {
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
    }
}

/// The episode's address as readers share it: its published page where the site is published
/// (`base_url`: the same address a published page's reports carry), otherwise this page's.
fn shared_url(digest: &DigestRef, site: &SiteConfig) -> Option<String> {
    let published = match digest {
        DigestRef::Episode(id) if is_slug(id) => site.absolute(&format!("episodes/{id}/")),
        _ => None,
    };
    published.or_else(|| {
        let href = location().href().ok()?;
        Some(match href.split_once('#') {
            Some((page, _)) => page.to_string(),
            None => href,
        })
    })
}

fn current_anchor() -> Option<Anchor> {
    location()
        .hash()
        .ok()
        .as_deref()
        .and_then(Anchor::from_hash)
}
