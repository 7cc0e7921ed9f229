//! Saved web pages: the article's own text and the page's metadata.
//!
//! Page chrome is removed in two passes. First, rules that hold across news sites drop the
//! elements that are never article text (navigation, headers and footers, asides, figures and
//! captions, forms, dialogs, hidden elements, and anything whose class or id names a menu,
//! cookie banner, ad, share bar, related-story list, comment section, byline or newsletter
//! box), while never touching the element that holds the article itself or its ancestors.
//! Then dom_smoothie (a port of Mozilla's Readability) picks the main content from what is
//! left, scoring by text and link density. Metadata comes from the page's head: Open Graph,
//! `article:published_time`, JSON-LD (`NewsArticle` and friends, also inside `@graph`), the
//! canonical link and `<title>`. A page that shows under half the words of its JSON-LD
//! `articleBody` (rendered by JavaScript: "Loading...") is read from that.

use super::chrome::strip_chrome;
use super::ld::{self, json_ld, ld_str};
use super::{line_col, non_empty, parse_date, Article};
use crate::error::{Error, Result};
use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

/// Below this many characters, text extracted after the chrome rules is suspect (a page built
/// unusually, e.g. wrapped whole in a `<form>`), and Readability alone gets a second try.
const SHORT_TEXT: usize = 200;

/// Readability's scoring takes time quadratic in the nesting depth (2 s at 2,000 levels, found
/// with hand-made deep inputs beside the fuzz runs); real pages nest a few dozen levels.
/// Deeper documents skip it and keep the text of the body after the chrome rules.
const MAX_READABILITY_DEPTH: usize = 400;

/// Building the tree itself is quadratic in nesting depth (35 s for 100,000 levels): deeper
/// markup than this, counted on the raw text, is refused as no real page.
const MAX_MARKUP_DEPTH: usize = 5_000;

/// Parse a web page into one article; an error when it holds no article text.
pub fn parse_html(html: &str, id: &str, path: &Path) -> Result<Article> {
    if let Some(at) = too_deep_at(html) {
        let (line, col) = line_col(html, at);
        return Err(Error::input(
            path,
            format!(
                "malformed HTML: elements nest more than {MAX_MARKUP_DEPTH} deep at line {line}, \
                 column {col}; not a real page"
            ),
        ));
    }
    let doc = Document::from(html);
    let mut meta = page_metadata(&doc);
    let mut text = String::new();
    if let Some((found_text, found)) = main_text(html, doc) {
        text = found_text;
        let fill = |slot: &mut Option<String>, v: Option<&str>| {
            if slot.is_none() {
                *slot = v.and_then(non_empty);
            }
        };
        fill(&mut meta.title, Some(found.title.as_str()));
        fill(&mut meta.site_name, found.site_name.as_deref());
        fill(&mut meta.url, found.url.as_deref());
        if meta.published.is_none() {
            meta.published = found.published_time.as_deref().and_then(parse_date);
        }
    }
    if meta.title.is_none() {
        meta.title = meta.page_title.take();
    }
    if let (Some(title), Some(site)) = (&meta.title, &meta.site_name) {
        meta.title = Some(strip_site_name(title, site));
    }
    if text.is_empty() {
        // Readability found no content block: take the body's text, chrome removed.
        let doc = Document::from(html);
        strip_chrome(&doc);
        if let Some(body) = doc.body() {
            text = tidy(&body.formatted_text());
        }
    }
    // A page rendered by JavaScript shows none of its text ("Loading..."); search engines get
    // it whole in JSON-LD.
    if let Some(body) = meta.body.take().filter(|b| ld::shows_little_of(&text, b)) {
        text = body;
    }
    if text.is_empty() {
        return Err(Error::input(path, no_text_reason(html)));
    }
    Ok(Article {
        id: id.to_string(),
        title: meta.title,
        url: meta.url,
        source: meta.site_name,
        published: meta.published,
        text,
    })
}

