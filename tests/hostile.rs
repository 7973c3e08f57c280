//! Hostile content in the browser: script payloads and the Big List of Naughty Strings in every
//! text field are shown literally, run nothing and create no elements; unsafe URLs never become links.
#![cfg(target_arch = "wasm32")]

#[path = "common/payloads.rs"]
mod payloads;

use digest_reader::components::{Episode, EpisodeCard};
use digest_reader::model::search::Terms;
use digest_reader::model::{Digest, Library, Link, ParseError, SiteConfig};
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// Elements that no text field may ever produce (the reader draws one svg of its own, the lock of
/// a locked subsection).
const FOREIGN: &str = "script, img, svg:not(.lock-icon), iframe, object, embed, style, link, meta, base, form, input, video, math, marquee, template, noscript, body";

/// The reader renders each subsection as a `<details>` with its `<summary>`, so these two are
/// checked by count: `digest_with` has two subsections, and no text may add a third.
fn assert_only_the_subsections(root: &HtmlElement, text: &str) {
    let count = |selector: &str| root.query_selector_all(selector).unwrap().length();
    assert_eq!(count("details"), 2, "{text:?} created a details element");
    assert_eq!(count("summary"), 2, "{text:?} created a summary element");
    assert_eq!(
        count("details.subsection > summary.subsection-toggle:first-child"),
        2,
        "{text:?}"
    );
}

fn strings() -> Vec<&'static str> {
    payloads::XSS
        .iter()
        .copied()
        .chain(naughty_strings::BLNS.iter().copied())
        .collect()
}

fn trap() {
    // A payload that ran would set this flag or open a dialog; dialogs are turned into the flag.
    let _ = js_sys::eval("window.__pwned = undefined; window.alert = window.confirm = window.prompt = () => { window.__pwned = 'dialog'; };");
}

fn pwned() -> bool {
    js_sys::Reflect::get(&window(), &"__pwned".into())
        .map(|value| !value.is_undefined())
        .unwrap_or(true)
}

fn container() -> HtmlElement {
    let element = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&element).unwrap();
    element.unchecked_into()
}

fn digest_with(text: &str) -> serde_json::Value {
    json!({
        "format": "digest/v1", "id": "hostile", "published": "2025-01-29",
        "title": text,
        "source": { "channel": text, "title": text, "url": "https://www.youtube.com/watch?v=x" },
        "summary": text,
        "key_points": [text, { "text": text, "at_seconds": 3 }],
        "sections": [{ "emoji": text, "title": text, "points": [text],
            "subsections": [{ "title": text, "points": [text] }, { "title": text, "locked": true }] }],
        "tags": [text]
    })
}

#[wasm_bindgen_test]
async fn every_text_field_shows_hostile_strings_literally() {
    trap();
    let upgrade = SiteConfig::parse(include_str!("../public/site.json"))
        .0
        .upgrade;
    let mut shown = 0;
    for text in strings() {
        let digest = match Digest::parse(&digest_with(text).to_string()) {
            Ok(digest) => digest,
            // Blank titles are refused by validation, which is right; nothing is shown.
            Err(ParseError::Invalid(_)) if text.trim().is_empty() => continue,
            Err(err) => panic!("{text:?}: {err}"),
        };
        let root = container();
        let upgrade = upgrade.clone();
        let handle = mount_to(root.clone(), move || view! { <Episode digest upgrade /> });
        tick().await;
        // Open the subsections, so their points render too.
        let toggles = root
            .query_selector_all("summary.subsection-toggle")
            .unwrap();
        assert_eq!(toggles.length(), 2);
        for i in 0..toggles.length() {
            toggles
                .item(i)
                .unwrap()
                .unchecked_into::<HtmlElement>()
                .click();
        }
        tick().await;
        assert_eq!(
            root.query_selector_all("details.subsection[open]")
                .unwrap()
                .length(),
            2
        );
        let h1 = root.query_selector("h1").unwrap().unwrap();
        assert_eq!(h1.text_content().unwrap(), text, "title shown literally");
        let section = root.query_selector(".section-text").unwrap().unwrap();
        assert_eq!(
            section.text_content().unwrap(),
            text,
            "section title shown literally"
        );
        let point = root
            .query_selector(".subsection-body li.point")
            .unwrap()
            .unwrap();
        assert!(
            point.text_content().unwrap().starts_with(text),
            "point shown literally"
        );
        assert_eq!(
            root.query_selector_all(FOREIGN).unwrap().length(),
            0,
            "{text:?} created elements"
        );
        assert_only_the_subsections(&root, text);
        assert!(!pwned(), "{text:?} ran script");
        drop(handle);
        root.remove();
        shown += 1;
    }
    assert!(shown > 500, "only {shown} strings were shown");
}

