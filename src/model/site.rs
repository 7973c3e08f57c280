//! `site.json`: the brand, where digests live, which origins may be loaded, the upgrade offer.

use super::link::{http_or_mailto, Link, LinkError};
use super::problem::{parse_json, string_item, Fields, Problem};

/// The site's configuration, with built-in defaults for whatever is missing or broken.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteConfig {
    /// The brand shown in the header and the page title.
    pub name: String,
    /// Where `index.json` and the digests live, relative to the app root or absolute; ends with `/`.
    pub digests: String,
    /// Origins (`https://other.example`) from which `?src=` may load digests, besides the app's own.
    pub allowed_sources: Vec<String>,
    /// The upgrade offer; without it there is no banner.
    pub upgrade: Option<Upgrade>,
    /// Where the site is published, e.g. `https://example.org/reader/`: absolute http(s), no query
    /// or fragment, ends with `/`. Canonical links, link previews, the sitemap and the feeds need it.
    pub base_url: Option<Link>,
    /// Where readers report a wrong claim: the cleaned href of an http(s) or `mailto:` URL.
    pub report_url: Option<String>,
}

/// The upgrade offer shown at the end of an episode and in locked subsections.
#[derive(Clone, Debug, PartialEq)]
pub struct Upgrade {
    /// The main line.
    pub headline: String,
    /// The small print.
    pub detail: Option<String>,
    /// The call to action, if both its label and a safe URL are given.
    pub cta: Option<CallToAction>,
}

/// A labelled link.
#[derive(Clone, Debug, PartialEq)]
pub struct CallToAction {
    /// The button text.
    pub label: String,
    /// Where it goes.
    pub url: Link,
}

impl Default for SiteConfig {
    fn default() -> Self {
        Self {
            name: "Digests".to_string(),
            digests: "digests/".to_string(),
            allowed_sources: Vec::new(),
            upgrade: None,
            base_url: None,
            report_url: None,
        }
    }
}

impl SiteConfig {
    /// Reads `site.json`. Broken fields fall back to defaults one by one; the problems say which.
    pub fn parse(text: &str) -> (Self, Vec<Problem>) {
        let mut problems = Vec::new();
        let root = match parse_json(text) {
            Ok(root) => root,
            Err(err) => return (Self::default(), vec![Problem::new("", err.to_string())]),
        };
        let defaults = Self::default();
        let Some(mut fields) = Fields::of(&root, String::new(), &mut problems) else {
            return (defaults, problems);
        };
        let name = fields
            .opt_str("name")
            .filter(|name| !name.trim().is_empty())
            .unwrap_or(defaults.name);
        let digests = fields
            .opt_str("digests")
            .and_then(|dir| match Link::absolute_or_relative(&dir) {
                Ok(link) => Some(with_trailing_slash(link.href())),
                Err(err) => {
                    fields.problem("digests", err.to_string());
                    None
                }
            })
            .unwrap_or(defaults.digests);
        let allowed_sources = fields
            .opt_list("allowed_sources", string_item)
            .iter()
            .map(|origin| normalize_origin(origin))
            .collect();
        let upgrade = fields.get("upgrade").and_then(|value| {
            let path = fields.path_of("upgrade");
            read_upgrade(value, path, fields.problems())
        });
        let base_url = fields.opt_str("base_url").and_then(|text| {
            read_base_url(&text)
                .map_err(|message| fields.problem("base_url", message))
                .ok()
        });
        let report_url = fields.opt_str("report_url").and_then(|text| {
            read_report_url(&text)
                .map_err(|message| fields.problem("report_url", message))
                .ok()
        });
        let config = Self {
            name,
            digests,
            allowed_sources,
            upgrade,
            base_url,
            report_url,
        };
        (config, problems)
    }

    /// Whether `?src=` may load from `origin`: the app's own origin, or one listed in `allowed_sources`.
    pub fn allows_origin(&self, origin: &str, own_origin: &str) -> bool {
        let origin = normalize_origin(origin);
        origin != "null"
            && (origin == normalize_origin(own_origin) || self.allowed_sources.contains(&origin))
    }

    /// The URL of the library index, relative to the app root.
    pub fn index_url(&self) -> String {
        format!("{}index.json", self.digests)
    }

    /// The URL of an episode's digest, relative to the app root. `id` must already be a slug.
    pub fn digest_url(&self, id: &str) -> String {
        format!("{}{id}.json", self.digests)
    }

    /// `path`, relative to the site, as an absolute URL under `base_url` (`episodes/x/` ->
    /// `https://example.org/reader/episodes/x/`); `None` without `base_url`.
    ///
    /// A leading `/` is dropped rather than resolved against the host, so the result always stays
    /// under the site's own folder.
    pub fn absolute(&self, path: &str) -> Option<String> {
        let base = self.base_url.as_ref()?.href();
        Some(format!("{base}{}", path.trim_start_matches('/')))
    }
}

/// Reads `base_url`: stricter than a link, because sitemaps, feeds and link previews are read by
/// programs that do not repair URLs the way browsers do (`https:example.org`, `\`).
fn read_base_url(text: &str) -> Result<Link, String> {
    let link = Link::absolute(text).map_err(|err| err.to_string())?;
    let href = link.href();
    if href.contains(['?', '#']) {
        return Err("must not have a query (?) or a fragment (#)".to_string());
    }
    let authority_form = href.split_once(':').is_some_and(|(_, rest)| {
        rest.strip_prefix("//")
            .is_some_and(|after| !after.starts_with('/'))
    });
    if !authority_form || href.contains('\\') {
        return Err("must be written http(s)://host/path/".to_string());
    }
    Link::absolute(&with_trailing_slash(href)).map_err(|err| err.to_string())
}

/// Reads `report_url`: an http(s) page or a mailto: address, the only kinds a reader can act on.
fn read_report_url(text: &str) -> Result<String, &'static str> {
    http_or_mailto(text).map_err(|err| match err {
        LinkError::Scheme | LinkError::Relative => "not an http(s) or mailto: URL",
        LinkError::Host => "not an http(s) URL with a host name",
        LinkError::Empty => "must not be empty (an http(s) URL or mailto: with an address)",
    })
}

fn with_trailing_slash(dir: &str) -> String {
    if dir.ends_with('/') {
        dir.to_string()
    } else {
        format!("{dir}/")
    }
}

/// Lowercases an origin and drops a trailing slash, so `HTTPS://Other.Example/` matches.
fn normalize_origin(origin: &str) -> String {
    origin.trim().trim_end_matches('/').to_ascii_lowercase()
}

fn read_upgrade(
    value: &serde_json::Value,
    path: String,
    problems: &mut Vec<Problem>,
) -> Option<Upgrade> {
    let mut fields = Fields::of(value, path, problems)?;
    let headline = fields.non_empty_str("headline")?;
    let detail = fields.opt_str("detail");
    let label = fields.opt_str("cta_label");
    let url = fields
        .opt_str("cta_url")
        .and_then(|url| match Link::absolute_or_relative(&url) {
            Ok(link) => Some(link),
            Err(err) => {
                fields.problem("cta_url", err.to_string());
                None
            }
        });
    let cta = match (label, url) {
        (Some(label), Some(url)) if !label.trim().is_empty() => Some(CallToAction { label, url }),
        _ => None,
    };
    Some(Upgrade {
        headline,
        detail,
        cta,
    })
}
