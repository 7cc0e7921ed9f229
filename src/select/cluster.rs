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
//! not redundant with what is chosen.

use super::{CandidateExplain, ClusterExplain, Corpus, Embedded, Explain, Filler, Outcome, Pick};
use super::{Selector, MAX_COSINE};
use crate::error::{Error, Result};
use crate::read::Article;
use crate::split::Sentence;
use crate::words;
use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap, HashSet};

/// Tuned on DUC 2003 (see eval/README.md); defaults of the objective.
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
    /// A concept used by fewer than this fraction of the outlets (and at least 2) weighs 0.
    pub min_df_fraction: f32,
    /// Extra weight per outlet that uses the concept in an article's first sentences.
    pub lead_concepts: f32,
}

/// Sentences at the head of an article, where news states its gist.
const LEAD_SENTENCES: usize = 3;

impl Default for Weights {
    fn default() -> Self {
        Weights {
            concepts: 1.0,
            coverage: 1.0,
            diversity: 1.0,
            lead: 0.0,
            saturation: 0.2,
            cost_exponent: 0.5,
            unigram_weight: 0.1,
            min_df_fraction: 0.45,
            lead_concepts: 2.0,
        }
    }
}

/// Concept ids of one sentence.
type Concepts = Vec<u32>;

/// Bigrams of stemmed tokens (not both stopwords) and stemmed content unigrams.
fn sentence_concepts(text: &str, ids: &mut HashMap<String, u32>) -> Concepts {
    let toks = words::tokens(text);
    let stems: Vec<(String, bool)> = toks
        .iter()
        .map(|t| (words::stem(t), words::is_stopword(t)))
        .collect();
    let mut out = HashSet::new();
    for (s, stop) in &stems {
        if !stop && s.chars().any(char::is_alphanumeric) {
            let n = ids.len() as u32;
            out.insert(*ids.entry(format!("1 {s}")).or_insert(n));
        }
    }
    for w in stems.windows(2) {
        if w[0].1 && w[1].1 {
            continue;
        }
        let n = ids.len() as u32;
        out.insert(*ids.entry(format!("2 {} {}", w[0].0, w[1].0)).or_insert(n));
    }
    let mut v: Vec<u32> = out.into_iter().collect();
    v.sort_unstable();
    v
}

