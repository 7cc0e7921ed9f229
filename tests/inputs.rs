//! Real-world inputs: saved web pages, RSS/Atom feeds, JSONL exports and legacy encodings.
//! Library-level tests read the fixtures in `tests/fixtures/inputs/`; the end-to-end ones run
//! the binary (which needs the default embeddings model).

use crate::util::newsdigest;
use newsdigest::read::{
    self, parse_with_warnings, read_file, read_inputs, Article, BadLines, InputFormat, ReadOptions,
};
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/inputs")
        .join(rel)
}

fn one(rel: &str) -> Article {
    let mut articles =
        read_file(&fixture(rel), &ReadOptions::default()).unwrap_or_else(|e| panic!("{rel}: {e}"));
    assert_eq!(articles.len(), 1, "{rel}: {articles:#?}");
    articles.remove(0)
}

fn date(a: &Article) -> Option<String> {
    a.published.map(|d| d.to_rfc3339())
}

fn err(rel: &str, opts: &ReadOptions) -> String {
    read_file(&fixture(rel), opts).expect_err(rel).to_string()
}

/// Page chrome in the HTML fixtures: none of it may reach an article's text or a digest.
const CHROME: &[&str] = &[
    "cookie",
    "Accept all",
    "Home",
    "Subscribe",
    "Lois Lane",
    "Jimmy Olsen",
    "min read",
    "Share",
    "Photograph",
    "Photo:",
    "ADVERTISEMENT",
    "Sponsored",
    "Related",
    "Sanctions package",
    "You may also like",
    "bus lanes",
    "Comments",
    "log in",
    "geneva_watcher",
    "money stops flowing",
    "Reader123",
    "Most popular",
    "recipes",
    "morning briefing",
    "Trending",
    "rights reserved",
    "Registered in England",
    "Tags",
    "Topics",
    "tracking",
    "dataLayer",
    "diplomatic correspondent",
];

fn assert_no_chrome(what: &str, text: &str) {
    for c in CHROME {
        assert!(
            !text.to_lowercase().contains(&c.to_lowercase()),
            "{what}: page chrome {c:?} in:\n{text}"
        );
    }
}

#[test]
fn news_page_with_article_element() {
    let a = one("html/daily-planet.html");
    assert_eq!(
        a.title.as_deref(),
        Some("Ceasefire talks resume in Geneva as envoys agree agenda")
    );
    assert_eq!(
        a.url.as_deref(),
        Some("https://www.dailyplanet.example/world/2025/03/04/geneva-talks")
    );
    assert_eq!(a.source.as_deref(), Some("The Daily Planet"));
    assert_eq!(date(&a).as_deref(), Some("2025-03-04T09:30:00+01:00"));
    let paragraphs: Vec<&str> = a.text.lines().collect();
    assert_eq!(paragraphs.len(), 6, "{}", a.text);
    assert!(paragraphs[0].starts_with("Negotiators from both warring sides returned to Geneva"));
    assert!(paragraphs[2].starts_with("“We are not there yet"));
    assert!(paragraphs[5].ends_with("proposed demarcation line."));
    assert_no_chrome("daily-planet.html", &a.text);
}

#[test]
fn div_soup_page_with_json_ld_graph() {
    let a = one("html/courier.htm");
    assert_eq!(
        a.title.as_deref(),
        Some("Geneva talks: prisoners first on the table")
    );
    assert_eq!(
        a.url.as_deref(),
        Some("https://courier.example/news/geneva-talks-prisoners")
    );
    assert_eq!(a.source.as_deref(), Some("Evening Courier"));
    assert_eq!(date(&a).as_deref(), Some("2025-03-04T11:05:00+00:00"));
    let paragraphs: Vec<&str> = a.text.lines().collect();
    assert_eq!(paragraphs.len(), 5, "{}", a.text);
    assert!(paragraphs[0].starts_with("Prisoner exchanges will be the first item"));
    assert!(paragraphs[4].starts_with("Aid agencies warned"));
    assert_no_chrome("courier.htm", &a.text);
}

