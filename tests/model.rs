//! Host tests of the format: parsing, validation and every error kind a reader can be shown.
#![cfg(not(target_arch = "wasm32"))]

use digest_reader::model::{Digest, Generated, Library, Link, ParseError, SiteConfig, SourceKind};
use serde_json::{json, Value};

fn minimal() -> Value {
    json!({
        "format": "digest/v1",
        "id": "an-episode",
        "published": "2025-01-29",
        "title": "An episode",
        "source": { "channel": "Channel", "title": "Original" },
        "summary": "One.\n\nTwo\nstill two.",
        "key_points": [],
        "sections": []
    })
}

fn parse(value: &Value) -> Result<Digest, ParseError> {
    Digest::parse(&value.to_string())
}

fn problems(value: &Value) -> Vec<String> {
    match parse(value) {
        Err(ParseError::Invalid(problems)) => problems.iter().map(ToString::to_string).collect(),
        other => panic!("expected validation problems, got {other:?}"),
    }
}

#[test]
fn reads_a_minimal_digest() {
    let digest = parse(&minimal()).expect("valid");
    assert_eq!(digest.id, "an-episode");
    assert_eq!(digest.published.to_string(), "Jan 29, 2025");
    assert_eq!(digest.source.line(), "Channel - Original");
    assert_eq!(digest.summary, vec!["One.", "Two\nstill two."]);
    assert!(digest.full_content_url.is_none());
}

#[test]
fn reads_every_part_of_the_format() {
    let mut value = minimal();
    value["source"] = json!({
        "channel": "Pod", "title": "Ep 1", "url": "https://pod.example/1",
        "kind": "podcast", "duration_seconds": 3900
    });
    value["key_points"] = json!(["plain", { "text": "timed", "at_seconds": 63 }]);
    value["sections"] = json!([
        { "title": "No emoji", "points": ["a"] },
        { "emoji": "🤖", "title": "Two", "at_seconds": 41.5, "subsections": [
            { "title": "Open", "points": ["x", { "text": "y", "at_seconds": 70 }] },
            { "title": "Closed", "locked": true, "points": ["secret"] }
        ]}
    ]);
    value["full_content_url"] = json!("full/an-episode.html");
    value["tags"] = json!(["ai", "news"]);
    value["publisher_extra"] = json!({ "anything": [1, 2, 3] });
    let digest = parse(&value).expect("valid");
    assert_eq!(digest.source.kind, Some(SourceKind::Podcast));
    assert_eq!(digest.source.duration_seconds, Some(3900));
    assert_eq!(digest.key_points[1].at_seconds, Some(63.0));
    assert_eq!(digest.sections[0].emoji, None);
    assert_eq!(digest.sections[1].emoji.as_deref(), Some("🤖"));
    assert_eq!(digest.sections[1].subsections[0].points.len(), 2);
    let locked = &digest.sections[1].subsections[1];
    assert!(locked.locked);
    assert!(
        locked.points.is_empty(),
        "a locked subsection never carries points"
    );
    assert_eq!(
        digest.full_content_url.map(|l| l.href().to_string()),
        Some("full/an-episode.html".into())
    );
    assert_eq!(digest.tags, vec!["ai", "news"]);
}

#[test]
fn syntax_errors_say_line_and_column() {
    match Digest::parse("{\n  \"format\": \"digest/v1\",\n  \"id\": oops\n}") {
        Err(ParseError::Syntax {
            line,
            column,
            message,
        }) => {
            assert_eq!((line, column), (3, 9));
            assert_eq!(message, "expected value");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        Digest::parse(""),
        Err(ParseError::Syntax {
            line: 1,
            column: 0,
            ..
        })
    ));
    assert!(matches!(
        Digest::parse("<html>"),
        Err(ParseError::Syntax {
            line: 1,
            column: 1,
            ..
        })
    ));
    let message = Digest::parse("{\"a\": 1,}")
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "not valid JSON at line 1, column 9: trailing comma"
    );
}

