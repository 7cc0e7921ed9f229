//! read: turn input paths (files, directories, `-` for stdin) into [`Article`]s.
//!
//! Each input format is one module turning decoded text into articles ([`text`], [`html`],
//! [`feed`], [`jsonl`]); [`decode()`] turns bytes into text first. Adding a format means adding a
//! module, a variant of [`InputFormat`] and a line in [`parse_with_warnings`].

use crate::choice::{named, Choice, Named};
use crate::error::{Error, Result};
use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;
use serde::Serialize;
use std::io::Read;
use std::path::{Path, PathBuf};

mod capped;
mod chrome;
mod dates;
pub mod day;
pub use day::file_name;
pub mod decode;
pub mod feed;
pub mod fragment;
pub mod html;
pub mod jsonl;
mod ld;
mod sanitize;
mod skipped;
pub mod text;
pub mod walk;

pub use capped::{open_capped, read_capped, CappedReader, Special, FIFO_WRITER_WAIT};
pub use dates::parse_date;
pub(crate) use dates::{plausible, unix_time};
pub use sanitize::strip_controls;

pub use jsonl::{BadLines, FieldMap};

/// Inputs larger than this are refused (a news article is a few kB; this is a runaway file).
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// One news article, whatever format it came in.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Article {
    /// Stable identifier: the path as given, `-` for stdin, `path#N` for the N-th item of a
    /// feed or the article on line N of a JSONL file.
    pub id: String,
    pub title: Option<String>,
    /// The article's own address (canonical URL, feed item link, JSON `url`); http(s) only.
    pub url: Option<String>,
    /// The outlet that published it (site name, feed title, JSON `source`; else the URL's host).
    pub source: Option<String>,
    pub published: Option<DateTime<FixedOffset>>,
    /// Body text: paragraphs separated by newlines.
    pub text: String,
}

impl Article {
    /// The outlet that published the article; an article of unknown outlet is its own.
    pub fn outlet(&self) -> &str {
        self.source.as_deref().unwrap_or(&self.id)
    }

    /// The day it was published: its date (in its own time zone), else a date in its file name.
    pub fn day(&self) -> Option<chrono::NaiveDate> {
        self.published
            .map(|p| p.date_naive())
            .or_else(|| day::from_file_name(&self.id))
    }
}

/// How to interpret input bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Detect from content, then extension.
    #[default]
    Auto,
    /// Plain text: one article per file.
    Text,
    /// Markdown: one article per file; markup is stripped, the first heading is the title.
    Markdown,
    /// A saved web page: the main article text and the page's metadata.
    Html,
    /// An RSS 2.0 or Atom feed: one article per item.
    Feed,
    /// JSON Lines: one article object per line (a JSON array of them, or an API response
    /// wrapping one, also works).
    Jsonl,
}

impl Choice for InputFormat {
    const CHOICES: &'static [Named<Self>] = &[
        named(
            InputFormat::Auto,
            "auto",
            "detect from content, then extension",
        ),
        named(
            InputFormat::Text,
            "text",
            "plain text: one article per file",
        ),
        named(
            InputFormat::Markdown,
            "markdown",
            "Markdown: one article per file, the first heading is the title",
        ),
        Named {
            value: InputFormat::Html,
            name: "html",
            aliases: &["htm"],
            help: "a saved web page: the main article text and the page's metadata",
        },
        Named {
            value: InputFormat::Feed,
            name: "feed",
            aliases: &["rss", "atom", "xml"],
            help: "an RSS 2.0 or Atom feed: one article per item",
        },
        Named {
            value: InputFormat::Jsonl,
            name: "jsonl",
            aliases: &["json", "ndjson"],
            help: "JSON Lines: one article object per line (a JSON array of them, or an API \
                   response wrapping one, also works)",
        },
    ];
}

/// Options for reading inputs.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    pub format: InputFormat,
    /// JSONL: which JSON field holds each article attribute.
    pub fields: FieldMap,
    /// JSONL: what a line that is not a usable article does.
    pub bad_lines: BadLines,
    /// Counts the files read (hidden by default).
    pub progress: crate::progress::Progress,
}

