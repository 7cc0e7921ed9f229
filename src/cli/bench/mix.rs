//! `newsdigest bench --mix`: measure story detection on datasets poured into one input.

use super::{BenchArgs, BenchFormat};
use crate::bench;
use crate::bench::stories::{self as eval, Mix, MixReport};
use crate::cli::CommandResult;
use crate::error::{Error, ExitStatus};
use crate::read::{self, ReadOptions};
use crate::stories::{self, StoryOptions};
use clap::Args;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The `bench` flags a story-detection run has no use for: an error, not silently ignored.
const MIX_CONFLICTS: [&str; 8] = [
    "method",
    "words",
    "save",
    "topic",
    "topic_file",
    "topic_from_query",
    "seen",
    "no_seen",
];

/// Flags of `bench --mix`.
#[derive(Debug, Clone, Default, Args)]
pub struct MixArgs {
    /// Measure story detection instead of summaries: mix the articles of every cluster of every
    /// DATASET_DIR into one input, detect its stories and score them against the clusters.
    /// The stories' digests are generic `cluster` digests of --story-words each, so the flags
    /// that choose other digests do not go with it.
    #[arg(long, conflicts_with_all = MIX_CONFLICTS)]
    pub mix: bool,
    /// With --mix: also pour in the articles under DIR (any input directory), of no known
    /// story; they are grouped too but not scored. Repeatable.
    #[arg(long, value_name = "DIR", requires = "mix")]
    pub unlabelled: Vec<PathBuf>,
    /// With --mix: also summarise each true cluster's best-matching story with N words and
    /// score it against the cluster's references, beside the cluster's own digest (0: skip).
    #[arg(long, value_name = "N", default_value_t = 100, requires = "mix")]
    pub story_words: usize,
    /// With --mix: list the N best-ranked stories (size, outlets, a headline).
    #[arg(long, value_name = "N", default_value_t = 0, requires = "mix")]
    pub top: usize,
    /// With --mix: merge threshold (mean cosine between two groups); default as `summarize`.
    #[arg(long, value_name = "X", requires = "mix", value_parser = non_negative)]
    pub threshold: Option<f32>,
    /// With --mix: sentences of each article read after its title; default as `summarize`.
    #[arg(long, value_name = "N", requires = "mix")]
    pub lead_sentences: Option<usize>,
    /// With --mix: neighbours of local scaling (0: off); default as `summarize`.
    #[arg(long, value_name = "K", requires = "mix")]
    pub scale_neighbours: Option<usize>,
    /// With --mix: weight of names (capitalised words inside sentences); default as `summarize`.
    #[arg(long, value_name = "W", requires = "mix", value_parser = non_negative)]
    pub entity_weight: Option<f32>,
    /// With --mix: weight of title words; default as `summarize`.
    #[arg(long, value_name = "W", requires = "mix", value_parser = non_negative)]
    pub title_weight: Option<f32>,
    /// With --mix: weight of multi-word names as terms of their own (0: off); default as
    /// `summarize`.
    #[arg(long, value_name = "W", requires = "mix", value_parser = non_negative)]
    pub name_weight: Option<f32>,
    /// With --mix: weight of the shared-nearest-neighbour fraction in the similarity (0: off);
    /// default as `summarize`.
    #[arg(long, value_name = "W", requires = "mix", value_parser = non_negative)]
    pub snn_weight: Option<f32>,
    /// With --mix: neighbours compared by the shared-nearest-neighbour similarity; default as
    /// `summarize`.
    #[arg(long, value_name = "K", requires = "mix")]
    pub snn_neighbours: Option<usize>,
}

/// A weight or threshold: a finite number, 0 or more (NaN would compare false everywhere and
/// silently split every story).
fn non_negative(text: &str) -> std::result::Result<f32, String> {
    match text.parse::<f32>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(x),
        // 1e308 parses to infinity as an f32: say the limit, not "finite".
        Ok(x) if x == f32::INFINITY && !text.to_lowercase().contains("inf") => {
            Err(format!("must be at most {:e}", f32::MAX))
        }
        Ok(_) => Err("must be a finite number, 0 or more".into()),
        Err(e) => Err(e.to_string()),
    }
}

/// The name a dataset directory is reported under.
pub fn dataset_name(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| dir.display().to_string())
}

/// A listed story.
#[derive(Debug, Serialize)]
struct Listed {
    articles: usize,
    outlets: usize,
    headline: String,
    /// Headlines of its first few articles (to judge by reading whether it is one story).
    also: Vec<String>,
    /// True stories of its labelled articles with their counts (`dataset/cluster`).
    truth: Vec<(String, usize)>,
}

#[derive(Debug, Serialize)]
struct Output<'a> {
    datasets: Vec<String>,
    flatten: bool,
    threshold: f32,
    lead_sentences: usize,
    #[serde(flatten)]
    report: &'a MixReport,
    top: Vec<Listed>,
    /// ROUGE recall (%) of each true cluster's best-matching story digest, and of the same
    /// cluster's own digest, averaged over the clusters.
    #[serde(skip_serializing_if = "Option::is_none")]
    rouge: Option<StoryRouge>,
}

