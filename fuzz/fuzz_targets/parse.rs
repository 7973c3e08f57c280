//! Feeds arbitrary bytes to every parser and validator: each must return, never panic.
#![no_main]

use digest_reader::model::{Digest, Library, Link, SiteConfig};
use digest_reader::route::{Anchor, Route};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = Digest::parse(&text);
    let _ = Library::parse(&text);
    let _ = SiteConfig::parse(&text);
    let _ = Link::absolute_or_relative(&text);
    let _ = Route::from_query(&text);
    let _ = Anchor::from_hash(&text);
});
