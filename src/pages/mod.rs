//! What the reader sees, one file per page. Pages load their data; components render it.

mod episode;
mod library;
mod load;

pub use episode::EpisodePage;
pub use library::LibraryPage;
