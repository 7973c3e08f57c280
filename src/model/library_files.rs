//! `digest-library/v1`: the library split into small files, so that a reader of a library of a
//! million episodes downloads only what its first screen and its search need. The publish command
//! writes it beside `digests/index.json` (which stays the interchange file); the format is
//! described in `docs/library-format.md`.
//!
//! Episodes are numbered from the oldest (0) to the newest, so that a new episode changes only
//! the files of the newest numbers. Search words are the folded text of the title, channel,
//! summary and tags, cut at every character that is not a letter or a digit; a query word
//! matches every search word it begins.

use super::date::Published;
use super::fold::fold;
use super::index::IndexEntry;
use super::problem::{check_format, parse_json, ParseError, Problem};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The `format` value of a library manifest.
pub const LIBRARY_FORMAT: &str = "digest-library/v1";

/// Where the library's files are, relative to the app.
pub const LIBRARY_DIR: &str = "library/";

/// Libraries of at least this many episodes are read from `library/`; smaller ones from
/// `digests/index.json`, whose search also finds words inside words.
pub const SPLIT_FROM: usize = 2_000;

/// The `<meta name>` by which a published `index.html` tells the app to read `library/`.
pub const LIBRARY_META: &str = "digest-library";

/// Episodes per file of cards.
pub const CARDS_PER_FILE: usize = 8;

/// Episode numbers per block of a long list of numbers (a common word's episodes).
pub const NUMBERS_PER_BLOCK: u32 = 65_536;

/// The manifest (`library/manifest.json`): everything the first screen needs, and where the
/// rest is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`LIBRARY_FORMAT`].
    pub format: String,
    /// Changes whenever episode numbers of earlier files may have changed (an episode removed or
    /// published with an older date); files of another epoch must not be mixed with this one.
    pub epoch: String,
    /// How many episodes.
    pub episodes: u32,
    /// The newest episodes, newest first: the first screen, with no other request.
    pub newest: Vec<Card>,
    /// The word files in word order: each holds the words from its `first` up to the next one's.
    pub words: Vec<WordFile>,
    /// The file of channel and tag filters: `library/facets/<name>`.
    pub facets: String,
}

impl Manifest {
    /// Reads a manifest, refusing other formats.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let root = parse_json(text)?;
        check_format(&root, LIBRARY_FORMAT)?;
        from_value(root)
    }
}

/// Reads any other file of the library.
pub fn parse_file<T: DeserializeOwned>(text: &str) -> Result<T, ParseError> {
    from_value(parse_json(text)?)
}

fn from_value<T: DeserializeOwned>(root: serde_json::Value) -> Result<T, ParseError> {
    serde_json::from_value(root)
        .map_err(|err| ParseError::Invalid(vec![Problem::new("", err.to_string())]))
}

/// One file of search words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WordFile {
    /// Its first word.
    pub first: String,
    /// Its blocks (under `library/words/`).
    #[serde(flatten)]
    pub blocks: Blocks,
}

/// Where the blocks of a word file or of a channel's or tag's numbers are. One block holds every
/// number; several split them by number: block `b` holds the numbers from
/// `b * NUMBERS_PER_BLOCK` to `(b + 1) * NUMBERS_PER_BLOCK - 1`.
///
/// The manifest names two files, not one per block, so that it stays small at a million
/// episodes: the last block is `<last>.json`, and block `b` before it is `<older>-<b>.json`.
/// Both names are hashes of the content (`older` of every block before the last), and a new
/// episode changes only the last block while the epoch stays.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Blocks {
    /// How many blocks (1 when absent).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub blocks: u32,
    /// The name of the blocks before the last, when there are several.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub older: String,
    /// The name of the last block's file.
    pub last: String,
}

fn one() -> u32 {
    1
}

fn is_one(count: &u32) -> bool {
    *count == 1
}

impl Blocks {
    /// The file name (under its folder) of the block holding numbers of block `block`: the only
    /// one, or that one; `None` when there is no such block.
    pub fn file(&self, block: u32) -> Option<String> {
        if self.blocks <= 1 || block.saturating_add(1) == self.blocks {
            Some(format!("{}.json", self.last))
        } else if block < self.blocks {
            Some(format!("{}-{block}.json", self.older))
        } else {
            None
        }
    }

    /// Every block's file name, first to last.
    pub fn files(&self) -> Vec<String> {
        (0..self.blocks.max(1))
            .filter_map(|b| self.file(b))
            .collect()
    }
}

