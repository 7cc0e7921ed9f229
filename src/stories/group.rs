//! The articles' similarity graph for story detection, built through an inverted index; it is
//! grouped by average-link agglomeration ([`super::linkage`]) until no two groups are similar
//! enough.
//!
//! Average link (the mean similarity over all article pairs of two groups, pairs absent from
//! the graph counting as 0) does not chain unrelated stories through one bridging article as
//! single link would, and needs no number of stories. Each article is compared only with the
//! few articles that share its most distinctive terms, so the work grows with the number of
//! articles times a constant, not with its square. Each pair's cosine is locally scaled and
//! blended with the fraction of nearest neighbours the two articles share, so that articles of
//! one loosely written story, linked through the same neighbours, hold together.

use super::features::Features;
use super::StoryOptions;
use crate::read::Article;
use rayon::prelude::*;
use std::cmp::Ordering;

/// The weighted similarity graph of the articles (pairs as `(i, j, similarity)`), locally
/// scaled and blended with shared neighbours: what [`super::linkage::agglomerate`] groups at any
/// threshold.
pub fn edges(articles: &[Article], f: &Features, opts: &StoryOptions) -> Vec<(usize, usize, f32)> {
    let mut edges = graph(articles, f, opts);
    if opts.scale_neighbours > 0 {
        local_scale(articles.len(), &mut edges, opts.scale_neighbours);
    }
    if opts.snn_weight > 0.0 && opts.snn_neighbours > 0 {
        shared_neighbours(
            articles.len(),
            &mut edges,
            opts.snn_neighbours,
            opts.snn_weight,
        );
    }
    edges
}

/// Local scaling (Zelnik-Manor and Perona 2004): each similarity is divided by the geometric
/// mean of both articles' typical similarity to their `k` nearest neighbours. A tight story
/// (syndicated wire copies) then stands apart from a related one, while a loosely written
/// story whose articles share fewer words still holds together: one threshold fits both.
fn local_scale(n: usize, edges: &mut [(usize, usize, f32)], k: usize) {
    let mut near: Vec<Vec<f32>> = vec![Vec::new(); n];
    for &(i, j, s) in edges.iter() {
        near[i].push(s);
        near[j].push(s);
    }
    let sigma: Vec<f32> = near
        .iter_mut()
        .map(|v| {
            v.sort_unstable_by(|a, b| b.total_cmp(a));
            v.truncate(k);
            // An article with fewer than k neighbours (a small input) is scaled as if the
            // missing ones were fairly close: else its few weak links would be raised the most.
            let sum: f32 = v.iter().sum::<f32>() + (k - v.len()) as f32 * MISSING_NEIGHBOUR;
            (sum / k as f32).max(SCALE_FLOOR)
        })
        .collect();
    for e in edges.iter_mut() {
        e.2 /= (sigma[e.0] * sigma[e.1]).sqrt();
    }
}

/// Shared-nearest-neighbour blend (Jarvis and Patrick 1973): each pair's similarity becomes
/// `(1 - weight) * s + weight * shared`, where `shared` is the fraction of the `k` nearest
/// neighbours of both articles (each counting itself) that they have in common. Two articles of
/// one diffuse story share their neighbours even when their own words overlap little.
fn shared_neighbours(n: usize, edges: &mut [(usize, usize, f32)], k: usize, weight: f32) {
    let mut near: Vec<Vec<(f32, usize)>> = vec![Vec::new(); n];
    for &(i, j, s) in edges.iter() {
        near[i].push((s, j));
        near[j].push((s, i));
    }
    let sets: Vec<Vec<usize>> = near
        .into_iter()
        .enumerate()
        .map(|(i, mut v)| {
            v.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let mut set: Vec<usize> = v.into_iter().take(k).map(|(_, j)| j).collect();
            set.push(i);
            set.sort_unstable();
            set
        })
        .collect();
    for e in edges.iter_mut() {
        let shared = sorted_overlap(&sets[e.0], &sets[e.1]) as f32 / (k + 1) as f32;
        e.2 = (1.0 - weight) * e.2 + weight * shared;
    }
}

/// Number of common items of two ascending lists.
fn sorted_overlap(a: &[usize], b: &[usize]) -> usize {
    let (mut i, mut j, mut c) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                c += 1;
                i += 1;
                j += 1;
            }
        }
    }
    c
}

