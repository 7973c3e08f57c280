//! `digest-index/v1`: the library's list of episodes.

use super::date::Published;
use super::digest::{is_slug, read_id, read_published};
use super::problem::{check_format, parse_json, string_item, Fields, ParseError, Problem};
use serde::Deserialize;
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
    /// The original's own title. The library's cards show the episode's title instead; this
    /// one is kept because the format requires it and the publish command writes it back into
    /// the `index.json` it builds.
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

/// The shape of a well-formed index, read straight into structs. Most indexes are well-formed,
/// and this is several times faster than walking a `serde_json::Value` for tens of thousands of
/// entries; anything it cannot take goes through the field-by-field reader, which says what is wrong.
#[derive(Deserialize)]
struct WellFormed {
    format: String,
    episodes: Vec<WellFormedEntry>,
}

#[derive(Deserialize)]
struct WellFormedEntry {
    id: String,
    title: String,
    published: String,
    source: WellFormedSource,
    summary: Option<String>,
    tags: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct WellFormedSource {
    channel: String,
    title: String,
}

impl WellFormedEntry {
    /// The entry, if it also passes the checks the field-by-field reader makes.
    fn checked(self) -> Option<IndexEntry> {
        let valid = is_slug(&self.id) && !self.title.trim().is_empty();
        valid.then_some(())?;
        Some(IndexEntry {
            published: Published::parse(&self.published)?,
            id: self.id,
            title: self.title,
            channel: self.source.channel,
            source_title: self.source.title,
            summary: self.summary,
            tags: self.tags.unwrap_or_default(),
        })
    }
}

fn well_formed(text: &str) -> Option<Vec<IndexEntry>> {
    let index: WellFormed = serde_json::from_str(text).ok()?;
    if index.format != INDEX_FORMAT {
        return None;
    }
    index
        .episodes
        .into_iter()
        .map(WellFormedEntry::checked)
        .collect()
}

impl Library {
    /// Parses a `digest-index/v1` document. A broken document is an error; a broken entry is skipped.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        if let Some(episodes) = well_formed(text) {
            return Ok(Self::newest_first(episodes, Vec::new()));
        }
        let root = parse_json(text)?;
        check_format(&root, INDEX_FORMAT)?;
        let mut problems = Vec::new();
        let mut skipped = Vec::new();
        let episodes = Fields::of(&root, String::new(), &mut problems)
            .map(|mut fields| {
                fields.list("episodes", |value, path, _| {
                    read_entry(value, path, &mut skipped)
                })
            })
            .unwrap_or_default();
        if !problems.is_empty() {
            return Err(ParseError::Invalid(problems));
        }
        Ok(Self::newest_first(episodes, skipped))
    }

    fn newest_first(mut episodes: Vec<IndexEntry>, skipped: Vec<Problem>) -> Self {
        // Stable sort: equal dates keep the publisher's order.
        episodes.sort_by_key(|entry| std::cmp::Reverse(entry.published.sort_key()));
        Self { episodes, skipped }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The field-by-field reader alone, as used when the fast path declines.
    fn field_by_field(text: &str) -> Vec<IndexEntry> {
        let root = parse_json(text).unwrap_or_default();
        let mut problems = Vec::new();
        let mut skipped = Vec::new();
        Fields::of(&root, String::new(), &mut problems)
            .map(|mut fields| fields.list("episodes", |v, p, _| read_entry(v, p, &mut skipped)))
            .unwrap_or_default()
    }

    #[test]
    fn both_readers_agree_on_well_formed_indexes() {
        let text = r#"{"format":"digest-index/v1","extra":1,"episodes":[
            {"id":"a","title":"A","published":"2025-01-02","source":{"channel":"C","title":"T"},"x":[]},
            {"id":"b","title":"B","published":"2025-01-03T10:00:00Z","source":{"channel":"C","title":"T"},
             "summary":"S","tags":["t"]}]}"#;
        let fast = well_formed(text).unwrap_or_default();
        assert_eq!(fast.len(), 2);
        assert_eq!(fast, field_by_field(text));
    }

    #[test]
    fn the_fast_path_declines_what_it_cannot_vouch_for() {
        for text in [
            r#"{"format":"digest-index/v2","episodes":[]}"#,
            r#"{"format":"digest-index/v1","episodes":[{"id":"Bad Id","title":"A","published":"2025-01-02","source":{"channel":"C","title":"T"}}]}"#,
            r#"{"format":"digest-index/v1","episodes":[{"id":"a","title":" ","published":"2025-01-02","source":{"channel":"C","title":"T"}}]}"#,
            r#"{"format":"digest-index/v1","episodes":[{"id":"a","title":"A","published":"2025-13-02","source":{"channel":"C","title":"T"}}]}"#,
            r#"{"format":"digest-index/v1","episodes":[{"id":"a","title":"A","published":"2025-01-02","source":{"channel":"C"}}]}"#,
        ] {
            assert!(well_formed(text).is_none(), "{text}");
        }
    }
}
