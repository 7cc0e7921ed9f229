//! The budget filler every method shares: picks are offered in the method's order of
//! preference; one is taken when it fits the budget and repeats nothing already chosen.

use super::near_copies::jaccard;
use super::{Candidate, Corpus, Pick};
use crate::config::Totals;
use ndarray::Array2;

/// Two sentences whose content-word sets overlap more than this say the same thing.
pub const MAX_JACCARD: f32 = 0.5;
/// Two sentences whose vectors are closer than this say the same thing.
pub const MAX_COSINE: f32 = 0.85;

/// Fills the budget from picks offered in preference order, skipping redundant ones.
pub struct Filler<'a> {
    corpus: Corpus<'a>,
    vectors: Option<&'a Array2<f32>>,
    totals: Totals,
    pub picks: Vec<Pick>,
    done: bool,
}

impl<'a> Filler<'a> {
    /// A filler over `corpus`; with `vectors` (one row per candidate), redundancy is also
    /// judged by cosine similarity.
    pub fn new(corpus: Corpus<'a>, vectors: Option<&'a Array2<f32>>) -> Self {
        Filler {
            corpus,
            vectors,
            totals: Totals::default(),
            picks: Vec::new(),
            done: false,
        }
    }

    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Whether `candidate` repeats something already picked.
    pub fn is_redundant(&self, candidate: usize) -> bool {
        let c: &Candidate = &self.corpus.candidates[candidate];
        self.picks.iter().any(|p| {
            let other = &self.corpus.candidates[p.candidate];
            if p.candidate == candidate || jaccard(&c.words, &other.words) > MAX_JACCARD {
                return true;
            }
            self.vectors
                .is_some_and(|v| v.row(candidate).dot(&v.row(p.candidate)) > MAX_COSINE)
        })
    }

    /// Whether `candidate` would fit in the budget now.
    pub fn fits(&self, candidate: usize) -> bool {
        if self.done {
            return false;
        }
        let next = self.totals.with(&self.corpus.sentence(candidate).text);
        let config = self.corpus.config;
        let budget = &config.budget;
        budget.holds(next)
            || (config.overflow
                && budget.sentences.is_none_or(|s| next.sentences <= s)
                && !budget.exhausted(self.totals))
    }

    /// Take back an earlier pick (a forecast its outcome now replaces): its budget is free
    /// again.
    pub fn withdraw(&mut self, candidate: usize) {
        self.picks.retain(|p| p.candidate != candidate);
        self.totals = self.picks.iter().fold(Totals::default(), |t, p| {
            t.with(&self.corpus.sentence(p.candidate).text)
        });
        self.done = self.corpus.config.budget.exhausted(self.totals);
    }

    /// Offer a pick; returns whether it was taken.
    pub fn offer(&mut self, pick: Pick) -> bool {
        if self.is_redundant(pick.candidate) || !self.fits(pick.candidate) {
            return false;
        }
        self.totals = self.totals.with(&self.corpus.sentence(pick.candidate).text);
        self.picks.push(pick);
        self.done = self.corpus.config.budget.exhausted(self.totals);
        true
    }
}

/// Offer candidates in the given order (with their scores) until the budget is used.
pub fn fill(order: &[(usize, f32)], corpus: Corpus) -> super::Outcome {
    let mut filler = Filler::new(corpus, None);
    for &(c, score) in order {
        if filler.is_done() {
            break;
        }
        filler.offer(Pick::plain(c, score));
    }
    super::Outcome {
        picks: filler.picks,
        explain: None,
    }
}

/// Candidates by descending score (ties: input order), with their scores.
pub fn ranked(scores: &[f32]) -> Vec<(usize, f32)> {
    let mut order: Vec<(usize, f32)> = scores.iter().copied().enumerate().collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SummaryConfig;
    use crate::split::Sentence;

    use crate::split::test_sentence as sentence;

    fn corpus<'a>(s: &'a [Sentence], c: &'a [Candidate], config: &'a SummaryConfig) -> Corpus<'a> {
        Corpus {
            articles: &[],
            sentences: s,
            candidates: c,
            embedded: None,
            config,
        }
    }

    /// A configuration with a budget of `n` words.
    fn words(n: usize) -> SummaryConfig {
        SummaryConfig {
            budget: crate::config::Budget {
                words: Some(n),
                sentences: None,
                bytes: None,
            },
            ..SummaryConfig::default()
        }
    }

    #[test]
    fn filler_respects_budget_and_redundancy() {
        let s = vec![
            sentence(
                0,
                0,
                "The envoys met in Geneva on Tuesday to discuss a ceasefire deal.",
            ),
            sentence(
                1,
                0,
                "Energy prices rose sharply across Europe after the announcement was made.",
            ),
            sentence(
                2,
                0,
                "Grain exports through the Black Sea ports resumed under the new agreement.",
            ),
        ];
        let c = super::super::candidates(&s);
        let config = words(20);
        let mut f = Filler::new(corpus(&s, &c, &config), None);
        assert!(f.offer(Pick::plain(0, 1.0)));
        assert!(!f.offer(Pick::plain(0, 1.0)), "the same sentence twice");
        assert!(!f.offer(Pick::plain(1, 1.0)), "12 + 11 words exceed 20");
        let overflow = SummaryConfig {
            overflow: true,
            ..config.clone()
        };
        let mut f = Filler::new(corpus(&s, &c, &overflow), None);
        assert!(f.offer(Pick::plain(0, 1.0)) && f.offer(Pick::plain(1, 1.0)));
        assert!(f.is_done());
    }

    #[test]
    fn a_withdrawn_pick_frees_its_budget() {
        let s = vec![
            sentence(
                0,
                0,
                "The envoys met in Geneva on Tuesday to discuss a ceasefire deal.",
            ),
            sentence(
                1,
                0,
                "Energy prices rose sharply across Europe after the announcement was made.",
            ),
        ];
        let c = super::super::candidates(&s);
        let config = words(12);
        let mut f = Filler::new(corpus(&s, &c, &config), None);
        assert!(f.offer(Pick::plain(0, 1.0)) && f.is_done());
        f.withdraw(0);
        assert!(!f.is_done() && f.picks.is_empty());
        assert!(f.offer(Pick::plain(1, 1.0)));
    }
}
