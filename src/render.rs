//! render: a [`Digest`] as text, Markdown or JSON.

use crate::choice::{named, Choice, Named};
use crate::cite;
use crate::digest::{Digest, DigestSentence, Source, StoryDigest};
use serde::Serialize;

/// Output formats of a digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// The chosen sentences, one per line, nothing else (what ROUGE and other tools read).
    #[default]
    Text,
    /// A titled digest; each sentence followed by its sources.
    Markdown,
    /// Every sentence with its source, position, cluster and score, plus run metadata.
    Json,
    /// A single self-contained page (inline CSS, no external resources); each sentence links
    /// to its article and names the outlet.
    Html,
}

impl Choice for OutputFormat {
    const CHOICES: &'static [Named<Self>] = &[
        named(
            OutputFormat::Text,
            "text",
            "the sentences, one per line, nothing else (what ROUGE reads)",
        ),
        named(
            OutputFormat::Markdown,
            "markdown",
            "a titled digest; each sentence followed by its sources",
        ),
        named(
            OutputFormat::Json,
            "json",
            "every sentence with its source, position, cluster and score, plus run metadata",
        ),
        named(
            OutputFormat::Html,
            "html",
            "one self-contained page; each sentence links to its article",
        ),
    ];
}

impl OutputFormat {
    /// File extension for outputs of this format.
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Text => "txt",
            OutputFormat::Markdown => "md",
            OutputFormat::Json => "json",
            OutputFormat::Html => "html",
        }
    }
}

/// Render `digest` in `format`; the result ends with a newline (empty digest: empty text).
pub fn render(digest: &Digest, format: OutputFormat) -> String {
    match format {
        OutputFormat::Text => text(digest),
        OutputFormat::Markdown => markdown(digest),
        OutputFormat::Json => json(digest),
        OutputFormat::Html => html(digest),
    }
}

/// The marker after a continuing story's headline (on a line of its own in text output).
pub const CONTINUING: &str = "(continuing)";

/// One sentence a line; stories separated by a blank line, a continuing one opened by a line
/// [`CONTINUING`].
fn text(digest: &Digest) -> String {
    let lines = |sentences: &[DigestSentence]| -> String {
        sentences.iter().map(|s| format!("{}\n", s.text)).collect()
    };
    if digest.stories.is_empty() {
        return lines(&digest.sentences);
    }
    let sections: Vec<String> = digest
        .stories
        .iter()
        .map(|s| {
            let marker = if s.continuing {
                format!("{CONTINUING}\n")
            } else {
                String::new()
            };
            marker + &lines(&s.sentences)
        })
        .collect();
    sections.join("\n")
}

/// " (continuing)" after a continuing story's headline, else nothing.
fn marker(story: &StoryDigest) -> String {
    if story.continuing {
        format!(" {CONTINUING}")
    } else {
        String::new()
    }
}

/// Outlets named on a story's line; the rest are counted.
const NAMED_OUTLETS: usize = 5;

/// "3 outlets: Reuters, AP, BBC"; "12 outlets: A, B, C, D, E and 7 more"; a continuing story
/// adds when it was first digested: "2 outlets: A, B · first digested 2026-11-02". When no
/// article names its outlet, the articles are counted: "3 articles: a.txt, b.txt, c.txt".
fn outlets_line(story: &StoryDigest) -> String {
    let names = &story.outlet_names;
    let shown = names[..names.len().min(NAMED_OUTLETS)].join(", ");
    let more = names.len().saturating_sub(NAMED_OUTLETS);
    let noun = if story.outlets_known {
        "outlet"
    } else {
        "article"
    };
    let unnamed = match story.articles_without_outlet {
        0 => String::new(),
        1 => " (1 article without one)".to_string(),
        n => format!(" ({n} articles without one)"),
    };
    format!(
        "{} {noun}{}: {shown}{}{unnamed}{}",
        story.outlets,
        if story.outlets == 1 { "" } else { "s" },
        if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        },
        match &story.first_digest {
            Some(date) if story.continuing => format!(" · first digested {date}"),
            _ => String::new(),
        }
    )
}

