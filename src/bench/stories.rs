//! Measuring story detection against known stories: every cluster of one or more benchmark
//! datasets is poured into one input (`bench --mix`), the stories are detected, and the
//! grouping is compared with the true clusters by adjusted Rand index and purity.
//!
//! Unlabelled articles (a plain news collection) may be mixed in as distractors: they take
//! part in the detection but not in the scores, which then also tell whether known stories
//! absorbed unrelated news.

use super::Cluster;
use crate::read::Article;
use crate::stories::{detect, Stories, StoryOptions};
use crate::{clean, split};
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::BTreeMap;
use std::time::Instant;

/// Articles of several stories in one input, with the true story of each.
#[derive(Debug, Clone, Default)]
pub struct Mix {
    pub articles: Vec<Article>,
    /// True story of each article (an index into `names`); `None` for unlabelled articles.
    pub truth: Vec<Option<usize>>,
    /// Names of the true stories: `dataset/cluster`.
    pub names: Vec<String>,
}

impl Mix {
    /// Add every cluster of a dataset as one true story each.
    pub fn add_dataset(&mut self, dataset: &str, clusters: &[Cluster]) {
        for c in clusters {
            let label = self.names.len();
            self.names.push(format!("{dataset}/{}", c.name));
            for a in &c.articles {
                self.articles.push(a.clone());
                self.truth.push(Some(label));
            }
        }
    }

    /// Add articles of no known story.
    pub fn add_unlabelled(&mut self, articles: Vec<Article>) {
        self.truth.extend(articles.iter().map(|_| None));
        self.articles.extend(articles);
    }

    /// Every article re-joined into one block of text (paragraph breaks removed), as some
    /// feeds deliver them.
    pub fn flatten(&mut self) {
        for a in &mut self.articles {
            a.text = a.text.split_whitespace().collect::<Vec<_>>().join(" ");
        }
    }
}

/// The outcome of detecting the stories of a [`Mix`].
#[derive(Debug, Clone, Serialize)]
pub struct MixReport {
    pub articles: usize,
    /// Articles with a known story (the scores are over these).
    pub labelled: usize,
    pub true_stories: usize,
    /// Detected stories holding at least one labelled article.
    pub found_stories: usize,
    /// Detected stories over all articles, unlabelled ones included.
    pub all_stories: usize,
    pub ari: f64,
    /// Labelled articles whose text is also that of a labelled article of another true story
    /// (a dataset listing one document in two clusters): no grouping can satisfy both labels.
    pub doubly_labelled: usize,
    /// The ARI over the other labelled articles.
    pub ari_single_label: f64,
    /// Each found story counted by its majority true story (1 = no story mixes two).
    pub purity: f64,
    /// Each true story counted by the found story holding most of it (1 = none is split).
    pub inverse_purity: f64,
    /// Wall time of cleaning and splitting (the pipeline does it anyway), ms.
    pub prepare_ms: f64,
    /// Wall time of [`detect`], ms.
    pub detect_ms: f64,
    /// The detected stories, for listing or for scoring each true story's best match.
    #[serde(skip)]
    pub stories: Stories,
}

/// Clean, split and detect the stories of a mix, and score them against the truth.
pub fn run(mix: &Mix, opts: &StoryOptions) -> MixReport {
    let start = Instant::now();
    let sentences = split::split(&clean::clean(&mix.articles).sentences());
    let prepare_ms = start.elapsed().as_secs_f64() * 1e3;
    let start = Instant::now();
    let stories = detect(&mix.articles, &sentences, opts);
    let detect_ms = start.elapsed().as_secs_f64() * 1e3;
    let (truth, found): (Vec<usize>, Vec<usize>) = mix
        .truth
        .iter()
        .zip(&stories.story_of)
        .filter_map(|(t, &f)| t.map(|t| (t, f)))
        .unzip();
    let single = single_label(mix);
    let (truth_1, found_1): (Vec<usize>, Vec<usize>) = mix
        .truth
        .iter()
        .zip(&stories.story_of)
        .zip(&single)
        .filter_map(|((t, &f), &one)| t.filter(|_| one).map(|t| (t, f)))
        .unzip();
    MixReport {
        articles: mix.articles.len(),
        labelled: truth.len(),
        doubly_labelled: truth.len() - truth_1.len(),
        ari_single_label: adjusted_rand_index(&truth_1, &found_1),
        true_stories: distinct(&truth),
        found_stories: distinct(&found),
        all_stories: stories.stories.len(),
        ari: adjusted_rand_index(&truth, &found),
        purity: purity(&truth, &found),
        inverse_purity: purity(&found, &truth),
        prepare_ms,
        detect_ms,
        stories,
    }
}

/// For each article, false when it is labelled and another labelled article of a different true
/// story has the same text.
fn single_label(mix: &Mix) -> Vec<bool> {
    let mut labels: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (a, t) in mix.articles.iter().zip(&mix.truth) {
        if let Some(t) = t {
            labels.entry(a.text.trim()).or_default().push(*t);
        }
    }
    mix.articles
        .iter()
        .zip(&mix.truth)
        .map(|(a, t)| {
            t.is_none()
                || labels
                    .get(a.text.trim())
                    .is_none_or(|ls| ls.windows(2).all(|w| w[0] == w[1]))
        })
        .collect()
}

