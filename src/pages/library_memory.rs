//! Where the reader was in the library, kept for this tab so "back to the library" returns there.

use leptos::prelude::window;

const KEY: &str = "digest-reader:library";

/// The library view the reader left: its query string, how many cards were shown, the scroll offset.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct LibraryPlace {
    /// `location.search` of the library view.
    pub search: String,
    /// Cards shown.
    pub shown: usize,
    /// `scrollY`, in whole pixels.
    pub scroll: i32,
}

fn storage() -> Option<web_sys::Storage> {
    // Storage may be disabled (privacy settings, sandboxed iframes): then nothing is remembered.
    window().session_storage().ok().flatten()
}

/// Remembers the reader's place.
pub(crate) fn remember(place: &LibraryPlace) {
    if let Some(storage) = storage() {
        let value = format!("{}\n{}\n{}", place.shown, place.scroll, place.search);
        let _ = storage.set_item(KEY, &value);
    }
}

/// The remembered place, if any.
pub(crate) fn recall() -> Option<LibraryPlace> {
    let value = storage()?.get_item(KEY).ok()??;
    let mut lines = value.splitn(3, '\n');
    let shown = lines.next()?.parse().ok()?;
    let scroll = lines.next()?.parse().ok()?;
    let search = lines.next()?.to_string();
    Some(LibraryPlace {
        search,
        shown,
        scroll,
    })
}

/// The link back to the library view the reader came from, or to the plain library.
pub(crate) fn library_href() -> String {
    match recall() {
        Some(place) if place.search.len() > 1 => place.search,
        _ => "./".to_string(),
    }
}
