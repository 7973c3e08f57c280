//! What the app's URL asks for (spec section 5), read from the query string and fragment.

use crate::model::link::percent_encode;
use crate::model::Query;

/// The page the URL asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// `<app root>/`: every episode of the index.
    Library,
    /// One episode's digest.
    Digest(DigestRef),
}

/// Which digest an episode page shows, as the URL names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DigestRef {
    /// `?episode=<id>`: one of the site's own (the id is not yet checked).
    Episode(String),
    /// `?src=<url>`: the digest at that URL, if its origin is allowed.
    Source(String),
}

/// A whole app URL: the page, and whether it is the compact view for iframes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// What to show.
    pub page: Page,
    /// `&embed=1`: no site header, no library chrome.
    pub embed: bool,
}

impl Route {
    /// Reads `location.search` (with or without the leading `?`).
    pub fn from_query(search: &str) -> Self {
        let mut episode = None;
        let mut src = None;
        let mut embed = false;
        for (key, value) in query_pairs(search) {
            match key.as_str() {
                "episode" if episode.is_none() => episode = Some(value),
                "src" if src.is_none() => src = Some(value),
                "embed" => embed = matches!(value.as_str(), "1" | "true" | ""),
                _ => {}
            }
        }
        let page = match (episode, src) {
            (Some(id), _) => Page::Digest(DigestRef::Episode(id)),
            (None, Some(url)) => Page::Digest(DigestRef::Source(url)),
            (None, None) => Page::Library,
        };
        Self { page, embed }
    }
}

/// The library's search and filters from the query string: `?q=deepseek&tag=ai&channel=Fireship`.
pub fn library_query(search: &str) -> Query {
    let mut query = Query::default();
    for (key, value) in query_pairs(search) {
        let value = Some(value).filter(|value| !value.is_empty());
        match key.as_str() {
            "q" => query.text = value.unwrap_or_default(),
            "channel" => query.channel = value,
            "tag" => query.tag = value,
            _ => {}
        }
    }
    query
}

/// The query string for a library view (`?` included; `?` alone when nothing is asked),
/// so a filtered view can be shared and reloaded.
pub fn library_search(query: &Query) -> String {
    let pairs = [
        (
            "q",
            Some(query.text.as_str()).filter(|text| !text.is_empty()),
        ),
        ("channel", query.channel.as_deref()),
        ("tag", query.tag.as_deref()),
    ];
    let encoded: Vec<String> = pairs
        .iter()
        .filter_map(|(key, value)| value.map(|value| format!("{key}={}", form_encode(value))))
        .collect();
    format!("?{}", encoded.join("&"))
}

/// Where a fragment points inside an episode: `#section-2` or `#section-1-2` (numbers from 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anchor {
    /// Section number.
    pub section: usize,
    /// Subsection number within it, if any.
    pub subsection: Option<usize>,
}

impl Anchor {
    /// Reads `location.hash` (with or without the leading `#`).
    pub fn from_hash(hash: &str) -> Option<Self> {
        let rest = hash.trim_start_matches('#').strip_prefix("section-")?;
        let mut numbers = rest.split('-').map(|part| {
            let valid = !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
            valid
                .then(|| part.parse::<usize>().ok())
                .flatten()
                .filter(|n| *n > 0)
        });
        let section = numbers.next()??;
        let subsection = match numbers.next() {
            None => None,
            Some(number) => Some(number?),
        };
        if numbers.next().is_some() {
            return None;
        }
        Some(Self {
            section,
            subsection,
        })
    }

    /// The id of the element this anchor points at.
    pub fn element_id(&self) -> String {
        section_id(self.section, self.subsection)
    }
}

/// The element id of section `section` (from 1), or of its subsection `subsection` (from 1).
pub fn section_id(section: usize, subsection: Option<usize>) -> String {
    match subsection {
        Some(sub) => format!("section-{section}-{sub}"),
        None => format!("section-{section}"),
    }
}

/// Splits a query string into decoded `application/x-www-form-urlencoded` pairs.
fn query_pairs(search: &str) -> impl Iterator<Item = (String, String)> + '_ {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (form_decode(key), form_decode(value))
        })
}

/// Percent-encodes form data: letters, digits and `-._~` stay, a space becomes `+`.
fn form_encode(text: &str) -> String {
    percent_encode(text).replace("%20", "+")
}

/// Percent-decodes form data (`+` is a space); invalid escapes stay as written, bad UTF-8 is replaced.
fn form_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let decoded = match byte {
            b'+' => Some((b' ', 1)),
            b'%' => bytes
                .get(i + 1..i + 3)
                .and_then(|hex| std::str::from_utf8(hex).ok())
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                .map(|value| (value, 3)),
            _ => None,
        };
        let (value, width) = decoded.unwrap_or((byte, 1));
        out.push(value);
        i += width;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A query string (`?` included) that stays in the iframe's compact view: `embed=1` added when
