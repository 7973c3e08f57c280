//! `library/` (digest-library/v1) read back as a reader would: every card in library order, every
//! word's episodes, the filters, and the epoch kept while episodes are only added.

use digest_publish::library::newest_first;
use digest_publish::library_files::{library_files, LibraryFiles, LibraryState};
use digest_reader::model::library_files::{
    entry_words, files_for, from_differences, words, CardFile, Facets, Manifest, NumberBlock,
    WordBlock, CARDS_PER_FILE,
};
use digest_reader::model::split_search::{narrows, Found, LibraryFile, OtherEpoch, SplitLibrary};
use digest_reader::model::{IndexEntry, Published, Query};
use std::collections::{BTreeMap, BTreeSet, HashMap};

const CHANNELS: [&str; 5] = ["Fireship", "Café Économie", "Build Log", "Știri", "Lex"];
const WORDS: [&str; 12] = [
    "deepseek",
    "rust",
    "résumé",
    "inflation",
    "models",
    "the",
    "a",
    "wasm",
    "tiếng",
    "ﬁnance",
    "o3",
    "gpt-4",
];

/// `n` entries, deterministic, with common and rare words; a day apart, oldest first.
fn entries(n: usize) -> Vec<IndexEntry> {
    (0..n)
        .map(|i| {
            let day = i % 28 + 1;
            let month = (i / 28) % 12 + 1;
            let year = 2000 + i / (28 * 12);
            let word = |k: usize| WORDS[(i * 7 + k * 3) % WORDS.len()];
            IndexEntry {
                id: format!("ep-{i:06}"),
                title: format!("The {} and {} #{i}", word(0), word(1)),
                published: Published::parse(&format!("{year:04}-{month:02}-{day:02}"))
                    .expect("a date"),
                channel: CHANNELS[i % CHANNELS.len()].to_string(),
                source_title: format!("Source {i}"),
                summary: (i % 3 != 0).then(|| format!("About {} in {}.", word(2), word(3))),
                tags: if i % 4 == 0 {
                    vec!["ai".into(), "ai".into()]
                } else {
                    vec![word(4).to_string()]
                },
            }
        })
        .collect()
}

fn library(n: usize) -> (Vec<IndexEntry>, LibraryFiles) {
    let mut list = entries(n);
    newest_first(&mut list);
    let files = library_files(&list, &LibraryState::default());
    (list, files)
}

struct Read {
    manifest: Manifest,
    files: HashMap<String, Vec<u8>>,
}

impl Read {
    fn of(library: &LibraryFiles) -> Self {
        Self {
            manifest: serde_json::from_slice(&library.manifest).unwrap(),
            files: library.files.iter().cloned().collect(),
        }
    }

    fn json<T: serde::de::DeserializeOwned>(&self, path: &str) -> T {
        let body = self
            .files
            .get(path)
            .unwrap_or_else(|| panic!("{path} missing"));
        serde_json::from_slice(body).unwrap_or_else(|err| panic!("{path}: {err}"))
    }

    /// Every word with its episode numbers, from the word files.
    fn words(&self) -> BTreeMap<String, BTreeSet<u32>> {
        let mut all: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
        for file in &self.manifest.words {
            for block in file.blocks.files() {
                let block: WordBlock = self.json(&format!("library/words/{block}"));
                assert_eq!(block.epoch, self.manifest.epoch);
                for (word, steps) in block.words {
                    all.entry(word)
                        .or_default()
                        .extend(from_differences(&steps));
                }
            }
        }
        all
    }
}

#[test]
fn cards_list_every_episode_in_library_order_and_the_manifest_opens_with_the_newest() {
    let (list, library) = library(1_000);
    let read = Read::of(&library);
    assert_eq!(read.manifest.format, "digest-library/v1");
    assert_eq!(read.manifest.episodes, 1_000);
    let newest: Vec<&str> = read.manifest.newest.iter().map(|c| c.id.as_str()).collect();
    let expected: Vec<&str> = list.iter().take(30).map(|e| e.id.as_str()).collect();
    assert_eq!(newest, expected);

    let mut oldest_first = Vec::new();
    for n in 0..1_000usize.div_ceil(CARDS_PER_FILE) {
        let file: CardFile = read.json(&format!("library/cards/{n}.json"));
        assert_eq!(file.epoch, read.manifest.epoch);
        oldest_first.extend(file.cards);
    }
    let ids: Vec<&str> = oldest_first.iter().rev().map(|c| c.id.as_str()).collect();
    let expected: Vec<&str> = list.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, expected);
    let last = oldest_first.last().unwrap();
    assert_eq!(last.title, list[0].title);
    assert_eq!(last.summary, list[0].summary);
    assert_eq!(last.tags, list[0].tags);
}

