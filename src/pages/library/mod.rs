//! `<app root>/`: every episode of the index, newest first, with search and filters in the URL.
//!
//! The page loads the index (or, in a large published library, the first files of `library/`:
//! `split`); `state` holds the search, `address` keeps it in the address bar, `place` brings the
//! reader back to where they were, and `list` shows the cards.

mod address;
mod list;
mod place;
mod split;
mod state;

use crate::components::{
    ControlEvents, EpisodeSkeleton, LibraryControls, LibraryHeader, LoadFailure,
};
use crate::fetch::LoadError;
use crate::fetch::{Fetched, INDEX_LIMIT};
use crate::load::{load_document, retryable};
use crate::model::search::facets;
use crate::model::split_search::SplitLibrary;
use crate::model::{Library, Problem, SiteConfig};
use address::{current_query, Address};
use leptos::prelude::*;
use list::EpisodeList;
pub(super) use place::library_href;
use state::Browsing;

/// The library page.
#[component]
pub fn LibraryPage(
    /// The site's configuration.
    site: SiteConfig,
    /// In an iframe's compact view (`&embed=1`): every link and address keeps `embed=1`.
    embed: bool,
) -> impl IntoView {
    document().set_title(&format!("Episodes | {}", site.name));
    retryable(move |retry| view! { <LibraryAttempt site=site.clone() embed retry /> })
}

/// What the page loaded.
#[derive(Clone)]
enum Loaded {
    /// `digests/index.json`.
    Whole(Library),
    /// The first files of `library/`.
    Split(SplitLibrary),
}

/// One load of the index: the skeleton, then the library or why it failed.
#[component]
fn LibraryAttempt(site: SiteConfig, embed: bool, retry: Callback<()>) -> impl IntoView {
    let split = split::is_split();
    let whole =
        (!split).then(|| load_document(Ok(site.index_url()), INDEX_LIMIT, Library::parse, false));
    let parts = split.then(|| LocalResource::new(split::load_split));
    let library = Signal::derive(move || -> Option<Result<Loaded, LoadError>> {
        match (whole, parts) {
            (Some(whole), _) => Some(whole.get()?.map(Loaded::Whole)),
            (_, Some(parts)) => Some(parts.get()?.map(Loaded::Split)),
            _ => None,
        }
    });
    // A published index.html's first screen gives way once this page has something to show;
    // after the frame that renders it, so nothing blinks.
    Effect::new(move |_| {
        if library.with(Option::is_some) {
            request_animation_frame(super::first_screen::hand_over_first_screen);
        }
    });
    view! {
        <main
            id="main"
            tabindex="-1"
            class="main main--library"
            aria-busy=move || library.with(Option::is_none).to_string()
        >
            {move || match library.get() {
                None => view! { <EpisodeSkeleton label="Loading episodes…" /> }.into_any(),
                Some(Ok(library)) => view! { <LibraryBrowser library embed /> }.into_any(),
                Some(Err(error)) => {
                    view! { <LoadFailure error what=Fetched::Index on_retry=retry page_heading=true /> }.into_any()
                }
            }}
        </main>
    }
}

/// The loaded library: its heading, the search and filters, the cards.
#[component]
fn LibraryBrowser(library: Loaded, embed: bool) -> impl IntoView {
    let (browsing, channels, tags) = match library {
        Loaded::Whole(library) => {
            tell_publisher(&library.skipped);
            let (channels, tags) = facets(&library.episodes);
            (
                Browsing::new(library.episodes, current_query()),
                Signal::stored(channels),
                Signal::stored(tags),
            )
        }
        Loaded::Split(library) => {
            let browsing = Browsing::split(library, current_query());
            let filters = browsing.filters();
            (
                browsing,
                Signal::derive(move || filters.with(|f| f.0.clone())),
                Signal::derive(move || filters.with(|f| f.1.clone())),
            )
        }
    };
    let address = Address::follow(browsing, embed);
    place::restore(browsing);
    let on_open = place::remember_on_open(browsing);
    let events = ControlEvents {
        input: Callback::new(move |ev| address.typed(event_target_value(&ev))),
        blur: Callback::new(move |()| address.stopped_typing()),
        // A filter's select: "" is "all", anything else narrows.
        channel: Callback::new(move |ev| {
            address.changed(|query| query.channel = chosen(&ev));
        }),
        tag: Callback::new(move |ev| address.changed(|query| query.tag = chosen(&ev))),
    };
    view! {
        <LibraryHeader count=Signal::derive(move || browsing.count()) />
        <LibraryControls query=browsing.query channels tags events>
            <Show when=move || browsing.is_narrowed()>
                <button type="button" class="button button--secondary clear-filters" on:click=move |_| address.chose(Default::default())>
                    "Clear all"
                </button>
            </Show>
        </LibraryControls>
        <EpisodeList browsing address on_open embed />
    }
}

/// The option chosen in a filter's select: "" is every episode.
fn chosen(ev: &leptos::ev::Event) -> Option<String> {
    Some(event_target_value(ev)).filter(|value| !value.is_empty())
}

/// Says in the console which index entries were left out and why: the publisher can fix them,
/// and readers still get every valid episode. A few are listed, then a count.
fn tell_publisher(skipped: &[Problem]) {
    const LISTED: usize = 20;
    for problem in skipped.iter().take(LISTED) {
        leptos::logging::warn!("index: left out an episode: {problem}");
    }
    if skipped.len() > LISTED {
        let more = skipped.len() - LISTED;
        leptos::logging::warn!("index: left out {more} more episodes with problems");
    }
}
