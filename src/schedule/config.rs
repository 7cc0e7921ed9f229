//! The `run` configuration: a TOML file (every key documented in `examples/newsdigest.toml`)
//! merged with command-line overrides into one [`RunConfig`].
//!
//! Unknown keys and bad values are errors of the form `FILE:LINE: KEY: what is wrong`. Values
//! are checked while deserialising (see the `*Value` types), so the TOML parser's span points
//! at the offending line.

use super::log::LogFormat;
use super::naming::NamePattern;
use crate::config::{Budget, Method, SummaryConfig};
use crate::error::{Error, Result};
use crate::read::InputFormat;
use crate::render::OutputFormat;
use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer};
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Where articles come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file, or a directory searched recursively for article files.
    Path(PathBuf),
    /// A glob pattern (`*`, `?`, `[…]`); a pattern that matches nothing is not an error.
    Glob(String),
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Path(p) => write!(f, "{}", p.display()),
            Source::Glob(g) => f.write_str(g),
        }
    }
}

/// Everything a run needs, resolved once.
#[derive(Debug, Clone)]
pub struct RunConfig {
    /// The config file, if one was given.
    pub file: Option<PathBuf>,
    pub sources: Vec<Source>,
    pub input_format: InputFormat,
    /// Articles dated (published, else file modified) longer ago than this are never digested.
    pub max_age: Option<TimeDelta>,
    pub output_dir: PathBuf,
    pub name: NamePattern,
    pub formats: Vec<OutputFormat>,
    /// Digests older than this many days are deleted after a successful run (0: keep all).
    pub retention_days: u32,
    /// Budget, method and seed; `avoid` is filled by the run from recent digests.
    pub summary: SummaryConfig,
    /// `None`: the model compiled into the binary.
    pub embeddings: Option<PathBuf>,
    /// Sentences of the digests of the last this-many days are not picked again (0: off).
    pub novelty_days: u32,
    pub timezone: Tz,
    pub state_dir: PathBuf,
    /// Instead of "not digested yet": every article dated within this window before `now`.
    pub since: Option<TimeDelta>,
    /// The time the run counts as happening at (normally the real time).
    pub now: DateTime<Utc>,
    pub log_format: LogFormat,
    pub quiet: bool,
}

/// Command-line values that replace the file's (any option can be overridden).
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// Replaces `sources.inputs` when not empty.
    pub inputs: Vec<String>,
    pub input_format: Option<InputFormat>,
    pub max_age: Option<TimeDelta>,
    pub output_dir: Option<PathBuf>,
    pub name: Option<String>,
    /// Replaces `output.formats` when not empty.
    pub formats: Vec<OutputFormat>,
    pub retention_days: Option<u32>,
    pub words: Option<usize>,
    pub sentences: Option<usize>,
    pub bytes: Option<usize>,
    pub method: Option<Method>,
    pub seed: Option<u64>,
    pub embeddings: Option<PathBuf>,
    pub novelty_days: Option<u32>,
    pub timezone: Option<Tz>,
    pub state_dir: Option<PathBuf>,
    pub since: Option<TimeDelta>,
    pub now: Option<DateTime<Utc>>,
    pub log_format: Option<LogFormat>,
    pub quiet: bool,
}

pub const DEFAULT_NAME: &str = "digest-{date}.{ext}";
pub const DEFAULT_NOVELTY_DAYS: u32 = 7;
/// The state directory's name inside the output directory when `state_dir` is not set.
pub const DEFAULT_STATE_SUBDIR: &str = ".newsdigest";