#[wasm_bindgen_test]
async fn library_cards_and_the_upgrade_offer_show_hostile_strings_literally() {
    trap();
    for text in strings().into_iter().filter(|text| !text.trim().is_empty()) {
        let index = json!({ "format": "digest-index/v1", "episodes": [{
            "id": "hostile", "title": text, "published": "2025-01-29",
            "source": { "channel": text, "title": text }, "summary": text, "tags": [text] }] });
        let entry = Library::parse(&index.to_string())
            .unwrap()
            .episodes
            .remove(0);
        let (site, _) = SiteConfig::parse(&json!({ "name": text, "upgrade": {
            "headline": text, "detail": text, "cta_label": text, "cta_url": "https://example.org/plus" } }).to_string());
        let digest = Digest::parse(&digest_with("A title").to_string()).unwrap();
        let root = container();
        let terms = Terms::anywhere(vec![text.to_lowercase()]);
        let handle = mount_to(root.clone(), move || {
            view! {
                <ol><EpisodeCard entry terms tag_href=|_| "?".to_string() on_open=Callback::new(|()| {}) /></ol>
                <Episode digest upgrade=site.upgrade />
            }
        });
        tick().await;
        let title = root.query_selector(".card-title a").unwrap().unwrap();
        assert_eq!(title.text_content().unwrap(), text);
        let headline = root
            .query_selector(".upgrade-banner .upgrade-headline")
            .unwrap()
            .unwrap();
        assert_eq!(headline.text_content().unwrap(), text);
        // Highlight marks are the only elements the search adds.
        let foreign = root.query_selector_all(FOREIGN).unwrap().length();
        assert_eq!(foreign, 0, "{text:?} created elements");
        assert_only_the_subsections(&root, text);
        assert!(!pwned(), "{text:?} ran script");
        drop(handle);
        root.remove();
    }
}

#[wasm_bindgen_test]
fn unsafe_urls_never_become_links() {
    for url in payloads::UNSAFE_URLS {
        assert!(Link::absolute(url).is_err(), "{url:?} accepted as absolute");
        assert!(
            Link::absolute_or_relative(url).is_err(),
            "{url:?} accepted as relative"
        );
        let mut digest = digest_with("x");
        digest["source"]["url"] = json!(url);
        assert!(matches!(
            Digest::parse(&digest.to_string()),
            Err(ParseError::Invalid(_))
        ));
    }
}

#[wasm_bindgen_test]
fn every_accepted_link_is_http_for_the_browser_too() {
    // Whatever the model accepts, the browser's own URL parser must also read as http(s):
    // the model's scheme check and the browser's may never disagree.
    let base = "https://reader.example/app/";
    let candidates = payloads::UNSAFE_URLS
        .iter()
        .copied()
        .chain(naughty_strings::BLNS.iter().copied())
        .chain([
            "https://ok.example/a",
            "//ok.example/b",
            "full/c.html",
            "/\\ok.example",
            "?q=1",
            "#x",
        ]);
    let anchor: web_sys::HtmlAnchorElement =
        document().create_element("a").unwrap().unchecked_into();
    let mut accepted = 0;
    for candidate in candidates {
        if let Ok(link) = Link::absolute_or_relative(candidate) {
            let resolved = web_sys::Url::new_with_base(link.href(), base);
            if let Ok(resolved) = resolved {
                assert!(
                    matches!(resolved.protocol().as_str(), "http:" | "https:"),
                    "{candidate:?} -> {}",
                    resolved.href()
                );
            }
            anchor.set_href(link.href());
            assert!(
                matches!(anchor.protocol().as_str(), "http:" | "https:" | ":"),
                "{candidate:?} as href"
            );
            accepted += 1;
        }
    }
    assert!(accepted > 100);
}

#[wasm_bindgen_test]
async fn a_crash_replaces_every_embed_with_a_reload_message() {
    let host = document().create_element("div").unwrap();
    host.set_attribute("data-digest", "x.json").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let init = web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open);
    let shadow = host.attach_shadow(&init).unwrap();
    let root = document().create_element("div").unwrap();
    root.set_class_name("embed-root");
    root.set_text_content(Some("an embed"));
    shadow.append_child(&root).unwrap();
    let bystander = document().create_element("p").unwrap();
    bystander.set_text_content(Some("host content"));
    document().body().unwrap().append_child(&bystander).unwrap();

    digest_reader::crash::show_crash_message();

    let alert = root
        .query_selector("[role=alert]")
        .unwrap()
        .expect("a message");
    assert!(alert
        .text_content()
        .unwrap()
        .contains("Something went wrong"));
    let reload = root.query_selector("a.button").unwrap().unwrap();
    assert_eq!(reload.get_attribute("href").as_deref(), Some(""));
    assert_eq!(bystander.text_content().as_deref(), Some("host content"));
    host.remove();
    bystander.remove();
}
