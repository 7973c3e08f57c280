//! Points (the bullets of Key Points, sections and subsections) and the timestamps that link a
//! point or a section into the moment of the original it comes from.

use super::episode_context::EpisodeContext;
use crate::model::{Link, Point};
use crate::moment::{clock, duration_attr};
use leptos::prelude::*;

/// A moment of the original, linked into it: `1:03`.
#[component]
pub fn Timestamp(
    /// Offset into the original.
    seconds: f64,
    /// The original; the moment is linked into it.
    source_url: Link,
) -> impl IntoView {
    let label = format!("Play from {}", clock(seconds));
    view! {
        <a
            class="timestamp"
            href=source_url.at_moment(seconds)
            target="_blank"
            rel="noopener noreferrer"
            aria-label=label
        >
            <time datetime=duration_attr(seconds)>{clock(seconds)}</time>
        </a>
    }
}

/// Shows a timestamp where the point has one and the source has a URL to link it into.
pub(crate) fn timestamp_for(
    seconds: Option<f64>,
    source_url: &Option<Link>,
) -> Option<impl IntoView> {
    let (seconds, source_url) = (seconds?, source_url.clone()?);
    Some(view! { <Timestamp seconds source_url /> })
}

/// A bulleted list of points, each with its timestamp into the episode's original.
#[component]
pub fn PointList(
    /// The bullets.
    points: Vec<Point>,
) -> impl IntoView {
    let context = EpisodeContext::current();
    let source_url = &context.source_url;
    view! {
        <ul class="points">
            {points
                .into_iter()
                .map(|point| {
                    let timestamp = timestamp_for(point.at_seconds, source_url);
                    view! { <li class="point" dir="auto">{point.text} " " {timestamp}</li> }
                })
                .collect_view()}
        </ul>
    }
}
