//! The "Details" of an episode: numbered sections, each with its points and its expandable
//! subsections (locked ones show the site's offer instead).

use super::episode_context::EpisodeContext;
use super::points::{timestamp_for, PointList};
use super::report::ReportLink;
use super::upgrade::UpgradePrompt;
use crate::model::{Section, Subsection as SubsectionData};
use crate::route::{section_id, Anchor};
use leptos::prelude::*;

/// A numbered section of "Details": heading, points, subsections.
#[component]
pub fn DetailsSection(
    /// Its number, from 1.
    number: usize,
    /// The section.
    section: Section,
) -> impl IntoView {
    let id = section_id(number, None);
    let heading_id = format!("{id}-heading");

    let labelled_by = heading_id.clone();
    let title_id = format!("{id}-title");
    let of = id.clone();
    let context = EpisodeContext::current();
    let timestamp = timestamp_for(section.at_seconds, &context.source_url);
    let report = context.report.as_ref().map(|report| {
        view! { <p class="section-report"><ReportLink href=report.href(Some(number)) section=number /></p> }
    });
    let points =
        (!section.points.is_empty()).then(|| view! { <PointList points=section.points /> });
    let subsections = section
        .subsections
        .into_iter()
        .enumerate()
        .map(|(index, subsection)| {
            view! { <Subsection section=number number=index + 1 subsection /> }
        })
        .collect_view();
    view! {
        <section class="section" id=id aria-labelledby=labelled_by>
            <h3 class="section-title" id=heading_id>
                <span class="section-number">{format!("{number}.")}</span>
                " "
                {section.emoji.map(|emoji| view! { <span class="section-emoji">{emoji}</span> " " })}
                <span class="section-text" id=title_id dir="auto">{section.title}</span>
                {timestamp.map(|timestamp| view! { " " {timestamp} })}
                <CopyLink of />
            </h3>
            {points}
            {subsections}
            {report}
        </section>
    }
}

/// An expandable subsection: a native `<details>`, collapsed at first, toggled by its `<summary>`
/// (mouse or keyboard, and without JavaScript in a prerendered page).
///
/// The element owns its open state: nothing binds `open`, so hydrating a page in which the reader
/// has already opened a subsection leaves it open. Only a fragment naming the subsection opens it,
/// on load and on later hashchange.
#[component]
pub fn Subsection(
    /// The number of its section, from 1.
    section: usize,
    /// Its number within the section, from 1.
    number: usize,
    /// The subsection.
    subsection: SubsectionData,
) -> impl IntoView {
    // Where the page's fragment points: the subsection it names opens.
    let anchor = EpisodeContext::current().anchor;
    let me = Anchor {
        section,
        subsection: Some(number),
    };
    let details = NodeRef::<leptos::html::Details>::new();
    // Effects never run on the server; in the browser this runs once the element exists, and
    // again whenever the fragment changes.
    Effect::new(move |_| {
        if anchor.get() == Some(me) {
            if let Some(details) = details.get() {
                details.set_open(true);
            }
        }
    });
    let id = section_id(section, Some(number));
    let body_id = format!("{id}-body");
    let title_id = format!("{id}-title");
    let of = id.clone();

    let locked = subsection.locked;
    let body = if locked {
        view! { <UpgradePrompt /> }.into_any()
    } else {
        view! { <PointList points=subsection.points /> }.into_any()
    };
    view! {
        <details class="subsection" class=("subsection--locked", locked) id=id node_ref=details>
            <summary class="subsection-toggle">
                <h4 class="subsection-heading">
                    <span class="subsection-number">{format!("{section}.{number}.")}</span>
                    " "
                    <span class="subsection-title" id=title_id dir="auto">{subsection.title}</span>
                    {locked.then(|| view! { " " <LockIcon /> })}
                    <span class="chevron" aria-hidden="true"></span>
                </h4>
            </summary>
            <div class="subsection-body" id=body_id>
                // Not in the summary: a control inside the row that toggles would nest two.
                <CopyLink of />
                {body}
            </div>
        </details>
    }
}

/// Copies the link to the section or subsection it stands in (`#section-1-2`, the id of the
/// closest one), or shares it where the browser can; `src/reader.js` runs it (so a script embed,
/// where it does not run, does not show it).
///
/// Its name says which: "Copy link to" and the title of the heading it stands by (a list of the
/// page's buttons, as screen readers give it, would otherwise repeat "Copy link" with no way to
/// tell them apart).
#[component]
fn CopyLink(
    /// The id of its section or subsection (`section-1-2`); its title is `<id>-title`.
    of: String,
) -> impl IntoView {
    let me = format!("{of}-copy");
    let labelled_by = format!("{me} {of}-title");
    view! {
        <button type="button" class="copy-link" id=me aria-label="Copy link to" aria-labelledby=labelled_by></button>
    }
}

/// The lock of a locked subsection, drawn (an emoji would need an emoji font, which many Linux
/// desktops lack: they show an empty box).
#[component]
fn LockIcon() -> impl IntoView {
    view! {
        <span class="lock" role="img" aria-label="Locked">
            <svg class="lock-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2h.5a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1zM6 7h4V5a2 2 0 0 0-4 0z" />
            </svg>
        </span>
    }
}