#[test]
fn unknown_format_is_named() {
    let mut value = minimal();
    value["format"] = json!("digest/v2");
    assert_eq!(
        parse(&value),
        Err(ParseError::UnknownFormat {
            found: "digest/v2".into(),
            expected: "digest/v1"
        })
    );
    value["format"] = json!(2);
    assert_eq!(
        problems(&value),
        vec!["format: expected the string \"digest/v1\", found a number"]
    );
    value.as_object_mut().map(|o| o.remove("format"));
    assert_eq!(problems(&value), vec!["format: missing"]);
    assert_eq!(
        problems(&json!([1])),
        vec!["expected a JSON object (a digest/v1 document)"]
    );
}

#[test]
fn reports_every_problem_with_its_field_path() {
    let mut value = minimal();
    value["id"] = json!("Not A Slug");
    value["published"] = json!("29/01/2025");
    value["title"] = json!("  ");
    value["source"] = json!({ "channel": 7, "url": "javascript:alert(1)", "kind": "book" });
    value["summary"] = json!(null);
    value["key_points"] = json!(["ok", 3, { "at_seconds": -1 }]);
    value["sections"] = json!([
        { "title": "fine" }, { "title": "fine" }, { "title": "fine" },
        { "emoji": "🌐", "subsections": [{ "locked": "yes" }], "points": {} }
    ]);
    value["full_content_url"] = json!("data:text/html,x");
    value["tags"] = json!(["ok", false]);
    assert_eq!(
        problems(&value),
        vec![
            "id: must be lowercase letters, digits and -, 1 to 128 characters",
            "published: not a date (YYYY-MM-DD or an RFC 3339 date-time)",
            "title: must not be empty",
            "source.channel: expected a string, found a number",
            "source.title: missing",
            "source.url: not an http(s) URL",
            "source.kind: must be video, podcast or article",
            "summary: missing",
            "key_points[1]: expected a string or an object with text",
            "key_points[2].text: missing",
            "key_points[2].at_seconds: must be a number of seconds, 0 or more",
            "sections[3].title: missing",
            "sections[3].points: expected an array, found an object",
            "sections[3].subsections[0].title: missing",
            "sections[3].subsections[0].locked: expected true or false, found a string",
            "full_content_url: not an http(s) or relative URL",
            "tags[1]: expected a string, found a boolean",
        ]
    );
}

#[test]
fn required_lists_and_objects_must_be_present() {
    let mut value = minimal();
    for key in [
        "source",
        "key_points",
        "sections",
        "title",
        "id",
        "published",
    ] {
        value.as_object_mut().map(|o| o.remove(key));
    }
    assert_eq!(
        problems(&value),
        vec![
            "id: missing",
            "published: missing",
            "title: missing",
            "source: missing",
            "key_points: missing",
            "sections: missing"
        ]
    );
}

#[test]
fn ids_are_slugs_up_to_128_characters() {
    let mut value = minimal();
    value["id"] = json!("a".repeat(128));
    assert!(parse(&value).is_ok());
    value["id"] = json!("a".repeat(129));
    assert!(parse(&value).is_err());
    value["id"] = json!("../etc/passwd");
    assert!(parse(&value).is_err());
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = "[".repeat(100_000);
    assert!(matches!(
        Digest::parse(&deep),
        Err(ParseError::Syntax { .. })
    ));
}

#[test]
fn only_the_episode_title_must_say_something() {
    // Spec section 2: the episode's title is "non-empty"; a section's or subsection's is just a string.
    let mut value = minimal();
    value["sections"] = json!([{ "title": "", "subsections": [{ "title": " " }] }]);
    let digest = parse(&value).expect("empty section titles are allowed");
    assert_eq!(digest.sections[0].title, "");
    assert_eq!(digest.sections[0].subsections[0].title, " ");
    value["sections"] = json!([{ "title": 3 }]);
    assert_eq!(
        problems(&value),
        vec!["sections[0].title: expected a string, found a number"]
    );
}

