//! `newsdigest summarize`: articles in, one digest out.

use super::CommandResult;
use crate::config::{Budget, Method, SummaryConfig};
use crate::embeddings::WordEmbeddings;
use crate::error::ExitStatus;
use crate::output;
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
    /// JSONL files; hidden entries skipped) or - for stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Maximum number of words.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub words: Option<u32>,
    /// Maximum number of sentences.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub sentences: Option<u32>,
    /// Maximum number of bytes of the text output (sentences plus newlines).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub bytes: Option<u32>,
    /// Let the last sentence cross the word/byte budget (for ROUGE benchmarks).
    #[arg(long)]
    pub overflow: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Write to FILE atomically (temporary file, then rename) instead of stdout; - is stdout.
    /// A FIFO or device (/dev/stdout) is written through; an input is refused.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Word-embedding model (finalfusion, word2vec binary, GloVe/word2vec text, fastText .bin).
    /// Default: the model compiled into the binary.
    #[arg(long, value_name = "PATH")]
    pub embeddings: Option<PathBuf>,
    /// How sentences are picked: newsdigest's own method or a baseline.
    #[arg(long, value_enum, default_value_t = Method::Cluster)]
    pub method: Method,
    /// Seed for clustering and the random baseline: same input, options and seed give
    /// byte-identical output.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Also print the clusters, their weights and every candidate's score (to stderr; included
    /// in --format json).
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub input: super::input_args::InputArgs,
}

impl SummarizeArgs {
    /// Resolve the flags into the summariser's configuration.
    pub fn config(&self) -> SummaryConfig {
        let given = |v: Option<u32>| v.map(|n| n as usize);
        let budget = if self.words.is_none() && self.sentences.is_none() && self.bytes.is_none() {
            Budget::default()
        } else {
            Budget {
                words: given(self.words),
                sentences: given(self.sentences),
                bytes: given(self.bytes),
            }
        };
        SummaryConfig {
            budget,
            overflow: self.overflow,
            method: self.method,
            seed: self.seed,
            explain: self.explain,
            ..SummaryConfig::default()
        }
    }
}

pub fn run(args: SummarizeArgs) -> CommandResult {
    let config = args.config();
    let model = match &args.embeddings {
        Some(path) => WordEmbeddings::load(path)?,
        None => WordEmbeddings::default_model()?,
    };
    output::refuse_input_as_output(args.output.as_deref(), &args.inputs)?;
    let articles = read::read_inputs(&args.inputs, &args.input.read_options()?)?;
    let digest = pipeline::summarize(&articles, &config, &model)?;
    if args.explain {
        eprint!("{}", explain_report(&digest));
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
                cand.article
            ));
        }
    }
    out
}
