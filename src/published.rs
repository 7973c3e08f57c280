//! A published episode page (`episodes/<id>/`): the publish command renders it to HTML with
//! these components on the host, and the browser takes it over by hydrating the episode with
//! the same component, from the digest that travels in the page.
//!
//! Only the episode (`#episode-root`) is hydrated: the header, navigation and footer are plain
//! links, complete in the HTML. The page's data blocks (`application/json`, never executed) hold
//! the digest and `site.json` exactly as published, read with the same parsers as a fetch.

use crate::components::Episode;
use crate::model::{Digest, ReportTo, SiteConfig, Upgrade};
use crate::route::Anchor;
use leptos::prelude::*;

/// From `episodes/<id>/` back to the app root.
pub const ROOT: &str = "../../";
/// The element whose content is the hydrated episode.
pub const EPISODE_ROOT_ID: &str = "episode-root";
/// The data block with the digest.
pub const DIGEST_DATA_ID: &str = "digest-data";
/// The data block with `site.json`.
pub const SITE_DATA_ID: &str = "site-data";
/// The published `index.html`'s prerendered first screen of the library, which the app replaces
/// once its own library is ready.
pub const LIBRARY_FIRST_SCREEN_ID: &str = "boot-library";

/// The digest and the site's offer with their relative links (full content, call to action),
/// which are meant from the app root, written from the episode page's depth.
pub fn from_depth(mut digest: Digest, mut upgrade: Option<Upgrade>) -> (Digest, Option<Upgrade>) {
    digest.full_content_url = digest.full_content_url.map(|link| link.from_depth(ROOT));
    if let Some(cta) = upgrade.as_mut().and_then(|upgrade| upgrade.cta.as_mut()) {
        cta.url = cta.url.from_depth(ROOT);
    }
    (digest, upgrade)
}

/// Where a published episode's "Report a problem" goes: its page's address comes from
/// `base_url`, which the host and the browser both read from `site.json` (a device's own address
/// would make the two renders differ).
pub fn report_to(site: &SiteConfig, id: &str) -> Option<ReportTo> {
    Some(ReportTo {
        report_url: site.report_url.clone()?,
        id: id.to_string(),
        page_url: site
            .base_url
            .as_ref()
            .map(|base| format!("{}episodes/{id}/", base.href())),
    })
}

/// The part of a published page that the app takes over: the episode, following the page's
/// fragment (`#section-1-2`) once it runs in the browser.
#[component]
pub fn PublishedEpisode(
    /// The digest, with links already [`from_depth`].
    digest: Digest,
    /// The site's offer, with links already [`from_depth`].
    upgrade: Option<Upgrade>,
    /// Where problems are reported, from [`report_to`].
    report: Option<ReportTo>,
) -> impl IntoView {
    view! { <Episode digest upgrade anchor=fragment() report=report /> }
}

/// The page's fragment as an anchor: none while rendering on the host.
#[cfg(not(target_arch = "wasm32"))]
fn fragment() -> Signal<Option<Anchor>> {
    Signal::stored(None)
}

/// The page's fragment as an anchor, following `hashchange`.
#[cfg(target_arch = "wasm32")]
fn fragment() -> Signal<Option<Anchor>> {
    let read = || {
        location()
            .hash()
            .ok()
            .as_deref()
            .and_then(Anchor::from_hash)
    };
    let anchor = RwSignal::new(read());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        anchor.try_set(read());
    });
    on_cleanup(move || listener.remove());
    anchor.into()
}

/// The whole `<body>` of a published episode page, as the publish command writes it.
#[cfg(feature = "ssr")]
pub mod page {
    use super::{
        from_depth, report_to, PublishedEpisode, EPISODE_ROOT_ID, LIBRARY_FIRST_SCREEN_ID, ROOT,
    };
    use crate::components::{
        count_label, episode_guide, episode_player, neighbour_link, tag_href, ControlEvents,
        EpisodeCard, EpisodeNavLinks, LibraryControls, LibraryHeader, SiteFooter, SiteHeader,
    };
    use crate::model::search::{facets, Terms};
    use crate::model::{Digest, IndexEntry, Query, SiteConfig};
    use leptos::prelude::*;
    use leptos::tachys::view::RenderHtml;

