//! A ROUGE scorer that reproduces ROUGE-1.5.5 (the Perl script) figure for figure.
//!
//! [`evaluate`] scores systems' summaries against reference summaries, cluster by cluster, with
//! ROUGE-N, ROUGE-L, ROUGE-W and ROUGE-S/SU under the script's options ([`RougeOptions`], also
//! parsed from the Perl flags by [`RougeOptions::from_rouge155`]). Every per-cluster R/P/F, every
//! average and every confidence interval is the script's: scores are rounded to 5 decimals where
//! it rounds them, and its bootstrap is replayed with Perl's own random generator (see
//! [`bootstrap`]). The flag-by-flag mapping is documented in `eval/ROUGE.md`.

pub mod args;
pub mod bootstrap;
pub mod config_xml;
pub mod file_list;
pub mod files;

mod lcs;
pub mod options;
pub mod perl_output;
pub mod report;
pub mod score;
pub mod see;
pub mod stem;
mod stemming;
mod systems;
use systems::{prepare_peers, score_in_parallel, Prepared, Shared};
pub mod tokenize;

pub use bootstrap::Estimate;
pub use options::{Counting, Limit, RougeOptions, Scoring, SkipUnigrams, DUC_FLAGS};

use crate::error::{Error, Result};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Scores of one system on one cluster (5 decimals, as the script prints them).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ClusterScore {
    pub recall: f64,
    pub precision: f64,
    pub f: f64,
    /// What the scores are ratios of; what `-t 1` adds up and `rouge155 -d` prints under
    /// `-t 1` and `-t 2` (not in `eval`'s JSON).
    #[serde(skip)]
    pub counts: Counts,
}

/// The totals behind one cluster's scores: model (reference) grams, peer grams, and hits (for
/// ROUGE-L the model and peer words and the LCS hits; for ROUGE-W their weighted sums), pooled
/// over the references as `-f` says.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Counts {
    pub model: f64,
    pub peer: f64,
    pub hits: f64,
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
/// averages, as ROUGE-1.5.5 leaves them out. To score against the same references many times
/// (tuning), keep a [`Scorer`] instead.
///
/// A usage error ([`Error::Usage`]) when the options are out of range or a text is too large
/// for a metric's tables (see [`score::MAX_SKIP_BIGRAMS`] and its neighbours).
pub fn evaluate<S: AsRef<[u8]>>(
    systems: &[(String, BTreeMap<String, S>)],
    refs: &BTreeMap<String, Vec<S>>,
    opts: &RougeOptions,
) -> Result<Evaluation> {
    Scorer::new(refs, opts)?.evaluate(systems)
}

/// References tokenised and counted once, for scoring many systems or many tuning rounds
/// against them; `Scorer::new(refs, opts).evaluate(systems)` is [`evaluate`].
pub struct Scorer {
    opts: RougeOptions,
    metrics: Vec<options::Metric>,
    stemming: stemming::Stemming,
    tokenizer: tokenize::Tokenizer,
    /// Every cluster of the references, with or without reference texts.
    clusters: Vec<String>,
    /// The clusters in the order of the script's configuration file (see
    /// [`Scorer::in_evaluation_order`]).
    order: Vec<String>,
    /// Clusters with at least one reference.
    models: BTreeMap<String, Vec<stemming::Model>>,
    /// What each metric needs of each reference: `[cluster][metric][reference]`.
    model_sides: BTreeMap<String, Vec<Vec<score::Side>>>,
    /// Bootstrap index draws by number of clusters.
    draws: HashMap<usize, Vec<Vec<usize>>>,
}

impl Scorer {
    pub fn new<S: AsRef<[u8]>>(
        refs: &BTreeMap<String, Vec<S>>,
        opts: &RougeOptions,
    ) -> Result<Self> {
        opts.validate()?;
        let metrics = opts.metrics();
        let stemming = stemming::Stemming::of(opts, &metrics);
        let mut tokenizer = tokenize::Tokenizer::new(opts, stemming.base());
        let mut models: BTreeMap<String, Vec<stemming::Model>> = BTreeMap::new();
        for (cluster, texts) in refs.iter().filter(|(_, texts)| !texts.is_empty()) {
            let mut prepared = Vec::new();
            for (i, text) in texts.iter().enumerate() {
                let base = tokenizer.prepare(text.as_ref());
                score::check_size(&metrics, &base).map_err(|e| {
                    Error::Usage(format!("reference {} of cluster '{cluster}': {e}", i + 1))
                })?;
                // Stemming keeps the number of tokens: the size check holds for both readings.
                let stemmed = stemming
                    .stems_models()
                    .then(|| tokenizer.prepare_stemmed(text.as_ref()));
                prepared.push(stemming::Model { base, stemmed });
            }
            models.insert(cluster.clone(), prepared);
        }
        let model_sides = models
            .iter()
            .map(|(cluster, texts)| {
                let per_metric = metrics
                    .iter()
                    .map(|&m| {
                        let (_, reading) = stemming::model_readings(stemming, m);
                        texts
                            .iter()
                            .map(|t| score::side(m, t.get(reading)))
                            .collect()
                    })
                    .collect();
                (cluster.clone(), per_metric)
            })
            .collect();
        let clusters: Vec<String> = refs.keys().cloned().collect();
        Ok(Scorer {
            opts: opts.clone(),
            metrics,
            stemming,
            tokenizer,
            order: clusters.clone(),
            clusters,
            models,
            model_sides,
            draws: HashMap::new(),
        })
    }