/// Smallest neighbourhood similarity used in local scaling (keeps loners from inflating).
const SCALE_FLOOR: f32 = 0.1;

/// The similarity local scaling assumes for each neighbour an article does not have. At the
/// floor (0.1), a few unrelated articles merged on a cosine of 0.04 (7 of 30 sets of five BBC
/// articles from five sections came out with fewer stories); at 0.3, none did, and the DUC
/// mixes, whose articles all have k neighbours, are unchanged (eval/results/stories.md).
const MISSING_NEIGHBOUR: f32 = 0.3;

/// Similar pairs `(i, j, similarity)` with `i < j`, sorted.
fn graph(articles: &[Article], f: &Features, opts: &StoryOptions) -> Vec<(usize, usize, f32)> {
    let n = f.vectors.len();
    // Terms in more articles than this are not story-specific; they would only cost time.
    let max_postings = opts.max_postings.max(n / 20);
    let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); f.df.len()];
    for (i, v) in f.vectors.iter().enumerate() {
        for &(t, w) in v {
            if f.df[t as usize] as usize <= max_postings {
                postings[t as usize].push((i as u32, w));
            }
        }
    }
    // Each article's candidates and exact similarities are independent: in parallel, with one
    // scratch score array per worker.
    let mut edges: Vec<(usize, usize, f32)> = (0..n)
        .into_par_iter()
        .map_init(
            || Scratch {
                score: vec![0.0; n],
                touched: Vec::new(),
                weight: vec![0.0; f.df.len()],
            },
            |scratch, i| neighbours(i, articles, f, &postings, scratch, opts),
        )
        .flatten_iter()
        .collect();
    edges.sort_unstable_by_key(|e| (e.0, e.1));
    edges.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    edges
}

/// One worker's scratch arrays, all zeros between articles.
struct Scratch {
    /// Partial score of each article against the current one.
    score: Vec<f32>,
    /// The articles with a partial score.
    touched: Vec<u32>,
    /// The current article's weight of each term: a candidate's cosine is then one pass over
    /// the candidate's terms instead of a merge of two lists.
    weight: Vec<f32>,
}

/// The similar pairs of article `i`: its probe terms' postings give partial scores, and the
/// best-scored candidates get an exact similarity.
fn neighbours(
    i: usize,
    articles: &[Article],
    f: &Features,
    postings: &[Vec<(u32, f32)>],
    scratch: &mut Scratch,
    opts: &StoryOptions,
) -> Vec<(usize, usize, f32)> {
    let Scratch {
        score,
        touched,
        weight,
    } = scratch;
    let v = &f.vectors[i];
    for &(t, w) in top_terms(v, opts.probe_terms).iter() {
        for &(j, wj) in &postings[t as usize] {
            if j as usize != i {
                if score[j as usize] == 0.0 {
                    touched.push(j);
                }
                score[j as usize] += w * wj;
            }
        }
    }
    // The best partial matches get an exact similarity; ties by index for determinism.
    let by_score = |a: &u32, b: &u32| {
        score[*b as usize]
            .total_cmp(&score[*a as usize])
            .then(a.cmp(b))
    };
    if touched.len() > opts.candidates {
        touched.select_nth_unstable_by(opts.candidates, by_score);
    }
    for &(t, w) in v {
        weight[t as usize] = w;
    }
    let mut edges = Vec::new();
    for &j in touched.iter().take(opts.candidates) {
        let j = j as usize;
        let s =
            scattered_dot(weight, &f.vectors[j]) * date_factor(&articles[i], &articles[j], opts);
        if s >= opts.edge_floor {
            edges.push((i.min(j), i.max(j), s));
        }
    }
    for &(t, _) in v {
        weight[t as usize] = 0.0;
    }
    for &j in touched.iter() {
        score[j as usize] = 0.0;
    }
    touched.clear();
    edges
}

/// Dot product (the cosine, both being unit vectors) of a vector held as a dense array of
/// weights by term with a sparse one. The products and their order are those of a merge of the
/// two sorted lists (matched terms, ascending), so the result is the same to the bit: terms
/// missing from `weight` add nothing.
fn scattered_dot(weight: &[f32], b: &[(u32, f32)]) -> f32 {
    let mut dot = 0.0;
    for &(t, wb) in b {
        let wa = weight[t as usize];
        if wa != 0.0 {
            dot += wa * wb;
        }
    }
    dot
}

