//! Search over the split library (`digest-library/v1`): which files a query needs, and its
//! matches, newest first, from the files loaded so far. No fetching here: the app loads what
//! [`Found::Needs`] names and asks again; the publish command's tests drive it from memory.

use super::library_files::{
    card_words, files_for, from_differences, words, Card, CardFile, Facet, Facets, Manifest,
    NumberBlock, WordBlock, CARDS_PER_FILE, NUMBERS_PER_BLOCK,
};
use super::search::Query;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

/// A file of the split library, by its path under `library/`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LibraryFile {
    /// `words/<name>`.
    Words(String),
    /// `facets/<name>`: the filters (the manifest's `facets`) or a block of numbers.
    Facets(String),
    /// `cards/<n>.json`.
    Cards(u32),
}

impl LibraryFile {
    /// Its path under `library/`.
    pub fn path(&self) -> String {
        match self {
            Self::Words(name) => format!("words/{name}"),
            Self::Facets(name) => format!("facets/{name}"),
            Self::Cards(n) => format!("cards/{n}.json"),
        }
    }
}

/// A file that belongs to another epoch: the site was published again while it was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OtherEpoch;

/// What a search found so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// These files first.
    Needs(Vec<LibraryFile>),
    /// Episode numbers, newest first: at least the number asked for, unless `complete`.
    Matches {
        /// The numbers.
        numbers: Vec<u32>,
        /// Whether every episode was looked at (the count is exact).
        complete: bool,
    },
}

/// The split library as far as it is loaded.
#[derive(Clone, Debug)]
pub struct SplitLibrary {
    manifest: Manifest,
    words: HashMap<String, Vec<(String, Vec<u32>)>>,
    facets: Option<Facets>,
    numbers: HashMap<String, Vec<u32>>,
    cards: HashMap<u32, Vec<Card>>,
}

impl SplitLibrary {
    /// A library with nothing but its manifest loaded.
    pub fn new(manifest: Manifest) -> Self {
        Self {
            manifest,
            words: HashMap::new(),
            facets: None,
            numbers: HashMap::new(),
            cards: HashMap::new(),
        }
    }

    /// The manifest.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The filters, once loaded.
    pub fn facets(&self) -> Option<&Facets> {
        self.facets.as_ref()
    }

    fn same_epoch(&self, epoch: &str) -> Result<(), OtherEpoch> {
        (epoch == self.manifest.epoch)
            .then_some(())
            .ok_or(OtherEpoch)
    }

    /// Adds a loaded word block.
    pub fn add_words(&mut self, name: &str, block: WordBlock) -> Result<(), OtherEpoch> {
        self.same_epoch(&block.epoch)?;
        let words = block
            .words
            .into_iter()
            .map(|(word, steps)| (word, from_differences(&steps)))
            .collect();
        self.words.insert(name.to_string(), words);
        Ok(())
    }

    /// Adds the loaded filters.
    pub fn add_facets(&mut self, facets: Facets) -> Result<(), OtherEpoch> {
        self.same_epoch(&facets.epoch)?;
        self.facets = Some(facets);
        Ok(())
    }

    /// Adds a loaded block of a channel's or tag's numbers.
    pub fn add_numbers(&mut self, name: &str, block: NumberBlock) -> Result<(), OtherEpoch> {
        self.same_epoch(&block.epoch)?;
        self.numbers
            .insert(name.to_string(), from_differences(&block.numbers));
        Ok(())
    }

    /// Adds a loaded card file.
    pub fn add_cards(&mut self, n: u32, file: CardFile) -> Result<(), OtherEpoch> {
        self.same_epoch(&file.epoch)?;
        self.cards.insert(n, file.cards);
        Ok(())
    }

    /// Whether a file is loaded.
    pub fn has(&self, file: &LibraryFile) -> bool {
        match file {
            LibraryFile::Words(name) => self.words.contains_key(name),
            LibraryFile::Facets(name) if *name == self.manifest.facets => self.facets.is_some(),
            LibraryFile::Facets(name) => self.numbers.contains_key(name),
            LibraryFile::Cards(n) => self.cards.contains_key(n),
        }
    }