    /// The published `index.html`'s first screen of the library, rendered with the app's own
    /// components: header, heading and count, search and filters, the newest `PAGE` cards.
    /// `newest` is the library in order; only its start is shown.
    pub fn library_html(site: &SiteConfig, newest: &[IndexEntry], shown: usize) -> String {
        let owner = Owner::new();
        owner.with(|| {
            let total = newest.len();
            let (channels, tags) = facets(newest);
            let cards = newest
                .iter()
                .take(shown)
                .cloned()
                .map(|entry| {
                    let on_open = Callback::new(|()| ());
                    view! { <EpisodeCard entry terms=Signal::stored(Terms::default()) tag_href on_open /> }
                })
                .collect_view();
            let count = count_label(total, total, false);
            let name = site.name.clone();
            view! {
                <div id=LIBRARY_FIRST_SCREEN_ID>
                    <a class="skip-link" href="#main">"Skip to content"</a>
                    <div class="app">
                        <SiteHeader name=name home="./" />
                        <main id="main" tabindex="-1" class="main main--library" aria-busy="false">
                            <LibraryHeader count=count />
                            <LibraryControls
                                query=Query::default()
                                channels=Signal::stored(channels)
                                tags=Signal::stored(tags)
                                events=ControlEvents::default()
                            >
                                ""
                            </LibraryControls>
                            <ol class="episode-list">{cards}</ol>
                        </main>
                        <SiteFooter />
                    </div>
                </div>
            }
            .to_html()
            .replace("<!>", "<!---->")
        })
    }

    /// A neighbouring episode in library order.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Neighbour {
        /// Its id (its page is `../<id>/`).
        pub id: String,
        /// Its title.
        pub title: String,
    }

    /// The body's HTML: skip link, header, the episode (in `#episode-root`, with the hydration
    /// markers the browser's take-over walks), the links to the library and the neighbouring
    /// episodes, footer.
    pub fn body_html(
        site: &SiteConfig,
        digest: Digest,
        previous: Option<Neighbour>,
        next: Option<Neighbour>,
    ) -> String {
        let owner = Owner::new();
        owner.with(|| {
            let (digest, upgrade) = from_depth(digest, site.upgrade.clone());
            let link = |neighbour: Option<Neighbour>, rel, label| {
                neighbour.map(|n| neighbour_link(format!("../{}/", n.id), n.title, rel, label))
            };
            let previous = link(previous, "prev", "Previous episode");
            let next = link(next, "next", "Next episode");
            let name = site.name.clone();
            let id = digest.id.clone();
            let report = report_to(site, &id);
            // Beside the episode's root, not in it: the take-over hydrates none of it.
            let guide = episode_guide(&digest, "index.md".to_string());
            let player = episode_player(&digest);
            view! {
                <a class="skip-link" href="#main">"Skip to content"</a>
                <div class="app">
                    <SiteHeader name=name home=ROOT />
                    <main id="main" tabindex="-1" class="main" aria-busy="false">
                        {guide}
                        {player}
                        <div id=EPISODE_ROOT_ID class="episode-root" data-episode=id>
                            <PublishedEpisode digest upgrade report />
                        </div>
                        <EpisodeNavLinks back_href=ROOT.to_string()>{previous} {next}</EpisodeNavLinks>
                    </main>
                    <SiteFooter />
                </div>
            }
            .to_html()
            // Leptos marks text and view boundaries with `<!>`, which browsers read as an empty
            // comment but HTML calls a parse error; `<!---->` is the same empty comment, well
            // formed, so hydration walks the same nodes. (Text and attribute values never hold a
            // raw `<`: Leptos escapes it.)
            .replace("<!>", "<!---->")
        })
    }
}