    /// The order in which the script's configuration file lists the evaluations (clusters);
    /// by default they are taken sorted. Only `-m` together with `-M` depends on it: the script
    /// stems the first peer's text in the first of them it scores after ROUGE-N (see
    /// [`RougeOptions::stem_models`]). Clusters not listed come after, sorted.
    pub fn in_evaluation_order(mut self, ids: Vec<String>) -> Self {
        self.order = ids;
        self
    }

    /// Score systems against the references (see [`evaluate`]).
    pub fn evaluate<S: AsRef<[u8]>>(
        &mut self,
        systems: &[(String, BTreeMap<String, S>)],
    ) -> Result<Evaluation> {
        let Scorer {
            opts,
            metrics,
            stemming,
            tokenizer,
            clusters,
            order,
            models,
            model_sides,
            draws,
        } = self;
        let Prepared {
            peers,
            missing,
            first_model,
        } = prepare_peers(
            systems, clusters, models, metrics, tokenizer, *stemming, order,
        )?;
        for (_, scored) in &peers {
            draws
                .entry(scored.len())
                .or_insert_with(|| bootstrap::draws(scored.len(), opts.resamples));
        }
        let shared = Shared {
            metrics,
            stemming: *stemming,
            models,
            model_sides,
            draws,
            opts,
        };
        let out = score_in_parallel(&peers, first_model, &shared);
        Ok(Evaluation {
            metrics: metrics.iter().map(|m| m.name()).collect(),
            systems: out,
            missing,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_scorer_gives_the_same_figures_every_time() {
        let refs = BTreeMap::from([
            (
                "c1".to_string(),
                vec!["Peace talks resume.\nKremlin says no.".to_string()],
            ),
            (
                "c2".to_string(),
                vec!["Rubio sees progress in the talks.".to_string()],
            ),
        ]);
        let system = |text: &str| {
            let clusters = BTreeMap::from([
                ("c1".to_string(), text.to_string()),
                ("c2".to_string(), "Rubio talks.".to_string()),
            ]);
            vec![("s".to_string(), clusters)]
        };
        let opts = RougeOptions::from_rouge155("-n 2 -m -w 1.2 -2 4 -u -r 50").unwrap();
        let mut scorer = Scorer::new(&refs, &opts).unwrap();
        let first = scorer
            .evaluate(&system("Peace talks stall in Moscow."))
            .unwrap();
        let other = scorer.evaluate(&system("Nothing in common.")).unwrap();
        assert_ne!(first, other);
        assert_eq!(
            scorer
                .evaluate(&system("Peace talks stall in Moscow."))
                .unwrap(),
            first
        );
        assert_eq!(
            evaluate(&system("Peace talks stall in Moscow."), &refs, &opts).unwrap(),
            first
        );
        assert_eq!(
            first.metrics,
            ["ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-W-1.2", "ROUGE-SU4"]
        );
    }

    #[test]
    fn long_ngrams_are_supported() {
        let refs = BTreeMap::from([("c".to_string(), vec!["a b c d e f g".to_string()])]);
        let sys = vec![(
            "s".to_string(),
            BTreeMap::from([("c".to_string(), "a b c d e f x".to_string())]),
        )];
        let opts = RougeOptions::from_rouge155("-n 6 -x -r 10").unwrap();
        let eval = evaluate(&sys, &refs, &opts).unwrap();
        let six = eval.systems[0].metric("ROUGE-6").unwrap();
        assert_eq!(six.per_cluster["c"].recall, 0.5);
        let five = eval.systems[0].metric("ROUGE-5").unwrap();
        assert_eq!(five.per_cluster["c"].recall, 0.66667);
    }

    #[test]
    fn a_huge_summary_is_a_usage_error_not_an_abort() {
        let refs = BTreeMap::from([("c".to_string(), vec!["a b c".to_string()])]);
        let huge = "w ".repeat(100_000);
        let sys = vec![(
            "s".to_string(),
            BTreeMap::from([("c".to_string(), huge.clone())]),
        )];
        let opts = RougeOptions::from_rouge155("-2 -1 -u -x -r 10").unwrap();
        let err = evaluate(&sys, &refs, &opts).unwrap_err();
        assert!(
            matches!(&err, Error::Usage(m) if m.contains("system 's'")),
            "{err}"
        );
        let opts = RougeOptions::from_rouge155("-w 1.2 -r 10").unwrap();
        let refs = BTreeMap::from([("c".to_string(), vec![huge])]);
        let err = evaluate(&sys, &refs, &opts).unwrap_err();
        assert!(
            matches!(&err, Error::Usage(m) if m.contains("reference 1")),
            "{err}"
        );
    }
}
