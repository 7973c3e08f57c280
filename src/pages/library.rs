//! `<app root>/`: every episode of the index, newest first, with search and filters in the URL.

use super::library_memory::{recall, remember, LibraryPlace};
use super::load::{load_document, retryable};
use crate::components::{
    tag_href, ControlEvents, EpisodeCard, EpisodeSkeleton, LibraryControls, LibraryHeader,
    LoadFailure,
};
use crate::fetch::{Fetched, INDEX_LIMIT};
use crate::model::search::{count_label, facets, grouped, narrows};
use crate::model::{Library, Query, SearchIndex, SiteConfig};
use crate::route::{framed, library_query, library_search};
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// Cards added to the page at a time; only these are in the DOM, however large the library.
const PAGE: usize = 30;

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

#[component]
fn LibraryAttempt(site: SiteConfig, embed: bool, retry: Callback<()>) -> impl IntoView {
    let library = load_document(Ok(site.index_url()), INDEX_LIMIT, Library::parse, false);
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

/// Writes the view into the address bar: a new history entry for a new view, the same one while typing.
fn write_url(query: &Query, push: bool, embed: bool) {
    let search = framed(&library_search(query), embed);
    let url = if search.len() > 1 {
        search
    } else {
        location().pathname().unwrap_or_default()
    };
    if let Ok(history) = window().history() {
        let _ = if push {
            history.push_state_with_url(&JsValue::NULL, "", Some(&url))
        } else {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
        };
    }
}

#[component]
fn LibraryBrowser(library: Library, embed: bool) -> impl IntoView {
    tell_publisher(&library.skipped);
    let total = library.episodes.len();
    let (channels, tags) = facets(&library.episodes);
    let episodes = StoredValue::new(library.episodes);
    // Folding every episode's text takes a while on large libraries, and the unfiltered list does
    // not need it: it is built after the first screen is shown, or at the first search if sooner.
    let index = StoredValue::new(None::<SearchIndex>);
    let ensure_index = move || {
        if index.with_value(Option::is_none) {
            let built = episodes.with_value(|episodes| SearchIndex::new(episodes));
            index.set_value(Some(built));
        }
    };
    set_timeout(ensure_index, std::time::Duration::from_millis(200));
    let query = RwSignal::new(library_query(&location().search().unwrap_or_default()));
    let shown = RwSignal::new(PAGE);
    // While the reader types, one history entry is updated; a new one starts with the next edit session.
    let typing = StoredValue::new(false);

    // The matches, with the query they answer: a query that narrows the last one searches only
    // within its matches.
    let results = Memo::new(move |last: Option<&(Query, Vec<usize>)>| {
        let query = query.get();
        if query.is_empty() {
            return (query, (0..total).collect());
        }
        ensure_index();
        let within = last
            .filter(|(earlier, _)| narrows(earlier, &query))
            .map(|(_, matches)| matches.as_slice());
        let matches = index.with_value(|index| {
            index
                .as_ref()
                .map(|index| episodes.with_value(|all| index.matches(all, &query, within)))
                .unwrap_or_default()
        });
        (query, matches)
    });
    let matches = move || results.with(|(_, matches)| matches.len());

    let change = move |next: Query, push: bool| {
        write_url(&next, push, embed);
        shown.set(PAGE);
        query.set(next);
    };
    let popstate = window_event_listener(ev::popstate, move |_| {
        typing.set_value(false);
        shown.set(PAGE);
        query.set(library_query(&location().search().unwrap_or_default()));
    });
    on_cleanup(move || popstate.remove());

    // Coming back from an episode: the same view, as many cards, the same scroll position.
    if let Some(place) =
        recall().filter(|place| Some(&place.search) == location().search().ok().as_ref())
    {
        shown.set(place.shown.max(PAGE));
        request_animation_frame(move || scroll_back(f64::from(place.scroll), 20));
    }
    let on_open = Callback::new(move |()| {
        remember(&LibraryPlace {
            search: location().search().unwrap_or_default(),
            shown: shown.get_untracked(),
            // Whole pixels: the place is stored as text, and integers need no float formatting code.
            scroll: window().scroll_y().map_or(0, |y| y.round() as i32),
        });
    });

    let on_input = move |ev: ev::Event| {
        let text = event_target_value(&ev);
        let push = !typing.get_value();
        typing.set_value(true);
        change(
            Query {
                text,
                ..query.get_untracked()
            },
            push,
        );
    };
    // A filter's select: "" is "all", anything else narrows; each choice is a new history entry.
    let on_filter = move |field: fn(&mut Query) -> &mut Option<String>| {
        move |ev: ev::Event| {
            let mut next = query.get_untracked();
            *field(&mut next) = Some(event_target_value(&ev)).filter(|v| !v.is_empty());
            typing.set_value(false);
            change(next, true);
        }
    };
    let on_channel = on_filter(|query| &mut query.channel);
    let on_tag = on_filter(|query| &mut query.tag);
    let clear = move || {
        typing.set_value(false);
        change(Query::default(), true);
    };

    let count = move || count_label(matches(), total, !query.with(Query::is_empty));
    let visible = move || {
        let terms = query.with(Query::terms);
        let key = terms.join(" ");
        results.with(|(_, results)| {
            results
                .iter()
                .take(shown.get())
                .map(|&position| (position, key.clone(), terms.clone()))
                .collect::<Vec<_>>()
        })
    };
    let remaining = move || matches().saturating_sub(shown.get());
    let list = NodeRef::<leptos::html::Ol>::new();
    // The new cards come before the button in tab order: focus moves to the first of them, so a
    // keyboard reader goes on reading instead of tabbing back through the list.
    let show_more_from_button = move || {
        let first_new = shown.get_untracked();
        shown.update(|n| *n += PAGE);
        request_animation_frame(move || focus_card(list, first_new));
    };

    let events = ControlEvents {
        input: Callback::new(on_input),
        blur: Callback::new(move |()| typing.set_value(false)),
        channel: Callback::new(on_channel),
        tag: Callback::new(on_tag),
    };
    view! {
        <LibraryHeader count=Signal::derive(count) />
        <LibraryControls query channels tags events>
            <Show when=move || !query.with(Query::is_empty)>
                <button type="button" class="button button--secondary clear-filters" on:click=move |_| clear()>
                    "Clear all"
                </button>
            </Show>
        </LibraryControls>
        <Show
            when=move || { matches() > 0 }
            fallback=move || {
                if total == 0 {
                    view! { <p class="empty">"No episodes yet."</p> }.into_any()
                } else {
                    view! {
                        <div class="empty">
                            <p>"No episodes match this search."</p>
                            <button type="button" class="button" on:click=move |_| clear()>
                                "Clear search and filters"
                            </button>
                        </div>
                    }
                    .into_any()
                }
            }
        >
            <ol class="episode-list" node_ref=list>
                <For
                    each=visible
                    key=|(position, key, _)| (*position, key.clone())
                    children=move |(position, _, terms)| {
                        episodes
                            .with_value(|episodes| episodes.get(position).cloned())
                            .map(|entry| view! { <EpisodeCard entry terms tag_href on_open embed /> })
                    }
                />
            </ol>
        </Show>
        <Show when=move || { remaining() > 0 }>
            <div class="list-more">
                <button type="button" class="button button--secondary show-more" on:click=move |_| show_more_from_button()>
                    {move || format!("Show more ({} left)", grouped(remaining()))}
                </button>
            </div>
        </Show>
        <MoreOnScroll
            more=Callback::new(move |()| {
                if remaining() > 0 {
                    shown.update(|n| *n += PAGE);
                }
            })
            rearm=shown
        />
    }
}

/// Says in the console which index entries were left out and why: the publisher can fix them,
/// and readers still get every valid episode. A few are listed, then a count.
fn tell_publisher(skipped: &[crate::model::Problem]) {
    const LISTED: usize = 20;
    for problem in skipped.iter().take(LISTED) {
        leptos::logging::warn!("index: left out an episode: {problem}");
    }
    if skipped.len() > LISTED {
        let more = skipped.len() - LISTED;
        leptos::logging::warn!("index: left out {more} more episodes with problems");
    }
}

/// Moves focus to the title link of the card at `position` in the list, if it is there.
fn focus_card(list: NodeRef<leptos::html::Ol>, position: usize) {
    use wasm_bindgen::JsCast;
    let link = list
        .get_untracked()
        .and_then(|list| list.children().item(u32::try_from(position).ok()?))
        .and_then(|card| card.query_selector("h2.card-title a").ok().flatten())
        .and_then(|link| link.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(link) = link {
        let _ = link.focus();
    }
}

/// Scrolls to `y`, trying again shortly while the page is not yet tall enough to get there
/// (a busy device may lay the restored cards out a few frames late).
fn scroll_back(y: f64, tries: u32) {
    window().scroll_to_with_x_and_y(0.0, y);
    let there = window().scroll_y().is_ok_and(|now| (now - y).abs() < 1.0);
    if !there && tries > 0 {
        set_timeout(
            move || scroll_back(y, tries - 1),
            std::time::Duration::from_millis(50),
        );
    }
}

/// An invisible line under the list; when it nears the viewport, more cards are added.
///
/// The observer is made afresh whenever `rearm` changes (after each batch): an observer only
/// reports changes, so a sentinel that stays near the viewport after a batch (a tall screen, or a
/// reader who scrolled again before the browser's next frame) would otherwise never ask again.
/// A new observer always reports where the sentinel is now.
#[component]
fn MoreOnScroll(more: Callback<()>, #[prop(into)] rearm: Signal<usize>) -> impl IntoView {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let sentinel = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        rearm.track();
        let Some(element) = sentinel.get() else {
            return;
        };
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let near = entries.iter().any(|entry| {
                entry
                    .dyn_into::<web_sys::IntersectionObserverEntry>()
                    .is_ok_and(|entry| entry.is_intersecting())
            });
            if near {
                more.run(());
            }
        });
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin("800px 0px");
        if let Ok(observer) = web_sys::IntersectionObserver::new_with_options(
            callback.as_ref().unchecked_ref(),
            &options,
        ) {
            observer.observe(&element);
            crate::lifecycle::release_on_cleanup(move || observer.disconnect(), callback);
        }
    });
    view! { <div class="list-sentinel" aria-hidden="true" node_ref=sentinel></div> }
}
