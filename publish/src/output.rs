//! Writing the site: every file appears whole (written beside, then renamed over), identical
//! files are left untouched, and text files get `.br` and `.gz` copies for hosts that serve them.

use serde::Serialize;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// What was written, for the summary.
#[derive(Debug, Default, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Stats {
    /// Files created or replaced (compressed copies included).
    pub written: u64,
    /// Files whose content was already there.
    pub unchanged: u64,
    /// Files removed because their episode is gone.
    pub removed: u64,
    /// Bytes written.
    pub bytes: u64,
}

/// The output folder.
#[derive(Debug)]
pub struct Output {
    root: PathBuf,
    written: AtomicU64,
    unchanged: AtomicU64,
    removed: AtomicU64,
    bytes: AtomicU64,
}

/// How hard to compress: the site-wide files are few and fetched often, episode files are many.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effort {
    /// Brotli 11 and gzip 9 (up to a few MB; larger files drop to `Many`'s levels).
    Best,
    /// Levels that keep 100,000 episodes within the time budget.
    Many,
}

/// Above this, brotli 11 (about 1 MB/s) takes too long for a publish that must stay quick.
const BEST_LIMIT: usize = 256 << 10;

impl Output {
    /// Writes below `root`, creating it.
    pub fn new(root: &Path) -> io::Result<Self> {
        fs::create_dir_all(root)?;
        Ok(Self {
            root: root.to_path_buf(),
            written: AtomicU64::new(0),
            unchanged: AtomicU64::new(0),
            removed: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
        })
    }

    /// The folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The counts so far.
    pub fn stats(&self) -> Stats {
        Stats {
            written: self.written.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
            removed: self.removed.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
        }
    }

    /// Writes a text file at `rel` (a `/`-separated path) with its compressed copies.
    pub fn text(&self, rel: &str, body: &[u8], effort: Effort) -> io::Result<()> {
        let path = self.root.join(rel);
        let copies = [with_suffix(&path, ".br"), with_suffix(&path, ".gz")];
        if same_content(&path, body) && copies.iter().all(|copy| copy.is_file()) {
            // Written by an earlier publish, copies and all: nothing to compress again.
            self.unchanged.fetch_add(3, Ordering::Relaxed);
            return Ok(());
        }
        // Copies first: a host that sees the plain file may look for them at once.
        // Brotli 5 and up set up tables costing ~6 ms per file whatever its size (27 times
        // brotli 4 on a 20 KB page, for 6% smaller output): too much for 100,000 episodes.
        // `cargo run --profile site -p digest-publish --example compress_timing -- <file>`.
        let (brotli_quality, gzip_level) = match effort {
            Effort::Best if body.len() <= BEST_LIMIT => (11, 9),
            Effort::Best => (5, 6),
            Effort::Many => (4, 6),
        };
        // Both at once: for the large site-wide files (a 100,000-episode index) this halves the wait.
        let (br, gz) = rayon::join(|| brotli(body, brotli_quality), || gzip(body, gzip_level));
        let [br_path, gz_path] = copies;
        self.put(&br_path, &br?)?;
        self.put(&gz_path, &gz?)?;
        self.put(&path, body)
    }

    /// Writes a file as it is, with no compressed copies.
    pub fn raw(&self, rel: &str, body: &[u8]) -> io::Result<()> {
        self.put(&self.root.join(rel), body)
    }

    /// Writes `body` at `path` unless it already holds exactly that; readers see the old file or
    /// the new one, never part of one.
    fn put(&self, path: &Path, body: &[u8]) -> io::Result<()> {
        if same_content(path, body) {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        let dir = path.parent().unwrap_or(&self.root);
        fs::create_dir_all(dir)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let result = fs::File::create(&temporary)
            .and_then(|mut file| file.write_all(body))
            .and_then(|()| fs::rename(&temporary, path));
        if result.is_err() {
            let _ = fs::remove_file(&temporary);
        }
        result?;
        self.written.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(body.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// Removes a published file and its compressed copies.
    pub fn remove(&self, rel: &str) -> io::Result<()> {
        let path = self.root.join(rel);
        for file in [with_suffix(&path, ".br"), with_suffix(&path, ".gz"), path] {
            self.remove_if_present(&file)?;
        }
        Ok(())
    }

    /// Removes a folder of the site (an episode that is gone) and everything in it.
    pub fn remove_dir(&self, rel: &str) -> io::Result<()> {
        let path = self.root.join(rel);
        match fs::remove_dir_all(&path) {
            Ok(()) => {
                self.removed.fetch_add(1, Ordering::Relaxed);
                Ok(())
            }
            Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(err) => Err(err),
        }
    }

    fn remove_if_present(&self, path: &Path) -> io::Result<()> {
        match fs::remove_file(path) {
            Ok(()) => {
                self.removed.fetch_add(1, Ordering::Relaxed);
                Ok(())
            }
            Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(err) => Err(err),
        }
    }
}

fn same_content(path: &Path, body: &[u8]) -> bool {
    match fs::metadata(path) {
        Ok(meta) if meta.len() == body.len() as u64 => {
            fs::read(path).is_ok_and(|existing| existing == body)
        }
        _ => false,
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Brotli at `quality` (0-11), with a window that fits the body.
pub fn brotli(body: &[u8], quality: u32) -> io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len() / 3 + 16);
    // The encoder allocates (and zeroes) tables for its window: a 4 MB window for a 20 KB page
    // spent a third of the whole publish in memset. The smallest window that holds the body
    // compresses exactly as well.
    let needed = usize::BITS - body.len().max(1).leading_zeros();
    let params = brotli::enc::BrotliEncoderParams {
        quality: quality as i32,
        lgwin: needed.clamp(10, 22) as i32,
        size_hint: body.len(),
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &body[..], &mut out, &params)?;
    Ok(out)
}

/// Gzip at `level` (0-9).
pub fn gzip(body: &[u8], level: u32) -> io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(body.len() / 3 + 32),
        flate2::Compression::new(level),
    );
    encoder.write_all(body)?;
    encoder.finish()
}

/// Whether a file of the built app is text that hosts would compress.
pub fn is_compressible(name: &str) -> bool {
    [
        ".html", ".js", ".css", ".json", ".svg", ".wasm", ".xml", ".txt", ".md",
    ]
    .iter()
    .any(|ext| name.ends_with(ext))
}
