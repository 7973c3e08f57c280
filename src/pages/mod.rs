//! What the reader sees, one file per page. Pages load their data; components render it.

mod embedded;
mod episode;
mod episode_nav;
mod episode_view;
mod first_screen;
mod library;

pub use embedded::EmbeddedEpisode;
pub use episode::EpisodePage;
pub use first_screen::keep_first_screen_only_for_the_library;
pub use library::LibraryPage;
