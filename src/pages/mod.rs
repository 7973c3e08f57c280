//! What the reader sees, one file per page. Pages load their data; components render it.

mod embedded;
mod episode;
mod episode_nav;
mod first_screen;
mod library;
mod library_memory;
mod load;

pub use embedded::EmbeddedEpisode;
pub use episode::EpisodePage;
pub use first_screen::keep_first_screen_only_for_the_library;
pub use library::LibraryPage;
pub use load::load_site;