/// Byte offset where the markup first nests deeper than [`MAX_MARKUP_DEPTH`], counting only
/// elements whose end tag is required (a run of unclosed `<p>` or `<li>` is no nesting, and
/// the parser caps repeated formatting tags like `<b>` itself).
pub(super) fn too_deep_at(html: &str) -> Option<usize> {
    const NOT_NESTING: &[&str] = &[
        "p", "li", "dt", "dd", "td", "th", "tr", "tbody", "thead", "tfoot", "option", "optgroup",
        "colgroup", "caption", "rb", "rt", "rp", "br", "img", "hr", "meta", "link", "input", "wbr",
        "source", "area", "base", "col", "embed", "param", "track", "b", "i", "u", "s", "em",
        "strong", "small", "big", "font", "code", "tt", "nobr", "strike", "a", "html", "head",
        "body",
    ];
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        let start = i + off;
        i = start + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let name_len = bytes[name_start.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        if NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        let self_closing = !closing
            && bytes[name_start + name_len..]
                .iter()
                .position(|&b| b == b'>')
                .is_some_and(|gt| gt > 0 && bytes[name_start + name_len + gt - 1] == b'/');
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing {
            depth += 1;
            if depth > MAX_MARKUP_DEPTH {
                return Some(start);
            }
        }
    }
    None
}

/// The depth of the deepest node (one pass: a parent comes before its children).
fn max_depth(doc: &Document) -> usize {
    let mut depth: HashMap<dom_query::NodeId, usize> = HashMap::new();
    let mut max = 0;
    for node in doc.root().descendants_it() {
        let d = node
            .parent()
            .and_then(|p| depth.get(&p.id).copied())
            .map_or(1, |d| d + 1);
        depth.insert(node.id, d);
        max = max.max(d);
    }
    max
}

/// The page's main text by Readability, with page chrome stripped first; when that leaves
/// little, the unstripped page's if it holds more (only a substantial text beats the rules:
/// short text without them is chrome). `None` on pages nested too deep for Readability.
fn main_text(html: &str, doc: Document) -> Option<(String, dom_smoothie::Article)> {
    if max_depth(&doc) > MAX_READABILITY_DEPTH {
        return None;
    }
    strip_chrome(&doc);
    let mut extracted = readability(doc);
    if extracted
        .as_ref()
        .is_none_or(|(text, _)| text.len() < SHORT_TEXT)
    {
        let unstripped = readability(Document::from(html));
        let len = |e: &Option<(String, _)>| e.as_ref().map_or(0, |(t, _): &(String, _)| t.len());
        if len(&unstripped) >= SHORT_TEXT && len(&unstripped) > len(&extracted) {
            extracted = unstripped;
        }
    }
    extracted
}

/// Readability's main content as tidy text, with what it found out about the page.
fn readability(doc: Document) -> Option<(String, dom_smoothie::Article)> {
    let config = Config {
        text_mode: TextMode::Formatted,
        // Bound the work on giant pages (a news page has a few thousand elements).
        max_elements_to_parse: 200_000,
        ..Config::default()
    };
    let found = Readability::with_document(doc, None, Some(config))
        .and_then(|mut r| r.parse())
        .ok()?;
    let text = tidy(&found.text_content);
    (!text.is_empty()).then_some((text, found))
}

/// Why a page gave no text; names the line of an unclosed `<script>`, `<style>` or comment
/// that swallowed the rest of the document, the usual way a truncated page loses its text.
fn no_text_reason(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    for (open, close) in [
        ("<!--", "-->"),
        ("<script", "</script"),
        ("<style", "</style"),
        ("<textarea", "</textarea"),
        ("<title", "</title"),
    ] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(open).map(|i| i + from) {
            let after = i + open.len();
            match lower[after..].find(close) {
                Some(j) => from = after + j + close.len(),
                None => {
                    let (line, col) = line_col(html, i);
                    return format!(
                        "malformed HTML: {open}{} opened at line {line}, column {col} is never \
                         closed, so the rest of the page is not text; no article text found",
                        if open == "<!--" { "" } else { ">" }
                    );
                }
            }
        }
    }
    if !lower.contains('<') {
        return "no HTML markup and no article text found (use --input-format text?)".into();
    }
    "no article text found in this page (only navigation, scripts or markup)".into()
}

