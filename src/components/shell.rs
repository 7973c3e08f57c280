//! The page around an episode or the library: the site header and footer, the same on the app's
//! own page and on a published episode page.

use leptos::prelude::*;

/// The site header: the brand (the site's name, linking home) and the site navigation.
#[component]
pub fn SiteHeader(
    /// The site's name; may arrive after the page is shown.
    #[prop(into)]
    name: Signal<String>,
    /// The app root, relative to this page (`./`, or `../../` from `episodes/<id>/`).
    home: &'static str,
) -> impl IntoView {
    view! {
        <header class="site-header">
            <a class="brand" href=home>{name}</a>
            <nav class="site-nav" aria-label="Site">
                <a href=home>"Library"</a>
            </nav>
            <DisplayMenu />
        </header>
    }
}

/// The reader's display choices: theme (system, light, dark) and text size.
///
/// Only markup, the same for every reader: `src/reader.js` (a small classic script in `<head>`)
/// applies the choice before the first paint, remembers it on the device and runs these radios.
/// So a published page's header stays plain HTML that needs no WebAssembly, and no reader's
/// preference ever makes the host's render differ from the browser's.
#[component]
pub fn DisplayMenu() -> impl IntoView {
    type Choices = &'static [(&'static str, &'static str)];
    let group = |name: &'static str, legend: &'static str, choices: Choices| {
        let radios = choices
            .iter()
            .map(|&(value, label)| {
                view! { <label class="display-choice"><input type="radio" name=name value=value />" "{label}</label> }
            })
            .collect_view();
        view! { <fieldset class="display-group"><legend>{legend}</legend>{radios}</fieldset> }
    };
    view! {
        <details class="display-menu">
            <summary class="display-menu-toggle">"Display"</summary>
            <div class="display-menu-panel">
                {group("theme", "Theme", &[("system", "System"), ("light", "Light"), ("dark", "Dark")])}
                {group(
                    "text-size",
                    "Text size",
                    &[("small", "Small"), ("default", "Default"), ("large", "Large"), ("larger", "Larger")],
                )}
            </div>
        </details>
    }
}

/// The site footer.
#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>"Summaries are AI-written; check the original for details."</p>
        </footer>
    }
}

/// Under an episode: back to the library, and the neighbouring episodes (`children`).
#[component]
pub fn EpisodeNavLinks(
    /// Where "All episodes" goes.
    back_href: String,
    /// The neighbour links, if known.
    children: Children,
) -> impl IntoView {
    view! {
        <nav class="episode-nav" aria-label="More episodes">
            <a class="back-to-library" href=back_href>"← All episodes"</a>
            <div class="episode-nav-neighbours">{children()}</div>
        </nav>
    }
}

/// A link to the previous or next episode (`rel` is `prev` or `next`).
pub fn neighbour_link(
    href: String,
    title: String,
    rel: &'static str,
    label: &'static str,
) -> impl IntoView {
    view! {
        <a class=format!("episode-nav-{rel}") rel=rel href=href>
            <span class="episode-nav-label">{label}</span>
            <span class="episode-nav-title">{title}</span>
        </a>
    }
}