#[test]
fn rss_feed_items_are_articles() {
    let path = fixture("feeds/wire.rss");
    let bytes = std::fs::read(&path).unwrap();
    let (a, warnings) =
        parse_with_warnings(&bytes, "wire.rss", &path, &ReadOptions::default()).unwrap();
    assert_eq!(a.len(), 2, "{a:#?}");
    assert_eq!(a[0].id, "wire.rss#1");
    assert_eq!(
        a[0].title.as_deref(),
        Some("Envoys agree agenda as Geneva talks resume")
    );
    assert_eq!(
        a[0].url.as_deref(),
        Some("https://globalwire.example/world/geneva-agenda")
    );
    assert_eq!(a[0].source.as_deref(), Some("Global Wire – World News"));
    assert_eq!(date(&a[0]).as_deref(), Some("2025-03-04T08:15:00+00:00"));
    // content:encoded wins over the teaser, and its HTML (and caption) is gone.
    assert_eq!(
        a[0].text,
        "Negotiators from both sides returned to Geneva on Tuesday for a new round of ceasefire talks.\n\
         The United Nations envoy said the agenda covers the exchange of prisoners, the withdrawal of heavy weapons and humanitarian corridors.\n\
         Officials expect a first agreement on prisoner exchanges before the end of the month."
    );
    // Description only, escaped HTML inside.
    assert_eq!(
        a[1].title.as_deref(),
        Some("Aid agencies warn of food shortages in besieged towns")
    );
    assert!(
        a[1].text
            .ends_with("reopen the corridors & let convoys through."),
        "{}",
        a[1].text
    );
    assert_eq!(date(&a[1]).as_deref(), Some("2025-03-03T17:40:00+00:00"));
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0]
        .to_string()
        .contains("feed item 3 has no content"));
}

#[test]
fn atom_feed_entries_are_articles() {
    let a = read_file(&fixture("feeds/agency.atom"), &ReadOptions::default()).unwrap();
    assert_eq!(a.len(), 2);
    assert_eq!(a[0].source.as_deref(), Some("Northern Press Agency"));
    assert_eq!(
        a[0].url.as_deref(),
        Some("https://npa.example/2025/03/04/prisoner-lists")
    );
    assert_eq!(date(&a[0]).as_deref(), Some("2025-03-04T09:00:00+00:00"));
    assert!(a[0].text.starts_with("Both delegations handed over lists"));
    assert_eq!(a[0].text.lines().count(), 2);
    // No content: the summary; no published date: the updated one.
    assert_eq!(
        a[1].title.as_deref(),
        Some("Maps of demarcation line due Thursday")
    );
    assert!(a[1].text.starts_with("Military experts"));
    assert_eq!(date(&a[1]).as_deref(), Some("2025-03-04T11:45:00+00:00"));
}

#[test]
fn jsonl_export_with_bad_lines() {
    let path = fixture("jsonl/scraper-export.jsonl");
    let bytes = std::fs::read(&path).unwrap();
    let (a, warnings) =
        parse_with_warnings(&bytes, "x.jsonl", &path, &ReadOptions::default()).unwrap();
    assert_eq!(a.len(), 3, "{a:#?}");
    assert_eq!(a[0].id, "x.jsonl#1");
    assert_eq!(a[0].source.as_deref(), Some("Metro Daily"));
    assert_eq!(a[0].text.lines().count(), 2);
    assert_eq!(date(&a[0]).as_deref(), Some("2025-03-04T07:00:00+00:00"));
    assert_eq!(a[1].id, "x.jsonl#3");
    assert_eq!(a[1].title.as_deref(), Some("NewsAPI-style item"));
    assert_eq!(a[1].source.as_deref(), Some("Riverside News"));
    assert_eq!(date(&a[1]).as_deref(), Some("2025-03-04T09:12:00+00:00"));
    assert!(a[1].text.starts_with("Officials expect") && !a[1].text.contains("<p>"));
    // No source field: the URL's host names the outlet; a number is a Unix time.
    assert_eq!(a[2].id, "x.jsonl#6");
    assert_eq!(a[2].source.as_deref(), Some("agency.example"));
    assert_eq!(date(&a[2]).as_deref(), Some("2025-03-04T09:20:00+00:00"));
    let w: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w[0].contains("line 2, column 71: invalid JSON"), "{w:?}");
    assert!(w[1].contains("line 5: no article text"), "{w:?}");

    let fail = ReadOptions {
        bad_lines: BadLines::Fail,
        ..ReadOptions::default()
    };
    let e = err("jsonl/scraper-export.jsonl", &fail);
    assert!(
        e.ends_with(
            "scraper-export.jsonl: line 2, column 71: invalid JSON: EOF while parsing a string"
        ),
        "{e}"
    );
}

