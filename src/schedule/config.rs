//! The `run` configuration: the settings layers ([`super::settings`]: defaults, the file,
//! the flags) merged and checked into one [`RunConfig`].

use super::log::LogFormat;
use super::naming::NamePattern;
use super::settings::{at, Origin, Setting, Settings};
use crate::config::{Budget, SummaryConfig};
use crate::error::{Error, Result};
use crate::read::InputFormat;
use crate::render::OutputFormat;
use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use std::path::{Path, PathBuf};

pub use super::settings::parse_timezone;

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
    /// Budget, method and seed; the run adds the novelty window from recent digests.
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

/// What only this one run is told, on the command line: not settings of the installation.
#[derive(Debug, Clone, Copy, Default)]
pub struct Once {
    pub since: Option<TimeDelta>,
    pub now: Option<DateTime<Utc>>,
}

pub const DEFAULT_NAME: &str = "digest-{date}.{ext}";
pub const DEFAULT_NOVELTY_DAYS: u32 = 7;
/// The state directory's name inside the output directory when `state_dir` is not set.
pub const DEFAULT_STATE_SUBDIR: &str = ".newsdigest";

/// Errors and relative paths, by where a value was set.
struct Ctx {
    file: Option<PathBuf>,
    src: String,
    /// The file's directory (absolute), which relative paths in it are relative to.
    base: PathBuf,
}

impl Ctx {
    /// `msg` does not name the key: the place (file:line:col, which names it, or the flag) does.
    fn error<T>(&self, s: &Setting<T>, key: &str, msg: &str) -> Error {
        match (&s.origin, &self.file) {
            (Origin::File(span), Some(p)) => at(p, &self.src, Some(span.clone()), msg),
            (Origin::Flag(flag), _) => Error::Usage(format!("{flag}: {msg}")),
            _ => Error::Config(format!("{key}: {msg}")),
        }
    }

    fn missing(&self, key: &str, flag: &str) -> Error {
        match &self.file {
            Some(p) => Error::Config(format!(
                "{}: {key}: missing (set it in the file or give {flag})",
                p.display()
            )),
            None => Error::Config(format!("{key}: missing: give --config FILE or {flag}")),
        }
    }

    /// Paths in the file are relative to its directory, flags' to the working directory.
    /// Absolute either way, so that paths recorded in the state hold whatever the working
    /// directory of the next run.
    fn path(&self, s: &Setting<PathBuf>) -> PathBuf {
        match s.origin {
            Origin::File(_) => self.base.join(&s.value),
            _ => std::path::absolute(&s.value).unwrap_or_else(|_| s.value.clone()),
        }
    }

    /// A directory setting: an empty path would silently mean the config's own directory.
    fn dir(&self, s: &Setting<PathBuf>, key: &str) -> Result<PathBuf> {
        if s.value.as_os_str().is_empty() {
            return Err(self.error(s, key, "empty (give a directory)"));
        }
        Ok(self.path(s))
    }

    fn base_of(&self, origin: &Origin) -> &Path {
        match origin {
            Origin::File(_) => &self.base,
            _ => Path::new(""),
        }
    }
}

/// The built-in defaults, as the bottom layer.
fn defaults() -> Settings {
    fn d<T>(value: T) -> Option<Setting<T>> {
        Some(Setting {
            value,
            origin: Origin::Default,
        })
    }
    let mut s = Settings::default();
    s.output.retention_days = d(0);
    s.summary.novelty_days = d(DEFAULT_NOVELTY_DAYS);
    s.summary.seed = d(crate::config::DEFAULT_SEED);
    s
}

