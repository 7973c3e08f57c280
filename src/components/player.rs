//! "Listen from here": with the digest's `source.media_url`, a native player of the original
//! (`<audio>`, or `<video>` for a video; its own controls, no third-party script), which stays in
//! view while the reader scrolls. `src/reader.js` makes every timestamp play the original from
//! that moment in this player and marks the section being heard. (Timestamps show where
//! `source.url` is, spec section 2; a digest with only `media_url` has the player alone.)
//!
//! Markup only, rendered beside the episode and never inside it: a published page's take-over
//! hydrates none of it. `preload="none"`: nothing of the media is fetched before the reader plays.

use crate::model::{Digest, SourceKind};
use leptos::prelude::*;

/// The player of `digest`'s original, if it has a `media_url`.
pub fn episode_player(digest: &Digest) -> Option<impl IntoView> {
    let src = digest.source.media_url.as_ref()?.href().to_string();
    let player = if digest.source.kind == Some(SourceKind::Video) {
        view! { <video class="player" controls preload="none" playsinline src=src></video> }
            .into_any()
    } else {
        view! { <audio class="player" controls preload="none" src=src></audio> }.into_any()
    };
    Some(
        view! { <section class="episode-player" aria-label="Listen to the original">{player}</section> },
    )
}
