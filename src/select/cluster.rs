//! The `cluster` method's choice: greedy maximisation of a monotone submodular objective
//! (Lin & Bilmes 2011) built on the embeddings and the clusters, under the length budget:
//!
//! F(S) = w_c · concepts(S) + w_s · coverage(S) + w_d · diversity(S) + w_p · lead(S)
//!
//! - concepts: weighted content-word bigrams (and unigrams) the chosen sentences cover, each
//!   weighted by how many articles use it (the ICSI insight: what many outlets say is news);
//! - coverage: how well the chosen sentences represent every candidate, by cosine similarity
//!   of their sentence vectors, saturating so that one topic cannot buy all the gain;
//! - diversity: a square-root reward per k-means cluster, scaled by how many outlets the
//!   cluster spans, so the digest spreads over the important clusters;
//! - lead: a modular bonus for sentences early in their article (news puts the gist first).
//!
//! Each step takes the candidate with the best gain per word^r that fits the budget and is
//! not redundant with what is chosen; a forecast gives way to its later outcome
//! ([`super::superseded`]). The terms are computed once per input in [`super::objective`].

use super::objective::Objective;
use super::superseded::Days;
use super::{CandidateExplain, ClusterExplain, Corpus, Embedded, Explain, Filler, Outcome, Pick};
use super::{Selector, MAX_COSINE};
use crate::error::{Error, Result};
use ndarray::{Array1, Array2};
use rustc_hash::FxHashSet;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

/// Tuned on DUC 2003 (100 words) and DUC 2007 (250 words) together (see eval/README.md).
#[derive(Debug, Clone, Copy)]
pub struct Weights {
    pub concepts: f32,
    pub coverage: f32,
    pub diversity: f32,
    pub lead: f32,
    /// Saturation of the coverage term, as a fraction of each sentence's total similarity.
    pub saturation: f32,
    /// Gains are divided by (words ^ cost_exponent).
    pub cost_exponent: f32,
    /// Unigram concepts count this much relative to bigrams.
    pub unigram_weight: f32,
    /// A concept weighs 0 unless its support (outlets using it, at least 2) is one that this
    /// many bigram concepts per budget word reach: the threshold follows the digest's length
    /// and the story's own spread of support, not a fixed share of its outlets (which no
    /// concept reaches at 25 or 500 outlets).
    pub concepts_per_word: f32,
    /// Extra weight per outlet that uses the concept in an article's first sentences.
    pub lead_concepts: f32,
    /// A sentence opening with a back-reference ("He said…", "But the talks…") leans on
    /// context it does not carry: its greedy score is scaled by 1 − this (shorter than 12
    /// words it is no candidate at all).
    pub back_reference: f32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            concepts: 1.0,
            coverage: 1.0,
            diversity: 1.0,
            lead: 0.0,
            saturation: 0.3,
            cost_exponent: 0.5,
            unigram_weight: 0.1,
            concepts_per_word: 0.5,
            // 1.5 once newswire quotes survived Markdown: 1.0 / 1.25 / 1.5 / 1.75 / 2.0 gave
            // duc2003 R-1 42.58 / 42.70 / 42.83 / 42.51 / 42.34 and duc2007 (250 words) 44.41 /
            // 44.72 / 45.01 / 44.99 / 44.66 (eval/results/duc2003.md).
            lead_concepts: 1.5,
            // 0.1: up 0.07–0.18 / 0.06–0.10 on duc2003, duc2007 and their flattened
            // forms; 0.2–0.4 lost on duc2007 (eval/results/duc2003.md).
            back_reference: 0.1,
        }
    }
}

/// newsdigest's own method: the objective above over the candidates' clusters.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClusterMethod {
    pub weights: Weights,
}

impl Selector for ClusterMethod {
    fn needs_clusters(&self) -> bool {
        true
    }

    fn select(&self, corpus: &Corpus) -> Result<Outcome> {
        let embedded = corpus
            .embedded
            .ok_or_else(|| Error::Internal("the cluster method needs sentence vectors".into()))?;
        Ok(by_objective(corpus, embedded, &self.weights))
    }
}

