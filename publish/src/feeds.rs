//! `feed.xml` (RSS 2.0) and `feed.json` (JSON Feed 1.1) of the newest episodes.
//!
//! Both are built from the episodes alone (no clock), so publishing the same digests twice writes
//! the same bytes and the incremental run leaves them untouched.

use crate::dates::{rfc3339, utc};
use crate::urls::{xml, Urls};
use digest_reader::model::{Digest, SiteConfig};
use serde_json::{json, Value};
use std::fmt::Write;

/// How many episodes the feeds carry unless the publisher says otherwise.
pub const FEED_SIZE: usize = 50;

fn description(site: &SiteConfig) -> String {
    format!("Episode digests published by {}", site.name)
}

fn summary(digest: &Digest) -> String {
    digest.summary.join("\n\n")
}

/// RSS 2.0 of `newest` (already newest first).
pub fn rss(newest: &[&Digest], site: &SiteConfig, urls: &Urls) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n",
    );
    let _ = writeln!(out, "<title>{}</title>", xml(&site.name));
    let _ = writeln!(out, "<link>{}</link>", xml(urls.home()));
    let _ = writeln!(
        out,
        "<description>{}</description>",
        xml(&description(site))
    );
    let _ = writeln!(
        out,
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>",
        xml(&urls.at("feed.xml"))
    );
    out.push_str("<generator>digest-site</generator>\n");
    if let Some(latest) = newest.first() {
        let _ = writeln!(
            out,
            "<lastBuildDate>{}</lastBuildDate>",
            utc(&latest.published).rfc822()
        );
    }
    for digest in newest {
        let link = xml(&urls.episode(&digest.id));
        out.push_str("<item>\n");
        let _ = writeln!(out, "<title>{}</title>", xml(&digest.title));
        let _ = writeln!(out, "<link>{link}</link>");
        let _ = writeln!(out, "<guid isPermaLink=\"true\">{link}</guid>");
        let _ = writeln!(
            out,
            "<pubDate>{}</pubDate>",
            utc(&digest.published).rfc822()
        );
        let _ = writeln!(out, "<description>{}</description>", xml(&summary(digest)));
        for tag in &digest.tags {
            let _ = writeln!(out, "<category>{}</category>", xml(tag));
        }
        out.push_str("</item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

/// JSON Feed 1.1 of `newest` (already newest first).
pub fn json_feed(newest: &[&Digest], site: &SiteConfig, urls: &Urls) -> Value {
    let items: Vec<Value> = newest
        .iter()
        .map(|digest| {
            let url = urls.episode(&digest.id);
            let mut item = json!({
                "id": url,
                "url": url,
                "title": digest.title,
                "content_text": summary(digest),
                "date_published": rfc3339(&digest.published),
            });
            if let Some(object) = item.as_object_mut() {
                if !digest.tags.is_empty() {
                    object.insert("tags".into(), json!(digest.tags));
                }
                if let Some(image) = &digest.image {
                    object.insert("image".into(), json!(image.href()));
                }
                if let Some(source) = &digest.source.url {
                    object.insert("external_url".into(), json!(source.href()));
                }
                if let Some(language) = &digest.language {
                    object.insert("language".into(), json!(language));
                }
            }
            item
        })
        .collect();
    json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": site.name,
        "description": description(site),
        "home_page_url": urls.home(),
        "feed_url": urls.at("feed.json"),
        "items": items,
    })
}
