//! Why loading a document failed, and how to tell the reader.

use crate::model::{ParseError, Problem};

/// The largest digest the reader loads.
pub const DIGEST_LIMIT: usize = 5 * 1024 * 1024;
/// The largest library index the reader loads.
pub const INDEX_LIMIT: usize = 50 * 1024 * 1024;
/// The largest `site.json` the reader loads: a site configuration is small, anything larger is not one.
pub const SITE_LIMIT: usize = 256 * 1024;
/// How long a request may take, body included.
pub const TIMEOUT_SECONDS: u32 = 15;

/// Which of the reader's files was being fetched: it decides the size limit and the words of a failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fetched {
    /// An episode's digest.
    Digest,
    /// The library index.
    Index,
    /// The site configuration, `site.json`.
    Site,
}

impl Fetched {
    /// The most bytes the reader accepts for this file.
    pub fn limit(self) -> usize {
        match self {
            Self::Digest => DIGEST_LIMIT,
            Self::Index => INDEX_LIMIT,
            Self::Site => SITE_LIMIT,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Self::Digest => "episode",
            Self::Index => "library",
            Self::Site => "site configuration",
        }
    }
}

/// `bytes` as the reader reads a size: "5 MB", "256 KB" (1 MB = 1,048,576 bytes, as the format says).
pub fn size_text(bytes: usize) -> String {
    const KB: usize = 1024;
    const MB: usize = 1024 * KB;
    match bytes {
        0 => "0 bytes".to_string(),
        _ if bytes.is_multiple_of(MB) => format!("{} MB", bytes / MB),
        _ if bytes.is_multiple_of(KB) => format!("{} KB", bytes / KB),
        _ => format!("{bytes} bytes"),
    }
}

/// Everything that can go wrong between a URL and a shown document.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// `?episode=` is not a valid id.
    #[error("\"{0}\" is not a valid episode id")]
    BadId(String),
    /// `?src=` points at an origin the site does not allow.
    #[error("digests from {origin} are not allowed here")]
    Refused {
        /// The refused origin.
        origin: String,
    },
    /// `?src=` is not an http(s) URL.
    #[error("\"{0}\" is not an http(s) URL")]
    BadSource(String),
    /// HTTP 404 or 410.
    #[error("{url} was not found (HTTP {status})")]
    NotFound {
        /// What was requested.
        url: String,
        /// 404 or 410.
        status: u16,
    },
    /// HTTP 5xx.
    #[error("the server failed (HTTP {0})")]
    Server(u16),
    /// Another non-success status.
    #[error("the server refused the request (HTTP {0})")]
    Status(u16),
    /// No answer at all: offline, DNS, connection refused or reset, CORS.
    #[error("the network request failed")]
    Network,
    /// No complete answer within the time limit.
    #[error("no answer within {TIMEOUT_SECONDS} seconds")]
    Timeout,
    /// The site was published again while its files were being read, and again on a second try.
    #[error("the site was updated while it was being read")]
    Changed,
    /// The body is over the size limit.
    #[error("the file is larger than the limit")]
    TooLarge,
    /// The body is not UTF-8 text.
    #[error("the file is not UTF-8 text")]
    NotText,
    /// The body is not a document of the expected format.
    #[error(transparent)]
    Parse(#[from] ParseError),
}

/// A failure as the reader sees it: a title, a sentence, maybe a list of problems, maybe a retry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// A short headline.
    pub title: String,
    /// What happened and what to do, in a sentence or two.
    pub detail: String,
    /// Field problems of an invalid document, `path: message`.
    pub problems: Vec<Problem>,
    /// Whether trying again can help.
    pub retry: bool,
}

impl LoadError {
    /// How this failure reads for the file `what`.
    pub fn message(&self, what: Fetched) -> Message {
        let noun = what.noun();
        let plain = |title: String, detail: String, retry: bool| Message {
            title,
            detail,
            problems: Vec::new(),
            retry,
        };
        match self {
            Self::BadId(id) => plain(
                "This link does not name an episode".into(),
                format!("\"{id}\" is not a valid episode id: ids use lowercase letters, digits and -."),
                false,
            ),
            Self::Refused { origin } => plain(
                "This source is not allowed".into(),
                format!("This site does not load digests from {origin}. It loads its own digests and those of the sites listed in its allowed sources."),
                false,
            ),
            Self::BadSource(url) => plain(
                "This link does not point to a digest".into(),
                format!("\"{url}\" is not an http(s) address."),
                false,
            ),
            // A 404 may be a file not yet uploaded, or a host mid-deploy: a retry can help.
            // 410 says the file is gone for good.
            Self::NotFound { url, status } => plain(
                format!("We couldn't find this {noun}"),
                format!("There is no file at {url} (HTTP {status}). The link may be mistyped, or the {noun} was removed."),
                *status == 404,
            ),
            Self::Server(status) => plain(
                "The server had a problem".into(),
                format!("It answered with an error (HTTP {status}). This is usually temporary: try again in a moment."),
                true,
            ),
            Self::Status(status) => plain(
                format!("The server would not send this {noun}"),
                format!("It answered HTTP {status}."),
                true,
            ),
            Self::Network => plain(
                "Couldn't reach the server".into(),
                "Check your internet connection, then try again.".into(),
                true,
            ),
            Self::Timeout => plain(
                "The server took too long".into(),
                format!("No complete answer arrived within {TIMEOUT_SECONDS} seconds. Try again, perhaps on a better connection."),
                true,
            ),
            Self::Changed => plain(
                "The site was just updated".into(),
                "Its files changed while this page was reading them. Try again in a moment.".into(),
                true,
            ),
            Self::TooLarge => plain(
                format!("This {noun} file is too large"),
                format!(
                    "It is larger than {}, the most this reader loads.",
                    size_text(what.limit())
                ),
                false,
            ),
            Self::NotText => plain(
                format!("This {noun} file is damaged"),
                "It is not readable text (UTF-8).".into(),
                false,
            ),
            Self::Parse(ParseError::Syntax { line, column, message }) => plain(
                format!("This {noun} file is damaged"),
                format!("It is not valid JSON: line {line}, column {column}: {message}."),
                false,
            ),
            Self::Parse(ParseError::UnknownFormat { found, expected }) => plain(
                format!("This {noun} uses a format this reader can't open"),
                format!("The file says its format is \"{found}\"; this reader understands {expected}."),
                false,
            ),
            Self::Parse(ParseError::Invalid(problems)) => Message {
                title: format!("This {noun} file is not valid"),
                detail: match problems.len() {
                    1 => "The publisher's file has a mistake:".to_string(),
                    n => format!("The publisher's file has {n} mistakes:"),
                },
                problems: problems.clone(),
                retry: false,
            },
        }
    }

