//! Finding one's way in a long episode: a table of contents of the sections (a side column on
//! wide screens, a "Contents" menu on phones), how long the digest takes to read against the
//! original, "Expand all" and "Collapse all", the keyboard shortcuts with their help dialog, the
//! episode as Markdown (download or copy), and the status line that says what was copied.
//!
//! Markup only, rendered beside the episode and never inside it: `src/reader.js` runs it (marks
//! the section in view, the buttons, the keys), so a published page hydrates none of it and its
//! take-over module stays as small as before.

use crate::model::Digest;
use crate::moment::reading_time;
use crate::route::section_id;
use leptos::prelude::*;

/// The id of the keyboard shortcuts' help dialog.
pub const SHORTCUTS_ID: &str = "shortcuts";

/// The keys `src/reader.js` answers, as the help dialog lists them.
const SHORTCUTS: [(&str, &str); 5] = [
    ("j", "Next section"),
    ("k", "Previous section"),
    ("e", "Expand all subsections"),
    ("c", "Collapse all subsections"),
    ("?", "Show these shortcuts"),
];

/// The table of contents, reading time and controls for `digest`, and the shortcuts' dialog.
/// `markdown` is where the episode's Markdown is: a published page's `index.md`, or in the app
/// the text of [`crate::export::markdown`] as a `data:` URL (both from the same code).
pub fn episode_guide(digest: &Digest, markdown: String) -> impl IntoView {
    let entries = digest
        .sections
        .iter()
        .enumerate()
        .map(|(index, section)| {
            let number = index + 1;
            view! {
                <li>
                    <a class="toc-link" href=format!("#{}", section_id(number, None))>
                        <span class="toc-number">{format!("{number}.")}</span>
                        " "
                        <span dir="auto">{section.title.clone()}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    let has_subsections = digest.sections.iter().any(|s| !s.subsections.is_empty());
    let keys = SHORTCUTS
        .iter()
        .map(|(key, what)| view! { <div><dt><kbd>{*key}</kbd></dt><dd>{*what}</dd></div> })
        .collect_view();
    view! {
        <nav class="episode-guide" aria-label="Contents">
            <p class="reading-time">{reading_time(digest)}</p>
            <details class="toc">
                <summary class="toc-toggle">"Contents"</summary>
                <ol class="toc-list">{entries}</ol>
            </details>
            <p class="guide-actions">
                {has_subsections.then(|| view! {
                    <button type="button" class="guide-button" data-guide="expand">"Expand all"</button>
                    <button type="button" class="guide-button" data-guide="collapse">"Collapse all"</button>
                })}
                // Invoker commands: the browser opens and closes the dialog, no script needed.
                <button type="button" class="guide-button" commandfor=SHORTCUTS_ID command="show-modal" aria-haspopup="dialog">
                    "Keyboard shortcuts"
                </button>
                <a class="guide-button" href=markdown download=format!("{}.md", digest.id) data-guide="markdown">
                    "Download Markdown"
                </a>
                <button type="button" class="guide-button" data-guide="copy-markdown">"Copy as Markdown"</button>
            </p>
            <p class="guide-status visually-hidden" role="status"></p>
        </nav>
        <dialog class="shortcuts" id=SHORTCUTS_ID aria-labelledby="shortcuts-title">
            <h2 id="shortcuts-title" class="shortcuts-title">"Keyboard shortcuts"</h2>
            <dl class="shortcut-list">{keys}</dl>
            <button type="button" class="button" commandfor=SHORTCUTS_ID command="close">"Close"</button>
        </dialog>
    }
}
