//! Links from untrusted data: only http(s) survives, and timestamps link into the original.
//!
//! The scheme is found the way browsers find it (WHATWG URL parsing): leading and trailing
//! control characters and spaces are dropped, tabs and newlines anywhere are removed, and the
//! scheme is compared without case. So `" JaVa\tScRiPt:…"` is recognised as `javascript:`.

use crate::moment::whole_seconds;
use std::fmt;

/// A URL that is safe to put in an `href`: absolute http(s) with a host, or (where allowed) relative.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    href: String,
    /// Lowercase host of an absolute URL; `None` for a relative one.
    host: Option<String>,
}

/// Why a string is not accepted as a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// A scheme other than http or https (`javascript:`, `data:`, `ftp:` …).
    Scheme,
    /// http(s) without a usable host.
    Host,
    /// A relative URL where only an absolute one is allowed.
    Relative,
    /// Nothing left after trimming.
    Empty,
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Scheme | Self::Relative => "not an http(s) URL",
            Self::Host => "not an http(s) URL with a host name",
            Self::Empty => "must not be empty",
        })
    }
}

impl Link {
    /// Accepts only an absolute http or https URL with a host.
    pub fn absolute(text: &str) -> Result<Self, LinkError> {
        let link = Self::absolute_or_relative(text)?;
        if link.host.is_none() {
            return Err(LinkError::Relative);
        }
        Ok(link)
    }

    /// Accepts an absolute http(s) URL or a relative reference (resolved by the browser against the page).
    pub fn absolute_or_relative(text: &str) -> Result<Self, LinkError> {
        let cleaned = clean(text);
        if cleaned.is_empty() {
            return Err(LinkError::Empty);
        }
        match scheme_of(&cleaned) {
            None => Ok(Self {
                href: cleaned,
                host: None,
            }),
            Some((scheme, rest)) if scheme == "http" || scheme == "https" => {
                let host = host_of(rest).ok_or(LinkError::Host)?;
                Ok(Self {
                    href: cleaned,
                    host: Some(host),
                })
            }
            Some(_) => Err(LinkError::Scheme),
        }
    }

    /// The link as written on a page `prefix` below the app root (`../../` for `episodes/<id>/`):
    /// a relative reference, meant from the app root, gets the prefix; absolute and root-relative
    /// (`/x`, `//host/x`) links stay as they are.
    pub fn from_depth(&self, prefix: &str) -> Self {
        if self.host.is_some() || self.href.starts_with('/') || self.href.starts_with('\\') {
            return self.clone();
        }
        Self {
            href: format!("{prefix}{}", self.href),
            host: None,
        }
    }

    /// Whether this is a relative reference, which the browser resolves against the document.
    pub fn is_relative(&self) -> bool {
        self.host.is_none()
    }

    /// The value for `href`.
    pub fn href(&self) -> &str {
        &self.href
    }

    /// Whether this points at YouTube, whose player takes the start time as the `t` query parameter.
    fn is_youtube(&self) -> bool {
        self.host.as_deref().is_some_and(|host| {
            host == "youtu.be"
                || host == "youtube.com"
                || host.ends_with(".youtube.com")
                || host == "youtube-nocookie.com"
                || host.ends_with(".youtube-nocookie.com")
        })
    }

    /// A link to the moment `seconds` into this media: `t=` for YouTube, a `#t=` media fragment otherwise.
    pub fn at_moment(&self, seconds: f64) -> String {
        let whole = whole_seconds(seconds);
        let (before_fragment, _) = split_once_or_all(&self.href, '#');
        if !self.is_youtube() {
            return format!("{before_fragment}#t={whole}");
        }
        let (path, query) = split_once_or_all(before_fragment, '?');
        let kept: Vec<&str> = query
            .split('&')
            .filter(|pair| !pair.is_empty() && *pair != "t" && !pair.starts_with("t="))
            .collect();
        let mut out = String::from(path);
        out.push('?');
        for pair in kept {
            out.push_str(pair);
            out.push('&');
        }
        out.push_str(&format!("t={whole}"));
        out
    }
}

/// Percent-encodes `text` for a query string or a `mailto:` header: letters, digits and `-._~`
/// stay, everything else (a space too: `%20`, which `mailto:` needs) is `%XX` of its UTF-8 bytes.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(byte))
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Accepts an absolute http(s) URL with a host, or a `mailto:` URL with something after the colon;
/// returns the cleaned text for `href`.
pub fn http_or_mailto(text: &str) -> Result<String, LinkError> {
    let cleaned = clean(text);
    match scheme_of(&cleaned) {
        Some((scheme, rest)) if scheme == "mailto" => {
            // A bare `mailto:` opens a blank message with nowhere to send it.
            if rest.trim().is_empty() {
                Err(LinkError::Empty)
            } else {
                Ok(cleaned)
            }
        }
        _ => Link::absolute(&cleaned).map(|link| link.href),
    }
}

