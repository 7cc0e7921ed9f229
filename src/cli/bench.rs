//! `newsdigest bench`: summarise a whole dataset with several methods and score them.

use super::choice::choice;
use super::common::{ModelArgs, ProgressArgs};
use super::CommandResult;
use crate::bench::{self, BenchOptions, Cluster, TopicMode};
use crate::config::Method;
use crate::error::{Error, ExitStatus, Result};
use crate::output::{ReadFiles, ReadRole};
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use std::time::Instant;

mod mix;
pub use mix::MixArgs;

/// Summarise every cluster of a dataset with each method and score the summaries with the
/// built-in ROUGE under the standard DUC flags (ROUGE-1.5.5 `-n 4 -x -m -2 4 -u -l 100 -p 0.5
/// -c 95 -r 1000 -f A -t 0 -a`, `-l` following --words): one row per method with ROUGE-1, -2 and
/// -SU4 recall, their 95 % bootstrap intervals, and the time to summarise one cluster.
///
/// DATASET_DIR/<cluster>/docs/*.txt are the articles of each cluster and
/// DATASET_DIR/<cluster>/refs/*.txt its reference summaries (read as `newsdigest eval` reads
/// them; a cluster without any is left out of the scores with a warning);
/// DATASET_DIR/<cluster>/query.txt, when present, its topic statement (first line a title),
/// used with --topic-from-query.
/// Summaries are made in benchmark mode: the last sentence may cross the word budget, as DUC
/// systems did; ROUGE cuts it.
///
/// Update layout (DUC 2007 update task): DATASET_DIR/<topic>/{A,B,C}/{docs,refs} (and
/// <topic>/query.txt), sets in time order. Each set is a cluster <topic>-A, <topic>-B, … scored
/// against its own references; B is summarised for a reader who has read A, C for one who has
/// read A and B (the earlier sets are --seen), unless --no-seen.
///
/// With --mix, story detection is measured instead: the articles of every cluster of every
/// DATASET_DIR are poured into one input, grouped into stories, and the grouping is compared
/// with the true clusters (adjusted Rand index, purity, stories found vs true, time), e.g.
/// `newsdigest bench --mix data/duc2003 data/duc2007`. --unlabelled DIR adds plain articles
/// (any input directory) as distractors; --top N lists the N best-ranked stories.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Dataset directory: <cluster>/docs/*.txt and <cluster>/refs/*.txt (several with --mix).
    #[arg(value_name = "DATASET_DIR")]
    pub datasets: Vec<PathBuf>,
    #[command(flatten)]
    pub mix: MixArgs,
    /// Methods to run, comma-separated.
    #[arg(
        long,
        value_parser = choice::<Method>(),
        value_delimiter = ',',
        default_value = "cluster,lead,centroid,lexrank,random"
    )]
    pub method: Vec<Method>,
    /// Summary length in words (and ROUGE's -l).
    #[arg(long, default_value_t = crate::config::DEFAULT_WORDS as u32, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub words: u32,
    /// Also write every summary as DIR/<method>/<cluster>.txt, and the references as
    /// DIR/refs/<cluster>/*.txt, for rescoring (`newsdigest eval --refs DIR/refs --system
    /// DIR/<method>`) or for other tools. A file there that the run reads (a --seen article,
    /// the --topic-file, the --embeddings model) is refused.
    #[arg(long, value_name = "DIR")]
    pub save: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = BenchFormat::Table)]
    pub format: BenchFormat,
    /// Re-join each article into one block (all its paragraphs on one line) before
    /// summarising, as a JSONL export or an agency feed gives articles: measures how much the
    /// scores depend on the input's paragraphing.
    #[arg(long)]
    pub flatten: bool,
    #[command(flatten)]
    pub model: ModelArgs,
    /// Seed for clustering and the random baseline.
    #[arg(long, default_value_t = crate::config::DEFAULT_SEED, value_name = "N")]
    pub seed: u64,
    /// Threads summarising clusters in parallel (default: the number of cores). The scores do
    /// not depend on it.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub jobs: Option<u32>,
    #[command(flatten)]
    pub topic: super::topic_args::TopicArgs,
    /// Summarise each cluster for its own topic statement, <cluster>/query.txt (a cluster
    /// without one gets a generic digest).
    #[arg(long, conflicts_with_all = ["topic", "topic_file"])]
    pub topic_from_query: bool,
    #[command(flatten)]
    pub seen: super::topic_args::SeenArgs,
    /// Update layout: summarise each set alone, without the earlier sets as seen.
    #[arg(long)]
    pub no_seen: bool,
    #[command(flatten)]
    pub progress: ProgressArgs,
}

