//! Output file names: a pattern such as `digest-{date}.{ext}`, with the run's date in the
//! configured time zone.

use crate::render::OutputFormat;
use chrono::NaiveDate;

/// The longest file name most file systems take (ext4, XFS, APFS, NTFS: 255).
const MAX_NAME_BYTES: usize = 255;

/// A validated file-name pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamePattern {
    raw: String,
}

impl NamePattern {
    /// Check a pattern: a plain file name holding `{date}`, optionally `{ext}`, no other `{…}`.
    pub fn parse(raw: &str) -> Result<Self, String> {
        if raw.is_empty() {
            return Err("empty file-name pattern".into());
        }
        if raw.contains('/') || raw.contains('\\') {
            return Err(format!(
                "`{raw}` must be a file name, not a path (set the directory with output.dir)"
            ));
        }
        if raw.starts_with('.') {
            return Err(format!("`{raw}` would make hidden files"));
        }
        let mut rest = raw;
        let mut has_date = false;
        while let Some(open) = rest.find('{') {
            if rest[..open].contains('}') {
                return Err(format!("`{raw}`: `}}` without `{{`"));
            }
            let after = &rest[open + 1..];
            let close = after
                .find('}')
                .ok_or_else(|| format!("`{raw}`: unclosed `{{`"))?;
            match &after[..close] {
                "date" => has_date = true,
                "ext" => {}
                other => {
                    return Err(format!(
                        "`{raw}`: unknown placeholder `{{{other}}}` (use {{date}} and {{ext}})"
                    ))
                }
            }
            rest = &after[close + 1..];
        }
        if rest.contains('}') || !has_date {
            return Err(format!(
                "`{raw}` must contain {{date}} (e.g. digest-{{date}}.{{ext}})"
            ));
        }
        let pattern = NamePattern { raw: raw.into() };
        // The longest name it makes (a 999th run, the longest extension) must be a file name
        // every file system takes, so that `--check` fails where the run would.
        let last_day = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX);
        let longest = pattern.file_name(last_day, OutputFormat::Html, 999).len();
        if longest > MAX_NAME_BYTES {
            return Err(format!(
                "`{raw}` makes file names of up to {longest} bytes (at most {MAX_NAME_BYTES})"
            ));
        }
        Ok(pattern)
    }

    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// Whether the pattern distinguishes formats (needed when several are written).
    pub fn has_ext(&self) -> bool {
        self.raw.contains("{ext}")
    }

    /// The file name for `date`, `format` and the run's number that day (1 = first: no suffix;
    /// n > 1 appends `-n` to the date so a second run the same day never overwrites the first).
    pub fn file_name(&self, date: NaiveDate, format: OutputFormat, nth: u32) -> String {
        let mut date = date.format("%Y-%m-%d").to_string();
        if nth > 1 {
            date.push_str(&format!("-{nth}"));
        }
        self.raw
            .replace("{date}", &date)
            .replace("{ext}", format.extension())
    }
}

impl NamePattern {
    /// Whether `file_name` is one [`NamePattern::file_name`] could have made (any date, run
    /// number and extension): retention deletes nothing else.
    pub fn matches(&self, file_name: &str) -> bool {
        let mut re = String::from("^");
        let mut rest = self.raw.as_str();
        while let Some(open) = rest.find('{') {
            re.push_str(&regex::escape(&rest[..open]));
            let after = &rest[open..];
            if let Some(tail) = after.strip_prefix("{date}") {
                re.push_str(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:-[0-9]+)?");
                rest = tail;
            } else if let Some(tail) = after.strip_prefix("{ext}") {
                re.push_str("[a-z]+");
                rest = tail;
            } else {
                return false;
            }
        }
        re.push_str(&regex::escape(rest));
        re.push('$');
        regex::Regex::new(&re).is_ok_and(|r| r.is_match(file_name))
    }
}

impl std::fmt::Display for NamePattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn renders_date_extension_and_same_day_suffix() {
        let p = NamePattern::parse("digest-{date}.{ext}").unwrap();
        assert_eq!(
            p.file_name(day(), OutputFormat::Markdown, 1),
            "digest-2026-11-23.md"
        );
        assert_eq!(
            p.file_name(day(), OutputFormat::Json, 2),
            "digest-2026-11-23-2.json"
        );
        let fixed = NamePattern::parse("digest-{date}.md").unwrap();
        assert!(!fixed.has_ext());
    }

    #[test]
    fn matches_only_names_it_could_make() {
        let p = NamePattern::parse("digest-{date}.{ext}").unwrap();
        assert!(p.matches("digest-2026-11-23.md"));
        assert!(p.matches("digest-2026-11-23-12.json"));
        for other in [
            "passwd",
            "digest-2026-11-23.md.bak",
            "xdigest-2026-11-23.md",
            "digest-.md",
        ] {
            assert!(!p.matches(other), "{other}");
        }
    }

    #[test]
    fn rejects_bad_patterns() {
        for bad in [
            "",
            "digest.md",
            "a/{date}.md",
            ".{date}",
            "{date}{x}",
            "{date",
            "d}{date}",
        ] {
            assert!(NamePattern::parse(bad).is_err(), "{bad:?} accepted");
        }
    }
}
