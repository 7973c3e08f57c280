//! The split library (`library/`, digest-library/v1) in the browser: each search asks the model
//! which files it needs, fetches them at once, and asks again until it has its first cards. A
//! newer search aborts the older one's requests. A file that fails gives a message and a retry
//! for that search only; a file of another publish (another epoch, or gone mid-deploy) reloads
//! the manifest and searches again.

use crate::fetch::{fetch_text, LoadError};
use crate::model::library_files::{parse_file, Manifest, LIBRARY_DIR, LIBRARY_META};
use crate::model::search::Facet;
use crate::model::split_search::{narrows, Found, LibraryFile, OtherEpoch, SplitLibrary};
use crate::model::{IndexEntry, Query};
use futures::future::join_all;
use leptos::prelude::*;
use web_sys::AbortController;

/// The largest file of the split library the reader loads.
const FILE_LIMIT: usize = 5 * 1024 * 1024;

/// Whether this page is a published site's library that reads `library/`: the publish command
/// says so in `index.html` (`<meta name="digest-library">`) for large libraries.
pub(super) fn is_split() -> bool {
    document()
        .query_selector(&format!("meta[name=\"{LIBRARY_META}\"]"))
        .ok()
        .flatten()
        .is_some()
}

/// Loads the manifest: all the first screen needs. The filters come after it (a search with a
/// filter asks for them itself), so that neither the first screen nor a search waits for them.
pub(super) async fn load_split() -> Result<SplitLibrary, LoadError> {
    let controller = AbortController::new().map_err(|_| LoadError::Network)?;
    let manifest_url = format!("{LIBRARY_DIR}manifest.json");
    let manifest = Manifest::parse(&fetch_text(&manifest_url, FILE_LIMIT, &controller).await?)?;
    Ok(SplitLibrary::new(manifest))
}

/// Where a search over the split library stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Searched {
    /// The search these numbers answer.
    pub query: Query,
    /// Matching episode numbers, newest first, with their cards loaded.
    pub numbers: Vec<u32>,
    /// How many episodes match, once every episode was looked at.
    pub counted: Option<usize>,
    /// Why the last search stopped, if it failed.
    pub failure: Option<LoadError>,
    /// Whether a search is under way.
    pub searching: bool,
}

/// The split library and its latest search. `Copy`, like the rest of the library's state.
#[derive(Clone, Copy)]
pub(super) struct SplitSource {
    library: StoredValue<SplitLibrary>,
    /// The latest search's results.
    pub searched: RwSignal<Searched>,
    retries: RwSignal<u32>,
    generation: StoredValue<u64>,
    controller: StoredValue<Option<AbortController>, LocalStorage>,
    /// The channels and tags with their counts, once the filters file is loaded.
    pub filters: RwSignal<(Vec<Facet>, Vec<Facet>)>,
}

impl SplitSource {
    /// Searches `library` for `query`, enough for `shown` cards and one more, whenever either
    /// changes.
    pub fn new(library: SplitLibrary, query: Signal<Query>, shown: Signal<usize>) -> Self {
        let first = first_screen(&library, query.get_untracked(), shown.get_untracked() + 1);
        let source = Self {
            library: StoredValue::new(library),
            searched: RwSignal::new(first),
            retries: RwSignal::new(0),
            generation: StoredValue::new(0),
            controller: StoredValue::new_local(None),
            filters: RwSignal::new((Vec::new(), Vec::new())),
        };
        source.load_filters();
        Effect::new(move |_| {
            source.retries.track();
            let query = query.get();
            let want = shown.get() + 1;
            source.start(query, want);
        });
        crate::lifecycle::release_on_cleanup(move || source.abort(), ());
        source
    }

    /// Searches again after a failure (and loads the filters, if they failed too).
    pub fn retry(self) {
        self.retries.update(|count| *count += 1);
        self.load_filters();
    }