#[test]
fn a_duration_is_any_whole_json_number() {
    let mut value = minimal();
    for (written, read) in [
        (json!(286), 286),
        (json!(286.0), 286),
        (json!(0), 0),
        (json!(1e19), 10_000_000_000_000_000_000),
        (json!(u64::MAX), u64::MAX),
    ] {
        value["source"]["duration_seconds"] = written;
        assert_eq!(
            parse(&value).expect("whole").source.duration_seconds,
            Some(read)
        );
    }
    for bad in [
        json!(286.5),
        json!(-1),
        json!(-1.0),
        json!(1e300),
        json!("286"),
    ] {
        value["source"]["duration_seconds"] = bad.clone();
        assert_eq!(
            problems(&value),
            vec!["source.duration_seconds: must be a whole number of seconds, 0 or more"],
            "{bad}"
        );
    }
}

#[test]
fn library_is_newest_first_and_skips_broken_entries() {
    let text = json!({
        "format": "digest-index/v1",
        "episodes": [
            { "id": "old", "title": "Old", "published": "2024-05-01", "source": { "channel": "A", "title": "a" } },
            { "id": "BAD", "title": "Bad", "published": "2025-01-01", "source": { "channel": "A", "title": "a" } },
            { "id": "new", "title": "New", "published": "2025-02-01T10:00:00Z", "source": { "channel": "B", "title": "b" }, "tags": ["x"] },
            { "id": "mid", "title": "Mid", "published": "2025-02-01", "source": { "channel": "C", "title": "c" }, "summary": "S" },
            // 23:30 in New York on Jan 31 is 04:30 UTC on Feb 1: newer than "mid", older than "new".
            { "id": "ny", "title": "NY", "published": "2025-01-31T23:30:00-05:00", "source": { "channel": "C", "title": "c" } }
        ]
    })
    .to_string();
    let library = Library::parse(&text).expect("valid index");
    let ids: Vec<_> = library.episodes.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, vec!["new", "ny", "mid", "old"]);
    assert_eq!(library.skipped.len(), 1);
    assert_eq!(library.skipped[0].path, "episodes[1].id");
    assert!(matches!(
        Library::parse(r#"{"format":"digest-index/v2","episodes":[]}"#),
        Err(ParseError::UnknownFormat { .. })
    ));
    assert!(matches!(
        Library::parse(r#"{"format":"digest-index/v1"}"#),
        Err(ParseError::Invalid(p)) if p[0].to_string() == "episodes: missing"
    ));
}

#[test]
fn site_config_falls_back_field_by_field() {
    let (config, problems) = SiteConfig::parse(
        &json!({
            "name": "Digestly",
            "digests": "data",
            "allowed_sources": ["HTTPS://Other.Example/"],
            "upgrade": { "headline": "Go Plus", "cta_label": "Upgrade", "cta_url": "javascript:x()" }
        })
        .to_string(),
    );
    assert_eq!(config.name, "Digestly");
    assert_eq!(config.digest_url("ep"), "data/ep.json");
    assert_eq!(config.index_url(), "data/index.json");
    let upgrade = config.upgrade.clone().expect("upgrade kept");
    assert_eq!(upgrade.headline, "Go Plus");
    assert!(
        upgrade.cta.is_none(),
        "an unsafe call-to-action URL is dropped"
    );
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].to_string(),
        "upgrade.cta_url: not an http(s) URL"
    );
    assert!(config.allows_origin("https://other.example", "https://me.example"));
    assert!(config.allows_origin("https://me.example", "https://me.example"));
    assert!(!config.allows_origin("https://evil.example", "https://me.example"));
    assert!(!config.allows_origin("null", "null"));

    let (fallback, problems) = SiteConfig::parse("not json");
    assert_eq!(fallback, SiteConfig::default());
    assert_eq!(problems.len(), 1);
}

