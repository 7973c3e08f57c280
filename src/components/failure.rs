//! What the reader sees when a digest or the library cannot be loaded: what went wrong, in their
//! words, and a retry or a way back where either helps.

use crate::fetch::{Fetched, LoadError};
use leptos::prelude::*;

/// A failure as the reader sees it, in `role="alert"`, with a retry where retrying can help.
#[component]
pub fn LoadFailure(
    /// What went wrong.
    error: LoadError,
    /// What was being loaded.
    what: Fetched,
    /// Called by the retry button; the button is shown only if the failure may pass.
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
    /// Whether to offer the way back to the library.
    #[prop(optional)]
    library_link: bool,
    /// Whether the failure is what its page is about (the reader's own page or iframe): its title
    /// is then the page's `<h1>`. In a script embed on someone else's page it is an `<h2>`.
    #[prop(optional)]
    page_heading: bool,
) -> impl IntoView {
    let message = error.message(what);
    let problems = (!message.problems.is_empty()).then(|| {
        view! {
            <ul class="error-problems">
                {message
                    .problems
                    .into_iter()
                    .map(|problem| {
                        let path = (!problem.path.is_empty())
                            .then(|| view! { <code>{problem.path}</code> ": " });
                        view! { <li>{path} {problem.message}</li> }
                    })
                    .collect_view()}
            </ul>
        }
    });
    let retry = on_retry.filter(|_| message.retry).map(|on_retry| {
        view! {
            <button type="button" class="button retry" on:click=move |_| on_retry.run(())>
                "Try again"
            </button>
        }
    });
    let back = library_link.then(|| {
        view! { <a class="button button--secondary" href="./">"Back to the library"</a> }
    });
    let title = if page_heading {
        view! { <h1 class="error-title">{message.title}</h1> }.into_any()
    } else {
        view! { <h2 class="error-title">{message.title}</h2> }.into_any()
    };
    view! {
        <div class="error" role="alert">
            {title}
            <p class="error-detail">{message.detail}</p>
            {problems}
            <div class="error-actions">{retry} {back}</div>
        </div>
    }
}