// ---- the file's shape -------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    timezone: Option<TzValue>,
    state_dir: Option<PathBuf>,
    sources: Option<SourcesFile>,
    output: Option<OutputFile>,
    summary: Option<SummaryFile>,
    log: Option<LogFile>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    inputs: Option<Vec<Spanned<String>>>,
    format: Option<Named<InputFormat>>,
    max_age: Option<DurationValue>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutputFile {
    dir: Option<PathBuf>,
    name: Option<Spanned<PatternValue>>,
    formats: Option<Spanned<Vec<Named<OutputFormat>>>>,
    retention_days: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SummaryFile {
    words: Option<Positive>,
    sentences: Option<Positive>,
    bytes: Option<Positive>,
    method: Option<Named<Method>>,
    seed: Option<u64>,
    embeddings: Option<PathBuf>,
    novelty_days: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LogFile {
    format: Option<Named<LogFormat>>,
    quiet: Option<bool>,
}

/// A [`Choice`] written as a string (formats, methods, …).
#[derive(Debug)]
struct Named<T>(T);

impl<'de, T: crate::choice::Choice> Deserialize<'de> for Named<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        T::parse(&s).map(Named).map_err(serde::de::Error::custom)
    }
}

#[derive(Debug)]
struct TzValue(Tz);

impl<'de> Deserialize<'de> for TzValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        parse_timezone(&s)
            .map(TzValue)
            .map_err(serde::de::Error::custom)
    }
}

#[derive(Debug)]
struct DurationValue(TimeDelta);

impl<'de> Deserialize<'de> for DurationValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        super::duration::parse_duration(&s)
            .map(DurationValue)
            .map_err(serde::de::Error::custom)
    }
}

#[derive(Debug)]
struct PatternValue(NamePattern);

impl<'de> Deserialize<'de> for PatternValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        NamePattern::parse(&s)
            .map(PatternValue)
            .map_err(serde::de::Error::custom)
    }
}

#[derive(Debug)]
struct Positive(usize);

impl<'de> Deserialize<'de> for Positive {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let n = u32::deserialize(d)?;
        if n == 0 {
            return Err(serde::de::Error::custom("must be at least 1"));
        }
        Ok(Positive(n as usize))
    }
}

/// An IANA time zone name such as `Europe/Berlin` or `UTC`.
pub fn parse_timezone(s: &str) -> std::result::Result<Tz, String> {
    s.parse::<Tz>().map_err(|_| {
        format!("unknown time zone `{s}` (use an IANA name such as Europe/Berlin, or UTC)")
    })
}

// ---- resolving --------------------------------------------------------------------------