/// "Talks resume | The Daily Planet" → "Talks resume" when the site is The Daily Planet.
fn strip_site_name(title: &str, site: &str) -> String {
    let lower = title.to_lowercase();
    let site_lower = site.to_lowercase();
    for sep in [
        " | ",
        " - ",
        " \u{2013} ",
        " \u{2014} ",
        " :: ",
        " \u{b7} ",
        ": ",
    ] {
        let suffix = format!("{sep}{site_lower}");
        let prefix = format!("{site_lower}{sep}");
        if lower.ends_with(&suffix)
            && title.len() > suffix.len()
            && title.is_char_boundary(title.len() - suffix.len())
        {
            return title[..title.len() - suffix.len()].trim().to_string();
        }
        if lower.starts_with(&prefix)
            && title.len() > prefix.len()
            && title.is_char_boundary(prefix.len())
        {
            return title[prefix.len()..].trim().to_string();
        }
    }
    title.to_string()
}

#[derive(Debug, Default)]
struct PageMeta {
    title: Option<String>,
    page_title: Option<String>,
    url: Option<String>,
    site_name: Option<String>,
    published: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// JSON-LD's `articleBody`.
    body: Option<String>,
}

/// Title, canonical URL, site name and publication date from the page's head.
fn page_metadata(doc: &Document) -> PageMeta {
    let ld = json_ld(doc);
    let ld = ld.as_ref();
    // `<title>` often carries the site's name too; Readability's title (filled in later)
    // trims that, so the raw one is only the last resort.
    let title = meta_content(doc, &["og:title", "twitter:title"])
        .or_else(|| ld_str(ld.and_then(|v| v.get("headline"))));
    let page_title = doc
        .try_select("title")
        .and_then(|s| s.nodes().first().map(|n| n.text().to_string()))
        .and_then(|t| non_empty(&t));
    PageMeta {
        title,
        page_title,
        url: page_url(doc, ld),
        site_name: site_name(doc, ld),
        published: published(doc, ld),
        body: ld::article_body(ld),
    }
}

/// The `content` of the first of the `keys` present as a `<meta>` property, name or itemprop.
fn meta_content(doc: &Document, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| {
        let sel = format!("meta[property=\"{k}\"], meta[name=\"{k}\"], meta[itemprop=\"{k}\"]");
        let found = doc.try_select(&sel)?;
        found
            .nodes()
            .iter()
            .find_map(|n| n.attr("content").and_then(|c| non_empty(&c)))
    })
}

/// The article's own address: canonical link, else `og:url`, else JSON-LD's (http(s) only).
fn page_url(doc: &Document, ld: Option<&Value>) -> Option<String> {
    doc.try_select("link[rel=canonical]")
        .and_then(|s| {
            s.nodes()
                .iter()
                .find_map(|n| n.attr("href").map(|h| h.to_string()))
        })
        .and_then(|h| super::web_url(&h))
        .or_else(|| meta_content(doc, &["og:url"]).and_then(|u| super::web_url(&u)))
        .or_else(|| {
            ld_str(ld.and_then(|v| v.get("url").or_else(|| v.get("mainEntityOfPage"))))
                .and_then(|u| super::web_url(&u))
        })
}

/// The outlet: the page's site name, else JSON-LD's publisher (`@handle` without its `@`).
fn site_name(doc: &Document, ld: Option<&Value>) -> Option<String> {
    meta_content(doc, &["og:site_name", "application-name", "twitter:site"])
        .or_else(|| {
            ld.and_then(|v| v.get("publisher"))
                .and_then(|p| match p {
                    Value::Array(a) => a.first(),
                    other => Some(other),
                })
                .and_then(|p| ld_str(p.get("name")))
        })
        .map(|s| s.trim_start_matches('@').to_string())
}