/// Something wrong in an input that did not stop the reading (e.g. a skipped JSONL line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Where: `path:line` or `path`.
    pub location: String,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// Read every input; directories are walked recursively (hidden entries skipped, files sorted).
pub fn read_inputs(inputs: &[PathBuf], opts: &ReadOptions) -> Result<Vec<Article>> {
    if inputs.is_empty() {
        return Err(Error::Usage("no input given".into()));
    }
    // Directories are walked first, so that progress can count every file to read.
    let walked = inputs
        .iter()
        .map(|i| {
            (i.as_os_str() != "-" && i.is_dir())
                .then(|| dir_files(i, &opts.progress))
                .transpose()
        })
        .collect::<Result<Vec<_>>>()?;
    let total = walked.iter().map(|w| w.as_ref().map_or(1, Vec::len)).sum();
    opts.progress.stage("reading", total);
    let mut articles = Vec::new();
    let several = inputs.len() > 1;
    for (input, files) in inputs.iter().zip(&walked) {
        if let Some(files) = files {
            articles.extend(read_dir(input, files, opts)?);
        } else if input.as_os_str() == "-" {
            if crate::stdio::was_closed(0) {
                return Err(Error::Input(
                    "cannot read standard input: it is closed".into(),
                ));
            }
            let mut bytes = Vec::new();
            std::io::stdin()
                .take(MAX_INPUT_BYTES + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| Error::Input(format!("cannot read standard input: {e}")))?;
            check_size(Path::new("-"), bytes.len() as u64)?;
            articles.extend(textual(
                input,
                parse(&bytes, "-", Path::new("-"), opts)?,
                opts,
                several,
            ));
            opts.progress.inc();
        } else {
            articles.extend(textual(input, read_file(input, opts)?, opts, several));
        }
    }
    opts.progress.clear();
    articles.retain(|a| !a.text.trim().is_empty());
    if articles.is_empty() {
        return Err(match inputs {
            [one] if one.as_os_str() == "-" => {
                Error::Input("standard input holds no article text (empty, or blank)".into())
            }
            [one] => Error::input(one, "holds no article text (empty, or blank)"),
            _ => Error::Input("the inputs hold no article text".into()),
        });
    }
    Ok(articles)
}

/// The articles of a file named on the command line; one without any text is said, not
/// silently passed over (a failed download beside good ones).
/// (A lone input is the error instead: `warn` is false.)
fn textual(input: &Path, articles: Vec<Article>, opts: &ReadOptions, warn: bool) -> Vec<Article> {
    if warn && articles.iter().all(|a| a.text.trim().is_empty()) {
        opts.progress.eprintln(&format!(
            "newsdigest: warning: {}: holds no article text (empty, or blank); skipped",
            crate::stdio::printable(&input.display().to_string())
        ));
    }
    articles
}

/// The article files under `dir`, sorted; what is skipped inside it is warned about.
fn dir_files(dir: &Path, progress: &crate::progress::Progress) -> Result<Vec<PathBuf>> {
    let walk = walk::article_files(dir, &|_| false)?;
    for (path, why) in &walk.skipped {
        let at = path.display();
        progress.eprintln(&format!("newsdigest: warning: {at}: skipped: {why}"));
    }
    Ok(walk.files)
}