#[test]
fn bundled_samples_are_valid() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/public/digests");
    let index = std::fs::read_to_string(format!("{dir}/index.json")).expect("index.json");
    let library = Library::parse(&index).expect("valid index");
    assert!(library.skipped.is_empty());
    assert!(library.episodes.len() >= 4);
    for entry in &library.episodes {
        let text =
            std::fs::read_to_string(format!("{dir}/{}.json", entry.id)).expect("digest file");
        let digest = Digest::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", entry.id));
        assert_eq!(digest.id, entry.id);
        assert_eq!(digest.title, entry.title);
    }
    let site = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/public/site.json"))
        .expect("site.json");
    let (config, problems) = SiteConfig::parse(&site);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(config.name, "Digestly");
}

#[test]
fn links_are_read_as_the_shared_table_says() {
    // The same table checks the JSON Schemas (tests/e2e/schema.test.mjs).
    let table: Value = serde_json::from_str(include_str!("fixtures/links.json")).expect("table");
    let links = table["links"].as_array().expect("links");
    assert!(links.len() >= 30);
    for link in links {
        let url = link["url"].as_str().expect("url");
        assert_eq!(
            Link::absolute_or_relative(url).is_ok(),
            link["full_content_url"] == json!(true),
            "full_content_url {url:?}"
        );
        assert_eq!(
            Link::absolute(url).is_ok(),
            link["source_url"] == json!(true),
            "source.url {url:?}"
        );
        // image and source.media_url take what source.url takes: the schema uses its pattern.
        let mut value = minimal();
        value["image"] = json!(url);
        value["source"]["media_url"] = json!(url);
        assert_eq!(
            parse(&value).is_ok(),
            link["source_url"] == json!(true),
            "image and source.media_url {url:?}"
        );
    }
}

#[test]
fn reads_the_v1_1_digest_fields() {
    let mut value = minimal();
    value["language"] = json!("pt-BR");
    value["image"] = json!("https://img.example/ep.jpg");
    value["source"]["media_url"] = json!("https://cdn.example/ep.mp3");
    value["generated"] = json!({ "by": "gpt-4o", "at": "2025-01-29T08:00:00Z" });
    let digest = parse(&value).expect("valid");
    assert_eq!(digest.language.as_deref(), Some("pt-BR"));
    assert_eq!(
        digest.image.as_ref().map(Link::href),
        Some("https://img.example/ep.jpg")
    );
    assert_eq!(
        digest.source.media_url.as_ref().map(Link::href),
        Some("https://cdn.example/ep.mp3")
    );
    let Some(Generated { by, at }) = digest.generated else {
        panic!("generated was not read");
    };
    assert_eq!(by, "gpt-4o");
    assert_eq!(
        at.map(|at| at.machine().to_string()),
        Some("2025-01-29T08:00:00Z".into())
    );

    // All optional: absent (or null) is None, and `at` may be left out or be a plain date.
    let plain = parse(&minimal()).expect("valid");
    assert_eq!(
        (
            plain.language,
            plain.image,
            plain.generated,
            plain.source.media_url
        ),
        (None, None, None, None)
    );
    value["generated"] = json!({ "by": "digest-pipeline 2.3" });
    assert_eq!(
        parse(&value).expect("valid").generated.map(|g| g.at),
        Some(None)
    );
    value["generated"] = json!({ "by": "x", "at": "2025-01-29" });
    assert!(parse(&value)
        .expect("a plain date")
        .generated
        .is_some_and(|g| g.at.is_some()));
    value["language"] = json!(null);
    assert_eq!(parse(&value).expect("null is absent").language, None);
}

