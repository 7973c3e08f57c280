//! `src/prefetch.js` starts the digest request before the app runs, so it repeats three of the
//! app's rules in JavaScript. These tests hold each copy equal to the Rust rule it copies: a change
//! on one side alone fails here instead of silently wasting (or never adopting) the prefetch.
//! tests/e2e/prefetch.test.mjs runs the script itself on the same table of ids.
#![cfg(not(target_arch = "wasm32"))]

use digest_reader::fetch::TIMEOUT_SECONDS;
use digest_reader::model::{is_slug, SiteConfig};

const PREFETCH: &str = include_str!("../src/prefetch.js");

/// The text between `var <name> = ` and the `;` that ends its line.
fn constant(name: &str) -> &'static str {
    let start = format!("var {name} = ");
    let line = PREFETCH
        .lines()
        .map(str::trim)
        .find(|line| line.starts_with(&start))
        .unwrap_or_else(|| panic!("prefetch.js has no `{start}`"));
    let value = &line[start.len()..];
    let end = value
        .find(';')
        .unwrap_or_else(|| panic!("`{line}` has no `;`"));
    &value[..end]
}

/// prefetch.js's `EPISODE_ID`, a JavaScript regex literal without flags, as a Rust regex (the
/// pattern uses only syntax that both read the same way: a class, a count, anchors).
fn episode_id_pattern() -> regex::Regex {
    let literal = constant("EPISODE_ID");
    let pattern = literal
        .strip_prefix('/')
        .and_then(|rest| rest.strip_suffix('/'))
        .unwrap_or_else(|| panic!("EPISODE_ID is not a flagless regex literal: {literal}"));
    regex::Regex::new(pattern).unwrap()
}

/// The shared table of ids (tests/fixtures/episode-ids.json): `(valid, invalid)`.
fn id_table() -> (Vec<String>, Vec<String>) {
    let table: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/episode-ids.json")).unwrap();
    let list = |key: &str| -> Vec<String> {
        table[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|id| id.as_str().unwrap().to_string())
            .collect()
    };
    (list("valid"), list("invalid"))
}

#[test]
fn the_episode_id_rule_is_the_apps() {
    let pattern = episode_id_pattern();
    let (valid, invalid) = id_table();
    assert!(valid.len() > 3 && invalid.len() > 3);
    for id in &valid {
        assert!(is_slug(id), "model::is_slug refuses {id:?}");
        assert!(pattern.is_match(id), "prefetch.js refuses {id:?}");
    }
    for id in &invalid {
        assert!(!is_slug(id), "model::is_slug accepts {id:?}");
        assert!(!pattern.is_match(id), "prefetch.js accepts {id:?}");
    }
}

#[test]
fn the_digest_is_fetched_from_the_default_folder() {
    assert_eq!(
        constant("DIGESTS"),
        format!("'{}'", SiteConfig::default().digests)
    );
    // The URL is built as the app builds it: folder, id, `.json`.
    assert!(PREFETCH.contains("new URL(DIGESTS + id + '.json', location.href)"));
    assert_eq!(
        SiteConfig::default().digest_url("some-id"),
        format!("{}some-id.json", SiteConfig::default().digests)
    );
}

#[test]
fn the_backstop_waits_as_long_as_the_apps_deadline() {
    assert_eq!(
        constant("TIMEOUT_MS"),
        (u64::from(TIMEOUT_SECONDS) * 1000).to_string()
    );
    assert!(PREFETCH.contains("delete window.digestReaderPrefetch;\n  }, TIMEOUT_MS);"));
}