/// The publication date: the usual `<meta>` keys, else JSON-LD's, else the first
/// `<time datetime>`.
fn published(doc: &Document, ld: Option<&Value>) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    const KEYS: &[&str] = &[
        "article:published_time",
        "og:article:published_time",
        "datePublished",
        "pubdate",
        "publish-date",
        "date",
        "dc.date",
        "dcterms.created",
    ];
    meta_content(doc, KEYS)
        .and_then(|d| parse_date(&d))
        .or_else(|| ld_str(ld.and_then(|v| v.get("datePublished"))).and_then(|d| parse_date(&d)))
        .or_else(|| {
            doc.try_select("time[datetime]").and_then(|s| {
                s.nodes()
                    .iter()
                    .find_map(|n| n.attr("datetime").and_then(|d| parse_date(&d)))
            })
        })
}

/// One paragraph per line; blank lines and lone all-caps labels ("ADVERTISEMENT") dropped.
pub(super) fn tidy(text: &str) -> String {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty() && !is_label(l))
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_label(line: &str) -> bool {
    line.split_whitespace().count() <= 3
        && line.chars().any(char::is_alphabetic)
        && !line.chars().any(char::is_lowercase)
        && !line.ends_with(['.', '!', '?', '"', '\u{201d}'])
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html lang="en"><head>
<title>Talks resume in Geneva | The Daily Planet</title>
<meta property="og:site_name" content="The Daily Planet">
<meta property="article:published_time" content="2025-03-04T10:20:30Z">
<link rel="canonical" href="https://planet.example/world/talks">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<article><h1>Talks resume in Geneva</h1><p class="byline">By Lois Lane</p>
<p>Negotiators from both sides returned to Geneva on Tuesday for a new round of talks that
diplomats described as the most serious in years.</p>
<figure><img src="x.jpg"><figcaption>Delegates arrive. Photo: Agency</figcaption></figure>
<div class="ad-slot">ADVERTISEMENT</div>
<p>The envoy said both delegations had agreed on an agenda covering prisoners, borders and
the reconstruction of damaged cities, and that further meetings were planned.</p>
<p>Officials expect the first results before the end of the month, according to a statement
released by the foreign ministry late on Monday evening.</p>
</article>
<section id="comments"><article class="comment"><p>This is a long reader comment that goes
on about unrelated things for a while and should never appear in a digest of the news.</p>
</article></section>
<script>var tracking = "do not read this";</script>
</body></html>"#;

    #[test]
    fn article_text_and_metadata() {
        let a = parse_html(PAGE, "p.html", Path::new("p.html")).unwrap();
        assert_eq!(a.title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(a.source.as_deref(), Some("The Daily Planet"));
        assert_eq!(a.url.as_deref(), Some("https://planet.example/world/talks"));
        assert_eq!(
            a.published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2025-03-04T10:20:30+00:00")
        );
        assert!(
            a.text.starts_with("Negotiators from both sides"),
            "{}",
            a.text
        );
        assert!(
            a.text.contains("foreign ministry late on Monday evening."),
            "{}",
            a.text
        );
        for chrome in [
            "Home",
            "cookies",
            "Lois Lane",
            "Photo",
            "ADVERTISEMENT",
            "reader comment",
            "tracking",
        ] {
            assert!(!a.text.contains(chrome), "{chrome} in {}", a.text);
        }
    }

    #[test]
    fn page_wrapped_in_a_form_still_reads() {
        let body = "<p>The council voted on Tuesday to approve the new budget after a debate \
                    that lasted most of the afternoon and into the evening session.</p>"
            .repeat(3);
        let page =
            format!("<html><body><form id=\"aspnetForm\"><div>{body}</div></form></body></html>");
        let a = parse_html(&page, "p", Path::new("p.html")).unwrap();
        assert_eq!(a.text.lines().count(), 3, "{}", a.text);
    }

    /// Regression (probe 16): a timeline table every page carried became sentences with its
    /// cells run together ("1990 Pinochet hands power to an elected president…"), and one
    /// opened the digest. A layout table, whose cell holds the article, still reads.
    #[test]
    fn data_tables_read_as_sentences_and_layout_tables_still_read() {
        let para = "<p>The council voted on Tuesday to approve the new budget after a debate \
                    that lasted most of the afternoon and well into the evening session.</p>";
        let timeline = "<table><tr><th>Year</th><th>Event</th></tr>\
             <tr><td>1973</td><td>Pinochet seizes power in a coup against Salvador Allende.</td></tr>\
             <tr><td>1990</td><td>Pinochet hands power to an elected president.</td></tr></table>";
        let page = format!("<html><body><article>{para}{timeline}{para}</article></body></html>");
        let a = parse_html(&page, "p", Path::new("p.html")).unwrap();
        assert!(!a.text.contains("Pinochet"), "{}", a.text);
        assert!(a.text.contains("The council voted"), "{}", a.text);
        let layout = format!(
            "<html><body><table><tr><td>Menu</td><td>{}</td></tr></table></body></html>",
            para.repeat(3)
        );
        let a = parse_html(&layout, "p", Path::new("p.html")).unwrap();
        assert_eq!(a.text.matches("The council voted").count(), 3, "{}", a.text);
    }

    #[test]
    fn compound_class_names_are_chrome_too() {
        let para = "<p>The council voted on Tuesday to approve the new budget after a debate that \
                    lasted most of the afternoon and well into the evening session.</p>";
        let page = format!(
            "<html><body><div class=\"entry-content\">{para}{para}\
             <div class=\"sharedaddy sd-sharing-enabled\"><p>Share this: Twitter, Facebook and \
             more places where you can share this story with your friends today.</p></div>\
             <div id=\"jp-relatedposts\"><p>Related: another council story that is long enough \
             to look like a paragraph of the article itself to a scorer.</p></div>\
             </div></body></html>"
        );
        let a = parse_html(&page, "p", Path::new("p.html")).unwrap();
        assert!(
            !a.text.contains("Share this") && !a.text.contains("Related:"),
            "{}",
            a.text
        );
        assert!(a.text.starts_with("The council voted"), "{}", a.text);
    }

    #[test]
    fn unclosed_script_is_located() {
        let page = "<html><body>\n<script>\nvar a = 1;\n<p>Lost text.</p></body></html>";
        let e = parse_html(page, "p", Path::new("p.html"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("<script> opened at line 2, column 1 is never closed"),
            "{e}"
        );
    }

    #[test]
    fn pathological_nesting_is_bounded() {
        // Found with hand-made deep inputs next to the fuzz targets: depth made tree building
        // and Readability quadratic.
        let deep = format!(
            "<html><body>{}<p>Deep.</p></body></html>",
            "<div>".repeat(6000)
        );
        let e = parse_html(&deep, "p", Path::new("p.html"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("nest more than 5000 deep at line 1"), "{e}");
        let fragment = format!(
            "{}Deep &amp; text.{}",
            "<div>".repeat(6000),
            "</div>".repeat(6000)
        );
        assert_eq!(
            super::super::fragment::fragment_text(&fragment),
            "Deep &amp; text."
        );
        let t = std::time::Instant::now();
        let mid = format!(
            "<html><body>{}<p>Deep text.</p></body></html>",
            "<div>".repeat(3000)
        );
        assert_eq!(
            parse_html(&mid, "p", Path::new("p.html")).unwrap().text,
            "Deep text."
        );
        assert!(t.elapsed().as_secs() < 20);
        let unclosed = format!("<html><body>{}", "<p>Paragraph of text.".repeat(6000));
        assert!(parse_html(&unclosed, "p", Path::new("p.html")).is_ok());
    }
}
