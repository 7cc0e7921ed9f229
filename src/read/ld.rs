//! JSON-LD in a page's head (`<script type="application/ld+json">`): the structured data news
//! sites publish for search engines, with the article's headline, date, publisher and often
//! its whole text.

use super::{fragment, html::tidy, non_empty};
use dom_query::Document;
use serde_json::Value;

/// The first JSON-LD object describing an article (looked for in arrays and `@graph`).
pub(super) fn json_ld(doc: &Document) -> Option<Value> {
    const ARTICLE_TYPES: &[&str] = &[
        "NewsArticle",
        "Article",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "BlogPosting",
        "WebPage",
    ];
    let scripts = doc.try_select("script[type=\"application/ld+json\"]")?;
    let mut found: Vec<Value> = Vec::new();
    for node in scripts.nodes() {
        let text = node.text();
        let Ok(value) = serde_json::from_str::<Value>(text.trim()) else {
            continue;
        };
        let mut stack = vec![value];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(items) => stack.extend(items),
                Value::Object(mut o) => {
                    if let Some(graph) = o.remove("@graph") {
                        stack.push(graph);
                    }
                    found.push(Value::Object(o));
                }
                _ => {}
            }
        }
    }
    // Prefer the most specific type: a NewsArticle over a WebPage.
    ARTICLE_TYPES.iter().find_map(|t| {
        found
            .iter()
            .find(|v| match v.get("@type") {
                Some(Value::String(s)) => s == t,
                Some(Value::Array(a)) => a.iter().any(|x| x.as_str() == Some(t)),
                _ => false,
            })
            .cloned()
    })
}

/// A JSON-LD string value, when not blank.
pub(super) fn ld_str(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str).and_then(non_empty)
}

/// The article's text as JSON-LD gives it (`articleBody`, markup and entities resolved), one
/// paragraph a line.
pub(super) fn article_body(ld: Option<&Value>) -> Option<String> {
    let body = ld?.get("articleBody")?.as_str()?;
    // Plain text by schema.org, its paragraphs apart by newlines, which markup would take for
    // spaces; some sites escape it (`&amp;`) or mark it up (`<p>`) all the same.
    let lines: Vec<String> = body.lines().map(fragment::markup_text).collect();
    let text = tidy(&lines.join("\n"));
    (!text.is_empty()).then_some(text)
}

/// Whether the page's visible text is so much shorter than its JSON-LD `articleBody` that the
/// page shows little of it: a page rendered by JavaScript ("Loading..."), or one whose text is
/// behind a script-driven paywall. Under half its words: a page that shows the article shows
/// about as much as `articleBody`, often more (a standfirst, a box).
pub(super) fn shows_little_of(visible: &str, body: &str) -> bool {
    let words = |t: &str| t.split_whitespace().count();
    words(visible) * 2 < words(body)
}

#[cfg(test)]
mod tests {
    use super::super::html::parse_html;
    use std::path::Path;

    /// Regression (probe 16: a page rendered by JavaScript, `<div id="__next">Loading...</div>`
    /// with its text in JSON-LD's `articleBody`, gave exit 3, "no usable sentence").
    #[test]
    fn a_page_rendered_by_javascript_had_no_text_beside_its_json_ld_body() {
        let page = r#"<!DOCTYPE html><html><head><title>Rates up | Finance Today</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Central bank raises rates",
"articleBody":"The central bank raised interest rates by half a point on Thursday, the biggest increase in two decades.\n\nThe decision was widely expected by economists, who said the bank had little choice &amp; no time.",
"publisher":{"@type":"Organization","name":"Finance Today"}}</script>
</head><body><div id="__next"><div class="loading">Loading...</div></div>
<noscript>You need to enable JavaScript to run this app.</noscript></body></html>"#;
        let a = parse_html(page, "spa.html", Path::new("spa.html")).unwrap();
        assert_eq!(
            a.text,
            "The central bank raised interest rates by half a point on Thursday, the biggest \
             increase in two decades.\nThe decision was widely expected by economists, who said \
             the bank had little choice & no time."
        );
        assert_eq!(a.title.as_deref(), Some("Central bank raises rates"));
        assert_eq!(a.source.as_deref(), Some("Finance Today"));
        // With no `headline`, the page's own title (its site name stripped).
        let untitled = page.replace(r#""headline":"Central bank raises rates","#, "");
        let a = parse_html(&untitled, "spa.html", Path::new("spa.html")).unwrap();
        assert_eq!(a.title.as_deref(), Some("Rates up"));
    }

    /// A page that shows its article keeps its own text, however long `articleBody` is.
    #[test]
    fn a_page_showing_its_article_keeps_its_text() {
        let para = "<p>The council voted on Tuesday to approve the new budget after a debate \
                    that lasted most of the afternoon and into the evening session.</p>";
        let page = format!(
            r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle",
"articleBody":"A summary the page does not show, of a few words more than the page itself holds in all of its paragraphs together, so that it is longer."}}</script>
</head><body><article>{para}{para}</article></body></html>"#
        );
        let a = parse_html(&page, "p.html", Path::new("p.html")).unwrap();
        assert!(a.text.starts_with("The council voted"), "{}", a.text);
    }
}
