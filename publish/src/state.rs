//! What the last publish wrote, so the next one rewrites only what changed.

use crate::library_files::LibraryState;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// The state file's name in the output folder.
pub const STATE_FILE: &str = ".digest-site-state.json";

/// The last publish, as recorded in the output folder.
#[derive(Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct State {
    /// Hash of everything besides a digest that shapes its pages (tool version, site.json, app).
    pub context: String,
    /// Each published episode's digest hash.
    pub episodes: BTreeMap<String, String>,
    /// How many `sitemap-<n>.xml` parts were written (0: a single `sitemap.xml`).
    #[serde(default)]
    pub sitemap_parts: usize,
    /// The split library (`library/`).
    #[serde(default)]
    pub library: LibraryState,
}

impl State {
    /// The state of `out`; empty when there is none or it cannot be read (everything is written).
    pub fn load(out: &Path) -> Self {
        fs::read(out.join(STATE_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// The state as bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }
}

/// A hash as the state file keeps it.
pub fn hex(hash: u128) -> String {
    format!("{hash:032x}")
}