    /// The card of episode `number`: from the manifest for the newest, else once its file is
    /// loaded.
    pub fn card(&self, number: u32) -> Option<&Card> {
        if let Some(card) = self.newest(number) {
            return Some(card);
        }
        let file = number / CARDS_PER_FILE as u32;
        self.cards
            .get(&file)?
            .get((number % CARDS_PER_FILE as u32) as usize)
    }

    /// The card of episode `number` if the manifest carries it.
    fn newest(&self, number: u32) -> Option<&Card> {
        let from_newest = self.manifest.episodes.checked_sub(number)?.checked_sub(1)?;
        self.manifest.newest.get(from_newest as usize)
    }

    /// The card files that `numbers` need and that are not loaded.
    pub fn cards_needed(&self, numbers: &[u32]) -> Vec<LibraryFile> {
        let files: BTreeSet<u32> = numbers
            .iter()
            .filter(|n| self.newest(**n).is_none())
            .map(|n| n / CARDS_PER_FILE as u32)
            .filter(|file| !self.cards.contains_key(file))
            .collect();
        files.into_iter().map(LibraryFile::Cards).collect()
    }

    /// How many blocks of numbers the library has.
    fn block_count(&self) -> u32 {
        self.manifest.episodes.div_ceil(NUMBERS_PER_BLOCK).max(1)
    }

    /// The newest `want` matches of `query` (or all, if fewer), or the files needed first. Query
    /// words of one letter are not searched (they would need a large part of the index).
    pub fn find(&self, query: &Query, want: usize) -> Found {
        let terms = search_terms(query);
        let mut filters: Vec<&Facet> = Vec::new();
        let asked = [(&query.channel, true), (&query.tag, false)];
        for (name, channel) in asked
            .into_iter()
            .filter_map(|(n, c)| Some((n.as_ref()?, c)))
        {
            match self.facet(name, channel) {
                Err(needs) => return Found::Needs(needs),
                Ok(Some(facet)) => filters.push(facet),
                // A filter naming no channel or tag of the library matches nothing.
                Ok(None) => {
                    return Found::Matches {
                        numbers: Vec::new(),
                        complete: true,
                    }
                }
            }
        }
        let mut numbers = Vec::new();
        for (searched, block) in (0u32..).zip((0..self.block_count()).rev()) {
            let mut needs = self.missing_in_block(&terms, &filters, block);
            if !needs.is_empty() {
                // Ask for the blocks that the matches so far suggest are needed, at once: a
                // search that finds little in the newest blocks would otherwise take a round
                // trip per block (16 at a million episodes).
                let ahead = blocks_ahead(searched, numbers.len(), want);
                for older in (0..block).rev().take(ahead.saturating_sub(1) as usize) {
                    needs.extend(self.missing_in_block(&terms, &filters, older));
                }
                needs.sort();
                needs.dedup();
                return Found::Needs(needs);
            }
            let low = block * NUMBERS_PER_BLOCK;
            let range = low..low.saturating_add(NUMBERS_PER_BLOCK);
            let sets: Vec<BTreeSet<u32>> = terms
                .iter()
                .map(|term| self.term_in_block(term, block, &range))
                .chain(
                    filters
                        .iter()
                        .map(|facet| self.facet_in_block(facet, block, &range)),
                )
                .collect();
            let mut found: Vec<u32> = match sets.split_first() {
                Some((first, rest)) => first
                    .iter()
                    .copied()
                    .filter(|n| rest.iter().all(|set| set.contains(n)))
                    .collect(),
                None => range
                    .clone()
                    .take_while(|n| *n < self.manifest.episodes)
                    .collect(),
            };
            found.reverse();
            numbers.extend(found);
            if numbers.len() >= want && block > 0 {
                return Found::Matches {
                    numbers,
                    complete: false,
                };
            }
        }
        Found::Matches {
            numbers,
            complete: true,
        }
    }

    /// The numbers of `shown` (the newest matches of a query that `next` [`narrows`], newest
    /// first) whose cards match `next`, up to the first whose card is not loaded: the newest
    /// matches of `next` as far as `shown` reaches, at once, before any file of `next` is loaded.
    pub fn narrowed(&self, shown: &[u32], next: &Query) -> Vec<u32> {
        let terms = search_terms(next);
        shown
            .iter()
            .map_while(|&n| Some((n, self.card(n)?)))
            .filter(|(_, card)| card_matches(card, &terms, next))
            .map(|(n, _)| n)
            .collect()
    }

