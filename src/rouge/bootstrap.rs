//! The averages and confidence intervals of ROUGE-1.5.5 (`computeAverages`,
//! `bootstrapResampling`).
//!
//! The script prints as "Average" not the plain mean of the clusters but the mean of its bootstrap
//! means, so matching its figures to 5 decimals needs its random numbers. Resample `i` (0-based)
//! calls `srand(i)` and draws cluster indices with `int(rand(n))`; Perl (5.20 and later, on every
//! platform) implements `rand` as the 48-bit linear congruential generator of `drand48`:
//! `x' = (0x5DEECE66D * x + 0xB) mod 2^48`, `rand(n) = n * x' / 2^48`, seeded by
//! `x = (seed << 16) + 0x330E`. [`Drand48`] is that generator, so averages and intervals are the
//! script's own, not merely close to them.

use super::options::Counting;

/// Perl's `drand48`-based `rand`, seeded as `srand(seed)` does.
#[derive(Debug, Clone)]
pub struct Drand48 {
    state: u64,
}

impl Drand48 {
    const MULT: u64 = 0x5_DEEC_E66D;
    const ADD: u64 = 0xB;
    const MASK: u64 = (1 << 48) - 1;

    pub fn new(seed: u32) -> Self {
        Drand48 {
            state: (u64::from(seed) << 16) + 0x330E,
        }
    }

    /// The next number in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        self.state = (self.state.wrapping_mul(Self::MULT).wrapping_add(Self::ADD)) & Self::MASK;
        self.state as f64 / (1u64 << 48) as f64
    }

    /// `int(rand(n))`.
    pub fn index(&mut self, n: usize) -> usize {
        // Truncation toward zero is Perl's `int`; the product is < n.
        ((n as f64) * self.next_f64()) as usize
    }
}

/// A printed figure with its interval.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Estimate {
    /// The script's "Average" (mean of the bootstrap means), rounded to 5 decimals.
    pub mean: f64,
    pub ci_low: f64,
    pub ci_high: f64,
}

/// The (R, P, F) estimates of one metric of one system.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Averages {
    pub recall: Estimate,
    pub precision: Estimate,
    pub f: Estimate,
}

/// `sprintf("%7.5f", x)` read back as a number, as the script stores every score: correct
/// rounding of the binary value, ties to even (glibc), which Rust's formatter also does.
pub fn round5(x: f64) -> f64 {
    format!("{x:.5}").parse().unwrap_or(x)
}

/// Per-cluster values fed to the bootstrap, in the script's instance order: (R, P, F) under
/// `-t 0`, (model count, peer count, hits) under `-t 1`.
pub type Triple = [f64; 3];

/// The index draws of every resample for `n` instances: they depend only on `n` and the resample
/// number, so one table serves every system and metric with that many clusters.
pub fn draws(n: usize, resamples: usize) -> Vec<Vec<usize>> {
    (0..resamples)
        .map(|i| {
            let mut rng = Drand48::new(i as u32);
            (0..n).map(|_| rng.index(n)).collect()
        })
        .collect()
}

/// `computeAverages`: bootstrap means, their mean (the printed average) and the interval.
pub fn averages(
    scores: &[Triple],
    draws: &[Vec<usize>],
    confidence: f64,
    counting: Counting,
    alpha: f64,
) -> Averages {
    let n = scores.len();
    let mut samples: [Vec<f64>; 3] = Default::default();
    for draw in draws {
        let mut sum = [0.0f64; 3];
        for &idx in draw {
            for k in 0..3 {
                sum[k] += scores[idx][k];
            }
        }
        let sample = match counting {
            Counting::Sentence if n > 0 => sum.map(|s| s / n as f64),
            Counting::Sentence => [0.0; 3],
            Counting::Token => token_ratios(sum, alpha),
        };
        for k in 0..3 {
            samples[k].push(sample[k]);
        }
    }
    let r = draws.len();
    // The script's interval indexes (for -c 95 -r 1000: the 26th and 975th smallest means).
    let delta = r as f64 * ((100.0 - confidence) / 2.0) / 100.0;
    let upper_a = (r as f64 - delta - 1.0) as i64;
    let lower_a = delta as i64;
    let ratio = r as f64 - delta - 1.0 - upper_a as f64;
    let estimate = |values: &mut Vec<f64>| {
        values.sort_by(f64::total_cmp);
        let mean = values.iter().sum::<f64>() / values.len().max(1) as f64;
        // Perl reads an index past the end as undef, i.e. 0.
        let at = |i: i64| {
            usize::try_from(i)
                .ok()
                .and_then(|i| values.get(i))
                .copied()
                .unwrap_or(0.0)
        };
        let bound = |a: i64| at(a) + (at(a + 1) - at(a)) * ratio;
        Estimate {
            mean: round5(mean),
            ci_low: round5(bound(lower_a)),
            ci_high: round5(bound(upper_a)),
        }
    };
    let [mut rs, mut ps, mut fs] = samples;
    Averages {
        recall: estimate(&mut rs),
        precision: estimate(&mut ps),
        f: estimate(&mut fs),
    }
}

/// `-t 1`: recall, precision and F of summed counts (model, peer, hits).
fn token_ratios([model, peer, hits]: Triple, alpha: f64) -> Triple {
    let r = if model > 0.0 { hits / model } else { 0.0 };
    let p = if peer > 0.0 { hits / peer } else { 0.0 };
    let den = (1.0 - alpha) * p + alpha * r;
    let f = if den > 0.0 { r * p / den } else { 0.0 };
    [r, p, f]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drand48_matches_perl_srand_rand() {
        // perl -e 'srand(0); print rand()' and srand(7); int(rand(30))
        let mut rng = Drand48::new(0);
        assert_eq!(rng.next_f64(), 0.17082803610628972);
        assert_eq!(rng.next_f64(), 0.7499019804849638);
        assert_eq!(Drand48::new(7).index(30), 7);
    }

    #[test]
    fn round5_is_printf_rounding() {
        assert_eq!(round5(0.015625), 0.01562);
        assert_eq!(round5(0.046875), 0.04688);
        assert_eq!(round5(1.0 / 3.0), 0.33333);
    }

    #[test]
    fn constant_scores_give_constant_interval() {
        let scores = vec![[0.5, 0.25, 0.33333]; 7];
        let a = averages(&scores, &draws(7, 100), 95.0, Counting::Sentence, 0.5);
        assert_eq!(
            a.recall,
            Estimate {
                mean: 0.5,
                ci_low: 0.5,
                ci_high: 0.5
            }
        );
        assert_eq!(a.f.mean, 0.33333);
    }

    #[test]
    fn no_instances_give_zeros() {
        let a = averages(&[], &draws(0, 10), 95.0, Counting::Sentence, 0.5);
        assert_eq!(
            a.precision,
            Estimate {
                mean: 0.0,
                ci_low: 0.0,
                ci_high: 0.0
            }
        );
    }
}
