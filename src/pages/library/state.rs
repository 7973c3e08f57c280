//! The library's search state: every episode, the query, the episodes that match it and how many
//! cards are shown. Plain reactive state with no DOM: the address bar, the reader's place and the
//! view are built on it.

use super::split::SplitSource;
use crate::components::{count_label, grouped};
use crate::fetch::LoadError;
use crate::model::search::{narrows, Facet, Terms};
use crate::model::split_search::{search_terms, SplitLibrary};
use crate::model::{IndexEntry, Query, SearchIndex};
use leptos::prelude::*;
use std::time::Duration;

/// Cards added to the page at a time; only these are in the DOM, however large the library.
pub(super) const CARDS_PER_BATCH: usize = 30;

/// The library as the reader browses it. `Copy`: every handler and view takes its own.
#[derive(Clone, Copy)]
pub(super) struct Browsing {
    source: Source,
    /// How many episodes the library has.
    pub total: usize,
    /// The search and filters.
    pub query: RwSignal<Query>,
    /// How many cards of the matches are shown.
    pub shown: RwSignal<usize>,
}

/// Where the episodes come from.
#[derive(Clone, Copy)]
enum Source {
    /// `digests/index.json`, searched in memory.
    Whole {
        episodes: StoredValue<Vec<IndexEntry>>,
        /// The matches (positions in the library), with the query they answer.
        results: Memo<(Query, Vec<usize>)>,
    },
    /// `library/`, searched file by file.
    Split(SplitSource),
}

impl Browsing {
    /// Browsing `episodes` (newest first), starting at `query` with one batch of cards.
    pub fn new(episodes: Vec<IndexEntry>, query: Query) -> Self {
        let total = episodes.len();
        let episodes = StoredValue::new(episodes);
        // Folding every episode's text takes a while on large libraries, and the unfiltered list
        // does not need it: it is built after the first screen is shown, or at the first search
        // if sooner.
        let index = StoredValue::new(None::<SearchIndex>);
        set_timeout(
            move || build_index(index, episodes),
            Duration::from_millis(200),
        );
        let query = RwSignal::new(query);
        // A query that narrows the last one searches only within its matches.
        let results = Memo::new(move |last: Option<&(Query, Vec<usize>)>| {
            let query = query.get();
            if query.is_empty() {
                return (query, (0..total).collect());
            }
            build_index(index, episodes);
            let within = last
                .filter(|(earlier, _)| narrows(earlier, &query))
                .map(|(_, matches)| matches.as_slice());
            let matches = index
                .try_with_value(|index| {
                    let index = index.as_ref()?;
                    episodes.try_with_value(|all| index.matches(all, &query, within))
                })
                .flatten()
                .unwrap_or_default();
            (query, matches)
        });
        Self {
            source: Source::Whole { episodes, results },
            total,
            query,
            shown: RwSignal::new(CARDS_PER_BATCH),
        }
    }

    /// Browsing the split library, starting at `query` with one batch of cards.
    pub fn split(library: SplitLibrary, query: Query) -> Self {
        let query = RwSignal::new(query);
        let shown = RwSignal::new(CARDS_PER_BATCH);
        let source = SplitSource::new(library, query.into(), shown.into());
        Self {
            total: source.total(),
            source: Source::Split(source),
            query,
            shown,
        }
    }

    /// How many episodes match (in the split library: how many were found so far).
    pub fn matches(self) -> usize {
        match self.source {
            Source::Whole { results, .. } => results.with(|(_, matches)| matches.len()),
            Source::Split(split) => split
                .searched
                .with(|searched| searched.counted.unwrap_or(searched.numbers.len())),
        }
    }

    /// Whether every match is known (always, but while the split library is still looking).
    fn counted(self) -> bool {
        match self.source {
            Source::Whole { .. } => true,
            Source::Split(split) => split.searched.with(|searched| searched.counted.is_some()),
        }
    }

    /// How many matches are not shown yet (in the split library, at least 1 while it has not
    /// looked at every episode).
    pub fn remaining(self) -> usize {
        self.matches().saturating_sub(self.shown.get())
    }

    /// Whether there are matches after the cards asked for.
    pub fn has_more(self) -> bool {
        self.remaining() > 0
    }

    /// Whether the next batch can be asked for: there are more, and the cards asked for are all
    /// there (the split library fetches them; asking again before would only start over).
    pub fn ready_for_more(self) -> bool {
        self.has_more() && self.shown_cards() >= self.shown.get()
    }

