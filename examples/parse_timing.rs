//! Times parsing and search preparation of a large index on the host: `cargo run --release --example parse_timing -- index.json`.
use digest_reader::model::{Library, SearchIndex};
use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "index.json".into());
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let start = Instant::now();
    let library = Library::parse(&text);
    let parsed = start.elapsed();
    let episodes = library.map(|l| l.episodes).unwrap_or_default();
    let start = Instant::now();
    let _index = SearchIndex::new(&episodes);
    println!(
        "{} episodes: parse {:?}, search index {:?}",
        episodes.len(),
        parsed,
        start.elapsed()
    );
}