/// The `k` heaviest terms of a vector (ties by term id).
fn top_terms(v: &[(u32, f32)], k: usize) -> Vec<(u32, f32)> {
    let mut terms = v.to_vec();
    terms.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    terms.truncate(k);
    terms
}

/// Articles published far apart are less likely one story: when both are dated, similarity
/// halves for every `date_half_life_days` beyond `date_grace_days` between them.
pub fn date_factor(a: &Article, b: &Article, opts: &StoryOptions) -> f32 {
    let (Some(x), Some(y)) = (a.published, b.published) else {
        return 1.0;
    };
    let days = (x - y).num_seconds().unsigned_abs() as f32 / 86_400.0;
    let beyond = (days - opts.date_grace_days).max(0.0);
    0.5f32.powf(beyond / opts.date_half_life_days.max(0.1))
}

#[cfg(test)]
mod tests {
    use super::super::linkage::agglomerate;
    use super::*;

    #[test]
    fn shared_neighbours_lift_pairs_of_one_neighbourhood() {
        // 0, 1, 2 all neighbour each other; 3 hangs off 2 alone. With k = 2 the pair 0-1
        // shares all three of {0, 1, 2}; 2's list is {0, 1, 2}, 3's {2, 3}: they share only 2.
        let mut edges = vec![(0, 1, 0.2), (0, 2, 0.5), (1, 2, 0.5), (2, 3, 0.2)];
        shared_neighbours(4, &mut edges, 2, 0.5);
        let s = |i, j| edges.iter().find(|e| (e.0, e.1) == (i, j)).unwrap().2;
        assert!((s(0, 1) - (0.1 + 0.5)).abs() < 1e-6, "{edges:?}");
        assert!((s(2, 3) - (0.1 + 0.5 / 3.0)).abs() < 1e-6, "{edges:?}");
        // Weight 0 leaves the graph as it is.
        let mut same = vec![(0, 1, 0.2)];
        shared_neighbours(2, &mut same, 2, 0.0);
        assert_eq!(same, vec![(0, 1, 0.2)]);
    }

    /// Regression (a feed of a few unrelated articles came out as one story): two articles
    /// with nothing but a few common words between them stay apart.
    #[test]
    fn two_weakly_similar_articles_are_two_stories() {
        let opts = StoryOptions::default();
        let mut edges = vec![(0, 1, 0.05)];
        local_scale(2, &mut edges, opts.scale_neighbours);
        shared_neighbours(2, &mut edges, opts.snn_neighbours, opts.snn_weight);
        assert!(edges[0].2 < opts.threshold, "{edges:?}");
        let labels = agglomerate(2, &edges, opts.threshold);
        assert_ne!(labels[0], labels[1]);
    }

    /// Cosine of two unit sparse vectors sorted by term id, by merging them: the reference.
    fn merged_dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                Ordering::Less => i += 1,
                Ordering::Greater => j += 1,
                Ordering::Equal => {
                    dot += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        dot
    }

    proptest::proptest! {
        /// The scattered dot product equals the merged one to the bit, so story graphs are
        /// unchanged by how it is computed.
        #[test]
        fn scattered_dot_is_the_merged_dot(
            a in proptest::collection::btree_map(0u32..50, 0.001f32..1.0, 0..20),
            b in proptest::collection::btree_map(0u32..50, 0.001f32..1.0, 0..20),
        ) {
            let a: Vec<(u32, f32)> = a.into_iter().collect();
            let b: Vec<(u32, f32)> = b.into_iter().collect();
            let mut weight = vec![0.0; 50];
            for &(t, w) in &a {
                weight[t as usize] = w;
            }
            proptest::prop_assert_eq!(scattered_dot(&weight, &b).to_bits(), merged_dot(&a, &b).to_bits());
        }
    }

    #[test]
    fn overlap_of_sorted_lists() {
        assert_eq!(sorted_overlap(&[1, 3, 5, 7], &[3, 4, 5]), 2);
        assert_eq!(sorted_overlap(&[], &[1]), 0);
    }
}
