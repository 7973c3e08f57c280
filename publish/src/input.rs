//! Reading the publisher's folder: every `<id>.json` below it, checked with the reader's own model.

use crate::report::FileProblem;
use digest_reader::model::{Digest, IndexEntry, Library, ParseError};
use rayon::prelude::*;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// One digest file that passed every check, with what the library needs of it. The rest is read
/// again when its pages are written: a million parsed digests would not fit in memory.
#[derive(Clone, Debug)]
pub struct Checked {
    /// Where it was read from.
    pub file: PathBuf,
    /// Hash of the file's bytes, for incremental publishing.
    pub hash: u128,
    /// The library's entry for it.
    pub entry: IndexEntry,
}

/// A digest read in full, to write its pages.
#[derive(Debug)]
pub struct Loaded {
    /// The bytes as given; published unchanged.
    pub bytes: Vec<u8>,
    /// Hash of `bytes`.
    pub hash: u128,
    /// The parsed digest.
    pub digest: Digest,
}

/// What reading the folder found.
#[derive(Debug, Default)]
pub struct Folder {
    /// Valid digests, in file-name order.
    pub digests: Vec<Checked>,
    /// Every problem of every file.
    pub problems: Vec<FileProblem>,
    /// Files that are not digests and were left alone (a `digest-index/v1` `index.json`).
    pub ignored: Vec<PathBuf>,
    /// How many `.json` files were looked at.
    pub files: usize,
}

impl Folder {
    /// The file stems of the digests that had problems: the ids their files claim to be.
    pub fn invalid_stems(&self) -> Vec<String> {
        let mut stems: Vec<String> = self
            .problems
            .iter()
            .filter_map(|problem| stem(&problem.file))
            .collect();
        stems.sort();
        stems.dedup();
        stems
    }
}

/// Reads and checks every `.json` file below `dir` (subfolders too), in parallel.
pub fn read_folder(dir: &Path, progress: &(dyn Fn(u64) + Sync)) -> Result<Folder, FileProblem> {
    let mut files = Vec::new();
    walk(dir, &mut files).map_err(|err| FileProblem::io(dir, &err))?;
    files.sort();
    let results: Vec<Result<Checked, Vec<FileProblem>>> = files
        .par_iter()
        .map(|file| {
            let result = load(file).map(|loaded| Checked {
                file: file.clone(),
                hash: loaded.hash,
                entry: entry_of(loaded.digest),
            });
            progress(1);
            result
        })
        .collect();
    let mut folder = Folder {
        files: files.len(),
        ..Folder::default()
    };
    for (file, result) in files.iter().zip(results) {
        match result {
            Ok(loaded) => folder.digests.push(loaded),
            Err(problems) if is_library_index(file, &problems) => folder.ignored.push(file.clone()),
            Err(problems) => folder.problems.extend(problems),
        }
    }
    folder.files -= folder.ignored.len();
    refuse_duplicates(&mut folder);
    Ok(folder)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if hidden {
            continue;
        }
        if kind.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|ext| ext == "json") {
            out.push(path);
        }
    }
    Ok(())
}

/// The file name without `.json`: the id the file must hold.
pub fn stem(file: &Path) -> Option<String> {
    file.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
}

/// The hash used to notice changed files.
pub fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// The library's entry for a digest.
pub fn entry_of(digest: Digest) -> IndexEntry {
    IndexEntry {
        id: digest.id,
        title: digest.title,
        published: digest.published,
        channel: digest.source.channel,
        source_title: digest.source.title,
        summary: Some(digest.summary.join("\n\n")),
        tags: digest.tags,
    }
}

/// Reads and checks one digest file: valid JSON, a valid digest, named `<id>.json`.
pub fn load(file: &Path) -> Result<Loaded, Vec<FileProblem>> {
    let bytes = fs::read(file).map_err(|err| vec![FileProblem::io(file, &err)])?;
    let text = std::str::from_utf8(&bytes).map_err(|err| {
        vec![FileProblem::at(
            file,
            "",
            format!("not UTF-8 text (bad byte at offset {})", err.valid_up_to()),
        )]
    })?;
    let digest = Digest::parse(text).map_err(|err| FileProblem::of_parse(file, err))?;
    let expected = stem(file).unwrap_or_default();
    if expected == "index" {
        return Err(vec![FileProblem::at(
            file,
            "id",
            "\"index\" is reserved: digests/index.json is the library index",
        )]);
    }
    if digest.id != expected {
        return Err(vec![FileProblem::at(
            file,
            "id",
            format!(
                "is \"{}\", but the file is named {expected}.json (it must be <id>.json)",
                digest.id
            ),
        )]);
    }
    Ok(Loaded {
        hash: hash(&bytes),
        bytes,
        digest,
    })
}

/// An `index.json` that is a library index (as in a reader's own `digests/` folder) is not a
/// digest with problems: it is replaced by the one built from the digests.
fn is_library_index(file: &Path, problems: &[FileProblem]) -> bool {
    if stem(file).as_deref() != Some("index") || problems.len() != 1 {
        return false;
    }
    fs::read_to_string(file)
        .ok()
        .is_some_and(|text| Library::parse(&text).is_ok())
}

/// Two files anywhere below the folder with the same id would publish to one URL: both are refused.
fn refuse_duplicates(folder: &mut Folder) {
    let mut seen: HashMap<String, Vec<PathBuf>> = HashMap::new();
    for loaded in &folder.digests {
        seen.entry(loaded.entry.id.clone())
            .or_default()
            .push(loaded.file.clone());
    }
    let duplicated: HashMap<String, Vec<PathBuf>> = seen
        .into_iter()
        .filter(|(_, files)| files.len() > 1)
        .collect();
    if duplicated.is_empty() {
        return;
    }
    folder.digests.retain(|loaded| {
        let Some(files) = duplicated.get(&loaded.entry.id) else {
            return true;
        };
        let others: Vec<String> = files
            .iter()
            .filter(|file| **file != loaded.file)
            .map(|file| file.display().to_string())
            .collect();
        folder.problems.push(FileProblem::at(
            &loaded.file,
            "id",
            format!(
                "duplicate id \"{}\", also in {}",
                loaded.entry.id,
                others.join(", ")
            ),
        ));
        false
    });
    folder.problems.sort_by(|a, b| a.file.cmp(&b.file));
}

/// An already published digest, the last good version of an episode, if it is still valid.
pub fn read_published(file: &Path) -> Option<Checked> {
    let loaded = load(file).ok()?;
    Some(Checked {
        file: file.to_path_buf(),
        hash: loaded.hash,
        entry: entry_of(loaded.digest),
    })
}

impl FileProblem {
    /// The problems of a digest the model refused.
    pub fn of_parse(file: &Path, err: ParseError) -> Vec<FileProblem> {
        match err {
            ParseError::Syntax {
                line,
                column,
                message,
            } => vec![FileProblem {
                file: file.to_path_buf(),
                path: String::new(),
                line: Some(line),
                column: Some(column),
                message: format!("not valid JSON: {message}"),
            }],
            ParseError::UnknownFormat { .. } => {
                vec![FileProblem::at(file, "format", err.to_string())]
            }
            ParseError::Invalid(problems) => problems
                .into_iter()
                .map(|problem| FileProblem::at(file, &problem.path, problem.message))
                .collect(),
        }
    }
}
