//! `site.json`: the brand, where digests live, which origins may be loaded, the upgrade offer.

use super::link::Link;
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
        let config = Self {
            name,
            digests,
            allowed_sources,
            upgrade,
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