/// Read `file` (if any), apply `ov`, check the result.
pub fn resolve(file: Option<&Path>, ov: Overrides) -> Result<RunConfig> {
    let (parsed, src, base) = match file {
        Some(path) => {
            let src = std::fs::read_to_string(path).map_err(|e| {
                Error::Config(format!("cannot read config file {}: {e}", path.display()))
            })?;
            let parsed: FileConfig = toml::from_str(&src)
                .map_err(|e| config_error(path, &src, e.span(), e.message()))?;
            // Absolute, so that the paths recorded in the state hold whatever the working
            // directory of the next run.
            let base = std::path::absolute(path)
                .ok()
                .and_then(|p| p.parent().map(Path::to_path_buf))
                .unwrap_or_default();
            (parsed, src, base)
        }
        None => (FileConfig::default(), String::new(), PathBuf::new()),
    };
    let file_name = file.map(Path::to_path_buf);
    let at = |span: Option<Range<usize>>, msg: &str| -> Error {
        match &file_name {
            Some(p) => config_error(p, &src, span, msg),
            None => Error::Config(msg.to_string()),
        }
    };
    let where_missing = |key: &str, flag: &str| -> Error {
        match &file_name {
            Some(p) => Error::Config(format!(
                "{}: {key}: missing (set it in the file or give {flag})",
                p.display()
            )),
            None => Error::Config(format!("{key}: missing: give --config FILE or {flag}")),
        }
    };

    let sources_file = parsed.sources.unwrap_or_default();
    let output_file = parsed.output.unwrap_or_default();
    let summary_file = parsed.summary.unwrap_or_default();
    let log_file = parsed.log.unwrap_or_default();

    // Sources: file entries are relative to the file's directory, flags to the working directory.
    let sources = if !ov.inputs.is_empty() {
        ov.inputs
            .iter()
            .map(|s| {
                source_of(s, Path::new("")).map_err(|m| Error::Usage(format!("--input {s}: {m}")))
            })
            .collect::<Result<Vec<_>>>()?
    } else {
        let entries = sources_file.inputs.unwrap_or_default();
        let mut out = Vec::new();
        for e in &entries {
            out.push(source_of(e.get_ref(), &base).map_err(|m| at(Some(e.span()), &m))?);
        }
        out
    };
    if sources.is_empty() {
        return Err(where_missing("sources.inputs", "--input"));
    }

    let absolute = |d: &PathBuf| std::path::absolute(d).unwrap_or_else(|_| d.clone());
    let output_dir = match (&ov.output_dir, &output_file.dir) {
        (Some(d), _) => absolute(d),
        (None, Some(d)) => base.join(d),
        (None, None) => return Err(where_missing("output.dir", "--output-dir")),
    };
    let (name, name_span) = match (&ov.name, output_file.name) {
        (Some(n), _) => (
            NamePattern::parse(n).map_err(|m| Error::Usage(format!("--name: {m}")))?,
            None,
        ),
        (None, Some(n)) => {
            let span = n.span();
            (n.into_inner().0, Some(span))
        }
        (None, None) => (
            NamePattern::parse(DEFAULT_NAME).map_err(Error::Internal)?,
            None,
        ),
    };
    let mut formats: Vec<OutputFormat> = if !ov.formats.is_empty() {
        ov.formats.clone()
    } else {
        match &output_file.formats {
            Some(f) => f.get_ref().iter().map(|n| n.0).collect(),
            None => vec![OutputFormat::Markdown],
        }
    };
    // The same format twice would write the same file twice.
    let mut seen = Vec::new();
    formats.retain(|f| {
        let new = !seen.contains(f);
        seen.push(*f);
        new
    });
    if formats.is_empty() {
        let span = output_file.formats.as_ref().map(Spanned::span);
        return Err(at(span, "output.formats: empty (list at least one format)"));
    }
    if formats.len() > 1 && !name.has_ext() {
        let msg = format!(
            "output.name: `{name}` has no {{ext}}, so the {} formats would overwrite each other",
            formats.len()
        );
        return Err(match (&ov.name, name_span) {
            (Some(_), _) => Error::Usage(format!("--name: {msg}")),
            (None, span) => at(span, &msg),
        });
    }

    let pick = |flag: Option<usize>, file: Option<Positive>| flag.or(file.map(|p| p.0));
    let words = pick(ov.words, summary_file.words);
    let sentences = pick(ov.sentences, summary_file.sentences);
    let bytes = pick(ov.bytes, summary_file.bytes);
    let budget = if words.is_none() && sentences.is_none() && bytes.is_none() {
        Budget::default()
    } else {
        Budget {
            words,
            sentences,
            bytes,
        }
    };
    let summary = SummaryConfig {
        budget,
        method: ov
            .method
            .or(summary_file.method.map(|m| m.0))
            .unwrap_or_default(),
        seed: ov.seed.or(summary_file.seed).unwrap_or(42),
        ..SummaryConfig::default()
    };
    let embeddings = ov
        .embeddings
        .clone()
        .or(summary_file.embeddings.map(|p| base.join(p)));
    let state_dir = match (&ov.state_dir, parsed.state_dir) {
        (Some(d), _) => absolute(d),
        (None, Some(d)) => base.join(d),
        (None, None) => output_dir.join(DEFAULT_STATE_SUBDIR),
    };

    Ok(RunConfig {
        file: file_name.clone(),
        sources,
        input_format: ov
            .input_format
            .or(sources_file.format.map(|f| f.0))
            .unwrap_or_default(),
        max_age: ov.max_age.or(sources_file.max_age.map(|d| d.0)),
        output_dir,
        name,
        formats,
        retention_days: ov
            .retention_days
            .or(output_file.retention_days)
            .unwrap_or(0),
        summary,
        embeddings,
        novelty_days: ov
            .novelty_days
            .or(summary_file.novelty_days)
            .unwrap_or(DEFAULT_NOVELTY_DAYS),
        timezone: ov
            .timezone
            .or(parsed.timezone.map(|t| t.0))
            .unwrap_or(Tz::UTC),
        state_dir,
        since: ov.since,
        now: ov.now.unwrap_or_else(Utc::now),
        log_format: ov
            .log_format
            .or(log_file.format.map(|f| f.0))
            .unwrap_or_default(),
        quiet: ov.quiet || log_file.quiet.unwrap_or(false),
    })
}