fn read_dir(dir: &Path, files: &[PathBuf], opts: &ReadOptions) -> Result<Vec<Article>> {
    // Files are read and parsed in parallel; results (and their warnings) are then taken in
    // file order, so the articles, the first error and stderr do not depend on the threads.
    let parsed: Vec<Result<(Vec<Article>, Vec<Warning>)>> = files
        .par_iter()
        .map(|file| {
            let bytes = read_capped(file, MAX_INPUT_BYTES, Special::Refuse)
                .map_err(|e| Error::read_io(file, e))?;
            let parsed = parse_with_warnings(&bytes, &file.display().to_string(), file, opts);
            opts.progress.inc();
            parsed
        })
        .collect();
    let mut articles = Vec::new();
    for result in parsed {
        // A file found inside a folder that cannot be read (binary, malformed, undecodable) is
        // skipped with a warning, as `run` does: one bad download must not lose the others. A
        // file named on the command line is still an error.
        let (found, warnings) = match result {
            Ok(parsed) => parsed,
            Err(e @ (Error::Input(_) | Error::ReadIo { .. })) => {
                opts.progress
                    .eprintln(&format!("newsdigest: warning: {e}; skipped"));
                continue;
            }
            Err(e) => return Err(e),
        };
        for w in &warnings {
            opts.progress.eprintln(&format!("newsdigest: warning: {w}"));
        }
        articles.extend(found);
    }
    if articles.iter().all(|a| a.text.trim().is_empty()) {
        return Err(Error::input(
            dir,
            "no readable article text in this directory",
        ));
    }
    Ok(articles)
}

fn check_size(path: &Path, len: u64) -> Result<()> {
    if len > MAX_INPUT_BYTES {
        return Err(Error::input(
            path,
            format!(
                "larger than {} MiB; refusing to read it",
                MAX_INPUT_BYTES >> 20
            ),
        ));
    }
    Ok(())
}

/// Read one file into its articles; a FIFO or device is read too (the user named it), up to
/// [`MAX_INPUT_BYTES`] like any file.
pub fn read_file(path: &Path, opts: &ReadOptions) -> Result<Vec<Article>> {
    read_file_with(path, opts, Special::Read)
}

fn read_file_with(path: &Path, opts: &ReadOptions, special: Special) -> Result<Vec<Article>> {
    let bytes = read_capped(path, MAX_INPUT_BYTES, special).map_err(|e| Error::read_io(path, e))?;
    let articles = parse(&bytes, &path.display().to_string(), path, opts);
    opts.progress.inc();
    articles
}

/// Parse bytes in the given (or detected) format; warnings go to stderr.
pub fn parse(bytes: &[u8], id: &str, path: &Path, opts: &ReadOptions) -> Result<Vec<Article>> {
    let (articles, warnings) = parse_with_warnings(bytes, id, path, opts)?;
    for w in &warnings {
        opts.progress.eprintln(&format!("newsdigest: warning: {w}"));
    }
    Ok(articles)
}

/// Parse bytes in the given (or detected) format, returning what was skipped as warnings.
pub fn parse_with_warnings(
    bytes: &[u8],
    id: &str,
    path: &Path,
    opts: &ReadOptions,
) -> Result<(Vec<Article>, Vec<Warning>)> {
    let text = decode(bytes, path)?;
    let format = match opts.format {
        InputFormat::Auto => detect(path, &text),
        f => f,
    };
    let mut warnings = Vec::new();
    let mut articles = match format {
        InputFormat::Markdown => vec![text::parse_markdown(&text, id)],
        InputFormat::Html => vec![html::parse_html(&text, id, path)?],
        InputFormat::Feed => feed::parse_feed(&text, id, path, &mut warnings)?,
        InputFormat::Jsonl => jsonl::parse_jsonl(&text, id, path, opts, &mut warnings)?,
        InputFormat::Text | InputFormat::Auto => vec![text::parse_text(&text, id)],
    };
    for a in &mut articles {
        sanitize::sanitize_article(a);
        a.url = a.url.take().and_then(|u| web_url(&u));
        a.title = a.title.take().and_then(|t| non_empty(&t));
        a.source = a.source.take().and_then(|s| non_empty(&s));
        if a.source.is_none() {
            a.source = a.url.as_deref().and_then(host_of);
        }
    }
    Ok((articles, warnings))
}

/// The format of `text` read from `path`: Markdown by its extension, then what the content
/// shows (a feed root, an HTML document, JSON objects), then the extension, else plain text.
pub fn detect(path: &Path, text: &str) -> InputFormat {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    if ext == "md" || ext == "markdown" {
        return InputFormat::Markdown;
    }
    if let Some(sniffed) = sniff(text) {
        return sniffed;
    }
    match ext.as_str() {
        "html" | "htm" | "xhtml" => InputFormat::Html,
        "xml" | "rss" | "atom" => InputFormat::Feed,
        "jsonl" | "ndjson" | "json" => InputFormat::Jsonl,
        _ => InputFormat::Text,
    }
}