#[test]
fn language_tags_are_checked_for_syntax() {
    let mut value = minimal();
    for good in [
        "en",
        "pt-BR",
        "ar",
        "zh-Hant-TW",
        "es-419",
        "EN-gb",
        "de-CH-1996",
        "abcdefgh-x-a",
    ] {
        value["language"] = json!(good);
        assert!(parse(&value).is_ok(), "{good:?} was refused");
    }
    for bad in [
        "",
        " ",
        "e",
        "english language",
        "en_US",
        "en-",
        "-en",
        "en--US",
        "123",
        "e1",
        "abcdefghi",
        "en-abcdefghi",
        " en",
        "en ",
        "ça",
        "en-US\n",
    ] {
        value["language"] = json!(bad);
        assert_eq!(
            problems(&value),
            vec!["language: not a BCP 47 language tag such as en or pt-BR"],
            "{bad:?}"
        );
    }
    value["language"] = json!(["en"]);
    assert_eq!(
        problems(&value),
        vec!["language: expected a string, found an array"]
    );
}

#[test]
fn right_to_left_languages_and_scripts_set_the_direction() {
    use digest_reader::model::text_direction;
    for rtl in [
        "ar",
        "he",
        "fa",
        "ur",
        "yi",
        "AR-eg",
        "az-Arab",
        "ku-Arab-IQ",
        "iw",
    ] {
        assert_eq!(text_direction(rtl), "rtl", "{rtl}");
    }
    // A Latin script decides over the language; extensions name no script.
    for ltr in [
        "en",
        "pt-BR",
        "zh-Hant-TW",
        "ar-Latn",
        "en-u-nu-arab",
        "x-arab",
        "arabic",
    ] {
        assert_eq!(text_direction(ltr), "ltr", "{ltr}");
    }
}

#[test]
fn v1_1_digest_fields_are_refused_with_their_paths() {
    let mut value = minimal();
    value["image"] = json!("javascript:alert(1)");
    value["source"]["media_url"] = json!("ftp://cdn.example/ep.mp3");
    value["generated"] = json!({ "at": "yesterday" });
    assert_eq!(
        problems(&value),
        vec![
            "source.media_url: not an http(s) URL",
            "image: not an http(s) URL",
            "generated.by: missing",
            "generated.at: not a date (YYYY-MM-DD or an RFC 3339 date-time)",
        ]
    );
    value = minimal();
    value["image"] = json!("images/ep.jpg");
    value["source"]["media_url"] = json!("https://");
    value["generated"] = json!({ "by": "  ", "at": 20250129 });
    assert_eq!(
        problems(&value),
        vec![
            "source.media_url: not an http(s) URL with a host name",
            "image: not an http(s) URL",
            "generated.by: must not be empty",
            "generated.at: expected a string, found a number",
        ]
    );
    value = minimal();
    value["generated"] = json!("gpt-4o");
    assert_eq!(
        problems(&value),
        vec!["generated: expected an object, found a string"]
    );
}

fn site(value: Value) -> (SiteConfig, Vec<String>) {
    let (config, problems) = SiteConfig::parse(&value.to_string());
    (config, problems.iter().map(ToString::to_string).collect())
}

