//! What the reader sees, one file per page. Pages load their data; components render it.

mod embedded;
mod episode;
mod episode_nav;
mod library;
mod library_memory;
mod load;

pub use embedded::EmbeddedEpisode;
pub use episode::EpisodePage;
pub use library::LibraryPage;
pub use load::load_site;
