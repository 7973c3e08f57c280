//! The digest format: types, parsing and validation. Pure Rust, no DOM.

pub mod date;
pub mod digest;
pub mod fold;
pub mod index;
pub mod library_files;
pub mod link;
pub mod problem;
pub mod report;
pub mod search;
pub mod site;
pub mod split_search;

pub use date::Published;
pub use digest::{
    is_language_tag, is_slug, text_direction, Digest, Generated, Point, Section, Source,
    SourceKind, Subsection,
};
pub use index::{IndexEntry, Library};
pub use link::Link;
pub use problem::{ParseError, Problem};
pub use report::ReportTo;
pub use search::{Query, SearchIndex};
pub use site::{CallToAction, SiteConfig, Upgrade};
