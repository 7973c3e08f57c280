//! Mounts the reader on its own page. Loaded by `embed.js` on someone else's page, it mounts
//! nothing: embeds are mounted one by one through `mountEmbed`.

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        digest_reader::crash::install();
        let document = leptos::prelude::document();
        if digest_reader::crash::is_own_page(&document) {
            // The static loading state of index.html makes way for the app's own, which looks the same.
            if let Some(skeleton) = document.get_element_by_id("boot-skeleton") {
                skeleton.remove();
            }
            // A published library's first screen stays until the library replaces it; any other
            // view does without it.
            digest_reader::pages::keep_first_screen_only_for_the_library(&document);
            leptos::mount::mount_to_body(digest_reader::app::App);
        }
    }
}
