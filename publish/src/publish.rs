//! The steps of `check` and `publish`. Everything is validated before anything is written; then
//! episode files, the app, and last the files that point at them (index, sitemap, feeds), so a
//! reader of the output folder never meets a link to a file that is not there yet.

use crate::exports::{chapters, oembed};
use crate::input::{self, read_folder, Checked, Folder};
use crate::library::{index_json, newest_first};
use crate::library_files::{library_files, LibraryState};
use crate::output::{Effort, Output};
use crate::page::{episode_page, AppAssets, PageInput};
use crate::progress::Progress;
use crate::report::{FileProblem, Report};
use crate::sitemap::{robots, sitemaps};
use crate::state::{hex, State, STATE_FILE};
use crate::urls::{episode_dir, html, Urls};
use crate::{feeds, output};
use digest_reader::export::{markdown, Whereabouts};
use digest_reader::model::library_files::{LIBRARY_DIR, LIBRARY_FORMAT, LIBRARY_META, SPLIT_FROM};
use digest_reader::model::{Digest, IndexEntry, SiteConfig};
use digest_reader::published::page::{library_html, Neighbour};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What `publish` is asked to do.
#[derive(Clone, Debug)]
pub struct Options {
    /// The publisher's folder of `<id>.json` digests.
    pub digests: PathBuf,
    /// The site's `site.json`.
    pub site: PathBuf,
    /// Where the site is written.
    pub out: PathBuf,
    /// The built app (trunk's `dist/`).
    pub app: PathBuf,
    /// Publish the valid digests even if some are not.
    pub skip_invalid: bool,
    /// How many episodes the feeds carry.
    pub feed_size: usize,
}

/// Reads `site.json` as the reader would, but as a publisher wants it: every problem counts.
pub fn read_site(path: &Path) -> Result<(SiteConfig, Vec<u8>), Vec<FileProblem>> {
    let bytes = fs::read(path).map_err(|err| vec![FileProblem::io(path, &err)])?;
    let text = String::from_utf8_lossy(&bytes);
    let (site, problems) = SiteConfig::parse(&text);
    let mut problems: Vec<FileProblem> = problems
        .into_iter()
        .map(|problem| FileProblem::at(path, &problem.path, problem.message))
        .collect();
    if site.digests != "digests/" {
        problems.push(FileProblem::at(
            path,
            "digests",
            "the published site keeps its digests in digests/: leave this out or set it to \"digests/\"",
        ));
    }
    if problems.is_empty() {
        Ok((site, bytes))
    } else {
        Err(problems)
    }
}

/// Validates a folder of digests (and, if given, `site.json`) and writes nothing.
pub fn check(digests: &Path, site: Option<&Path>, progress: &Progress) -> Report {
    let started = Instant::now();
    let mut report = Report::default();
    if let Some(Err(problems)) = site.map(read_site) {
        report.problems.extend(problems);
    }
    match read(digests, progress) {
        Ok(folder) => {
            report.files = folder.files;
            report.valid = folder.digests.len();
            report.notes.extend(ignored_notes(&folder));
            report.problems.extend(folder.problems);
        }
        Err(problem) => report.problems.push(problem),
    }
    report.ok = report.problems.is_empty();
    report.seconds = started.elapsed().as_secs_f64();
    report
}

fn ignored_notes(folder: &Folder) -> Vec<String> {
    folder
        .ignored
        .iter()
        .map(|file| {
            format!(
                "{}: a library index, not a digest; left alone (the published one is built from the digests)",
                file.display()
            )
        })
        .collect()
}

fn read(digests: &Path, progress: &Progress) -> Result<Folder, FileProblem> {
    let count = count_files(digests);
    progress.phase("checking", count);
    let folder = read_folder(digests, &|n| progress.inc(n));
    progress.done();
    folder
}

fn count_files(dir: &Path) -> u64 {
    fs::read_dir(dir).map_or(0, |entries| entries.count() as u64)
}