/// The per-story task as benchmark clusters: for each true cluster (in label order, as
/// `clusters` were added to the mix), the articles of the found story holding most of it, with
/// the true cluster's name and references. Summarising these and scoring them against the
/// references measures what a reader of the sectioned digest gets for each true story.
pub fn story_clusters(clusters: &[Cluster], mix: &Mix, report: &MixReport) -> Vec<Cluster> {
    let (truth, found): (Vec<usize>, Vec<usize>) = mix
        .truth
        .iter()
        .zip(&report.stories.story_of)
        .filter_map(|(t, &f)| t.map(|t| (t, f)))
        .unzip();
    best_matches(&truth, &found)
        .into_iter()
        .filter_map(|(t, story)| {
            let cluster = clusters.get(t)?;
            let articles = report.stories.stories[story]
                .articles
                .iter()
                .map(|&i| mix.articles[i].clone())
                .collect();
            Some(Cluster {
                articles,
                ..cluster.clone()
            })
        })
        .collect()
}

/// For each true story (by label), the found story holding most of its articles (ties: the
/// lower story index), given per-article labels: where a true story's summary is to be found.
pub fn best_matches(truth: &[usize], found: &[usize]) -> BTreeMap<usize, usize> {
    let mut counts: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (&t, &f) in truth.iter().zip(found) {
        *counts.entry((t, f)).or_insert(0) += 1;
    }
    let mut best: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for (&(t, f), &c) in &counts {
        let entry = best.entry(t).or_insert((f, c));
        if c > entry.1 {
            *entry = (f, c);
        }
    }
    best.into_iter().map(|(t, (f, _))| (t, f)).collect()
}

fn distinct(labels: &[usize]) -> usize {
    labels
        .iter()
        .collect::<std::collections::BTreeSet<_>>()
        .len()
}

fn pairs(n: usize) -> f64 {
    (n as f64) * (n as f64 - 1.0) / 2.0
}

/// Adjusted Rand index of two labellings of the same items (Hubert and Arabie 1985): 1 for
/// identical partitions, about 0 for chance agreement.
pub fn adjusted_rand_index(truth: &[usize], found: &[usize]) -> f64 {
    let mut cells: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut rows: BTreeMap<usize, usize> = BTreeMap::new();
    let mut cols: BTreeMap<usize, usize> = BTreeMap::new();
    for (&t, &f) in truth.iter().zip(found) {
        *cells.entry((t, f)).or_insert(0) += 1;
        *rows.entry(t).or_insert(0) += 1;
        *cols.entry(f).or_insert(0) += 1;
    }
    let index: f64 = cells.values().map(|&c| pairs(c)).sum();
    let a: f64 = rows.values().map(|&c| pairs(c)).sum();
    let b: f64 = cols.values().map(|&c| pairs(c)).sum();
    let total = pairs(truth.len().min(found.len()));
    if total == 0.0 {
        return 1.0;
    }
    let expected = a * b / total;
    let max = (a + b) / 2.0;
    if max == expected {
        // Both partitions all singletons or both one group: agreement is total or none.
        return if index == max { 1.0 } else { 0.0 };
    }
    (index - expected) / (max - expected)
}

/// Purity of `found` against `truth`: the fraction of items whose found group's majority true
/// label is their own.
pub fn purity(truth: &[usize], found: &[usize]) -> f64 {
    if truth.is_empty() {
        return 1.0;
    }
    let mut cells: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (&t, &f) in truth.iter().zip(found) {
        *cells.entry((f, t)).or_insert(0) += 1;
    }
    let mut majority: BTreeMap<usize, usize> = BTreeMap::new();
    for (&(f, _), &c) in &cells {
        let m = majority.entry(f).or_insert(0);
        *m = (*m).max(c);
    }
    majority.values().sum::<usize>() as f64 / truth.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_document_in_two_clusters_is_doubly_labelled() {
        let article = |text: &str| Article {
            text: text.into(),
            ..Article::default()
        };
        let mix = Mix {
            articles: vec![
                article("Shared report."),
                article("Shared report.\n"),
                article("Own report."),
                article("Copy in one cluster."),
                article("Copy in one cluster."),
                article("Shared report."),
            ],
            truth: vec![Some(0), Some(1), Some(0), Some(1), Some(1), None],
            names: vec!["a".into(), "b".into()],
        };
        assert_eq!(single_label(&mix), [false, false, true, true, true, true]);
    }

    #[test]
    fn ari_of_identical_and_relabelled_partitions_is_one() {
        let t = [0, 0, 1, 1, 2];
        assert!((adjusted_rand_index(&t, &[5, 5, 3, 3, 9]) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn ari_by_hand() {
        // Contingency [[2,1],[0,2]]: index 1+0+0+1 = 2, rows 3+1 = 4, cols 1+3 = 4, C(5,2) = 10.
        // Expected 4·4/10 = 1.6, max 4: ARI = (2 - 1.6) / (4 - 1.6) = 1/6.
        let ari = adjusted_rand_index(&[0, 0, 0, 1, 1], &[0, 0, 1, 1, 1]);
        assert!((ari - 1.0 / 6.0).abs() < 1e-12, "{ari}");
        // Everything in one group against two true groups: no better than chance.
        assert_eq!(adjusted_rand_index(&[0, 0, 1, 1], &[0, 0, 0, 0]), 0.0);
    }

    #[test]
    fn purity_by_hand() {
        let (t, f) = ([0, 0, 0, 1, 1], [0, 0, 1, 1, 1]);
        // Found 0 = {0,0} → 2; found 1 = {0,1,1} → 2: 4/5.
        assert!((purity(&t, &f) - 0.8).abs() < 1e-12);
        // Inverse purity: true 0 = {f0,f0,f1} → 2; true 1 = {f1,f1} → 2.
        assert!((purity(&f, &t) - 0.8).abs() < 1e-12);
        assert_eq!(purity(&t, &[0, 1, 2, 3, 4]), 1.0);
    }

    #[test]
    fn best_match_is_the_majority_story() {
        let m = best_matches(&[0, 0, 0, 1, 1], &[4, 4, 2, 2, 2]);
        assert_eq!(m.get(&0), Some(&4));
        assert_eq!(m.get(&1), Some(&2));
    }
}