/// How `bench` prints its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BenchFormat {
    /// A Markdown table, readable as text.
    Table,
    /// The full report (per-cluster recall included) for scripts.
    Json,
}

pub fn run(args: BenchArgs) -> CommandResult {
    if args.mix.mix {
        return mix::run(&args);
    }
    let [dataset] = args.datasets.as_slice() else {
        return Err(Error::Usage(
            "bench: give exactly one DATASET_DIR (several only with --mix)".into(),
        ));
    };
    let start = Instant::now();
    let opts = bench_options(&args)?;
    let mut clusters = bench::load_dataset(dataset)?;
    refuse_read_as_saved(&args, &clusters, &opts.methods)?;
    if args.flatten {
        bench::flatten::flatten(&mut clusters);
    }
    // One model for the whole run: loading it is the costliest step of a small run.
    let model = args.model.load()?;
    let dataset = mix::dataset_name(dataset);
    let report = bench::run(&dataset, &clusters, &model, &opts)?;
    let out = match args.format {
        BenchFormat::Table => format!(
            "{}\ntotal wall time {:.2} s (model load, reading, summarising, scoring)\n",
            bench::render_table(&report),
            start.elapsed().as_secs_f64()
        ),
        BenchFormat::Json => json_text(&report)?,
    };
    crate::output::write_stdout(out.as_bytes())?;
    Ok(ExitStatus::Success)
}

/// The run's options from its flags: each method once, in the order given; the topic; the
/// seen articles.
fn bench_options(args: &BenchArgs) -> Result<BenchOptions> {
    let mut methods: Vec<Method> = Vec::new();
    for m in &args.method {
        if !methods.contains(m) {
            methods.push(*m);
        }
    }
    if methods.is_empty() {
        return Err(Error::Usage("bench: no --method given".into()));
    }
    let topic = match args.topic.topic()? {
        Some(t) => TopicMode::Fixed(t),
        None if args.topic_from_query => TopicMode::FromQuery,
        None => TopicMode::Generic,
    };
    let seen = args.seen.articles(&Default::default())?;
    Ok(BenchOptions {
        methods,
        words: args.words as usize,
        seed: args.seed,
        save: args.save.clone(),
        jobs: jobs(args),
        progress: args.progress.progress(),
        topic,
        seen: seen.into(),
        update_seen: !args.no_seen,
    })
}

/// Refuse (exit 2) a `--save DIR` that would write over a file the run reads besides the
/// dataset (a --seen article, the --topic-file, the model): summaries saved by an earlier run
/// are a natural --seen folder. (The save layout, `DIR/<method>/…` and `DIR/refs/<cluster>/…`,
/// cannot reach a dataset's own `<cluster>/docs` files.)
fn refuse_read_as_saved(args: &BenchArgs, clusters: &[Cluster], methods: &[Method]) -> Result<()> {
    let Some(dir) = &args.save else {
        return Ok(());
    };
    let written: Vec<PathBuf> = bench::saved_files(dir, clusters, methods)
        .into_iter()
        .filter(|f| f.is_file())
        .collect();
    if written.is_empty() {
        return Ok(());
    }
    let reads = ReadFiles::of(&[
        (ReadRole::Seen, &args.seen.seen),
        (ReadRole::TopicFile, args.topic.topic_file.as_slice()),
        (ReadRole::Embeddings, args.model.embeddings.as_slice()),
    ]);
    written
        .iter()
        .try_for_each(|f| reads.refuse("--save", dir, f))
}

/// `--jobs`, else one thread per core.
fn jobs(args: &BenchArgs) -> usize {
    args.jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, usize::from),
        |j| j as usize,
    )
}

/// A report as pretty JSON, one trailing newline.
fn json_text<T: serde::Serialize>(report: &T) -> Result<String> {
    let mut s = serde_json::to_string_pretty(report)
        .map_err(|e| Error::Internal(format!("cannot serialise the report: {e}")))?;
    s.push('\n');
    Ok(s)
}
