//! The benchmark: summarise every cluster of a dataset with several methods and score the
//! summaries with the built-in ROUGE under the standard DUC flags, in one run.
//!
//! Dataset layout: `DATASET_DIR/<cluster>/docs/*.txt` (the articles of each cluster) and
//! `DATASET_DIR/<cluster>/refs/*.txt` (its human reference summaries). Summaries are made as
//! DUC systems made them: the word budget, with the last sentence allowed to cross it
//! (`overflow`), ROUGE's `-l` cutting both summary and references to the budget.

pub mod flatten;
pub mod stories;

use crate::choice::Choice;
use crate::config::{Budget, Method, StoryMode, SummaryConfig};
use crate::embeddings::WordEmbeddings;
use crate::error::{Error, Result};
use crate::output::write_atomic;
use crate::pipeline;
use crate::read::{self, Article, ReadOptions};
use crate::render::{self, OutputFormat};
use crate::rouge::{self, Estimate, RougeOptions};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

mod table;
pub mod topic;
pub mod update;

pub use table::render_table;

pub use topic::TopicMode;

/// The metrics the table reports (recall), as ROUGE-1.5.5 names them.
pub const METRICS: [&str; 3] = ["ROUGE-1", "ROUGE-2", "ROUGE-SU4"];

/// ROUGE-1.5.5 flags of the benchmark for a word budget: the DUC standard
/// (`-n 4 -x -m -2 4 -u -l 100 -p 0.5 -c 95 -r 1000 -f A -t 0 -a` at 100 words).
pub fn rouge_flags(words: usize) -> String {
    format!("-n 4 -x -m -2 4 -u -l {words} -p 0.5 -c 95 -r 1000 -f A -t 0 -a")
}

/// One topic of a dataset: its articles and its reference summaries.
#[derive(Debug, Clone)]
pub struct Cluster {
    pub name: String,
    pub articles: Vec<Article>,
    /// Reference summaries in file-name order (`refs/*.txt`), as raw bytes for the scorer.
    pub refs: Vec<Vec<u8>>,
    /// File names of the references (for `--save`).
    pub ref_names: Vec<String>,
    /// Where the references are read from, `<cluster>/refs` (for the warning when it holds none).
    pub refs_dir: PathBuf,
    /// The cluster's topic statement (`query.txt`), used with `--topic-from-query`.
    pub query: Option<crate::topic::Topic>,
    /// Articles its reader has read before (the earlier sets of an update topic).
    pub seen: std::sync::Arc<[Article]>,
}

/// Load `dir/<cluster>/docs/*.txt` and `dir/<cluster>/refs/*.txt` (and `query.txt`), clusters
/// sorted by name; an update topic `dir/<topic>/{A,B,C}/…` gives one cluster per set
/// ([`update`]). A directory without `docs/` is not a cluster and is skipped; a cluster
/// without references is loaded (its articles may be an update set's seen ones, or a story of
/// `--mix`), and [`run`] leaves it out of the scores.
pub fn load_dataset(dir: &Path) -> Result<Vec<Cluster>> {
    if !dir.is_dir() {
        return Err(Error::input(
            dir,
            "not a dataset directory (<cluster>/docs/*.txt and <cluster>/refs/*.txt)",
        ));
    }
    let mut clusters = Vec::new();
    for path in sorted_entries(dir)? {
        let name = file_name(&path);
        if update::is_update_topic(&path) {
            clusters.extend(update::load_topic(&path, &name)?);
        } else if path.join("docs").is_dir() {
            clusters.push(load_cluster(&path, name)?);
        }
    }
    if clusters.is_empty() {
        return Err(Error::input(
            dir,
            "no cluster found (expected <cluster>/docs/*.txt and <cluster>/refs/*.txt)",
        ));
    }
    Ok(clusters)
}