/// Publishes the folder as a complete static site; on any problem (unless `skip_invalid`) writes
/// nothing and says why.
pub fn publish(options: &Options, progress: &Progress) -> Report {
    let started = Instant::now();
    let mut report = Report::default();
    let site = read_site(&options.site);
    let app_index = fs::read(options.app.join("index.html")).map_err(|err| {
        FileProblem::at(
            &options.app,
            "",
            format!("no built app here (index.html: {err}); build it with trunk build --release --offline"),
        )
    });
    let app_index = app_index.and_then(|index| {
        AppAssets::read(&options.app)
            .map(|assets| (index, assets))
            .map_err(|message| FileProblem::at(&options.app, "app.json", message))
    });
    let folder = read(&options.digests, progress);
    let (site, site_bytes, (app_index, assets), mut folder) = match (site, app_index, folder) {
        (Ok((site, bytes)), Ok(app), Ok(folder)) => (site, bytes, app, folder),
        (site, app, folder) => {
            report.problems.extend(site.err().unwrap_or_default());
            report.problems.extend(app.err());
            match folder {
                Ok(folder) => {
                    report.files = folder.files;
                    report.valid = folder.digests.len();
                    report.problems.extend(folder.problems);
                }
                Err(problem) => report.problems.push(problem),
            }
            report.seconds = started.elapsed().as_secs_f64();
            return report;
        }
    };
    report.files = folder.files;
    report.valid = folder.digests.len();
    report.notes.extend(ignored_notes(&folder));
    if !folder.problems.is_empty() && !options.skip_invalid {
        report.problems = folder.problems;
        report.seconds = started.elapsed().as_secs_f64();
        return report;
    }
    let app = App {
        index: &app_index,
        assets: &assets,
    };
    let written = write_site(
        options,
        &site,
        &site_bytes,
        &app,
        &mut folder,
        &mut report,
        progress,
    );
    report.problems.extend(folder.problems);
    match written {
        Ok(stats) => {
            // Written: with --skip-invalid the problems are listed, and the site is there.
            report.written = Some(stats);
            report.ok = true;
        }
        Err(err) => report.problems.push(FileProblem::io(&options.out, &err)),
    }
    report.seconds = started.elapsed().as_secs_f64();
    report
}

/// Hash of what, besides a digest, shapes its files: the command itself (a new build may write
/// different markup without a new version number), `site.json`, and the app's files that pages
/// name (its `index.html`, and the take-over module and stylesheet from `app.json`).
fn context_hash(site_bytes: &[u8], app: &App<'_>) -> String {
    let mut all = Vec::with_capacity(site_bytes.len() + app.index.len() + 512);
    all.extend_from_slice(concat!("digest-site ", env!("CARGO_PKG_VERSION"), "\n").as_bytes());
    all.extend_from_slice(command_hash().as_bytes());
    all.push(0);
    all.extend_from_slice(site_bytes);
    all.push(0);
    all.extend_from_slice(app.index);
    all.push(0);
    all.extend_from_slice(app.assets.fingerprint().as_bytes());
    hex(input::hash(&all))
}

/// Hash of this command's executable; empty where it cannot be read (the version still counts).
fn command_hash() -> String {
    std::env::current_exe()
        .and_then(fs::read)
        .map(|bytes| hex(input::hash(&bytes)))
        .unwrap_or_default()
}

/// The built app, as the pages need it.
struct App<'a> {
    /// Its `index.html`: a new build changes every page.
    index: &'a [u8],
    /// What an episode page links.
    assets: &'a AppAssets,
}

/// The previous and next episodes of each episode, in library order.
type Neighbours<'a> = HashMap<&'a str, (Option<Neighbour>, Option<Neighbour>)>;

fn neighbours(entries: &[IndexEntry]) -> Neighbours<'_> {
    let neighbour = |entry: &IndexEntry| Neighbour {
        id: entry.id.clone(),
        title: entry.title.clone(),
    };
    entries
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            let previous = index
                .checked_sub(1)
                .and_then(|i| entries.get(i))
                .map(neighbour);
            let next = entries.get(index + 1).map(neighbour);
            (entry.id.as_str(), (previous, next))
        })
        .collect()
}

