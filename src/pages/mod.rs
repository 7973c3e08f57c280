//! What the reader sees, one file per page. Pages load their data; components render it.

mod episode;
mod episode_nav;
mod library;
mod library_memory;
mod load;

pub use episode::EpisodePage;
pub use library::LibraryPage;
