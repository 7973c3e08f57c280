//! `<app root>/`: every episode of the index, newest first.

use super::load::{load_document, retryable};
use crate::components::{EpisodeSkeleton, LoadFailure};
use crate::fetch::{Document, INDEX_LIMIT};
use crate::model::{IndexEntry, Library, SiteConfig};
use leptos::prelude::*;

/// The library page.
#[component]
pub fn LibraryPage(
    /// The site's configuration.
    site: SiteConfig,
) -> impl IntoView {
    document().set_title(&format!("Episodes | {}", site.name));
    retryable(move |retry| view! { <LibraryAttempt site=site.clone() retry /> })
}

#[component]
fn LibraryAttempt(site: SiteConfig, retry: Callback<()>) -> impl IntoView {
    let library = load_document(Ok(site.index_url()), INDEX_LIMIT, Library::parse);
    view! {
        <main id="main" class="main main--library" aria-busy=move || library.with(Option::is_none).to_string()>
            {move || match library.get() {
                None => view! { <EpisodeSkeleton label="Loading episodes…" /> }.into_any(),
                Some(Ok(library)) => view! { <EpisodeList library /> }.into_any(),
                Some(Err(error)) => {
                    view! { <LoadFailure error what=Document::Index on_retry=retry /> }.into_any()
                }
            }}
        </main>
    }
}

#[component]
fn EpisodeList(library: Library) -> impl IntoView {
    let count = library.episodes.len();
    let count_text = match count {
        1 => "1 episode".to_string(),
        n => format!("{n} episodes"),
    };
    let list = if count == 0 {
        view! { <p class="empty">"No episodes yet."</p> }.into_any()
    } else {
        view! {
            <ol class="episode-list">
                {library.episodes.into_iter().map(|entry| view! { <EpisodeCard entry /> }).collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <header class="library-header">
            <h1 class="library-title">"Episodes"</h1>
            <p class="library-count">{count_text}</p>
        </header>
        {list}
    }
}

#[component]
fn EpisodeCard(entry: IndexEntry) -> impl IntoView {
    let tags = (!entry.tags.is_empty()).then(|| {
        view! {
            <ul class="tags">
                {entry.tags.into_iter().map(|tag| view! { <li class="tag">{tag}</li> }).collect_view()}
            </ul>
        }
    });
    view! {
        <li class="episode-card">
            <article>
                <h2 class="card-title">
                    <a href=format!("?episode={}", entry.id)>{entry.title}</a>
                </h2>
                <p class="card-meta">
                    <span class="card-channel">{entry.channel}</span>
                    " · "
                    <time datetime=entry.published.machine().to_string()>{entry.published.to_string()}</time>
                </p>
                {entry.summary.map(|summary| view! { <p class="card-summary">{summary}</p> })}
                {tags}
            </article>
        </li>
    }
}
