//! Random: candidates in a seeded random order (the floor any method must clear).

use super::fill;
use crate::config::SummaryConfig;
use crate::pipeline::Sentence;
use crate::select::{Candidate, Outcome};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_xoshiro::Xoshiro256Plus;

pub fn random(sentences: &[Sentence], candidates: &[Candidate], config: &SummaryConfig) -> Outcome {
    let mut order: Vec<(usize, f32)> = (0..candidates.len()).map(|c| (c, 0.0)).collect();
    // Xoshiro256+ with a fixed seed gives the same order on every platform and release.
    order.shuffle(&mut Xoshiro256Plus::seed_from_u64(config.seed));
    fill(&order, sentences, candidates, config)
}