/// `embed`, so that links followed inside the frame keep it.
pub fn framed(search: &str, embed: bool) -> String {
    let pairs = search.trim_start_matches('?');
    match (embed, pairs.is_empty()) {
        (false, _) => format!("?{pairs}"),
        (true, true) => "?embed=1".to_string(),
        (true, false) => format!("?{pairs}&embed=1"),
    }
}

/// The query string (`?` included) of the full reader for the same page: `embed` dropped, so a
/// link out of the iframe's compact view opens the whole reader.
pub fn without_embed(search: &str) -> String {
    let kept: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty() && *pair != "embed" && !pair.starts_with("embed="))
        .collect();
    format!("?{}", kept.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn framed_links_keep_the_compact_view() {
        assert_eq!(framed("?episode=a", false), "?episode=a");
        assert_eq!(framed("?episode=a", true), "?episode=a&embed=1");
        assert_eq!(framed("?", true), "?embed=1");
        assert_eq!(framed("", false), "?");
        let tag = framed(
            &library_search(&Query {
                tag: Some("ai & ml".into()),
                ..Query::default()
            }),
            true,
        );
        assert_eq!(
            Route::from_query(&tag),
            Route {
                page: Page::Library,
                embed: true
            }
        );
        assert_eq!(library_query(&tag).tag.as_deref(), Some("ai & ml"));
    }

    #[test]
    fn links_out_of_the_frame_drop_the_compact_view() {
        assert_eq!(without_embed("?episode=a&embed=1"), "?episode=a");
        assert_eq!(without_embed("embed=1&episode=a"), "?episode=a");
        assert_eq!(without_embed("?embed&src=x&embed=true"), "?src=x");
        assert_eq!(
            without_embed("?episode=a&&embedded=1"),
            "?episode=a&embedded=1"
        );
        assert_eq!(without_embed("?embed=1"), "?");
        assert_eq!(without_embed(""), "?");
        assert_eq!(without_embed(&framed("?episode=a", true)), "?episode=a");
    }

    #[test]
    fn reads_pages_from_the_query() {
        assert_eq!(Route::from_query("").page, Page::Library);
        assert_eq!(Route::from_query("?").page, Page::Library);
        assert_eq!(
            Route::from_query("?episode=deepseek-stole-our-tech"),
            Route {
                page: Page::Digest(DigestRef::Episode("deepseek-stole-our-tech".into())),
                embed: false
            }
        );
        assert_eq!(
            Route::from_query("src=https%3A%2F%2Fother.example%2Fd.json&embed=1"),
            Route {
                page: Page::Digest(DigestRef::Source("https://other.example/d.json".into())),
                embed: true
            }
        );
        assert!(!Route::from_query("?episode=x&embed=0").embed);
        assert_eq!(
            Route::from_query("?q=a+b&episode=%E2%9C%93").page,
            Page::Digest(DigestRef::Episode("✓".into()))
        );
        assert_eq!(
            Route::from_query("?episode=%zz%4").page,
            Page::Digest(DigestRef::Episode("%zz%4".into()))
        );
        assert_eq!(
            Route::from_query("?episode=%FF").page,
            Page::Digest(DigestRef::Episode("\u{FFFD}".into()))
        );
    }

    #[test]
    fn library_views_round_trip_through_the_url() {
        let query = Query {
            text: "résumé & co+".into(),
            channel: Some("Café Économie".into()),
            tag: Some("ai".into()),
        };
        let search = library_search(&query);
        assert_eq!(
            search,
            "?q=r%C3%A9sum%C3%A9+%26+co%2B&channel=Caf%C3%A9+%C3%89conomie&tag=ai"
        );
        assert_eq!(library_query(&search), query);
        assert_eq!(library_search(&Query::default()), "?");
        assert_eq!(library_query("?q=&tag="), Query::default());
        assert_eq!(Route::from_query("?q=x&tag=ai").page, Page::Library);
    }

    #[test]
    fn reads_section_anchors() {
        assert_eq!(
            Anchor::from_hash("#section-2"),
            Some(Anchor {
                section: 2,
                subsection: None
            })
        );
        assert_eq!(
            Anchor::from_hash("section-1-2"),
            Some(Anchor {
                section: 1,
                subsection: Some(2)
            })
        );
        for bad in [
            "",
            "#",
            "#section-",
            "#section-0",
            "#section-1-",
            "#section-a",
            "#section-1-2-3",
            "#top",
            "#section-+1",
        ] {
            assert_eq!(Anchor::from_hash(bad), None, "{bad:?}");
        }
        assert_eq!(
            Anchor {
                section: 1,
                subsection: Some(2)
            }
            .element_id(),
            "section-1-2"
        );
    }
}
