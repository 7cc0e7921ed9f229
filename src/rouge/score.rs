//! Per-cluster scores of one peer against its references, as ROUGE-1.5.5 computes them
//! (`computeNGramScore`, `computeSkipBigramScore`, `computeLCSScore`, `computeWLCSScore`).

use super::bootstrap::{round5, Triple};
use super::lcs::lcs_match;
use super::options::{Metric, RougeOptions, Scoring};
use super::tokenize::Prepared;
use rustc_hash::FxHashMap as FxMap;

/// One peer's result on one cluster for one metric: the printed (R, P, F), each rounded to 5
/// decimals as the script stores it, and the raw totals used by `-t 1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ClusterResult {
    pub recall: f64,
    pub precision: f64,
    pub f: f64,
    /// (model count, peer count, hits).
    pub counts: Triple,
}

/// Hits and counts against one reference, and the score `-f B` ranks references by.
pub(crate) struct Match {
    pub(crate) hits: f64,
    pub(crate) model_count: f64,
    pub(crate) peer_count: f64,
    pub(crate) rank_score: f64,
}

/// What a metric needs of one text besides its tokens, computed once per text: gram counts, or
/// the unigram budgets that clip LCS hits.
pub(crate) enum Side {
    /// n <= 4: the ids packed into one integer.
    NGrams(Grams<u128>),
    /// n > 4.
    LongNGrams(Grams<Box<[u32]>>),
    Skip(Grams<(u32, u32)>),
    Lcs(FxMap<u32, i64>),
}

/// Gram counts and their total (the script's `_cn_`).
pub(crate) struct Grams<K> {
    counts: FxMap<K, u32>,
    total: u32,
}

pub(crate) fn side(metric: Metric, text: &Prepared) -> Side {
    match metric {
        Metric::N(n) if n <= 4 => Side::NGrams(packed_ngrams(&text.tokens, n)),
        Metric::N(n) => Side::LongNGrams(ngrams(&text.tokens, n)),
        Metric::S { distance, unigrams } => {
            Side::Skip(skip_bigrams(&text.tokens, distance, unigrams))
        }
        Metric::L | Metric::W(_) => Side::Lcs(unigram_counts(&text.tokens)),
    }
}

/// One peer against the references of its cluster; `peer_side` and `model_sides` come from
/// [`side`] for the same metric.
pub(crate) fn score(
    metric: Metric,
    peer: (&Prepared, &Side),
    models: &[(&Prepared, &Side)],
    opts: &RougeOptions,
) -> ClusterResult {
    let matches: Vec<Match> = models
        .iter()
        .map(|&(model, model_side)| match (peer.1, model_side) {
            (Side::NGrams(p), Side::NGrams(m)) => counted_match(m, p),
            (Side::LongNGrams(p), Side::LongNGrams(m)) => counted_match(m, p),
            (Side::Skip(p), Side::Skip(m)) => counted_match(m, p),
            (Side::Lcs(p), Side::Lcs(m)) => {
                let weight = match metric {
                    Metric::W(w) => Some(w),
                    _ => None,
                };
                lcs_match(model, m, peer.0, p, weight)
            }
            // Sides are built from the same metric; a mismatch would be a bug, not input.
            _ => Match {
                hits: 0.0,
                model_count: 0.0,
                peer_count: 0.0,
                rank_score: 0.0,
            },
        })
        .collect();
    let (hits, model_count, peer_count) = combine(&matches, opts.scoring);
    let ratio = |den: f64| {
        if den == 0.0 {
            0.0
        } else {
            match metric {
                Metric::W(w) => round5((hits / den).powf(1.0 / w)),
                _ => round5(hits / den),
            }
        }
    };
    let recall = ratio(model_count);
    let precision = ratio(peer_count);
    ClusterResult {
        recall,
        precision,
        f: f_measure(precision, recall, opts.alpha),
        counts: [model_count, peer_count, hits],
    }
}

/// The script's F from the already rounded P and R, rounded again.
fn f_measure(p: f64, r: f64, alpha: f64) -> f64 {
    let den = (1.0 - alpha) * p + alpha * r;
    if den > 0.0 {
        round5((p * r) / den)
    } else {
        0.0
    }
}

/// `-f A`: totals over references; `-f B`: the first reference with the highest rank score.
fn combine(matches: &[Match], scoring: Scoring) -> (f64, f64, f64) {
    match scoring {
        Scoring::Average => matches.iter().fold((0.0, 0.0, 0.0), |acc, m| {
            (acc.0 + m.hits, acc.1 + m.model_count, acc.2 + m.peer_count)
        }),
        Scoring::Best => {
            let mut best = -1.0;
            let mut out = (0.0, 0.0, 0.0);
            for m in matches {
                if m.rank_score > best {
                    best = m.rank_score;
                    out = (m.hits, m.model_count, m.peer_count);
                }
            }
            out
        }
    }
}

