//! `newsdigest run`: the scheduled digest. Thin: flags → one [`RunConfig`](crate::schedule::RunConfig) → the library.

// Doc comments here are clap's `--help` text: `[key]` names a setting, it is not a link.
#![allow(rustdoc::broken_intra_doc_links)]

use super::choice::choice;
use super::common::{BudgetArgs, ModelArgs};
use super::CommandResult;
use crate::config::{Method, Order, StoryMode};
use crate::error::ExitStatus;
use crate::read::InputFormat;
use crate::render::OutputFormat;
use crate::schedule::settings::{
    Duration, Named, Pattern, Positive, Setting, Stories, SummaryLayer, Zone,
};
use crate::schedule::{self, duration::parse_duration, LogFormat, Logger, Once, Outcome, Settings};
use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use clap::Args;
use serde_json::json;
use std::path::PathBuf;

const RUN_HELP: &str = "\
What a run does:
  1. takes the lock <state_dir>/newsdigest.lock (another run holding it: exit 7 at once);
  2. reads every article in the sources and keeps those not digested before (by content
     hash: a re-saved or renamed file is not new), or with --since those dated within the
     window;
  3. summarises them, not picking a sentence too similar to one in the digests of the last
     novelty_days days, nor one copied from the articles those digests were made from; with
     several stories, one section each, and a story those digests carried is marked
     \"(continuing)\" and shows only what is new (left out when nothing is);
  4. writes <output.dir>/<output.name> for each format, each atomically (a second run the same
     day writes digest-DATE-2.*; an existing file is never overwritten);
  5. only then records the articles and the digest in <state_dir>/state.json (atomically; the
     previous version is kept as state.json.bak) and deletes digests older than
     retention_days (never the newest three; none when the clock looks wrong).
A run that fails or is killed leaves the earlier digests and the state as they were; the next
run removes any output it left unrecorded and starts over.

The budget flags --words, --sentences and --bytes set summary.words, summary.sentences and
summary.bytes; --embeddings sets summary.embeddings; --topic and --topic-file set summary.topic.

Logs: one timestamped line per event on stderr (--log-format json: one JSON object per line);
no colour unless stderr is a terminal; --quiet keeps warnings and errors only.

Exit codes of run:
  0  a digest was written (--check: the configuration is valid)
  1  internal error (a bug: please report it)
  2  usage or configuration error (the message names the file, line and key)
  3  input error: a source path is missing, the new articles hold no usable sentence (or
     none uses a word of summary.topic), or the state file is unreadable or corrupt (the
     message names it; restore state.json.bak or move the file aside)
  4  the embeddings model could not be read
  5  an output could not be written (earlier digests and the state are intact)
  6  nothing new to digest since the last successful run, or the new articles only repeat
     recent digests (no digest written)
  7  another run holds the lock (nothing done; logged as a warning naming its pid)";

