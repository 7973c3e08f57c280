//! Finding episodes in the library: search as you type, channel and tag filters, highlights.

use super::fold::{fold, fold_with_origins};
use super::index::IndexEntry;
use std::ops::Range;

/// What the reader asked for: words to find, and at most one channel and one tag.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// The search box as typed.
    pub text: String,
    /// Only episodes of this channel.
    pub channel: Option<String>,
    /// Only episodes with this tag.
    pub tag: Option<String>,
}

impl Query {
    /// The folded words of the search text; every one must match.
    pub fn terms(&self) -> Vec<String> {
        fold(&self.text)
            .split_whitespace()
            .map(str::to_string)
            .collect()
    }

    /// Whether nothing narrows the list.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.channel.is_none() && self.tag.is_none()
    }
}

/// The library prepared for searching: each episode's searchable text folded once, up front.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    /// All episodes' folded text end to end, one allocation rather than one per episode.
    text: String,
    /// Where each episode's text ends in `text`.
    ends: Vec<usize>,
}

impl SearchIndex {
    /// Prepares `episodes` (title, channel, summary and tags are searched).
    pub fn new(episodes: &[IndexEntry]) -> Self {
        let mut text = String::new();
        let mut ends = Vec::with_capacity(episodes.len());
        for entry in episodes {
            let fields = [
                Some(&entry.title),
                Some(&entry.channel),
                entry.summary.as_ref(),
            ];
            for field in fields.into_iter().flatten().chain(&entry.tags) {
                // \u{1} separates fields so that a term never matches across two of them.
                text.push('\u{1}');
                text.push_str(&fold(field));
            }
            ends.push(text.len());
        }
        Self { text, ends }
    }

    /// The folded text of the episode at `position`.
    fn haystack(&self, position: usize) -> Option<&str> {
        let start = match position.checked_sub(1) {
            Some(previous) => *self.ends.get(previous)?,
            None => 0,
        };
        self.text.get(start..*self.ends.get(position)?)
    }

    /// Positions of the `episodes` (the ones this index was made from) that match `query`, in
    /// library order (newest first).
    ///
    /// `within`, if given, is an earlier result that is known to contain every match (the reader
    /// typed more letters), so only those are checked.
    pub fn matches(
        &self,
        episodes: &[IndexEntry],
        query: &Query,
        within: Option<&[usize]>,
    ) -> Vec<usize> {
        let terms = query.terms();
        let check = |&position: &usize| {
            episodes
                .get(position)
                .is_some_and(|entry| self.matches_at(position, entry, &terms, query))
        };
        match within {
            Some(candidates) => candidates.iter().copied().filter(check).collect(),
            None => (0..self.ends.len()).filter(check).collect(),
        }
    }

    fn matches_at(
        &self,
        position: usize,
        entry: &IndexEntry,
        terms: &[String],
        query: &Query,
    ) -> bool {
        query
            .channel
            .as_ref()
            .is_none_or(|channel| *channel == entry.channel)
            && query
                .tag
                .as_ref()
                .is_none_or(|tag| entry.tags.contains(tag))
            && self
                .haystack(position)
                .is_some_and(|text| terms.iter().all(|term| text.contains(term.as_str())))
    }
}

/// Whether a query's results are a subset of another's, so the search can start from them.
pub fn narrows(previous: &Query, next: &Query) -> bool {
    let (previous_terms, next_terms) = (previous.terms(), next.terms());
    previous
        .channel
        .as_ref()
        .is_none_or(|c| next.channel.as_ref() == Some(c))
        && previous
            .tag
            .as_ref()
            .is_none_or(|t| next.tag.as_ref() == Some(t))
        && previous_terms
            .iter()
            .all(|old| next_terms.iter().any(|new| new.contains(old.as_str())))
}

/// A channel or tag, and how many episodes have it.
pub type Facet = (String, usize);

/// Every channel and every tag of the library, each with how many episodes have it, by name.
pub fn facets(episodes: &[IndexEntry]) -> (Vec<Facet>, Vec<Facet>) {
    use std::collections::BTreeMap;
    let mut channels: BTreeMap<&str, usize> = BTreeMap::new();
    let mut tags: BTreeMap<&str, usize> = BTreeMap::new();
    for entry in episodes {
        *channels.entry(&entry.channel).or_default() += 1;
        for tag in &entry.tags {
            *tags.entry(tag).or_default() += 1;
        }
    }
    let owned =
        |map: BTreeMap<&str, usize>| map.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    (owned(channels), owned(tags))
}

/// A piece of text to show, marked if it matched a search term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// The original text of the piece.
    pub text: String,
    /// Whether to highlight it.
    pub matched: bool,
}

/// What a search marks in the text it found: its folded words, and where they match.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Terms {
    /// The search's words, folded (lower case, no accents).
    pub words: Vec<String>,
    /// Only where a word begins with one of them: the split library matches words by their
    /// beginnings, so "art" found "Artificial" there, not "start".
    pub word_starts: bool,
}

impl Terms {
    /// Words matched anywhere in the text (the whole library's search).
    pub fn anywhere(words: Vec<String>) -> Self {
        Self {
            words,
            word_starts: false,
        }
    }

    /// Words matched only where a word of the text begins (the split library's search).
    pub fn at_word_starts(words: Vec<String>) -> Self {
        Self {
            words,
            word_starts: true,
        }
    }
}

/// Splits `text` into pieces, marking where `terms` match, ignoring case and accents.
pub fn highlight(text: &str, terms: &Terms) -> Vec<Piece> {
    let Terms { words, word_starts } = terms;
    // The unfiltered list has no terms: no need to fold every card's text.
    if words.iter().all(String::is_empty) {
        return (!text.is_empty())
            .then(|| Piece {
                text: text.to_string(),
                matched: false,
            })
            .into_iter()
            .collect();
    }
    let (folded, origins) = fold_with_origins(text);
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for term in words.iter().filter(|term| !term.is_empty()) {
        for (start, found) in folded.match_indices(term.as_str()) {
            let inside_word = folded
                .get(..start)
                .and_then(|before| before.chars().next_back())
                .is_some_and(char::is_alphanumeric);
            if *word_starts && inside_word {
                continue;
            }
            let from = origins.get(start).copied();
            // The match ends where the character after its last folded byte begins.
            let to = origins
                .get(start + found.len())
                .copied()
                .unwrap_or(text.len());
            if let Some(from) = from {
                ranges.push(from..to.max(from));
            }
        }
    }
    ranges.sort_by_key(|range| range.start);
    let mut pieces = Vec::new();
    let mut at = 0;
    for range in merge(ranges) {
        if let (Some(before), Some(hit)) = (text.get(at..range.start), text.get(range.clone())) {
            if !before.is_empty() {
                pieces.push(Piece {
                    text: before.to_string(),
                    matched: false,
                });
            }
            pieces.push(Piece {
                text: hit.to_string(),
                matched: true,
            });
            at = range.end;
        }
    }
    if let Some(rest) = text.get(at..) {
        if !rest.is_empty() {
            pieces.push(Piece {
                text: rest.to_string(),
                matched: false,
            });
        }
    }
    pieces
}

fn merge(sorted: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut merged: Vec<Range<usize>> = Vec::new();
    for range in sorted {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}
