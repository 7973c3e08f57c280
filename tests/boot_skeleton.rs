//! `index.html` paints a copy of the app's loading state before the WebAssembly runs, so the
//! first paint has the page's shape and nothing shifts when the app mounts. HTML cannot include
//! a component, so this test keeps the copy equal to `EpisodeSkeleton` as the host renders it.

use digest_reader::components::EpisodeSkeleton;
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;

const INDEX_HTML: &str = include_str!("../index.html");

/// The `<div class="skeleton">…</div>` in `html`, whitespace between tags removed. The boot copy
/// sits in an `aria-hidden` container and the component hides itself, so that attribute is
/// dropped too: the rest must be the same markup.
fn skeleton(html: &str) -> String {
    let html = html.replace(" aria-hidden=\"true\"", "");
    let start = html
        .find("<div class=\"skeleton\"")
        .unwrap_or_else(|| panic!("no skeleton in {html}"));
    let mut depth = 0;
    let mut end = start;
    let rest = &html[start..];
    for (at, _) in rest.match_indices('<') {
        if rest[at..].starts_with("<div") {
            depth += 1;
        } else if rest[at..].starts_with("</div>") {
            depth -= 1;
            if depth == 0 {
                end = start + at + "</div>".len();
                break;
            }
        }
    }
    assert!(end > start, "the skeleton is not closed in {html}");
    html[start..end]
        .split('<')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("<")
}

#[test]
fn the_boot_skeleton_is_the_apps_loading_state() {
    let rendered = Owner::new().with(|| view! { <EpisodeSkeleton label="Loading…" /> }.to_html());
    let component = skeleton(&rendered);
    assert!(
        component.matches("skeleton-line").count() > 1,
        "the component renders no lines: {rendered}"
    );
    assert_eq!(skeleton(INDEX_HTML), component);
}
