//! An index of near-copies: sentences whose content-word sets overlap by a Jaccard of at least
//! a threshold, found without comparing every pair. MinHash signatures (Broder 1997) are cut
//! into bands; two sets that share a band land in the same bucket, and only bucket-mates are
//! compared exactly. With 8 bands of 2 hashes a pair at Jaccard 0.7 shares a band with
//! probability 1 − (1 − 0.7²)⁸ ≈ 0.995, at 0.8 with 0.9998.

use rustc_hash::FxHashMap;

const BANDS: usize = 8;
const ROWS: usize = 2;
/// Exact comparisons per bucket: a bucket holding thousands of sets (very short, generic
/// sentences) must not make one lookup cost thousands of comparisons.
const MAX_PER_BUCKET: usize = 8;

/// Sorted, de-duplicated word ids of the sets indexed so far, and their buckets.
#[derive(Debug, Default)]
pub struct NearCopies {
    buckets: FxHashMap<u64, Vec<u32>>,
}

impl NearCopies {
    /// The first indexed set (lowest id) whose Jaccard with `words` is at least `threshold`;
    /// `sets[id]` gives the words of indexed set `id`.
    pub fn find<'a>(
        &self,
        words: &[u32],
        threshold: f32,
        sets: impl Fn(u32) -> &'a [u32],
    ) -> Option<u32> {
        let mut best: Option<u32> = None;
        for key in band_keys(words) {
            let Some(bucket) = self.buckets.get(&key) else {
                continue;
            };
            for &id in bucket.iter().take(MAX_PER_BUCKET) {
                if best.is_some_and(|b| b <= id) {
                    break;
                }
                if jaccard(words, sets(id)) >= threshold {
                    best = Some(id);
                }
            }
        }
        best
    }

    /// Index `words` under `id` (ids must be added in increasing order).
    pub fn insert(&mut self, id: u32, words: &[u32]) {
        for key in band_keys(words) {
            self.buckets.entry(key).or_default().push(id);
        }
    }
}

/// One key per band: the band's number and its minimum hashes, mixed.
fn band_keys(words: &[u32]) -> impl Iterator<Item = u64> {
    let mut mins = [u64::MAX; BANDS * ROWS];
    for &w in words {
        for (i, m) in mins.iter_mut().enumerate() {
            *m = (*m).min(mix(u64::from(w) ^ SEEDS[i]));
        }
    }
    (0..BANDS).map(move |b| {
        let mut key = mix(b as u64 + 1);
        for r in 0..ROWS {
            key = mix(key ^ mins[b * ROWS + r]);
        }
        key
    })
}

/// Fixed seeds: the same input always gives the same buckets.
const SEEDS: [u64; BANDS * ROWS] = {
    let mut s = [0u64; BANDS * ROWS];
    let mut i = 0;
    while i < s.len() {
        s[i] = 0x9e37_79b9_7f4a_7c15u64.wrapping_mul(i as u64 + 1);
        i += 1;
    }
    s
};

/// splitmix64's finaliser: a cheap, well-spread 64-bit hash.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Jaccard overlap of two sorted, de-duplicated id lists.
pub fn jaccard(a: &[u32], b: &[u32]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let inter = intersection(a, b);
    inter as f32 / (a.len() + b.len() - inter) as f32
}

/// Size of the intersection of two sorted, de-duplicated id lists.
pub fn intersection(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaccard_of_sorted_lists() {
        assert!((jaccard(&[1, 2], &[2, 3]) - 1.0 / 3.0).abs() < 1e-6);
        assert_eq!(jaccard(&[], &[]), 1.0);
        assert_eq!(intersection(&[1, 3, 5, 7], &[3, 4, 5]), 2);
    }

    #[test]
    fn finds_the_first_near_copy_and_not_unrelated_sets() {
        let sets: Vec<Vec<u32>> = vec![
            (0..20).collect(),
            (100..120).collect(),
            (1..21).collect(), // Jaccard 19/21 with set 0
        ];
        let mut index = NearCopies::default();
        index.insert(0, &sets[0]);
        index.insert(1, &sets[1]);
        let found = index.find(&sets[2], 0.7, |id| &sets[id as usize]);
        assert_eq!(found, Some(0));
        let other: Vec<u32> = (200..220).collect();
        assert_eq!(index.find(&other, 0.7, |id| &sets[id as usize]), None);
    }

    #[test]
    fn near_copies_at_high_overlap_are_found_nearly_always() {
        // 200 pairs at Jaccard 0.8 (16 shared of 20 distinct ids): all but a rare one found.
        let mut found = 0;
        for k in 0..200u32 {
            let base = k * 1000;
            let a: Vec<u32> = (base..base + 18).collect();
            let b: Vec<u32> = (base + 2..base + 20).collect();
            let mut index = NearCopies::default();
            index.insert(0, &a);
            if index.find(&b, 0.7, |_| &a).is_some() {
                found += 1;
            }
        }
        assert!(found >= 198, "{found} of 200");
    }
}
