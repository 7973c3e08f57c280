//! `episodes/<id>/index.html`: the episode's canonical URL. Its body is the episode rendered by
//! the app's own components (the browser's app then takes it over); its `<head>` is what search
//! engines and link previews read (spec section 9), plus the app's assets.

use crate::urls::{html, Urls};
use digest_reader::model::{Digest, SiteConfig, SourceKind};
use digest_reader::published::page::{body_html, Neighbour};
use digest_reader::published::{DIGEST_DATA_ID, ROOT, SITE_DATA_ID};
use serde::Deserialize;
use serde_json::{json, Value};
use std::fmt::Write;
use std::path::Path;

/// Longest meta description, in characters; search engines cut around here.
const DESCRIPTION_CHARS: usize = 200;

/// One file of the built app, with its Subresource Integrity hash.
#[derive(Clone, Debug, Deserialize)]
pub struct Asset {
    /// Its path from the app root.
    pub href: String,
    /// `sha384-…`.
    pub integrity: String,
}

/// The assets a published page links, as the app's build lists them in `app.json`.
#[derive(Clone, Debug, Deserialize)]
pub struct AppAssets {
    /// The stylesheet.
    pub stylesheet: Asset,
    /// The take-over module's loader (the `hydrate/` crate): loads its WebAssembly, which
    /// hydrates the episode.
    pub published: Asset,
    /// The reader's display choices (`src/reader.js`): a classic script in `<head>` that blocks
    /// rendering, not parsing (`defer blocking="render"`), so the remembered theme and text size
    /// apply before the first paint while the episode's HTML is still read in the meantime.
    pub reader: Asset,
    /// The favicon.
    pub icon: String,
}

impl AppAssets {
    /// Reads `app.json` of a built app.
    pub fn read(app: &Path) -> Result<Self, String> {
        let path = app.join("app.json");
        let text = std::fs::read_to_string(&path).map_err(|err| {
            format!("{}: {err} (an app built before publishing existed? rebuild it with trunk build --release --offline)", path.display())
        })?;
        serde_json::from_str(&text).map_err(|err| format!("{}: {err}", path.display()))
    }

    /// What of these assets ends up in a page: a change to any of them changes every page.
    pub fn fingerprint(&self) -> String {
        [
            &self.stylesheet.href,
            &self.stylesheet.integrity,
            &self.published.href,
            &self.published.integrity,
            &self.reader.href,
            &self.reader.integrity,
            &self.icon,
        ]
        .map(String::as_str)
        .join("\n")
    }
}

/// Everything an episode page is made of.
pub struct PageInput<'a> {
    /// The digest.
    pub digest: &'a Digest,
    /// The digest's file as published: it travels in the page for the take-over.
    pub digest_bytes: &'a [u8],
    /// The site.
    pub site: &'a SiteConfig,
    /// `site.json` as published.
    pub site_bytes: &'a [u8],
    /// The site's absolute URLs, with `base_url`.
    pub urls: Option<&'a Urls>,
    /// Whether `chapters.json` is written beside it.
    pub has_chapters: bool,
    /// The app's assets.
    pub assets: &'a AppAssets,
    /// The newer neighbour in library order.
    pub previous: Option<Neighbour>,
    /// The older neighbour in library order.
    pub next: Option<Neighbour>,
}

/// The whole page.
pub fn episode_page(input: PageInput<'_>) -> String {
    let digest = input.digest;
    let lang = digest.language.as_deref().unwrap_or("en");
    let mut out = format!("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n", html(lang));
    out.push_str(&head(digest, input.site, input.urls, input.has_chapters));
    let assets = input.assets;
    let _ = write!(
        out,
        "<meta name=\"color-scheme\" content=\"light dark\">\n\
         <meta name=\"digest-reader\" content=\"app\">\n\
         <link rel=\"icon\" href=\"{ROOT}{}\" type=\"image/svg+xml\">\n\
         <link rel=\"manifest\" href=\"{ROOT}manifest.webmanifest\">\n\
         <link rel=\"stylesheet\" href=\"{ROOT}{}\" integrity=\"{}\">\n\
         <script defer blocking=\"render\" src=\"{ROOT}{}\" integrity=\"{}\" crossorigin=\"anonymous\"></script>\n\
         <script type=\"module\" src=\"{ROOT}{}\" integrity=\"{}\" crossorigin=\"anonymous\"></script>\n",
        html(&assets.icon),
        html(&assets.stylesheet.href),
        html(&assets.stylesheet.integrity),
        html(&assets.reader.href),
        html(&assets.reader.integrity),
        html(&assets.published.href),
        html(&assets.published.integrity),
    );
    out.push_str("</head>\n<body>");
    // Not reformatted: the take-over walks this markup node by node.
    out.push_str(&body_html(
        input.site,
        digest.clone(),
        input.previous,
        input.next,
    ));
    let _ = write!(
        out,
        "\n<script type=\"application/json\" id=\"{DIGEST_DATA_ID}\">{}</script>\n\
         <script type=\"application/json\" id=\"{SITE_DATA_ID}\">{}</script>\n</body>\n</html>\n",
        data_block(input.digest_bytes),
        data_block(input.site_bytes),
    );
    out
}

/// JSON as the content of a `<script type="application/json">`: every `<` written as `\u003c`
/// (valid JSON, since in valid JSON `<` only occurs inside strings), so nothing can close the
/// element or open a comment.
fn data_block(json: &[u8]) -> String {
    String::from_utf8_lossy(json).replace('<', "\\u003c")
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
            "<link rel=\"alternate\" type=\"application/json+chapters\" href=\"chapters.json\" title=\"Chapters\">\n",
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
