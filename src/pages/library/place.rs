//! Where the reader was in the library, kept for this tab: remembered as they open an episode,
//! restored when they come back (the same view, as many cards, the same scroll position), and
//! the link back to it under an episode.

use super::state::{Browsing, CARDS_PER_BATCH};
use leptos::prelude::*;
use std::time::Duration;

const KEY: &str = "digest-reader:library";

/// The library view the reader left: its query string, how many cards were shown, the scroll offset.
#[derive(Clone, Debug, PartialEq)]
struct LibraryPlace {
    /// `location.search` of the library view.
    search: String,
    /// Cards shown.
    shown: usize,
    /// `scrollY`, in whole pixels.
    scroll: i32,
}

fn storage() -> Option<web_sys::Storage> {
    // Storage may be disabled (privacy settings, sandboxed iframes): then nothing is remembered.
    window().session_storage().ok().flatten()
}

fn remember(place: &LibraryPlace) {
    if let Some(storage) = storage() {
        let value = format!("{}\n{}\n{}", place.shown, place.scroll, place.search);
        let _ = storage.set_item(KEY, &value);
    }
}

fn recall() -> Option<LibraryPlace> {
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

/// Coming back from an episode to the view the reader left: as many cards, and scrolled back.
pub(super) fn restore(browsing: Browsing) {
    let Some(place) =
        recall().filter(|place| Some(&place.search) == location().search().ok().as_ref())
    else {
        return;
    };
    browsing.shown.set(place.shown.max(CARDS_PER_BATCH));
    request_animation_frame(move || scroll_back(f64::from(place.scroll), 20));
}

/// What opening an episode does first: remember where the reader is.
pub(super) fn remember_on_open(browsing: Browsing) -> Callback<()> {
    Callback::new(move |()| {
        remember(&LibraryPlace {
            search: location().search().unwrap_or_default(),
            shown: browsing.shown.get_untracked(),
            // Whole pixels: the place is stored as text, and integers need no float formatting code.
            scroll: window().scroll_y().map_or(0, |y| y.round() as i32),
        });
    })
}

/// Scrolls to `y`, trying again shortly while the page is not yet tall enough to get there
/// (a busy device may lay the restored cards out a few frames late).
fn scroll_back(y: f64, tries: u32) {
    window().scroll_to_with_x_and_y(0.0, y);
    let there = window().scroll_y().is_ok_and(|now| (now - y).abs() < 1.0);
    if !there && tries > 0 {
        set_timeout(move || scroll_back(y, tries - 1), Duration::from_millis(50));
    }
}
