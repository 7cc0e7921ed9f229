//! HTML inside other formats: a feed item's title and content, a JSON article's fields. A
//! fragment is already the article, so it is only reduced to its text (no readability pass).

use super::html::{tidy, too_deep_at};
use dom_query::Document;
use regex::Regex;
use std::sync::LazyLock;

/// Whether a string (a feed item's content, a JSON field) holds HTML markup.
pub fn looks_like_html(text: &str) -> bool {
    static TAG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)</?(p|br|div|a|span|em|strong|b|i|h[1-6]|ul|ol|li|blockquote|figure|img|table)\b[^>]*>")
            .expect("static regex")
    });
    TAG.is_match(text)
}

/// Whether a field holds HTML tags or character references (`&amp;`, `&#8217;`, `&#x2014;`).
pub fn has_markup(s: &str) -> bool {
    static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
            .expect("static regex")
    });
    looks_like_html(s) || (s.contains('&') && REFERENCE.is_match(s))
}

/// The text of a field that may hold markup or entities (a feed item's title or content, a
/// JSON article's fields): as [`fragment_text`] if it does, else its lines trimmed.
pub fn markup_text(s: &str) -> String {
    if has_markup(s) {
        fragment_text(s)
    } else {
        s.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The text of an HTML fragment (feed content, a JSON body): paragraphs one per line, scripts,
/// figures and captions dropped. No readability pass: a fragment is already the article.
pub fn fragment_text(html: &str) -> String {
    if too_deep_at(html).is_some() {
        // Pathological nesting would take the tree builder minutes: drop the tags instead.
        static ANY_TAG: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"<[^>]*>").expect("static regex"));
        return tidy(&ANY_TAG.replace_all(html, "\n"));
    }
    let doc = Document::fragment(html);
    if let Some(sel) = doc.try_select(
        "script, style, noscript, template, iframe, object, svg, figure, figcaption, form, \
         button, [hidden], [aria-hidden=true]",
    ) {
        sel.remove();
    }
    tidy(&doc.root().formatted_text())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments() {
        assert!(looks_like_html("<p>x</p>"));
        assert!(!looks_like_html("a < b and c > d"));
        assert_eq!(
            fragment_text("<p>One &amp; two.</p><p>Three.</p>"),
            "One & two.\nThree."
        );
    }
}
