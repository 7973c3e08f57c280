//! `digest-site` as a publisher runs it: the bundled samples published into a temporary folder,
//! every file of spec section 9 checked, feeds read by a real feed parser (feed-rs), broken
//! folders refused with every problem and nothing written, re-publishing incremental.

use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/digests");
const SITE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/site.json");
const SEED: &str = "deepseek-stole-our-tech";
const BASE: &str = "https://example.org/reader/";

/// A scratch area: an app build, a site.json with `base_url`, a digests folder and `out/`.
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Self {
        let scratch = Self {
            dir: tempfile::tempdir().unwrap(),
        };
        let app = scratch.path("app");
        fs::create_dir_all(app.join("digests")).unwrap();
        fs::write(
            app.join("index.html"),
            "<!DOCTYPE html><title>Digest reader</title><body><div id=\"boot-skeleton\"></div></body>",
        )
        .unwrap();
        fs::write(app.join("app-0123456789abcdef.js"), "export{}").unwrap();
        fs::write(app.join("app-0123456789abcdef.js.br"), "br").unwrap();
        fs::write(app.join("embed.js"), "import './app-0123456789abcdef.js'").unwrap();
        fs::write(
            app.join("app.json"),
            r#"{"stylesheet": {"href": "main-0123456789abcdef.css", "integrity": "sha384-css"},
                "module": {"href": "app-0123456789abcdef.js", "integrity": "sha384-js"},
                "wasm": {"href": "app-0123456789abcdef_bg.wasm", "integrity": "sha384-wasm"},
                "loader": {"href": "boot-0123456789abcdef.js", "integrity": "sha384-boot"},
                "published": {"href": "published-boot-0123456789abcdef.js", "integrity": "sha384-p"},
                "reader": {"href": "reader-0123456789abcdef.js", "integrity": "sha384-reader"},
                "icon": "favicon.svg"}"#,
        )
        .unwrap();
        // The build's own samples and site.json must not reach the published site.
        fs::write(app.join("digests/sample-only.json"), "{}").unwrap();
        fs::write(app.join("site.json"), "{\"name\":\"Built-in\"}").unwrap();
        let mut site: Value = serde_json::from_str(&fs::read_to_string(SITE).unwrap()).unwrap();
        site["base_url"] = Value::String(BASE.into());
        fs::write(scratch.path("site.json"), site.to_string()).unwrap();
        fs::create_dir_all(scratch.path("digests")).unwrap();
        for entry in fs::read_dir(SAMPLES).unwrap() {
            let path = entry.unwrap().path();
            fs::copy(
                &path,
                scratch.path("digests").join(path.file_name().unwrap()),
            )
            .unwrap();
        }
        scratch
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn out(&self, rel: &str) -> PathBuf {
        self.path("out").join(rel)
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.out(rel)).unwrap_or_else(|err| panic!("{rel}: {err}"))
    }

    fn json(&self, rel: &str) -> Value {
        serde_json::from_str(&self.read(rel)).unwrap_or_else(|err| panic!("{rel}: {err}"))
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_digest-site"))
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .unwrap()
    }

    fn publish(&self, extra: &[&str]) -> Output {
        let mut args = vec![
            "publish",
            "digests",
            "--site",
            "site.json",
            "--out",
            "out",
            "--app",
            "app",
        ];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    fn publish_json(&self, extra: &[&str]) -> (bool, Value) {
        let mut args = vec!["--format", "json"];
        args.extend_from_slice(extra);
        let output = self.publish(&args);
        let report = serde_json::from_slice(&output.stdout).unwrap();
        (output.status.success(), report)
    }

    fn edit(&self, id: &str, change: impl FnOnce(&mut Value)) {
        let path = self.path(&format!("digests/{id}.json"));
        let mut digest: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        change(&mut digest);
        fs::write(path, serde_json::to_string_pretty(&digest).unwrap()).unwrap();
    }
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The JSON in the `<script>` element that `open_tag` opens.
fn script_json(page: &str, open_tag: &str) -> Value {
    let start = page.find(open_tag).unwrap() + open_tag.len();
    let end = page[start..].find("</script>").unwrap() + start;
    serde_json::from_str(&page[start..end]).unwrap()
}

fn sample_ids() -> Vec<String> {
    let mut ids: Vec<String> = fs::read_dir(SAMPLES)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.file_stem().unwrap() != "index")
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    ids
}

fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_below(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn publishes_every_file_of_the_spec() {
    let scratch = Scratch::new();
    let output = scratch.publish(&[]);
    assert!(output.status.success(), "{}", text(&output));
    for rel in [
        "index.html",
        "embed.js",
        "app-0123456789abcdef.js",
        "site.json",
        "digests/index.json",
        "sitemap.xml",
        "robots.txt",
        "feed.xml",
        "feed.json",
    ] {
        assert!(scratch.out(rel).is_file(), "{rel} missing");
    }
    for id in sample_ids() {
        let given = fs::read(scratch.path(&format!("digests/{id}.json"))).unwrap();
        assert_eq!(
            fs::read(scratch.out(&format!("digests/{id}.json"))).unwrap(),
            given,
            "{id} copied as given"
        );
        for file in ["index.html", "index.md", "oembed.json"] {
            assert!(
                scratch.out(&format!("episodes/{id}/{file}")).is_file(),
                "{id}/{file}"
            );
        }
    }
    assert!(
        !scratch.out("digests/sample-only.json").exists(),
        "the app's own samples are left out"
    );
    assert_eq!(
        fs::read(scratch.out("site.json")).unwrap(),
        fs::read(scratch.path("site.json")).unwrap(),
        "the publisher's site.json replaces the app's"
    );
    assert!(
        String::from_utf8_lossy(&output.stdout)
            .contains(&format!("publish: {0} of {0} digests", sample_ids().len())),
        "{}",
        text(&output)
    );
}

#[test]
fn the_library_page_opens_with_its_first_screen_of_cards() {
    let scratch = Scratch::new();
    assert!(scratch.publish(&[]).status.success());
    let page = scratch.read("index.html");
    assert!(
        page.contains("<title>Episodes | Digestly</title>"),
        "{page}"
    );
    assert!(page.contains(&format!("<link rel=\"canonical\" href=\"{BASE}\">")));
    let first = page
        .find("<div id=\"boot-library\">")
        .expect("the first screen");
    assert!(
        first < page.find("boot-skeleton").unwrap(),
        "before the loading state"
    );
    assert_eq!(
        page.matches("class=\"episode-card\"").count(),
        sample_ids().len()
    );
    assert!(page.contains("<h1 class=\"library-title\">Episodes</h1>"));
    let newest = page.find("rewrote-python-api-in-rust").unwrap();
    assert!(newest < page.find(SEED).unwrap(), "newest first");
}

#[test]
fn every_text_file_has_brotli_and_gzip_copies_of_the_same_bytes() {
    let scratch = Scratch::new();
    assert!(scratch.publish(&[]).status.success());
    let mut checked = 0;
    for path in files_below(&scratch.path("out")) {
        let name = path.to_string_lossy().into_owned();
        let is_text = [".html", ".json", ".xml", ".txt", ".md"]
            .iter()
            .any(|ext| name.ends_with(ext));
        if !is_text || name.contains("/.digest-site-state") {
            continue;
        }
        let rel = path.strip_prefix(scratch.path("out")).unwrap();
        if scratch.path("app").join(rel).exists() {
            continue; // the app's own files come as the build made them
        }
        let body = fs::read(&path).unwrap();
        let mut gz = Vec::new();
        flate2::read::GzDecoder::new(fs::File::open(format!("{name}.gz")).unwrap())
            .read_to_end(&mut gz)
            .unwrap();
        assert_eq!(gz, body, "{name}.gz");
        let mut br = Vec::new();
        brotli::Decompressor::new(fs::File::open(format!("{name}.br")).unwrap(), 4096)
            .read_to_end(&mut br)
            .unwrap();
        assert_eq!(br, body, "{name}.br");
        checked += 1;
    }
    assert!(checked >= 4 * 4 + 6, "only {checked} text files checked");
}

#[test]
fn the_index_lists_every_digest_newest_first_and_the_reader_reads_it() {
    let scratch = Scratch::new();
    assert!(scratch.publish(&[]).status.success());
    let text = scratch.read("digests/index.json");
    let library = digest_reader::model::Library::parse(&text).unwrap();
    assert!(library.skipped.is_empty());
    let mut ids: Vec<String> = library.episodes.iter().map(|e| e.id.clone()).collect();
    let keys: Vec<i64> = library
        .episodes
        .iter()
        .map(|e| e.published.sort_key())
        .collect();
    assert!(
        keys.windows(2).all(|pair| pair[0] >= pair[1]),
        "newest first: {keys:?}"
    );
    ids.sort();
    assert_eq!(ids, sample_ids());
    let seed = library.episodes.iter().find(|e| e.id == SEED).unwrap();
    assert_eq!(seed.channel, "Fireship");
    assert!(seed
        .summary
        .as_deref()
        .unwrap()
        .starts_with("OpenAI is accusing Deep Seek"));
}

#[test]
fn feeds_are_read_by_a_real_feed_parser() {
    let scratch = Scratch::new();
    assert!(scratch.publish(&[]).status.success());
    for (file, kind) in [
        ("feed.xml", feed_rs::model::FeedType::RSS2),
        ("feed.json", feed_rs::model::FeedType::JSON),
    ] {
        let feed = feed_rs::parser::parse(scratch.read(file).as_bytes())
            .unwrap_or_else(|err| panic!("{file}: {err}"));
        assert_eq!(feed.feed_type, kind, "{file}");
        assert_eq!(feed.title.unwrap().content, "Digestly", "{file}");
        assert_eq!(feed.entries.len(), sample_ids().len(), "{file}");
        let first = &feed.entries[0];
        assert_eq!(
            first.links[0].href,
            format!("{BASE}episodes/rewrote-python-api-in-rust/"),
            "{file}: newest first, linking to the episode page"
        );
        assert!(first.published.is_some(), "{file}: a date");
        let seed = feed
            .entries
            .iter()
            .find(|e| e.title.as_ref().unwrap().content.starts_with("DeepSeek"))
            .unwrap();
        assert_eq!(
            seed.published.unwrap().to_rfc3339(),
            "2025-01-29T00:00:00+00:00",
            "{file}"
        );
        assert!(
            seed.categories.iter().any(|c| c.term == "openai"),
            "{file}: tags"
        );
    }
    let json = scratch.json("feed.json");
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(json["feed_url"], format!("{BASE}feed.json"));
}

#[test]
fn feed_size_limits_the_feeds() {
    let scratch = Scratch::new();
    assert!(scratch.publish(&["--feed-size", "2"]).status.success());
    let feed = feed_rs::parser::parse(scratch.read("feed.xml").as_bytes()).unwrap();
    assert_eq!(feed.entries.len(), 2);
    assert_eq!(
        scratch.json("feed.json")["items"].as_array().unwrap().len(),
        2
    );
}

#[test]
fn hostile_text_cannot_break_out_of_feeds_pages_or_json_ld() {
    let scratch = Scratch::new();
    let nasty = "</script><script>alert(1)</script>\u{0}\u{1b} & <b>\"quoted\"</b> ]]>";
    scratch.edit(SEED, |digest| {
        digest["title"] = Value::String(nasty.into());
        digest["summary"] = Value::String(nasty.into());
        digest["tags"] = serde_json::json!([nasty]);
    });
    let output = scratch.publish(&[]);
    assert!(output.status.success(), "{}", text(&output));
    let feed = feed_rs::parser::parse(scratch.read("feed.xml").as_bytes()).unwrap();
    let entry = feed.entries.iter().find(|e| e.id.contains(SEED)).unwrap();
    assert_eq!(
        entry.title.as_ref().unwrap().content,
        nasty.replace(['\u{0}', '\u{1b}'], "")
    );
    feed_rs::parser::parse(scratch.read("feed.json").as_bytes()).unwrap();
    let page = scratch.read(&format!("episodes/{SEED}/index.html"));
    // JSON-LD, the display choices, the app's loader, and the two data blocks: none opened or
    // closed by the text.
    assert_eq!(page.matches("<script").count(), 5, "{page}");
    assert_eq!(page.matches("</script>").count(), 5);
    assert!(
        !page.contains("<b>"),
        "text is escaped in the rendered episode"
    );
    let data = script_json(
        &page,
        "<script type=\"application/json\" id=\"digest-data\">",
    );
    assert_eq!(
        data["title"], nasty,
        "the data block holds the digest as published"
    );
    let ld = script_json(&page, "<script type=\"application/ld+json\">");
    assert_eq!(ld["headline"], nasty);
    let oembed = scratch.json(&format!("episodes/{SEED}/oembed.json"));
    assert!(!oembed["html"].as_str().unwrap().contains("<script"));
    let markdown = scratch.read(&format!("episodes/{SEED}/index.md"));
    assert!(
        markdown.contains("\\</script\\>"),
        "Markdown shows the text, escaped"
    );
}

#[test]
fn episode_pages_carry_the_head_of_spec_section_9() {
    let scratch = Scratch::new();
    assert!(scratch.publish(&[]).status.success());
    let page = scratch.read(&format!("episodes/{SEED}/index.html"));
    let canonical = format!("{BASE}episodes/{SEED}/");
    for expected in [
        "<title>DeepSeek stole our tech... says OpenAI | Digestly</title>".to_string(),
        "<meta name=\"description\" content=\"OpenAI is accusing Deep Seek".to_string(),
        format!("<link rel=\"canonical\" href=\"{canonical}\">"),
        "<meta property=\"og:type\" content=\"article\">".to_string(),
        "<meta property=\"og:title\" content=\"DeepSeek stole our tech... says OpenAI\">".to_string(),
        "<meta property=\"og:description\" content=\"OpenAI is accusing".to_string(),
        format!("<meta property=\"og:url\" content=\"{canonical}\">"),
        "<meta property=\"og:site_name\" content=\"Digestly\">".to_string(),
        "<meta name=\"twitter:card\" content=\"summary\">".to_string(),
        format!("<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{canonical}oembed.json\""),
        format!("<link rel=\"alternate\" type=\"application/rss+xml\" href=\"{BASE}feed.xml\""),
        format!("<link rel=\"alternate\" type=\"application/feed+json\" href=\"{BASE}feed.json\""),
        "<link rel=\"alternate\" type=\"text/markdown\" href=\"index.md\"".to_string(),
        "<html lang=\"en\">".to_string(),
    ] {
        assert!(page.contains(&expected), "missing {expected}\n{page}");
    }
    let ld = script_json(&page, "<script type=\"application/ld+json\">");
    assert_eq!(ld["@type"], "Article");
    assert_eq!(ld["isBasedOn"]["@type"], "VideoObject");
    assert_eq!(
        ld["isBasedOn"]["url"],
        "https://www.youtube.com/watch?v=EXAMPLE"
    );
    // The sample with an image and a language.
    let page = scratch.read("episodes/small-models-big-bets/index.html");
    assert!(
        page.contains("<meta property=\"og:image\" content=\"https://"),
        "{page}"
    );
    assert!(page.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    let podcast = scratch.read("episodes/small-models-big-bets/index.html");
    assert!(
        podcast.contains("\"isBasedOn\":{\"@type\":\"PodcastEpisode\""),
        "{podcast}"
    );
}

#[test]
fn episode_pages_apply_the_readers_display_choices_and_say_who_wrote_them() {
    let scratch = Scratch::new();
    assert!(scratch.publish(&[]).status.success());
    let page = scratch.read("episodes/small-models-big-bets/index.html");
    // The display choices run before the first paint (a classic script in <head> that blocks
    // rendering, not parsing: no flash of the other theme), with their integrity; the header has
    // the menu they run.
    let reader = "<script defer blocking=\"render\" src=\"../../reader-0123456789abcdef.js\" integrity=\"sha384-reader\"";
    let reader_at = page.find(reader).expect("the display choices' script");
    assert!(reader_at < page.find("<body>").unwrap(), "in <head>");
    assert!(page.contains("<details class=\"display-menu\">"), "{page}");
    // Installable: the app's manifest (at the app root, beside sw.js).
    assert!(page.contains("<link rel=\"manifest\" href=\"../../manifest.webmanifest\">"));
    // AI-written, by whom and when (the sample's `generated`).
    assert!(
        page.contains("<span class=\"ai-label\">AI-written</span>"),
        "{page}"
    );
    assert!(page.contains("digest-pipeline 2.3 (gpt-4o)"));
    assert!(
        page.contains("<time datetime=\"2025-06-17T14:05:00Z\">"),
        "{page}"
    );
    // Report a problem: the episode and each section, with the page's canonical URL (site.json
    // has report_url; base_url gives the address).
    let url = format!("{BASE}episodes/small-models-big-bets/")
        .replace(':', "%3A")
        .replace('/', "%2F");
    let episode =
        format!("href=\"https://example.org/report?episode=small-models-big-bets&amp;url={url}\"");
    assert!(page.contains(&episode), "{episode}\n{page}");
    assert!(
        page.contains(&format!("url={url}&amp;section=1\"")),
        "{page}"
    );
    // A right-to-left digest: lang and dir on the episode.
    let arabic = scratch.read("episodes/arabic-language-models/index.html");
    assert!(
        arabic.contains("<article lang=\"ar\" dir=\"rtl\" class=\"episode\">"),
        "{arabic}"
    );
    // The lock is drawn, not an emoji that needs a font.
    assert!(!arabic.contains('🔒'));
    assert!(arabic.contains("<svg class=\"lock-icon\""));
    // The episode guide (contents, reading time, shortcuts) comes before the episode's root, not
    // in it: the take-over hydrates none of it.
    let guide = page
        .find("<nav aria-label=\"Contents\" class=\"episode-guide\">")
        .expect("the guide");
    assert!(guide < page.find("id=\"episode-root\"").unwrap());
    assert!(
        page.contains("<a href=\"#section-1\" class=\"toc-link\">"),
        "{page}"
    );
    assert!(page.contains("<p class=\"reading-time\">"));
    assert!(page.contains("min read · 1:34:12 podcast</p>"), "{page}");
    // The podcast's player, beside the episode's root (not hydrated), loading nothing at first.
    let player = page
        .find("<audio controls preload=\"none\" src=\"https://buildlog.example.com/")
        .expect("the player");
    assert!(player < page.find("id=\"episode-root\"").unwrap());
    assert!(!scratch
        .read(&format!("episodes/{SEED}/index.html"))
        .contains("episode-player"));
    // Its Markdown is the index.md beside it; every section's heading can copy its link.
    assert!(
        page.contains("href=\"index.md\" download=\"small-models-big-bets.md\""),
        "{page}"
    );
    // Each named after its heading: "Copy link to" and the section's title.
    assert!(page.contains(
        "<span id=\"section-1-title\" dir=\"auto\" class=\"section-text\">Introductions and Kestrel's Starting Point</span>"
    ));
    assert!(page.contains(
        "<button type=\"button\" id=\"section-1-copy\" aria-label=\"Copy link to\" aria-labelledby=\"section-1-copy section-1-title\" class=\"copy-link\"></button></h3>"
    ));
}

#[test]
fn oembed_answers_are_oembed_1_0_rich() {
    let scratch = Scratch::new();
    assert!(scratch.publish(&[]).status.success());
    for id in sample_ids() {
        let oembed = scratch.json(&format!("episodes/{id}/oembed.json"));
        assert_eq!(oembed["version"], "1.0", "{id}");
        assert_eq!(oembed["type"], "rich", "{id}");
        assert!(
            oembed["width"].as_u64().unwrap() > 0 && oembed["height"].as_u64().unwrap() > 0,
            "{id}"
        );
        let html = oembed["html"].as_str().unwrap();
        assert!(
            html.starts_with(&format!("<iframe src=\"{BASE}?episode={id}&amp;embed=1\"")),
            "{id}: {html}"
        );
        assert_eq!(oembed["provider_url"], BASE);
        // Thumbnails need their size (oEmbed 2.1): none are offered without one.
        assert!(oembed.get("thumbnail_url").is_none());
    }
}

#[test]
fn chapters_follow_podcasting_2_0_where_sections_have_times() {
    let scratch = Scratch::new();
    assert!(scratch.publish(&[]).status.success());
    let mut with_chapters = 0;
    for id in sample_ids() {
        let rel = format!("episodes/{id}/chapters.json");
        let digest: Value = serde_json::from_str(
            &fs::read_to_string(scratch.path(&format!("digests/{id}.json"))).unwrap(),
        )
        .unwrap();
        let timed = digest["sections"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s.get("at_seconds").is_some())
            .count();
        if timed == 0 {
            assert!(!scratch.out(&rel).exists(), "{rel} without timed sections");
            continue;
        }
        with_chapters += 1;
        let chapters = scratch.json(&rel);
        assert_eq!(chapters["version"], "1.2.0");
        let list = chapters["chapters"].as_array().unwrap();
        assert_eq!(list.len(), timed, "{id}");
        let starts: Vec<f64> = list
            .iter()
            .map(|c| c["startTime"].as_f64().unwrap())
            .collect();
        assert!(
            starts.windows(2).all(|pair| pair[0] <= pair[1]),
            "{id}: {starts:?}"
        );
        assert!(list.iter().all(|c| c["title"].is_string()));
        let page = scratch.read(&format!("episodes/{id}/index.html"));
        assert!(page.contains(
            "<link rel=\"alternate\" type=\"application/json+chapters\" href=\"chapters.json\""
        ));
    }
    assert!(with_chapters >= 2);
}

#[test]
fn sitemap_and_robots_list_every_episode_page() {
    let scratch = Scratch::new();
    assert!(scratch.publish(&[]).status.success());
    let sitemap = scratch.read("sitemap.xml");
    assert!(sitemap.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    assert_eq!(sitemap.matches("<url>").count(), 1 + sample_ids().len());
    assert!(sitemap.contains(&format!(
        "<url><loc>{BASE}episodes/{SEED}/</loc><lastmod>2025-01-29</lastmod></url>"
    )));
    assert_eq!(
        scratch.read("robots.txt"),
        format!("User-agent: *\nAllow: /\nSitemap: {BASE}sitemap.xml\n")
    );
}

#[test]
fn past_50000_urls_the_sitemap_becomes_an_index() {
    use digest_reader::model::{IndexEntry, Published};
    let entries: Vec<IndexEntry> = (0..60_000)
        .map(|n| IndexEntry {
            id: format!("episode-{n}"),
            title: "t".into(),
            published: Published::parse("2025-01-01").unwrap(),
            channel: "c".into(),
            source_title: "s".into(),
            summary: None,
            tags: Vec::new(),
        })
        .collect();
    let site = digest_reader::model::SiteConfig::parse(&format!("{{\"base_url\":\"{BASE}\"}}")).0;
    let urls = digest_publish::urls::Urls::of(&site).unwrap();
    let files = digest_publish::sitemap::sitemaps(&entries, &urls);
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]);
    let mut total = 0;
    for (name, body) in &files[..2] {
        let count = body.matches("<url>").count();
        assert!(count <= 50_000, "{name}: {count} URLs");
        assert!(
            body.len() < 50 * 1024 * 1024,
            "{name}: {} bytes",
            body.len()
        );
        total += count;
    }
    assert_eq!(total, 60_001, "every episode and the library");
    let index = &files[2].1;
    assert!(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    assert!(index.contains(&format!(
        "<sitemap><loc>{BASE}sitemap-2.xml</loc></sitemap>"
    )));
}

#[test]
fn markdown_exports_every_field() {
    let scratch = Scratch::new();
    assert!(scratch.publish(&[]).status.success());
    let markdown = scratch.read("episodes/small-models-big-bets/index.md");
    let digest: Value = serde_json::from_str(
        &fs::read_to_string(scratch.path("digests/small-models-big-bets.json")).unwrap(),
    )
    .unwrap();
    let (front, body) = markdown
        .strip_prefix("---\n")
        .unwrap()
        .split_once("\n---\n")
        .unwrap();
    let quoted = |value: &Value| serde_json::to_string(value).unwrap();
    for key in ["id", "title", "published", "language", "image"] {
        assert!(
            front.contains(&format!("\n{key}: {}", quoted(&digest[key])))
                || front.starts_with(&format!("{key}: ")),
            "{key} in\n{front}"
        );
    }
    assert!(front.contains(&format!(
        "  channel: {}",
        quoted(&digest["source"]["channel"])
    )));
    assert!(front.contains(&format!("  by: {}", quoted(&digest["generated"]["by"]))));
    assert!(front.contains(&format!(
        "canonical: \"{BASE}episodes/small-models-big-bets/\""
    )));
    assert!(body.contains("## Key Points"));
    assert!(body.contains("## Details"));
    assert!(body.contains("### 1. "));
}

#[test]
fn a_broken_folder_is_refused_with_every_problem_and_nothing_written() {
    let scratch = Scratch::new();
    fs::write(
        scratch.path("digests/broken.json"),
        "{\"format\": \"digest/v1\",\n  \"id\": \"broken\" \"x\"}",
    )
    .unwrap();
    scratch.edit(SEED, |digest| {
        digest.as_object_mut().unwrap().remove("title");
        digest["sections"][1]["points"][0] = Value::Bool(true);
    });
    scratch.edit("small-models-big-bets", |digest| {
        digest["id"] = Value::String("another-id".into())
    });
    fs::create_dir_all(scratch.path("digests/more")).unwrap();
    fs::copy(
        scratch.path("digests/rewrote-python-api-in-rust.json"),
        scratch.path("digests/more/rewrote-python-api-in-rust.json"),
    )
    .unwrap();
    fs::write(
        scratch.path("digests/v2.json"),
        "{\"format\": \"digest/v2\", \"id\": \"v2\"}",
    )
    .unwrap();

    let output = scratch.publish(&[]);
    assert!(!output.status.success());
    assert!(output.stdout.is_empty(), "problems go to standard error");
    let stderr = String::from_utf8_lossy(&output.stderr);
    for expected in [
        "digests/broken.json:2:18: not valid JSON",
        &format!("digests/{SEED}.json: title: missing"),
        &format!("digests/{SEED}.json: sections[1].points[0]: expected a string or an object with text"),
        "digests/small-models-big-bets.json: id: is \"another-id\", but the file is named small-models-big-bets.json",
        "digests/more/rewrote-python-api-in-rust.json: id: duplicate id \"rewrote-python-api-in-rust\"",
        "digests/rewrote-python-api-in-rust.json: id: duplicate id",
        "digests/v2.json: format: the format is \"digest/v2\"",
        "nothing was written",
    ] {
        assert!(stderr.contains(expected), "missing {expected:?} in\n{stderr}");
    }
    assert!(!scratch.path("out").exists(), "nothing written");

    let (ok, report) = scratch.publish_json(&[]);
    assert!(!ok);
    assert_eq!(report["ok"], false);
    assert_eq!(
        report["problems"].as_array().unwrap().len(),
        7,
        "{report:#}"
    );
    let broken = &report["problems"][0];
    assert_eq!(
        (broken["line"].as_u64(), broken["column"].as_u64()),
        (Some(2), Some(18))
    );

    let check = scratch.run(&["check", "digests", "--format", "json"]);
    assert!(!check.status.success());
    let report: Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(report["problems"].as_array().unwrap().len(), 7);
}

#[test]
fn a_broken_digest_never_replaces_a_published_page() {
    let scratch = Scratch::new();
    assert!(scratch.publish(&[]).status.success());
    let before: Vec<(PathBuf, Vec<u8>)> = files_below(&scratch.path("out"))
        .into_iter()
        .map(|path| {
            let body = fs::read(&path).unwrap();
            (path, body)
        })
        .collect();
    scratch.edit(SEED, |digest| {
        digest["sections"] = Value::String("oops".into())
    });
    let output = scratch.publish(&[]);
    assert!(!output.status.success());
    for (path, body) in &before {
        assert_eq!(
            &fs::read(path).unwrap(),
            body,
            "{} untouched",
            path.display()
        );
    }

    // With --skip-invalid the site is written and the episode keeps its last good version.
    fs::write(scratch.path("digests/never-good.json"), "not json").unwrap();
    let (ok, report) = scratch.publish_json(&["--skip-invalid"]);
    assert!(ok, "{report:#}");
    assert_eq!(report["kept_published"], serde_json::json!([SEED]));
    assert_eq!(report["left_out"], serde_json::json!(["never-good"]));
    assert_eq!(report["problems"].as_array().unwrap().len(), 2);
    let published: Value = scratch.json(&format!("digests/{SEED}.json"));
    assert!(
        published["sections"].is_array(),
        "the last good digest stays"
    );
    assert!(scratch.read("digests/index.json").contains(SEED));
    assert!(!scratch.out("episodes/never-good").exists());
}

#[test]
fn republishing_rewrites_only_what_changed_and_removes_what_is_gone() {
    let scratch = Scratch::new();
    let (ok, first) = scratch.publish_json(&[]);
    assert!(ok);
    assert!(first["written"]["written"].as_u64().unwrap() > 40);

    let (_, again) = scratch.publish_json(&[]);
    assert_eq!(again["written"]["written"], 0, "nothing changed: {again:#}");

    scratch.edit(SEED, |digest| {
        digest["title"] = Value::String("A new title".into())
    });
    let md_before = fs::metadata(scratch.out("episodes/small-models-big-bets/index.md"))
        .unwrap()
        .modified()
        .unwrap();
    let (_, changed) = scratch.publish_json(&[]);
    let written = changed["written"]["written"].as_u64().unwrap();
    // The seed's digest, page, Markdown, oEmbed and chapters (x3 with copies), plus the
    // index, sitemap and feeds that name it, and in library/ its card file, the word file of its
    // words and the manifest.
    assert!((9..=45).contains(&written), "{changed:#}");
    assert!(scratch
        .read(&format!("episodes/{SEED}/index.html"))
        .contains("<title>A new title | Digestly</title>"));
    assert!(scratch.read("feed.xml").contains("A new title"));
    let md_after = fs::metadata(scratch.out("episodes/small-models-big-bets/index.md"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(md_before, md_after, "other episodes untouched");

    fs::remove_file(scratch.path(&format!("digests/{SEED}.json"))).unwrap();
    let (_, removed) = scratch.publish_json(&[]);
    assert!(
        removed["written"]["removed"].as_u64().unwrap() >= 2,
        "{removed:#}"
    );
    assert!(!scratch.out(&format!("digests/{SEED}.json")).exists());
    assert!(!scratch.out(&format!("digests/{SEED}.json.br")).exists());
    assert!(!scratch.out(&format!("episodes/{SEED}")).exists());
    assert!(!scratch.read("digests/index.json").contains(SEED));
    assert!(!scratch.read("sitemap.xml").contains(SEED));
}

#[test]
fn the_split_library_keeps_the_last_publish_files_and_removes_older_ones() {
    let scratch = Scratch::new();
    let words_files = |scratch: &Scratch| -> BTreeSet<String> {
        let manifest = scratch.json("library/manifest.json");
        manifest["words"]
            .as_array()
            .unwrap()
            .iter()
            .map(|file| format!("{}.json", file["last"].as_str().unwrap()))
            .collect()
    };
    let mut generations = Vec::new();
    for title in ["First title", "Second title", "Third title"] {
        scratch.edit(SEED, |digest| digest["title"] = Value::String(title.into()));
        assert!(scratch.publish(&[]).status.success());
        let names = words_files(&scratch);
        for name in &names {
            for copy in ["", ".br", ".gz"] {
                assert!(scratch
                    .out(&format!("library/words/{name}{copy}"))
                    .is_file());
            }
        }
        generations.push(names);
    }
    let manifest = scratch.json("library/manifest.json");
    assert_eq!(manifest["format"], "digest-library/v1");
    assert_eq!(
        manifest["newest"].as_array().unwrap().len(),
        sample_ids().len()
    );
    let [first, second, third] = &generations[..] else {
        unreachable!()
    };
    let gone: Vec<_> = first
        .difference(second)
        .filter(|n| !third.contains(*n))
        .collect();
    assert!(!gone.is_empty(), "a new title changes a word file");
    for name in gone {
        assert!(
            !scratch.out(&format!("library/words/{name}")).exists(),
            "{name}"
        );
        assert!(
            !scratch.out(&format!("library/words/{name}.br")).exists(),
            "{name}"
        );
    }
    for name in second {
        assert!(
            scratch.out(&format!("library/words/{name}")).is_file(),
            "kept: {name}"
        );
    }
}

#[test]
fn a_changed_site_json_rewrites_every_page() {
    let scratch = Scratch::new();
    assert!(scratch.publish(&[]).status.success());
    let mut site: Value =
        serde_json::from_str(&fs::read_to_string(scratch.path("site.json")).unwrap()).unwrap();
    site["name"] = Value::String("Renamed".into());
    fs::write(scratch.path("site.json"), site.to_string()).unwrap();
    assert!(scratch.publish(&[]).status.success());
    for id in sample_ids() {
        assert!(
            scratch
                .read(&format!("episodes/{id}/index.html"))
                .contains("| Renamed</title>"),
            "{id}"
        );
    }
}

#[test]
fn a_new_take_over_module_rewrites_every_page() {
    // A build that changes only the take-over loader leaves the app's index.html as it was: the
    // pages must still name the new loader and its integrity, or the browser refuses it.
    let scratch = Scratch::new();
    assert!(scratch.publish(&[]).status.success());
    let manifest = fs::read_to_string(scratch.path("app/app.json")).unwrap();
    fs::write(
        scratch.path("app/app.json"),
        manifest.replace("\"sha384-p\"", "\"sha384-new-loader\""),
    )
    .unwrap();
    assert!(scratch.publish(&[]).status.success());
    for id in sample_ids() {
        assert!(
            scratch
                .read(&format!("episodes/{id}/index.html"))
                .contains("integrity=\"sha384-new-loader\""),
            "{id}"
        );
    }
}

#[test]
fn without_base_url_absolute_files_are_left_out_and_the_publisher_is_told() {
    let scratch = Scratch::new();
    fs::copy(SITE, scratch.path("site.json")).unwrap();
    let output = scratch.publish(&[]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        text(&output).contains("site.json has no base_url"),
        "{}",
        text(&output)
    );
    for rel in [
        "sitemap.xml",
        "feed.xml",
        "feed.json",
        &format!("episodes/{SEED}/oembed.json"),
    ] {
        assert!(!scratch.out(rel).exists(), "{rel} needs base_url");
    }
    assert_eq!(scratch.read("robots.txt"), "User-agent: *\nAllow: /\n");
    let page = scratch.read(&format!("episodes/{SEED}/index.html"));
    assert!(!page.contains("rel=\"canonical\"") && !page.contains("og:url"));
    assert!(scratch.out(&format!("episodes/{SEED}/index.md")).exists());
}

#[test]
fn a_broken_site_json_or_missing_app_is_refused() {
    let scratch = Scratch::new();
    fs::write(
        scratch.path("site.json"),
        "{\"base_url\": \"javascript:alert(1)\", \"digests\": \"elsewhere/\"}",
    )
    .unwrap();
    fs::remove_file(scratch.path("app/index.html")).unwrap();
    let output = scratch.publish(&[]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("site.json: base_url:"), "{stderr}");
    assert!(stderr.contains("site.json: digests:"), "{stderr}");
    assert!(stderr.contains("no built app here"), "{stderr}");
    assert!(!scratch.path("out").exists());
}

#[test]
fn check_passes_the_bundled_samples() {
    let scratch = Scratch::new();
    let output = scratch.run(&["check", "digests", "--site", "site.json"]);
    assert!(output.status.success(), "{}", text(&output));
    let valid = format!("check: {} digests valid", sample_ids().len());
    assert!(String::from_utf8_lossy(&output.stdout).contains(&valid));
}
