//! Scoring the systems' summaries: tokenised in the script's order, then each system scored
//! on its own thread, cluster by cluster and metric by metric, with the bootstrap averages.

use super::{bootstrap, options, score, stemming, tokenize};
use super::{
    ClusterScore, Counting, Counts, MetricScores, Missing, MissingCluster, RougeOptions,
    SystemScores,
};
use crate::error::{Error, Result};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Every system's tokenised summaries, in the script's instance order, and what is missing.
pub(super) struct Prepared<'a> {
    pub(super) peers: Vec<(&'a str, Vec<Instance<'a>>)>,
    pub(super) missing: Vec<MissingCluster>,
    /// Under `-m -M`: the index of the first system with a summary to score, and its first
    /// evaluation.
    pub(super) first_model: Option<(usize, &'a str)>,
}

/// Tokenise every system's summaries (the shared interner makes this sequential and ordered),
/// listing the clusters that lack a summary or references (see [`Prepared`] and
/// [`super::Scorer::in_evaluation_order`]).
pub(super) fn prepare_peers<'a, S: AsRef<[u8]>>(
    systems: &'a [(String, BTreeMap<String, S>)],
    clusters: &'a [String],
    models: &BTreeMap<String, Vec<stemming::Model>>,
    metrics: &[options::Metric],
    tokenizer: &mut tokenize::Tokenizer,
    stemming: stemming::Stemming,
    order: &[String],
) -> Result<Prepared<'a>> {
    // `-m -M`: the first system with a summary to score, and its first evaluation.
    let mut first_model: Option<(usize, &str)> = None;
    // Tokenising needs the shared interner, so it runs first and in order.
    let mut missing = Vec::new();
    let mut peers: Vec<(&str, Vec<Instance>)> = Vec::new();
    for (system, summaries) in systems {
        let mut scored = instances(
            system,
            summaries,
            clusters,
            models,
            metrics,
            tokenizer,
            &mut missing,
        )?;
        // The script's instances are sorted as strings "<cluster>.<peer>".
        scored.sort_by(|a, b| a.key.as_bytes().cmp(b.key.as_bytes()));
        if stemming == stemming::Stemming::UntilFirstModel
            && first_model.is_none()
            && !scored.is_empty()
        {
            for inst in &mut scored {
                if let Some(text) = summaries.get(inst.cluster) {
                    inst.stemmed = Some(tokenizer.prepare_stemmed(text.as_ref()));
                }
            }
            let rank = |c: &str| order.iter().position(|o| o == c).unwrap_or(usize::MAX);
            let first = scored
                .iter()
                .map(|i| i.cluster)
                .min_by_key(|c| (rank(c), *c));
            first_model = first.map(|c| (peers.len(), c));
        }
        peers.push((system.as_str(), scored));
    }
    Ok(Prepared {
        peers,
        missing,
        first_model,
    })
}

/// One system's instances: its summaries of clusters that have references, tokenised; each
/// cluster lacking a summary or references is added to `missing`.
fn instances<'a, S: AsRef<[u8]>>(
    system: &str,
    summaries: &'a BTreeMap<String, S>,
    clusters: &'a [String],
    models: &BTreeMap<String, Vec<stemming::Model>>,
    metrics: &[options::Metric],
    tokenizer: &mut tokenize::Tokenizer,
    missing: &mut Vec<MissingCluster>,
) -> Result<Vec<Instance<'a>>> {
    let all: BTreeSet<&str> = summaries
        .keys()
        .chain(clusters.iter())
        .map(String::as_str)
        .collect();
    let mut scored = Vec::new();
    for cluster in all {
        let lacking = match (summaries.get(cluster), models.contains_key(cluster)) {
            (Some(text), true) => {
                let peer = tokenizer.prepare(text.as_ref());
                score::check_size(metrics, &peer).map_err(|e| {
                    Error::Usage(format!(
                        "summary of system '{system}' for cluster '{cluster}': {e}"
                    ))
                })?;
                scored.push(Instance {
                    key: format!("{cluster}.{system}"),
                    cluster,
                    peer,
                    stemmed: None,
                });
                continue;
            }
            (None, true) => Missing::Summary,
            (_, false) => Missing::References,
        };
        missing.push(MissingCluster {
            system: system.to_string(),
            cluster: cluster.to_string(),
            missing: lacking,
        });
    }
    Ok(scored)
}