    /// Loads the filters in the background, unless they are here; a failure leaves the filters
    /// empty until the next retry (a search with a filter loads them itself, and says so if it
    /// cannot).
    fn load_filters(self) {
        if self.show_filters() {
            return;
        }
        let Some(file) = self
            .library
            .try_with_value(|library| LibraryFile::Facets(library.manifest().facets.clone()))
        else {
            return;
        };
        let Ok(controller) = AbortController::new() else {
            return;
        };
        let abort = controller.clone();
        leptos::task::spawn_local(async move {
            if let Ok(text) = fetch_file(&file, &controller).await {
                // Of another publish: the next search reloads the manifest, and its filters.
                let _ = self.library.try_update_value(|library| {
                    library.has(&file) || add(library, &file, &text).is_ok()
                });
                self.show_filters();
            }
        });
        crate::lifecycle::release_on_cleanup(move || abort.abort(), ());
    }

    /// Shows the filters once loaded; whether they are.
    fn show_filters(self) -> bool {
        // Shown once: every search calls this, and the lists never change within a manifest.
        let shown =
            |(channels, tags): &(Vec<Facet>, Vec<Facet>)| !channels.is_empty() || !tags.is_empty();
        if self.filters.with_untracked(shown) {
            return true;
        }
        let Some(Some(filters)) = self.library.try_with_value(|library| {
            library
                .facets()
                .map(|facets| (sorted(&facets.channels), sorted(&facets.tags)))
        }) else {
            return false;
        };
        self.filters.set(filters);
        true
    }

    /// How many episodes the library has.
    pub fn total(self) -> usize {
        self.library
            .try_with_value(|library| library.manifest().episodes as usize)
            .unwrap_or(0)
    }

    /// The episode numbered `number`, once its card is loaded.
    pub fn episode(self, number: u32) -> Option<IndexEntry> {
        self.library
            .try_with_value(|library| library.card(number).and_then(|card| card.entry()))
            .flatten()
    }

    fn abort(self) {
        if let Some(Some(controller)) = self.controller.try_update_value(Option::take) {
            controller.abort();
        }
    }

    fn start(self, query: Query, want: usize) {
        self.abort();
        let Ok(controller) = AbortController::new() else {
            return;
        };
        let _ = self
            .controller
            .try_update_value(|slot| *slot = Some(controller.clone()));
        let Some(mine) = self.generation.try_update_value(|g| {
            *g += 1;
            *g
        }) else {
            return;
        };
        // A narrower query (a letter typed, a filter added) shows at once what the cards on the
        // page already say: the newest of its matches, as far as they reach; its files complete
        // the list.
        let at_once = self.searched.with_untracked(|searched| {
            narrows(&searched.query, &query)
                .then(|| {
                    self.library
                        .try_with_value(|library| library.narrowed(&searched.numbers, &query))
                })
                .flatten()
        });
        self.searched.update(|searched| {
            if let Some(numbers) = at_once {
                searched.query = query.clone();
                searched.numbers = numbers;
                searched.counted = None;
            }
            searched.searching = true;
            searched.failure = None;
        });
        leptos::task::spawn_local(async move {
            let outcome = self.search(&query, want, &controller).await;
            // A newer search has started (or the page is gone): this one's answer is stale.
            if self.generation.try_get_value() != Some(mine) {
                return;
            }
            self.show_filters();
            self.searched.set(match outcome {
                Ok((numbers, counted)) => Searched {
                    query,
                    numbers,
                    counted,
                    failure: None,
                    searching: false,
                },
                Err(failure) => Searched {
                    failure: Some(failure),
                    searching: false,
                    ..self.searched.get_untracked()
                },
            });
        });
    }

    /// Runs one search to its first `want` matches with their cards; after a file of another
    /// publish, once more with the new manifest.
    async fn search(
        self,
        query: &Query,
        want: usize,
        controller: &AbortController,
    ) -> Result<(Vec<u32>, Option<usize>), LoadError> {
        match self.search_once(query, want, controller).await {
            Err(Stale::Publish) => {
                let fresh = load_split().await?;
                self.library.try_update_value(|library| *library = fresh);
                self.search_once(query, want, controller)
                    .await
                    .map_err(Stale::into_error)
            }
            other => other.map_err(Stale::into_error),
        }
    }

