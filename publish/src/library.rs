//! `digests/index.json`: the library as `digest-index/v1`, built from the digests, newest first.

use digest_reader::model::IndexEntry;
use serde::Serialize;

#[derive(Serialize)]
struct Index<'a> {
    format: &'static str,
    episodes: Vec<Entry<'a>>,
}

#[derive(Serialize)]
struct Entry<'a> {
    id: &'a str,
    title: &'a str,
    published: &'a str,
    source: Source<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
}

#[derive(Serialize)]
struct Source<'a> {
    channel: &'a str,
    title: &'a str,
}

/// Orders entries as the library shows them: newest moment first, then by id, so the same
/// digests always give the same bytes.
pub fn newest_first(entries: &mut [IndexEntry]) {
    entries.sort_by(|a, b| {
        b.published
            .sort_key()
            .cmp(&a.published.sort_key())
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// The index document for entries already in library order.
pub fn index_json(entries: &[IndexEntry]) -> Vec<u8> {
    let index = Index {
        format: "digest-index/v1",
        episodes: entries
            .iter()
            .map(|entry| Entry {
                id: &entry.id,
                title: &entry.title,
                published: entry.published.machine(),
                source: Source {
                    channel: &entry.channel,
                    title: &entry.source_title,
                },
                summary: entry.summary.as_deref(),
                tags: &entry.tags,
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec(&index).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