/// Regression (a JSONL export whose *first* line was bad was read as one pretty-printed JSON
/// document and failed whole, exit 3, although bad lines are skipped by default), while a
/// pretty-printed object wrapping a list, one item a line, still reads as one document.
#[test]
fn jsonl_with_a_bad_first_line_failed_whole() {
    let path = Path::new("x.jsonl");
    let text = "{\"title\": \"a\", \"text\": \"First.\", \"n\": 1e999}\n\
                {\"title\": \"b\", \"text\": \"The talks resumed.\"}\n\
                {\"title\": \"c\", \"text\": \"The ceasefire held.\"}\n";
    let (a, warnings) =
        parse_with_warnings(text.as_bytes(), "x.jsonl", path, &ReadOptions::default()).unwrap();
    assert_eq!(a.len(), 2, "{a:#?}");
    assert_eq!(a[0].id, "x.jsonl#2");
    assert!(warnings[0].to_string().contains("line 1"), "{warnings:?}");
    let wrapped = "{\"articles\": [\n{\"title\": \"b\", \"text\": \"The talks resumed.\"},\n\
                   {\"title\": \"c\", \"text\": \"The ceasefire held.\"}\n]}\n";
    let (a, _) =
        parse_with_warnings(wrapped.as_bytes(), "w.json", path, &ReadOptions::default()).unwrap();
    assert_eq!(a.len(), 2, "{a:#?}");
    assert_eq!(a[1].id, "w.json#2");
}

#[test]
fn jsonl_field_mapping() {
    let mut opts = ReadOptions::default();
    opts.fields.set("text", "article_body").unwrap();
    opts.fields.set("title", "headline_text").unwrap();
    opts.fields.set("date", "meta.published_at").unwrap();
    opts.fields.set("source", "meta.outlet").unwrap();
    opts.fields.set("url", "permalink").unwrap();
    let a = read_file(&fixture("jsonl/custom-fields.jsonl"), &opts).unwrap();
    assert_eq!(a[0].title.as_deref(), Some("Maps due Thursday"));
    assert_eq!(a[0].source.as_deref(), Some("Lakeside Tribune"));
    assert_eq!(a[0].url.as_deref(), Some("https://tribune.example/maps"));
    assert_eq!(date(&a[0]).as_deref(), Some("2025-03-04T12:30:00+01:00"));
    assert!(a[0].text.starts_with("Military experts"));
    // Without the mapping the line has no text field.
    let e = err(
        "jsonl/custom-fields.jsonl",
        &ReadOptions {
            bad_lines: BadLines::Fail,
            ..ReadOptions::default()
        },
    );
    assert!(
        e.contains("line 1: no article text (looked for field text, content, body"),
        "{e}"
    );
}

#[test]
fn windows_1252_text_is_decoded_without_mojibake() {
    let a = one("encodings/minister-cp1252.txt");
    assert!(
        a.text.starts_with("Talks in Geneva – the minister’s view"),
        "{}",
        a.text
    );
    assert!(a.text.contains("“Geneva framework”"));
    assert!(a.text.contains("café meetings") && a.text.contains("résumé"));
    assert!(a.text.contains("£") && a.text.contains("naïvely"));
    assert!(!a.text.contains('\u{FFFD}') && !a.text.contains("Ã"));
}

