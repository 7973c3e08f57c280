//! Pieces of an episode and of the page around it. Each takes data and renders it; none fetches.

mod episode;
mod episode_card;
mod episode_context;
mod failure;
mod guide;
mod library_head;
// Never hydrated (rendered beside the episode), so not in the take-over module at all.
#[cfg(not(feature = "hydrate"))]
mod player;
mod points;
mod report;
mod section;
mod shell;
mod skeleton;
mod upgrade;

pub use episode::Episode;
pub use episode_card::{EpisodeCard, Highlighted};
pub use failure::LoadFailure;
pub use guide::{episode_guide, SHORTCUTS_ID};
pub use library_head::{
    count_label, grouped, tag_href, ControlEvents, LibraryControls, LibraryHeader,
};
#[cfg(not(feature = "hydrate"))]
pub use player::episode_player;
pub use points::{PointList, Timestamp};
pub use section::{DetailsSection, Subsection};
pub use shell::{neighbour_link, EpisodeNavLinks, SiteFooter, SiteHeader};
pub use skeleton::EpisodeSkeleton;
pub use upgrade::{UpgradeBanner, UpgradePrompt};