/// What an episode's files depend on: its digest and its neighbours (linked from its page).
fn episode_key(
    checked: &Checked,
    around: Option<&(Option<Neighbour>, Option<Neighbour>)>,
) -> String {
    let mut key = format!("{:032x}", checked.hash);
    if let Some((previous, next)) = around {
        for neighbour in [previous, next] {
            key.push('\n');
            if let Some(n) = neighbour {
                let _ = write!(key, "{}\n{}", n.id, n.title);
            }
        }
    }
    hex(input::hash(key.as_bytes()))
}

fn write_site(
    options: &Options,
    site: &SiteConfig,
    site_bytes: &[u8],
    app: &App<'_>,
    folder: &mut Folder,
    report: &mut Report,
    progress: &Progress,
) -> io::Result<output::Stats> {
    let out = Output::new(&options.out)?;
    let previous = State::load(&options.out);
    let urls = Urls::of(site);
    if urls.is_none() {
        report.notes.push(
            "site.json has no base_url: canonical links, Open Graph, sitemap.xml, feed.xml, feed.json and oembed.json were not written".to_string(),
        );
    }
    keep_last_good(folder, &options.out, report);
    let episodes: Vec<Checked> = std::mem::take(&mut folder.digests);
    let context = context_hash(site_bytes, app);
    let fresh = previous.context != context;
    let mut entries: Vec<_> = episodes
        .iter()
        .map(|checked| checked.entry.clone())
        .collect();
    newest_first(&mut entries);
    let around = neighbours(&entries);
    let keys: HashMap<&str, String> = episodes
        .iter()
        .map(|checked| {
            let id = checked.entry.id.as_str();
            (id, episode_key(checked, around.get(id)))
        })
        .collect();
    let stale: Vec<&Checked> = episodes
        .iter()
        .filter(|checked| {
            let id = checked.entry.id.as_str();
            fresh
                || previous.episodes.get(id) != keys.get(id)
                || !options.out.join(format!("digests/{id}.json")).exists()
        })
        .collect();

    let shared = Shared {
        site,
        site_bytes,
        urls: urls.as_ref(),
        assets: app.assets,
    };
    progress.phase("writing", stale.len() as u64);
    stale.par_iter().try_for_each(|checked| {
        let (previous, next) = around
            .get(checked.entry.id.as_str())
            .cloned()
            .unwrap_or_default();
        let result = write_episode(&out, checked, &shared, previous, next);
        progress.inc(1);
        result
    })?;
    progress.done();

    copy_app(&out, &options.app)?;
    out.text("site.json", site_bytes, Effort::Best)?;

    out.text("digests/index.json", &index_json(&entries), Effort::Best)?;
    let library_state = write_library(&out, &entries, &previous.library)?;
    let library = library_page(app.index, site, urls.as_ref(), &entries);
    out.text("index.html", library.as_bytes(), Effort::Best)?;
    let sitemap_parts = write_discovery(
        &out,
        &entries,
        &episodes,
        site,
        urls.as_ref(),
        options.feed_size,
        previous.sitemap_parts,
    )?;

    let current: BTreeSet<&str> = entries.iter().map(|entry| entry.id.as_str()).collect();
    for gone in previous
        .episodes
        .keys()
        .filter(|id| !current.contains(id.as_str()))
    {
        out.remove(&format!("digests/{gone}.json"))?;
        out.remove_dir(&episode_dir(gone))?;
    }
    let state = State {
        context,
        episodes: keys
            .into_iter()
            .map(|(id, key)| (id.to_string(), key))
            .collect(),
        sitemap_parts,
        library: library_state,
    };
    out.raw(STATE_FILE, &state.to_bytes())?;
    Ok(out.stats())
}

