//! render: a [`Digest`] as text, Markdown or JSON.

use crate::pipeline::{Digest, Source};
use serde::Serialize;

/// Output formats of a digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// The chosen sentences, one per line, nothing else (what ROUGE and other tools read).
    #[default]
    Text,
    /// A titled digest; each sentence followed by its sources.
    Markdown,
    /// Every sentence with its source, position, cluster and score, plus run metadata.
    Json,
}

impl OutputFormat {
    /// File extension for outputs of this format.
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Text => "txt",
            OutputFormat::Markdown => "md",
            OutputFormat::Json => "json",
        }
    }
}

/// Render `digest` in `format`; the result ends with a newline (empty digest: empty text).
pub fn render(digest: &Digest, format: OutputFormat) -> String {
    match format {
        OutputFormat::Text => text(digest),
        OutputFormat::Markdown => markdown(digest),
        OutputFormat::Json => json(digest),
    }
}

fn text(digest: &Digest) -> String {
    digest
        .sentences
        .iter()
        .map(|s| format!("{}\n", s.text))
        .collect()
}

fn markdown(digest: &Digest) -> String {
    let mut out = format!("# {}\n\n", escape_markdown(&digest.title));
    for s in &digest.sentences {
        let sources: Vec<String> = std::iter::once(&s.source)
            .chain(&s.also_in)
            .map(source_link)
            .collect();
        out.push_str(&format!(
            "- {} _({})_\n",
            escape_markdown(&s.text),
            sources.join("; ")
        ));
    }
    out
}

fn source_link(source: &Source) -> String {
    let label = source
        .outlet
        .as_deref()
        .or(source.title.as_deref())
        .unwrap_or(&source.id);
    match &source.url {
        Some(url) => format!(
            "[{}](<{}>)",
            escape_markdown(label),
            url.replace('>', "%3E")
        ),
        None => format!("`{}`", label.replace('`', "'")),
    }
}

/// Keep a sentence from being read as Markdown markup.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '`' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn json(digest: &Digest) -> String {
    // Serialising plain data structures cannot fail.
    let mut s =
        serde_json::to_string_pretty(digest).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}
