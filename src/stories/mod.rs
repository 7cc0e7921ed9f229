//! stories: group a feed's articles into stories before each story is summarised on its own.
//!
//! Each article becomes a TF-IDF vector of its title and lead ([`features`]); articles are
//! linked to the few others sharing their most distinctive terms ([`group`]) and grouped by
//! average-link agglomeration with a similarity threshold ([`linkage`]), so no number of
//! stories is given and the cost is near-linear in the number of articles. Stories are ranked by how many outlets
//! carry them. [`crate::bench::stories`] measures the grouping against known stories (`bench --mix`). A
//! story's [`signature`] (its heaviest terms) recognises it in a later digest.
//!
//! Deterministic: one thread, every tie broken by input index.

pub mod continuing;
mod features;
mod group;
mod linkage;
mod signature;
mod title;
pub use title::{best_title, echoed};

pub use features::headline;
pub use signature::{signatures, similarity, Signature, SIGNATURE_TERMS};

use crate::read::Article;
use crate::split::Sentence;
use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use std::collections::BTreeSet;

/// How articles are grouped (the defaults were tuned on DUC 2003 + 2007 mixed, see
/// `eval/results/stories.md`).
#[derive(Debug, Clone, PartialEq)]
pub struct StoryOptions {
    /// Sentences of each article read (after the title): the lead carries the story.
    pub lead_sentences: usize,
    /// Weight of a title term relative to a lead term.
    pub title_weight: f32,
    /// Weight of a capitalised word inside a sentence (a name) relative to other lead terms.
    pub entity_weight: f32,
    /// Two groups merge while the mean similarity over their article pairs (cosine, locally
    /// scaled, blended with the shared-neighbour fraction) is at least this.
    pub threshold: f32,
    /// Neighbours whose mean similarity scales each article's similarities (0: no scaling).
    pub scale_neighbours: usize,
    /// Pairs less similar than this are left out of the graph (counted as 0).
    pub edge_floor: f32,
    /// Terms of each article used to look up similar articles.
    pub probe_terms: usize,
    /// Articles each article is compared with exactly.
    pub candidates: usize,
    /// Terms in more articles than this, or than 5 % of them, are not used to look up
    /// candidates (a term that common does not tell stories apart).
    pub max_postings: usize,
    /// Dated articles this many days apart or less are not penalised.
    pub date_grace_days: f32,
    /// Beyond the grace, similarity halves every this many days.
    pub date_half_life_days: f32,
    /// Weight of a multi-word name ("Amnesty International") as one extra term (0: off).
    pub name_weight: f32,
    /// Nearest neighbours of each article compared by the shared-nearest-neighbour blend
    /// (about the size of a typical story: larger lists spill into neighbouring stories).
    pub snn_neighbours: usize,
    /// Weight of the shared-neighbour fraction in each pair's similarity (0: off).
    pub snn_weight: f32,
}

impl Default for StoryOptions {
    fn default() -> Self {
        StoryOptions {
            lead_sentences: 15,
            title_weight: 2.0,
            entity_weight: 1.0,
            threshold: 0.3,
            edge_floor: 0.05,
            scale_neighbours: 5,
            probe_terms: 12,
            candidates: 60,
            max_postings: 100,
            date_grace_days: 3.0,
            date_half_life_days: 14.0,
            name_weight: 1.5,
            snn_neighbours: 8,
            snn_weight: 0.4,
        }
    }
}

/// One story: the articles telling it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Story {
    /// Indices of its articles in the input list, ascending.
    pub articles: Vec<usize>,
    /// Number of distinct outlets among them ([`Article::outlet`]).
    pub outlets: usize,
    /// Publication time of its latest dated article.
    pub latest: Option<DateTime<FixedOffset>>,
}

/// The stories of an input, best ranked first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stories {
    /// Ranked by outlets, then articles, then recency (latest first, undated last), then
    /// first input index.
    pub stories: Vec<Story>,
    /// For each article (input order), the index of its story in `stories`.
    pub story_of: Vec<usize>,
}

/// Group `articles` into stories. `sentences` are the split sentences of the cleaned articles
/// (`split::split(&clean::clean(articles).sentences())`); only each article's first
/// [`StoryOptions::lead_sentences`] are read, plus its title.
pub fn detect(articles: &[Article], sentences: &[Sentence], opts: &StoryOptions) -> Stories {
    Graph::new(articles, sentences, opts).stories(opts.threshold)
}

/// The articles' similarity graph, built once and grouped at any merge threshold (a second,
/// looser grouping costs only the agglomeration).
pub struct Graph<'a> {
    articles: &'a [Article],
    edges: Vec<(usize, usize, f32)>,
}

impl<'a> Graph<'a> {
    /// See [`detect`] for `sentences`.
    pub fn new(articles: &'a [Article], sentences: &[Sentence], opts: &StoryOptions) -> Self {
        let f = features::features(articles, sentences, opts);
        Graph {
            articles,
            edges: group::edges(articles, &f, opts),
        }
    }

    /// The stories at merge threshold `threshold` (see [`StoryOptions::threshold`]), ranked.
    pub fn stories(&self, threshold: f32) -> Stories {
        let labels = linkage::agglomerate(self.articles.len(), &self.edges, threshold);
        rank(self.articles, &labels)
    }
}

/// Stories from group labels, ranked.
fn rank(articles: &[Article], labels: &[usize]) -> Stories {
    let mut members: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (i, &l) in labels.iter().enumerate() {
        members.entry(l).or_default().push(i);
    }
    let mut stories: Vec<Story> = members
        .into_values()
        .map(|idx| Story {
            outlets: idx
                .iter()
                .map(|&i| articles[i].outlet())
                .collect::<BTreeSet<_>>()
                .len(),
            latest: idx.iter().filter_map(|&i| articles[i].published).max(),
            articles: idx,
        })
        .collect();
    stories.sort_by(|a, b| {
        b.outlets
            .cmp(&a.outlets)
            .then(b.articles.len().cmp(&a.articles.len()))
            // Option orders None first, so reversing puts the latest first and undated last.
            .then(b.latest.cmp(&a.latest))
            .then(a.articles[0].cmp(&b.articles[0]))
    });
    let mut story_of = vec![0; articles.len()];
    for (s, story) in stories.iter().enumerate() {
        for &i in &story.articles {
            story_of[i] = s;
        }
    }
    Stories { stories, story_of }
}

#[cfg(test)]
mod tests;
