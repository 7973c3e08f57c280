//! The site's offer (spec: `upgrade` in `site.json`): a banner at the end of an episode, and
//! what a locked subsection shows in place of its points.

use super::episode_context::EpisodeContext;
use crate::model::Upgrade;
use leptos::prelude::*;

fn offer(upgrade: Upgrade) -> impl IntoView {
    let cta = upgrade.cta.map(|cta| {
        view! {
            <a class="button upgrade-cta" href=cta.url.href().to_string() rel="noopener">
                {cta.label}
            </a>
        }
    });
    view! {
        <p class="upgrade-headline">{upgrade.headline}</p>
        {upgrade.detail.map(|detail| view! { <p class="upgrade-detail">{detail}</p> })}
        {cta}
    }
}

/// The offer at the end of an episode.
#[component]
pub fn UpgradeBanner(
    /// The site's offer.
    upgrade: Upgrade,
) -> impl IntoView {
    view! { <aside class="upgrade-banner" aria-label="Upgrade">{offer(upgrade)}</aside> }
}

/// What a locked subsection shows in place of its points: the episode's offer or, without one,
/// that it is locked.
#[component]
pub fn UpgradePrompt() -> impl IntoView {
    match EpisodeContext::current().upgrade.clone() {
        Some(upgrade) => view! { <div class="upgrade-prompt">{offer(upgrade)}</div> }.into_any(),
        None => view! { <p class="locked-note">"This part is locked."</p> }.into_any(),
    }
}
