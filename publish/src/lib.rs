//! The publisher's side of the digest reader: `digest-site check` validates a folder of digests
//! with the reader's own model, `digest-site publish` turns it into a complete static site
//! (spec section 9): the built app, the digests, the library index, episode pages, Markdown,
//! chapters, oEmbed, feeds, sitemap and robots.txt, each with `.br` and `.gz` copies.
//!
//! Steps, in order: `input` reads and checks every file; `publish` writes, through `output`
//! (atomic, skip-if-identical, compressed copies), what `page`, `exports`, `library`, `feeds` and
//! `sitemap` make; `state` remembers what was written so the next run rewrites only what changed.

pub mod dates;
pub mod exports;
pub mod feeds;
pub mod input;
pub mod library;
pub mod library_files;
pub mod output;
pub mod page;
pub mod progress;
pub mod publish;
pub mod report;
pub mod sitemap;
pub mod state;
pub mod urls;
