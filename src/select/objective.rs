//! The terms of the `cluster` method's objective (see [`super::cluster`]), computed once per
//! input, and the state of a selection they are evaluated against.

use super::candidates::opens_with_back_reference;
use super::concepts::{self, Concepts};
use super::coverage::{self, Coverage, Pass};
use super::{Corpus, Weights};
use ndarray::{Array1, Array2};

/// What each candidate brings, before anything is chosen.
pub struct Objective<'a> {
    weights: &'a Weights,
    labels: &'a Array1<usize>,
    concepts: Concepts,
    total_concepts: f32,
    /// Diversity reward of each candidate: its centrality times its cluster's weight.
    reward: Vec<f32>,
    diversity_norm: f32,
    /// 1 / (1 + position in the article).
    lead: Vec<f32>,
    /// Words of each candidate.
    length: Vec<f32>,
    /// Topic relevance and seen penalty ([`super::focus`]).
    focus: Vec<f32>,
    /// 1, or 1 − the back-reference penalty for a sentence leaning on missing context.
    standalone: Vec<f32>,
    /// Each candidate's gain when nothing is chosen yet.
    pub singleton: Vec<f32>,
}

/// A selection in progress: the concepts, coverage and cluster mass it holds so far.
pub struct Covered {
    /// Whether each concept is covered.
    concepts: Vec<bool>,
    cluster_mass: Vec<f32>,
    cover: Coverage,
}

impl<'a> Objective<'a> {
    /// The terms over `vectors` (one unit row per candidate) with k-means `labels`; `cluster_weight`
    /// is each cluster's share of the outlets. Returns the empty selection as well.
    pub fn new(
        corpus: &Corpus,
        vectors: &Array2<f32>,
        labels: &'a Array1<usize>,
        cluster_weight: &[f32],
        weights: &'a Weights,
    ) -> (Objective<'a>, Covered) {
        let (sentences, candidates) = (corpus.sentences, corpus.candidates);
        let n = candidates.len();
        let concepts = concepts::weigh(corpus, weights);
        let Pass {
            coverage: cover,
            centrality,
            singleton: singleton_cover,
        } = coverage::coverage(vectors, weights.saturation);
        let reward: Vec<f32> = (0..n)
            .map(|j| centrality[j] / n as f32 * cluster_weight[labels[j]])
            .collect();
        let mut mass = vec![0f32; cluster_weight.len()];
        for j in 0..n {
            mass[labels[j]] += reward[j];
        }
        let text = |j: usize| sentences[candidates[j].sentence].text.as_str();
        let mut objective = Objective {
            weights,
            labels,
            total_concepts: concepts.weights.iter().sum::<f32>().max(1e-6),
            diversity_norm: mass.iter().map(|m| m.sqrt()).sum::<f32>().max(1e-6),
            reward,
            lead: (0..n)
                .map(|j| 1.0 / (1.0 + sentences[candidates[j].sentence].position as f32))
                .collect(),
            length: (0..n)
                .map(|j| text(j).split_whitespace().count() as f32)
                .collect(),
            focus: super::focus::bonuses(corpus),
            standalone: (0..n)
                .map(|j| {
                    if opens_with_back_reference(text(j)) {
                        1.0 - weights.back_reference
                    } else {
                        1.0
                    }
                })
                .collect(),
            singleton: Vec::new(),
            concepts,
        };
        let covered = Covered {
            concepts: vec![false; objective.concepts.weights.len()],
            cluster_mass: vec![0.0; cluster_weight.len()],
            cover,
        };
        objective.singleton = (0..n)
            .map(|j| objective.rest(j, &covered) + weights.coverage * singleton_cover[j])
            .collect();
        (objective, covered)
    }

    /// Everything but coverage, which `covered.cover` holds the state of.
    fn rest(&self, j: usize, covered: &Covered) -> f32 {
        let g_concepts: f32 = self.concepts.of_candidate[j]
            .iter()
            .filter(|&&c| !covered.concepts[c as usize])
            .map(|&c| self.concepts.weights[c as usize])
            .sum::<f32>()
            / self.total_concepts;
        let mass = covered.cluster_mass[self.labels[j]];
        let g_div = ((mass + self.reward[j]).sqrt() - mass.sqrt()) / self.diversity_norm;
        let w = self.weights;
        w.concepts * g_concepts + w.diversity * g_div + w.lead * self.lead[j] + self.focus[j]
    }

    /// The gain of adding candidate `j` (vector `v`) to the selection `covered`.
    pub fn gain(&self, j: usize, v: ndarray::ArrayView1<f32>, covered: &Covered) -> f32 {
        self.rest(j, covered) + self.weights.coverage * covered.cover.gain(v)
    }

    /// The greedy's score of a gain: per word^r, less for a sentence leaning on missing context.
    pub fn score(&self, j: usize, gain: f32) -> f32 {
        self.standalone[j] * gain / self.length[j].powf(self.weights.cost_exponent)
    }

    /// Record candidate `j` (vector `v`) as chosen.
    pub fn take(&self, j: usize, v: ndarray::ArrayView1<f32>, covered: &mut Covered) {
        for &c in &self.concepts.of_candidate[j] {
            covered.concepts[c as usize] = true;
        }
        covered.cover.add(v);
        covered.cluster_mass[self.labels[j]] += self.reward[j];
    }
}