/// The text as browsers read it: outer control characters and spaces dropped, tabs and newlines removed.
fn clean(text: &str) -> String {
    text.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

fn split_once_or_all(text: &str, separator: char) -> (&str, &str) {
    text.split_once(separator).unwrap_or((text, ""))
}

/// The lowercase scheme and what follows its colon, if `text` starts with one.
fn scheme_of(text: &str) -> Option<(String, &str)> {
    let (scheme, rest) = text.split_once(':')?;
    let mut chars = scheme.chars();
    let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (first_is_letter && rest_ok).then(|| (scheme.to_ascii_lowercase(), rest))
}

/// The host of the part after `http:`; browsers treat `\` like `/` and accept any number of slashes.
fn host_of(after_scheme: &str) -> Option<String> {
    let authority_start = after_scheme.trim_start_matches(['/', '\\']);
    let authority = authority_start
        .split(['/', '\\', '?', '#'])
        .next()
        .unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = if host_port.starts_with('[') {
        host_port.split_inclusive(']').next().unwrap_or("")
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    let valid = !host.is_empty()
        && host.chars().all(|c| {
            !c.is_whitespace()
                && !c.is_control()
                && !matches!(c, '<' | '>' | '"' | '%' | '|' | '^' | '`')
        });
    valid.then(|| host.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_http_and_https() {
        for good in [
            "https://example.org/x",
            "http://example.org",
            "HTTPS://EXAMPLE.ORG/A?b#c",
            "  https://example.org/x  ",
            "https://user@example.org:8080/x",
            "https://[::1]:8080/x",
        ] {
            assert!(Link::absolute(good).is_ok(), "{good:?} was refused");
        }
        assert_eq!(
            Link::absolute(" https://ex\tample.org/\n").map(|l| l.href().to_string()),
            Ok("https://example.org/".to_string())
        );
    }

    #[test]
    fn refuses_script_and_other_schemes_however_disguised() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "java\rscript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "DATA:text/html;base64,PHNjcmlwdD4=",
            "file:///etc/passwd",
            "ftp://example.org",
            "mailto:a@example.org",
        ] {
            assert_eq!(
                Link::absolute_or_relative(bad),
                Err(LinkError::Scheme),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn refuses_http_without_a_host() {
        for bad in [
            "https://",
            "http:///",
            "https://:80/x",
            "https://exa mple.org",
            "https://a<b",
        ] {
            assert!(Link::absolute(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn relative_links_only_where_allowed() {
        assert_eq!(Link::absolute("episodes/x.html"), Err(LinkError::Relative));
        assert_eq!(Link::absolute(""), Err(LinkError::Empty));
        let relative = Link::absolute_or_relative("../full/x.html");
        assert_eq!(
            relative.map(|l| l.href().to_string()),
            Ok("../full/x.html".into())
        );
        // Not a scheme (the colon comes after a slash), so a harmless relative path.
        assert!(Link::absolute_or_relative("./javascript:alert(1)").is_ok());
    }

    #[test]
    fn youtube_timestamps_use_the_t_parameter() {
        let at = |url: &str, s| Link::absolute(url).map(|l| l.at_moment(s));
        assert_eq!(
            at("https://www.youtube.com/watch?v=EXAMPLE", 63.9),
            Ok("https://www.youtube.com/watch?v=EXAMPLE&t=63".into())
        );
        assert_eq!(
            at("https://youtu.be/abc", 5.0),
            Ok("https://youtu.be/abc?t=5".into())
        );
        assert_eq!(
            at("https://m.youtube.com/watch?t=9&v=X#frag", 41.0),
            Ok("https://m.youtube.com/watch?v=X&t=41".into())
        );
    }

    #[test]
    fn other_media_use_a_fragment() {
        let link = Link::absolute("https://pod.example/ep/12#chapters");
        assert_eq!(
            link.map(|l| l.at_moment(3723.0)),
            Ok("https://pod.example/ep/12#t=3723".into())
        );
        // A look-alike host is not YouTube.
        let fake = Link::absolute("https://notyoutube.com/watch?v=1");
        assert_eq!(
            fake.map(|l| l.at_moment(1.0)),
            Ok("https://notyoutube.com/watch?v=1#t=1".into())
        );
    }
}
