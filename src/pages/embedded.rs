//! A script embed: the compact episode view for one `data-digest` element on someone else's page.

use super::episode_view::{EpisodeView, Mode};
use crate::fetch::{resolve, resolve_digest};
use crate::load::load_site;
use crate::model::is_slug;
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
