//! Plain-text and Markdown articles.

use super::Article;
use regex::Regex;
use std::sync::LazyLock;

/// A plain-text file is one article; its text is kept as it is (cleaning comes later).
pub fn parse_text(text: &str, id: &str) -> Article {
    Article {
        id: id.to_string(),
        text: normalise_newlines(text),
        ..Article::default()
    }
}

/// Markdown: headings, emphasis, links and images are reduced to their text; the first
/// heading becomes the title.
pub fn parse_markdown(text: &str, id: &str) -> Article {
    static IMAGE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"!\[[^\]]*\]\([^)]*\)").unwrap());
    static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\([^)]*\)").unwrap());
    // A footnote's mark ("talks`[^1]`") and its definition line ("`[^1]:` …") are apparatus.
    static FOOTNOTE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\[\^[^\]\s]{1,40}\]").unwrap());
    // "``" is newswire's opening quote (closed by "''"), not code: it stays.
    static EMPHASIS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(``|\*\*|__|\*|`)").unwrap());
    let mut title = None;
    let mut lines = Vec::new();
    let mut in_code = false;
    for line in normalise_newlines(text).lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        let footnote = FOOTNOTE
            .find(trimmed)
            .is_some_and(|m| m.start() == 0 && trimmed[m.end()..].starts_with(':'));
        if in_code || footnote || trimmed.starts_with("---") || trimmed.starts_with("<!--") {
            continue;
        }
        let line = FOOTNOTE.replace_all(trimmed, "");
        let line = IMAGE.replace_all(&line, "");
        let line = LINK.replace_all(&line, "$1");
        let line = EMPHASIS.replace_all(&line, |m: &regex::Captures| {
            if &m[0] == "``" {
                "``".to_string()
            } else {
                String::new()
            }
        });
        let line = line.trim_start_matches(['>', ' ']);
        if let Some(heading) = line.strip_prefix('#') {
            let heading = heading.trim_start_matches('#').trim();
            if title.is_none() && !heading.is_empty() {
                title = Some(heading.to_string());
                continue;
            }
        }
        let line = line
            .strip_prefix("- ")
            .or_else(|| line.strip_prefix("* "))
            .unwrap_or(line);
        lines.push(line.trim().to_string());
    }
    Article {
        id: id.to_string(),
        title,
        text: lines.join("\n"),
        ..Article::default()
    }
}

fn normalise_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_heading_becomes_title_and_links_become_text() {
        let a = parse_markdown(
            "# Talks resume\n\nThe [envoy](http://x) met **officials**.\n",
            "a.md",
        );
        assert_eq!(a.title.as_deref(), Some("Talks resume"));
        assert!(a.text.contains("The envoy met officials."));
    }

    #[test]
    fn newswire_quotes_survive_markdown() {
        // Regression: duc2007's ``…'' quotes lost their opening half as inline code marks, so
        // every quoted sentence read as unbalanced (no candidate) and a flattened article's
        // sentences ran together from one closing quote to the next.
        let a = parse_markdown(
            "# T\n\n``We will not give up,'' the minister said, and `code` went.\n",
            "a.md",
        );
        assert_eq!(
            a.text.trim(),
            "``We will not give up,'' the minister said, and code went."
        );
    }

    /// Regression: "familiar with the talks`[^1]`." was a digest sentence, and the footnote's
    /// definition a paragraph.
    #[test]
    fn footnotes_are_no_text() {
        let a = parse_markdown(
            "# T\n\nThe envoy met officials, people familiar with the talks[^1] said.\n\n[^1]: Two \
             diplomats.\n",
            "a.md",
        );
        assert_eq!(
            a.text.trim(),
            "The envoy met officials, people familiar with the talks said."
        );
    }

    #[test]
    fn crlf_is_normalised() {
        assert_eq!(parse_text("a\r\nb\rc", "x").text, "a\nb\nc");
    }
}
