//! If a panic happens anyway, the reader says so instead of leaving a dead page.
//!
//! After a panic the WebAssembly instance is gone, so the message is plain DOM with no event
//! handlers: "Reload" is a link to the page itself.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

/// Logs panics to the console (with the Rust message) and then shows the crash message.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash_message();
    }));
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
