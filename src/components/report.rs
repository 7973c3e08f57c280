//! "Report a problem": a link to the site's `report_url` (spec section 4) on the episode and on
//! each of its sections, carrying the episode's URL and id and the section.

use leptos::prelude::*;

/// The link; `section` names the section (from 1) for screen readers, since every section has one.
#[component]
pub(crate) fn ReportLink(
    /// Where it goes, from `ReportTo::href`.
    href: String,
    /// The section it reports, if not the whole episode.
    #[prop(optional)]
    section: Option<usize>,
) -> impl IntoView {
    // Same tab: a `mailto:` link in a new tab would leave an empty one behind.
    view! {
        <a class="report-link" href=href>
            "Report a problem"
            {section.map(|n| view! { <span class="visually-hidden">{format!(" in section {n}")}</span> })}
        </a>
    }
}