/// Writes `library/`: its files, then its manifest; then removes the files that neither this
/// publish nor the one before wrote (a reader may still hold the last manifest).
fn write_library(
    out: &Output,
    entries: &[IndexEntry],
    previous: &LibraryState,
) -> io::Result<LibraryState> {
    let library = library_files(entries, previous);
    library
        .files
        .par_iter()
        .try_for_each(|(path, body)| out.text(path, body, Effort::Many))?;
    out.text(
        &format!("{LIBRARY_DIR}manifest.json"),
        &library.manifest,
        Effort::Best,
    )?;
    let keep: HashSet<&str> = library
        .state
        .files
        .iter()
        .chain(&previous.files)
        .map(String::as_str)
        .collect();
    for folder in ["cards", "words", "facets"] {
        let dir = out.root().join(LIBRARY_DIR).join(folder);
        let Ok(listing) = fs::read_dir(&dir) else {
            continue;
        };
        for file in listing.flatten() {
            let name = file.file_name().to_string_lossy().into_owned();
            let plain = name
                .strip_suffix(".br")
                .or_else(|| name.strip_suffix(".gz"))
                .unwrap_or(&name);
            let path = format!("{LIBRARY_DIR}{folder}/{plain}");
            if !keep.contains(path.as_str()) {
                out.remove(&path)?;
            }
        }
    }
    Ok(library.state)
}

/// With `--skip-invalid`, an episode whose new file is broken keeps its last published version
/// (a broken digest never replaces a good page); one never published is left out.
fn keep_last_good(folder: &mut Folder, out: &Path, report: &mut Report) {
    let published: BTreeSet<String> = folder.digests.iter().map(|c| c.entry.id.clone()).collect();
    for stem in folder.invalid_stems() {
        if published.contains(&stem) {
            continue;
        }
        let last = out.join(format!("digests/{stem}.json"));
        match input::read_published(&last) {
            Some(checked) => {
                report.kept_published.push(stem);
                folder.digests.push(checked);
            }
            None => report.left_out.push(stem),
        }
    }
}

/// What every episode's files share.
struct Shared<'a> {
    site: &'a SiteConfig,
    site_bytes: &'a [u8],
    urls: Option<&'a Urls>,
    assets: &'a AppAssets,
}

/// Every file of one episode: its digest as given, its page and its exports.
fn write_episode(
    out: &Output,
    checked: &Checked,
    shared: &Shared<'_>,
    previous: Option<Neighbour>,
    next: Option<Neighbour>,
) -> io::Result<()> {
    let (site, urls) = (shared.site, shared.urls);
    let loaded = input::load(&checked.file).map_err(|problems| {
        let message = problems
            .first()
            .map(ToString::to_string)
            .unwrap_or_default();
        io::Error::other(format!("changed while publishing: {message}"))
    })?;
    if loaded.hash != checked.hash {
        return Err(io::Error::other(format!(
            "{} changed while publishing; run again",
            checked.file.display()
        )));
    }
    let digest = &loaded.digest;
    let dir = episode_dir(&digest.id);
    out.text(
        &format!("digests/{}.json", digest.id),
        &loaded.bytes,
        Effort::Many,
    )?;
    let chapters = chapters(digest, urls);
    match &chapters {
        Some(chapters) => out.text(
            &format!("{dir}chapters.json"),
            &json_bytes(chapters),
            Effort::Many,
        )?,
        None => out.remove(&format!("{dir}chapters.json"))?,
    }
    let canonical = urls.map(|urls| urls.episode(&digest.id));
    let place = Whereabouts {
        canonical: canonical.as_deref(),
    };
    out.text(
        &format!("{dir}index.md"),
        markdown(digest, site, &place).as_bytes(),
        Effort::Many,
    )?;
    if let Some(urls) = urls {
        out.text(
            &format!("{dir}oembed.json"),
            &json_bytes(&oembed(digest, site, urls)),
            Effort::Many,
        )?;
    }
    let page = episode_page(PageInput {
        digest,
        digest_bytes: &loaded.bytes,
        site,
        site_bytes: shared.site_bytes,
        urls,
        has_chapters: chapters.is_some(),
        assets: shared.assets,
        previous,
        next,
    });
    out.text(&format!("{dir}index.html"), page.as_bytes(), Effort::Many)
}

fn json_bytes(value: &serde_json::Value) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// The built app, without its sample digests and site.json (the publisher's own replace them)
/// and without `index.html`, which [`library_page`] writes once these assets are in place. Assets
/// of earlier builds stay, for readers whose cached page still names them.
fn copy_app(out: &Output, app: &Path) -> io::Result<()> {
    let mut files = Vec::new();
    list(app, Path::new(""), &mut files)?;
    files.retain(|rel| {
        let name = rel.to_string_lossy();
        !(name.starts_with("digests/")
            || name.starts_with("site.json")
            || name.starts_with("index.html"))
    });
    for rel in files {
        let body = fs::read(app.join(&rel))?;
        out.raw(&rel.to_string_lossy().replace('\\', "/"), &body)?;
    }
    Ok(())
}

