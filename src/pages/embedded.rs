//! A script embed: the compact episode view for one `data-digest` element on someone else's page.

use super::episode::{EpisodeView, Mode};
use super::load::load_site;
use crate::fetch::{resolve, resolve_digest};
use crate::model::{is_slug, Digest, Link, Upgrade};
use crate::route::Anchor;
use leptos::prelude::*;

/// The compact view of the digest at `digest_url`, with the site configuration of the reader at
/// `app_root`. It touches nothing outside its own element: no title, history, URL or global listeners.
#[component]
pub fn EmbeddedEpisode(
    /// The digest, as the host page's `data-digest` gives it (resolved against the host page).
    digest_url: String,
    /// The reader's root URL, where `site.json` and the full reader are (ends with `/`).
    app_root: String,
) -> impl IntoView {
    let site_url = resolve("site.json", &app_root)
        .map(|url| url.href())
        .unwrap_or_default();
    let site = LocalResource::new(move || load_site(site_url.clone()));
    let base = document().base_uri().ok().flatten().unwrap_or_default();
    let url = resolve_digest(&digest_url, &base).map(|url| url.href());
    let anchor = Signal::stored(None::<Anchor>);
    view! {
        <div class="app app--embed">
            {move || {
                site.get()
                    .map(|site| {
                        let read_on = url.as_ref().ok().map(|url| read_on_href(&app_root, &site.digests, url));
                        let mode = Mode::Script { read_on, app_root: app_root.clone() };
                        view! { <EpisodeView site url=url.clone() mode anchor /> }
                    })
            }}
        </div>
    }
}

/// The digest and the site's offer with their relative links (full content, call to action)
/// made absolute from `base`, the reader's root: in a script embed the document is the host's.
pub(super) fn reader_links(
    mut digest: Digest,
    mut upgrade: Option<Upgrade>,
    base: &str,
) -> (Digest, Option<Upgrade>) {
    digest.full_content_url = digest.full_content_url.map(|link| anchored(link, base));
    if let Some(cta) = upgrade.as_mut().and_then(|upgrade| upgrade.cta.as_mut()) {
        cta.url = anchored(cta.url.clone(), base);
    }
    (digest, upgrade)
}

/// A relative link resolved against `base`; absolute ones, and any that fail to resolve to a safe
/// link, stay as they are.
fn anchored(link: Link, base: &str) -> Link {
    if !link.is_relative() {
        return link;
    }
    resolve(link.href(), base)
        .and_then(|url| Link::absolute(&url.href()).ok())
        .unwrap_or(link)
}

/// The full reader's link for a digest: `?episode=<id>` for one of the site's own, `?src=` otherwise.
fn read_on_href(app_root: &str, digests: &str, digest_url: &str) -> String {
    let own = resolve(digests, app_root).and_then(|dir| {
        let dir = dir.href();
        let id = digest_url
            .strip_prefix(dir.as_str())?
            .strip_suffix(".json")?;
        is_slug(id).then(|| id.to_string())
    });
    let query = match own {
        Some(id) => format!("?episode={id}"),
        None => format!(
            "?src={}",
            String::from(js_sys::encode_uri_component(digest_url))
        ),
    };
    resolve(&query, app_root)
        .map(|url| url.href())
        .unwrap_or_default()
}
