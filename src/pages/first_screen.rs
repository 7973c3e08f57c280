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

/// Replaces the first screen with the app's library, now rendered behind it: a focused card link
/// and any search text typed meanwhile carry over.
pub(crate) fn hand_over_first_screen() {
    let document = document();
    let Some(first) = document.get_element_by_id(LIBRARY_FIRST_SCREEN_ID) else {
        return;
    };
    let focused_href = document
        .active_element()
        .filter(|element| first.contains(Some(element)))
        .and_then(|element| element.get_attribute("href"));
    let typed = search_field(&first)
        .map(|input| input.value())
        .filter(|text| !text.is_empty());
    first.remove();
    if let (Some(text), Some(body)) = (typed, document.body()) {
        if let Some(input) = search_field(&body) {
            input.set_value(&text);
            if let Ok(event) = web_sys::Event::new("input") {
                let _ = input.dispatch_event(&event);
            }
        }
    }
    if let Some(href) = focused_href {
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

fn search_field(within: &Element) -> Option<HtmlInputElement> {
    within
        .query_selector("#library-search")
        .ok()
        .flatten()?
        .dyn_into::<HtmlInputElement>()
        .ok()
}