/// How many cards the library's first screen shows (the app's own first batch).
const FIRST_SCREEN_CARDS: usize = 30;

/// The app's `index.html` with the library's first screen already in it (the newest cards,
/// rendered with the app's components), its title, and for crawlers the canonical URL and feeds.
pub fn library_page(
    app_index: &[u8],
    site: &SiteConfig,
    urls: Option<&Urls>,
    entries: &[IndexEntry],
) -> String {
    let index = String::from_utf8_lossy(app_index);
    let first_screen = library_html(site, entries, FIRST_SCREEN_CARDS);
    let mut head = String::new();
    if entries.len() >= SPLIT_FROM {
        // The app reads library/ instead of downloading the whole index.
        let _ = write!(
            head,
            "<meta name=\"{LIBRARY_META}\" content=\"{LIBRARY_FORMAT}\">"
        );
    }
    if let Some(urls) = urls {
        let _ = write!(
            head,
            "<link rel=\"canonical\" href=\"{home}\"><meta property=\"og:type\" content=\"website\">\
             <meta property=\"og:title\" content=\"{name}\"><meta property=\"og:url\" content=\"{home}\">\
             <meta property=\"og:site_name\" content=\"{name}\">\
             <link rel=\"alternate\" type=\"application/rss+xml\" href=\"{rss}\" title=\"{name}\">\
             <link rel=\"alternate\" type=\"application/feed+json\" href=\"{json}\" title=\"{name}\">",
            home = html(urls.home()),
            name = html(&site.name),
            rss = html(&urls.at("feed.xml")),
            json = html(&urls.at("feed.json")),
        );
    }
    index
        .replacen(
            "<title>Digest reader</title>",
            &format!("<title>Episodes | {}</title>{head}", html(&site.name)),
            1,
        )
        .replacen("<body>", &format!("<body>{first_screen}"), 1)
}

fn list(root: &Path, rel: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(root.join(rel))? {
        let entry = entry?;
        let path = rel.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            list(root, &path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Sitemap, robots.txt and feeds; returns how many sitemap parts there are.
#[allow(clippy::too_many_arguments)]
fn write_discovery(
    out: &Output,
    entries: &[IndexEntry],
    episodes: &[Checked],
    site: &SiteConfig,
    urls: Option<&Urls>,
    feed_size: usize,
    previous_parts: usize,
) -> io::Result<usize> {
    out.text("robots.txt", robots(urls).as_bytes(), Effort::Best)?;
    let Some(urls) = urls else {
        for file in ["sitemap.xml", "feed.xml", "feed.json"] {
            out.remove(file)?;
        }
        return Ok(0);
    };
    let files_by_id: HashMap<&str, &Path> = episodes
        .iter()
        .map(|checked| (checked.entry.id.as_str(), checked.file.as_path()))
        .collect();
    // The feeds carry whole digests; only these few are read again.
    let newest: Vec<Digest> = entries
        .iter()
        .take(feed_size)
        .filter_map(|entry| {
            let file = files_by_id.get(entry.id.as_str())?;
            input::load(file).ok().map(|loaded| loaded.digest)
        })
        .collect();
    let newest_refs: Vec<&Digest> = newest.iter().collect();
    out.text(
        "feed.xml",
        feeds::rss(&newest_refs, site, urls).as_bytes(),
        Effort::Best,
    )?;
    out.text(
        "feed.json",
        &json_bytes(&feeds::json_feed(&newest_refs, site, urls)),
        Effort::Best,
    )?;
    let files = sitemaps(entries, urls);
    let parts = files.len().saturating_sub(1);
    for (name, body) in &files {
        out.text(name, body.as_bytes(), Effort::Best)?;
    }
    for gone in parts + 1..=previous_parts {
        out.remove(&format!("sitemap-{gone}.xml"))?;
    }
    Ok(parts)
}
