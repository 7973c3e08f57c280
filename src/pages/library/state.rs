//! The library's search state: every episode, the query, the episodes that match it and how many
//! cards are shown. Plain reactive state with no DOM: the address bar, the reader's place and the
//! view are built on it.

use crate::components::count_label;
use crate::model::search::narrows;
use crate::model::{IndexEntry, Query, SearchIndex};
use leptos::prelude::*;
use std::time::Duration;

/// Cards added to the page at a time; only these are in the DOM, however large the library.
pub(super) const CARDS_PER_BATCH: usize = 30;

/// One card to show: its position in the library, and the search terms it highlights (joined,
/// as part of its key, so a card is redrawn when its highlighting changes).
pub(super) type VisibleCard = (usize, String, Vec<String>);

/// The library as the reader browses it. `Copy`: every handler and view takes its own.
#[derive(Clone, Copy)]
pub(super) struct Browsing {
    episodes: StoredValue<Vec<IndexEntry>>,
    /// How many episodes the library has.
    pub total: usize,
    /// The search and filters.
    pub query: RwSignal<Query>,
    /// How many cards of the matches are shown.
    pub shown: RwSignal<usize>,
    /// The matches (positions in the library), with the query they answer.
    results: Memo<(Query, Vec<usize>)>,
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
            episodes,
            total,
            query,
            shown: RwSignal::new(CARDS_PER_BATCH),
            results,
        }
    }

    /// How many episodes match.
    pub fn matches(self) -> usize {
        self.results.with(|(_, matches)| matches.len())
    }

    /// How many matches are not shown yet.
    pub fn remaining(self) -> usize {
        self.matches().saturating_sub(self.shown.get())
    }

    /// Whether a search or filter narrows the library.
    pub fn is_narrowed(self) -> bool {
        !self.query.with(Query::is_empty)
    }

    /// "4 episodes", "2 of 4 episodes".
    pub fn count(self) -> String {
        count_label(self.matches(), self.total, self.is_narrowed())
    }

    /// The cards shown, in order.
    pub fn visible(self) -> Vec<VisibleCard> {
        let terms = self.query.with(Query::terms);
        let key = terms.join(" ");
        let shown = self.shown.get();
        self.results.with(|(_, results)| {
            results
                .iter()
                .take(shown)
                .map(|&position| (position, key.clone(), terms.clone()))
                .collect()
        })
    }

    /// The episode at `position` in the library.
    pub fn episode(self, position: usize) -> Option<IndexEntry> {
        self.episodes
            .try_with_value(|episodes| episodes.get(position).cloned())
            .flatten()
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
