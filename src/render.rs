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
    format!(
        "{} {noun}{}: {shown}{}{}",
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
    let title = escape_html(&digest.title);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n<title>{title}</title>\n\
         <style>{HTML_STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n\
         <p class=\"meta\">{} sentence{} from {} article{}</p>\n",
        digest.sentences.len(),
        if digest.sentences.len() == 1 { "" } else { "s" },
        digest.meta.inputs,
        if digest.meta.inputs == 1 { "" } else { "s" },
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
mod tests {
    use super::*;
    use crate::pipeline::RunMeta;

    fn sentence(text: &str, id: &str) -> DigestSentence {
        DigestSentence {
            text: text.into(),
            source: Source {
                id: id.into(),
                title: None,
                url: None,
                outlet: None,
            },
            position: 0,
            also_in: Vec::new(),
            cluster: None,
            cluster_size: 1,
            cluster_articles: 1,
            score: 1.0,
        }
    }

    fn story(id: usize, headline: &str, text: &str, continuing: bool) -> StoryDigest {
        StoryDigest {
            id,
            headline: headline.into(),
            outlets: 1,
            outlet_names: vec![format!("{id}.txt")],
            outlets_known: true,
            articles: vec![format!("{id}.txt")],
            first_seen: None,
            last_seen: None,
            continuing,
            first_digest: continuing.then(|| "2026-11-02".to_string()),
            sentences: vec![sentence(text, &format!("{id}.txt"))],
        }
    }

    fn digest() -> Digest {
        let stories = vec![
            story(
                0,
                "Ferry crews strike",
                "Ferry crews stopped work on Tuesday.",
                false,
            ),
            story(
                1,
                "Water order lifted",
                "The advisory was lifted on Wednesday.",
                true,
            ),
        ];
        Digest {
            title: "News digest".into(),
            sentences: stories.iter().flat_map(|s| s.sentences.clone()).collect(),
            stories,
            meta: RunMeta {
                inputs: 2,
                duplicate_articles: 0,
                sentences_total: 2,
                sentences_kept: 2,
                sentences_dropped: 0,
                sentences_in_copies: 0,
                sentences_folded: 0,
                model: "m".into(),
                method: crate::config::Method::Cluster,
                seed: 42,
                languages_skipped: Default::default(),
                off_topic_articles: None,
                off_topic_stories: None,
                continuing_left_out: Some(1),
                stories_left_out: Some(0),
            },
            explain: None,
            input_keys: Vec::new(),
            memory: Vec::new(),
        }
    }

    /// Regression (two cited articles without outlet or title, `tech/001.txt` and
    /// `business/001.txt`, were both cited as "001.txt").
    #[test]
    fn two_cited_files_of_one_name_looked_alike() {
        let mut d = digest();
        d.stories.clear();
        d.sentences = vec![
            sentence("Shares rose.", "/data/bbc/tech/001.txt"),
            sentence("Shares fell.", "/data/bbc/business/001.txt"),
            sentence("Shares held.", "/data/bbc/tech/002.txt"),
        ];
        for format in [OutputFormat::Markdown, OutputFormat::Html] {
            let out = render(&d, format);
            for name in ["tech/001.txt", "business/001.txt", "002.txt"] {
                assert!(out.contains(name), "{name}: {out}");
            }
            // A folder only where it tells two names apart; never the rest of the path.
            assert!(
                !out.contains("tech/002.txt") && !out.contains("bbc/"),
                "{out}"
            );
        }
    }

    /// Regression: a literal `&amp;` in a sentence rendered as `&` in Markdown (numeric
    /// references were escaped through their `#`, named ones not at all).
    #[test]
    fn a_literal_character_reference_stays_literal_in_markdown() {
        assert_eq!(
            escape_markdown("emails &amp; letters, &#8212; AT&T & Co; R&D;"),
            "emails \\&amp; letters, \\&\\#8212; AT&T & Co; R\\&D;"
        );
    }

    /// Regression (probe 16): an untitled story is headed by its lead sentence, which the
    /// section then repeated as its first bullet (5 of 7 stories of a mixed day).
    #[test]
    fn an_untitled_storys_headline_was_repeated_as_its_first_bullet() {
        let lead = "Ferry crews stopped work on Tuesday.";
        let mut d = digest();
        d.stories[0].headline = lead.into();
        d.stories[0]
            .sentences
            .push(sentence("Ports were shut.", "0.txt"));
        let md = render(&d, OutputFormat::Markdown);
        assert_eq!(md.matches(lead).count(), 1, "{md}");
        assert!(
            md.contains(&format!(
                "## {lead}\n\n_(0.txt)_\n\n- Ports were shut. _(0.txt)_\n\n_1 outlet: 0.txt_\n"
            )),
            "{md}"
        );
        let html = render(&d, OutputFormat::Html);
        assert_eq!(html.matches(lead).count(), 1, "{html}");
        assert!(html.contains("<p class=\"src\">0.txt</p>"), "{html}");
        // A story of that one sentence: its headline and citation, then its outlets.
        d.stories[0].sentences.pop();
        let md = render(&d, OutputFormat::Markdown);
        assert!(
            md.contains(&format!("## {lead}\n\n_(0.txt)_\n\n_1 outlet: 0.txt_\n")),
            "{md}"
        );
        // Text and JSON keep every sentence.
        assert!(render(&d, OutputFormat::Text).contains(lead));
    }

    #[test]
    fn a_continuing_story_is_marked_in_every_format() {
        let d = digest();
        let md = render(&d, OutputFormat::Markdown);
        assert!(md.contains("## Water order lifted (continuing)\n"), "{md}");
        assert!(md.contains("## Ferry crews strike\n"), "{md}");
        assert!(
            md.contains("_1 outlet: 1.txt · first digested 2026-11-02_"),
            "{md}"
        );
        assert!(md.contains("_1 outlet: 0.txt_"), "{md}");
        let html = render(&d, OutputFormat::Html);
        assert!(
            html.contains(
                "<h2>Water order lifted <span class=\"continuing\">(continuing)</span></h2>"
            ),
            "{html}"
        );
        assert!(html.contains("<h2>Ferry crews strike</h2>"), "{html}");
        assert_eq!(
            render(&d, OutputFormat::Text),
            "Ferry crews stopped work on Tuesday.\n\n(continuing)\nThe advisory was lifted on \
             Wednesday.\n"
        );
        let json: serde_json::Value =
            serde_json::from_str(&render(&d, OutputFormat::Json)).unwrap();
        assert_eq!(json["stories"][0]["continuing"], false);
        assert!(json["stories"][0].get("first_digest").is_none());
        assert_eq!(json["stories"][1]["continuing"], true);
        assert_eq!(json["stories"][1]["first_digest"], "2026-11-02");
        assert_eq!(json["meta"]["continuing_left_out"], 1);
    }
}