    /// How many cards are on the page.
    pub fn shown_cards(self) -> usize {
        let shown = self.shown.get();
        match self.source {
            Source::Whole { results, .. } => results.with(|(_, matches)| matches.len().min(shown)),
            Source::Split(split) => split
                .searched
                .with(|searched| searched.numbers.len().min(shown)),
        }
    }

    /// The "Show more" button's words.
    pub fn more_label(self) -> String {
        if self.counted() {
            format!("Show more ({} left)", grouped(self.remaining()))
        } else {
            "Show more".to_string()
        }
    }

    /// Whether a search or filter narrows the library.
    pub fn is_narrowed(self) -> bool {
        !self.query.with(Query::is_empty)
    }

    /// "4 episodes", "2 of 4 episodes", "30+ of 100,000 episodes".
    pub fn count(self) -> String {
        let narrowed = self.is_narrowed();
        if !narrowed || self.counted() {
            count_label(self.matches(), self.total, narrowed)
        } else {
            let shown = self.matches().min(self.shown.get());
            format!(
                "{}+ of {}",
                grouped(shown),
                count_label(self.total, self.total, false)
            )
        }
    }

    /// Whether the split library is still fetching files for the current search.
    pub fn searching(self) -> bool {
        match self.source {
            Source::Whole { .. } => false,
            Source::Split(split) => split.searched.with(|searched| searched.searching),
        }
    }

    /// Why the current search could not finish, with a retry; never for the whole index, whose
    /// failures the page shows.
    pub fn failure(self) -> Option<LoadError> {
        match self.source {
            Source::Whole { .. } => None,
            Source::Split(split) => split.searched.with(|searched| searched.failure.clone()),
        }
    }

    /// The split library's channels and tags, which arrive after its first screen; none for the
    /// whole index (its page counts them from the episodes).
    pub fn filters(self) -> Signal<(Vec<Facet>, Vec<Facet>)> {
        match self.source {
            Source::Whole { .. } => Signal::stored((Vec::new(), Vec::new())),
            Source::Split(split) => split.filters.into(),
        }
    }

    /// Tries the current search again.
    pub fn retry(self) {
        if let Source::Split(split) = self.source {
            split.retry();
        }
    }

    /// The cards shown, in order, by their position in the library (the split library's
    /// episode numbers): the same episode keeps its card from one keystroke to the next.
    pub fn visible(self) -> Vec<usize> {
        let shown = self.shown.get();
        match self.source {
            Source::Whole { results, .. } => {
                results.with(|(_, results)| results.iter().take(shown).copied().collect())
            }
            Source::Split(split) => split.searched.with(|searched| {
                searched
                    .numbers
                    .iter()
                    .take(shown)
                    .map(|&n| n as usize)
                    .collect()
            }),
        }
    }

    /// What the cards shown mark: the whole library's search matches anywhere in the text; the
    /// split library's, words by how they begin (and its cards answer the search they loaded
    /// for, not the one being typed).
    pub fn terms(self) -> Terms {
        match self.source {
            Source::Whole { .. } => Terms::anywhere(self.query.with(Query::terms)),
            Source::Split(split) => Terms::at_word_starts(
                split
                    .searched
                    .with(|searched| search_terms(&searched.query)),
            ),
        }
    }

    /// The episode at `position` in the library (in the split library, its number).
    pub fn episode(self, position: usize) -> Option<IndexEntry> {
        match self.source {
            Source::Whole { episodes, .. } => episodes
                .try_with_value(|episodes| episodes.get(position).cloned())
                .flatten(),
            Source::Split(split) => split.episode(u32::try_from(position).ok()?),
        }
    }

    /// Shows `next`, from its first batch of cards.
    pub fn show(self, next: Query) {
        self.shown.set(CARDS_PER_BATCH);
        self.query.set(next);
    }

    /// Shows one more batch of cards.
    pub fn show_more(self) {
        self.shown.update(|shown| *shown += CARDS_PER_BATCH);
    }
}

/// Builds the search index unless it is there. The timer may fire after the library is gone,
/// when its stored values are disposed: the `try_` forms then do nothing.
fn build_index(index: StoredValue<Option<SearchIndex>>, episodes: StoredValue<Vec<IndexEntry>>) {
    if index.try_with_value(Option::is_none) != Some(true) {
        return;
    }
    if let Some(built) = episodes.try_with_value(|episodes| SearchIndex::new(episodes)) {
        let _ = index.try_set_value(Some(built));
    }
}