/// Gram counts; `expected` sizes the table up front (growing it dominated the profile).
fn count<K: std::hash::Hash + Eq>(keys: impl Iterator<Item = K>, expected: usize) -> Grams<K> {
    let mut counts = FxMap::with_capacity_and_hasher(expected, Default::default());
    let mut total = 0;
    for k in keys {
        *counts.entry(k).or_insert(0) += 1;
        total += 1;
    }
    Grams { counts, total }
}

fn ngrams(tokens: &[u32], n: usize) -> Grams<Box<[u32]>> {
    // `windows(0)` would panic; -n 0 asks for no n-gram metric, so this is not reached with 0.
    let grams = tokens.windows(n.max(1)).filter(|_| n > 0).map(Box::from);
    count(grams, tokens.len())
}

/// n-grams of at most 4 tokens, each gram's ids packed into one u128 (32 bits a token).
fn packed_ngrams(tokens: &[u32], n: usize) -> Grams<u128> {
    let grams = tokens
        .windows(n.max(1))
        .filter(|_| n > 0)
        .map(|g| g.iter().fold(0u128, |key, &t| (key << 32) | u128::from(t)));
    count(grams, tokens.len())
}

/// Unigrams are stored with this second half, which no token id reaches.
const UNIGRAM: u32 = u32::MAX;

/// `createSkipBigram`: pairs (i, j) with j - i <= distance + 1 (any j when distance < 0); with
/// `-u` the unigram of every token but the last (the script's loop stops one short).
fn skip_bigrams(tokens: &[u32], distance: i64, unigrams: bool) -> Grams<(u32, u32)> {
    let len = tokens.len();
    let pairs = (0..len.saturating_sub(1)).flat_map(move |i| {
        let last = if distance < 0 {
            len - 1
        } else {
            (i as u64 + distance as u64 + 1).min(len as u64 - 1) as usize
        };
        let unigram = unigrams.then_some((tokens[i], UNIGRAM));
        unigram
            .into_iter()
            .chain((i + 1..=last).map(move |j| (tokens[i], tokens[j])))
    });
    let per_token = if distance < 0 {
        len
    } else {
        distance as usize + 2
    };
    count(pairs, len.saturating_mul(per_token.min(len.max(1))))
}

/// `ngramScore`: clipped hits; the rank score is the recall as `%07.5f` (0 without grams).
fn counted_match<K: std::hash::Hash + Eq>(model: &Grams<K>, peer: &Grams<K>) -> Match {
    let hits: u32 = model
        .counts
        .iter()
        .filter_map(|(g, &mc)| peer.counts.get(g).map(|&pc| pc.min(mc)))
        .sum();
    let rank_score = if model.total != 0 {
        round5(f64::from(hits) / f64::from(model.total))
    } else {
        0.0
    };
    Match {
        hits: f64::from(hits),
        model_count: f64::from(model.total),
        peer_count: f64::from(peer.total),
        rank_score,
    }
}

fn unigram_counts(tokens: &[u32]) -> FxMap<u32, i64> {
    let mut counts = FxMap::with_capacity_and_hasher(tokens.len(), Default::default());
    for &t in tokens {
        *counts.entry(t).or_insert(0) += 1;
    }
    counts
}

/// Most skip bigrams one text may give: their table is the memory of ROUGE-S (a 100,000-word
/// summary with `-2 -1` would need 5 billion entries).
pub const MAX_SKIP_BIGRAMS: u64 = 10_000_000;

/// Longest sentence ROUGE-L/W take: their table is (model sentence x peer sentence) cells.
pub const MAX_LCS_SENTENCE: usize = 10_000;

/// Most words in one text under ROUGE-L/W: every model sentence meets every peer sentence.
pub const MAX_LCS_WORDS: usize = 100_000;

/// Skip bigrams (plus unigrams with `-u`) of `len` tokens, as [`skip_bigrams`] counts them.
fn skip_bigram_count(len: usize, distance: i64, unigrams: bool) -> u64 {
    // u128: the count of a long text under -2 -1 overflows u64 before it is compared.
    let last = (len as u128).saturating_sub(1);
    let per_token = if distance < 0 {
        last
    } else {
        distance as u128 + 1
    };
    let k = per_token.min(last);
    // Token i pairs with min(k, len-1-i) later tokens.
    let pairs = k * last - k * k.saturating_sub(1) / 2;
    let total = pairs + if unigrams { last } else { 0 };
    u64::try_from(total).unwrap_or(u64::MAX)
}