/// Score each system of `peers` (independent of each other) on as many threads as there are
/// cores.
pub(super) fn score_in_parallel(
    peers: &[(&str, Vec<Instance>)],
    first_model: Option<(usize, &str)>,
    shared: &Shared,
) -> Vec<SystemScores> {
    // Systems are independent: score them on as many threads as there are cores.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(peers.len())
        .max(1);
    let chunk = peers.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = peers
            .chunks(chunk)
            .enumerate()
            .map(|(k, part)| {
                scope.spawn(move || {
                    part.iter()
                        .enumerate()
                        .map(|(j, (system, scored))| {
                            let first = first_model
                                .filter(|&(index, _)| index == k * chunk + j)
                                .map(|(_, cluster)| cluster);
                            score_system(system, scored, first, shared)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            // A panic in a scoring thread is a bug; re-raise it rather than hide it.
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// One system's summary of one cluster, keyed the way the script sorts its instances.
pub(super) struct Instance<'a> {
    key: String,
    cluster: &'a str,
    peer: tokenize::Prepared,
    /// Its stemmed reading, for the first system under `-m -M`.
    stemmed: Option<tokenize::Prepared>,
}

/// What every system is scored against.
pub(super) struct Shared<'a> {
    pub(super) metrics: &'a [options::Metric],
    pub(super) stemming: stemming::Stemming,
    pub(super) models: &'a BTreeMap<String, Vec<stemming::Model>>,
    pub(super) model_sides: &'a BTreeMap<String, Vec<Vec<score::Side>>>,
    pub(super) draws: &'a HashMap<usize, Vec<Vec<usize>>>,
    pub(super) opts: &'a RougeOptions,
}

/// One metric of one peer on one cluster, its texts read as `view` says.
fn score_instance(
    mi: usize,
    inst: &Instance,
    view: stemming::View,
    shared: &Shared,
) -> score::ClusterResult {
    use stemming::{Reading, View};
    let metric = shared.metrics[mi];
    let no_models = Vec::new();
    let texts = shared.models.get(inst.cluster).unwrap_or(&no_models);
    let peer = match view {
        View::Normal => &inst.peer,
        View::Stemmed | View::FirstModel => inst.stemmed.as_ref().unwrap_or(&inst.peer),
    };
    let peer_side = score::side(metric, peer);
    if view == View::Stemmed {
        let sides: Vec<score::Side> = texts
            .iter()
            .map(|m| score::side(metric, m.get(Reading::Stemmed)))
            .collect();
        let refs: Vec<_> = texts
            .iter()
            .map(|m| m.get(Reading::Stemmed))
            .zip(&sides)
            .collect();
        return score::score(metric, (peer, &peer_side), &refs, shared.opts);
    }
    let (sentences, _) = stemming::model_readings(shared.stemming, metric);
    let sides = shared
        .model_sides
        .get(inst.cluster)
        .map_or(&[][..], |s| &s[mi][..]);
    let refs: Vec<_> = texts
        .iter()
        .zip(sides)
        .enumerate()
        .map(|(k, (m, side))| {
            let w = matches!(metric, options::Metric::W(_));
            let first_w = view == View::FirstModel && w && k == 0;
            (
                m.get(if first_w { Reading::Stemmed } else { sentences }),
                side,
            )
        })
        .collect();
    score::score(metric, (peer, &peer_side), &refs, shared.opts)
}

/// Every metric of one system: per-cluster scores, then the bootstrap averages. `first_model`
/// is the cluster where the script first stems a model under `-m -M`, if this is that system.
fn score_system(
    system: &str,
    scored: &[Instance],
    first_model: Option<&str>,
    shared: &Shared,
) -> SystemScores {
    let opts = shared.opts;
    let no_draws = Vec::new();
    let draws = shared.draws.get(&scored.len()).unwrap_or(&no_draws);
    let mut metrics = Vec::new();
    for (mi, &metric) in shared.metrics.iter().enumerate() {
        let results: Vec<(&str, score::ClusterResult)> = scored
            .iter()
            .map(|inst| {
                let view = stemming::view(
                    shared.stemming,
                    shared.metrics,
                    mi,
                    first_model.is_some(),
                    first_model == Some(inst.cluster),
                );
                (inst.cluster, score_instance(mi, inst, view, shared))
            })
            .collect();
        let triples: Vec<bootstrap::Triple> = results
            .iter()
            .map(|(_, r)| match opts.counting {
                Counting::Sentence => [r.recall, r.precision, r.f],
                Counting::Token => r.counts,
            })
            .collect();
        let avg = bootstrap::averages(&triples, draws, opts.confidence, opts.counting, opts.alpha);
        metrics.push(MetricScores {
            metric: metric.name(),
            recall: avg.recall,
            precision: avg.precision,
            f: avg.f,
            per_cluster: results
                .into_iter()
                .map(|(cluster, r)| {
                    let [model, peer, hits] = r.counts;
                    let s = ClusterScore {
                        recall: r.recall,
                        precision: r.precision,
                        f: r.f,
                        counts: Counts { model, peer, hits },
                    };
                    (cluster.to_string(), s)
                })
                .collect(),
        });
    }
    SystemScores {
        system: system.to_string(),
        clusters: scored.len(),
        metrics,
    }
}