/// The cluster at `path`: `docs/`, `refs/` and perhaps `query.txt`.
fn load_cluster(path: &Path, name: String) -> Result<Cluster> {
    let articles = read::read_inputs(&[path.join("docs")], &ReadOptions::default())?;
    let mut refs = Vec::new();
    let mut ref_names = Vec::new();
    let refs_dir = path.join("refs");
    if refs_dir.is_dir() {
        for r in sorted_entries(&refs_dir)? {
            if r.is_file() && r.extension().is_some_and(|e| e == "txt") {
                let bytes = crate::read::read_capped(
                    &r,
                    crate::read::MAX_INPUT_BYTES,
                    crate::read::Special::Refuse,
                )
                .map_err(|e| Error::read_io(&r, e))?;
                // As `eval` reads references: UTF-16 decoded, an empty one said.
                refs.push(crate::rouge::files::reference_bytes(&r, bytes)?);
                ref_names.push(file_name(&r));
            }
        }
    }
    Ok(Cluster {
        name,
        articles,
        refs,
        ref_names,
        refs_dir,
        query: topic::query(path)?,
        seen: std::sync::Arc::from(Vec::new()),
    })
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| Error::read_io(dir, e))? {
        let entry = entry.map_err(|e| Error::read_io(dir, e))?;
        // Hidden entries (.DS_Store, editor files) are not part of a dataset.
        if !entry.file_name().to_string_lossy().starts_with('.') {
            out.push(entry.path());
        }
    }
    out.sort();
    Ok(out)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// What to run.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    pub methods: Vec<Method>,
    pub words: usize,
    pub seed: u64,
    /// Write every summary as `DIR/<method>/<cluster>.txt` (and the references as
    /// `DIR/refs/<cluster>/<name>.txt`, so `newsdigest eval` can rescore them).
    pub save: Option<PathBuf>,
    /// Threads summarising clusters in parallel (results do not depend on it).
    pub jobs: usize,
    /// Counts the clusters summarised (hidden unless the command line enables it).
    pub progress: crate::progress::Progress,
    /// Which topic each cluster is summarised for.
    pub topic: TopicMode,
    /// Articles every cluster's reader has seen (`--seen`).
    pub seen: std::sync::Arc<[Article]>,
    /// Summarise the later sets of an update topic for a reader of the earlier ones.
    pub update_seen: bool,
}

/// Recall of one metric with its 95 % interval (fractions, as ROUGE prints them).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricRecall {
    pub metric: String,
    pub recall: Estimate,
}

/// One method's results over the dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MethodReport {
    pub method: Method,
    pub metrics: Vec<MetricRecall>,
    /// Mean wall time of one `summarize` call on a cluster (articles already read), ms.
    pub ms_per_cluster: f64,
    /// Mean summary length in words (before ROUGE's cut).
    pub mean_words: f64,
    /// Per-cluster ROUGE recall, `metric -> cluster -> recall`.
    pub per_cluster: BTreeMap<String, BTreeMap<String, f64>>,
    /// Clusters for which the method produced no summary (scored as empty summaries).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failed: Vec<FailedCluster>,
}

/// A cluster a method could not summarise, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FailedCluster {
    pub cluster: String,
    pub reason: String,
}

impl MethodReport {
    pub fn recall(&self, metric: &str) -> Option<&Estimate> {
        self.metrics
            .iter()
            .find(|m| m.metric == metric)
            .map(|m| &m.recall)
    }
}

/// The whole benchmark run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenchReport {
    pub dataset: String,
    /// Clusters scored.
    pub clusters: usize,
    /// Clusters left out of the scores: they have no reference summary.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub clusters_left_out: Vec<String>,
    pub words: usize,
    pub seed: u64,
    /// ROUGE-1.5.5 flags the scores were computed with.
    pub rouge: String,
    pub model: String,
    pub methods: Vec<MethodReport>,
    /// Wall time to score all summaries, ms.
    pub scoring_ms: f64,
}

/// Summarise every cluster with references with every method, score, and (optionally) save
/// the summaries. A cluster without references is left out with a warning, as `eval` leaves
/// it out; none left is an input error.
pub fn run(
    dataset: &str,
    clusters: &[Cluster],
    model: &WordEmbeddings,
    opts: &BenchOptions,
) -> Result<BenchReport> {
    let flags = rouge_flags(opts.words);
    let rouge_opts = RougeOptions::from_rouge155(&flags)?;
    let kept: Vec<Cluster>;
    let (clusters, left_out) = match with_references(clusters) {
        (None, _) => (clusters, Vec::new()),
        (Some(scorable), left_out) => {
            kept = scorable;
            (kept.as_slice(), left_out)
        }
    };
    if clusters.is_empty() {
        return Err(Error::Input(format!(
            "{dataset}: no cluster has reference summaries (<cluster>/refs/*.txt)"
        )));
    }
    let configs = method_configs(opts);
    opts.progress
        .stage("summarising", clusters.len() * configs.len());
    let results = summarise_all(clusters, &configs, model, opts);
    opts.progress.clear();
    let (mut reports, systems) = gather(clusters, &configs, &results?);
    if let Some(dir) = &opts.save {
        save(dir, clusters, &systems)?;
    }
    let start = Instant::now();
    opts.progress.stage("scoring", 0);
    let scored = score(&mut reports, &systems, clusters, &rouge_opts, &flags);
    opts.progress.clear();
    scored?;
    Ok(BenchReport {
        dataset: dataset.to_string(),
        clusters: clusters.len(),
        clusters_left_out: left_out,
        words: opts.words,
        seed: opts.seed,
        rouge: flags,
        model: model.name().to_string(),
        methods: reports,
        scoring_ms: start.elapsed().as_secs_f64() * 1000.0,
    })
}