/// Pick sentences for the `cluster` method.
fn by_objective(corpus: &Corpus, embedded: &Embedded, weights: &Weights) -> Outcome {
    let (vectors, labels) = (&embedded.vectors, &embedded.labels);
    let groups = Groups::new(corpus, labels);
    let (objective, mut covered) = Objective::new(corpus, vectors, labels, &groups.weight, weights);
    let blocked = blocked_by_published(vectors, embedded.avoid.as_ref());
    let mut filler = Filler::new(*corpus, Some(vectors));
    let days = Days::new(corpus);
    // Lazy greedy (Minoux): gains only shrink as the selection grows, so a stale score is an
    // upper bound and most candidates need no re-evaluation. Infeasible candidates (too long
    // for what is left, or redundant) stay infeasible and are dropped for good.
    let mut heap: BinaryHeap<(Score, Reverse<usize>)> = (0..corpus.candidates.len())
        .filter(|&j| !blocked[j])
        .map(|j| {
            (
                Score(objective.score(j, objective.singleton[j])),
                Reverse(j),
            )
        })
        .collect();
    while let Some((_, Reverse(j))) = heap.pop() {
        if filler.is_done() {
            break;
        }
        if !filler.fits(j)
            || filler.is_redundant(j)
            || days.outcome_chosen(corpus, j, &filler.picks)
        {
            continue;
        }
        let g = objective.gain(j, vectors.row(j), &covered);
        let score = objective.score(j, g);
        if heap.peek().is_some_and(|(top, _)| top.0 > score) {
            heap.push((Score(score), Reverse(j)));
            continue;
        }
        // A forecast picked earlier gives its place up to its outcome (superseded.rs). Its
        // concepts stay covered: the outcome states most of them.
        for forecast in days.replaced_by(corpus, j, &filler.picks) {
            filler.withdraw(forecast);
        }
        if filler.offer(groups.pick(j, labels[j], g)) {
            objective.take(j, vectors.row(j), &mut covered);
        }
    }
    let explain = corpus
        .config
        .explain
        .then(|| groups.explain(corpus, &objective.singleton, &filler.picks));
    Outcome {
        picks: filler.picks,
        explain,
    }
}

/// Candidates too close to a sentence already published (novelty across runs).
fn blocked_by_published(vectors: &Array2<f32>, published: Option<&Array2<f32>>) -> Vec<bool> {
    let n = vectors.nrows();
    let Some(published) = published.filter(|p| p.nrows() > 0) else {
        return vec![false; n];
    };
    let sims = vectors.dot(&published.t());
    sims.rows()
        .into_iter()
        .map(|row| row.iter().any(|&x| x > MAX_COSINE))
        .collect()
}

/// The k-means clusters of the candidates: members, outlets and weight.
struct Groups {
    members: Vec<Vec<usize>>,
    /// Distinct outlets with a sentence (or a copy of one) in the cluster.
    outlets: Vec<usize>,
    /// Share of all outlets that the cluster spans.
    weight: Vec<f32>,
}

impl Groups {
    fn new(corpus: &Corpus, labels: &Array1<usize>) -> Self {
        let k = labels.iter().copied().max().map_or(0, |m| m + 1);
        let outlet_of = |s: usize| corpus.articles[corpus.sentences[s].article].outlet();
        let all_outlets: FxHashSet<&str> = corpus
            .candidates
            .iter()
            .map(|c| outlet_of(c.sentence))
            .collect();
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); k];
        for (c, &l) in labels.iter().enumerate() {
            members[l].push(c);
        }
        let outlets: Vec<usize> = members
            .iter()
            .map(|m| {
                m.iter()
                    .flat_map(|&c| {
                        let cand = &corpus.candidates[c];
                        std::iter::once(cand.sentence).chain(cand.copies.iter().copied())
                    })
                    .map(outlet_of)
                    .collect::<FxHashSet<_>>()
                    .len()
            })
            .collect();
        let weight = outlets
            .iter()
            .map(|&o| o as f32 / all_outlets.len().max(1) as f32)
            .collect();
        Groups {
            members,
            outlets,
            weight,
        }
    }

    /// Candidate `j` of cluster `l` as a pick with gain `gain`.
    fn pick(&self, j: usize, l: usize, gain: f32) -> Pick {
        Pick {
            candidate: j,
            cluster: Some(l),
            cluster_size: self.members[l].len(),
            cluster_articles: self.outlets[l],
            score: gain,
        }
    }

    /// `--explain`: clusters by weight, each candidate with its singleton score.
    fn explain(&self, corpus: &Corpus, singleton: &[f32], picks: &[Pick]) -> Explain {
        let chosen: FxHashSet<usize> = picks.iter().map(|p| p.candidate).collect();
        let shown_weight = |l: usize| self.weight[l] * (self.members[l].len() as f32).sqrt();
        let mut order: Vec<usize> = (0..self.members.len()).collect();
        order.sort_by(|&a, &b| shown_weight(b).total_cmp(&shown_weight(a)).then(a.cmp(&b)));
        let clusters = order
            .into_iter()
            .filter(|&l| !self.members[l].is_empty())
            .map(|l| {
                let mut m = self.members[l].clone();
                m.sort_by(|&a, &b| singleton[b].total_cmp(&singleton[a]).then(a.cmp(&b)));
                ClusterExplain {
                    id: l,
                    size: self.members[l].len(),
                    articles: self.outlets[l],
                    weight: shown_weight(l),
                    candidates: m
                        .into_iter()
                        .map(|c| CandidateExplain {
                            text: corpus.sentence(c).text.clone(),
                            article: corpus.article(c).id.clone(),
                            score: singleton[c],
                            chosen: chosen.contains(&c),
                        })
                        .collect(),
                }
            })
            .collect();
        Explain { clusters }
    }
}

/// An f32 ordered by `total_cmp`, for the lazy-greedy heap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Score(pub(super) f32);

impl Eq for Score {}

impl PartialOrd for Score {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Score {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

#[cfg(test)]
#[path = "cluster_tests.rs"]
mod tests;
