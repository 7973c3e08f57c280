//! A published site's `index.html` opens with the library's first screen, rendered by the publish
//! command with the app's components. The app keeps it until its own library is ready behind it,
//! then replaces it: same layout, and what the reader did meanwhile carries over.

use crate::published::LIBRARY_FIRST_SCREEN_ID;
use crate::route::{Page, Route};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement};

/// Removes the first screen at once unless the address asks for the full library.
pub fn keep_first_screen_only_for_the_library(document: &Document) {
    let route = Route::from_query(&location().search().unwrap_or_default());
    if route.page != Page::Library || route.embed {
        if let Some(first) = document.get_element_by_id(LIBRARY_FIRST_SCREEN_ID) {
            first.remove();
        }
    }
}

/// Replaces the first screen with the app's library, now rendered behind it: a focused card link,
/// a focused search field with its caret, and any search text typed meanwhile carry over.
pub(crate) fn hand_over_first_screen() {
    let document = document();
    let Some(first) = document.get_element_by_id(LIBRARY_FIRST_SCREEN_ID) else {
        return;
    };
    let focus = Focus::within(&document, &first);
    let typed = search_field(&first)
        .map(|input| input.value())
        .filter(|text| !text.is_empty());
    // The app searches before the first screen goes, and the first screen goes a frame later,
    // once the app shows the result: the count changing in view after the take-over would be a
    // layout shift (and, on a slow load, one no longer tied to the reader's typing).
    if let (Some(text), Some(input)) = (typed, app_search_field(&document)) {
        input.set_value(&text);
        if let Ok(event) = web_sys::Event::new("input") {
            let _ = input.dispatch_event(&event);
        }
    }
    request_animation_frame(move || {
        first.remove();
        focus.restore(&document);
    });
}

/// What had the focus in the first screen, to be given to the same control in the app.
enum Focus {
    /// Nothing in the first screen.
    Elsewhere,
    /// A card's link, by its address.
    Link(String),
    /// The search field, with the caret or selection.
    Search(Option<u32>, Option<u32>),
}

impl Focus {
    fn within(document: &Document, first: &Element) -> Self {
        let Some(element) = document
            .active_element()
            .filter(|element| first.contains(Some(element)))
        else {
            return Self::Elsewhere;
        };
        if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
            if input.id() == "library-search" {
                let start = input.selection_start().ok().flatten();
                let end = input.selection_end().ok().flatten();
                return Self::Search(start, end);
            }
        }
        element
            .get_attribute("href")
            .map_or(Self::Elsewhere, Self::Link)
    }

    /// Call once the first screen is gone.
    fn restore(&self, document: &Document) {
        match self {
            Self::Elsewhere => {}
            Self::Search(start, end) => {
                if let Some(input) = app_search_field(document) {
                    let _ = input.focus();
                    if let (Some(start), Some(end)) = (start, end) {
                        let _ = input.set_selection_range(*start, *end);
                    }
                }
            }
            Self::Link(href) => {
                let links = document.query_selector_all("ol.episode-list a").ok();
                let same = links.and_then(|links| {
                    (0..links.length())
                        .filter_map(|index| links.item(index)?.dyn_into::<HtmlElement>().ok())
                        .find(|link| link.get_attribute("href").as_deref() == Some(href.as_str()))
                });
                if let Some(link) = same {
                    let _ = link.focus();
                }
            }
        }
    }
}

/// The app's own search field: the last in the page, after the first screen's while that is there
/// (the first screen comes first in `<body>`).
fn app_search_field(document: &Document) -> Option<HtmlInputElement> {
    let fields = document.query_selector_all("#library-search").ok()?;
    fields
        .item(fields.length().checked_sub(1)?)?
        .dyn_into::<HtmlInputElement>()
        .ok()
}

fn search_field(within: &Element) -> Option<HtmlInputElement> {
    within
        .query_selector("#library-search")
        .ok()
        .flatten()?
        .dyn_into::<HtmlInputElement>()
        .ok()
}