/// The clusters that have references (`None` when all have), and the names of those left
/// out, each said in a warning that names the files its `refs/` holds under another extension.
fn with_references(clusters: &[Cluster]) -> (Option<Vec<Cluster>>, Vec<String>) {
    if clusters.iter().all(|c| !c.refs.is_empty()) {
        return (None, Vec::new());
    }
    let mut left_out = Vec::new();
    for c in clusters.iter().filter(|c| c.refs.is_empty()) {
        let unread = crate::rouge::files::unread_references(&c.refs_dir);
        let line = format!(
            "cluster '{}' has no reference summary: left out of every method's scores{}",
            c.name,
            crate::rouge::files::unread_note(&unread)
        );
        crate::warn_line!("newsdigest: warning: {}", crate::stdio::printable(&line));
        left_out.push(c.name.clone());
    }
    let kept = clusters.iter().filter(|c| !c.refs.is_empty()).cloned();
    (Some(kept.collect()), left_out)
}

/// One configuration per method: the word budget as DUC systems met it (the last sentence
/// may cross it), never sectioned (a cluster is one topic with one reference digest).
fn method_configs(opts: &BenchOptions) -> Vec<SummaryConfig> {
    opts.methods
        .iter()
        .map(|&method| SummaryConfig {
            budget: Budget {
                words: Some(opts.words),
                sentences: None,
                bytes: None,
            },
            overflow: true,
            method,
            seed: opts.seed,
            stories: StoryMode::Off,
            ..SummaryConfig::default()
        })
        .collect()
}

/// Summaries of one system, by cluster name.
type System = (String, BTreeMap<String, String>);

/// Each method's report (not yet scored) and summaries, from the results of
/// [`summarise_all`] (method-major).
fn gather(
    clusters: &[Cluster],
    configs: &[SummaryConfig],
    results: &[Summarised],
) -> (Vec<MethodReport>, Vec<System>) {
    let n = clusters.len().max(1) as f64;
    let mut systems = Vec::new();
    let mut reports = Vec::new();
    for (m, config) in configs.iter().enumerate() {
        let mut summaries = BTreeMap::new();
        let mut failed = Vec::new();
        let (mut words, mut ms) = (0usize, 0f64);
        for (c, cluster) in clusters.iter().enumerate() {
            let done = &results[m * clusters.len() + c];
            if let Some(why) = &done.failed {
                failed.push(FailedCluster {
                    cluster: cluster.name.clone(),
                    reason: why.clone(),
                });
            }
            words += done.text.split_whitespace().count();
            ms += done.ms;
            summaries.insert(cluster.name.clone(), done.text.clone());
        }
        reports.push(MethodReport {
            method: config.method,
            metrics: Vec::new(),
            ms_per_cluster: ms / n,
            mean_words: words as f64 / n,
            per_cluster: BTreeMap::new(),
            failed,
        });
        systems.push((config.method.name().to_string(), summaries));
    }
    (reports, systems)
}

/// Score every system against the clusters' references and fill in the reports' recalls.
fn score(
    reports: &mut [MethodReport],
    systems: &[System],
    clusters: &[Cluster],
    rouge_opts: &RougeOptions,
    flags: &str,
) -> Result<()> {
    let refs: BTreeMap<String, Vec<&[u8]>> = clusters
        .iter()
        .map(|c| (c.name.clone(), c.refs.iter().map(Vec::as_slice).collect()))
        .collect();
    let as_bytes: Vec<(String, BTreeMap<String, &[u8]>)> = systems
        .iter()
        .map(|(name, s)| {
            let texts = s.iter().map(|(k, v)| (k.clone(), v.as_bytes())).collect();
            (name.clone(), texts)
        })
        .collect();
    let evaluation = rouge::evaluate(&as_bytes, &refs, rouge_opts)?;
    for report in reports {
        let scores = evaluation.system(report.method.name()).ok_or_else(|| {
            Error::Internal(format!("no ROUGE scores for {}", report.method.name()))
        })?;
        for metric in METRICS {
            let m = scores.metric(metric).ok_or_else(|| {
                Error::Internal(format!("ROUGE did not compute {metric} under {flags}"))
            })?;
            report.metrics.push(MetricRecall {
                metric: metric.to_string(),
                recall: m.recall,
            });
            report.per_cluster.insert(
                metric.to_string(),
                m.per_cluster
                    .iter()
                    .map(|(c, s)| (c.clone(), s.recall))
                    .collect(),
            );
        }
    }
    Ok(())
}

