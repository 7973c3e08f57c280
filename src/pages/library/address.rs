//! The library view in the address bar: read from it at the start, written to it as the reader
//! searches and filters (so a view can be shared and reloaded), followed back and forward.

use super::state::Browsing;
use crate::model::Query;
use crate::route::{framed, library_query, library_search};
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// The view the address bar asks for.
pub(super) fn current_query() -> Query {
    library_query(&location().search().unwrap_or_default())
}

/// Keeps the address bar and the library view in step: each change of view is a history entry,
/// except while the reader types, when one entry follows the text.
#[derive(Clone, Copy)]
pub(super) struct Address {
    browsing: Browsing,
    /// In an iframe's compact view: every address keeps `embed=1`.
    embed: bool,
    /// While the reader types, one history entry is updated; a new one starts with the next edit
    /// session.
    typing: StoredValue<bool>,
}

impl Address {
    /// The address of `browsing`; back and forward show the view they return to.
    pub fn follow(browsing: Browsing, embed: bool) -> Self {
        let typing = StoredValue::new(false);
        let popstate = window_event_listener(ev::popstate, move |_| {
            let _ = typing.try_set_value(false);
            browsing.show(current_query());
        });
        on_cleanup(move || popstate.remove());
        Self {
            browsing,
            embed,
            typing,
        }
    }

    /// The reader typed `text` into the search field.
    pub fn typed(self, text: String) {
        let push = self.typing.try_get_value() != Some(true);
        let _ = self.typing.try_set_value(true);
        let next = Query {
            text,
            ..self.browsing.query.get_untracked()
        };
        self.go(next, push);
    }

    /// The reader left the search field: the next edit is a new history entry.
    pub fn stopped_typing(self) {
        let _ = self.typing.try_set_value(false);
    }

    /// The reader chose a view (a filter, or clearing them): a new history entry.
    pub fn chose(self, next: Query) {
        self.stopped_typing();
        self.go(next, true);
    }

    /// The reader changed the query with `change`.
    pub fn changed(self, change: impl FnOnce(&mut Query)) {
        let mut next = self.browsing.query.get_untracked();
        change(&mut next);
        self.chose(next);
    }

    fn go(self, next: Query, push: bool) {
        write_url(&next, push, self.embed);
        self.browsing.show(next);
    }
}

/// Writes the view into the address bar: a new history entry with `push`, else the same one.
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