    async fn search_once(
        self,
        query: &Query,
        want: usize,
        controller: &AbortController,
    ) -> Result<(Vec<u32>, Option<usize>), Stale> {
        loop {
            let found = self
                .library
                .try_with_value(|library| library.find(query, want))
                .ok_or(Stale::Gone)?;
            let (files, done) = match found {
                Found::Needs(files) => (files, None),
                Found::Matches { numbers, complete } => {
                    let counted = complete.then_some(numbers.len());
                    let shown: Vec<u32> = numbers.into_iter().take(want).collect();
                    // The one past the cards asked for only says that there are more.
                    let carded = shown.get(..want.saturating_sub(1)).unwrap_or(&shown);
                    let cards = self
                        .library
                        .try_with_value(|library| library.cards_needed(carded))
                        .ok_or(Stale::Gone)?;
                    (cards, Some((shown, counted)))
                }
            };
            let texts = join_all(files.iter().map(|file| fetch_file(file, controller))).await;
            for (file, text) in files.iter().zip(texts) {
                let text = text.map_err(Stale::from_load)?;
                self.library
                    .try_update_value(|library| add(library, file, &text))
                    .ok_or(Stale::Gone)?
                    .map_err(Stale::from_add)?;
            }
            if let Some(done) = done {
                return Ok(done);
            }
        }
    }
}

/// The first screen when it needs no file (the newest episodes are in the manifest); otherwise
/// a search under way, so that nothing says "no episodes" before it has looked.
fn first_screen(library: &SplitLibrary, query: Query, want: usize) -> Searched {
    if let Found::Matches { numbers, complete } = library.find(&query, want) {
        let counted = complete.then_some(numbers.len());
        let numbers: Vec<u32> = numbers.into_iter().take(want).collect();
        let carded = numbers.get(..want.saturating_sub(1)).unwrap_or(&numbers);
        if library.cards_needed(carded).is_empty() {
            return Searched {
                query,
                numbers,
                counted,
                ..Searched::default()
            };
        }
    }
    Searched {
        searching: true,
        ..Searched::default()
    }
}

/// Why a search stopped.
enum Stale {
    /// A file of another publish: the manifest is out of date.
    Publish,
    /// A failure to show.
    Failed(LoadError),
    /// The page went away.
    Gone,
}

impl Stale {
    fn from_load(error: LoadError) -> Self {
        match error {
            // Gone mid-deploy: the new manifest no longer names it.
            LoadError::NotFound { .. } => Self::Publish,
            other => Self::Failed(other),
        }
    }

    fn from_add(error: AddError) -> Self {
        match error {
            AddError::Epoch(OtherEpoch) => Self::Publish,
            AddError::Load(error) => Self::Failed(error),
        }
    }

    fn into_error(self) -> LoadError {
        match self {
            Self::Failed(error) => error,
            // Still another publish after reloading; or the page closed, and nobody reads this.
            Self::Publish | Self::Gone => LoadError::Changed,
        }
    }
}

/// Why a fetched file could not be added.
enum AddError {
    Epoch(OtherEpoch),
    Load(LoadError),
}

async fn fetch_file(file: &LibraryFile, controller: &AbortController) -> Result<String, LoadError> {
    fetch_text(
        &format!("{LIBRARY_DIR}{}", file.path()),
        FILE_LIMIT,
        controller,
    )
    .await
}

/// Parses a fetched file into the library.
fn add(library: &mut SplitLibrary, file: &LibraryFile, text: &str) -> Result<(), AddError> {
    let parsed = |err| AddError::Load(LoadError::Parse(err));
    let added = match file {
        LibraryFile::Words(name) => library.add_words(name, parse_file(text).map_err(parsed)?),
        LibraryFile::Facets(name) if *name == library.manifest().facets => {
            library.add_facets(parse_file(text).map_err(parsed)?)
        }
        LibraryFile::Facets(name) => library.add_numbers(name, parse_file(text).map_err(parsed)?),
        LibraryFile::Cards(n) => library.add_cards(*n, parse_file(text).map_err(parsed)?),
    };
    added.map_err(AddError::Epoch)
}

impl From<AddError> for LoadError {
    fn from(error: AddError) -> Self {
        match error {
            AddError::Load(error) => error,
            AddError::Epoch(OtherEpoch) => LoadError::Changed,
        }
    }
}

/// Channels or tags by name, as the filters list them.
fn sorted(facets: &[crate::model::library_files::Facet]) -> Vec<Facet> {
    let mut list: Vec<Facet> = facets
        .iter()
        .map(|facet| (facet.name.clone(), facet.count as usize))
        .collect();
    list.sort();
    list
}