/// A block of a word file: for each word, the numbers of the episodes it occurs in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WordBlock {
    /// [`Manifest::epoch`] of the publish that wrote it.
    pub epoch: String,
    /// Each word with its episode numbers in ascending order, each written as the difference
    /// from the one before (the first from 0).
    pub words: Vec<(String, Vec<u32>)>,
}

/// The channel and tag filters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Facets {
    /// [`Manifest::epoch`].
    pub epoch: String,
    /// Every channel, most episodes first.
    pub channels: Vec<Facet>,
    /// Every tag, most episodes first.
    pub tags: Vec<Facet>,
}

/// One channel or tag, with the files of its episode numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Facet {
    /// As the digests write it.
    pub name: String,
    /// How many episodes.
    pub count: u32,
    /// Its blocks (under `library/facets/`), each a [`NumberBlock`].
    #[serde(flatten)]
    pub blocks: Blocks,
}

/// Episode numbers of one block of a channel or tag.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NumberBlock {
    /// [`Manifest::epoch`].
    pub epoch: String,
    /// Ascending, as differences (see [`WordBlock::words`]).
    pub numbers: Vec<u32>,
}

/// A file of cards (`library/cards/<n>.json`): episodes `n * CARDS_PER_FILE` onwards, oldest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CardFile {
    /// [`Manifest::epoch`].
    pub epoch: String,
    /// The episodes.
    pub cards: Vec<Card>,
}

/// An episode as a library card shows it: the fields of a `digest-index/v1` entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Card {
    /// The digest's id.
    pub id: String,
    /// The episode's title.
    pub title: String,
    /// As the digest writes it.
    pub published: String,
    /// Who published the original.
    pub channel: String,
    /// The summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Topics.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

impl Card {
    /// The card as the library's entry; `None` if its date is not one.
    pub fn entry(&self) -> Option<IndexEntry> {
        Some(IndexEntry {
            id: self.id.clone(),
            title: self.title.clone(),
            published: Published::parse(&self.published)?,
            channel: self.channel.clone(),
            // Cards leave the original's title out: the library does not show it.
            source_title: String::new(),
            summary: self.summary.clone(),
            tags: self.tags.clone(),
        })
    }
}

/// The search words of a text: folded, cut at everything that is not a letter or a digit.
pub fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_string)
        .collect()
}

/// Every search word of an episode, once.
pub fn entry_words(entry: &IndexEntry) -> BTreeSet<String> {
    searched_words(
        &entry.title,
        &entry.channel,
        entry.summary.as_ref(),
        &entry.tags,
    )
}

/// Every search word of a card: the same fields as its episode's, so the same words.
pub fn card_words(card: &Card) -> BTreeSet<String> {
    searched_words(
        &card.title,
        &card.channel,
        card.summary.as_ref(),
        &card.tags,
    )
}

/// The words of the fields a search looks at: title, channel, summary and tags.
fn searched_words(
    title: &String,
    channel: &String,
    summary: Option<&String>,
    tags: &[String],
) -> BTreeSet<String> {
    [Some(title), Some(channel), summary]
        .into_iter()
        .flatten()
        .chain(tags)
        .flat_map(|field| words(field))
        .collect()
}

/// Ascending numbers written as differences from the one before.
pub fn to_differences(numbers: &[u32]) -> Vec<u32> {
    let mut last = 0;
    numbers
        .iter()
        .map(|&n| {
            let step = n.saturating_sub(last);
            last = n;
            step
        })
        .collect()
}

/// The numbers that [`to_differences`] wrote.
pub fn from_differences(steps: &[u32]) -> Vec<u32> {
    let mut last = 0u32;
    steps
        .iter()
        .map(|&step| {
            last = last.saturating_add(step);
            last
        })
        .collect()
}

/// The word files a query word needs: every file that may hold a word beginning with it.
pub fn files_for<'a>(files: &'a [WordFile], prefix: &str) -> &'a [WordFile] {
    // The file holding `prefix` itself (the last whose first word is not after it), and every
    // later one whose first word still begins with it.
    let start = files
        .partition_point(|file| file.first.as_str() <= prefix)
        .saturating_sub(1);
    let end = files
        .partition_point(|file| file.first.as_str() <= prefix || file.first.starts_with(prefix));
    files.get(start..end.max(start)).unwrap_or_default()
}
