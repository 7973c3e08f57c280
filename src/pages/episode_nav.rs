//! Under an episode: back to the library view the reader came from, and the neighbouring episodes.

use super::library::library_href;
use crate::components::{neighbour_link, EpisodeNavLinks};
use crate::fetch::INDEX_LIMIT;
use crate::load::load_document;
use crate::model::{IndexEntry, Library, SiteConfig};
use leptos::prelude::*;

fn neighbour(
    entry: Option<&IndexEntry>,
    rel: &'static str,
    label: &'static str,
) -> Option<impl IntoView> {
    let entry = entry?;
    let href = format!("?episode={}", entry.id);
    Some(neighbour_link(href, entry.title.clone(), rel, label))
}

/// Links to the library and to the previous and next episodes in library order (newest first).
///
/// The index can be large, so it is loaded only once the browser is idle after showing the
/// episode: it never competes with the episode itself.
#[component]
pub(crate) fn EpisodeNav(
    /// The site's configuration.
    site: SiteConfig,
    /// The episode being read.
    id: String,
) -> impl IntoView {
    let idle = RwSignal::new(false);
    // The page may be gone by then; try_set does nothing on a disposed signal.
    request_idle_callback(move || {
        idle.try_set(true);
    });
    view! {
        <EpisodeNavLinks back_href=library_href()>
            <Show when=move || idle.get()>
                <Neighbours site=site.clone() id=id.clone() />
            </Show>
        </EpisodeNavLinks>
    }
}

#[component]
fn Neighbours(site: SiteConfig, id: String) -> impl IntoView {
    let library = load_document(Ok(site.index_url()), INDEX_LIMIT, Library::parse, false);
    move || {
        library.with(|library| {
            let Some(Ok(library)) = library else {
                return None;
            };
            let position = library.episodes.iter().position(|entry| entry.id == id)?;
            let previous = position
                .checked_sub(1)
                .and_then(|p| library.episodes.get(p));
            let next = library.episodes.get(position + 1);
            Some(view! {
                {neighbour(previous, "prev", "Previous episode")}
                {neighbour(next, "next", "Next episode")}
            })
        })
    }
}