/// Concept weights: the number of distinct outlets using the concept, when at least
/// `min_df` do; zero otherwise.
fn concept_weights(
    sentences: &[Sentence],
    articles: &[Article],
    ids: &mut HashMap<String, u32>,
    weights: &Weights,
) -> (Vec<f32>, Vec<Concepts>) {
    let outlet_of = |a: usize| articles[a].outlet().to_string();
    // A concept's weight is the number of sources that use it: distinct outlets when there are
    // several (what many outlets report is news), sentences when there is one (what one
    // source keeps repeating, as in a page of reviews, is its gist).
    let outlets: HashSet<String> = sentences.iter().map(|s| outlet_of(s.article)).collect();
    let single_source = outlets.len() == 1;
    let source_of = |i: usize, s: &Sentence| {
        if single_source {
            i.to_string()
        } else {
            outlet_of(s.article)
        }
    };
    let mut seen: HashMap<u32, HashSet<String>> = HashMap::new();
    let mut seen_in_lead: HashMap<u32, HashSet<String>> = HashMap::new();
    let mut per_sentence = Vec::with_capacity(sentences.len());
    for (i, s) in sentences.iter().enumerate() {
        let c = sentence_concepts(&s.text, ids);
        for &id in &c {
            seen.entry(id).or_default().insert(source_of(i, s));
            if s.position < LEAD_SENTENCES {
                seen_in_lead.entry(id).or_default().insert(source_of(i, s));
            }
        }
        per_sentence.push(c);
    }
    let min_df = if single_source {
        2
    } else {
        ((outlets.len() as f32 * weights.min_df_fraction).round() as usize).clamp(2, outlets.len())
    };
    let unigram: HashSet<u32> = ids
        .iter()
        .filter(|(k, _)| k.starts_with("1 "))
        .map(|(_, &v)| v)
        .collect();
    let mut w = vec![0f32; ids.len()];
    for (id, o) in seen {
        let df = o.len();
        if df >= min_df {
            let in_lead = seen_in_lead.get(&id).map_or(0, HashSet::len);
            let base = df as f32 + weights.lead_concepts * in_lead as f32;
            w[id as usize] = if unigram.contains(&id) {
                weights.unigram_weight * base
            } else {
                base
            };
        }
    }
    (w, per_sentence)
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
    let (sentences, articles, candidates) = (corpus.sentences, corpus.articles, corpus.candidates);
    let (vectors, labels, avoid) = (&embedded.vectors, &embedded.labels, embedded.avoid.as_ref());
    let n = candidates.len();
    let mut ids = HashMap::new();
    let (concept_w, sentence_concepts) = concept_weights(sentences, articles, &mut ids, weights);
    let total_concepts: f32 = concept_w.iter().sum::<f32>().max(1e-6);
    let cand_concepts: Vec<&Concepts> = candidates
        .iter()
        .map(|c| &sentence_concepts[c.sentence])
        .collect();

    // Similarities between candidates (clamped at 0: dissimilar sentences do not cover).
    let sim = vectors.dot(&vectors.t()).mapv(|x| x.max(0.0));
    let totals: Vec<f32> = (0..n).map(|i| sim.row(i).sum()).collect();
    let caps: Vec<f32> = totals
        .iter()
        .map(|t| (weights.saturation * t).max(1e-6))
        .collect();

    // Clusters: members, outlets, weight.
    let k = labels.iter().copied().max().map_or(0, |m| m + 1);
    let outlet_of_sentence = |s: usize| articles[sentences[s].article].outlet();
    let all_outlets: HashSet<&str> = candidates
        .iter()
        .map(|c| outlet_of_sentence(c.sentence))
        .collect();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); k];
    for (c, &l) in labels.iter().enumerate() {
        members[l].push(c);
    }
    let cluster_outlets: Vec<usize> = members
        .iter()
        .map(|m| {
            m.iter()
                .flat_map(|&c| {
                    std::iter::once(candidates[c].sentence)
                        .chain(candidates[c].copies.iter().copied())
                })
                .map(outlet_of_sentence)
                .collect::<HashSet<_>>()
                .len()
        })
        .collect();
    let cluster_weight: Vec<f32> = (0..k)
        .map(|l| cluster_outlets[l] as f32 / all_outlets.len().max(1) as f32)
        .collect();
    // Singleton reward: centrality times the weight of the sentence's cluster.
    let reward: Vec<f32> = (0..n)
        .map(|j| totals[j] / n as f32 * cluster_weight[labels[j]])
        .collect();
    let diversity_norm: f32 = (0..k)
        .map(|l| members[l].iter().map(|&j| reward[j]).sum::<f32>().sqrt())
        .sum::<f32>()
        .max(1e-6);

    let lead: Vec<f32> = candidates
        .iter()
        .map(|c| 1.0 / (1.0 + sentences[c.sentence].position as f32))
        .collect();
    let length: Vec<f32> = candidates
        .iter()
        .map(|c| sentences[c.sentence].text.split_whitespace().count() as f32)
        .collect();
    let blocked: Vec<bool> = (0..n)
        .map(|j| {
            avoid.is_some_and(|a| {
                a.rows()
                    .into_iter()
                    .any(|r| r.dot(&vectors.row(j)) > MAX_COSINE)
            })
        })
        .collect();

    let mut covered = vec![false; concept_w.len()];
    let mut cover_state = vec![0f32; n];
    let mut cluster_mass = vec![0f32; k];
    let gain = |j: usize, covered: &[bool], cover_state: &[f32], cluster_mass: &[f32]| -> f32 {
        let g_concepts: f32 = cand_concepts[j]
            .iter()
            .filter(|&&c| !covered[c as usize])
            .map(|&c| concept_w[c as usize])
            .sum::<f32>()
            / total_concepts;
        let mut g_cover = 0.0;
        for i in 0..n {
            let before = cover_state[i].min(caps[i]);
            let after = (cover_state[i] + sim[[i, j]]).min(caps[i]);
            g_cover += (after - before) / caps[i];
        }
        g_cover /= n as f32;
        let l = labels[j];
        let g_div =
            ((cluster_mass[l] + reward[j]).sqrt() - cluster_mass[l].sqrt()) / diversity_norm;
        weights.concepts * g_concepts
            + weights.coverage * g_cover
            + weights.diversity * g_div
            + weights.lead * lead[j]
    };

    let singleton: Vec<f32> = (0..n)
        .map(|j| gain(j, &covered, &cover_state, &cluster_mass))
        .collect();
    let mut filler = Filler::new(*corpus, Some(vectors));
    // Lazy greedy (Minoux): gains only shrink as the selection grows, so a stale score is an
    // upper bound and most candidates need no re-evaluation. Infeasible candidates (too long
    // for what is left, or redundant) stay infeasible and are dropped for good.
    let score_of = |j: usize, g: f32| g / length[j].powf(weights.cost_exponent);
    let mut heap: BinaryHeap<(Score, Reverse<usize>)> = (0..n)
        .filter(|&j| !blocked[j])
        .map(|j| (Score(score_of(j, singleton[j])), Reverse(j)))
        .collect();
    while let Some((_, Reverse(j))) = heap.pop() {
        if filler.is_done() {
            break;
        }
        if !filler.fits(j) || filler.is_redundant(j) {
            continue;
        }
        let g = gain(j, &covered, &cover_state, &cluster_mass);
        let score = score_of(j, g);
        if heap.peek().is_some_and(|(top, _)| top.0 > score) {
            heap.push((Score(score), Reverse(j)));
            continue;
        }
        let l = labels[j];
        let pick = Pick {
            candidate: j,
            cluster: Some(l),
            cluster_size: members[l].len(),
            cluster_articles: cluster_outlets[l],
            score: g,
        };
        if filler.offer(pick) {
            for &c in cand_concepts[j] {
                covered[c as usize] = true;
            }
            for i in 0..n {
                cover_state[i] += sim[[i, j]];
            }
            cluster_mass[l] += reward[j];
        }
    }

    let chosen: HashSet<usize> = filler.picks.iter().map(|p| p.candidate).collect();
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| {
        let wa = cluster_weight[a] * (members[a].len() as f32).sqrt();
        let wb = cluster_weight[b] * (members[b].len() as f32).sqrt();
        wb.total_cmp(&wa).then(a.cmp(&b))
    });
    let explain = Explain {
        clusters: order
            .into_iter()
            .filter(|&l| !members[l].is_empty())
            .map(|l| {
                let mut m = members[l].clone();
                m.sort_by(|&a, &b| singleton[b].total_cmp(&singleton[a]).then(a.cmp(&b)));
                ClusterExplain {
                    id: l,
                    size: members[l].len(),
                    articles: cluster_outlets[l],
                    weight: cluster_weight[l] * (members[l].len() as f32).sqrt(),
                    candidates: m
                        .into_iter()
                        .map(|c| CandidateExplain {
                            text: sentences[candidates[c].sentence].text.clone(),
                            article: articles[sentences[candidates[c].sentence].article]
                                .id
                                .clone(),
                            score: singleton[c],
                            chosen: chosen.contains(&c),
                        })
                        .collect(),
                }
            })
            .collect(),
    };
    Outcome {
        picks: filler.picks,
        explain: Some(explain),
    }
}

/// An f32 ordered by `total_cmp`, for the lazy-greedy heap.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Score(f32);

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
