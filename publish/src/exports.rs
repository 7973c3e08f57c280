//! Per-episode files besides the page: the oEmbed answer and Podcasting 2.0 chapters.

use crate::urls::{html, Urls};
use digest_reader::model::{Digest, SiteConfig};
use serde_json::{json, Value};

/// The size the iframe embed is offered at; the compact view reports its real height to hosts
/// that listen (`digest:resize`).
pub const EMBED_WIDTH: u32 = 640;
/// See [`EMBED_WIDTH`].
pub const EMBED_HEIGHT: u32 = 600;

/// `episodes/<id>/oembed.json`: an oEmbed 1.0 `rich` answer whose `html` is the iframe embed.
pub fn oembed(digest: &Digest, site: &SiteConfig, urls: &Urls) -> Value {
    let frame = format!(
        "<iframe src=\"{}\" width=\"{EMBED_WIDTH}\" height=\"{EMBED_HEIGHT}\" title=\"{}\" loading=\"lazy\"></iframe>",
        html(&urls.embed(&digest.id)),
        html(&digest.title),
    );
    json!({
        "version": "1.0",
        "type": "rich",
        "title": digest.title,
        "provider_name": site.name,
        "provider_url": urls.home(),
        "html": frame,
        "width": EMBED_WIDTH,
        "height": EMBED_HEIGHT,
        "cache_age": 86_400,
    })
}

/// `episodes/<id>/chapters.json`: Podcasting 2.0 JSON chapters from the sections that say where
/// they start in the original, in time order. `None` when no section does.
pub fn chapters(digest: &Digest, urls: Option<&Urls>) -> Option<Value> {
    let mut chapters: Vec<(f64, Value)> = digest
        .sections
        .iter()
        .enumerate()
        .filter_map(|(index, section)| {
            let start = section.at_seconds?;
            let title = match &section.emoji {
                Some(emoji) => format!("{emoji} {}", section.title),
                None => section.title.clone(),
            };
            let mut chapter = json!({ "startTime": start, "title": title });
            if let (Some(urls), Some(object)) = (urls, chapter.as_object_mut()) {
                let url = format!("{}#section-{}", urls.episode(&digest.id), index + 1);
                object.insert("url".to_string(), Value::String(url));
            }
            Some((start, chapter))
        })
        .collect();
    if chapters.is_empty() {
        return None;
    }
    chapters.sort_by(|a, b| a.0.total_cmp(&b.0));
    let list: Vec<Value> = chapters.into_iter().map(|(_, chapter)| chapter).collect();
    Some(json!({ "version": "1.2.0", "chapters": list }))
}
