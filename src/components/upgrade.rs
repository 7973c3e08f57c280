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

/// What a locked subsection shows in place of its points.
#[component]
pub fn UpgradePrompt(
    /// The site's offer; without one the subsection just says it is locked.
    upgrade: Option<Upgrade>,
) -> impl IntoView {
    match upgrade {
        Some(upgrade) => view! { <div class="upgrade-prompt">{offer(upgrade)}</div> }.into_any(),
        None => view! { <p class="locked-note">"This part is locked."</p> }.into_any(),
    }
}
