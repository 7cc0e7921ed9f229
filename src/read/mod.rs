//! read: turn input paths (files, directories, `-` for stdin) into [`Article`]s.
//!
//! Each input format is one module with a `parse(bytes, id) -> Result<Vec<Article>>`; adding a
//! format means adding a module and a variant of [`InputFormat`].

use crate::error::{Error, Result};
use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use std::io::Read;
use std::path::{Path, PathBuf};

pub mod text;

/// Inputs larger than this are refused (a news article is a few kB; this is a runaway file).
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// One news article, whatever format it came in.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Article {
    /// Stable identifier: the path as given, `-` for stdin, `path#N` for the N-th item of a file.
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    /// The outlet that published it (site name, feed title, JSON `source`).
    pub source: Option<String>,
    pub published: Option<DateTime<FixedOffset>>,
    /// Body text: paragraphs separated by newlines.
    pub text: String,
}

/// How to interpret input bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Detect from extension and content.
    #[default]
    Auto,
    /// Plain text: one article per file.
    Text,
    /// Markdown: one article per file; markup is stripped, the first heading is the title.
    Markdown,
}

/// Options for reading inputs.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    pub format: InputFormat,
}

/// File extensions picked up when walking a directory.
const KNOWN_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown"];

/// Read every input; directories are walked recursively (hidden entries skipped, files sorted).
pub fn read_inputs(inputs: &[PathBuf], opts: &ReadOptions) -> Result<Vec<Article>> {
    if inputs.is_empty() {
        return Err(Error::Usage("no input given".into()));
    }
    let mut articles = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            let mut bytes = Vec::new();
            std::io::stdin()
                .take(MAX_INPUT_BYTES + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| Error::Input(format!("cannot read standard input: {e}")))?;
            check_size(Path::new("-"), bytes.len() as u64)?;
            articles.extend(parse(&bytes, "-", Path::new("-"), opts)?);
        } else if input.is_dir() {
            articles.extend(read_dir(input, opts)?);
        } else {
            articles.extend(read_file(input, opts)?);
        }
    }
    articles.retain(|a| !a.text.trim().is_empty());
    if articles.is_empty() {
        return Err(Error::Input("the inputs hold no article text".into()));
    }
    Ok(articles)
}

fn read_dir(dir: &Path, opts: &ReadOptions) -> Result<Vec<Article>> {
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| Error::input(dir, e))?;
        if entry.file_type().is_file() && has_known_extension(entry.path()) {
            files.push(entry.into_path());
        }
    }
    let mut articles = Vec::new();
    for file in &files {
        articles.extend(read_file(file, opts)?);
    }
    if articles.iter().all(|a| a.text.trim().is_empty()) {
        return Err(Error::input(
            dir,
            "no readable article text in this directory",
        ));
    }
    Ok(articles)
}

fn has_known_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| KNOWN_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
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

/// Read one file into its articles.
pub fn read_file(path: &Path, opts: &ReadOptions) -> Result<Vec<Article>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::input(path, io_reason(&e)))?;
    check_size(path, meta.len())?;
    let bytes = std::fs::read(path).map_err(|e| Error::input(path, io_reason(&e)))?;
    parse(&bytes, &path.display().to_string(), path, opts)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Parse bytes in the given (or detected) format.
pub fn parse(bytes: &[u8], id: &str, path: &Path, opts: &ReadOptions) -> Result<Vec<Article>> {
    let format = match opts.format {
        InputFormat::Auto => detect(path),
        f => f,
    };
    let text = decode(bytes, path)?;
    let article = match format {
        InputFormat::Markdown => text::parse_markdown(&text, id),
        _ => text::parse_text(&text, id),
    };
    Ok(vec![article])
}

fn detect(path: &Path) -> InputFormat {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
    {
        Some(e) if e == "md" || e == "markdown" => InputFormat::Markdown,
        _ => InputFormat::Text,
    }
}

/// Bytes to text: UTF-8 (a BOM is dropped); binary data is refused.
pub fn decode(bytes: &[u8], path: &Path) -> Result<String> {
    if bytes.contains(&0) {
        return Err(Error::input(path, "binary data, not text"));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        Error::input(
            path,
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}
