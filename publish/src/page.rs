//! `episodes/<id>/index.html`: the episode's canonical URL, with the `<head>` that search engines
//! and link previews read (spec section 9).
//!
//! The body sends readers on to the app (`?episode=<id>`) and shows the episode's title and
//! summary meanwhile; prerendering the whole episode with the app's components replaces it.

use crate::urls::{html, Urls};
use digest_reader::model::{Digest, SiteConfig, SourceKind};
use serde_json::{json, Value};
use std::fmt::Write;

/// Longest meta description, in characters; search engines cut around here.
const DESCRIPTION_CHARS: usize = 200;

/// The whole page.
pub fn episode_page(
    digest: &Digest,
    site: &SiteConfig,
    urls: Option<&Urls>,
    has_chapters: bool,
) -> String {
    let app = format!("../../?episode={}", digest.id);
    let lang = digest.language.as_deref().unwrap_or("en");
    let mut out = format!("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n", html(lang));
    out.push_str(&head(digest, site, urls, has_chapters));
    let _ = writeln!(
        out,
        "<meta http-equiv=\"refresh\" content=\"0; url={}\">",
        html(&app)
    );
    out.push_str("</head>\n<body>\n<main>\n");
    let _ = writeln!(out, "<h1>{}</h1>", html(&digest.title));
    let _ = writeln!(out, "<p>{}</p>", html(&digest.source.line()));
    for paragraph in &digest.summary {
        let _ = writeln!(out, "<p>{}</p>", html(paragraph));
    }
    let _ = writeln!(
        out,
        "<p><a href=\"{}\">Read the digest on {}</a></p>",
        html(&app),
        html(&site.name)
    );
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The `<head>` content: title, description, canonical, Open Graph, Twitter card, JSON-LD and
/// the alternates (oEmbed, feeds, Markdown).
pub fn head(digest: &Digest, site: &SiteConfig, urls: Option<&Urls>, has_chapters: bool) -> String {
    let description = description(digest);
    let mut out = String::from(
        "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
    );
    let _ = writeln!(
        out,
        "<title>{} | {}</title>",
        html(&digest.title),
        html(&site.name)
    );
    let _ = writeln!(
        out,
        "<meta name=\"description\" content=\"{}\">",
        html(&description)
    );
    let _ = writeln!(
        out,
        "<link rel=\"alternate\" type=\"text/markdown\" href=\"index.md\" title=\"{} (Markdown)\">",
        html(&digest.title)
    );
    if has_chapters {
        out.push_str(
            "<link rel=\"chapters\" type=\"application/json+chapters\" href=\"chapters.json\">\n",
        );
    }
    let Some(urls) = urls else {
        return out;
    };
    let canonical = urls.episode(&digest.id);
    let mut meta = |property: &str, content: &str| {
        let _ = writeln!(
            out,
            "<meta property=\"{property}\" content=\"{}\">",
            html(content)
        );
    };
    meta("og:type", "article");
    meta("og:title", &digest.title);
    meta("og:description", &description);
    meta("og:url", &canonical);
    meta("og:site_name", &site.name);
    if let Some(image) = &digest.image {
        meta("og:image", image.href());
    }
    if let Some(language) = &digest.language {
        meta("og:locale", &language.replace('-', "_"));
    }
    meta(
        "article:published_time",
        &crate::dates::rfc3339(&digest.published),
    );
    let card = if digest.image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    let _ = writeln!(out, "<meta name=\"twitter:card\" content=\"{card}\">");
    let _ = writeln!(
        out,
        "<link rel=\"canonical\" href=\"{}\">",
        html(&canonical)
    );
    let _ = writeln!(
        out,
        "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{}\" title=\"{}\">",
        html(&urls.at(&format!("episodes/{}/oembed.json", digest.id))),
        html(&digest.title)
    );
    let _ = writeln!(
        out,
        "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"{}\" title=\"{}\">",
        html(&urls.at("feed.xml")),
        html(&site.name)
    );
    let _ = writeln!(
        out,
        "<link rel=\"alternate\" type=\"application/feed+json\" href=\"{}\" title=\"{}\">",
        html(&urls.at("feed.json")),
        html(&site.name)
    );
    let _ = writeln!(
        out,
        "<script type=\"application/ld+json\">{}</script>",
        script_safe(&json_ld(digest, site, urls, &description))
    );
    out
}

/// The summary's start, cut at a word within [`DESCRIPTION_CHARS`].
pub fn description(digest: &Digest) -> String {
    let text = digest
        .summary
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if text.chars().count() <= DESCRIPTION_CHARS {
        return text;
    }
    let cut: String = text.chars().take(DESCRIPTION_CHARS - 1).collect();
    let at_word = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", at_word.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// The JSON-LD `Article`, `isBasedOn` the original.
pub fn json_ld(digest: &Digest, site: &SiteConfig, urls: &Urls, description: &str) -> Value {
    let canonical = urls.episode(&digest.id);
    let source = &digest.source;
    let original_type = match source.kind {
        Some(SourceKind::Podcast) => "PodcastEpisode",
        Some(SourceKind::Video) => "VideoObject",
        Some(SourceKind::Article) => "Article",
        None => "CreativeWork",
    };
    let mut original = json!({
        "@type": original_type,
        "name": source.title,
        "author": { "@type": "Organization", "name": source.channel },
    });
    if let Some(object) = original.as_object_mut() {
        if let Some(url) = &source.url {
            object.insert("url".into(), json!(url.href()));
        }
        if let Some(seconds) = source.duration_seconds {
            object.insert("duration".into(), json!(format!("PT{seconds}S")));
        }
    }
    let mut article = json!({
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": digest.title,
        "description": description,
        "datePublished": crate::dates::rfc3339(&digest.published),
        "url": canonical,
        "mainEntityOfPage": canonical,
        "publisher": { "@type": "Organization", "name": site.name, "url": urls.home() },
        "isBasedOn": original,
    });
    if let Some(object) = article.as_object_mut() {
        if let Some(image) = &digest.image {
            object.insert("image".into(), json!(image.href()));
        }
        if let Some(language) = &digest.language {
            object.insert("inLanguage".into(), json!(language));
        }
        if !digest.tags.is_empty() {
            object.insert("keywords".into(), json!(digest.tags));
        }
        if let Some(generated) = &digest.generated {
            object.insert(
                "creator".into(),
                json!({ "@type": "SoftwareApplication", "name": generated.by }),
            );
        }
    }
    article
}

/// JSON inside `<script>`: `<` escaped, so no text can close the element.
fn script_safe(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