    /// The files of block `block` of each query word and filter that are not loaded yet.
    fn missing_in_block(
        &self,
        terms: &[String],
        filters: &[&Facet],
        block: u32,
    ) -> Vec<LibraryFile> {
        let words = terms
            .iter()
            .flat_map(|term| files_for(&self.manifest.words, term))
            .filter_map(|file| file.blocks.file(block))
            .filter(|name| !self.words.contains_key(name))
            .map(LibraryFile::Words);
        let numbers = filters
            .iter()
            .filter_map(|facet| facet.blocks.file(block))
            .filter(|name| !self.numbers.contains_key(name))
            .map(LibraryFile::Facets);
        words.chain(numbers).collect()
    }

    /// The filter of a channel or tag, or the filters file when it is not loaded.
    fn facet(&self, name: &str, channel: bool) -> Result<Option<&Facet>, Vec<LibraryFile>> {
        let Some(facets) = &self.facets else {
            return Err(vec![LibraryFile::Facets(self.manifest.facets.clone())]);
        };
        let list = if channel {
            &facets.channels
        } else {
            &facets.tags
        };
        Ok(list.iter().find(|facet| facet.name == name))
    }

    /// The numbers within `range` of the episodes with a word beginning with `term` (its blocks
    /// loaded: see [`Self::missing_in_block`]).
    fn term_in_block(&self, term: &str, block: u32, range: &Range<u32>) -> BTreeSet<u32> {
        files_for(&self.manifest.words, term)
            .iter()
            .filter_map(|file| self.words.get(&file.blocks.file(block)?))
            .flatten()
            .filter(|(word, _)| word.starts_with(term))
            .flat_map(|(_, numbers)| numbers.iter().copied().filter(|n| range.contains(n)))
            .collect()
    }

    /// The numbers within `range` of a channel's or tag's episodes (its block loaded: see
    /// [`Self::missing_in_block`]).
    fn facet_in_block(&self, facet: &Facet, block: u32, range: &Range<u32>) -> BTreeSet<u32> {
        facet
            .blocks
            .file(block)
            .and_then(|name| self.numbers.get(&name))
            .into_iter()
            .flatten()
            .copied()
            .filter(|n| range.contains(n))
            .collect()
    }
}

/// How many blocks to ask for in one round, after `searched` blocks gave `found` of the `want`
/// matches: one at first; then as many as the rate so far says the rest needs, at most twice
/// the blocks searched (doubling when nothing was found).
fn blocks_ahead(searched: u32, found: usize, want: usize) -> u32 {
    if searched == 0 {
        return 1;
    }
    let most = searched.saturating_mul(2);
    if found == 0 {
        return most;
    }
    let rest = want.saturating_sub(found) as u64;
    let estimate = (rest * u64::from(searched)).div_ceil(found as u64);
    u32::try_from(estimate).unwrap_or(u32::MAX).clamp(1, most)
}

/// The words of a query that the split library searches: those of two letters or more.
pub fn search_terms(query: &Query) -> Vec<String> {
    words(&query.text)
        .into_iter()
        .filter(|word| word.chars().count() > 1)
        .collect()
}

/// Whether every match of `next` is a match of `previous`: each of its searched words begins one
/// of `next`'s, and its filters are `next`'s.
pub fn narrows(previous: &Query, next: &Query) -> bool {
    let next_terms = search_terms(next);
    let kept = |old: &Option<String>, new: &Option<String>| old.is_none() || old == new;
    kept(&previous.channel, &next.channel)
        && kept(&previous.tag, &next.tag)
        && search_terms(previous)
            .iter()
            .all(|old| next_terms.iter().any(|new| new.starts_with(old.as_str())))
}

/// Whether a card matches a query's searched words and filters, as the library's files say.
fn card_matches(card: &Card, terms: &[String], query: &Query) -> bool {
    let own = card_words(card);
    query.channel.as_ref().is_none_or(|c| *c == card.channel)
        && query.tag.as_ref().is_none_or(|t| card.tags.contains(t))
        && terms
            .iter()
            .all(|term| own.iter().any(|word| word.starts_with(term.as_str())))
}