/// A source entry: a glob when it holds glob characters, else a path.
fn source_of(entry: &str, base: &Path) -> std::result::Result<Source, String> {
    if entry.trim().is_empty() {
        return Err("empty source".into());
    }
    if entry.contains(['*', '?', '[']) {
        let full = if Path::new(entry).is_absolute() || base.as_os_str().is_empty() {
            entry.to_string()
        } else {
            // The base directory is literal text inside the pattern.
            format!(
                "{}/{entry}",
                glob::Pattern::escape(&base.display().to_string())
            )
        };
        glob::Pattern::new(&full).map_err(|e| format!("bad glob `{entry}`: {e}"))?;
        Ok(Source::Glob(full))
    } else {
        Ok(Source::Path(base.join(entry)))
    }
}

/// `FILE:LINE: KEY: message`, finding the line and the key from the parser's byte span.
fn config_error(path: &Path, src: &str, span: Option<Range<usize>>, msg: &str) -> Error {
    let msg = msg.trim().replace('\n', " ");
    let Some(span) = span else {
        return Error::Config(format!("{}: {msg}", path.display()));
    };
    let start = span.start.min(src.len());
    let line_no = src[..start].matches('\n').count() + 1;
    match key_at(src, line_no) {
        Some(key) => Error::Config(format!("{}:{line_no}: {key}: {msg}", path.display())),
        None => Error::Config(format!("{}:{line_no}: {msg}", path.display())),
    }
}

