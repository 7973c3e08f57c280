//! If a panic happens anyway, the reader says so instead of leaving a dead page.
//!
//! After a panic the WebAssembly instance is gone, so the message is plain DOM with no event
//! handlers: "Reload" is a link to the page itself.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

thread_local! {
    /// While a prerendered page is being taken over: where the same episode is client-rendered.
    static TAKE_OVER_FALLBACK: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Logs panics to the console (with the Rust message) and then shows the crash message, or,
/// during the take-over of a prerendered page, goes to the client-rendered page instead.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let fallback = TAKE_OVER_FALLBACK.with(|cell| cell.borrow_mut().take());
        match fallback {
            Some(url) => fall_back(&url, "hydration failed"),
            None => show_crash_message(),
        }
    }));
}

/// Runs `take_over` (hydration of a prerendered page). If it panics (the page's HTML does not
/// match what the app renders: an edited or mangled page), the reader is sent to `fallback`,
/// where the app renders the episode itself, instead of being left with a dead page.
pub fn while_taking_over<T>(fallback: String, take_over: impl FnOnce() -> T) -> T {
    TAKE_OVER_FALLBACK.with(|cell| *cell.borrow_mut() = Some(fallback));
    let result = take_over();
    TAKE_OVER_FALLBACK.with(|cell| *cell.borrow_mut() = None);
    result
}

/// Leaves a prerendered page the app cannot take over (`why`) for `url`, where the app renders
/// the same episode itself; says so in the console.
pub fn fall_back(url: &str, why: &str) {
    web_sys::console::error_1(
        &format!(
            "digest-reader: this page's HTML does not match the app ({why}); \
             showing the client-rendered page {url} instead"
        )
        .into(),
    );
    if let Some(window) = web_sys::window() {
        let _ = window.location().replace(url);
    }
}

/// Whether `document` is the reader's own page (its `index.html` carries
/// `<meta name="digest-reader">`), not a host page with script embeds.
pub fn is_own_page(document: &web_sys::Document) -> bool {
    document
        .query_selector("meta[name='digest-reader']")
        .ok()
        .flatten()
        .is_some()
}

/// Replaces the reader with "Something went wrong - reload": on its own page the whole body,
/// on a host page the inside of every embed (the host's own content is left alone).
pub fn show_crash_message() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    if is_own_page(&document) {
        if let (Some(body), Some(message)) = (document.body(), message(&document)) {
            body.replace_children_with_node_1(&message);
        }
        return;
    }
    let Ok(embeds) = document.query_selector_all("[data-digest]") else {
        return;
    };
    for index in 0..embeds.length() {
        let root = embeds
            .item(index)
            .and_then(|node| node.dyn_into::<Element>().ok())
            .and_then(|element| element.shadow_root())
            .and_then(|shadow| shadow.query_selector(".embed-root").ok().flatten());
        if let (Some(root), Some(message)) = (root, message(&document)) {
            root.replace_children_with_node_1(&message);
        }
    }
}

fn element(document: &Document, tag: &str, class: &str, text: Option<&str>) -> Option<Element> {
    let element = document.create_element(tag).ok()?;
    element.set_class_name(class);
    if text.is_some() {
        element.set_text_content(text);
    }
    Some(element)
}

fn message(document: &Document) -> Option<Element> {
    let app = element(document, "div", "app", None)?;
    let main = element(document, "main", "main", None)?;
    let alert = element(document, "div", "error crash", None)?;
    alert.set_attribute("role", "alert").ok()?;
    let title = element(document, "h2", "error-title", Some("Something went wrong"))?;
    let detail = element(
        document,
        "p",
        "error-detail",
        Some("The reader stopped because of an unexpected error. Reload the page to try again."),
    )?;
    let actions = element(document, "div", "error-actions", None)?;
    let reload = element(document, "a", "button", Some("Reload"))?;
    // An empty href is the page itself: following it reloads.
    reload.set_attribute("href", "").ok()?;
    actions.append_child(&reload).ok()?;
    for child in [&title, &detail, &actions] {
        alert.append_child(child).ok()?;
    }
    main.append_child(&alert).ok()?;
    app.append_child(&main).ok()?;
    Some(app)
}