/// Write today's digest of the articles collected since the last successful run: the command
/// cron or a systemd timer calls, e.g. `newsdigest run --config /etc/newsdigest.toml`.
///
/// Settings come from the TOML file given with --config (see examples/newsdigest.toml); every
/// option below overrides the key named in brackets.
#[derive(Debug, Args)]
#[command(after_help = RUN_HELP)]
pub struct RunArgs {
    /// Configuration file (TOML). Relative paths in it are relative to its directory.
    #[arg(long, short, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Validate the configuration and the state, and print what a run would read and write
    /// (to stdout), without writing anything or taking the lock.
    #[arg(long)]
    pub check: bool,
    /// Digest the articles dated (published, else file modified) within DURATION before now,
    /// such as 36h, 2d or 1d12h, instead of those not digested yet (to re-run or backfill).
    /// Novelty still leaves out what recent digests said, that day's included: add
    /// --novelty-days 0 to make a day's digest again from scratch.
    #[arg(long, value_name = "DURATION", value_parser = parse_since)]
    pub since: Option<TimeDelta>,
    /// Count the run as happening at TIME (RFC 3339, e.g. 2026-11-23T06:00:00+01:00) instead
    /// of now: the digest's date, the --since window and retention follow it.
    #[arg(long, value_name = "TIME", value_parser = parse_now)]
    pub now: Option<DateTime<Utc>>,
    /// A source directory, file or glob; repeat for several [sources.inputs].
    #[arg(long = "input", value_name = "PATH|GLOB")]
    pub inputs: Vec<String>,
    /// Never digest articles dated (published, else file modified) longer ago than DURATION,
    /// e.g. 3d, so that a first run on an archive does not digest years of it
    /// [sources.max_age].
    #[arg(long, value_name = "DURATION", value_parser = parse_since)]
    pub max_age: Option<TimeDelta>,
    /// Input format [sources.format].
    #[arg(long, value_name = "FORMAT", value_parser = choice::<InputFormat>())]
    pub input_format: Option<InputFormat>,
    /// Directory the digests are written to [output.dir].
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// File-name pattern with {date} and {ext} [output.name].
    #[arg(long, value_name = "PATTERN", value_parser = parse_pattern)]
    pub name: Option<schedule::naming::NamePattern>,
    /// Output format; repeat for several [output.formats].
    #[arg(long = "format", value_name = "FORMAT", value_parser = choice::<OutputFormat>())]
    pub formats: Vec<OutputFormat>,
    /// Delete digests older than N days after a successful run; 0 keeps all
    /// [output.retention_days].
    #[arg(long, value_name = "N")]
    pub retention_days: Option<u32>,
    /// The digest's budget [summary.words, summary.sentences, summary.bytes].
    #[command(flatten)]
    pub budget: BudgetArgs,
    /// How sentences are picked [summary.method].
    #[arg(long, value_name = "METHOD", value_parser = choice::<Method>())]
    pub method: Option<Method>,
    /// Seed for clustering [summary.seed].
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Order of the digest's sentences: reading or rank [summary.order].
    #[arg(long, value_name = "ORDER", value_parser = choice::<Order>())]
    pub order: Option<Order>,
    /// Sections by story: auto (when the articles hold more than one story and are not mostly
    /// one story or topic; with a topic, one digest of the stories on topic), off, or N (at
    /// most N stories) [summary.stories]. A story an earlier digest of the novelty window
    /// carried is marked "(continuing)" and shows only what is new; with nothing new it is
    /// left out (counted in the JSON's meta.continuing_left_out).
    #[arg(long, value_name = "auto|off|N", value_parser = parse_stories)]
    pub stories: Option<StoryMode>,
    /// Each story's word budget in a sectioned digest; the budget stays the total
    /// [summary.story_words].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub story_words: Option<u32>,
    /// The model [summary.embeddings].
    #[command(flatten)]
    pub model: ModelArgs,
    /// Do not repeat sentences of the last N days' digests; 0 turns this off
    /// [summary.novelty_days].
    #[arg(long, value_name = "N")]
    pub novelty_days: Option<u32>,
    /// IANA time zone of the digest's date, e.g. Europe/Berlin [timezone].
    #[arg(long, value_name = "TZ", value_parser = parse_tz)]
    pub timezone: Option<Tz>,
    /// Directory of the state file and the lock [state_dir].
    #[arg(long, value_name = "DIR")]
    pub state_dir: Option<PathBuf>,
    /// Log line format on stderr [log.format].
    #[arg(long, value_name = "FORMAT", value_parser = choice::<LogFormat>())]
    pub log_format: Option<LogFormat>,
    /// Log warnings and errors only [log.quiet].
    #[arg(long, short)]
    pub quiet: bool,
    /// What the digest is about [summary.topic].
    #[command(flatten)]
    pub topic: super::topic_args::TopicArgs,
}

fn parse_since(s: &str) -> Result<TimeDelta, String> {
    parse_duration(s)
}

fn parse_now(s: &str) -> Result<DateTime<Utc>, String> {
    use chrono::Datelike;
    let t = DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| format!("not an RFC 3339 time ({e}), e.g. 2026-11-23T06:00:00Z"))?;
    // A digest's {date} is YYYY-MM-DD in any time zone, and file times start in 1970.
    if !(1970..=9998).contains(&t.year()) {
        return Err("must be a time between the years 1970 and 9998".into());
    }
    Ok(t)
}

fn parse_stories(s: &str) -> Result<StoryMode, String> {
    s.parse()
}

fn parse_tz(s: &str) -> Result<Tz, String> {
    schedule::config::parse_timezone(s)
}

fn parse_pattern(s: &str) -> Result<schedule::naming::NamePattern, String> {
    schedule::naming::NamePattern::parse(s)
}

impl RunArgs {
    /// The flags as the top settings layer (a flag not given leaves the file's value).
    // Field by field: the layer's tables are set key by key, as the flags are given.
    #[allow(clippy::field_reassign_with_default)]
    fn settings(&self, topic: Option<String>) -> Settings {
        let mut s = Settings {
            timezone: self
                .timezone
                .and_then(|t| Setting::flag(Zone(t), "--timezone")),
            state_dir: self
                .state_dir
                .clone()
                .and_then(|d| Setting::flag(d, "--state-dir")),
            ..Settings::default()
        };
        self.where_from_and_to(&mut s);
        self.summary(&mut s.summary, topic);
        s.log.format = self
            .log_format
            .and_then(|f| Setting::flag(Named(f), "--log-format"));
        s.log.quiet = self
            .quiet
            .then_some(true)
            .and_then(|q| Setting::flag(q, "--quiet"));
        s
    }

