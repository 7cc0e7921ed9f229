//! A ROUGE scorer that reproduces ROUGE-1.5.5 (the Perl script) figure for figure.
//!
//! [`evaluate`] scores systems' summaries against reference summaries, cluster by cluster, with
//! ROUGE-N, ROUGE-L, ROUGE-W and ROUGE-S/SU under the script's options ([`RougeOptions`], also
//! parsed from the Perl flags by [`RougeOptions::from_rouge155`]). Every per-cluster R/P/F, every
//! average and every confidence interval is the script's: scores are rounded to 5 decimals where
//! it rounds them, and its bootstrap is replayed with Perl's own random generator (see
//! [`bootstrap`]). The flag-by-flag mapping is documented in `eval/ROUGE.md`.

pub mod bootstrap;
pub mod files;
pub mod options;
pub mod report;
pub mod score;
pub mod stem;
pub mod tokenize;

pub use bootstrap::Estimate;
pub use options::{Counting, Limit, RougeOptions, Scoring, SkipUnigrams, DUC_FLAGS};

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Scores of one system on one cluster (5 decimals, as the script prints them).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ClusterScore {
    pub recall: f64,
    pub precision: f64,
    pub f: f64,
}

/// One metric of one system: averages with intervals, and the per-cluster scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricScores {
    /// As the script prints it: `ROUGE-1`, `ROUGE-L`, `ROUGE-W-1.2`, `ROUGE-SU4`.
    pub metric: String,
    pub recall: Estimate,
    pub precision: Estimate,
    pub f: Estimate,
    pub per_cluster: BTreeMap<String, ClusterScore>,
}

/// All metrics of one system.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SystemScores {
    pub system: String,
    /// Clusters scored (those with both a summary and references).
    pub clusters: usize,
    pub metrics: Vec<MetricScores>,
}

impl SystemScores {
    pub fn metric(&self, name: &str) -> Option<&MetricScores> {
        self.metrics.iter().find(|m| m.metric == name)
    }
}

/// What a cluster lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// The system has no summary for a cluster that has references (the script warns and skips).
    Summary,
    /// A summary (or a cluster directory) without any reference summary: not scorable.
    References,
}

/// A cluster left out of a system's scores, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingCluster {
    pub system: String,
    pub cluster: String,
    pub missing: Missing,
}

/// The result of [`evaluate`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// Metric names in the script's order.
    pub metrics: Vec<String>,
    pub systems: Vec<SystemScores>,
    pub missing: Vec<MissingCluster>,
}

impl Evaluation {
    pub fn system(&self, name: &str) -> Option<&SystemScores> {
        self.systems.iter().find(|s| s.system == name)
    }
}

/// Score each system (`(name, cluster -> summary text)`, one sentence a line) against
/// `refs` (`cluster -> reference texts`, in the order the script would list the models).
///
/// Texts are bytes to the scorer, as to the Perl script (`String` and `Vec<u8>` both work).
/// Clusters missing on one side are listed in [`Evaluation::missing`] and left out of the
/// averages, as ROUGE-1.5.5 leaves them out.
pub fn evaluate<S: AsRef<[u8]>>(
    systems: &[(String, BTreeMap<String, S>)],
    refs: &BTreeMap<String, Vec<S>>,
    opts: &RougeOptions,
) -> Evaluation {
    let metrics = opts.metrics();
    let mut pipeline = score::Pipeline::new(opts);
    let models: BTreeMap<&str, Vec<score::Prepared>> = refs
        .iter()
        .filter(|(_, texts)| !texts.is_empty())
        .map(|(cluster, texts)| {
            let prepared = texts.iter().map(|t| pipeline.prepare(t.as_ref())).collect();
            (cluster.as_str(), prepared)
        })
        .collect();
    let mut draws_by_n: HashMap<usize, Vec<Vec<usize>>> = HashMap::new();
    let mut missing = Vec::new();
    let mut out = Vec::new();
    for (system, summaries) in systems {
        let all: BTreeSet<&str> = summaries
            .keys()
            .chain(refs.keys())
            .map(String::as_str)
            .collect();
        // The script's instances are sorted as strings "<cluster>.<peer>".
        let mut scored: Vec<(String, &str, score::Prepared)> = Vec::new();
        for cluster in all {
            match (summaries.get(cluster), models.contains_key(cluster)) {
                (Some(text), true) => {
                    let key = format!("{cluster}.{system}");
                    scored.push((key, cluster, pipeline.prepare(text.as_ref())));
                }
                (None, true) => missing.push(MissingCluster {
                    system: system.clone(),
                    cluster: cluster.to_string(),
                    missing: Missing::Summary,
                }),
                (_, false) => missing.push(MissingCluster {
                    system: system.clone(),
                    cluster: cluster.to_string(),
                    missing: Missing::References,
                }),
            }
        }
        scored.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let draws = draws_by_n
            .entry(scored.len())
            .or_insert_with(|| bootstrap::draws(scored.len(), opts.resamples));
        let mut system_metrics = Vec::new();
        for &metric in &metrics {
            let results: Vec<(&str, score::ClusterResult)> = scored
                .iter()
                .map(|(_, cluster, peer)| {
                    let refs = models.get(cluster).map_or(&[][..], Vec::as_slice);
                    (*cluster, score::score(metric, peer, refs, opts))
                })
                .collect();
            let triples: Vec<bootstrap::Triple> = results
                .iter()
                .map(|(_, r)| match opts.counting {
                    Counting::Sentence => [r.recall, r.precision, r.f],
                    Counting::Token => r.counts,
                })
                .collect();
            let avg =
                bootstrap::averages(&triples, draws, opts.confidence, opts.counting, opts.alpha);
            system_metrics.push(MetricScores {
                metric: metric.name(),
                recall: avg.recall,
                precision: avg.precision,
                f: avg.f,
                per_cluster: results
                    .into_iter()
                    .map(|(cluster, r)| {
                        let s = ClusterScore {
                            recall: r.recall,
                            precision: r.precision,
                            f: r.f,
                        };
                        (cluster.to_string(), s)
                    })
                    .collect(),
            });
        }
        out.push(SystemScores {
            system: system.clone(),
            clusters: scored.len(),
            metrics: system_metrics,
        });
    }
    Evaluation {
        metrics: metrics.iter().map(|m| m.name()).collect(),
        systems: out,
        missing,
    }
}