#[test]
fn every_word_lists_exactly_the_episodes_it_occurs_in() {
    // 140,000 episodes: common words need several blocks of numbers.
    let (list, library) = library(140_000);
    let read = Read::of(&library);
    let mut expected: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    for (number, entry) in (0u32..).zip(list.iter().rev()) {
        for word in entry_words(entry) {
            expected.entry(word).or_default().insert(number);
        }
    }
    let found = read.words();
    assert_eq!(found.len(), expected.len());
    assert_eq!(found, expected);
    for folded in ["resume", "tieng", "finance", "gpt", "4", "o3"] {
        assert!(found.contains_key(folded), "{folded}");
    }
    // Common words are split by episode numbers; no block holds much more than its share.
    assert!(read
        .manifest
        .words
        .iter()
        .any(|file| file.blocks.blocks == 3 && file.blocks.files().len() == 3));
    let largest = library
        .files
        .iter()
        .filter(|(path, _)| path.starts_with("library/words/"))
        .map(|(_, body)| body.len())
        .max()
        .unwrap();
    assert!(largest < 600_000, "largest word block {largest} bytes");
}

#[test]
fn a_query_word_finds_its_words_in_the_files_named_for_it() {
    let (_, library) = library(20_000);
    let read = Read::of(&library);
    let all = read.words();
    for prefix in ["d", "de", "deepseek", "t", "the", "ti", "z", "4", "", "ö"] {
        let mut from_files = BTreeSet::new();
        for file in files_for(&read.manifest.words, prefix) {
            for block in file.blocks.files() {
                let block: WordBlock = read.json(&format!("library/words/{block}"));
                from_files.extend(
                    block
                        .words
                        .into_iter()
                        .map(|(word, _)| word)
                        .filter(|word| word.starts_with(prefix)),
                );
            }
        }
        let expected: BTreeSet<String> = all
            .keys()
            .filter(|word| word.starts_with(prefix))
            .cloned()
            .collect();
        assert_eq!(from_files, expected, "{prefix:?}");
    }
}

#[test]
fn filters_count_and_list_each_channel_and_tag() {
    let (list, library) = library(5_000);
    let read = Read::of(&library);
    let facets: Facets = read.json(&format!("library/facets/{}", read.manifest.facets));
    assert_eq!(facets.channels.len(), CHANNELS.len());
    for channel in &facets.channels {
        let mut numbers = Vec::new();
        for block in channel.blocks.files() {
            let block: NumberBlock = read.json(&format!("library/facets/{block}"));
            numbers.extend(from_differences(&block.numbers));
        }
        let expected: Vec<u32> = (0u32..)
            .zip(list.iter().rev())
            .filter(|(_, e)| e.channel == channel.name)
            .map(|(n, _)| n)
            .collect();
        assert_eq!(numbers, expected, "{}", channel.name);
        assert_eq!(channel.count as usize, expected.len());
    }
    let ai = facets.tags.iter().find(|tag| tag.name == "ai").unwrap();
    assert_eq!(ai.count, 1_250, "a tag written twice counts once");
    assert!(facets.channels.windows(2).all(|w| w[0].count >= w[1].count));
}

#[test]
fn the_epoch_stays_while_episodes_are_only_added() {
    let mut list = entries(500);
    newest_first(&mut list);
    let first = library_files(&list, &LibraryState::default());
    let before: HashMap<String, Vec<u8>> = first.files.iter().cloned().collect();

    // One newer episode: the same epoch, and only the newest card file and a few word files new.
    let mut more = entries(501);
    newest_first(&mut more);
    let second = library_files(&more, &first.state);
    assert_eq!(second.state.epoch, first.state.epoch);
    let changed = second
        .files
        .iter()
        .filter(|(path, body)| before.get(path) != Some(body))
        .count();
    assert!(changed < 30, "{changed} files changed");

    // Nothing new: nothing changes.
    let again = library_files(&more, &second.state);
    assert_eq!(again.state, second.state);
    assert_eq!(again.manifest, second.manifest);

    // An episode removed from the middle: every later number moves, so a new epoch.
    let mut fewer = more.clone();
    fewer.remove(250);
    let third = library_files(&fewer, &second.state);
    assert_ne!(third.state.epoch, second.state.epoch);
}

