//! Browser tests of the components: mounted into a fresh element in headless Chromium.
#![cfg(target_arch = "wasm32")]

use digest_reader::components::{Episode, LoadFailure};
use digest_reader::fetch::{Fetched, LoadError};
use digest_reader::model::{Digest, ParseError, Problem, ReportTo, SiteConfig};
use digest_reader::route::Anchor;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, NodeList};

wasm_bindgen_test_configure!(run_in_browser);

const SEED: &str = include_str!("../public/digests/deepseek-stole-our-tech.json");
const SITE: &str = include_str!("../public/site.json");
const PODCAST: &str = include_str!("../public/digests/small-models-big-bets.json");
const ARABIC: &str = include_str!("../public/digests/arabic-language-models.json");

fn container() -> HtmlElement {
    let element = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&element).unwrap();
    element.unchecked_into()
}

fn all(root: &HtmlElement, selector: &str) -> NodeList {
    root.query_selector_all(selector).unwrap()
}

fn one(root: &HtmlElement, selector: &str) -> HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into()
}

fn text(root: &HtmlElement, selector: &str) -> String {
    one(root, selector).text_content().unwrap_or_default()
}

/// `Element.checkVisibility()` (not in web-sys): false for the body of a closed `<details>`,
/// which stays in the DOM but is not rendered.
fn rendered(element: &HtmlElement) -> bool {
    let check: js_sys::Function = js_sys::Reflect::get(element, &"checkVisibility".into())
        .unwrap()
        .unchecked_into();
    check.call0(element).unwrap().as_bool().unwrap()
}

/// Whether the subsection `details` is open, read from the element (it owns the state).
fn is_open(details: &HtmlElement) -> bool {
    details
        .dyn_ref::<web_sys::HtmlDetailsElement>()
        .expect("a <details>")
        .open()
}

fn mount_episode(json: &str, anchor: Option<Anchor>) -> HtmlElement {
    let root = container();
    let digest = Digest::parse(json).unwrap();
    let upgrade = SiteConfig::parse(SITE).0.upgrade;
    mount_to(root.clone(), move || {
        let anchor = Signal::stored(anchor);
        view! { <Episode digest upgrade anchor /> }
    })
    .forget();
    root
}

#[wasm_bindgen_test]
async fn shows_the_seed_episode_like_the_reference_page() {
    let root = mount_episode(SEED, None);
    tick().await;
    assert_eq!(all(&root, "h1").length(), 1);
    assert_eq!(text(&root, "h1"), "DeepSeek stole our tech... says OpenAI");
    let date = one(&root, ".episode-date time");
    assert_eq!(
        date.get_attribute("datetime").as_deref(),
        Some("2025-01-29")
    );
    assert_eq!(date.text_content().as_deref(), Some("Jan 29, 2025"));
    assert_eq!(
        text(&root, ".episode-source a.source-link"),
        "Fireship - DeepSeek stole our tech... says OpenAI"
    );
    assert_eq!(text(&root, "#key-points-heading"), "Key Points");
    assert_eq!(all(&root, ".key-points li.point").length(), 5);
    assert_eq!(text(&root, "#details-heading"), "Details");
    let headings = all(&root, ".details h3.section-title");
    assert_eq!(headings.length(), 7);
    let first = one(&root, "#section-1 h3").text_content().unwrap();
    assert!(
        first.starts_with("1. 🌐 OpenAI vs Deep Seek: The IP Battle"),
        "{first}"
    );
    assert_eq!(text(&root, "#section-1-2 .subsection-number"), "1.2.");
    assert_eq!(text(&root, ".full-content-link"), "View Full Content");
    assert_eq!(
        text(&root, ".upgrade-banner .upgrade-headline"),
        "Upgrade to Plus to unlock complete episodes, key insights, and in-depth analysis"
    );
    assert_eq!(
        text(&root, ".upgrade-banner .upgrade-cta"),
        "Upgrade to Plus"
    );
}

#[wasm_bindgen_test]
async fn timestamps_link_into_the_source() {
    let root = mount_episode(SEED, None);
    tick().await;
    let stamp = one(&root, "#section-2 h3 a.timestamp");
    assert_eq!(
        stamp.get_attribute("href").as_deref(),
        Some("https://www.youtube.com/watch?v=EXAMPLE&t=41")
    );
    assert_eq!(text(&root, "#section-2 h3 a.timestamp time"), "0:41");
    let podcast = mount_episode(PODCAST, None);
    tick().await;
    let href = one(&podcast, "a.timestamp").get_attribute("href").unwrap();
    assert!(href.contains("#t="), "{href}");
}

