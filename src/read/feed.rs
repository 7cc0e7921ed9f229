//! RSS 2.0 and Atom feeds (feed-rs): every item is one article.
//!
//! An item's full content (`content:encoded`, Atom `<content>`) is preferred over its
//! description or summary; HTML in either is reduced to text. The outlet is the feed's title.
//! feed-rs reads whatever a truncated file holds without complaint, so the XML is first checked
//! for well-formedness with quick-xml, to report a cut-off or broken feed at its line and column
//! instead of silently losing items.

use super::{fragment, non_empty, Article, Warning};
use crate::error::{Error, Result};
use quick_xml::events::Event;
use std::path::Path;

/// Parse a feed into its items' articles (items without any text are skipped with a warning).
pub fn parse_feed(
    text: &str,
    id: &str,
    path: &Path,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Article>> {
    feed_root(text)
        .and_then(|()| check_well_formed(text))
        .map_err(|e| Error::input(path, e))?;
    let xml = utf8_prolog(text);
    let feed = feed_rs::parser::Builder::new()
        .sanitize_content(false)
        .build()
        .parse(xml.as_bytes())
        .map_err(|e| Error::input(path, format!("not a readable RSS or Atom feed: {e}")))?;
    let outlet = feed.title.as_ref().and_then(|t| plain(&t.content));
    let mut articles = Vec::new();
    for (i, entry) in feed.entries.iter().enumerate() {
        let n = i + 1;
        match entry_article(entry, format!("{id}#{n}"), outlet.as_ref()) {
            Some(article) => articles.push(article),
            None => warnings.push(Warning {
                location: path.display().to_string(),
                message: format!("feed item {n} has no content or description; skipped"),
            }),
        }
    }
    if articles.is_empty() {
        return Err(Error::input(
            path,
            if feed.entries.is_empty() {
                "the feed has no items"
            } else {
                "no feed item has any text"
            },
        ));
    }
    Ok(articles)
}

/// One feed item as an article; `None` if it has no text.
fn entry_article(
    entry: &feed_rs::model::Entry,
    id: String,
    outlet: Option<&String>,
) -> Option<Article> {
    let content = entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .map(fragment::markup_text)
        .filter(|t| !t.is_empty());
    let summary = entry
        .summary
        .as_ref()
        .map(|s| fragment::markup_text(&s.content))
        .filter(|t| !t.is_empty());
    let body = content.or(summary)?;
    // The article's own page: an `alternate` (or unlabelled) link, not an enclosure.
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| entry.links.first())
        .map(|l| l.href.clone());
    Some(Article {
        id,
        title: entry.title.as_ref().and_then(|t| plain(&t.content)),
        url,
        source: outlet.cloned(),
        // A date outside the years 1000-9999 is no date (see `read::parse_date`).
        published: [entry.published, entry.updated]
            .into_iter()
            .flatten()
            .map(|d| d.fixed_offset())
            .find(super::plausible),
        text: body,
    })
}

/// A one-line title, with any markup or entities in it resolved.
fn plain(s: &str) -> Option<String> {
    non_empty(&fragment::markup_text(s))
}

/// The text was decoded already; a prolog naming another encoding would make feed-rs decode
/// it a second time.
fn utf8_prolog(text: &str) -> std::borrow::Cow<'_, str> {
    let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if !start.starts_with("<?xml") {
        return text.into();
    }
    let offset = text.len() - start.len();
    let Some(end) = start.find("?>") else {
        return text.into();
    };
    let prolog = &start[..end];
    match prolog.find("encoding") {
        Some(_) => format!(
            "{}<?xml version=\"1.0\" encoding=\"UTF-8\"{}",
            &text[..offset],
            &start[end..]
        )
        .into(),
        None => text.into(),
    }
}

/// Refuse what is plainly no feed before judging its XML: text that is not markup (an article
/// given `--input-format feed`: its first `&` read as "truncated feed"), or XML whose root is
/// not `<rss>`, `<feed>` or `<rdf:RDF>` (an SVG: "no root element"). A JSON Feed passes.
fn feed_root(text: &str) -> std::result::Result<(), String> {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('{') {
        return Ok(());
    }
    if !start.starts_with('<') {
        return Err("not an RSS or Atom feed: the file does not start with XML markup".into());
    }
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let name = e.local_name().into_inner().to_ascii_lowercase();
                return match name.as_str() {
                    "rss" | "feed" | "rdf" => Ok(()),
                    other => Err(format!(
                        "not an RSS or Atom feed: its root element is <{other}>"
                    )),
                };
            }
            // What is wrong with the markup is check_well_formed's to say.
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => {}
        }
    }
}