#[test]
fn utf16_with_bom_is_decoded() {
    for rel in [
        "encodings/statement-utf16le.txt",
        "encodings/statement-utf16be.txt",
    ] {
        let a = one(rel);
        assert!(
            a.text.starts_with("Ελλάδα and 日本: Geneva talks resume"),
            "{rel}: {}",
            a.text
        );
        assert!(a.text.contains("(Αθήνα, 東京)"));
        assert!(a.text.contains("envoy’s statement"));
    }
}

#[test]
fn legacy_html_page_uses_its_declared_charset() {
    let a = one("encodings/quotidien-1252.html");
    assert_eq!(a.source.as_deref(), Some("Le Quotidien"));
    assert_eq!(a.title.as_deref(), Some("Délégués à Genève"));
    assert!(
        a.text
            .starts_with("Les délégués sont arrivés à Genève mardi"),
        "{}",
        a.text
    );
    assert!(a.text.contains("l’échange de prisonniers"));
}

#[test]
fn legacy_encoded_feed_is_decoded_once() {
    let a = one("encodings/reveil-latin1.xml");
    assert_eq!(a.source.as_deref(), Some("Le Réveil"));
    assert_eq!(a.title.as_deref(), Some("Négociations à Genève"));
    assert_eq!(
        a.text,
        "Les délégations ont reçu l’ordre du jour – « enfin », disent les diplomates."
    );
    assert_eq!(date(&a).as_deref(), Some("2025-03-04T06:00:00+00:00"));
}

#[test]
fn directory_walk_reads_every_format() {
    // The bad/ fixtures are skipped with a warning: one unreadable file found in a folder does
    // not lose the others (named on the command line, each is an error: see bad_inputs_*).
    let all = read_inputs(&[fixture("")], &ReadOptions::default()).unwrap();
    // The good ones are all picked up.
    let dirs: Vec<PathBuf> = ["html", "feeds", "jsonl", "encodings"]
        .iter()
        .map(|d| fixture(d))
        .collect();
    let a = read_inputs(&dirs, &ReadOptions::default()).unwrap();
    assert!(
        a.iter().all(|a| all.iter().any(|b| b.id == a.id)),
        "{all:#?}"
    );
    let count = |ext: &str| a.iter().filter(|a| a.id.contains(ext)).count();
    assert_eq!(count(".htm"), 3); // .html, .htm, and the legacy-encoded page
    assert_eq!(count(".rss#"), 2);
    assert_eq!(count(".xml#"), 1);
    assert_eq!(count(".atom#"), 2);
    assert_eq!(count(".jsonl#"), 3); // custom-fields.jsonl has no default text field: skipped
    assert_eq!(count(".txt"), 3);
}

#[test]
fn input_format_overrides_detection() {
    let opts = ReadOptions {
        format: InputFormat::Text,
        ..ReadOptions::default()
    };
    let a = read_file(&fixture("html/courier.htm"), &opts).unwrap();
    assert!(a[0].text.contains("<div id=\"story-body\">"));
    // Read as a page, the feed is one article, not one per item.
    let opts = ReadOptions {
        format: InputFormat::Html,
        ..ReadOptions::default()
    };
    let a = read_file(&fixture("feeds/wire.rss"), &opts).unwrap();
    assert_eq!(a.len(), 1);
    let opts = ReadOptions {
        format: InputFormat::Feed,
        ..ReadOptions::default()
    };
    let e = err("html/courier.htm", &opts);
    assert!(
        e.contains("courier.htm: not an RSS or Atom feed: its root element is <html>"),
        "{e}"
    );
}

#[test]
fn malformed_inputs_give_located_errors() {
    let d = ReadOptions::default();
    let e = err("bad/unclosed-script.html", &d);
    assert!(
        e.contains("unclosed-script.html: malformed HTML: <script> opened at line 3, column 1 is never closed"),
        "{e}"
    );
    let e = err("bad/chrome-only.html", &d);
    assert!(e.contains("chrome-only.html: no article text found"), "{e}");
    let e = err("bad/truncated.rss", &d);
    assert!(e.contains("truncated.rss: truncated feed"), "{e}");
    assert!(
        e.contains("line 21, column 3, inside <channel> opened at line 3"),
        "{e}"
    );
    let e = err(
        "bad/invalid-line.jsonl",
        &ReadOptions {
            bad_lines: BadLines::Fail,
            ..ReadOptions::default()
        },
    );
    assert!(
        e.contains("invalid-line.jsonl: line 2, column 32: invalid JSON: expected value"),
        "{e}"
    );
    let e = err("bad/image.txt", &d);
    assert!(
        e.contains("image.txt: binary data, not text (NUL byte at offset 8)"),
        "{e}"
    );
}

