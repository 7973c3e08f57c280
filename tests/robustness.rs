//! No input makes the parsers panic: arbitrary text, arbitrary JSON, and mutations of real digests
//! all end in a value or a typed error.
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/payloads.rs"]
mod payloads;

use digest_reader::model::{Digest, Library, Link, SiteConfig};
use digest_reader::route::{library_query, Anchor, Route};
use proptest::prelude::*;
use serde_json::Value;

const SEED: &str = include_str!("../public/digests/deepseek-stole-our-tech.json");
const INDEX: &str = include_str!("../public/digests/index.json");

fn parse_everything(text: &str) {
    let _ = Digest::parse(text);
    let _ = Library::parse(text);
    let _ = SiteConfig::parse(text);
}

/// Any JSON value, nested a few levels, with keys the format uses so validation goes deep.
fn json_value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("format".to_string()),
        Just("id".to_string()),
        Just("title".to_string()),
        Just("source".to_string()),
        Just("sections".to_string()),
        Just("subsections".to_string()),
        Just("points".to_string()),
        Just("key_points".to_string()),
        Just("at_seconds".to_string()),
        Just("url".to_string()),
        Just("published".to_string()),
        Just("episodes".to_string()),
        Just("locked".to_string()),
        Just("upgrade".to_string()),
        "[a-z_]{1,8}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,20}".prop_map(Value::String),
        Just(Value::String("digest/v1".into())),
        Just(Value::String("digest-index/v1".into())),
        Just(Value::String("2025-01-29".into())),
    ];
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..8)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,400}") {
        parse_everything(&text);
        let _ = Link::absolute_or_relative(&text);
        let _ = Route::from_query(&text);
        let _ = library_query(&text);
        let _ = Anchor::from_hash(&text);
    }

    #[test]
    fn arbitrary_json_never_panics(value in json_value()) {
        parse_everything(&value.to_string());
    }

    /// Past the format check, where field validation starts: arbitrary objects rarely say
    /// `"format": "digest/v1"` by chance, so it is set.
    #[test]
    fn arbitrary_json_that_claims_the_digest_format_never_panics(value in json_value()) {
        let mut value = value;
        if let Value::Object(map) = &mut value {
            map.insert("format".into(), Value::String("digest/v1".into()));
        }
        let _ = Digest::parse(&value.to_string());
    }

    #[test]
    fn mutated_real_documents_never_panic(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..12),
        which in 0usize..2,
    ) {
        let mut bytes = [SEED, INDEX][which].as_bytes().to_vec();
        for (at, byte, kind) in edits {
            let i = at.index(bytes.len().max(1));
            match kind {
                0 if i < bytes.len() => bytes[i] = byte,
                1 if i < bytes.len() => { bytes.remove(i); }
                _ => bytes.insert(i.min(bytes.len()), byte),
            }
        }
        parse_everything(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn hostile_strings_and_urls_in_every_field_are_read_or_refused() {
    let seed: Value = serde_json::from_str(SEED).unwrap();
    let strings = payloads::XSS
        .iter()
        .chain(payloads::UNSAFE_URLS)
        .chain(naughty_strings::BLNS);
    let mut refused_urls = 0;
    for text in strings {
        let mut digest = seed.clone();
        digest["title"] = Value::from(*text);
        digest["summary"] = Value::from(*text);
        digest["sections"][1]["points"][0] = Value::from(*text);
        digest["source"]["url"] = Value::from(*text);
        digest["full_content_url"] = Value::from(*text);
        match Digest::parse(&digest.to_string()) {
            Ok(parsed) => {
                assert_eq!(parsed.title, *text);
                let url = parsed
                    .source
                    .url
                    .map(|u| u.href().to_ascii_lowercase())
                    .unwrap_or_default();
                assert!(
                    url.starts_with("http://") || url.starts_with("https://"),
                    "{text:?} -> {url}"
                );
            }
            Err(_) => refused_urls += 1,
        }
    }
    assert!(refused_urls >= payloads::UNSAFE_URLS.len());
}
