use crate::fetch::{Document, LoadError};
use leptos::prelude::*;

/// A failure as the reader sees it, in `role="alert"`, with a retry where retrying can help.
#[component]
pub fn LoadFailure(
    /// What went wrong.
    error: LoadError,
    /// What was being loaded.
    what: Document,
    /// Called by the retry button; the button is shown only if the failure may pass.
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
    /// Whether to offer the way back to the library.
    #[prop(optional)]
    library_link: bool,
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
    view! {
        <div class="error" role="alert">
            <h2 class="error-title">{message.title}</h2>
            <p class="error-detail">{message.detail}</p>
            {problems}
            <div class="error-actions">{retry} {back}</div>
        </div>
    }
}