#[test]
fn site_base_url_is_absolute_and_ends_with_a_slash() {
    let base = |text: &str| site(json!({ "base_url": text }));
    let (config, problems) = base("https://example.org/reader/");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        config.base_url.as_ref().map(Link::href),
        Some("https://example.org/reader/")
    );
    assert_eq!(
        config.absolute("episodes/x/").as_deref(),
        Some("https://example.org/reader/episodes/x/")
    );
    assert_eq!(
        config.absolute("/feed.xml").as_deref(),
        Some("https://example.org/reader/feed.xml"),
        "a leading slash stays under the site's folder"
    );
    assert_eq!(
        config.absolute("").as_deref(),
        Some("https://example.org/reader/")
    );
    for (written, stored) in [
        ("https://example.org/reader", "https://example.org/reader/"),
        ("https://example.org", "https://example.org/"),
        ("http://localhost:8080/a/b", "http://localhost:8080/a/b/"),
    ] {
        let (config, problems) = base(written);
        assert!(problems.is_empty(), "{written}: {problems:?}");
        assert_eq!(config.base_url.as_ref().map(Link::href), Some(stored));
        assert_eq!(
            config.absolute("sitemap.xml"),
            Some(format!("{stored}sitemap.xml"))
        );
    }
    for (bad, message) in [
        ("reader/", "not an http(s) URL"),
        ("/reader/", "not an http(s) URL"),
        ("//example.org/reader/", "not an http(s) URL"),
        ("", "must not be empty"),
        ("javascript:alert(1)", "not an http(s) URL"),
        ("ftp://example.org/", "not an http(s) URL"),
        ("https://", "not an http(s) URL with a host name"),
        (
            "https://example.org/reader/?x=1",
            "must not have a query (?) or a fragment (#)",
        ),
        (
            "https://example.org/reader/#top",
            "must not have a query (?) or a fragment (#)",
        ),
        (
            "https://example.org?",
            "must not have a query (?) or a fragment (#)",
        ),
        (
            "https:example.org/reader/",
            "must be written http(s)://host/path/",
        ),
        (
            "https:///example.org/",
            "must be written http(s)://host/path/",
        ),
        (
            "https:\\\\example.org\\",
            "must be written http(s)://host/path/",
        ),
    ] {
        let (config, problems) = base(bad);
        assert_eq!(config.base_url, None, "{bad:?}");
        assert_eq!(config.absolute("x"), None, "{bad:?}");
        assert_eq!(problems, vec![format!("base_url: {message}")], "{bad:?}");
    }
    assert_eq!(SiteConfig::default().absolute("episodes/x/"), None);
}

#[test]
fn site_report_url_is_http_or_mailto() {
    let report = |text: &str| site(json!({ "report_url": text }));
    for (written, stored) in [
        ("mailto:x@example.org", "mailto:x@example.org"),
        (
            "MailTo:x@example.org?subject=Wrong",
            "MailTo:x@example.org?subject=Wrong",
        ),
        (
            "https://example.org/report?form=1",
            "https://example.org/report?form=1",
        ),
        (
            "  https://example.org/report\t ",
            "https://example.org/report",
        ),
    ] {
        let (config, problems) = report(written);
        assert!(problems.is_empty(), "{written:?}: {problems:?}");
        assert_eq!(config.report_url.as_deref(), Some(stored));
    }
    for (bad, message) in [
        ("JavaScript:alert(1)", "not an http(s) or mailto: URL"),
        (" java\tscript:alert(1)", "not an http(s) or mailto: URL"),
        ("\u{1}javascript:alert(1)", "not an http(s) or mailto: URL"),
        ("data:text/html,x", "not an http(s) or mailto: URL"),
        ("tel:+15550100", "not an http(s) or mailto: URL"),
        ("report.html", "not an http(s) or mailto: URL"),
        ("./mailto:x@example.org", "not an http(s) or mailto: URL"),
        ("https://", "not an http(s) URL with a host name"),
        (
            "mailto:",
            "must not be empty (an http(s) URL or mailto: with an address)",
        ),
        (
            "",
            "must not be empty (an http(s) URL or mailto: with an address)",
        ),
    ] {
        let (config, problems) = report(bad);
        assert_eq!(config.report_url, None, "{bad:?}");
        assert_eq!(problems, vec![format!("report_url: {message}")], "{bad:?}");
    }
}

#[test]
fn broken_v1_1_site_fields_fall_back_alone() {
    let (config, problems) = site(json!({
        "name": "Digestly",
        "base_url": 7,
        "report_url": "javascript:alert(1)"
    }));
    assert_eq!(config.name, "Digestly");
    assert_eq!((config.base_url, config.report_url), (None, None));
    assert_eq!(
        problems,
        vec![
            "base_url: expected a string, found a number",
            "report_url: not an http(s) or mailto: URL"
        ]
    );
}