#[wasm_bindgen_test]
async fn subsections_are_native_details_that_start_collapsed_and_toggle_on_click() {
    let root = mount_episode(PODCAST, None);
    tick().await;
    // Rendered closed: no `open` attribute anywhere (a prerendered page must not open them either).
    let subsections = all(&root, ".subsection");
    assert!(subsections.length() > 0);
    assert_eq!(
        all(&root, "details.subsection:not([open])").length(),
        subsections.length()
    );
    let subsection = one(&root, "details.subsection:not(.subsection--locked)");
    let id = subsection.id();
    let summary = one(&subsection, ":scope > summary.subsection-toggle");
    let body = one(&subsection, ":scope > .subsection-body");
    assert_eq!(body.id(), format!("{id}-body"));
    assert_eq!(
        subsection
            .first_element_child()
            .map(|first| first.tag_name()),
        Some("SUMMARY".to_string())
    );
    assert_eq!(all(&summary, ":scope > h4.subsection-heading").length(), 1);
    let point = text(&body, "li.point");
    assert!(!point.is_empty());
    assert!(!is_open(&subsection));
    assert!(!rendered(&body));
    assert!(
        !root.inner_text().contains(&point),
        "a closed body is not shown"
    );

    summary.click();
    tick().await;
    assert!(is_open(&subsection));
    assert!(rendered(&body));
    assert!(root.inner_text().contains(&point), "an open body is shown");

    summary.click();
    tick().await;
    assert!(!is_open(&subsection));
    assert!(!rendered(&body));
    assert!(!root.inner_text().contains(&point));
}

#[wasm_bindgen_test]
async fn locked_subsections_show_the_offer_and_never_points() {
    let mut value: serde_json::Value = serde_json::from_str(SEED).unwrap();
    value["sections"][0]["subsections"][0]["points"] = serde_json::json!(["SECRET POINT"]);
    let root = mount_episode(&value.to_string(), None);
    tick().await;
    let locked = one(&root, "#section-1-1");
    assert!(locked.class_list().contains("subsection--locked"));
    assert_eq!(all(&locked, "summary .lock").length(), 1);
    one(&locked, "summary").click();
    tick().await;
    assert!(is_open(&locked));
    assert!(rendered(&one(&locked, ".upgrade-prompt")));
    assert_eq!(all(&locked, "li.point, .points").length(), 0);
    assert_eq!(
        text(&locked, ".upgrade-prompt .upgrade-headline"),
        "Upgrade to Plus to unlock complete episodes, key insights, and in-depth analysis"
    );
    assert!(!root.text_content().unwrap().contains("SECRET POINT"));
}

#[wasm_bindgen_test]
async fn locked_subsections_without_an_offer_just_say_so() {
    let root = container();
    let digest = Digest::parse(SEED).unwrap();
    mount_to(
        root.clone(),
        move || view! { <Episode digest upgrade=None /> },
    )
    .forget();
    tick().await;
    assert_eq!(
        text(&root, "#section-1-1 .locked-note"),
        "This part is locked."
    );
    assert_eq!(all(&root, ".upgrade-banner").length(), 0);
}

#[wasm_bindgen_test]
async fn a_fragment_opens_its_subsection() {
    let root = mount_episode(
        SEED,
        Some(Anchor {
            section: 1,
            subsection: Some(2),
        }),
    );
    tick().await;
    assert!(is_open(&one(&root, "#section-1-2")));
    assert!(rendered(&one(&root, "#section-1-2-body .upgrade-prompt")));
    assert!(!is_open(&one(&root, "#section-1-1")));
}

#[wasm_bindgen_test]
async fn a_later_fragment_opens_its_subsection_and_leaves_the_others_as_the_reader_set_them() {
    let root = container();
    let digest = Digest::parse(PODCAST).unwrap();
    let anchor = RwSignal::new(None::<Anchor>);
    mount_to(root.clone(), move || {
        view! { <Episode digest upgrade=None anchor /> }
    })
    .forget();
    tick().await;
    let first = one(&root, "#section-2-1");
    let second = one(&root, "#section-2-2");
    assert!(!is_open(&first) && !is_open(&second));
    // The reader opens 2.1; then the fragment names 2.2 (hashchange).
    one(&first, "summary").click();
    anchor.set(Some(Anchor {
        section: 2,
        subsection: Some(2),
    }));
    tick().await;
    assert!(is_open(&second), "the fragment opened 2.2");
    assert!(is_open(&first), "2.1 stays as the reader left it");
    // The reader closes 2.2; a fragment naming another subsection does not reopen it.
    one(&second, "summary").click();
    anchor.set(Some(Anchor {
        section: 3,
        subsection: Some(1),
    }));
    tick().await;
    assert!(!is_open(&second));
    assert!(is_open(&one(&root, "#section-3-1")));
}

