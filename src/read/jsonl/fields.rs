//! Which JSON field holds each article attribute (`--field KEY=NAME`), and what a line that is
//! no article does (`--bad-lines`).

use crate::choice::{named, Choice, Named};

/// What a JSONL line that is not a usable article does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BadLines {
    /// Report it (with its line number) on stderr and go on with the other lines.
    #[default]
    Skip,
    /// Stop with an error naming the line.
    Fail,
}

impl Choice for BadLines {
    const CHOICES: &'static [Named<Self>] = &[
        named(
            BadLines::Skip,
            "skip",
            "report it (with its line number) and go on with the other lines",
        ),
        named(BadLines::Fail, "fail", "stop with an error naming the line"),
    ];
}

/// The article attributes a JSON field can fill.
pub const KEYS: &[&str] = &["text", "title", "url", "date", "source"];

/// For each article attribute, the JSON field names tried in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMap {
    pub text: Vec<String>,
    pub title: Vec<String>,
    pub url: Vec<String>,
    pub date: Vec<String>,
    pub source: Vec<String>,
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

impl Default for FieldMap {
    fn default() -> Self {
        FieldMap {
            text: names(&["text", "content", "body", "article", "full_text"]),
            title: names(&["title", "headline"]),
            url: names(&["url", "link", "canonical_url"]),
            date: names(&[
                "date",
                "published",
                "published_at",
                "publishedAt",
                "pubDate",
                "datePublished",
                "timestamp",
            ]),
            source: names(&["source", "outlet", "site_name", "source_name", "publisher"]),
        }
    }
}

impl FieldMap {
    /// The default names of every key, as `--help` and the README list them:
    /// `text=text|content|…, title=title|headline, …`.
    pub fn defaults_line() -> String {
        let d = FieldMap::default();
        KEYS.iter()
            .zip([&d.text, &d.title, &d.url, &d.date, &d.source])
            .map(|(key, names)| format!("{key}={}", names.join("|")))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Map article attribute `key` to JSON field `name` (replacing the defaults for that key).
    pub fn set(&mut self, key: &str, name: &str) -> std::result::Result<(), String> {
        let name = name.trim();
        if name.is_empty() {
            return Err(format!("--field {key}=: empty field name"));
        }
        let slot = match key.trim() {
            "text" => &mut self.text,
            "title" => &mut self.title,
            "url" => &mut self.url,
            "date" => &mut self.date,
            "source" => &mut self.source,
            other => {
                return Err(format!(
                    "--field {other}={name}: unknown key '{other}' (one of {})",
                    KEYS.join(", ")
                ))
            }
        };
        *slot = vec![name.to_string()];
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (probe 16: `--help` listed `text=text|content|body`, while the lookup also
    /// tried `article` and `full_text`; other keys' lists were short too). `--help` is made
    /// from the defaults; the README must list them as they are.
    #[test]
    fn help_listed_fewer_default_fields_than_the_lookup_tries() {
        let line = FieldMap::defaults_line();
        assert!(
            line.starts_with("text=text|content|body|article|full_text, title="),
            "{line}"
        );
        let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
        // In a table cell, where a bare `|` would end the cell.
        let cell = line.replace('|', "\\|");
        assert!(
            readme.contains(&format!("Defaults: `{cell}`")),
            "README lacks {cell}"
        );
    }
}