#[test]
fn a_new_episode_changes_only_the_last_block_of_a_long_list() {
    // 140,000 episodes: common words and the commonest tag have three blocks of numbers.
    let mut list = entries(140_000);
    newest_first(&mut list);
    let first = library_files(&list, &LibraryState::default());
    let mut more = entries(140_001);
    newest_first(&mut more);
    let second = library_files(&more, &first.state);
    assert_eq!(second.state.epoch, first.state.epoch);

    let before: HashMap<&String, &Vec<u8>> = first.files.iter().map(|(p, b)| (p, b)).collect();
    let older: Vec<&String> = first
        .files
        .iter()
        .map(|(path, _)| path)
        .filter(|path| path.contains('-'))
        .collect();
    assert!(older.len() > 10, "{} blocks before the last", older.len());
    // Every block before the last keeps its name and its bytes: an upload sends only the rest.
    for (path, body) in &second.files {
        if path.contains('-') {
            assert_eq!(before.get(path), Some(&body), "{path} changed");
        }
    }
    let kept = second
        .files
        .iter()
        .filter(|(path, body)| before.get(path) == Some(&body))
        .count();
    assert!(
        second.files.len() - kept < 40,
        "{} of {} files new",
        second.files.len() - kept,
        second.files.len()
    );
    // The manifest names two files per list, however many blocks it has.
    let manifest: Manifest = serde_json::from_slice(&second.manifest).unwrap();
    let several = manifest
        .words
        .iter()
        .find(|file| file.blocks.blocks == 3)
        .expect("a word of three blocks");
    assert!(!several.blocks.older.is_empty());
    assert_eq!(
        several.blocks.files(),
        [0, 1]
            .map(|b| format!("{}-{b}.json", several.blocks.older))
            .into_iter()
            .chain([format!("{}.json", several.blocks.last)])
            .collect::<Vec<_>>()
    );
}

fn query(text: &str, channel: Option<&str>, tag: Option<&str>) -> Query {
    Query {
        text: text.to_string(),
        channel: channel.map(str::to_string),
        tag: tag.map(str::to_string),
    }
}

/// Loads what `find` asks for until it answers; returns the ids found, whether the search looked
/// at every episode, the bytes of the files it needed (the manifest aside), and how many rounds
/// of requests that took (the card files aside).
fn search(
    library: &mut SplitLibrary,
    files: &HashMap<String, Vec<u8>>,
    query: &Query,
    want: usize,
) -> (Vec<String>, bool, usize, usize) {
    let mut bytes = 0;
    let mut rounds = 0;
    let mut load = |library: &mut SplitLibrary, file: LibraryFile| {
        let body = files
            .get(&format!("library/{}", file.path()))
            .unwrap_or_else(|| panic!("{file:?} missing"));
        bytes += body.len();
        let added = match &file {
            LibraryFile::Words(name) => {
                library.add_words(name, serde_json::from_slice(body).unwrap())
            }
            LibraryFile::Facets(name) if *name == library.manifest().facets => {
                library.add_facets(serde_json::from_slice(body).unwrap())
            }
            LibraryFile::Facets(name) => {
                library.add_numbers(name, serde_json::from_slice(body).unwrap())
            }
            LibraryFile::Cards(n) => library.add_cards(*n, serde_json::from_slice(body).unwrap()),
        };
        added.expect("same epoch");
    };
    loop {
        match library.find(query, want) {
            Found::Needs(needs) => {
                rounds += 1;
                assert!(!needs.is_empty());
                for file in needs {
                    assert!(!library.has(&file), "{file:?} asked for twice");
                    load(library, file);
                }
            }
            Found::Matches { numbers, complete } => {
                let shown: Vec<u32> = numbers.iter().copied().take(want).collect();
                for file in library.cards_needed(&shown) {
                    load(library, file);
                }
                let ids = shown
                    .iter()
                    .map(|n| library.card(*n).expect("loaded").id.clone())
                    .collect();
                return (ids, complete, bytes, rounds);
            }
        }
    }
}

