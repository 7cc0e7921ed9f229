//! The coverage term of the `cluster` method: how well the chosen sentences represent all the
//! candidates, by the (non-negative) cosine similarity of their vectors, saturating per
//! represented sentence so that one topic cannot buy all the gain (Lin & Bilmes 2011).
//!
//! The represented sentences are a bounded, evenly spaced sample of the candidates (all of
//! them in a small input), each standing for its share of the rest: the term then costs
//! O(candidates × sample) instead of a candidates × candidates table.

use ndarray::{s, Array2, ArrayView1, Axis};
use rayon::prelude::*;

/// At most this many candidates are represented; inputs with fewer are represented whole.
pub const MAX_REPRESENTED: usize = 512;
/// Candidates scored per block of the one pass over all of them.
const BLOCK: usize = 1024;

/// The represented sentences and how much of each is covered so far.
#[derive(Debug, Clone)]
pub struct Coverage {
    represented: Array2<f32>,
    caps: Vec<f32>,
    state: Vec<f32>,
}

/// What one pass over all candidates finds.
#[derive(Debug, Clone)]
pub struct Pass {
    pub coverage: Coverage,
    /// Each candidate's total similarity to all candidates (estimated from the sample).
    pub centrality: Vec<f32>,
    /// Each candidate's coverage gain when nothing is chosen yet.
    pub singleton: Vec<f32>,
}

/// Build the coverage term over `vectors` (one unit row per candidate).
pub fn coverage(vectors: &Array2<f32>, saturation: f32) -> Pass {
    let n = vectors.nrows();
    let r = n.min(MAX_REPRESENTED);
    let sample: Vec<usize> = (0..r).map(|i| i * n / r.max(1)).collect();
    let represented = vectors.select(Axis(0), &sample);
    let scale = n as f32 / r.max(1) as f32;
    let among = represented.dot(&represented.t()).mapv(|x| x.max(0.0));
    let caps: Vec<f32> = among
        .rows()
        .into_iter()
        .map(|row| (saturation * scale * row.sum()).max(1e-6))
        .collect();
    let coverage = Coverage {
        represented,
        caps,
        state: vec![0.0; r],
    };
    let starts: Vec<usize> = (0..n).step_by(BLOCK).collect();
    let blocks: Vec<(Vec<f32>, Vec<f32>)> = starts
        .par_iter()
        .map(|&start| {
            let block = vectors.slice(s![start..(start + BLOCK).min(n), ..]);
            let sims = block.dot(&coverage.represented.t());
            let mut centrality = Vec::with_capacity(sims.nrows());
            let mut singleton = Vec::with_capacity(sims.nrows());
            for row in sims.rows() {
                centrality.push(scale * row.iter().map(|x| x.max(0.0)).sum::<f32>());
                singleton.push(coverage.gain_of(row));
            }
            (centrality, singleton)
        })
        .collect();
    let (mut centrality, mut singleton) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for (c, g) in blocks {
        centrality.extend(c);
        singleton.extend(g);
    }
    Pass {
        coverage,
        centrality,
        singleton,
    }
}

impl Coverage {
    /// The gain of adding the sentence with unit vector `v`.
    pub fn gain(&self, v: ArrayView1<f32>) -> f32 {
        self.gain_of(self.represented.dot(&v).view())
    }

    /// Record the sentence with unit vector `v` as chosen.
    pub fn add(&mut self, v: ArrayView1<f32>) {
        let sims = self.represented.dot(&v);
        for (s, x) in self.state.iter_mut().zip(sims.iter()) {
            *s += x.max(0.0);
        }
    }

    /// Gain from the similarities of one sentence to every represented one.
    fn gain_of(&self, sims: ArrayView1<f32>) -> f32 {
        let mut g = 0.0;
        for ((&x, &cap), &state) in sims.iter().zip(&self.caps).zip(&self.state) {
            let before = state.min(cap);
            let after = (state + x.max(0.0)).min(cap);
            g += (after - before) / cap;
        }
        g / self.caps.len().max(1) as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn covering_a_sentence_twice_gains_nothing_more_than_its_cap() {
        let v = array![[1.0f32, 0.0], [0.0, 1.0], [1.0, 0.0]];
        let mut pass = coverage(&v, 0.2);
        assert_eq!(pass.singleton.len(), 3);
        assert!((pass.centrality[0] - 2.0).abs() < 1e-6);
        let first = pass.coverage.gain(v.row(0));
        pass.coverage.add(v.row(0));
        assert!(pass.coverage.gain(v.row(2)) < first);
        assert!(pass.coverage.gain(v.row(1)) > pass.coverage.gain(v.row(2)));
    }
}
