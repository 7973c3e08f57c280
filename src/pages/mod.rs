//! What the reader sees, one module per page: the episode page (`episode`), a script embed
//! (`embedded`), both built on `episode_view`, and the library (`library/`). Pages load their
//! data; components render it.

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