/// Recognise a format from the first kilobytes of content.
fn sniff(text: &str) -> Option<InputFormat> {
    let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let head: String = start
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with('{') || head.starts_with("[{") || head.starts_with("[\n") {
        return Some(InputFormat::Jsonl);
    }
    if !head.starts_with('<') {
        return None;
    }
    // Skip the prolog, comments and doctype to the first element.
    let mut rest = head.as_str();
    loop {
        rest = rest.trim_start();
        if rest.starts_with("<?") || rest.starts_with("<!--") || rest.starts_with("<!doctype") {
            if rest.starts_with("<!doctype html") {
                return Some(InputFormat::Html);
            }
            let close = if rest.starts_with("<!--") { "-->" } else { ">" };
            match rest.find(close) {
                Some(i) => rest = &rest[i + close.len()..],
                None => return None,
            }
        } else {
            break;
        }
    }
    let is = |tag: &str| {
        rest.strip_prefix('<')
            .and_then(|r| r.strip_prefix(tag))
            .is_some_and(|r| r.starts_with([' ', '>', '\n', '\r', '\t', '/']))
    };
    if is("rss") || is("feed") || is("rdf:rdf") {
        Some(InputFormat::Feed)
    } else if is("html") || is("head") || is("body") {
        Some(InputFormat::Html)
    } else {
        None
    }
}

/// Bytes to text: UTF-8, UTF-16 with a BOM, or a legacy encoding detected from the bytes
/// (see [`decode::decode_bytes`]); binary data and undecodable bytes are refused.
pub fn decode(bytes: &[u8], path: &Path) -> Result<String> {
    decode::decode_bytes(bytes, path).map(|d| d.text)
}

/// Keep `url` only if it is an absolute http(s) address: these end up as links in rendered
/// digests, and a `javascript:` URL from a scraped page must never become one.
pub fn web_url(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let ok = (lower.starts_with("http://") || lower.starts_with("https://"))
        && url.len() > lower.find("//").map_or(0, |i| i + 2)
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>');
    ok.then(|| url.to_string())
}

/// The host of an http(s) URL without `www.`, used as the outlet when nothing names it.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?;
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// Collapse whitespace; `None` for blank strings.
pub(crate) fn non_empty(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// 1-based line and column of byte `offset` in `text`.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rfind('\n')
        .map_or(before.chars().count(), |i| before[i + 1..].chars().count())
        + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats_by_content_then_extension() {
        let p = Path::new;
        assert_eq!(
            detect(p("a.txt"), "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"),
            InputFormat::Feed
        );
        assert_eq!(
            detect(p("a"), "<!-- saved -->\n<!DOCTYPE html><html>"),
            InputFormat::Html
        );
        assert_eq!(
            detect(p("-"), "<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            InputFormat::Feed
        );
        assert_eq!(
            detect(p("a.txt"), "{\"text\": \"x\"}\n"),
            InputFormat::Jsonl
        );
        assert_eq!(detect(p("a.html"), "just words"), InputFormat::Html);
        assert_eq!(detect(p("a.md"), "<html>"), InputFormat::Markdown);
        assert_eq!(detect(p("a.txt"), "Plain words."), InputFormat::Text);
    }

    #[test]
    fn only_web_urls_are_kept() {
        assert_eq!(
            web_url(" https://ex.com/a ").as_deref(),
            Some("https://ex.com/a")
        );
        assert_eq!(web_url("javascript:alert(1)"), None);
        assert_eq!(web_url("/relative/path"), None);
        assert_eq!(web_url("http://"), None);
        assert_eq!(
            host_of("https://www.Example.com:8080/x?y").as_deref(),
            Some("example.com")
        );
    }

    #[test]
    fn line_and_column() {
        assert_eq!(line_col("ab\ncd\nef", 4), (2, 2));
        assert_eq!(line_col("ab", 99), (1, 3));
    }
}