/// Read `file` (if any) and lay `flags` over it, then check the result.
pub fn resolve(file: Option<&Path>, flags: Settings, once: Once) -> Result<RunConfig> {
    let (from_file, src) = match file {
        Some(path) => Settings::read(path)?,
        None => (Settings::default(), String::new()),
    };
    let base = file
        .and_then(|p| std::path::absolute(p).ok())
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    let cx = Ctx {
        file: file.map(Path::to_path_buf),
        src,
        base,
    };
    let s = defaults().over(from_file).over(flags);

    let sources = sources(&cx, &s)?;
    let output_dir = match &s.output.dir {
        Some(d) => cx.dir(d, "output.dir")?,
        None => return Err(cx.missing("output.dir", "--output-dir")),
    };
    let (name, formats) = names(&cx, &s)?;
    let state_dir = match &s.state_dir {
        Some(d) => cx.dir(d, "state_dir")?,
        None => output_dir.join(DEFAULT_STATE_SUBDIR),
    };
    let value = |v: &Option<Setting<u32>>| v.as_ref().map_or(0, |s| s.value);
    Ok(RunConfig {
        file: cx.file.clone(),
        sources,
        input_format: s
            .sources
            .format
            .as_ref()
            .map_or_else(Default::default, |f| f.value.0),
        max_age: s.sources.max_age.as_ref().map(|d| d.value.0),
        output_dir,
        name,
        formats,
        retention_days: value(&s.output.retention_days),
        summary: crate::config::SummaryConfig {
            topic: s
                .summary
                .topic
                .as_ref()
                .map(|t| {
                    crate::topic::Topic::parse(&t.value)
                        .map_err(|e| cx.error(t, "summary.topic", &e.to_string()))
                })
                .transpose()?,
            ..summary(&s)
        },
        embeddings: s.summary.embeddings.as_ref().map(|p| cx.path(p)),
        novelty_days: value(&s.summary.novelty_days),
        timezone: s.timezone.as_ref().map_or(Tz::UTC, |t| t.value.0),
        state_dir,
        since: once.since,
        now: once.now.unwrap_or_else(Utc::now),
        log_format: s
            .log
            .format
            .as_ref()
            .map_or_else(Default::default, |f| f.value.0),
        quiet: s.log.quiet.as_ref().is_some_and(|q| q.value),
    })
}

fn sources(cx: &Ctx, s: &Settings) -> Result<Vec<Source>> {
    let Some(inputs) = s.sources.inputs.as_ref().filter(|i| !i.value.is_empty()) else {
        return Err(cx.missing("sources.inputs", "--input"));
    };
    inputs
        .value
        .iter()
        .map(|e| {
            source_of(e, cx.base_of(&inputs.origin))
                .map_err(|m| cx.error(inputs, "sources.inputs", &m))
        })
        .collect()
}

fn names(cx: &Ctx, s: &Settings) -> Result<(NamePattern, Vec<OutputFormat>)> {
    let mut formats: Vec<OutputFormat> = match &s.output.formats {
        Some(f) => f.value.iter().map(|n| n.0).collect(),
        None => vec![OutputFormat::Markdown],
    };
    // The same format twice would write the same file twice.
    let mut seen = Vec::new();
    formats.retain(|f| {
        let new = !seen.contains(f);
        seen.push(*f);
        new
    });
    if let (true, Some(f)) = (formats.is_empty(), &s.output.formats) {
        return Err(cx.error(f, "output.formats", "empty (list at least one format)"));
    }
    let Some(name) = &s.output.name else {
        return Ok((
            NamePattern::parse(DEFAULT_NAME).map_err(Error::Internal)?,
            formats,
        ));
    };
    if formats.len() > 1 && !name.value.0.has_ext() {
        let msg = format!(
            "`{}` has no {{ext}}, so the {} formats would overwrite each other",
            name.value.0,
            formats.len()
        );
        return Err(cx.error(name, "output.name", &msg));
    }
    Ok((name.value.0.clone(), formats))
}

