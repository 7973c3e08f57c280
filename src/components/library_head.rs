//! The top of the library: its heading with the count, and the search and filter controls. The
//! app's library and the published site's first screen (rendered on the host) share them, so the
//! first screen and the app that takes it over have the same layout.

use crate::model::search::Facet;
use crate::model::Query;
use crate::route::library_search;
use leptos::ev;
use leptos::prelude::*;

/// The library's heading and how many episodes it shows.
#[component]
pub fn LibraryHeader(
    /// "4 episodes", "2 of 4 episodes".
    #[prop(into)]
    count: Signal<String>,
) -> impl IntoView {
    view! {
        <header class="library-header">
            <h1 class="library-title">"Episodes"</h1>
            <p class="library-count" aria-live="polite">{count}</p>
        </header>
    }
}

/// What the reader can change in the library view; the app passes its handlers, the host none.
pub struct ControlEvents {
    /// The search text changed.
    pub input: Callback<ev::Event>,
    /// The search field lost focus.
    pub blur: Callback<()>,
    /// A channel was chosen.
    pub channel: Callback<ev::Event>,
    /// A tag was chosen.
    pub tag: Callback<ev::Event>,
}

impl Default for ControlEvents {
    fn default() -> Self {
        Self {
            input: Callback::new(|_| ()),
            blur: Callback::new(|()| ()),
            channel: Callback::new(|_| ()),
            tag: Callback::new(|_| ()),
        }
    }
}

/// Search and filters. The fields have names, so that before the app runs (or without
/// JavaScript) submitting the form still asks for `?q=…&channel=…&tag=…`.
#[component]
pub fn LibraryControls(
    /// The query shown in the fields.
    #[prop(into)]
    query: Signal<Query>,
    /// Every channel with its episode count (a large library loads them after its first screen).
    #[prop(into)]
    channels: Signal<Vec<Facet>>,
    /// Every tag with its episode count.
    #[prop(into)]
    tags: Signal<Vec<Facet>>,
    /// The handlers.
    events: ControlEvents,
    /// More controls after the filters ("Clear all").
    children: Children,
) -> impl IntoView {
    let ControlEvents {
        input,
        blur,
        channel,
        tag,
    } = events;
    view! {
        <form class="library-controls" role="search" on:submit=|ev| ev.prevent_default()>
            <div class="control control--search">
                <label for="library-search">"Search"</label>
                <input
                    id="library-search"
                    name="q"
                    type="search"
                    autocomplete="off"
                    placeholder="Titles, channels, summaries, tags"
                    prop:value=move || query.with(|q| q.text.clone())
                    on:input=move |ev| input.run(ev)
                    on:blur=move |_| blur.run(())
                />
            </div>
            <FacetFilter
                id="filter-channel"
                name="channel"
                label="Channel"
                all="All channels"
                options=channels
                value=Signal::derive(move || query.with(|q| q.channel.clone().unwrap_or_default()))
                on_change=channel
            />
            <FacetFilter
                id="filter-tag"
                name="tag"
                label="Tag"
                all="All tags"
                options=tags
                value=Signal::derive(move || query.with(|q| q.tag.clone().unwrap_or_default()))
                on_change=tag
            />
            {children()}
        </form>
    }
}

/// One filter's `<select>`: "" is every episode, each other option a name with its episode count.
#[component]
fn FacetFilter(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    all: &'static str,
    options: Signal<Vec<Facet>>,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<ev::Event>,
) -> impl IntoView {
    // Each option selects itself: options that arrive after the value (a large library's
    // filters) still show the filter in the address.
    let options = move || {
        options
            .get()
            .into_iter()
            .map(|(name, count)| {
                let text = format!("{name} ({count})");
                let selected = {
                    let name = name.clone();
                    move || value.with(|value| *value == name)
                };
                view! { <option value=name prop:selected=selected>{text}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="control">
            <label for=id>{label}</label>
            <select id=id name=name on:change=move |ev| on_change.run(ev) prop:value=move || value.get()>
                <option value="">{all}</option>
                {options}
            </select>
        </div>
    }
}

/// Where a tag chip leads: the library filtered by that tag.
pub fn tag_href(tag: &str) -> String {
    library_search(&Query {
        tag: Some(tag.to_string()),
        ..Query::default()
    })
}

/// `20000` as `20,000`.
pub fn grouped(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// How the library counts: `1 episode`, `20,000 episodes`, or `12 of 20,000 episodes` when narrowed.
pub fn count_label(found: usize, total: usize, narrowed: bool) -> String {
    let all = match total {
        1 => "1 episode".to_string(),
        _ => format!("{} episodes", grouped(total)),
    };
    if narrowed {
        format!("{} of {all}", grouped(found))
    } else {
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_naturally() {
        assert_eq!(count_label(1, 1, false), "1 episode");
        assert_eq!(count_label(0, 0, false), "0 episodes");
        assert_eq!(count_label(20000, 20000, false), "20,000 episodes");
        assert_eq!(count_label(12, 1204, true), "12 of 1,204 episodes");
        assert_eq!(
            count_label(1234567, 1234567, true),
            "1,234,567 of 1,234,567 episodes"
        );
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
    }
}
