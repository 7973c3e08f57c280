//! The app shell: reads the URL, loads `site.json`, picks the page.

use crate::components::{SiteFooter, SiteHeader};
use crate::load::load_site;
use crate::pages::{EpisodePage, LibraryPage};
use crate::route::{Page, Route};
use leptos::prelude::*;

/// The whole app, as mounted on the full page or in an iframe (`&embed=1`).
#[component]
pub fn App() -> impl IntoView {
    let route = Route::from_query(&location().search().unwrap_or_default());
    let embed = route.embed;
    let site = LocalResource::new(|| load_site("site.json".to_string()));
    let name = Signal::derive(move || site.get().map(|site| site.name).unwrap_or_default());
    let header = (!embed).then(|| view! { <SiteHeader name home="./" /> });
    let footer = (!embed).then(|| view! { <SiteFooter /> });
    let app = NodeRef::<leptos::html::Div>::new();
    if embed {
        report_height(app);
    }
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <div class="app" class=("app--embed", embed) node_ref=app>
            {header}
            {move || {
                let page = route.page.clone();
                match site.get() {
                    None => view! {
                        <main id="main" tabindex="-1" class="main" aria-busy="true">
                            <crate::components::EpisodeSkeleton label="Loading…" />
                        </main>
                    }
                    .into_any(),
                    Some(site) => match page {
                        Page::Library => view! { <LibraryPage site embed /> }.into_any(),
                        Page::Digest(digest) => view! { <EpisodePage site digest embed /> }.into_any(),
                    },
                }
            }}
            {footer}
        </div>
    }
}

/// In an iframe, tells the parent page the compact view's height whenever it changes:
/// `{ "type": "digest:resize", "height": <px> }`, so the host can size the frame.
fn report_height(app: NodeRef<leptos::html::Div>) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    Effect::new(move |_| {
        let Some(element) = app.get() else { return };
        let Some(parent) = window().parent().ok().flatten() else {
            return;
        };
        let last = std::cell::Cell::new(0.0);
        let measured = element.clone();
        let callback = Closure::<dyn FnMut()>::new(move || {
            let height = measured.get_bounding_client_rect().height().ceil();
            if height != last.get() {
                last.set(height);
                let message = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&message, &"type".into(), &"digest:resize".into());
                let _ =
                    js_sys::Reflect::set(&message, &"height".into(), &JsValue::from_f64(height));
                // The height is not a secret, and the host's origin is not known: any parent may read it.
                let _ = parent.post_message(&message, "*");
            }
        });
        if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            observer.observe(&element);
            crate::lifecycle::release_on_cleanup(move || observer.disconnect(), callback);
        }
    });
}
