//! The library's card for one episode, with the parts that match the search marked. The app's
//! library and the published first screen render the same card.

use crate::model::search::{highlight, Terms};
use crate::model::IndexEntry;
use crate::route::framed;
use leptos::prelude::*;

/// Text with the parts that matched the search marked; always text, never markup. The marks
/// follow the terms: a keystroke redraws them, not the card.
#[component]
pub fn Highlighted(
    /// The text to show.
    text: String,
    /// What the search marks.
    #[prop(into)]
    terms: Signal<Terms>,
) -> impl IntoView {
    move || {
        terms
            .with(|terms| highlight(&text, terms))
            .into_iter()
            .map(|piece| {
                if piece.matched {
                    view! { <mark>{piece.text}</mark> }.into_any()
                } else {
                    piece.text.into_any()
                }
            })
            .collect_view()
    }
}

/// One episode in the library: title (a link to it), channel, date, summary, tags.
#[component]
pub fn EpisodeCard(
    /// The episode.
    entry: IndexEntry,
    /// What the search marks.
    #[prop(into)]
    terms: Signal<Terms>,
    /// Where a tag chip leads (the library filtered by that tag).
    tag_href: fn(&str) -> String,
    /// Called before following the card's link, so the library can remember where the reader was.
    on_open: Callback<()>,
    /// In an iframe's compact view: the card's links keep `embed=1`.
    #[prop(optional)]
    embed: bool,
) -> impl IntoView {
    let tags = (!entry.tags.is_empty()).then(|| {
        view! {
            <ul class="tags" aria-label="Tags">
                {entry
                    .tags
                    .into_iter()
                    .map(|tag| {
                        let href = framed(&tag_href(&tag), embed);
                        view! {
                            <li class="tag">
                                <a href=href>
                                    <Highlighted text=tag terms />
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    });
    let summary = entry.summary.map(|summary| {
        view! {
            <p class="card-summary" dir="auto">
                <Highlighted text=summary terms />
            </p>
        }
    });
    view! {
        <li class="episode-card">
            <article>
                <h2 class="card-title">
                    <a href=framed(&format!("?episode={}", entry.id), embed) on:click=move |_| on_open.run(())>
                        <Highlighted text=entry.title terms />
                    </a>
                </h2>
                <p class="card-meta">
                    <span class="card-channel">
                        <Highlighted text=entry.channel terms />
                    </span>
                    " · "
                    <time datetime=entry.published.machine().to_string()>
                        {entry.published.to_string()}
                    </time>
                </p>
                {summary}
                {tags}
            </article>
        </li>
    }
}