#[derive(Debug, Serialize)]
struct StoryRouge {
    words: usize,
    /// ROUGE-1, ROUGE-2, ROUGE-SU4 of the story digests.
    per_story: [f64; 3],
    /// The same of the per-cluster digests.
    per_cluster: [f64; 3],
}

/// Summarise each true cluster's best-matching story, and the cluster itself, with the
/// `cluster` method at `opts.words`, and score both against the cluster's references.
fn story_rouge(
    clusters: &[bench::Cluster],
    mix: &Mix,
    report: &eval::MixReport,
    opts: &bench::BenchOptions,
    model: &crate::embeddings::WordEmbeddings,
) -> crate::error::Result<StoryRouge> {
    let recall = |clusters: &[bench::Cluster]| -> crate::error::Result<[f64; 3]> {
        let r = bench::run("mix", clusters, model, opts)?;
        let m = &r.methods[0];
        let get = |name: &str| m.recall(name).map_or(0.0, |e| 100.0 * e.mean);
        Ok([get("ROUGE-1"), get("ROUGE-2"), get("ROUGE-SU4")])
    };
    // A cluster without references is left out of both; the warning comes once, from the
    // per-cluster run.
    let mut stories = eval::story_clusters(clusters, mix, report);
    stories.retain(|c| !c.refs.is_empty());
    Ok(StoryRouge {
        words: opts.words,
        per_story: recall(&stories)?,
        per_cluster: recall(clusters)?,
    })
}

/// The generic `cluster` digests at `--story-words` that [`story_rouge`] scores, with the
/// run's seed and threads.
fn story_bench_options(args: &BenchArgs) -> bench::BenchOptions {
    bench::BenchOptions {
        methods: vec![crate::config::Method::Cluster],
        words: args.mix.story_words,
        seed: args.seed,
        save: None,
        jobs: super::jobs(args),
        progress: crate::progress::Progress::hidden(),
        topic: bench::topic::TopicMode::Generic,
        seen: Vec::new().into(),
        update_seen: false,
    }
}

pub fn run(bench_args: &BenchArgs) -> CommandResult {
    let (datasets, args, flatten) = (&bench_args.datasets, &bench_args.mix, bench_args.flatten);
    if datasets.is_empty() && args.unlabelled.is_empty() {
        return Err(Error::Usage(
            "bench --mix: give at least one DATASET_DIR or --unlabelled DIR".into(),
        ));
    }
    let (mix, mut clusters) = load(datasets, &args.unlabelled, flatten)?;
    let opts = story_options(args);
    let report = eval::run(&mix, &opts);
    let rouge = if args.story_words > 0 && !clusters.is_empty() {
        if flatten {
            bench::flatten::flatten(&mut clusters);
        }
        let bench_opts = story_bench_options(bench_args);
        let model = bench_args.model.load()?;
        Some(story_rouge(&clusters, &mix, &report, &bench_opts, &model)?)
    } else {
        None
    };
    let out = Output {
        datasets: datasets.iter().map(|d| dataset_name(d)).collect(),
        flatten,
        threshold: opts.threshold,
        lead_sentences: opts.lead_sentences,
        report: &report,
        top: top(&mix, &report, args.top),
        rouge,
    };
    let text = match bench_args.format {
        BenchFormat::Table => table(&out),
        BenchFormat::Json => super::json_text(&out)?,
    };
    crate::output::write_stdout(text.as_bytes())?;
    Ok(ExitStatus::Success)
}

/// The mix of every dataset's clusters and the unlabelled articles (flattened if asked), and
/// the clusters as loaded.
fn load(
    datasets: &[PathBuf],
    unlabelled: &[PathBuf],
    flatten: bool,
) -> crate::error::Result<(Mix, Vec<bench::Cluster>)> {
    let mut mix = Mix::default();
    let mut clusters = Vec::new();
    let mut named = Vec::new();
    for dir in datasets {
        // Twice the same articles would be every article "of two true stories".
        let id = crate::output::FileId::of(dir);
        if id.is_some() && named.contains(&id) {
            return Err(Error::Usage(format!(
                "bench --mix: dataset {} given twice",
                dir.display()
            )));
        }
        named.push(id);
        let loaded = bench::load_dataset(dir)?;
        mix.add_dataset(&dataset_name(dir), &loaded);
        clusters.extend(loaded);
    }
    for dir in unlabelled {
        mix.add_unlabelled(read::read_inputs(
            std::slice::from_ref(dir),
            &ReadOptions::default(),
        )?);
    }
    if flatten {
        mix.flatten();
    }
    Ok((mix, clusters))
}

