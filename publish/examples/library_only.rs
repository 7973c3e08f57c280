//! Builds only `digests/index.json` and `library/` (digest-library/v1) from a folder of digests,
//! as the publish command does, without episode pages or compressed copies: the index-size and
//! build-time half of the library search benchmark (`bench/library-search.mjs`, issue 12).
//!
//! `cargo run --profile site -p digest-publish --example library_only -- <digests-dir> <out-dir>`
//!
//! Prints one JSON object: entries, seconds (read / build / write), the files and bytes of
//! `library/` (and their brotli bytes at quality 5, the level publish's `Effort::Many` uses for
//! these files), and the bytes of `digests/index.json`. `BROTLI=0` skips the brotli total.
//!
//! `REPEAT=k` (default 1) builds from k copies of the folder's episodes: copy `c` (from 1) has ids
//! suffixed `-x<c>` and dates `12 × c` years earlier (a multiple of 4: 29 February stays valid),
//! so the folder is the newest part of a library k times its size, with the same vocabulary and
//! word frequencies: a million episodes from 100,000 files, without a million files on disk.
//!
//! `APP=<dir>` (a built app, `dist/`) also writes the app and the library's published
//! `index.html` (first screen prerendered, as publish writes it) into `<out-dir>`, with the app's
//! `site.json`: a library page to open in a browser without a million episode pages.

use digest_publish::input::read_folder;
use digest_publish::library::{index_json, newest_first};
use digest_publish::library_files::{library_files, LibraryState};
use digest_reader::model::Published;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [digests, out] = args.as_slice() else {
        eprintln!("usage: library_only <digests-dir> <out-dir>");
        std::process::exit(2);
    };
    let out = PathBuf::from(out);

    let started = Instant::now();
    let folder = match read_folder(Path::new(digests), &|_| {}) {
        Ok(folder) => folder,
        Err(problem) => {
            eprintln!("{}: {}", problem.file.display(), problem.message);
            std::process::exit(1);
        }
    };
    if !folder.problems.is_empty() {
        eprintln!(
            "{} problems; the library is built from the valid digests",
            folder.problems.len()
        );
    }
    let mut entries: Vec<_> = folder.digests.into_iter().map(|c| c.entry).collect();
    let repeat: usize = std::env::var("REPEAT")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1);
    let originals = entries.len();
    for copy in 1..repeat {
        for i in 0..originals {
            let mut entry = entries[i].clone();
            let date = entry.published.machine().to_string();
            let year: i32 = date.get(..4).and_then(|y| y.parse().ok()).expect("a year");
            let shifted = format!("{:04}{}", year - 12 * copy as i32, &date[4..]);
            entry.published = Published::parse(&shifted).expect("a shifted date");
            entry.id = format!("{}-x{copy}", entry.id);
            entries.push(entry);
        }
    }
    let read = started.elapsed().as_secs_f64();

    let started = Instant::now();
    newest_first(&mut entries);
    let index = index_json(&entries);
    let library = library_files(&entries, &LibraryState::default());
    let build = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let write = |path: &str, body: &[u8]| {
        let path = out.join(path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("create the folder");
        }
        std::fs::write(&path, body).expect("write the file");
    };
    write("digests/index.json", &index);
    for dir in ["cards", "words", "facets"] {
        std::fs::create_dir_all(out.join("library").join(dir)).expect("create the folder");
    }
    library
        .files
        .par_iter()
        .for_each(|(path, body)| write(path, body));
    write("library/manifest.json", &library.manifest);
    if let Ok(app) = std::env::var("APP") {
        write_app(Path::new(&app), &out, &entries);
    }
    let written = started.elapsed().as_secs_f64();

    let count = |prefix: &str| {
        let list: Vec<&Vec<u8>> = library
            .files
            .iter()
            .filter(|(path, _)| path.starts_with(prefix))
            .map(|(_, body)| body)
            .collect();
        let bytes: usize = list.iter().map(|body| body.len()).sum();
        let largest = list.iter().map(|body| body.len()).max().unwrap_or(0);
        serde_json::json!({ "files": list.len(), "bytes": bytes, "largest": largest })
    };

    let started = Instant::now();
    let brotli = (std::env::var("BROTLI").as_deref() != Ok("0")).then(|| {
        let files: usize = library
            .files
            .par_iter()
            .map(|(_, body)| digest_publish::output::brotli(body, 5).map_or(0, |b| b.len()))
            .sum();
        files + digest_publish::output::brotli(&library.manifest, 11).map_or(0, |b| b.len())
    });
    let brotli_seconds = started.elapsed().as_secs_f64();

    let bytes: usize = library
        .files
        .iter()
        .map(|(_, body)| body.len())
        .sum::<usize>()
        + library.manifest.len();
    let report = serde_json::json!({
        "entries": entries.len(),
        "files_read": originals,
        "repeat": repeat,
        "seconds": { "read": read, "build": build, "write": written,
                     "brotli_total": brotli.map(|_| brotli_seconds) },
        "library": {
            "files": library.files.len() + 1,
            "bytes": bytes,
            "brotli_bytes": brotli,
            "manifest_bytes": library.manifest.len(),
            "manifest_brotli_bytes": digest_publish::output::brotli(&library.manifest, 11).map(|b| b.len()).ok(),
            "cards": count("library/cards/"),
            "words": count("library/words/"),
            "facets": count("library/facets/"),
            "word_files_in_manifest": serde_json::from_slice::<serde_json::Value>(&library.manifest)
                .ok()
                .and_then(|m| m["words"].as_array().map(Vec::len)),
        },
        "index_json_bytes": index.len(),
    });
    println!(
        "{}",
        serde_json::to_string_pretty(&report).unwrap_or_default()
    );
}

/// The built app in `app`, copied into `out` with the library's published `index.html`.
fn write_app(app: &Path, out: &Path, entries: &[digest_reader::model::IndexEntry]) {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).expect("create the folder");
        for entry in std::fs::read_dir(from).expect("read the app") {
            let entry = entry.expect("an entry");
            let name = entry.file_name();
            if name == "digests" || name == "index.html" {
                continue;
            }
            if entry.file_type().expect("a type").is_dir() {
                copy(&entry.path(), &to.join(&name));
            } else {
                std::fs::copy(entry.path(), to.join(&name)).expect("copy");
            }
        }
    }
    copy(app, out);
    let index = std::fs::read(app.join("index.html")).expect("the app's index.html");
    let site_bytes = std::fs::read(app.join("site.json")).expect("the app's site.json");
    let (site, _) = digest_reader::model::SiteConfig::parse(&String::from_utf8_lossy(&site_bytes));
    let page = digest_publish::publish::library_page(&index, &site, None, entries);
    std::fs::write(out.join("index.html"), page).expect("write index.html");
}
