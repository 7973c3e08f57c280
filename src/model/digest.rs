//! `digest/v1`: one episode's digest.

use super::date::Published;
use super::link::{Link, LinkError};
use super::problem::{check_format, parse_json, string_item, Fields, ParseError, Problem};
use serde_json::Value;

/// The `format` value of a digest.
pub const DIGEST_FORMAT: &str = "digest/v1";

/// The longest id the format allows.
const MAX_ID_LEN: usize = 128;

/// An episode's digest, checked and ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct Digest {
    /// The episode's slug.
    pub id: String,
    /// When the digest was published.
    pub published: Published,
    /// The episode's title.
    pub title: String,
    /// The original the digest summarises.
    pub source: Source,
    /// The summary, split into paragraphs at blank lines.
    pub summary: Vec<String>,
    /// The Key Points.
    pub key_points: Vec<Point>,
    /// The numbered sections of "Details".
    pub sections: Vec<Section>,
    /// The "View Full Content" link.
    pub full_content_url: Option<Link>,
    /// Topics.
    pub tags: Vec<String>,
    /// BCP 47 tag of the digest's text (`en`, `pt-BR`), as written.
    pub language: Option<String>,
    /// A picture for the episode (cards, link previews); absolute http(s).
    pub image: Option<Link>,
    /// Which model or tool wrote the digest, and when.
    pub generated: Option<Generated>,
}

/// Who wrote a digest: the model or tool, and when.
#[derive(Clone, Debug, PartialEq)]
pub struct Generated {
    /// The model or tool, e.g. `gpt-4o` or `digest-pipeline 2.3`; never blank.
    pub by: String,
    /// When it wrote the digest.
    pub at: Option<Published>,
}

/// The original episode, video or article.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// Who published the original.
    pub channel: String,
    /// The original's own title.
    pub title: String,
    /// Link to the original.
    pub url: Option<Link>,
    /// What the original is.
    pub kind: Option<SourceKind>,
    /// Length of the original.
    pub duration_seconds: Option<u64>,
    /// The original's audio or video file; absolute http(s).
    pub media_url: Option<Link>,
}

impl Source {
    /// The source line, `channel - title`.
    pub fn line(&self) -> String {
        format!("{} - {}", self.channel, self.title)
    }
}

/// What kind of original a digest summarises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// A video.
    Video,
    /// A podcast episode.
    Podcast,
    /// A written article.
    Article,
}

impl SourceKind {
    /// The kind as a reader reads it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Video => "Video",
            Self::Podcast => "Podcast",
            Self::Article => "Article",
        }
    }

    /// The kind in running text: `4:46 video`.
    pub fn noun(self) -> &'static str {
        match self {
            Self::Video => "video",
            Self::Podcast => "podcast",
            Self::Article => "article",
        }
    }
}

/// One bullet: text, and optionally the moment of the original it comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// The bullet's text.
    pub text: String,
    /// Offset into the original.
    pub at_seconds: Option<f64>,
}

/// A numbered section of "Details".
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// Emoji shown before the title.
    pub emoji: Option<String>,
    /// The section's title.
    pub title: String,
    /// Offset into the original.
    pub at_seconds: Option<f64>,
    /// Bullets of the section itself.
    pub points: Vec<Point>,
    /// Expandable subsections.
    pub subsections: Vec<Subsection>,
}

/// An expandable subsection; a locked one never shows its points.
#[derive(Clone, Debug, PartialEq)]
pub struct Subsection {
    /// The subsection's title.
    pub title: String,
    /// Bullets; always empty when `locked`.
    pub points: Vec<Point>,
    /// Whether the subsection is for paying readers only.
    pub locked: bool,
}

impl Digest {
    /// Parses and validates a `digest/v1` document, reporting every problem with its field path.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let root = parse_json(text)?;
        check_format(&root, DIGEST_FORMAT)?;
        let mut problems = Vec::new();
        let digest = read_digest(&root, &mut problems);
        match digest {
            Some(digest) if problems.is_empty() => Ok(digest),
            _ => Err(ParseError::Invalid(problems)),
        }
    }
}

