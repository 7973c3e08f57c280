//! The placeholder shown while an episode or the library loads: grey lines in the shape of an
//! episode, and a status for screen readers.

use leptos::prelude::*;

/// Grey placeholder lines in the shape of an episode, shown while it loads.
#[component]
pub fn EpisodeSkeleton(
    /// What is loading, for screen readers: "Loading episode…".
    #[prop(into)]
    label: String,
) -> impl IntoView {
    view! {
        <div class="skeleton" aria-hidden="true">
            <div class="skeleton-line skeleton-line--short"></div>
            <div class="skeleton-line skeleton-line--title"></div>
            <div class="skeleton-line skeleton-line--short"></div>
            <div class="skeleton-line"></div>
            <div class="skeleton-line"></div>
            <div class="skeleton-line"></div>
            <div class="skeleton-line skeleton-line--short"></div>
        </div>
        <p class="visually-hidden" role="status">{label}</p>
    }
}
