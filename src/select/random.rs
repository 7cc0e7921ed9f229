//! Random: candidates in a seeded random order (the floor any method must clear).

use super::filler::fill;
use super::{Corpus, Outcome, Selector};
use crate::error::Result;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_xoshiro::Xoshiro256Plus;

/// The random baseline.
pub struct Random;

impl Selector for Random {
    fn select(&self, corpus: &Corpus) -> Result<Outcome> {
        let mut order: Vec<(usize, f32)> = (0..corpus.candidates.len()).map(|c| (c, 0.0)).collect();
        // Xoshiro256+ with a fixed seed gives the same order on every platform and release.
        order.shuffle(&mut Xoshiro256Plus::seed_from_u64(corpus.config.seed));
        Ok(fill(&order, *corpus))
    }
}