/// The detector's options: the defaults, with any flag given.
fn story_options(args: &MixArgs) -> StoryOptions {
    let defaults = StoryOptions::default();
    StoryOptions {
        threshold: args.threshold.unwrap_or(defaults.threshold),
        lead_sentences: args.lead_sentences.unwrap_or(defaults.lead_sentences),
        scale_neighbours: args.scale_neighbours.unwrap_or(defaults.scale_neighbours),
        entity_weight: args.entity_weight.unwrap_or(defaults.entity_weight),
        title_weight: args.title_weight.unwrap_or(defaults.title_weight),
        name_weight: args.name_weight.unwrap_or(defaults.name_weight),
        snn_weight: args.snn_weight.unwrap_or(defaults.snn_weight),
        snn_neighbours: args.snn_neighbours.unwrap_or(defaults.snn_neighbours),
        ..defaults
    }
}

fn top(mix: &Mix, report: &MixReport, n: usize) -> Vec<Listed> {
    report
        .stories
        .stories
        .iter()
        .take(n)
        .map(|s| {
            let mut truth: std::collections::BTreeMap<&str, usize> = Default::default();
            for &i in &s.articles {
                if let Some(t) = mix.truth[i] {
                    *truth.entry(mix.names[t].as_str()).or_insert(0) += 1;
                }
            }
            let first = &mix.articles[s.articles[0]];
            Listed {
                articles: s.articles.len(),
                outlets: s.outlets,
                headline: stories::headline(first)
                    .unwrap_or(first.id.as_str())
                    .to_string(),
                also: s
                    .articles
                    .iter()
                    .skip(1)
                    .take(4)
                    .map(|&i| {
                        let a = &mix.articles[i];
                        stories::headline(a).unwrap_or(a.id.as_str()).to_string()
                    })
                    .collect(),
                truth: truth.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
            }
        })
        .collect()
}

fn table(o: &Output) -> String {
    let r = o.report;
    let scores = if r.labelled == 0 {
        "| – | – | – | – | – ".to_string()
    } else {
        format!(
            "| {:.4} | {:.4} | {:.4} | {} | {} ",
            r.ari, r.purity, r.inverse_purity, r.found_stories, r.true_stories
        )
    };
    let mut s = format!(
        "story detection on {} ({} articles, {} labelled{}; threshold {}, lead {} sentences)\n\n\
         | ARI | purity | inverse purity | stories found | true stories | all stories | detect ms | clean+split ms |\n\
         |---:|---:|---:|---:|---:|---:|---:|---:|\n\
         {scores}| {} | {:.1} | {:.1} |\n",
        if o.datasets.is_empty() { "unlabelled input".to_string() } else { o.datasets.join(" + ") },
        r.articles,
        r.labelled,
        if o.flatten { ", flattened" } else { "" },
        o.threshold,
        o.lead_sentences,
        r.all_stories,
        r.detect_ms,
        r.prepare_ms,
    );
    if r.doubly_labelled > 0 {
        s.push_str(&format!(
            "\n{} labelled articles have the text of an article of another true story (one \
             document listed in two clusters); ARI without them: {:.4}\n",
            r.doubly_labelled, r.ari_single_label
        ));
    }
    if let Some(r) = &o.rouge {
        s.push_str(&rouge_table(r));
    }
    s.push_str(&top_stories(&o.top));
    s
}

fn rouge_table(r: &StoryRouge) -> String {
    format!(
        "\nper-story digests ({} words, each true cluster's best-matching story) against the \
         per-cluster digests, ROUGE recall %:\n\n\
         | digest | ROUGE-1 | ROUGE-2 | ROUGE-SU4 |\n|---|---:|---:|---:|\n\
         | per story | {:.2} | {:.2} | {:.2} |\n| per cluster | {:.2} | {:.2} | {:.2} |\n",
        r.words,
        r.per_story[0],
        r.per_story[1],
        r.per_story[2],
        r.per_cluster[0],
        r.per_cluster[1],
        r.per_cluster[2],
    )
}

fn top_stories(top: &[Listed]) -> String {
    let mut s = String::new();
    for (k, l) in top.iter().enumerate() {
        s.push_str(&format!(
            "{:>3}. {} articles, {} outlets: {}",
            k + 1,
            l.articles,
            l.outlets,
            l.headline
        ));
        if !l.truth.is_empty() {
            let t: Vec<String> = l.truth.iter().map(|(n, c)| format!("{n}×{c}")).collect();
            s.push_str(&format!("  [{}]", t.join(", ")));
        }
        s.push('\n');
        for h in &l.also {
            s.push_str(&format!("       · {h}\n"));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    /// Regression (`bench --mix --threshold nan` or `-5` was accepted: every story split, ARI 0).
    #[test]
    fn detector_numbers_that_are_not_finite_or_negative_were_accepted() {
        for bad in ["nan", "inf", "-5", "x"] {
            assert!(super::non_negative(bad).is_err(), "{bad}");
        }
        assert_eq!(super::non_negative("0.3"), Ok(0.3));
        assert_eq!(super::non_negative("0"), Ok(0.0));
        // Regression: 1e308 (infinite as an f32) was refused as "not finite".
        assert!(super::non_negative("1e308").is_err_and(|e| e.contains("at most 3.4")));
        assert!(super::non_negative("-1e308").is_err_and(|e| e.contains("0 or more")));
    }
}
