//! The library's cards: those that match, a batch at a time (more on a button or as the reader
//! scrolls near the end), or why there are none.

use super::address::Address;
use super::state::Browsing;
use crate::components::{tag_href, EpisodeCard};
use crate::model::Query;
use leptos::prelude::*;

/// The matching cards, the "Show more" button and the line that adds more on scrolling.
#[component]
pub(super) fn EpisodeList(
    browsing: Browsing,
    address: Address,
    /// Runs as the reader opens an episode.
    on_open: Callback<()>,
    /// In an iframe's compact view: card links keep `embed=1`.
    embed: bool,
) -> impl IntoView {
    let list = NodeRef::<leptos::html::Ol>::new();
    // The new cards come before the button in tab order: focus moves to the first of them, so a
    // keyboard reader goes on reading instead of tabbing back through the list.
    // In the split library the new cards arrive after their files: focus waits for them.
    let focus_from = RwSignal::new(None::<usize>);
    Effect::new(move |_| {
        if let Some(first_new) = focus_from.get() {
            if browsing.shown_cards() > first_new {
                focus_from.set(None);
                request_animation_frame(move || focus_card(list, first_new));
            }
        }
    });
    let show_more_from_button = move || {
        focus_from.set(Some(browsing.shown.get_untracked()));
        browsing.show_more();
    };
    let total = browsing.total;
    // One memo for every card: the marks redraw only when the terms change.
    let terms = Memo::new(move |_| browsing.terms());
    view! {
        <Show when=move || browsing.failure().is_some()>
            <div class="empty search-failure" role="alert">
                <p>
                    {move || {
                        browsing
                            .failure()
                            .map(|failure| format!("This search could not finish: {failure}."))
                    }}
                </p>
                <button type="button" class="button" on:click=move |_| browsing.retry()>
                    "Try again"
                </button>
            </div>
        </Show>
        <Show
            when=move || { browsing.matches() > 0 || browsing.searching() }
            fallback=move || {
                if browsing.failure().is_some() {
                    ().into_any()
                } else if total == 0 {
                    view! { <p class="empty">"No episodes yet."</p> }.into_any()
                } else {
                    view! {
                        <div class="empty">
                            <p>"No episodes match this search."</p>
                            <button type="button" class="button" on:click=move |_| address.chose(Query::default())>
                                "Clear search and filters"
                            </button>
                        </div>
                    }
                    .into_any()
                }
            }
        >
            // Busy while a search of the split library loads its files: the cards shown are the
            // last search's until then.
            <ol
                class="episode-list"
                node_ref=list
                aria-busy=move || browsing.searching().to_string()
            >
                <For
                    each=move || browsing.visible()
                    key=|position| *position
                    children=move |position| {
                        browsing
                            .episode(position)
                            .map(|entry| view! { <EpisodeCard entry terms tag_href on_open embed /> })
                    }
                />
            </ol>
        </Show>
        <Show when=move || browsing.has_more()>
            <div class="list-more">
                <button type="button" class="button button--secondary show-more" on:click=move |_| show_more_from_button()>
                    {move || browsing.more_label()}
                </button>
            </div>
        </Show>
        <MoreOnScroll
            more=Callback::new(move |()| {
                if browsing.ready_for_more() {
                    browsing.show_more();
                }
            })
            rearm=Signal::derive(move || browsing.shown_cards())
        />
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
