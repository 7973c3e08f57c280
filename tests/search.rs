//! Host tests of the library's search and filters.
#![cfg(not(target_arch = "wasm32"))]

use digest_reader::model::search::{facets, highlight, narrows, Piece};
use digest_reader::model::{Library, Query, SearchIndex};
use serde_json::json;

fn library() -> Library {
    let entry = |id: &str, title: &str, date: &str, channel: &str, summary: &str, tags: &[&str]| {
        json!({ "id": id, "title": title, "published": date,
                "source": { "channel": channel, "title": title }, "summary": summary, "tags": tags })
    };
    let text = json!({ "format": "digest-index/v1", "episodes": [
        entry("cv", "Write a better Résumé", "2025-03-01", "Career Talk", "Hiring managers skim.", &["career"]),
        entry("ds", "DeepSeek stole our tech", "2025-01-29", "Fireship", "OpenAI accuses Deep Seek.", &["ai", "openai"]),
        entry("rs", "Rewriting an API in Rust", "2025-09-03", "Fireship", "Latency fell by half.", &["rust", "ai"]),
        entry("pod", "Small models, big bets", "2025-06-17", "Build Log", "A deep dive on fine-tuning.", &["ai"]),
    ]})
    .to_string();
    Library::parse(&text).expect("valid")
}

fn ids(library: &Library, positions: &[usize]) -> Vec<String> {
    positions
        .iter()
        .map(|&i| library.episodes[i].id.clone())
        .collect()
}

fn search(text: &str, channel: Option<&str>, tag: Option<&str>) -> Vec<String> {
    let library = library();
    let index = SearchIndex::new(&library.episodes);
    let query = Query {
        text: text.into(),
        channel: channel.map(Into::into),
        tag: tag.map(Into::into),
    };
    ids(&library, &index.matches(&library.episodes, &query, None))
}

#[test]
fn empty_query_lists_everything_newest_first() {
    assert_eq!(search("", None, None), vec!["rs", "pod", "cv", "ds"]);
}

#[test]
fn search_ignores_case_and_accents_and_needs_every_word() {
    assert_eq!(search("resume", None, None), vec!["cv"]);
    assert_eq!(search("RÉSUMÉ", None, None), vec!["cv"]);
    assert_eq!(search("deep", None, None), vec!["pod", "ds"]);
    assert_eq!(search("deep openai", None, None), vec!["ds"]);
    assert_eq!(search("deep nothing", None, None), Vec::<String>::new());
    // Channel, summary and tags are searched too.
    assert_eq!(search("fireship", None, None), vec!["rs", "ds"]);
    assert_eq!(search("latency", None, None), vec!["rs"]);
    assert_eq!(search("rust", None, None), vec!["rs"]);
}

#[test]
fn filters_combine_with_search() {
    assert_eq!(search("", Some("Fireship"), None), vec!["rs", "ds"]);
    assert_eq!(search("", None, Some("ai")), vec!["rs", "pod", "ds"]);
    assert_eq!(search("", Some("Fireship"), Some("openai")), vec!["ds"]);
    assert_eq!(search("latency", Some("Fireship"), Some("ai")), vec!["rs"]);
    assert_eq!(
        search("", Some("fireship"), None),
        Vec::<String>::new(),
        "channel filter is exact"
    );
}

#[test]
fn narrowing_searches_reuse_earlier_results() {
    let library = library();
    let index = SearchIndex::new(&library.episodes);
    let first = Query {
        text: "dee".into(),
        ..Query::default()
    };
    let next = Query {
        text: "deep ope".into(),
        ..Query::default()
    };
    assert!(narrows(&first, &next));
    assert!(!narrows(&next, &first));
    assert!(!narrows(
        &Query {
            tag: Some("ai".into()),
            ..first.clone()
        },
        &first
    ));
    let all = &library.episodes;
    let earlier = index.matches(all, &first, None);
    assert_eq!(
        index.matches(all, &next, Some(&earlier)),
        index.matches(all, &next, None)
    );
}

#[test]
fn facets_count_channels_and_tags() {
    let (channels, tags) = facets(&library().episodes);
    assert_eq!(
        channels.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>(),
        ["Build Log", "Career Talk", "Fireship"]
    );
    assert_eq!(channels[2], ("Fireship".to_string(), 2));
    assert_eq!(tags[0], ("ai".to_string(), 3));
}

#[test]
fn highlights_map_back_to_the_original_text() {
    let piece = |text: &str, matched| Piece {
        text: text.into(),
        matched,
    };
    assert_eq!(
        highlight("Write a better Résumé", &["resume".into()], false),
        vec![piece("Write a better ", false), piece("Résumé", true)]
    );
    assert_eq!(
        highlight("Deep dive, deeply", &["deep".into(), "dive".into()], false),
        vec![
            piece("Deep", true),
            piece(" ", false),
            piece("dive", true),
            piece(", ", false),
            piece("deep", true),
            piece("ly", false)
        ]
    );
    assert_eq!(
        highlight("<b>x</b>", &["b".into()], false)[0],
        piece("<", false)
    );
    assert_eq!(highlight("plain", &[], false), vec![piece("plain", false)]);
    assert_eq!(
        highlight("plain", &["".into()], false),
        vec![piece("plain", false)]
    );
    assert_eq!(highlight("", &[], false), vec![]);
    // The split library's search matches words by their beginnings, and so do its marks.
    assert_eq!(
        highlight("Start the art of Artificial", &["art".into()], true),
        vec![
            piece("Start the ", false),
            piece("art", true),
            piece(" of ", false),
            piece("Art", true),
            piece("ificial", false)
        ]
    );
    assert_eq!(
        highlight("Start", &["art".into()], false),
        vec![piece("St", false), piece("art", true)]
    );
    assert_eq!(
        highlight("l'Élan, co-Écrit", &["elan".into(), "ecrit".into()], true),
        vec![
            piece("l'", false),
            piece("Élan", true),
            piece(", co-", false),
            piece("Écrit", true)
        ]
    );
    // Overlapping terms merge into one mark.
    assert_eq!(
        highlight("abcd", &["abc".into(), "bcd".into()], false),
        vec![piece("abcd", true)]
    );
}