fn markdown(digest: &Digest) -> String {
    let names = cited_names(digest);
    let mut out = format!("# {}\n\n", escape_markdown(&digest.title));
    if digest.stories.is_empty() {
        out.push_str(&markdown_list(&digest.sentences, &names));
    }
    for story in &digest.stories {
        let (lead, rest) = under_headline(story);
        let lead = lead.map_or(String::new(), |s| {
            format!("_({})_\n\n", markdown_sources(s, &names))
        });
        let rest = if rest.is_empty() {
            String::new()
        } else {
            markdown_list(rest, &names) + "\n"
        };
        out.push_str(&format!(
            "## {}{}\n\n{lead}{rest}_{}_\n\n",
            escape_markdown(&story.headline),
            marker(story),
            escape_markdown(&outlets_line(story))
        ));
    }
    if !digest.stories.is_empty() {
        out.pop();
    }
    out
}

/// What each cited article is called when it has neither outlet nor title: its file name, or as
/// much of its path as tells it from the other cited files of that name.
type Names = rustc_hash::FxHashMap<String, String>;

fn cited_names(digest: &Digest) -> Names {
    let mut ids: Vec<&str> = digest
        .sentences
        .iter()
        .flat_map(|s| std::iter::once(&s.source).chain(&s.also_in))
        .map(|source| source.id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let names = cite::distinct_names(&ids);
    ids.into_iter().map(str::to_string).zip(names).collect()
}

/// A story's sentences as the sections show them: when its headline is one of them (an
/// untitled story is headed by its lead), that one is not repeated below as a bullet but
/// cited under the headline; the others follow.
fn under_headline(story: &StoryDigest) -> (Option<&DigestSentence>, Vec<&DigestSentence>) {
    let lead = story
        .sentences
        .iter()
        .position(|s| s.text == story.headline);
    let rest = story
        .sentences
        .iter()
        .enumerate()
        .filter(|&(i, _)| Some(i) != lead)
        .map(|(_, s)| s)
        .collect();
    (lead.map(|i| &story.sentences[i]), rest)
}

fn markdown_list<'a>(
    sentences: impl IntoIterator<Item = &'a DigestSentence>,
    names: &Names,
) -> String {
    sentences
        .into_iter()
        .map(|s| {
            format!(
                "- {} _({})_\n",
                escape_markdown(&s.text),
                markdown_sources(s, names)
            )
        })
        .collect()
}

/// "Reuters; [AP](<url>)": a sentence's sources, as Markdown.
fn markdown_sources(s: &DigestSentence, names: &Names) -> String {
    std::iter::once(&s.source)
        .chain(&s.also_in)
        .map(|source| source_link(source, names))
        .collect::<Vec<_>>()
        .join("; ")
}

fn source_link(source: &Source, names: &Names) -> String {
    let label = escape_markdown(&cite::label(
        source.outlet.as_deref(),
        source.title.as_deref(),
        names.get(&source.id).map_or("", String::as_str),
    ));
    match &source.url {
        Some(url) => format!("[{label}](<{}>)", url.replace('>', "%3E")),
        None => label,
    }
}

/// Keep a sentence from being read as Markdown markup: a literal `&amp;` must not render as
/// `&`, so an ampersand that would open a character reference is escaped too.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '`' | '|'
        ) || (c == '&' && opens_reference(&text[i + 1..]))
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether what follows an `&` reads as a character reference's name or number and `;`.
fn opens_reference(rest: &str) -> bool {
    let name = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
        .map_or(rest, |end| &rest[..end]);
    !name.is_empty() && rest[name.len()..].starts_with(';')
}

fn json(digest: &Digest) -> String {
    // Serialising plain data structures cannot fail.
    let mut s =
        serde_json::to_string_pretty(digest).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}

