//! What every part of one episode takes from the whole: the original (timestamps link into it),
//! the site's offer (locked subsections show it), where the fragment points (the subsection
//! it names opens) and where problems are reported. `Episode` provides it once; its parts read it from context instead of having
//! it handed down through every section, subsection and list of points.
//!
//! Context adds no markup: the host's render and the browser's hydration of a published page
//! still produce the same DOM.

use crate::model::{Link, ReportTo, Upgrade};
use crate::route::Anchor;
use leptos::prelude::*;
use std::sync::Arc;

/// One episode's shared pieces. Shared behind an `Arc`, so reading it clones no data.
#[derive(Default)]
pub(crate) struct EpisodeContext {
    /// The original, for timestamps.
    pub source_url: Option<Link>,
    /// The site's offer, shown in place of locked points; `None` just says they are locked.
    pub upgrade: Option<Upgrade>,
    /// Where the document's fragment points (`#section-1-2`).
    pub anchor: Signal<Option<Anchor>>,
    /// Where "Report a problem" goes; `None` (no `report_url`) shows no such link.
    pub report: Option<ReportTo>,
}

impl EpisodeContext {
    /// Makes this the context of the parts built after it, under the current owner. Parts read it
    /// as they are built, so a second episode under the same owner does not change the first.
    pub fn provide(self) {
        provide_context(Arc::new(self));
    }

    /// The context of the episode being built. Outside one (never in the app), no original, no
    /// offer and no fragment: points show without timestamps, locked parts just say so.
    pub fn current() -> Arc<Self> {
        use_context::<Arc<Self>>().unwrap_or_default()
    }
}
