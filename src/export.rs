//! An episode as Markdown with YAML front matter: the publish command's `index.md`, and the
//! reader's "Copy as Markdown". Pure Rust: one text for both.
//!
//! Digest text is plain text, so every character Markdown would read as syntax is escaped: the
//! export shows what the reader shows, never a link or a heading the data smuggled in.

use crate::model::{Digest, Link, Point, SiteConfig};
use crate::moment::clock;
use std::fmt::Write;

/// Where the exported episode lives, for its front matter and links; all optional.
#[derive(Clone, Debug, Default)]
pub struct Whereabouts<'a> {
    /// The episode's canonical URL (`https://example.org/reader/episodes/<id>/`).
    pub canonical: Option<&'a str>,
}

/// The episode as Markdown: YAML front matter with every field, then the page's text in order.
pub fn markdown(digest: &Digest, site: &SiteConfig, place: &Whereabouts<'_>) -> String {
    let mut out = front_matter(digest, site, place);
    let _ = writeln!(out, "# {}\n", inline(&digest.title));
    let source_line = inline(&digest.source.line());
    match &digest.source.url {
        Some(url) => {
            let _ = writeln!(out, "[{source_line}]({})\n", destination(url.href()));
        }
        None => {
            let _ = writeln!(out, "{source_line}\n");
        }
    }
    let _ = writeln!(out, "Published {}\n", digest.published);
    for paragraph in &digest.summary {
        let _ = writeln!(out, "{}\n", block(paragraph));
    }
    let source_url = digest.source.url.as_ref();
    if !digest.key_points.is_empty() {
        out.push_str("## Key Points\n\n");
        points(&mut out, &digest.key_points, source_url);
    }
    if !digest.sections.is_empty() {
        out.push_str("## Details\n\n");
    }
    for (index, section) in digest.sections.iter().enumerate() {
        let number = index + 1;
        let emoji = section
            .emoji
            .as_deref()
            .map(|emoji| format!("{} ", inline(emoji)))
            .unwrap_or_default();
        let at = moment(section.at_seconds, source_url);
        let _ = writeln!(out, "### {number}. {emoji}{}{at}\n", inline(&section.title));
        points(&mut out, &section.points, source_url);
        for (sub_index, subsection) in section.subsections.iter().enumerate() {
            let lock = if subsection.locked { " 🔒" } else { "" };
            let _ = writeln!(
                out,
                "#### {number}.{}. {}{lock}\n",
                sub_index + 1,
                inline(&subsection.title)
            );
            if subsection.locked {
                out.push_str(&locked_note(site));
            } else {
                points(&mut out, &subsection.points, source_url);
            }
        }
    }
    if let Some(url) = &digest.full_content_url {
        let _ = writeln!(out, "[View Full Content]({})\n", destination(url.href()));
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

fn front_matter(digest: &Digest, site: &SiteConfig, place: &Whereabouts<'_>) -> String {
    let mut out = String::from("---\n");
    let mut field = |key: &str, value: &str| {
        let _ = writeln!(out, "{key}: {}", quoted(value));
    };
    field("id", &digest.id);
    field("title", &digest.title);
    field("published", digest.published.machine());
    field("site", &site.name);
    if let Some(canonical) = place.canonical {
        field("canonical", canonical);
    }
    if let Some(language) = &digest.language {
        field("language", language);
    }
    if let Some(image) = &digest.image {
        field("image", image.href());
    }
    if let Some(url) = &digest.full_content_url {
        field("full_content_url", url.href());
    }
    out.push_str("source:\n");
    let source = &digest.source;
    let _ = writeln!(out, "  channel: {}", quoted(&source.channel));
    let _ = writeln!(out, "  title: {}", quoted(&source.title));
    if let Some(url) = &source.url {
        let _ = writeln!(out, "  url: {}", quoted(url.href()));
    }
    if let Some(kind) = source.kind {
        let _ = writeln!(out, "  kind: {}", quoted(&kind.label().to_lowercase()));
    }
    if let Some(seconds) = source.duration_seconds {
        let _ = writeln!(out, "  duration_seconds: {seconds}");
    }
    if let Some(media) = &source.media_url {
        let _ = writeln!(out, "  media_url: {}", quoted(media.href()));
    }
    if let Some(generated) = &digest.generated {
        out.push_str("generated:\n");
        let _ = writeln!(out, "  by: {}", quoted(&generated.by));
        if let Some(at) = &generated.at {
            let _ = writeln!(out, "  at: {}", quoted(at.machine()));
        }
    }
    if !digest.tags.is_empty() {
        out.push_str("tags:\n");
        for tag in &digest.tags {
            let _ = writeln!(out, "  - {}", quoted(tag));
        }
    }
    out.push_str("---\n\n");
    out
}

fn points(out: &mut String, list: &[Point], source_url: Option<&Link>) {
    if list.is_empty() {
        return;
    }
    for point in list {
        let at = moment(point.at_seconds, source_url);
        let _ = writeln!(out, "- {}{at}", block(&point.text).replace('\n', "\n  "));
    }
    out.push('\n');
}

/// ` ([1:03](…&t=63))` after a timestamped item, or ` (1:03)` without a source URL.
fn moment(at_seconds: Option<f64>, source_url: Option<&Link>) -> String {
    match (at_seconds, source_url) {
        (Some(seconds), Some(url)) => format!(
            " ([{}]({}))",
            clock(seconds),
            destination(&url.at_moment(seconds))
        ),
        (Some(seconds), None) => format!(" ({})", clock(seconds)),
        (None, _) => String::new(),
    }
}

fn locked_note(site: &SiteConfig) -> String {
    match &site.upgrade {
        Some(upgrade) => {
            let mut note = format!("> 🔒 {}", block(&upgrade.headline));
            if let Some(cta) = &upgrade.cta {
                let _ = write!(
                    note,
                    " [{}]({})",
                    inline(&cta.label),
                    destination(cta.url.href())
                );
            }
            note.push_str("\n\n");
            note
        }
        None => "> 🔒 Locked.\n\n".to_string(),
    }
}

/// A YAML double-quoted scalar. JSON's string escapes are a subset of YAML's, so a JSON string
/// is a valid YAML one whatever the text holds (quotes, newlines, `---`, `#`, control characters).
pub fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

/// A link destination in `<…>`: spaces allowed, the brackets themselves percent-encoded.
fn destination(url: &str) -> String {
    let safe = url
        .replace('<', "%3C")
        .replace('>', "%3E")
        .replace('\n', "%0A");
    format!("<{safe}>")
}

/// Plain text on one line (headings, link text): newlines become spaces.
fn inline(text: &str) -> String {
    block(&text.replace(['\r', '\n'], " "))
}

/// Plain text as Markdown that shows exactly that text: characters that start inline syntax
/// are backslash-escaped everywhere, those that start a block only at the start of a line
/// (CommonMark allows escaping any ASCII punctuation). Leading spaces would make a code block.
fn block(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (index, line) in text.replace("\r\n", "\n").split('\n').enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let line = line.trim_start();
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        for (position, c) in line.chars().enumerate() {
            let starts_block = (position == 0 && matches!(c, '#' | '+' | '-' | '=' | '>'))
                || (digits > 0 && position == digits && matches!(c, '.' | ')'));
            let inline_syntax = matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~'
            );
            if starts_block || inline_syntax {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_syntax_in_text_is_shown_not_obeyed() {
        assert_eq!(
            block("# [x](javascript:alert(1))"),
            "\\# \\[x\\](javascript:alert(1))"
        );
        assert_eq!(
            block("1. not a list\n- nor this"),
            "1\\. not a list\n\\- nor this"
        );
        assert_eq!(block("It's 5.5 - fine."), "It's 5.5 - fine.");
        assert_eq!(block("<b>*hi*</b>"), "\\<b\\>\\*hi\\*\\</b\\>");
        assert_eq!(inline("two\nlines"), "two lines");
    }

    #[test]
    fn front_matter_strings_are_yaml_safe() {
        assert_eq!(quoted("a \"b\"\n---\n# c"), "\"a \\\"b\\\"\\n---\\n# c\"");
    }
}
