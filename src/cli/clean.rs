//! `newsdigest clean`: what the cleaner keeps of each article, and why it drops the rest.

// Doc comments here are clap's `--help` text: `[REASON]` is a placeholder, not a link.
#![allow(rustdoc::broken_intra_doc_links)]

use super::common::ProgressArgs;
use super::input_args::InputArgs;
use super::CommandResult;
use crate::choice::Choice;
use crate::clean::{self, Cleaned};
use crate::error::{Error, ExitStatus};
use crate::read::{self, Article};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// Show what cleaning keeps of each article: the paragraphs the summariser would read, with
/// datelines and wire slugs stripped and scraping noise (error banners, disclaimers, link
/// lists, captions, bios, repeats) removed. An article that copies an earlier input is
/// reported as a copy of it. Articles not in English are left out, as summarize leaves them
/// out, with the same warning on stderr.
///
/// Text: each article's id, then its kept paragraphs, one per line (with --explain, each
/// dropped unit follows as "- [REASON] text"). JSON: one object per line per article: id, kept
/// (paragraphs), dropped ({text, reason}), duplicate_of (the id it copies, or null).
#[derive(Debug, Args)]
pub struct CleanArgs {
    /// Article files, directories (searched recursively) or - for stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CleanFormat::Text)]
    pub format: CleanFormat,
    /// Text format: also list each dropped unit with its reason.
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub progress: ProgressArgs,
}

/// How `clean` prints the cleaned articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CleanFormat {
    /// Kept paragraphs, one per line, under each article's id.
    Text,
    /// One JSON object per line per article.
    Json,
}

pub fn run(args: CleanArgs) -> CommandResult {
    let progress = args.progress.progress();
    let read_options = read::ReadOptions {
        progress: progress.clone(),
        ..args.input.read_options()?
    };
    let articles = read::read_inputs(&args.inputs, &read_options);
    progress.clear();
    let articles = articles?;
    // What the summariser reads: only the English articles, left out as `summarize` leaves
    // them out, with its warning.
    let (articles, skipped) = crate::language::english_only(&articles)?;
    if let Some(warning) = crate::language::skipped_warning(&skipped) {
        crate::warn_line!("newsdigest: warning: {warning}");
    }
    let cleaned = clean::clean(&articles);
    let out = match args.format {
        CleanFormat::Text => text(&articles, &cleaned, args.explain),
        CleanFormat::Json => json(&articles, &cleaned)?,
    };
    crate::output::write_stdout(out.as_bytes())?;
    Ok(ExitStatus::Success)
}

/// One article's share of the result.
struct View<'a> {
    kept: &'a [String],
    dropped: Vec<&'a clean::Dropped>,
    duplicate_of: Option<&'a str>,
}

/// Each article's view, in input order (one pass over the result).
fn views<'a>(articles: &'a [Article], cleaned: &'a Cleaned) -> Vec<View<'a>> {
    let mut out: Vec<View> = articles
        .iter()
        .map(|_| View {
            kept: &[],
            dropped: Vec::new(),
            duplicate_of: None,
        })
        .collect();
    for d in &cleaned.documents {
        if let Some(v) = out.get_mut(d.article) {
            v.kept = &d.paragraphs;
        }
    }
    for d in &cleaned.dropped {
        if let Some(v) = out.get_mut(d.article) {
            v.dropped.push(d);
        }
    }
    for c in &cleaned.copies {
        if let Some(v) = out.get_mut(c.article) {
            v.duplicate_of = articles.get(c.of).map(|a| a.id.as_str());
        }
    }
    out
}

fn text(articles: &[Article], cleaned: &Cleaned, explain: bool) -> String {
    let mut out = String::new();
    for (i, (article, v)) in articles.iter().zip(views(articles, cleaned)).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match v.duplicate_of {
            // An id is a path: a newline or escape in a file name is shown, not obeyed.
            Some(of) => out.push_str(&format!(
                "# {} (copy of {})\n",
                crate::stdio::printable(&article.id),
                crate::stdio::printable(of)
            )),
            None => out.push_str(&format!("# {}\n", crate::stdio::printable(&article.id))),
        }
        for p in v.kept {
            out.push_str(p);
            out.push('\n');
        }
        if explain {
            for d in &v.dropped {
                out.push_str(&format!("- [{}] {}\n", d.reason.name(), d.text));
            }
        }
    }
    out
}

fn json(articles: &[Article], cleaned: &Cleaned) -> crate::error::Result<String> {
    let mut out = String::new();
    for (article, v) in articles.iter().zip(views(articles, cleaned)) {
        let dropped: Vec<serde_json::Value> = v
            .dropped
            .iter()
            .map(|d| serde_json::json!({ "text": d.text, "reason": d.reason.name() }))
            .collect();
        let line = serde_json::json!({
            "id": article.id,
            "kept": v.kept,
            "dropped": dropped,
            "duplicate_of": v.duplicate_of,
        });
        let line = serde_json::to_string(&line).map_err(|e| {
            Error::Internal(format!("cannot serialise article {}: {e}", article.id))
        })?;
        out.push_str(&line);
        out.push('\n');
    }
    Ok(out)
}
