//! Host tests of the library's search and filters.
#![cfg(not(target_arch = "wasm32"))]

use digest_reader::model::search::{facets, highlight, narrows, Piece, Terms};
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

/// `text` with what `terms` mark in [brackets]. Pieces alternate between marked and not (no two
/// plain or two marked pieces side by side), so the brackets show every piece boundary.
fn marked(text: &str, terms: &Terms) -> String {
    let pieces = highlight(text, terms);
    assert!(
        pieces
            .windows(2)
            .all(|pair| pair[0].matched != pair[1].matched),
        "pieces alternate: {pieces:?}"
    );
    assert!(
        pieces.iter().all(|piece| !piece.text.is_empty()),
        "{pieces:?}"
    );
    pieces
        .iter()
        .map(|piece| match piece.matched {
            true => format!("[{}]", piece.text),
            false => piece.text.clone(),
        })
        .collect()
}

fn anywhere(words: &[&str]) -> Terms {
    Terms::anywhere(words.iter().map(|word| word.to_string()).collect())
}

fn at_word_starts(words: &[&str]) -> Terms {
    Terms::at_word_starts(words.iter().map(|word| word.to_string()).collect())
}

#[test]
fn highlights_map_back_to_the_original_text() {
    assert_eq!(
        marked("Write a better Résumé", &anywhere(&["resume"])),
        "Write a better [Résumé]"
    );
    assert_eq!(
        marked("Deep dive, deeply", &anywhere(&["deep", "dive"])),
        "[Deep] [dive], [deep]ly"
    );
    // Text stays text: the marks split it, they never make markup of it.
    assert_eq!(marked("<b>x</b>", &anywhere(&["b"])), "<[b]>x</[b]>");
    assert_eq!(
        highlight("plain", &anywhere(&[])),
        vec![Piece {
            text: "plain".into(),
            matched: false
        }]
    );
    assert_eq!(marked("plain", &anywhere(&[""])), "plain");
    assert!(highlight("", &anywhere(&[])).is_empty());
    assert!(highlight("", &anywhere(&["a"])).is_empty());
    // Overlapping terms merge into one mark.
    assert_eq!(marked("abcd", &anywhere(&["abc", "bcd"])), "[abcd]");
}

#[test]
fn the_split_library_marks_only_word_beginnings() {
    // Its search matches words by their beginnings, and so do its marks.
    assert_eq!(
        marked("Start the art of Artificial", &at_word_starts(&["art"])),
        "Start the [art] of [Art]ificial"
    );
    assert_eq!(marked("Start", &anywhere(&["art"])), "St[art]");
    assert_eq!(marked("Start", &at_word_starts(&["art"])), "Start");
    assert_eq!(
        marked("l'Élan, co-Écrit", &at_word_starts(&["elan", "ecrit"])),
        "l'[Élan], co-[Écrit]"
    );
}