    /// The sources and the outputs.
    fn where_from_and_to(&self, s: &mut Settings) {
        s.sources.inputs = (!self.inputs.is_empty())
            .then(|| self.inputs.clone())
            .and_then(|v| Setting::flag(v, "--input"));
        s.sources.format = self
            .input_format
            .and_then(|f| Setting::flag(Named(f), "--input-format"));
        s.sources.max_age = self
            .max_age
            .and_then(|d| Setting::flag(Duration(d), "--max-age"));
        s.output.dir = self
            .output_dir
            .clone()
            .and_then(|d| Setting::flag(d, "--output-dir"));
        s.output.name = self
            .name
            .clone()
            .and_then(|p| Setting::flag(Pattern(p), "--name"));
        let formats: Vec<Named<OutputFormat>> = self.formats.iter().map(|&f| Named(f)).collect();
        s.output.formats = (!formats.is_empty())
            .then_some(formats)
            .and_then(|f| Setting::flag(f, "--format"));
        s.output.retention_days = self
            .retention_days
            .and_then(|d| Setting::flag(d, "--retention-days"));
    }

    fn summary(&self, s: &mut SummaryLayer, topic: Option<String>) {
        let n = |v: Option<u32>, flag| v.and_then(|x| Setting::flag(Positive(x as usize), flag));
        s.words = n(self.budget.words, "--words");
        s.sentences = n(self.budget.sentences, "--sentences");
        s.bytes = n(self.budget.bytes, "--bytes");
        s.method = self
            .method
            .and_then(|m| Setting::flag(Named(m), "--method"));
        s.seed = self.seed.and_then(|v| Setting::flag(v, "--seed"));
        s.order = self.order.and_then(|o| Setting::flag(Named(o), "--order"));
        s.stories = self
            .stories
            .and_then(|m| Setting::flag(Stories(m), "--stories"));
        s.story_words = n(self.story_words, "--story-words");
        s.embeddings = self
            .model
            .embeddings
            .clone()
            .and_then(|p| Setting::flag(p, "--embeddings"));
        s.topic = topic.and_then(|t| Setting::flag(t, "--topic"));
        s.novelty_days = self
            .novelty_days
            .and_then(|d| Setting::flag(d, "--novelty-days"));
    }
}

pub fn run(args: RunArgs) -> CommandResult {
    // Until the file is read, log as the flags say.
    let early = Logger::new(args.log_format.unwrap_or_default(), args.quiet);
    let topic = match args.topic.text() {
        Ok(t) => t,
        Err(e) => return Ok(fail(&early, &e)),
    };
    let cfg = match schedule::resolve(
        args.config.as_deref(),
        args.settings(topic),
        Once {
            since: args.since,
            now: args.now,
        },
    ) {
        Ok(cfg) => cfg,
        Err(e) => return Ok(fail(&early, &e)),
    };
    let log = Logger::new(cfg.log_format, cfg.quiet);
    if args.check {
        return match schedule::check(&cfg) {
            Ok(report) => match crate::output::write_stdout(report.as_bytes()) {
                Ok(()) => Ok(ExitStatus::Success),
                Err(e) => Ok(fail(&log, &e)),
            },
            Err(e) => Ok(fail(&log, &e)),
        };
    }
    match schedule::run(&cfg, &log) {
        Ok(outcome) => Ok(log_outcome(&log, &outcome)),
        Err(e) => Ok(fail(&log, &e)),
    }
}

/// The run's last log line, and its exit code.
fn log_outcome(log: &Logger, outcome: &Outcome) -> ExitStatus {
    match outcome {
        Outcome::Written {
            files,
            articles,
            sentences,
            ..
        } => {
            let files: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
            log.info(
                &format!(
                    "done: digest of {articles} article(s), {sentences} sentence(s) in {}",
                    files.join(", ")
                ),
                &schedule::run::outcome_fields(outcome),
            );
            ExitStatus::Success
        }
        Outcome::NothingNew { reason } => {
            log.info(
                &format!("nothing new to digest: {reason}"),
                &[("exit", json!(ExitStatus::NothingNew.code()))],
            );
            ExitStatus::NothingNew
        }
    }
}

/// One log line for the error (in the configured format), and its exit code. Another run
/// holding the lock is no error of this one (normal when a run is slow), but is still a
/// warning, which `--quiet` keeps: runs locked out day after day mean a stuck process.
fn fail(log: &Logger, e: &crate::error::Error) -> ExitStatus {
    let status = e.exit_status();
    let fields = [("exit", json!(status.code()))];
    match status {
        ExitStatus::Locked => log.warn(&e.to_string(), &fields),
        _ => log.error(&e.to_string(), &fields),
    }
    status
}