/// Check that `text` is well-formed XML: every element closed, in order, before the end.
/// The error names the line and column, and for a cut-off file, the element left open.
pub fn check_well_formed(text: &str) -> std::result::Result<(), String> {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut open: Vec<(String, u64)> = Vec::new();
    loop {
        let before = reader.buffer_position();
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let name = e.name().0.to_string();
                open.push((name, before));
            }
            Ok(Event::End(_)) => {
                open.pop();
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                let (line, col) = super::line_col(text, to_usize(reader.error_position()));
                let message = e.to_string();
                if message.contains("end of input") || message.contains("EOF") {
                    let inside = open.last().map_or(String::new(), |(name, at)| {
                        let (l, c) = super::line_col(text, to_usize(*at));
                        format!(", inside <{name}> opened at line {l}, column {c}")
                    });
                    return Err(format!(
                        "truncated feed: the file ends in the middle of the markup that starts at \
                         line {line}, column {col}{inside}"
                    ));
                }
                return Err(format!(
                    "malformed XML at line {line}, column {col}: {message}"
                ));
            }
        }
    }
    if let Some((name, at)) = open.last() {
        let (line, col) = super::line_col(text, to_usize(*at));
        let (end_line, _) = super::line_col(text, text.len());
        return Err(format!(
            "truncated feed: the file ends at line {end_line} inside <{name}> opened at line \
             {line}, column {col}"
        ));
    }
    Ok(())
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="windows-1252"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Wire &amp; Co</title><link>https://wire.example/</link>
<item><title>First</title><link>https://wire.example/1</link>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>Full text one.</p><p>Second paragraph.</p>]]></content:encoded>
<pubDate>Tue, 04 Mar 2025 10:20:30 GMT</pubDate></item>
<item><title>Second</title><link>https://wire.example/2</link>
<description>&lt;p&gt;Only a description, caf&#233;.&lt;/p&gt;</description></item>
<item><title>Empty</title></item>
</channel></rss>"#;

    /// Regression (an item's pubDate in the year 99999 dated the digest "+99999").
    #[test]
    fn feed_dates_beyond_four_digit_years_were_taken() {
        let rss = RSS.replace("Tue, 04 Mar 2025", "Mon, 01 Dec 99999");
        let a = parse_feed(&rss, "f.rss", Path::new("f.rss"), &mut Vec::new()).unwrap();
        assert_eq!(a[0].published, None);
    }

    #[test]
    fn rss_items_prefer_full_content() {
        let mut w = Vec::new();
        let a = parse_feed(RSS, "f.rss", Path::new("f.rss"), &mut w).unwrap();
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].text, "Full text one.\nSecond paragraph.");
        assert_eq!(a[0].source.as_deref(), Some("Wire & Co"));
        assert_eq!(a[0].url.as_deref(), Some("https://wire.example/1"));
        assert!(a[0].published.is_some());
        assert_eq!(a[1].text, "Only a description, café.");
        assert_eq!(a[1].id, "f.rss#2");
        assert!(w[0].message.contains("item 3"), "{w:?}");
    }

    #[test]
    fn truncated_and_broken_feeds_are_located() {
        let cut = &RSS[..RSS.find("<item><title>Second").unwrap() + 20];
        let e = check_well_formed(cut).unwrap_err();
        assert!(
            e.contains("truncated feed") && e.contains("<title> opened at line 8"),
            "{e}"
        );
        let e = check_well_formed("<rss>\n<channel>\n</item></channel></rss>").unwrap_err();
        assert!(e.contains("line 3, column 1"), "{e}");
    }

    /// Regression: an article read as a feed was a "truncated feed" at its first `&`, and an
    /// SVG had "no root element".
    #[test]
    fn what_is_no_feed_is_said_to_be_none() {
        let mut w = Vec::new();
        let text = parse_feed("Talks & more talks.\n", "a", Path::new("a"), &mut w);
        let e = text.unwrap_err().to_string();
        assert!(e.contains("does not start with XML markup"), "{e}");
        let svg = parse_feed("<svg><g/></svg>", "a", Path::new("a"), &mut w);
        let e = svg.unwrap_err().to_string();
        assert!(e.contains("its root element is <svg>"), "{e}");
    }
}
