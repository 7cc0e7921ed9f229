//! Page chrome: the parts of a saved web page that are never article text (scripts, menus,
//! share bars, related links, newsletter boxes…), removed before the main text is extracted,
//! while the element that holds the article and its ancestors are kept.

use dom_query::{Document, NodeRef};
use std::collections::HashSet;

/// Elements that are never article text, whatever the site.
const CHROME_SELECTOR: &str = "script, style, noscript, template, iframe, object, embed, svg, \
    canvas, nav, header, footer, aside, figure, figcaption, form, button, select, input, \
    textarea, dialog, [hidden], [aria-hidden=true], [role=navigation], [role=banner], \
    [role=contentinfo], [role=complementary], [role=dialog], [role=alertdialog], [role=search], \
    [role=menu], [role=menubar]";

/// Class/id words that name page chrome (matched as whole words of the attribute).
const CHROME_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "share",
    "sharing",
    "social",
    "related",
    "recommended",
    "recommendations",
    "trending",
    "popular",
    "mostread",
    "comments",
    "comment",
    "disqus",
    "respond",
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "sponsor",
    "sponsored",
    "promo",
    "outbrain",
    "taboola",
    "caption",
    "credit",
    "credits",
    "byline",
    "author",
    "bio",
    "tags",
    "paywall",
    "modal",
    "popup",
    "overlay",
    "toolbar",
    "footer",
    "header",
    "masthead",
    "widget",
    "banner",
];

/// Class/id word beginnings that name page chrome in compound names ("relatedposts",
/// "sharedaddy", "newsletterbox"). Not "comment", which begins "commentary", a kind of article.
const CHROME_PREFIXES: &[&str] = &[
    "related",
    "sharing",
    "sharedaddy",
    "social",
    "newsletter",
    "cookie",
    "advert",
    "sponsor",
    "promo",
    "popular",
    "trending",
    "recommend",
    "breadcrumb",
    "sidebar",
    "subscri",
    "outbrain",
    "taboola",
    "disqus",
];

/// Remove page chrome, keeping the main article element and its ancestors.
pub(super) fn strip_chrome(doc: &Document) {
    let protected = main_content_ancestry(doc);
    let mut doomed: Vec<NodeRef> = Vec::new();
    if let Some(sel) = doc.try_select(CHROME_SELECTOR) {
        doomed.extend(sel.nodes().iter().copied());
    }
    if let Some(sel) = doc.try_select("[class], [id]") {
        for node in sel.nodes() {
            let mut attrs = String::new();
            for name in ["class", "id"] {
                if let Some(v) = node.attr(name) {
                    attrs.push(' ');
                    attrs.push_str(&v);
                }
            }
            let is_chrome = attrs
                .to_ascii_lowercase()
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| {
                    CHROME_WORDS.contains(&w) || CHROME_PREFIXES.iter().any(|p| w.starts_with(p))
                });
            if is_chrome {
                doomed.push(*node);
            }
        }
    }
    doomed.extend(data_tables(doc));
    for node in doomed {
        let always = matches!(
            node.node_name().as_deref(),
            Some("script" | "style" | "noscript" | "template" | "iframe" | "svg")
        );
        if always || !protected.contains(&node.id) {
            node.remove_from_parent();
        }
    }
}

/// A cell this long is prose: its table lays out a page (old sites put the article in one).
const PROSE_CELL_WORDS: usize = 25;

/// Tables to look at: a page of thousands of nested layout tables must stay linear.
const MAX_TABLES: usize = 256;

/// Tables of data (timelines, results, fact boxes): no cell holds prose. Read as text, each
/// row ran its cells together into a sentence ("1990 Pinochet hands power to an elected
/// president, Patricio Aylwin."), and a fact box every page carried topped the digest.
fn data_tables(doc: &Document) -> Vec<NodeRef<'_>> {
    let Some(tables) = doc.try_select("table") else {
        return Vec::new();
    };
    tables
        .nodes()
        .iter()
        .take(MAX_TABLES)
        .filter(|table| {
            !table
                .descendants_it()
                .filter(|d| matches!(d.node_name().as_deref(), Some("td" | "th")))
                .any(|cell| cell.text().split_whitespace().count() >= PROSE_CELL_WORDS)
        })
        .copied()
        .collect()
}

/// The element that most likely holds the article (the `article`/`main`/`articleBody` with
/// the most paragraph text) and all its ancestors: chrome rules must not remove those.
fn main_content_ancestry(doc: &Document) -> HashSet<dom_query::NodeId> {
    let mut protected = HashSet::new();
    let Some(candidates) =
        doc.try_select("[itemprop=articleBody], article, main, [role=main], [role=article]")
    else {
        return protected;
    };
    let mut best: Option<(usize, NodeRef)> = None;
    // Each candidate costs a walk of its subtree: a bounded number keeps nested `<article>`s
    // from going quadratic.
    for node in candidates.nodes().iter().take(64) {
        let score: usize = node
            .descendants_it()
            .filter(|d| d.node_name().as_deref() == Some("p"))
            .map(|p| p.text().len())
            .sum();
        if score > 0 && best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, *node));
        }
    }
    if let Some((_, node)) = best {
        protected.insert(node.id);
        protected.extend(node.ancestors_it(None).map(|a| a.id));
    }
    protected
}
