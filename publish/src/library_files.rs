//! `library/`: the library as `digest-library/v1` (`docs/library-format.md`), small files that a
//! reader loads as its search needs them, built from the same entries as `digests/index.json`.
//!
//! Word, facet and filter files are named after their content, so a manifest can never be paired
//! with a file of another publish; card files are numbered, and carry the epoch.

use digest_reader::model::library_files::{
    entry_words, to_differences, Blocks, Card, CardFile, Facet, Facets, Manifest, NumberBlock,
    WordBlock, WordFile, CARDS_PER_FILE, LIBRARY_DIR, LIBRARY_FORMAT, NUMBERS_PER_BLOCK,
};
use digest_reader::model::IndexEntry;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use xxhash_rust::xxh3::Xxh3;

/// Cards in the manifest: the library's first screen.
pub const NEWEST: usize = 30;

/// About how many bytes of numbers a word file holds before the next word starts another, and
/// past which a file's numbers are split into blocks.
const WORD_FILE_BYTES: usize = 24 * 1024;

/// What the last publish's library was, to keep its epoch while episodes are only added.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryState {
    /// Its epoch.
    pub epoch: String,
    /// How many episodes it numbered.
    pub episodes: usize,
    /// Hash of its ids, oldest first.
    pub order: String,
    /// Every file it wrote under `library/`, to keep for readers still holding its manifest.
    pub files: Vec<String>,
}

/// Every file of the library, with its path from the site root; the manifest last.
pub struct LibraryFiles {
    /// Cards, words and facets.
    pub files: Vec<(String, Vec<u8>)>,
    /// `library/manifest.json`.
    pub manifest: Vec<u8>,
    /// What the next publish needs to know.
    pub state: LibraryState,
}

/// The library of `newest_first` entries (library order).
pub fn library_files(newest_first: &[IndexEntry], previous: &LibraryState) -> LibraryFiles {
    let oldest_first: Vec<&IndexEntry> = newest_first.iter().rev().collect();
    let (epoch, order) = epoch(&oldest_first, previous);
    let mut files = Files::default();

    for (n, chunk) in oldest_first.chunks(CARDS_PER_FILE).enumerate() {
        let file = CardFile {
            epoch: epoch.clone(),
            cards: chunk.iter().map(|entry| card(entry)).collect(),
        };
        files
            .list
            .push((format!("{LIBRARY_DIR}cards/{n}.json"), json(&file)));
    }

    let mut words: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut channels: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    let mut tags: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for (number, entry) in (0u32..).zip(&oldest_first) {
        for word in entry_words(entry) {
            words.entry(word).or_default().push(number);
        }
        channels.entry(&entry.channel).or_default().push(number);
        for tag in &entry.tags {
            let numbers = tags.entry(tag).or_default();
            // A tag written twice in one digest is one episode.
            if numbers.last() != Some(&number) {
                numbers.push(number);
            }
        }
    }

    let word_files = word_files(&words, &epoch, &mut files);
    let facets = Facets {
        epoch: epoch.clone(),
        channels: facet_list(&channels, &epoch, &mut files),
        tags: facet_list(&tags, &epoch, &mut files),
    };
    let facets_name = format!("{}.json", files.named(json(&facets), "facets"));
    let manifest = Manifest {
        format: LIBRARY_FORMAT.to_string(),
        epoch: epoch.clone(),
        episodes: u32::try_from(oldest_first.len()).unwrap_or(u32::MAX),
        newest: newest_first.iter().take(NEWEST).map(card).collect(),
        words: word_files,
        facets: facets_name,
    };
    let state = LibraryState {
        epoch,
        episodes: oldest_first.len(),
        order,
        files: files.list.iter().map(|(path, _)| path.clone()).collect(),
    };
    LibraryFiles {
        files: files.list,
        manifest: json(&manifest),
        state,
    }
}

/// The epoch: the last one while the episodes it numbered keep their numbers (new ones were only
/// added after them), a new one otherwise. Also the hash of the order, for the next time.
fn epoch(oldest_first: &[&IndexEntry], previous: &LibraryState) -> (String, String) {
    let mut hasher = Xxh3::new();
    let mut then = None;
    for (i, entry) in oldest_first.iter().enumerate() {
        if i == previous.episodes {
            then = Some(hasher.digest128());
        }
        hasher.update(entry.id.as_bytes());
        hasher.update(b"\n");
    }
    let order = hasher.digest128();
    if previous.episodes == oldest_first.len() {
        then = Some(order);
    }
    let kept = previous.episodes > 0
        && !previous.epoch.is_empty()
        && then.is_some_and(|hash| format!("{hash:032x}") == previous.order);
    let order = format!("{order:032x}");
    let epoch = if kept {
        previous.epoch.clone()
    } else {
        order.get(..16).unwrap_or_default().to_string()
    };
    (epoch, order)
}

fn card(entry: &IndexEntry) -> Card {
    Card {
        id: entry.id.clone(),
        title: entry.title.clone(),
        published: entry.published.machine().to_string(),
        channel: entry.channel.clone(),
        summary: entry.summary.clone(),
        tags: entry.tags.clone(),
    }
}