/// Whether `id` is a slug: lowercase ASCII letters, digits and `-`, 1 to 128 characters.
pub fn is_slug(id: &str) -> bool {
    (1..=MAX_ID_LEN).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether `tag` has the syntax of a BCP 47 language tag: subtags of 1 to 8 ASCII letters or
/// digits joined by `-`, the first 2 to 8 letters (`en`, `pt-BR`, `zh-Hant-TW`).
///
/// Only the syntax: registries change, and an unlisted but well-formed tag does no harm in `lang`.
pub fn is_language_tag(tag: &str) -> bool {
    let mut subtags = tag.split('-');
    let first_ok = subtags.next().is_some_and(|first| {
        (2..=8).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_alphabetic())
    });
    first_ok
        && subtags.all(|subtag| {
            (1..=8).contains(&subtag.len()) && subtag.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// The writing direction of text in the language `tag` (BCP 47): `"rtl"` for languages written
/// right to left (Arabic, Hebrew, Persian, Urdu …, or any tag naming such a script, `az-Arab`),
/// `"ltr"` otherwise. A script subtag decides over the language (`ar-Latn` is left to right).
///
/// The episode sets it as `dir` beside `lang`: browsers do not derive the direction from `lang`.
pub fn text_direction(tag: &str) -> &'static str {
    const RTL_LANGUAGES: [&str; 17] = [
        "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ji", "ks", "nqo", "ps", "sd", "syr", "ug",
        "ur", "yi", "pnb",
    ];
    const RTL_SCRIPTS: [&str; 10] = [
        "arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "samr", "mand", "yezi",
    ];
    let mut subtags = tag.split('-').map(str::to_ascii_lowercase);
    let language = subtags.next().unwrap_or_default();
    // The script is a 4-letter subtag before any extension (`-u-…`, `-x-…`, after a singleton);
    // a tag that starts with a singleton (`x-…`) is private use throughout.
    let private = language.len() == 1;
    let script = subtags
        .take_while(|subtag| subtag.len() > 1 && !private)
        .find(|subtag| subtag.len() == 4 && subtag.bytes().all(|b| b.is_ascii_alphabetic()));
    let rtl = match script {
        Some(script) => RTL_SCRIPTS.contains(&script.as_str()),
        None => RTL_LANGUAGES.contains(&language.as_str()),
    };
    if rtl {
        "rtl"
    } else {
        "ltr"
    }
}

/// Reads an `id` field that must be a slug.
pub(crate) fn read_id(fields: &mut Fields<'_>) -> Option<String> {
    let id = fields.str("id")?;
    if is_slug(&id) {
        Some(id)
    } else {
        fields.problem(
            "id",
            format!("must be lowercase letters, digits and -, 1 to {MAX_ID_LEN} characters"),
        );
        None
    }
}

/// Reads a `published` field.
pub(crate) fn read_published(fields: &mut Fields<'_>) -> Option<Published> {
    let text = fields.str("published")?;
    date_or_problem(&text, "published", fields)
}

fn date_or_problem(text: &str, key: &str, fields: &mut Fields<'_>) -> Option<Published> {
    let date = Published::parse(text);
    if date.is_none() {
        fields.problem(key, "not a date (YYYY-MM-DD or an RFC 3339 date-time)");
    }
    date
}

fn read_digest(root: &Value, problems: &mut Vec<Problem>) -> Option<Digest> {
    let mut fields = Fields::of(root, String::new(), problems)?;
    let id = read_id(&mut fields);
    let published = read_published(&mut fields);
    let title = fields.non_empty_str("title");
    let source = fields
        .required("source")
        .and_then(|value| read_source(value, fields.path_of("source"), fields.problems()));
    let summary = fields.str("summary").map(|text| paragraphs(&text));
    let key_points = fields.list("key_points", read_point);
    let sections = fields.list("sections", read_section);
    let full_content_url = fields.opt_str("full_content_url").and_then(|text| {
        link_or_problem(
            Link::absolute_or_relative(&text),
            "full_content_url",
            "not an http(s) or relative URL",
            &mut fields,
        )
    });
    let tags = fields.opt_list("tags", string_item);
    let language = fields.opt_str("language").and_then(|tag| {
        if is_language_tag(&tag) {
            Some(tag)
        } else {
            fields.problem("language", "not a BCP 47 language tag such as en or pt-BR");
            None
        }
    });
    let image = fields.opt_str("image").and_then(|text| {
        link_or_problem(
            Link::absolute(&text),
            "image",
            "not an http(s) URL",
            &mut fields,
        )
    });
    let generated = fields.get("generated").and_then(|value| {
        let path = fields.path_of("generated");
        read_generated(value, path, fields.problems())
    });
    Some(Digest {
        id: id?,
        published: published?,
        title: title?,
        source: source?,
        summary: summary?,
        key_points,
        sections,
        full_content_url,
        tags,
        language,
        image,
        generated,
    })
}

fn read_generated(value: &Value, path: String, problems: &mut Vec<Problem>) -> Option<Generated> {
    let mut fields = Fields::of(value, path, problems)?;
    let by = fields.non_empty_str("by");
    let at = fields
        .opt_str("at")
        .and_then(|text| date_or_problem(&text, "at", &mut fields));
    Some(Generated { by: by?, at })
}

fn link_or_problem(
    result: Result<Link, LinkError>,
    key: &str,
    scheme_message: &str,
    fields: &mut Fields<'_>,
) -> Option<Link> {
    match result {
        Ok(link) => Some(link),
        Err(LinkError::Scheme) => {
            fields.problem(key, scheme_message);
            None
        }
        Err(other) => {
            fields.problem(key, other.to_string());
            None
        }
    }
}

fn read_source(value: &Value, path: String, problems: &mut Vec<Problem>) -> Option<Source> {
    let mut fields = Fields::of(value, path, problems)?;
    let channel = fields.str("channel");
    let title = fields.str("title");
    let url = fields.opt_str("url").and_then(|text| {
        link_or_problem(
            Link::absolute(&text),
            "url",
            "not an http(s) URL",
            &mut fields,
        )
    });
    let kind = fields.opt_str("kind").and_then(|kind| match kind.as_str() {
        "video" => Some(SourceKind::Video),
        "podcast" => Some(SourceKind::Podcast),
        "article" => Some(SourceKind::Article),
        _ => {
            fields.problem("kind", "must be video, podcast or article");
            None
        }
    });
    let duration_seconds = fields.opt_whole_seconds("duration_seconds");
    let media_url = fields.opt_str("media_url").and_then(|text| {
        link_or_problem(
            Link::absolute(&text),
            "media_url",
            "not an http(s) URL",
            &mut fields,
        )
    });
    Some(Source {
        channel: channel?,
        title: title?,
        url,
        kind,
        duration_seconds,
        media_url,
    })
}

fn read_point(value: &Value, path: String, problems: &mut Vec<Problem>) -> Option<Point> {
    if let Some(text) = value.as_str() {
        return Some(Point {
            text: text.to_string(),
            at_seconds: None,
        });
    }
    if !value.is_object() {
        problems.push(Problem::new(
            path,
            "expected a string or an object with text",
        ));
        return None;
    }
    let mut fields = Fields::of(value, path, problems)?;
    let text = fields.str("text");
    let at_seconds = fields.opt_seconds("at_seconds");
    Some(Point {
        text: text?,
        at_seconds,
    })
}

fn read_section(value: &Value, path: String, problems: &mut Vec<Problem>) -> Option<Section> {
    let mut fields = Fields::of(value, path, problems)?;
    let emoji = fields
        .opt_str("emoji")
        .filter(|emoji| !emoji.trim().is_empty());
    // Only the episode's title must say something; a section's may be empty (its number remains).
    let title = fields.str("title");
    let at_seconds = fields.opt_seconds("at_seconds");
    let points = fields.opt_list("points", read_point);
    let subsections = fields.opt_list("subsections", read_subsection);
    Some(Section {
        emoji,
        title: title?,
        at_seconds,
        points,
        subsections,
    })
}

fn read_subsection(value: &Value, path: String, problems: &mut Vec<Problem>) -> Option<Subsection> {
    let mut fields = Fields::of(value, path, problems)?;
    let title = fields.str("title");
    let locked = fields.flag("locked");
    let points = fields.opt_list("points", read_point);
    Some(Subsection {
        title: title?,
        // A locked subsection never shows points, even if the file has some.
        points: if locked { Vec::new() } else { points },
        locked,
    })
}

/// Splits plain text into paragraphs at blank lines; single newlines stay inside a paragraph.
pub fn paragraphs(text: &str) -> Vec<String> {
    let normalized = text.replace("\r\n", "\n");
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in normalized.split('\n') {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
    out
}