fn summary(s: &Settings) -> SummaryConfig {
    let n = |v: &Option<Setting<super::settings::Positive>>| v.as_ref().map(|p| p.value.0);
    let (words, sentences, bytes) = (
        n(&s.summary.words),
        n(&s.summary.sentences),
        n(&s.summary.bytes),
    );
    let budget = if words.is_none() && sentences.is_none() && bytes.is_none() {
        Budget::default()
    } else {
        Budget {
            words,
            sentences,
            bytes,
        }
    };
    SummaryConfig {
        budget,
        method: s
            .summary
            .method
            .as_ref()
            .map_or_else(Default::default, |m| m.value.0),
        seed: s
            .summary
            .seed
            .as_ref()
            .map_or(crate::config::DEFAULT_SEED, |v| v.value),
        order: s
            .summary
            .order
            .as_ref()
            .map_or_else(Default::default, |o| o.value.0),
        stories: s
            .summary
            .stories
            .as_ref()
            .map_or_else(Default::default, |v| v.value.0),
        story_words: s
            .summary
            .story_words
            .as_ref()
            .map_or(crate::config::DEFAULT_STORY_WORDS, |v| v.value.0),
        ..SummaryConfig::default()
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::settings::{Named, Positive, Zone};

    /// `e` is `FILE:LINE:COL: rest…`.
    fn assert_at(e: &str, line: usize, rest: &str) {
        let re = regex::Regex::new(&format!(r"^FILE:{line}:[0-9]+: ")).unwrap();
        let tail = re.find(e).map(|m| &e[m.end()..]);
        assert!(tail.is_some_and(|t| t.starts_with(rest)), "{e}");
    }

    fn write(dir: &Path, text: &str) -> PathBuf {
        let p = dir.join("newsdigest.toml");
        std::fs::write(&p, text).unwrap();
        p
    }

    fn err_of(text: &str) -> String {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), text);
        let e = resolve(Some(&p), Settings::default(), Once::default()).unwrap_err();
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
        let c = resolve(Some(&p), Settings::default(), Once::default()).unwrap();
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
        let mut flags = Settings::default();
        flags.sources.inputs = Setting::flag(vec!["other".into()], "--input");
        flags.output.formats = Setting::flag(vec![Named(OutputFormat::Text)], "--format");
        flags.summary.sentences = Setting::flag(Positive(3), "--sentences");
        flags.timezone = Setting::flag(Zone(Tz::Asia__Tokyo), "--timezone");
        flags.log.quiet = Setting::flag(true, "--quiet");
        let c = resolve(Some(&p), flags, Once::default()).unwrap();
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
        assert_at(&e, 5, "output.colour: unknown field `colour`");
    }

    #[test]
    fn bad_values_name_key_and_line() {
        let e = err_of("timezone = \"Mars/Olympus\"\n");
        assert_at(&e, 1, "timezone: unknown time zone");
        // An array's bad element is reported at its own line, the key it belongs to named.
        let e = err_of("[output]\ndir = \"o\"\nformats = [\n  \"markdown\",\n  \"pdf\",\n]\n");
        assert_at(&e, 5, "output.formats: unknown value `pdf`");
        let e = err_of("[summary]\nwords = 0\n");
        assert_at(&e, 2, "summary.words: must be at least 1");
        let e = err_of("[output]\nname = \"digest.md\"\n");
        assert_at(&e, 2, "output.name:");
        let e = err_of("[sources]\nmax_age = \"3 days\"\n");
        assert_at(&e, 2, "sources.max_age: bad duration");
        let e = err_of("[summary]\nseed = -1\n");
        assert_at(&e, 2, "summary.seed:");
        let e = err_of("[sources]\ninputs = \"in\"\n");
        assert_at(&e, 2, "sources.inputs:");
    }

    /// Regression (probe 16: `words = -1` said "expected a whole number from 0 to 4294967295",
    /// then `words = 0` was refused: the range said was not the one accepted).
    #[test]
    fn a_count_out_of_range_gave_a_range_from_0() {
        for bad in ["-1", "4294967296"] {
            let e = err_of(&format!("[summary]\nwords = {bad}\n"));
            assert_at(
                &e,
                2,
                &format!("summary.words: `{bad}`: expected a whole number from 1 to 4294967295"),
            );
        }
        let e = err_of("[summary]\nstory_words = \"many\"\n");
        assert_at(&e, 2, "summary.story_words: invalid type: string \"many\", expected a whole number from 1 to 4294967295");
    }

    #[test]
    fn cross_checks_and_missing_keys() {
        let e = err_of(
            "[sources]\ninputs = [\"in\"]\n[output]\ndir = \"o\"\nname = \"d-{date}.md\"\nformats = [\"markdown\", \"json\"]\n",
        );
        assert_at(&e, 5, "output.name:");
        let e = err_of("[output]\ndir = \"o\"\n");
        assert!(e.contains("sources.inputs: missing"), "{e}");
        let e = err_of("[sources]\ninputs = [\"in\"]\n");
        assert!(e.contains("output.dir: missing"), "{e}");
        let e = err_of("[sources]\ninputs = [\"in[\"]\n[output]\ndir = \"o\"\n");
        assert_at(&e, 2, "sources.inputs: bad glob");
    }

    #[test]
    fn syntax_error_gives_the_line() {
        let e = err_of("[output]\ndir = \"o\n");
        assert_at(&e, 2, "");
    }
}