/// Refuse a text that would make a metric's tables outgrow memory (or time), naming the limit.
pub(crate) fn check_size(metrics: &[Metric], text: &Prepared) -> Result<(), String> {
    for &metric in metrics {
        match metric {
            Metric::S { distance, unigrams } => {
                let count = skip_bigram_count(text.tokens.len(), distance, unigrams);
                if count > MAX_SKIP_BIGRAMS {
                    return Err(format!(
                        "{} words give {count} skip bigrams under -2 {distance}; at most \
                         {MAX_SKIP_BIGRAMS} per text (use a smaller -2 gap or cut with -l)",
                        text.tokens.len()
                    ));
                }
            }
            Metric::L | Metric::W(_) => {
                let words: usize = text.sentences.iter().map(Vec::len).sum();
                let longest = text.sentences.iter().map(Vec::len).max().unwrap_or(0);
                if words > MAX_LCS_WORDS || longest > MAX_LCS_SENTENCE {
                    return Err(format!(
                        "{} takes at most {MAX_LCS_WORDS} words per text and \
                         {MAX_LCS_SENTENCE} per sentence (line); this text has {words} words, \
                         its longest sentence {longest} (use -x, or cut with -l)",
                        metric.name()
                    ));
                }
            }
            Metric::N(_) => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rouge::tokenize::Tokenizer;

    #[test]
    fn empty_peer_and_empty_reference_score_zero() {
        let opts = RougeOptions::from_rouge155("-n 2 -w 1.2 -2 4 -u").unwrap();
        let mut p = Tokenizer::new(&opts, opts.stem);
        let empty = p.prepare(b"");
        let full = p.prepare(b"peace talks resume\n");
        for metric in opts.metrics() {
            for (peer, model) in [(&empty, &full), (&full, &empty)] {
                let (ps, ms) = (side(metric, peer), side(metric, model));
                let r = score(metric, (peer, &ps), &[(model, &ms)], &opts);
                assert_eq!((r.recall, r.precision, r.f), (0.0, 0.0, 0.0), "{metric:?}");
            }
        }
    }

    #[test]
    fn identical_texts_score_one() {
        let opts = RougeOptions::from_rouge155("-n 2 -2 4 -u").unwrap();
        let mut p = Tokenizer::new(&opts, opts.stem);
        let a = p.prepare(b"the peace talks resume today\nkremlin says no\n");
        for metric in opts.metrics() {
            let sa = side(metric, &a);
            let r = score(metric, (&a, &sa), &[(&a, &sa)], &opts);
            assert_eq!((r.recall, r.precision, r.f), (1.0, 1.0, 1.0), "{metric:?}");
        }
    }

    #[test]
    fn su_skips_the_last_unigram() {
        let grams = skip_bigrams(&[1, 2, 3], 4, true);
        assert_eq!(grams.total, 5); // 1, 2, (1,2), (1,3), (2,3)
        assert!(!grams.counts.contains_key(&(3, UNIGRAM)));
        let gapped = skip_bigrams(&[1, 2, 3, 4], 1, false);
        assert_eq!(gapped.total, 5); // (1,2) (1,3) (2,3) (2,4) (3,4)
    }

    #[test]
    fn skip_bigram_count_is_what_skip_bigrams_gives() {
        for len in 0..12usize {
            let tokens: Vec<u32> = (0..len as u32).collect();
            for distance in [-1, 0, 1, 4, 20] {
                for unigrams in [false, true] {
                    let grams = skip_bigrams(&tokens, distance, unigrams);
                    let expected = u64::from(grams.total);
                    assert_eq!(skip_bigram_count(len, distance, unigrams), expected);
                }
            }
        }
    }

    #[test]
    fn huge_texts_are_refused_before_their_tables_are_built() {
        let long = Prepared {
            tokens: (0..100_000).collect(),
            sentences: vec![(0..100_000).collect()],
        };
        let any_gap = [Metric::S {
            distance: -1,
            unigrams: true,
        }];
        let err = check_size(&any_gap, &long).unwrap_err();
        assert!(err.contains("10000000"), "{err}");
        let gap4 = [Metric::S {
            distance: 4,
            unigrams: true,
        }];
        assert!(check_size(&gap4, &long).is_ok());
        let err = check_size(&[Metric::W(1.2)], &long).unwrap_err();
        assert!(err.contains("ROUGE-W-1.2"), "{err}");
        assert!(check_size(&[Metric::N(4)], &long).is_ok());
    }
}
