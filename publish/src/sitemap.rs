//! `sitemap.xml` (a sitemap index past 50,000 URLs) and `robots.txt`.

use crate::dates::utc;
use crate::urls::{xml, Urls};
use digest_reader::model::IndexEntry;
use std::fmt::Write;

/// The sitemap protocol's limit of URLs per file.
pub const URLS_PER_SITEMAP: usize = 50_000;

/// The sitemap files to write, `(relative path, content)`: one `sitemap.xml` listing the library
/// and every episode page, or, past the limit, `sitemap.xml` as an index of `sitemap-<n>.xml`.
pub fn sitemaps(episodes: &[IndexEntry], urls: &Urls) -> Vec<(String, String)> {
    let mut entries: Vec<(String, Option<String>)> = Vec::with_capacity(episodes.len() + 1);
    let newest = episodes.first().map(|entry| utc(&entry.published).date());
    entries.push((urls.home().to_string(), newest));
    entries.extend(
        episodes
            .iter()
            .map(|entry| (urls.episode(&entry.id), Some(utc(&entry.published).date()))),
    );
    if entries.len() <= URLS_PER_SITEMAP {
        return vec![("sitemap.xml".to_string(), urlset(&entries))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (number, chunk) in entries.chunks(URLS_PER_SITEMAP).enumerate() {
        let name = format!("sitemap-{}.xml", number + 1);
        let _ = writeln!(
            index,
            "<sitemap><loc>{}</loc></sitemap>",
            xml(&urls.at(&name))
        );
        files.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.push(("sitemap.xml".to_string(), index));
    files
}

fn urlset(entries: &[(String, Option<String>)]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (loc, lastmod) in entries {
        let _ = write!(out, "<url><loc>{}</loc>", xml(loc));
        if let Some(date) = lastmod {
            let _ = write!(out, "<lastmod>{date}</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt`: everything may be crawled; the sitemap's address when it is known. (Crawlers
/// read it only at a host's root: under a sub-path, copy its `Sitemap:` line into the root's.)
pub fn robots(urls: Option<&Urls>) -> String {
    let mut out = String::from("User-agent: *\nAllow: /\n");
    if let Some(urls) = urls {
        let _ = writeln!(out, "Sitemap: {}", urls.at("sitemap.xml"));
    }
    out
}