/// Inline style: the page must work saved to disk or mailed, so nothing is fetched.
const HTML_STYLE: &str = "body{font:17px/1.55 Georgia,'Times New Roman',serif;max-width:42em;\
margin:2em auto;padding:0 1em;color:#1a1a1a;background:#fff}\
h1{font:700 1.6em/1.2 system-ui,sans-serif;margin-bottom:.2em}\
h2{font:700 1.15em/1.3 system-ui,sans-serif;margin:1.6em 0 .4em}\
.meta{color:#666;font:.85em system-ui,sans-serif;margin-bottom:1.5em}\
ol{padding-left:1.2em}li{margin:0 0 1em}\
.src{display:block;color:#555;font:.8em system-ui,sans-serif;margin-top:.2em}\
a{color:#0645ad}@media(prefers-color-scheme:dark){body{background:#111;color:#ddd}\
.src,.meta{color:#aaa}a{color:#8ab4f8}}";

fn html(digest: &Digest) -> String {
    let names = cited_names(digest);
    // The articles the sentences are taken from, not every input (off-topic ones included).
    let quoted = digest
        .sentences
        .iter()
        .map(|s| s.source.id.as_str())
        .collect::<rustc_hash::FxHashSet<_>>()
        .len();
    let title = escape_html(&digest.title);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n<title>{title}</title>\n\
         <style>{HTML_STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n\
         <p class=\"meta\">{} sentence{} from {} article{}</p>\n",
        digest.sentences.len(),
        if digest.sentences.len() == 1 { "" } else { "s" },
        quoted,
        if quoted == 1 { "" } else { "s" },
    );
    if digest.stories.is_empty() {
        out.push_str(&html_list(&digest.sentences, &names));
    }
    for story in &digest.stories {
        let mark = if story.continuing {
            format!(" <span class=\"continuing\">{CONTINUING}</span>")
        } else {
            String::new()
        };
        let (lead, rest) = under_headline(story);
        let lead = lead.map_or(String::new(), |s| {
            format!("<p class=\"src\">{}</p>\n", html_sources(s, &names))
        });
        let rest = if rest.is_empty() {
            String::new()
        } else {
            html_list(rest, &names)
        };
        out.push_str(&format!(
            "<section>\n<h2>{}{mark}</h2>\n{lead}{rest}<p class=\"meta\">{}</p>\n</section>\n",
            escape_html(&story.headline),
            escape_html(&outlets_line(story))
        ));
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn html_list<'a>(sentences: impl IntoIterator<Item = &'a DigestSentence>, names: &Names) -> String {
    let mut out = String::from("<ol>\n");
    for s in sentences {
        let sentence = match safe_href(&s.source) {
            Some(href) => format!("<a href=\"{href}\">{}</a>", escape_html(&s.text)),
            None => escape_html(&s.text),
        };
        out.push_str(&format!(
            "<li>{sentence}<span class=\"src\">{}</span></li>\n",
            html_sources(s, names)
        ));
    }
    out.push_str("</ol>\n");
    out
}

/// A sentence's sources, as HTML.
fn html_sources(s: &DigestSentence, names: &Names) -> String {
    std::iter::once(&s.source)
        .chain(&s.also_in)
        .map(|source| html_source(source, names))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The outlet (else title, else file name) of a source, linked when its URL is a web address.
fn html_source(source: &Source, names: &Names) -> String {
    let label = escape_html(&cite::label(
        source.outlet.as_deref(),
        source.title.as_deref(),
        names.get(&source.id).map_or("", String::as_str),
    ));
    let mut out = match safe_href(source) {
        Some(href) => format!("<a href=\"{href}\">{label}</a>"),
        None => label,
    };
    if let (Some(title), Some(_)) = (&source.title, &source.outlet) {
        out.push_str(&format!(": <cite>{}</cite>", escape_html(title)));
    }
    out
}

/// An http(s) URL escaped for an attribute; anything else (e.g. `javascript:`) is not linked.
fn safe_href(source: &Source) -> Option<String> {
    let url = source.url.as_deref()?.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then(|| escape_html(url))
}

/// Escape text for HTML element content and double-quoted attributes.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
#[path = "render_tests.rs"]
mod tests;
