//! What a reader of the split library (digest-library/v1) downloads for the first screen of a
//! search: drives `SplitLibrary` over a published `library/` folder as the app would (load what
//! `find` names, ask again, then the card files of the first 30), and counts the files, their
//! bytes as written and as a host would serve them (brotli 11, or the `.br` beside the file), the
//! rounds of requests, and the host CPU time spent parsing and searching. The bytes half of the
//! library search benchmark (`bench/library-search.mjs`, issue 12).
//!
//! `cargo run --profile site -p digest-publish --example split_query -- <library-dir> <queries>`
//!
//! `<queries>` is a JSON file: `[{ "label": "…", "text": "…", "channel": "…", "tag": "…",
//! "session": "…" }]` (all but `text` optional), or any other arguments, each a query text.
//! Queries of one `session` (a word typed letter by letter) also run one after the other on one
//! library, as the app keeps what it loaded: `session_*` is what each keystroke adds. Prints one
//! JSON object.

use digest_reader::model::library_files::Manifest;
use digest_reader::model::split_search::{Found, LibraryFile, SplitLibrary};
use digest_reader::model::Query;
use serde::Deserialize;
use serde_json::json;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Results on the library's first screen.
const FIRST_SCREEN: usize = 30;

#[derive(Clone, Debug, Deserialize)]
struct Case {
    #[serde(default)]
    label: Option<String>,
    text: String,
    #[serde(default)]
    channel: Option<String>,
    #[serde(default)]
    tag: Option<String>,
    #[serde(default)]
    session: Option<String>,
}

/// Files read from disk, with their brotli size, each once.
struct Disk {
    root: PathBuf,
    raw: HashMap<String, Vec<u8>>,
    brotli: HashMap<String, usize>,
}

impl Disk {
    fn body(&mut self, path: &str) -> &[u8] {
        if !self.raw.contains_key(path) {
            let body =
                std::fs::read(self.root.join(path)).unwrap_or_else(|err| panic!("{path}: {err}"));
            let served = std::fs::read(self.root.join(format!("{path}.br")))
                .map(|br| br.len())
                .unwrap_or_else(|_| {
                    digest_publish::output::brotli(&body, 11).map_or(body.len(), |b| b.len())
                });
            self.brotli.insert(path.to_string(), served);
            self.raw.insert(path.to_string(), body);
        }
        &self.raw[path]
    }
}

#[derive(Default)]
struct Fetched {
    files: usize,
    kinds: HashMap<&'static str, usize>,
    raw: usize,
    brotli: usize,
    rounds: usize,
    cpu: Duration,
}

/// Runs one search for the first screen on `library`, loading what it asks for from `disk`.
fn search(library: &mut SplitLibrary, disk: &mut Disk, query: &Query) -> (Fetched, usize, bool) {
    let mut fetched = Fetched::default();
    let mut load = |library: &mut SplitLibrary, fetched: &mut Fetched, file: LibraryFile| {
        let path = file.path();
        let body = disk.body(&path).to_vec();
        fetched.files += 1;
        fetched.raw += body.len();
        fetched.brotli += disk.brotli[&path];
        let started = Instant::now();
        let (kind, added) = match &file {
            LibraryFile::Words(name) => (
                "words",
                library.add_words(name, serde_json::from_slice(&body).expect("a word block")),
            ),
            LibraryFile::Facets(name) if *name == library.manifest().facets => (
                "facets",
                library.add_facets(serde_json::from_slice(&body).expect("the filters")),
            ),
            LibraryFile::Facets(name) => (
                "numbers",
                library.add_numbers(name, serde_json::from_slice(&body).expect("numbers")),
            ),
            LibraryFile::Cards(n) => (
                "cards",
                library.add_cards(*n, serde_json::from_slice(&body).expect("cards")),
            ),
        };
        fetched.cpu += started.elapsed();
        added.expect("one epoch");
        *fetched.kinds.entry(kind).or_default() += 1;
    };
    loop {
        let started = Instant::now();
        let found = library.find(query, FIRST_SCREEN);
        fetched.cpu += started.elapsed();
        match found {
            Found::Needs(needs) => {
                fetched.rounds += 1;
                for file in needs {
                    load(library, &mut fetched, file);
                }
            }
            Found::Matches { numbers, complete } => {
                let shown: Vec<u32> = numbers.iter().copied().take(FIRST_SCREEN).collect();
                let cards = library.cards_needed(&shown);
                if !cards.is_empty() {
                    fetched.rounds += 1;
                }
                for file in cards {
                    load(library, &mut fetched, file);
                }
                let started = Instant::now();
                let shown_cards = shown.iter().filter_map(|n| library.card(*n)).count();
                fetched.cpu += started.elapsed();
                assert_eq!(shown_cards, shown.len(), "every card shown is loaded");
                return (fetched, numbers.len(), complete);
            }
        }
    }
}

