//! The Markdown export round-trips: read back with a CommonMark parser (and its front matter line
//! by line), every field of every sample digest, and of digests whose every text is a hostile
//! string or Markdown syntax, comes out as it went in. Raw HTML, emphasis or a link the text did
//! not ask for would show here as a difference.
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/payloads.rs"]
#[allow(dead_code)] // the unsafe URLs are for the other tests
mod payloads;

use digest_reader::export::{markdown, Whereabouts};
use digest_reader::model::{Digest, Point, SiteConfig};
use digest_reader::moment::{clock, whole_seconds};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use serde_json::{json, Map, Value};
use std::fs;
use std::path::Path;

/// Text as read back, with the links it holds (their text is part of `text` too).
#[derive(Debug, Default)]
struct Inline {
    text: String,
    links: Vec<(String, String)>,
}

/// The blocks of the body, in order.
#[derive(Debug)]
enum Block {
    Heading(u8, Inline),
    Paragraph(Inline),
    /// Items, each its paragraphs.
    List(Vec<Vec<Inline>>),
    /// A locked subsection's note.
    Quote,
}

fn blocks(body: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut inline: Option<Inline> = None;
    let mut link: Option<(String, String)> = None;
    let mut item: Option<Vec<Inline>> = None;
    let mut list: Option<Vec<Vec<Inline>>> = None;
    let mut quote = false;
    for event in Parser::new(body) {
        match event {
            Event::Start(Tag::Heading { .. } | Tag::Paragraph) => inline = Some(Inline::default()),
            Event::End(TagEnd::Heading(level)) => {
                let level = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    other => panic!("unexpected heading {other:?}"),
                };
                out.push(Block::Heading(level, inline.take().unwrap()));
            }
            Event::End(TagEnd::Paragraph) => {
                let done = inline.take().unwrap();
                match &mut item {
                    Some(item) => item.push(done),
                    None if quote => {}
                    None => out.push(Block::Paragraph(done)),
                }
            }
            Event::Start(Tag::List(_)) => list = Some(Vec::new()),
            Event::End(TagEnd::List(_)) => out.push(Block::List(list.take().unwrap())),
            // A tight list's item holds its text without a paragraph.
            Event::Start(Tag::Item) => {
                item = Some(Vec::new());
                inline = Some(Inline::default());
            }
            Event::End(TagEnd::Item) => {
                let mut done = item.take().unwrap();
                if let Some(rest) = inline.take().filter(|rest| !rest.text.is_empty()) {
                    done.push(rest);
                }
                list.as_mut().unwrap().push(done);
            }
            Event::Start(Tag::BlockQuote(_)) => quote = true,
            Event::End(TagEnd::BlockQuote(_)) => {
                quote = false;
                out.push(Block::Quote);
            }
            // The export writes `<` and `>` in a URL percent-encoded: the same URL.
            Event::Start(Tag::Link { dest_url, .. }) => {
                let dest = dest_url.replace("%3C", "<").replace("%3E", ">");
                link = Some((String::new(), dest))
            }
            Event::End(TagEnd::Link) => inline.as_mut().unwrap().links.push(link.take().unwrap()),
            Event::Text(text) => {
                inline.as_mut().unwrap().text.push_str(&text);
                if let Some((link_text, _)) = &mut link {
                    link_text.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak => inline.as_mut().unwrap().text.push('\n'),
            other => panic!("the export made {other:?} out of plain text:\n{body}"),
        }
    }
    out
}

/// Text as a reader sees it: its lines, each with its runs of spaces as one and without outer
/// spaces (Markdown drops those, as HTML does), no empty lines.
fn shown(text: &str) -> String {
    text.split(['\n', '\r'])
        .map(one_line)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// One line, as headings and link texts are: words separated by one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits the ` (1:03)` a timestamped item ends with; the seconds come from the link's `t=` where
/// there is one, else from the clock text.
fn moment(inline: &Inline) -> (String, Option<u64>) {
    let text = inline.text.trim_end();
    let Some(open) = text.rfind(" (") else {
        return (text.to_string(), None);
    };
    let stamp = &text[open + 2..];
    let Some(stamp) = stamp.strip_suffix(')') else {
        return (text.to_string(), None);
    };
    let parts: Vec<u64> = stamp
        .split(':')
        .map(|p| p.parse().unwrap_or(u64::MAX))
        .collect();
    if !(2..=3).contains(&parts.len()) || parts.contains(&u64::MAX) {
        return (text.to_string(), None);
    }
    let from_clock = parts.iter().fold(0, |total, part| total * 60 + part);
    let seconds = match inline.links.last() {
        Some((link_text, dest)) if link_text == stamp => {
            let t = dest.rsplit("t=").next().unwrap().parse::<u64>().unwrap();
            assert_eq!(t, from_clock, "the link's t= and its text agree: {dest}");
            t
        }
        _ => from_clock,
    };
    (text[..open].to_string(), Some(seconds))
}

fn assert_points(found: &[Vec<Inline>], expected: &[Point], digest: &Digest, what: &str) {
    assert_eq!(found.len(), expected.len(), "{what}: number of points");
    for (index, (item, point)) in found.iter().zip(expected).enumerate() {
        let (last, before) = item.split_last().unwrap();
        let (text, at) = moment(last);
        let mut whole: Vec<String> = before.iter().map(|p| p.text.clone()).collect();
        whole.push(text);
        assert_eq!(
            shown(&whole.join("\n")),
            shown(&point.text),
            "{what}[{index}] text"
        );
        assert_eq!(
            at,
            point.at_seconds.map(whole_seconds),
            "{what}[{index}] moment"
        );
        if let (Some(seconds), Some(url)) = (point.at_seconds, &digest.source.url) {
            assert_eq!(
                last.links.last().unwrap().1,
                url.at_moment(seconds),
                "{what}[{index}] link"
            );
        }
    }
}

/// Reads the front matter: `key: <JSON scalar>`, one level of nesting, `- ` list items.
fn front_matter(front: &str) -> Value {
    let mut root = Map::new();
    let mut open: Option<String> = None;
    for line in front.lines() {
        if let Some(item) = line.strip_prefix("  - ") {
            let key = open.clone().unwrap();
            let list = root.entry(key).or_insert_with(|| json!([]));
            list.as_array_mut()
                .unwrap()
                .push(serde_json::from_str(item).unwrap());
        } else if let Some(nested) = line.strip_prefix("  ") {
            let (key, value) = nested.split_once(": ").unwrap();
            let parent = root
                .entry(open.clone().unwrap())
                .or_insert_with(|| json!({}));
            parent[key] = serde_json::from_str(value).unwrap();
        } else if let Some(key) = line.strip_suffix(':') {
            open = Some(key.to_string());
        } else {
            let (key, value) = line.split_once(": ").unwrap();
            root.insert(key.to_string(), serde_json::from_str(value).unwrap());
        }
    }
    Value::Object(root)
}

/// What the front matter must hold: every field of the digest that is not body text.
fn expected_front_matter(digest: &Digest, site: &SiteConfig) -> Value {
    let mut expected = json!({
        "id": digest.id, "title": digest.title, "published": digest.published.machine(),
        "site": site.name, "canonical": "https://example.org/reader/episodes/x/",
    });
    let mut put = |key: &str, value: Option<Value>| {
        if let Some(value) = value {
            expected[key] = value;
        }
    };
    put("language", digest.language.clone().map(Value::from));
    put("image", digest.image.as_ref().map(|l| l.href().into()));
    put(
        "full_content_url",
        digest.full_content_url.as_ref().map(|l| l.href().into()),
    );
    put(
        "generated",
        digest.generated.as_ref().map(|generated| {
            let mut by = json!({ "by": generated.by });
            if let Some(at) = &generated.at {
                by["at"] = at.machine().into();
            }
            by
        }),
    );
    put(
        "tags",
        (!digest.tags.is_empty()).then(|| digest.tags.clone().into()),
    );
    let source = &digest.source;
    let mut out = json!({ "channel": source.channel, "title": source.title });
    if let Some(url) = &source.url {
        out["url"] = url.href().into();
    }
    if let Some(kind) = source.kind {
        out["kind"] = kind.noun().into();
    }
    if let Some(seconds) = source.duration_seconds {
        out["duration_seconds"] = seconds.into();
    }
    if let Some(media) = &source.media_url {
        out["media_url"] = media.href().into();
    }
    expected["source"] = out;
    expected
}

fn assert_round_trip(digest: &Digest, site: &SiteConfig) {
    let place = Whereabouts {
        canonical: Some("https://example.org/reader/episodes/x/"),
    };
    let text = markdown(digest, site, &place);
    let (front, body) = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .expect("front matter");
    assert_eq!(
        front_matter(front),
        expected_front_matter(digest, site),
        "front matter"
    );

    let mut blocks = blocks(body).into_iter();
    let mut next = || blocks.next();
    let id = &digest.id;
    match next() {
        Some(Block::Heading(1, title)) => {
            assert_eq!(one_line(&title.text), one_line(&digest.title), "{id}")
        }
        other => panic!("{id}: expected the title, got {other:?}"),
    }
    match next() {
        Some(Block::Paragraph(line)) => {
            assert_eq!(
                one_line(&line.text),
                one_line(&digest.source.line()),
                "{id}: source line"
            );
            let links: Vec<_> = digest
                .source
                .url
                .iter()
                .map(|url| (line.text.clone(), url.href().to_string()))
                .collect();
            assert_eq!(line.links, links, "{id}: source link");
        }
        other => panic!("{id}: expected the source line, got {other:?}"),
    }
    match next() {
        Some(Block::Paragraph(date)) => {
            assert_eq!(date.text, format!("Published {}", digest.published))
        }
        other => panic!("{id}: expected the date, got {other:?}"),
    }
    let mut block = next();
    for (index, paragraph) in digest.summary.iter().enumerate() {
        match block {
            Some(Block::Paragraph(found)) => {
                assert_eq!(
                    shown(&found.text),
                    shown(paragraph),
                    "{id}: summary[{index}]"
                )
            }
            other => panic!("{id}: expected summary[{index}], got {other:?}"),
        }
        block = next();
    }
    if !digest.key_points.is_empty() {
        assert!(matches!(&block, Some(Block::Heading(2, h)) if h.text == "Key Points"));
        match next() {
            Some(Block::List(items)) => {
                assert_points(&items, &digest.key_points, digest, "key_points")
            }
            other => panic!("{id}: expected key points, got {other:?}"),
        }
        block = next();
    }
    if !digest.sections.is_empty() {
        assert!(matches!(&block, Some(Block::Heading(2, h)) if h.text == "Details"));
        block = next();
    }
    for (index, section) in digest.sections.iter().enumerate() {
        let number = index + 1;
        let Some(Block::Heading(3, heading)) = block else {
            panic!("{id}: expected section {number}, got {block:?}");
        };
        let (title, at) = moment(&heading);
        let title = title.strip_prefix(&format!("{number}. ")).unwrap();
        let title = match &section.emoji {
            Some(emoji) => title
                .strip_prefix(&format!("{} ", one_line(emoji)))
                .unwrap(),
            None => title,
        };
        assert_eq!(
            one_line(title),
            one_line(&section.title),
            "{id}: section {number} title"
        );
        assert_eq!(
            at,
            section.at_seconds.map(whole_seconds),
            "{id}: section {number} moment"
        );
        if let Some(seconds) = section.at_seconds {
            assert!(heading.text.ends_with(&format!("({})", clock(seconds))));
        }
        block = next();
        if !section.points.is_empty() {
            let Some(Block::List(items)) = block else {
                panic!("{id}: expected section {number}'s points, got {block:?}");
            };
            assert_points(
                &items,
                &section.points,
                digest,
                &format!("sections[{index}].points"),
            );
            block = next();
        }
        for (sub_index, subsection) in section.subsections.iter().enumerate() {
            let what = format!("{id}: subsection {number}.{}", sub_index + 1);
            let Some(Block::Heading(4, heading)) = block else {
                panic!("{what}: expected its heading, got {block:?}");
            };
            let title = heading
                .text
                .strip_prefix(&format!("{number}.{}. ", sub_index + 1))
                .unwrap();
            let (title, locked) = match title.strip_suffix(" 🔒") {
                Some(title) => (title, true),
                None => (title, false),
            };
            assert_eq!(one_line(title), one_line(&subsection.title), "{what} title");
            assert_eq!(locked, subsection.locked, "{what} locked");
            block = next();
            match (&block, subsection.locked) {
                (Some(Block::Quote), true) => {}
                (Some(Block::List(items)), false) => {
                    assert_points(items, &subsection.points, digest, &what)
                }
                (other, _) if subsection.points.is_empty() && !subsection.locked => {
                    let _ = other;
                    continue;
                }
                (other, _) => panic!("{what}: expected its body, got {other:?}"),
            }
            block = next();
        }
    }
    if let Some(url) = &digest.full_content_url {
        let Some(Block::Paragraph(link)) = block else {
            panic!("{id}: expected View Full Content, got {block:?}");
        };
        assert_eq!(
            link.links,
            vec![("View Full Content".to_string(), url.href().to_string())]
        );
        block = next();
    }
    assert!(
        block.is_none(),
        "{id}: nothing after the episode, got {block:?}"
    );
}

fn site() -> SiteConfig {
    SiteConfig::parse(r#"{"name": "Digests [*] & <co>", "upgrade": {"headline": "Go *pro*", "cta": {"label": "Upgrade", "url": "https://example.org/up"}}}"#).0
}

#[test]
fn every_sample_round_trips() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/digests");
    let mut count = 0;
    for entry in fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() == "index.json" {
            continue;
        }
        let digest = Digest::parse(&fs::read_to_string(&path).unwrap()).unwrap();
        assert_round_trip(&digest, &site());
        count += 1;
    }
    assert!(count >= 5, "the samples: {count}");
}

/// Every text field holds `text`: markup, Markdown syntax, naughty strings.
fn hostile(text: &str) -> Digest {
    let digest = json!({
        "format": "digest/v1", "id": "hostile", "published": "2025-01-29", "language": "en",
        "title": text, "image": "https://example.org/a b.png",
        "source": {"channel": text, "title": text, "url": "https://youtu.be/x?a=<b>", "kind": "video",
                   "duration_seconds": 286, "media_url": "https://example.org/m.mp3"},
        "generated": {"by": text, "at": "2025-01-29"},
        "tags": [text, "plain"],
        "summary": format!("{text}\n\n{text}"),
        "key_points": [text, {"text": text, "at_seconds": 63.7}],
        "sections": [{"emoji": "🧪", "title": text, "at_seconds": 3723, "points": [text],
                      "subsections": [{"title": text, "points": [{"text": text, "at_seconds": 5}]},
                                      {"title": text, "points": [text], "locked": true}]}],
        "full_content_url": "https://example.org/full?x=(1)"
    });
    Digest::parse(&digest.to_string()).unwrap()
}

#[test]
fn hostile_text_round_trips_as_text() {
    let markdown_syntax = [
        "# heading",
        "- item",
        "1. item",
        "2) item",
        "> quote",
        "*em* _em_ **strong**",
        "`code`",
        "[link](https://x.example)",
        "![img](https://x.example/i.png)",
        "<b>html</b>",
        "a | b | c",
        "~~strike~~",
        "line\\",
        "---",
        "===",
        "+ plus",
        "&amp; &#x41;",
        "end (1:03)x",
        "    indented code",
        "two\nlines",
        "para\n\npara",
        "text with trailing spaces  \nnext",
    ];
    let strings = markdown_syntax
        .iter()
        .chain(payloads::XSS)
        .chain(naughty_strings::BLNS);
    let mut tried = 0;
    for text in strings {
        // Texts that the format refuses (empty once trimmed) are not exported at all.
        if text.trim().is_empty() {
            continue;
        }
        assert_round_trip(&hostile(text), &site());
        tried += 1;
    }
    assert!(tried > 400, "tried {tried}");
}
