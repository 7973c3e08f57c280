//! `digest-index/v1`: the library's list of episodes.

use super::date::Published;
use super::digest::{read_id, read_published};
use super::problem::{check_format, parse_json, string_item, Fields, ParseError, Problem};
use serde_json::Value;

/// The `format` value of a library index.
pub const INDEX_FORMAT: &str = "digest-index/v1";

/// One episode as the library lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexEntry {
    /// The episode's slug; its digest is `digests/<id>.json`.
    pub id: String,
    /// The episode's title.
    pub title: String,
    /// When the digest was published.
    pub published: Published,
    /// Who published the original.
    pub channel: String,
    /// The original's own title.
    pub source_title: String,
    /// The summary, if the index carries it.
    pub summary: Option<String>,
    /// Topics.
    pub tags: Vec<String>,
}

/// The library: its episodes newest first, and the entries that had to be left out.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Library {
    /// Valid entries, newest first (entries of the same moment keep their index order).
    pub episodes: Vec<IndexEntry>,
    /// Why some entries were left out; one broken entry does not hide the other thousands.
    pub skipped: Vec<Problem>,
}

impl Library {
    /// Parses a `digest-index/v1` document. A broken document is an error; a broken entry is skipped.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let root = parse_json(text)?;
        check_format(&root, INDEX_FORMAT)?;
        let mut problems = Vec::new();
        let mut skipped = Vec::new();
        let mut episodes = Fields::of(&root, String::new(), &mut problems)
            .map(|mut fields| {
                fields.list("episodes", |value, path, _| {
                    read_entry(value, path, &mut skipped)
                })
            })
            .unwrap_or_default();
        if !problems.is_empty() {
            return Err(ParseError::Invalid(problems));
        }
        // Stable sort: equal dates keep the publisher's order.
        episodes.sort_by_key(|entry| std::cmp::Reverse(entry.published.sort_key()));
        Ok(Self { episodes, skipped })
    }
}

fn read_entry(value: &Value, path: String, problems: &mut Vec<Problem>) -> Option<IndexEntry> {
    let mut fields = Fields::of(value, path, problems)?;
    let id = read_id(&mut fields);
    let title = fields.non_empty_str("title");
    let published = read_published(&mut fields);
    let source = fields.required("source").and_then(|source| {
        let path = fields.path_of("source");
        let mut source_fields = Fields::of(source, path, fields.problems())?;
        let channel = source_fields.str("channel");
        let title = source_fields.str("title");
        Some((channel?, title?))
    });
    let summary = fields.opt_str("summary");
    let tags = fields.opt_list("tags", string_item);
    let (channel, source_title) = source?;
    Some(IndexEntry {
        id: id?,
        title: title?,
        published: published?,
        channel,
        source_title,
        summary,
        tags,
    })
}
