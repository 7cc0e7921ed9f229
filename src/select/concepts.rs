//! The `cluster` method's concepts: stemmed content unigrams and bigrams (a bigram of two
//! stopwords is no concept), each weighted by how many sources use it — distinct outlets when
//! there are several (what many outlets report is news), sentences when there is one (what one
//! source keeps repeating, as in a page of reviews, is its gist) — with extra weight for the
//! sources that use it in an article's first sentences (the ICSI insight).
//!
//! One pass over all sentences, grouped by source; words and concepts are integer ids, so the
//! cost grows linearly with the input and only the candidates' concept lists are kept.

use super::{Corpus, Weights};
use crate::words;
use rustc_hash::{FxHashMap, FxHashSet};

/// Sentences at the head of an article, where news states its gist.
pub const LEAD_SENTENCES: usize = 3;

/// Concept weights and each candidate's concepts.
#[derive(Debug, Clone)]
pub struct Concepts {
    /// Weight per concept id (0 below the minimum support).
    pub weights: Vec<f32>,
    /// Concept ids of each candidate, sorted.
    pub of_candidate: Vec<Vec<u32>>,
}

/// Word and concept ids of one input.
#[derive(Default)]
struct Ids {
    stems: FxHashMap<String, u32>,
    concepts: FxHashMap<u64, u32>,
    unigram: Vec<bool>,
}

impl Ids {
    fn stem(&mut self, token: &str) -> u32 {
        let stem = words::stem(token);
        let next = self.stems.len() as u32;
        *self.stems.entry(stem).or_insert(next)
    }

    fn concept(&mut self, key: u64, unigram: bool) -> u32 {
        let next = self.concepts.len() as u32;
        let id = *self.concepts.entry(key).or_insert(next);
        if id == next {
            self.unigram.push(unigram);
        }
        id
    }

    /// Concept ids of a sentence, sorted and de-duplicated.
    fn of(&mut self, text: &str) -> Vec<u32> {
        // (stem id, stopword, a content unigram)
        let stems: Vec<(u32, bool, bool)> = words::tokens(text)
            .iter()
            .map(|t| {
                let stop = words::is_stopword(t);
                (
                    self.stem(t),
                    stop,
                    !stop && t.chars().any(char::is_alphanumeric),
                )
            })
            .collect();
        let mut out = Vec::with_capacity(2 * stems.len());
        for &(s, _, content) in &stems {
            if content {
                out.push(self.concept(1 << 63 | u64::from(s), true));
            }
        }
        for w in stems.windows(2) {
            if !(w[0].1 && w[1].1) {
                out.push(self.concept(u64::from(w[0].0) << 32 | u64::from(w[1].0), false));
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Weigh the concepts of `corpus`.
pub fn weigh(corpus: &Corpus, weights: &Weights) -> Concepts {
    let Support {
        ids,
        mut df,
        mut lead_df,
        of_candidate,
        sources,
    } = Support::count(corpus);
    let n = ids.unigram.len();
    // Topic relevance and what the reader has seen (select/focus.rs).
    let factors = super::focus::concept_factors(corpus, &ids.stems, &ids.concepts);
    df.resize(n, 0);
    lead_df.resize(n, 0);
    let min_df = if sources == 1 {
        2
    } else {
        let words = corpus.config.budget.words_worth() as f32;
        support_for(
            &df,
            &ids.unigram,
            (weights.concepts_per_word * words) as usize,
        )
        .clamp(2, sources.max(2))
    };
    let concept_weights = (0..n)
        .map(|c| {
            if (df[c] as usize) < factors.as_ref().map_or(min_df, |f| f.min_df(c, min_df)) {
                return 0.0;
            }
            let base = (df[c] as f32 + weights.lead_concepts * lead_df[c] as f32)
                * factors.as_ref().map_or(1.0, |f| f.factor[c]);
            if ids.unigram[c] {
                weights.unigram_weight * base
            } else {
                base
            }
        })
        .collect();
    Concepts {
        weights: concept_weights,
        of_candidate,
    }
}

/// How many sources use each concept, in all and in an article's lead.
struct Support {
    ids: Ids,
    /// Sources using each concept id (may be shorter than the ids: missing is 0).
    df: Vec<u32>,
    /// Sources using it in an article's first [`LEAD_SENTENCES`].
    lead_df: Vec<u32>,
    of_candidate: Vec<Vec<u32>>,
    /// Distinct outlets.
    sources: usize,
}

impl Support {
    /// One pass over the sentences grouped by source: distinct outlets, or sentences when
    /// there is only one outlet.
    fn count(corpus: &Corpus) -> Support {
        let sentences = corpus.sentences;
        let mut outlet_ids: FxHashMap<&str, u32> = FxHashMap::default();
        let outlet: Vec<u32> = sentences
            .iter()
            .map(|s| {
                let next = outlet_ids.len() as u32;
                *outlet_ids
                    .entry(corpus.articles[s.article].outlet())
                    .or_insert(next)
            })
            .collect();
        let single_source = outlet_ids.len() == 1;
        let source = |i: usize| if single_source { i as u32 } else { outlet[i] };
        let mut candidate_of = vec![u32::MAX; sentences.len()];
        for (c, cand) in corpus.candidates.iter().enumerate() {
            candidate_of[cand.sentence] = c as u32;
        }
        let mut order: Vec<usize> = (0..sentences.len()).collect();
        order.sort_by_key(|&i| (source(i), i));
        let mut out = Support {
            ids: Ids::default(),
            df: Vec::new(),
            lead_df: Vec::new(),
            of_candidate: vec![Vec::new(); corpus.candidates.len()],
            sources: outlet_ids.len(),
        };
        let (mut used, mut used_in_lead) = (FxHashSet::default(), FxHashSet::default());
        let mut current = None;
        for &i in &order {
            if current != Some(source(i)) {
                flush(&mut used, &mut out.df);
                flush(&mut used_in_lead, &mut out.lead_df);
                current = Some(source(i));
            }
            let concepts = out.ids.of(&sentences[i].text);
            used.extend(concepts.iter().copied());
            if sentences[i].position < LEAD_SENTENCES {
                used_in_lead.extend(concepts.iter().copied());
            }
            if candidate_of[i] != u32::MAX {
                out.of_candidate[candidate_of[i] as usize] = concepts;
            }
        }
        flush(&mut used, &mut out.df);
        flush(&mut used_in_lead, &mut out.lead_df);
        out
    }
}

/// The highest support that at least `wanted` bigram concepts reach: the threshold follows the
/// digest's length and the input's own spread of support, not a fixed share of its outlets.
fn support_for(df: &[u32], unigram: &[bool], wanted: usize) -> usize {
    let mut support: Vec<u32> = df
        .iter()
        .zip(unigram)
        .filter(|(_, &u)| !u)
        .map(|(&d, _)| d)
        .collect();
    support.sort_unstable_by(|a, b| b.cmp(a));
    support
        .get(wanted.saturating_sub(1))
        .or(support.last())
        .map_or(2, |&d| d as usize)
}

/// Count each concept of one source once, and start the next source afresh.
fn flush(used: &mut FxHashSet<u32>, df: &mut Vec<u32>) {
    for &c in used.iter() {
        let c = c as usize;
        if c >= df.len() {
            df.resize(c + 1, 0);
        }
        df[c] += 1;
    }
    used.clear();
}
