//! `newsdigest summarize`: articles in, one digest out.

use super::choice::choice;
use super::common::{BudgetArgs, ModelArgs, ProgressArgs};
use super::CommandResult;
use crate::config::{Method, Order, StoryMode, SummaryConfig, DEFAULT_STORY_WORDS};
use crate::error::{Error, ExitStatus};
use crate::language;
use crate::output::{self, ReadRole};
use crate::pipeline::{self, Digest};
use crate::read;
use crate::render::{self, OutputFormat};
use clap::Args;
use std::path::PathBuf;

/// Write a short, non-redundant digest made only of sentences taken from the input articles.
///
/// Budget: the digest never exceeds any limit given (--words, --sentences, --bytes); without any,
/// it is 100 words. Sentences are never cut: the last one that would cross the budget is left
/// out (a shorter one that fits may take its place). With --overflow (benchmark mode) the last
/// sentence may cross the word/byte budget, as DUC systems did; ROUGE's limit then cuts it.
#[derive(Debug, Args)]
pub struct SummarizeArgs {
    /// Article files, directories (searched recursively for text, Markdown, HTML, feed and
    /// JSONL files; hidden entries, FIFOs and devices skipped) or - for stdin. Each input is
    /// read up to 64 MiB; a named FIFO waits 5 s for a writer.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub budget: BudgetArgs,
    /// Let the last sentence cross the word/byte budget (for ROUGE benchmarks); it is printed
    /// last, so that a cut at the budget falls on it.
    #[arg(long)]
    pub overflow: bool,
    /// Output format.
    #[arg(long, value_parser = choice::<OutputFormat>(), default_value = "text")]
    pub format: OutputFormat,
    /// Write to FILE atomically (temporary file, then rename) instead of stdout; - is stdout.
    /// A symlink's target is replaced (the link stays); a FIFO or device is written through, and
    /// /dev/stdout or /dev/fd/N at the end of what the shell opened; a file the run reads (an
    /// input, a --seen article, the --topic-file, the --embeddings model) is refused.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub model: ModelArgs,
    /// How sentences are picked: newsdigest's own method or a baseline.
    #[arg(long, value_parser = choice::<Method>(), default_value = "cluster")]
    pub method: Method,
    /// Seed for clustering and the random baseline: same input, options and seed give
    /// byte-identical output.
    #[arg(long, default_value_t = crate::config::DEFAULT_SEED, value_name = "N")]
    pub seed: u64,
    /// Order of the digest's sentences.
    #[arg(long, value_parser = choice::<Order>(), default_value = "reading", value_name = "ORDER")]
    pub order: Order,
    /// Sections by story: auto (sections when the input holds more than one story, a plain
    /// digest for one, or for an input that is mostly one story or one topic;
    /// with --topic, one plain digest of the stories on topic), off (one digest of everything), or N (at most N stories). Stories are
    /// ranked by distinct outlets, then articles, then recency. A story of --seen articles is
    /// marked "(continuing)" and shows only what is new.
    #[arg(long, default_value = "auto", value_name = "auto|off|N", value_parser = parse_stories)]
    pub stories: StoryMode,
    /// Each story's word budget in a sectioned digest; --words stays the total, filled story
    /// by story in rank order: each story gets N words or what is left of the total, whichever
    /// is less (whole sentences, never cut), and a story starts only while N/2 words are left.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_STORY_WORDS as u32,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub story_words: u32,
    /// Also print the clusters, their weights and every candidate's score (to stderr; included
    /// in --format json).
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub topic: super::topic_args::TopicArgs,
    #[command(flatten)]
    pub seen: super::topic_args::SeenArgs,
    #[command(flatten)]
    pub input: super::input_args::InputArgs,
    #[command(flatten)]
    pub progress: ProgressArgs,
}

fn parse_stories(s: &str) -> Result<StoryMode, String> {
    s.parse()
}

impl SummarizeArgs {
    /// Resolve the flags into the summariser's configuration.
    pub fn config(&self) -> SummaryConfig {
        SummaryConfig {
            budget: self.budget.budget().unwrap_or_default(),
            overflow: self.overflow,
            method: self.method,
            seed: self.seed,
            order: self.order,
            stories: self.stories,
            story_words: self.story_words as usize,
            explain: self.explain,
            ..SummaryConfig::default()
        }
    }
}

pub fn run(args: SummarizeArgs) -> CommandResult {
    let progress = args.progress.progress();
    // Before anything is read: a digest must replace no file the run reads.
    output::refuse_read_as_output(
        args.output.as_deref(),
        &[
            (ReadRole::Input, &args.inputs),
            (ReadRole::Seen, &args.seen.seen),
            (ReadRole::TopicFile, args.topic.topic_file.as_slice()),
            (ReadRole::Embeddings, args.model.embeddings.as_slice()),
        ],
    )?;
    let topic = args.topic.topic()?;
    let model = args.model.load()?;
    // The seen articles are read the same way, without counting them as progress.
    let quiet_options = args.input.read_options()?;
    let read_options = read::ReadOptions {
        progress: progress.clone(),
        ..quiet_options.clone()
    };
    let config = SummaryConfig {
        topic,
        ..args.config()
    };
    let context = pipeline::RunContext {
        progress: progress.clone(),
        seen: args.seen.articles(&quiet_options)?.into(),
        ..Default::default()
    };
    let articles = read::read_inputs(&args.inputs, &read_options)?;
    let digest = pipeline::summarize(&articles, &config, &context, &model);
    progress.clear();
    let digest = digest?;
    if let Some(warning) = language::skipped_warning(&digest.meta.languages_skipped) {
        crate::warn_line!("newsdigest: warning: {warning}");
    }
    if digest.sentences.is_empty() {
        return Err(Error::Input(digest.why_empty()));
    }
    if args.explain {
        {
            use std::io::Write as _;
            let _ = write!(std::io::stderr(), "{}", explain_report(&digest));
        }
    }
    let rendered = render::render(&digest, args.format);
    output::emit(args.output.as_deref(), rendered.as_bytes())?;
    Ok(ExitStatus::Success)
}

/// Human-readable account of the clusters and candidate scores.
fn explain_report(digest: &Digest) -> String {
    let Some(explain) = &digest.explain else {
        return format!("explain: method {:?} has no clusters\n", digest.meta.method);
    };
    let mut out = String::new();
    for c in &explain.clusters {
        out.push_str(&format!(
            "cluster {:>3}  weight {:>7.3}  sentences {:>3}  articles {:>2}\n",
            c.id, c.weight, c.size, c.articles
        ));
        for cand in &c.candidates {
            out.push_str(&format!(
                "  {} {:>7.3}  {}  [{}]\n",
                if cand.chosen { "*" } else { " " },
                cand.score,
                cand.text,
                crate::stdio::printable(&cand.article)
            ));
        }
    }
    out
}