#[test]
fn public_decode_refuses_garbage_and_keeps_utf8() {
    let p = Path::new("x");
    assert_eq!(read::decode("plain".as_bytes(), p).unwrap(), "plain");
    assert!(read::decode(b"\xFF\xFE\x00\xD8", p).is_err());
}

// ---- end to end: the binary ----

#[test]
fn cli_errors_name_file_and_location() {
    let out = newsdigest()
        .args(["summarize", "--bad-lines", "fail"])
        .arg(fixture("bad/invalid-line.jsonl"))
        .assert()
        .code(3)
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8_lossy(&out);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("invalid-line.jsonl: line 2, column 32"),
        "{stderr}"
    );

    let out = newsdigest()
        .arg("summarize")
        .arg(fixture("bad/truncated.rss"))
        .assert()
        .code(3)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&out).contains("truncated feed"));

    newsdigest()
        .args(["summarize", "--field", "colour=red"])
        .arg(fixture("jsonl"))
        .assert()
        .code(2);
}

#[test]
fn digest_of_html_pages_has_no_page_chrome() {
    let out = newsdigest()
        .args(["summarize", "--words", "400", "--format", "text"])
        .arg(fixture("html"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let digest = String::from_utf8(out).unwrap();
    assert!(digest.lines().count() >= 3, "{digest}");
    assert_no_chrome("digest", &digest);
    let bodies = [one("html/daily-planet.html"), one("html/courier.htm")];
    for line in digest.lines() {
        assert!(
            bodies.iter().any(|a| a.text.contains(line)),
            "not an article sentence: {line}"
        );
    }
}

#[test]
fn html_digest_is_one_self_contained_page() {
    let out = newsdigest()
        .args(["summarize", "--words", "120", "--format", "html"])
        .arg(fixture("html"))
        .arg(fixture("feeds/wire.rss"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let page = String::from_utf8(out).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.trim_end().ends_with("</html>"));
    assert!(page.contains("<style>"));
    for external in ["<script", "<link", "src=", "@import", "url("] {
        assert!(
            !page.contains(external),
            "external resource {external}: {page}"
        );
    }
    assert!(page.contains("<a href=\"https://"), "{page}");
    let outlets = ["The Daily Planet", "Evening Courier", "Global Wire"];
    assert!(outlets.iter().any(|o| page.contains(o)), "{page}");
}

#[test]
fn markdown_and_json_carry_the_metadata() {
    let out = newsdigest()
        .args(["summarize", "--words", "80", "--format", "json"])
        .arg(fixture("feeds/agency.atom"))
        .arg(fixture("jsonl/scraper-export.jsonl"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let sentences = v["sentences"].as_array().unwrap();
    assert!(!sentences.is_empty());
    for s in sentences {
        assert!(
            s["source"]["url"]
                .as_str()
                .is_some_and(|u| u.starts_with("https://")),
            "{s}"
        );
        assert!(s["source"]["outlet"].as_str().is_some(), "{s}");
    }
}

#[test]
fn stdin_is_detected_from_content() {
    let page = std::fs::read(fixture("html/daily-planet.html")).unwrap();
    let out = newsdigest()
        .args(["summarize", "--words", "60", "--format", "json", "-"])
        .write_stdin(page)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let s = &v["sentences"][0];
    assert_eq!(s["source"]["outlet"], "The Daily Planet", "{v}");
    assert_eq!(
        s["source"]["url"],
        "https://www.dailyplanet.example/world/2025/03/04/geneva-talks"
    );
    assert_no_chrome("stdin digest", s["text"].as_str().unwrap());
}