/// The words in files of about [`WORD_FILE_BYTES`], each split into blocks when larger.
fn word_files(words: &BTreeMap<String, Vec<u32>>, epoch: &str, files: &mut Files) -> Vec<WordFile> {
    let mut list = Vec::new();
    let mut group: Vec<(&String, &Vec<u32>)> = Vec::new();
    let mut bytes = 0;
    let flush = |group: &mut Vec<(&String, &Vec<u32>)>, files: &mut Files| {
        let first = group.first()?.0.clone();
        let bodies = blocks_of(group)
            .into_iter()
            .map(|block| {
                json(&WordBlock {
                    epoch: epoch.to_string(),
                    words: block,
                })
            })
            .collect();
        let blocks = files.blocks(bodies, "words");
        group.clear();
        Some(WordFile { first, blocks })
    };
    for (word, numbers) in words {
        let size = word.len() + 4 * numbers.len();
        if bytes > 0 && bytes + size > WORD_FILE_BYTES {
            list.extend(flush(&mut group, files));
            bytes = 0;
        }
        group.push((word, numbers));
        bytes += size;
    }
    list.extend(flush(&mut group, files));
    list
}

/// A group's words as one block, or, when the group is large, as one block per
/// [`NUMBERS_PER_BLOCK`] episode numbers.
fn blocks_of(group: &[(&String, &Vec<u32>)]) -> Vec<Vec<(String, Vec<u32>)>> {
    let total: usize = group.iter().map(|(_, numbers)| numbers.len()).sum();
    let largest = group
        .iter()
        .flat_map(|(_, numbers)| numbers.last())
        .max()
        .copied()
        .unwrap_or(0);
    let block_count = if total * 4 <= WORD_FILE_BYTES {
        1
    } else {
        (largest / NUMBERS_PER_BLOCK) as usize + 1
    };
    (0..block_count)
        .map(|b| {
            group
                .iter()
                .filter_map(|(word, numbers)| {
                    // Numbers ascend: the block's are one run, found by bisection (filtering
                    // every number for every block made a million episodes 70 times slower
                    // than a hundred thousand).
                    let inside: &[u32] = if block_count == 1 {
                        numbers
                    } else {
                        let low = (b as u32) * NUMBERS_PER_BLOCK;
                        let high = low.saturating_add(NUMBERS_PER_BLOCK);
                        let from = numbers.partition_point(|n| *n < low);
                        let to = numbers.partition_point(|n| *n < high);
                        numbers.get(from..to).unwrap_or_default()
                    };
                    (!inside.is_empty()).then(|| ((*word).clone(), to_differences(inside)))
                })
                .collect()
        })
        .collect()
}

/// Channels or tags, most episodes first, each with its number blocks written.
fn facet_list(facets: &BTreeMap<&str, Vec<u32>>, epoch: &str, files: &mut Files) -> Vec<Facet> {
    let mut list: Vec<Facet> = facets
        .iter()
        .map(|(name, numbers)| {
            let name_owned = name.to_string();
            let bodies = blocks_of(&[(&name_owned, numbers)])
                .into_iter()
                .map(|block| {
                    let numbers = block.into_iter().next().map(|(_, n)| n).unwrap_or_default();
                    json(&NumberBlock {
                        epoch: epoch.to_string(),
                        numbers,
                    })
                })
                .collect();
            let blocks = files.blocks(bodies, "facets");
            Facet {
                name: name_owned,
                count: u32::try_from(numbers.len()).unwrap_or(u32::MAX),
                blocks,
            }
        })
        .collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    list
}

/// Files being made, each once.
#[derive(Default)]
struct Files {
    list: Vec<(String, Vec<u8>)>,
    paths: HashSet<String>,
}

impl Files {
    /// Adds `body` as `library/<folder>/<hash>.json` (once, however often it occurs) and returns
    /// the hash that names it.
    fn named(&mut self, body: Vec<u8>, folder: &str) -> String {
        let hash = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&body));
        self.add(format!("{LIBRARY_DIR}{folder}/{hash}.json"), body);
        hash
    }

    fn add(&mut self, path: String, body: Vec<u8>) {
        if self.paths.insert(path.clone()) {
            self.list.push((path, body));
        }
    }

    /// Adds the blocks of one list: the last named after its content, the others after the
    /// content of them all (see [`Blocks`]).
    fn blocks(&mut self, mut bodies: Vec<Vec<u8>>, folder: &str) -> Blocks {
        let last = bodies.pop().unwrap_or_default();
        let mut blocks = Blocks {
            blocks: u32::try_from(bodies.len() + 1).unwrap_or(u32::MAX),
            older: String::new(),
            last: self.named(last, folder),
        };
        if !bodies.is_empty() {
            let mut hasher = Xxh3::new();
            for body in &bodies {
                hasher.update(body);
            }
            blocks.older = format!("{:016x}", hasher.digest());
            for (b, body) in bodies.into_iter().enumerate() {
                self.add(
                    format!("{LIBRARY_DIR}{folder}/{}-{b}.json", blocks.older),
                    body,
                );
            }
        }
        blocks
    }
}

fn json(value: &impl Serialize) -> Vec<u8> {
    let mut bytes = serde_json::to_vec(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
