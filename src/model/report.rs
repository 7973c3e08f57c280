//! "Report a problem": where a reader reports a wrong claim in an episode or one of its sections
//! (`site.json`'s `report_url`, spec section 4), with the episode's URL and id added.

use super::link::percent_encode;

/// Where an episode's "Report a problem" links go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportTo {
    /// `site.json`'s `report_url`: an http(s) page or a `mailto:` address, already checked.
    pub report_url: String,
    /// The episode's id.
    pub id: String,
    /// The episode's address as readers share it, when known (a published site's `base_url`, or
    /// the app's own address).
    pub page_url: Option<String>,
}

impl ReportTo {
    /// The link for the whole episode (`section` `None`) or for section `section` (from 1).
    ///
    /// An http(s) page gets `episode`, `url` and `section` query parameters; a `mailto:` address
    /// gets a subject and a body naming them, which the reader completes.
    pub fn href(&self, section: Option<usize>) -> String {
        let (before_fragment, fragment) = match self.report_url.split_once('#') {
            Some((before, after)) => (before, Some(after)),
            None => (self.report_url.as_str(), None),
        };
        let separator = if before_fragment.contains('?') {
            '&'
        } else {
            '?'
        };
        let added = if before_fragment
            .get(..7)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("mailto:"))
        {
            self.mail_fields(section)
        } else {
            self.query_fields(section)
        };
        let mut out = format!("{before_fragment}{separator}{added}");
        if let Some(fragment) = fragment {
            out.push('#');
            out.push_str(fragment);
        }
        out
    }

    fn query_fields(&self, section: Option<usize>) -> String {
        let mut out = format!("episode={}", percent_encode(&self.id));
        if let Some(url) = &self.page_url {
            out.push_str(&format!("&url={}", percent_encode(url)));
        }
        if let Some(section) = section {
            out.push_str(&format!("&section={section}"));
        }
        out
    }

    fn mail_fields(&self, section: Option<usize>) -> String {
        let subject = match section {
            Some(section) => format!("Problem in section {section} of {}", self.id),
            None => format!("Problem in {}", self.id),
        };
        let mut body = format!(
            "Episode: {}\n",
            self.page_url.as_deref().unwrap_or(&self.id)
        );
        if let Some(section) = section {
            body.push_str(&format!("Section: {section}\n"));
        }
        body.push_str("\nWhat is wrong:\n");
        format!(
            "subject={}&body={}",
            percent_encode(&subject),
            percent_encode(&body)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::ReportTo;

    fn to(report_url: &str, page_url: Option<&str>) -> ReportTo {
        ReportTo {
            report_url: report_url.to_string(),
            id: "ep-1".to_string(),
            page_url: page_url.map(str::to_string),
        }
    }

    #[test]
    fn a_page_gets_the_episode_url_id_and_section() {
        let report = to(
            "https://example.org/report#form",
            Some("https://example.org/reader/episodes/ep-1/"),
        );
        assert_eq!(
            report.href(Some(2)),
            "https://example.org/report?episode=ep-1&url=https%3A%2F%2Fexample.org%2Freader%2Fepisodes%2Fep-1%2F&section=2#form"
        );
        assert_eq!(
            to("https://example.org/report?via=reader", None).href(None),
            "https://example.org/report?via=reader&episode=ep-1"
        );
    }

    #[test]
    fn an_address_gets_a_subject_and_body() {
        let report = to(
            "MAILTO:facts@example.org",
            Some("https://x.example/?episode=ep-1"),
        );
        assert_eq!(
            report.href(Some(3)),
            "MAILTO:facts@example.org?subject=Problem%20in%20section%203%20of%20ep-1\
             &body=Episode%3A%20https%3A%2F%2Fx.example%2F%3Fepisode%3Dep-1%0ASection%3A%203%0A%0AWhat%20is%20wrong%3A%0A"
        );
        assert!(to("mailto:a@b.example", None)
            .href(None)
            .contains("body=Episode%3A%20ep-1%0A%0A"));
    }
}