fn cases(args: &[String]) -> Vec<Case> {
    if let [file] = args {
        if Path::new(file).is_file() {
            let bytes = std::fs::read(file).expect("the queries file");
            return serde_json::from_slice(&bytes).expect("a list of queries");
        }
    }
    args.iter()
        .map(|text| Case {
            label: None,
            text: text.clone(),
            channel: None,
            tag: None,
            session: None,
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((dir, rest)) = args.split_first() else {
        eprintln!("usage: split_query <library-dir> <queries.json | query…>");
        std::process::exit(2);
    };
    let mut disk = Disk {
        root: PathBuf::from(dir),
        raw: HashMap::new(),
        brotli: HashMap::new(),
    };
    let manifest_bytes = disk.body("manifest.json").to_vec();
    let started = Instant::now();
    let manifest: Manifest = serde_json::from_slice(&manifest_bytes).expect("a manifest");
    let manifest_cpu = started.elapsed();

    let mut sessions: HashMap<String, SplitLibrary> = HashMap::new();
    let mut rows = Vec::new();
    for case in cases(rest) {
        let query = Query {
            text: case.text.clone(),
            channel: case.channel.clone(),
            tag: case.tag.clone(),
        };
        let mut fresh = SplitLibrary::new(manifest.clone());
        let (fetched, matches, complete) = search(&mut fresh, &mut disk, &query);
        let mut row = json!({
            "label": case.label.clone().unwrap_or_else(|| case.text.clone()),
            "text": case.text,
            "channel": case.channel,
            "tag": case.tag,
            "files": fetched.files,
            "kinds": fetched.kinds,
            "rounds": fetched.rounds,
            "raw_bytes": fetched.raw,
            "brotli_bytes": fetched.brotli,
            "matches": matches,
            "shown": matches.min(FIRST_SCREEN),
            "complete": complete,
            "cpu_ms": fetched.cpu.as_secs_f64() * 1e3,
        });
        if let Some(session) = &case.session {
            let library = sessions
                .entry(session.clone())
                .or_insert_with(|| SplitLibrary::new(manifest.clone()));
            let (added, _, _) = search(library, &mut disk, &query);
            row["session"] = json!(session);
            row["session_files"] = json!(added.files);
            row["session_raw_bytes"] = json!(added.raw);
            row["session_brotli_bytes"] = json!(added.brotli);
            row["session_cpu_ms"] = json!(added.cpu.as_secs_f64() * 1e3);
        }
        eprintln!(
            "{:<28} {:>3} files {:>9} B raw {:>8} B br  {:>7} matches{}  {:.1} ms",
            row["label"].as_str().unwrap_or(""),
            fetched.files,
            fetched.raw,
            fetched.brotli,
            matches,
            if complete { " (all)" } else { "" },
            fetched.cpu.as_secs_f64() * 1e3,
        );
        rows.push(row);
    }
    let report = json!({
        "episodes": manifest.episodes,
        "word_files": manifest.words.len(),
        "manifest": {
            "raw_bytes": manifest_bytes.len(),
            "brotli_bytes": disk.brotli["manifest.json"],
            "cpu_ms": manifest_cpu.as_secs_f64() * 1e3,
        },
        "first_screen": FIRST_SCREEN,
        "queries": rows,
    });
    println!(
        "{}",
        serde_json::to_string_pretty(&report).unwrap_or_default()
    );
}