/// The dotted key whose value covers line `line_no` (1-based): the nearest `key =` at or above
/// it (values may span lines), prefixed with the table it sits in.
fn key_at(src: &str, line_no: usize) -> Option<String> {
    let lines: Vec<&str> = src.lines().collect();
    let upto = line_no.min(lines.len());
    let mut key = None;
    for i in (0..upto).rev() {
        let line = lines[i].trim();
        if line.starts_with('[') {
            let table = line.trim_matches(|c| c == '[' || c == ']').trim();
            return Some(match key {
                Some(k) => format!("{table}.{k}"),
                None => table.to_string(),
            });
        }
        if key.is_none() && !line.starts_with('#') {
            if let Some((k, _)) = line.split_once('=') {
                key = Some(k.trim().trim_matches('"').to_string());
            }
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, text: &str) -> PathBuf {
        let p = dir.join("newsdigest.toml");
        std::fs::write(&p, text).unwrap();
        p
    }

    fn err_of(text: &str) -> String {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), text);
        let e = resolve(Some(&p), Overrides::default()).unwrap_err();
        assert!(matches!(e, Error::Config(_)), "{e:?}");
        e.to_string().replace(&p.display().to_string(), "FILE")
    }

    #[test]
    fn minimal_file_gets_documented_defaults_relative_to_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            dir.path(),
            "[sources]\ninputs = [\"in\", \"feeds/*.xml\"]\n[output]\ndir = \"out\"\n",
        );
        let c = resolve(Some(&p), Overrides::default()).unwrap();
        assert_eq!(c.sources[0], Source::Path(dir.path().join("in")));
        assert!(matches!(&c.sources[1], Source::Glob(g) if g.ends_with("/feeds/*.xml")));
        assert_eq!(c.output_dir, dir.path().join("out"));
        assert_eq!(c.state_dir, dir.path().join("out").join(".newsdigest"));
        assert_eq!(c.name.as_str(), DEFAULT_NAME);
        assert_eq!(c.formats, vec![OutputFormat::Markdown]);
        assert_eq!(c.timezone, Tz::UTC);
        assert_eq!(c.novelty_days, DEFAULT_NOVELTY_DAYS);
        assert_eq!(c.retention_days, 0);
        assert_eq!(c.summary.budget, Budget::default());
    }

    #[test]
    fn flags_override_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            dir.path(),
            "timezone = \"Europe/Berlin\"\n[sources]\ninputs = [\"in\"]\n[output]\ndir = \"out\"\nformats = [\"markdown\", \"json\"]\n[summary]\nwords = 50\n",
        );
        let ov = Overrides {
            inputs: vec!["other".into()],
            formats: vec![OutputFormat::Text],
            sentences: Some(3),
            timezone: Some(Tz::Asia__Tokyo),
            quiet: true,
            ..Overrides::default()
        };
        let c = resolve(Some(&p), ov).unwrap();
        assert_eq!(c.sources, vec![Source::Path("other".into())]);
        assert_eq!(c.formats, vec![OutputFormat::Text]);
        assert_eq!(c.summary.budget.words, Some(50));
        assert_eq!(c.summary.budget.sentences, Some(3));
        assert_eq!(c.timezone, Tz::Asia__Tokyo);
        assert!(c.quiet);
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let e = err_of("[sources]\ninputs = [\"in\"]\n[output]\ndir = \"out\"\ncolour = true\n");
        assert!(
            e.starts_with("FILE:5: output.colour: unknown field `colour`"),
            "{e}"
        );
    }

    #[test]
    fn bad_values_name_key_and_line() {
        let e = err_of("timezone = \"Mars/Olympus\"\n");
        assert!(e.starts_with("FILE:1: timezone: unknown time zone"), "{e}");
        // An array's elements are reported at the line of its key.
        let e = err_of("[output]\ndir = \"o\"\nformats = [\n  \"markdown\",\n  \"pdf\",\n]\n");
        assert!(
            e.starts_with("FILE:3: output.formats: unknown value `pdf`"),
            "{e}"
        );
        let e = err_of("[summary]\nwords = 0\n");
        assert!(
            e.starts_with("FILE:2: summary.words: must be at least 1"),
            "{e}"
        );
        let e = err_of("[output]\nname = \"digest.md\"\n");
        assert!(e.starts_with("FILE:2: output.name:"), "{e}");
        let e = err_of("[sources]\nmax_age = \"3 days\"\n");
        assert!(
            e.starts_with("FILE:2: sources.max_age: bad duration"),
            "{e}"
        );
        let e = err_of("[summary]\nseed = -1\n");
        assert!(e.starts_with("FILE:2: summary.seed:"), "{e}");
        let e = err_of("[sources]\ninputs = \"in\"\n");
        assert!(e.starts_with("FILE:2: sources.inputs:"), "{e}");
    }

    #[test]
    fn cross_checks_and_missing_keys() {
        let e = err_of(
            "[sources]\ninputs = [\"in\"]\n[output]\ndir = \"o\"\nname = \"d-{date}.md\"\nformats = [\"markdown\", \"json\"]\n",
        );
        assert!(e.starts_with("FILE:5: output.name:"), "{e}");
        let e = err_of("[output]\ndir = \"o\"\n");
        assert!(e.contains("sources.inputs: missing"), "{e}");
        let e = err_of("[sources]\ninputs = [\"in\"]\n");
        assert!(e.contains("output.dir: missing"), "{e}");
        let e = err_of("[sources]\ninputs = [\"in[\"]\n[output]\ndir = \"o\"\n");
        assert!(e.starts_with("FILE:2: sources.inputs: bad glob"), "{e}");
    }

    #[test]
    fn syntax_error_gives_the_line() {
        let e = err_of("[output]\ndir = \"o\n");
        assert!(e.starts_with("FILE:2:"), "{e}");
    }
}