#[wasm_bindgen_test]
async fn text_is_never_markup() {
    let mut value: serde_json::Value = serde_json::from_str(SEED).unwrap();
    let payload = "<img src=x onerror=\"window.__pwned=1\"><b>bold</b>";
    value["title"] = serde_json::json!(payload);
    value["key_points"] = serde_json::json!([payload]);
    value["sections"][1]["title"] = serde_json::json!(payload);
    let root = mount_episode(&value.to_string(), None);
    tick().await;
    assert_eq!(text(&root, "h1"), payload);
    assert_eq!(all(&root, "img").length(), 0);
    assert_eq!(all(&root, "b").length(), 0);
}

#[wasm_bindgen_test]
async fn failures_are_alerts_with_a_retry_only_where_it_helps() {
    let root = container();
    let retried = RwSignal::new(0);
    let on_retry = Callback::new(move |()| retried.update(|n| *n += 1));
    mount_to(root.clone(), move || {
        view! { <LoadFailure error=LoadError::Server(503) what=Fetched::Digest on_retry /> }
    })
    .forget();
    tick().await;
    let alert = one(&root, "[role=alert]");
    assert_eq!(text(&alert, ".error-title"), "The server had a problem");
    one(&alert, "button.retry").click();
    tick().await;
    assert_eq!(retried.get_untracked(), 1);

    let invalid = container();
    let error = LoadError::Parse(ParseError::Invalid(vec![Problem::new(
        "sections[3].title",
        "missing",
    )]));
    mount_to(invalid.clone(), move || {
        view! { <LoadFailure error what=Fetched::Digest on_retry /> }
    })
    .forget();
    tick().await;
    assert_eq!(
        text(&invalid, ".error-problems li"),
        "sections[3].title: missing"
    );
    assert_eq!(all(&invalid, "button.retry").length(), 0);
}

#[wasm_bindgen_test]
async fn a_right_to_left_digest_sets_lang_and_dir_and_its_lock_needs_no_font() {
    let root = mount_episode(ARABIC, None);
    tick().await;
    let article = one(&root, "article.episode");
    assert_eq!(article.get_attribute("lang").as_deref(), Some("ar"));
    assert_eq!(article.get_attribute("dir").as_deref(), Some("rtl"));
    let style = window().get_computed_style(&article).unwrap().unwrap();
    assert_eq!(style.get_property_value("direction").unwrap(), "rtl");
    // The lock is drawn, named for screen readers, and holds no emoji.
    let lock = one(&root, ".subsection--locked .lock");
    assert_eq!(lock.get_attribute("aria-label").as_deref(), Some("Locked"));
    assert_eq!(all(&lock, "svg.lock-icon").length(), 1);
    assert_eq!(lock.text_content().unwrap_or_default().trim(), "");
    // Without a language, no lang or dir: the page's own apply.
    let plain = mount_episode(SEED, None);
    tick().await;
    assert_eq!(one(&plain, "article.episode").get_attribute("dir"), None);
}

#[wasm_bindgen_test]
async fn the_digest_is_labelled_ai_written_with_who_and_when_and_problems_can_be_reported() {
    let site = SiteConfig::parse(SITE).0;
    let report_url = site
        .report_url
        .clone()
        .expect("the sample site has report_url");
    let root = container();
    let digest = Digest::parse(PODCAST).unwrap();
    let report = Some(ReportTo {
        report_url,
        id: digest.id.clone(),
        page_url: Some("https://example.org/reader/?episode=small-models-big-bets".into()),
    });
    let sections = digest.sections.len();
    mount_to(
        root.clone(),
        move || view! { <Episode digest upgrade=None report /> },
    )
    .forget();
    tick().await;
    let provenance = one(&root, ".episode-header .episode-provenance");
    let words = provenance.text_content().unwrap_or_default();
    assert!(
        words.starts_with("AI-written by digest-pipeline 2.3 (gpt-4o) on Jun 17, 2025"),
        "{words}"
    );
    let episode = one(&provenance, "a.report-link");
    assert_eq!(
        episode.get_attribute("href").as_deref(),
        Some("https://example.org/report?episode=small-models-big-bets&url=https%3A%2F%2Fexample.org%2Freader%2F%3Fepisode%3Dsmall-models-big-bets")
    );
    // One per section, naming it for screen readers.
    let links = all(&root, "section.section > .section-report > a.report-link");
    assert_eq!(links.length() as usize, sections);
    let second: HtmlElement = links.item(1).unwrap().unchecked_into();
    assert!(second
        .get_attribute("href")
        .unwrap()
        .ends_with("&section=2"));
    assert_eq!(
        second.text_content().as_deref(),
        Some("Report a problem in section 2")
    );
    // Without report_url no link, and without `generated` just the label.
    let seed = mount_episode(SEED, None);
    tick().await;
    assert_eq!(all(&seed, "a.report-link").length(), 0);
    assert_eq!(text(&seed, ".episode-provenance"), "AI-written");
}