/// One summary made by the benchmark.
struct Summarised {
    text: String,
    /// Wall time of the `summarize` call, ms.
    ms: f64,
    /// Why the method gave no summary (input errors only).
    failed: Option<String>,
}

fn summarise_one(
    cluster: &Cluster,
    config: &SummaryConfig,
    model: &WordEmbeddings,
    opts: &BenchOptions,
) -> Result<Summarised> {
    let start = Instant::now();
    let config = &topic::cluster_config(config, cluster, opts);
    let context = &topic::cluster_context(cluster, opts);
    let (text, failed) = match pipeline::summarize(&cluster.articles, config, context, model) {
        Ok(digest) => (render::render(&digest, OutputFormat::Text), None),
        // A cluster with nothing usable scores zero rather than ending the run.
        Err(Error::Input(why)) => (String::new(), Some(why)),
        Err(e) => return Err(e),
    };
    Ok(Summarised {
        text,
        ms: start.elapsed().as_secs_f64() * 1000.0,
        failed,
    })
}

/// Every (method, cluster) summary, method-major, on `jobs` threads. Each summary depends only
/// on its cluster, method and seed, so the results do not depend on the number of threads.
fn summarise_all(
    clusters: &[Cluster],
    configs: &[SummaryConfig],
    model: &WordEmbeddings,
    opts: &BenchOptions,
) -> Result<Vec<Summarised>> {
    let total = clusters.len() * configs.len();
    let task = |i: usize| {
        let done = summarise_one(
            &clusters[i % clusters.len()],
            &configs[i / clusters.len()],
            model,
            opts,
        );
        opts.progress.inc();
        done
    };
    let jobs = opts.jobs.clamp(1, total.max(1));
    if jobs == 1 {
        return (0..total).map(task).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, Result<Summarised>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= total {
                            break mine;
                        }
                        mine.push((i, task(i)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join().unwrap_or_else(|_| {
                    vec![(
                        0,
                        Err(Error::Internal("a benchmark thread panicked".into())),
                    )]
                })
            })
            .collect()
    });
    // Back to task order, so that the first error reported is the same on every run.
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// `DIR/<method>/<cluster>.txt` and `DIR/refs/<cluster>/<ref>.txt`.
fn save(dir: &Path, clusters: &[Cluster], systems: &[System]) -> Result<()> {
    let mkdir = |d: &Path| fs::create_dir_all(d).map_err(|e| Error::write_io(d, e));
    for (method, summaries) in systems {
        mkdir(&dir.join(method))?;
        for (cluster, text) in summaries {
            write_atomic(&summary_path(dir, method, cluster), text.as_bytes())?;
        }
    }
    for c in clusters {
        mkdir(&dir.join("refs").join(&c.name))?;
        for (name, text) in c.ref_names.iter().zip(&c.refs) {
            write_atomic(&ref_path(dir, &c.name, name), text)?;
        }
    }
    Ok(())
}

/// Every file `--save DIR` writes for these clusters and methods (to check beforehand that
/// none is a file the run reads); a cluster without references is not scored, nor saved.
pub fn saved_files(dir: &Path, clusters: &[Cluster], methods: &[Method]) -> Vec<PathBuf> {
    let summaries = methods.iter().flat_map(|m| {
        clusters
            .iter()
            .filter(|c| !c.refs.is_empty())
            .map(move |c| summary_path(dir, m.name(), &c.name))
    });
    let refs = clusters.iter().flat_map(|c| {
        c.ref_names
            .iter()
            .map(move |name| ref_path(dir, &c.name, name))
    });
    summaries.chain(refs).collect()
}

fn summary_path(dir: &Path, method: &str, cluster: &str) -> PathBuf {
    dir.join(method).join(format!("{cluster}.txt"))
}

fn ref_path(dir: &Path, cluster: &str, name: &str) -> PathBuf {
    dir.join("refs").join(cluster).join(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_follow_the_word_budget() {
        assert_eq!(rouge_flags(100), crate::rouge::DUC_FLAGS);
        assert!(rouge_flags(50).contains("-l 50 "));
    }
}
