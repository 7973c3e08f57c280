//! Where things are on the published site, and escaping for the formats the site is written in.

use digest_reader::model::SiteConfig;

/// The relative path of an episode's folder: `episodes/<id>/`.
pub fn episode_dir(id: &str) -> String {
    format!("episodes/{id}/")
}

/// Absolute URLs of the site; present only when `site.json` has `base_url`.
#[derive(Clone, Debug)]
pub struct Urls {
    base: String,
}

impl Urls {
    /// The site's URLs, if `site.json` says where it is published.
    pub fn of(site: &SiteConfig) -> Option<Self> {
        site.base_url.as_ref().map(|base| Self {
            base: base.href().to_string(),
        })
    }

    /// The site's root (`https://example.org/reader/`): the library.
    pub fn home(&self) -> &str {
        &self.base
    }

    /// A path below the root.
    pub fn at(&self, rel: &str) -> String {
        format!("{}{rel}", self.base)
    }

    /// An episode's canonical page.
    pub fn episode(&self, id: &str) -> String {
        self.at(&episode_dir(id))
    }

    /// The compact view for iframes.
    pub fn embed(&self, id: &str) -> String {
        self.at(&format!("?episode={id}&embed=1"))
    }
}

/// Text for XML content and attribute values. Characters XML 1.0 forbids (most C0 controls,
/// U+FFFE, U+FFFF) are dropped: untrusted text must not make a feed unreadable.
pub fn xml(text: &str) -> String {
    escape(text, "&apos;", |c| {
        matches!(c, '\t' | '\n' | '\r')
            || !((c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}')
    })
}

/// Text for HTML content and attribute values.
pub fn html(text: &str) -> String {
    escape(text, "&#39;", |c| c != '\0')
}

/// Markup characters as entities (`'` as `apostrophe`); characters `allowed` refuses dropped.
fn escape(text: &str, apostrophe: &str, allowed: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars().filter(|&c| allowed(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str(apostrophe),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_forbids() {
        assert_eq!(
            xml("a<b>&\"'\u{0}\u{1b}\u{FFFF}é"),
            "a&lt;b&gt;&amp;&quot;&apos;é"
        );
        assert_eq!(html("<script>'"), "&lt;script&gt;&#39;");
    }
}