/// The reference: every entry, newest first, whose words begin with each query word of two
/// letters or more, of the channel and with the tag asked for.
fn expected(list: &[IndexEntry], query: &Query) -> Vec<String> {
    let terms: Vec<String> = words(&query.text)
        .into_iter()
        .filter(|w| w.chars().count() > 1)
        .collect();
    list.iter()
        .filter(|entry| {
            let own = entry_words(entry);
            terms
                .iter()
                .all(|t| own.iter().any(|w| w.starts_with(t.as_str())))
                && query.channel.as_ref().is_none_or(|c| *c == entry.channel)
                && query.tag.as_ref().is_none_or(|t| entry.tags.contains(t))
        })
        .map(|entry| entry.id.clone())
        .collect()
}

#[test]
fn a_search_over_the_split_files_finds_what_a_search_over_every_entry_finds() {
    let (list, library) = library(140_000);
    let read = Read::of(&library);
    let cases = [
        query("", None, None),
        query("deep", None, None),
        query("DeepSeek rust", None, None),
        query("résumé", None, Some("ai")),
        query("the", Some("Știri"), None),
        query("tieng", Some("Lex"), Some("ai")),
        query("gpt-4", None, None),
        query("zzz", None, None),
        query("a", None, None),
        query("", Some("Nobody"), None),
        query("#12345", None, None),
    ];
    for case in cases {
        let all = expected(&list, &case);
        for want in [30, 1_000_000] {
            let mut split = SplitLibrary::new(read.manifest.clone());
            let (ids, complete, bytes, rounds) = search(&mut split, &read.files, &case, want);
            let first: Vec<String> = all.iter().take(want).cloned().collect();
            assert_eq!(ids, first, "{case:?}, {want}");
            if complete {
                assert!(all.len() <= want, "{case:?}: complete with more to show");
            }
            if want == 30 {
                eprintln!(
                    "{case:?}: {} found, {bytes} bytes and {rounds} rounds for the first 30",
                    all.len()
                );
                // Three blocks of numbers: the filters when asked for, the newest block, then
                // the other two at once when the newest found too little.
                let filters = usize::from(case.channel.is_some() || case.tag.is_some());
                assert!(rounds <= 2 + filters, "{case:?}: {rounds} rounds");
            }
        }
    }
}

#[test]
fn a_narrower_query_shows_its_newest_matches_from_the_cards_already_loaded() {
    let (list, library) = library(20_000);
    let read = Read::of(&library);
    let typed = [
        (query("d", None, None), query("de", None, None)),
        (query("de", None, None), query("dee", None, None)),
        (query("dee", None, None), query("deepseek", None, None)),
        (query("the", None, None), query("the rust", None, None)),
        (query("rust", None, None), query("rust", Some("Lex"), None)),
        (query("", None, None), query("", None, Some("ai"))),
    ];
    for (previous, next) in typed {
        assert!(narrows(&previous, &next), "{previous:?} → {next:?}");
        let mut split = SplitLibrary::new(read.manifest.clone());
        let (_, _, _, _) = search(&mut split, &read.files, &previous, 30);
        let Found::Matches { numbers, .. } = split.find(&previous, 30) else {
            panic!("{previous:?} loaded");
        };
        let shown: Vec<u32> = numbers.into_iter().take(30).collect();
        let ids: Vec<String> = split
            .narrowed(&shown, &next)
            .iter()
            .map(|n| split.card(*n).unwrap().id.clone())
            .collect();
        let all = expected(&list, &next);
        assert_eq!(
            ids,
            all[..ids.len()],
            "{previous:?} → {next:?}: a prefix of the answer"
        );
        eprintln!(
            "{previous:?} → {next:?}: {} of the first 30 at once",
            ids.len()
        );
    }
    // Not narrower: another word, a word that does not begin with the old one, a filter changed.
    for (previous, next) in [
        (query("rust", None, None), query("go", None, None)),
        (query("ee", None, None), query("dee", None, None)),
        (
            query("", Some("Lex"), None),
            query("", Some("Fireship"), None),
        ),
        (query("", None, Some("ai")), query("", None, None)),
    ] {
        assert!(!narrows(&previous, &next), "{previous:?} → {next:?}");
    }
}

#[test]
fn a_file_of_another_epoch_is_refused() {
    let (_, library) = library(100);
    let read = Read::of(&library);
    let mut split = SplitLibrary::new(read.manifest.clone());
    let mut card: CardFile = read.json("library/cards/0.json");
    card.epoch = "0000000000000000".into();
    assert_eq!(split.add_cards(0, card), Err(OtherEpoch));
    assert!(!split.has(&LibraryFile::Cards(0)));
}
