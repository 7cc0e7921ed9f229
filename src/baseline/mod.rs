//! Baselines for comparison, implemented after their papers so that they are an honest
//! yardstick: [`lead`], [`random`], the TF-IDF [`centroid`] of MEAD (Radev et al. 2004) and
//! continuous [`lexrank`] (Erkan & Radev 2004). Every one picks from the same candidates as the
//! `cluster` method and fills the budget through the same [`Filler`].

mod centroid;
mod lead;
mod lexrank;
mod random;
pub mod tfidf;

pub use centroid::{centroid, CENTROID_WORDS};
pub use lead::{lead, lead_dated};
pub use lexrank::{lexrank, stationary, DAMPING};
pub use random::random;

use crate::config::SummaryConfig;
use crate::pipeline::Sentence;
use crate::select::{plain_pick, Candidate, Filler, Outcome};

/// Offer candidates in the given order until the budget is used.
fn fill(
    order: &[(usize, f32)],
    sentences: &[Sentence],
    candidates: &[Candidate],
    config: &SummaryConfig,
) -> Outcome {
    let mut filler = Filler::new(config, sentences, candidates, None);
    for &(c, score) in order {
        if filler.is_done() {
            break;
        }
        filler.offer(plain_pick(c, score));
    }
    Outcome {
        picks: filler.picks,
        explain: None,
    }
}

/// Candidates by descending score (ties: input order), with their scores.
fn ranked(scores: &[f32]) -> Vec<(usize, f32)> {
    let mut order: Vec<(usize, f32)> = scores.iter().copied().enumerate().collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    order
}

#[cfg(test)]
mod tests {
    use super::tfidf::sentences;
    use super::*;
    use crate::config::Budget;
    use crate::select::candidates;

    type Baseline = fn(&[Sentence], &[Candidate], &SummaryConfig) -> Outcome;

    fn config(words: usize, overflow: bool) -> SummaryConfig {
        SummaryConfig {
            budget: Budget {
                words: Some(words),
                sentences: None,
                bytes: None,
            },
            overflow,
            ..SummaryConfig::default()
        }
    }

    fn toy() -> Vec<Sentence> {
        sentences(&[
            (
                0,
                "Rebels seized the northern town of Kasso on Monday morning.",
            ),
            (
                0,
                "Government troops withdrew from Kasso after two days of heavy fighting.",
            ),
            (
                0,
                "The local football team won its third match of the season.",
            ),
            (
                1,
                "Rebels now control Kasso, the largest northern town, officials said on Tuesday.",
            ),
            (
                1,
                "Aid agencies warned that thousands of civilians had fled the fighting in Kasso.",
            ),
            (
                2,
                "Thousands of civilians fled Kasso as the rebels advanced on the town.",
            ),
            (
                2,
                "The rebels promised to hold elections in the northern region next year.",
            ),
        ])
    }

    fn words(o: &Outcome, s: &[Sentence], c: &[Candidate]) -> usize {
        o.picks
            .iter()
            .map(|p| s[c[p.candidate].sentence].text.split_whitespace().count())
            .sum()
    }

    #[test]
    fn every_baseline_keeps_the_budget_and_is_deterministic() {
        let s = toy();
        let c = candidates(&s);
        let cfg = config(25, false);
        let runs: [Baseline; 4] = [lead, random, centroid, lexrank];
        for run in runs {
            let a = run(&s, &c, &cfg);
            let b = run(&s, &c, &cfg);
            assert!(!a.picks.is_empty());
            assert!(words(&a, &s, &c) <= 25);
            assert_eq!(a.picks, b.picks);
        }
    }

    #[test]
    fn overflow_lets_the_last_sentence_cross_the_budget() {
        let s = toy();
        let c = candidates(&s);
        let o = lead(&s, &c, &config(15, true));
        assert_eq!(o.picks.len(), 2);
        assert!(words(&o, &s, &c) > 15);
    }

    #[test]
    fn lead_takes_the_first_article_in_order() {
        let s = toy();
        let c = candidates(&s);
        let o = lead(&s, &c, &config(30, false));
        let picked: Vec<usize> = o.picks.iter().map(|p| c[p.candidate].sentence).collect();
        assert_eq!(picked, vec![0, 1]);
        // Dated: article 2 is the earliest.
        let o = lead_dated(&s, &c, &[Some(3), Some(2), Some(1)], &config(12, false));
        assert_eq!(c[o.picks[0].candidate].sentence, 5);
    }

    #[test]
    fn lexrank_and_centroid_open_with_the_shared_story() {
        let s = toy();
        let c = candidates(&s);
        for run in [centroid, lexrank] {
            let o = run(&s, &c, &config(100, false));
            let first = &s[c[o.picks[0].candidate].sentence].text;
            assert!(first.contains("Kasso"), "{first}");
        }
        // LexRank: the off-topic sentence, similar to nothing, is the last choice.
        let o = lexrank(&s, &c, &config(100, false));
        let last = o
            .picks
            .last()
            .map(|p| s[c[p.candidate].sentence].text.as_str());
        assert!(last.is_some_and(|t| t.contains("football")), "{last:?}");
    }
}