    /// The console's line when `site.json` at `url` could not be loaded and the built-in
    /// defaults stand in (the reader is not shown it: the page goes on).
    pub fn site_fallback(&self, url: &str) -> String {
        let detail = self.message(Fetched::Site).detail;
        format!("{url} could not be loaded ({self}: {detail}); using built-in defaults")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_failures_that_may_pass_offer_a_retry() {
        let retry = |err: LoadError| err.message(Fetched::Digest).retry;
        assert!(retry(LoadError::Server(503)));
        assert!(retry(LoadError::Network));
        assert!(retry(LoadError::Timeout));
        assert!(retry(LoadError::Changed));
        assert!(retry(LoadError::NotFound {
            url: "x".into(),
            status: 404
        }));
        assert!(!retry(LoadError::NotFound {
            url: "x".into(),
            status: 410
        }));
        assert!(!retry(LoadError::TooLarge));
        assert!(!retry(LoadError::Parse(ParseError::Invalid(vec![]))));
    }

    #[test]
    fn messages_name_the_cause() {
        let syntax = LoadError::Parse(ParseError::Syntax {
            line: 3,
            column: 9,
            message: "expected value".into(),
        });
        assert_eq!(
            syntax.message(Fetched::Digest).detail,
            "It is not valid JSON: line 3, column 9: expected value."
        );
        let format = LoadError::Parse(ParseError::UnknownFormat {
            found: "digest/v2".into(),
            expected: "digest/v1",
        });
        assert!(format
            .message(Fetched::Digest)
            .detail
            .contains("\"digest/v2\""));
        let invalid = LoadError::Parse(ParseError::Invalid(vec![Problem::new(
            "sections[3].title",
            "missing",
        )]));
        let message = invalid.message(Fetched::Digest);
        assert_eq!(
            message.problems[0].to_string(),
            "sections[3].title: missing"
        );
        assert!(LoadError::Timeout
            .message(Fetched::Digest)
            .detail
            .contains(&format!("within {TIMEOUT_SECONDS} seconds")));
    }

    #[test]
    fn sizes_read_in_the_largest_whole_unit() {
        assert_eq!(size_text(5 * 1024 * 1024), "5 MB");
        assert_eq!(size_text(256 * 1024), "256 KB");
        assert_eq!(size_text(1536 * 1024), "1536 KB");
        assert_eq!(size_text(1000), "1000 bytes");
        assert_eq!(size_text(0), "0 bytes");
    }

    #[test]
    fn a_file_too_large_is_told_the_limit_it_was_held_to() {
        for (what, limit) in [
            (Fetched::Digest, DIGEST_LIMIT),
            (Fetched::Index, INDEX_LIMIT),
            (Fetched::Site, SITE_LIMIT),
        ] {
            assert_eq!(what.limit(), limit, "{what:?}");
            assert_eq!(
                LoadError::TooLarge.message(what).detail,
                format!(
                    "It is larger than {}, the most this reader loads.",
                    size_text(limit)
                ),
                "{what:?}"
            );
        }
        // The limits the format promises (docs/format.md section 7), in its words.
        assert_eq!(size_text(DIGEST_LIMIT), "5 MB");
        assert_eq!(size_text(INDEX_LIMIT), "50 MB");
    }

    #[test]
    fn an_oversized_site_configuration_is_reported_with_its_own_limit() {
        let line = LoadError::TooLarge.site_fallback("site.json");
        assert!(line.starts_with("site.json could not be loaded"), "{line}");
        assert!(line.contains(&size_text(SITE_LIMIT)), "{line}");
        assert!(!line.contains(&size_text(INDEX_LIMIT)), "{line}");
        assert!(line.ends_with("using built-in defaults"), "{line}");
    }
}