/// The browser's side: finds the prerendered episode and hydrates it (the `hydrate/` crate).
#[cfg(all(target_arch = "wasm32", feature = "hydrate"))]
pub mod take_over {
    use super::{
        from_depth, report_to, PublishedEpisode, DIGEST_DATA_ID, EPISODE_ROOT_ID, ROOT,
        SITE_DATA_ID,
    };
    use crate::model::{Digest, SiteConfig};
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{Document, Element};

    fn all(root: &Element, selector: &str) -> Vec<Element> {
        let Ok(list) = root.query_selector_all(selector) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|index| list.item(index)?.dyn_into::<Element>().ok())
            .collect()
    }

    fn text(root: &Element, selector: &str) -> Option<String> {
        root.query_selector(selector).ok().flatten()?.text_content()
    }

    /// Whether the prerendered episode under `root` has the shape the digest gives it: title,
    /// Key Points, sections with their titles, points and subsections.
    fn matches_digest(root: &Element, digest: &Digest) -> Result<(), String> {
        let differ = |what: &str| Err(format!("{what} differs from the digest"));
        if all(root, "article.episode").len() != 1 {
            return differ("the article");
        }
        if text(root, "h1.episode-title").as_deref() != Some(digest.title.as_str()) {
            return differ("the title");
        }
        if all(root, ".key-points > ul.points > li.point").len() != digest.key_points.len() {
            return differ("Key Points");
        }
        let sections = all(root, "section.section");
        if sections.len() != digest.sections.len() {
            return differ("the number of sections");
        }
        for (element, section) in sections.iter().zip(&digest.sections) {
            let same = text(element, ".section-text").as_deref() == Some(section.title.as_str())
                && all(element, ":scope > ul.points > li.point").len() == section.points.len()
                && all(element, ":scope > details.subsection").len() == section.subsections.len();
            if !same {
                return differ(&format!("section \"{}\"", section.title));
            }
        }
        Ok(())
    }

    fn data(document: &Document, id: &str) -> Option<String> {
        document.get_element_by_id(id)?.text_content()
    }

    /// Where the app renders the same episode itself: `?episode=<id>` at the app root, with the
    /// page's fragment.
    fn client_rendered(id: &str) -> String {
        let hash = location().hash().unwrap_or_default();
        format!("{ROOT}?episode={id}{hash}")
    }

    /// If `document` is a published episode page, takes it over (hydrates its episode with the
    /// component that rendered it) and returns `true`.
    pub fn hydrate_if_published(document: &Document) -> bool {
        let Some(root) = document
            .get_element_by_id(EPISODE_ROOT_ID)
            .and_then(|root| root.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return false;
        };
        let id = root.get_attribute("data-episode").unwrap_or_default();
        let digest = data(document, DIGEST_DATA_ID).and_then(|text| Digest::parse(&text).ok());
        let Some(digest) = digest else {
            // The page is readable as it is; the app can still render the episode on its own.
            let _ = location().replace(&client_rendered(&id));
            return true;
        };
        // A broken site.json falls back to defaults in the app too; the page was rendered from it.
        let site = data(document, SITE_DATA_ID)
            .map(|text| SiteConfig::parse(&text).0)
            .unwrap_or_default();
        let report = report_to(&site, &digest.id);
        let (digest, upgrade) = from_depth(digest, site.upgrade);
        let fallback = client_rendered(&digest.id);
        // Hydration adopts whatever elements it finds where it expects elements: an edited or
        // mangled page would be taken over wrongly, not refused. So the page's shape is checked
        // against the digest first; what slips through and breaks hydration panics, and the
        // crash hook falls back the same way.
        if let Err(difference) = matches_digest(&root, &digest) {
            crate::crash::fall_back(&fallback, &difference);
            return true;
        }
        crate::crash::while_taking_over(fallback, move || {
            leptos::mount::hydrate_from(root, move || {
                view! { <PublishedEpisode digest upgrade report /> }
            })
            .forget();
        });
        // Benchmarks and tests measure navigation start to this mark: the page answers the reader.
        if let Some(performance) = window().performance() {
            let _ = performance.mark("digest:interactive");
        }
        true
    }
}
