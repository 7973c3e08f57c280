//! A whole episode as the reader sees it, wherever it is shown: the app's page, an iframe's
//! compact view, a script embed, or a published page that the browser hydrates.

use super::episode_context::EpisodeContext;
use super::points::PointList;
use super::report::ReportLink;
use super::section::DetailsSection;
use super::upgrade::UpgradeBanner;
use crate::model::{text_direction, Digest, Generated, ReportTo, Upgrade};
use crate::moment::{clock, duration_attr};
use crate::route::Anchor;
use leptos::prelude::*;

/// A whole episode: header, summary, Key Points, Details, full-content link, upgrade banner.
///
/// Mounts anywhere (full page, iframe compact view, shadow root): it touches nothing outside itself.
#[component]
pub fn Episode(
    /// The digest to show.
    digest: Digest,
    /// The site's offer; `None` shows no banner.
    upgrade: Option<Upgrade>,
    /// Where the document's fragment points (`#section-1-2`): the full page and the iframe's
    /// compact view follow it; a script embed passes `None`.
    #[prop(into, optional)]
    anchor: Signal<Option<Anchor>>,
    /// Where "Report a problem" goes (the site's `report_url`); `None` shows no such link.
    #[prop(optional_no_strip)]
    report: Option<ReportTo>,
) -> impl IntoView {
    let Digest {
        published,
        title,
        source,
        summary,
        key_points,
        sections,
        full_content_url,
        language,
        generated,
        ..
    } = digest;
    // Browsers take the direction from `dir`, not from `lang`: both come from the digest.
    let dir = language.as_deref().map(text_direction);
    let source_url = source.url.clone();
    let source_line = match source.url.clone() {
        Some(url) => view! {
            <a class="source-link" href=url.href().to_string() target="_blank" rel="noopener noreferrer">
                {source.line()}
            </a>
        }
        .into_any(),
        None => view! { <span class="source-text">{source.line()}</span> }.into_any(),
    };
    let kind = source
        .kind
        .map(|kind| view! { " " <span class="source-kind">{kind.label()}</span> });
    let duration = source.duration_seconds.map(|seconds| {
        // Durations are whole seconds in the format; the clock reads them as such.
        let seconds = seconds as f64;
        view! {
            " "
            <span class="source-duration">
                <time datetime=duration_attr(seconds)>{clock(seconds)}</time>
            </span>
        }
    });
    let banner = upgrade.clone();
    // Before any part is built: they read it as they are made.
    let provenance = provenance(generated, report.as_ref());
    EpisodeContext {
        source_url,
        upgrade,
        anchor,
        report,
    }
    .provide();
    let details = sections
        .into_iter()
        .enumerate()
        .map(|(index, section)| view! { <DetailsSection number=index + 1 section /> })
        .collect_view();
    view! {
        <article class="episode" lang=language dir=dir>
            <header class="episode-header">
                <p class="episode-date">
                    <time datetime=published.machine().to_string()>{published.to_string()}</time>
                </p>
                <h1 class="episode-title" dir="auto">{title}</h1>
                <p class="episode-source">{source_line} {kind} {duration}</p>
                {provenance}
            </header>
            <section class="summary" aria-label="Summary">
                {summary.into_iter().map(|paragraph| view! { <p dir="auto">{paragraph}</p> }).collect_view()}
            </section>
            <section class="key-points" aria-labelledby="key-points-heading">
                <h2 id="key-points-heading" class="block-heading">"Key Points"</h2>
                <PointList points=key_points />
            </section>
            <section class="details" aria-labelledby="details-heading">
                <h2 id="details-heading" class="block-heading">"Details"</h2>
                {details}
            </section>
            {full_content_url.map(|url| view! {
                <p class="full-content">
                    <a class="button button--secondary full-content-link" href=url.href().to_string()>
                        "View Full Content"
                    </a>
                </p>
            })}
            {banner.map(|upgrade| view! { <UpgradeBanner upgrade /> })}
        </article>
    }
}

/// Who wrote the digest: always labelled AI-written, naming the model or tool and the date where
/// the digest says (`generated`), and where to report a wrong claim.
fn provenance(generated: Option<Generated>, report: Option<&ReportTo>) -> impl IntoView {
    let (by, at) = generated.map_or((None, None), |generated| (Some(generated.by), generated.at));
    let by = by.map(|by| view! { " by " <span class="generated-by" dir="auto">{by}</span> });
    let at = at.map(|at| {
        view! { " on " <time datetime=at.machine().to_string()>{at.to_string()}</time> }
    });
    let report = report.map(|report| view! { <ReportLink href=report.href(None) /> });
    view! {
        <p class="episode-provenance">
            <span class="ai-label">"AI-written"</span>
            {by}
            {at}
            {report}
        </p>
    }
}
