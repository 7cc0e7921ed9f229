//! Per-cluster scores of one peer against its references, as ROUGE-1.5.5 computes them
//! (`computeNGramScore`, `computeSkipBigramScore`, `computeLCSScore`, `computeWLCSScore`).

use super::bootstrap::{round5, Triple};
use super::options::{Limit, Metric, RougeOptions, Scoring};
use super::stem::morph_stem;
use super::tokenize::{raw_tokens, read_text, read_text_lcs, spl_lines};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// ROUGE's `smart_common_words.txt`, the list behind `-s`.
const STOPWORDS_TXT: &str = include_str!("data/smart_common_words.txt");

fn stopwords() -> &'static HashSet<&'static [u8]> {
    static SET: OnceLock<HashSet<&'static [u8]>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS_TXT.lines().map(str::as_bytes).collect())
}

/// A summary turned into token ids, both ways the script reads it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Prepared {
    /// `readText` + `createNGram` tokens: for n-grams, skip bigrams and LCS clipping.
    tokens: Vec<u32>,
    /// `readText_LCS` + `tokenizeText_LCS`: one token list per sentence.
    sentences: Vec<Vec<u32>>,
}

/// Tokeniser with memoised stopword/stemming decisions and token interning (ids compare like the
/// script's strings).
pub(crate) struct Pipeline {
    stem: bool,
    remove_stopwords: bool,
    limit: Limit,
    need_sentences: bool,
    raw: HashMap<Vec<u8>, Option<u32>>,
    interned: HashMap<String, u32>,
}

impl Pipeline {
    pub fn new(opts: &RougeOptions) -> Self {
        Pipeline {
            stem: opts.stem,
            remove_stopwords: opts.remove_stopwords,
            limit: opts.limit,
            need_sentences: opts.rouge_l || opts.wlcs_weight.is_some(),
            raw: HashMap::new(),
            interned: HashMap::new(),
        }
    }

    /// The id of a raw `[a-z0-9]+` token after stopword removal and stemming (None: a stopword).
    fn token_id(&mut self, raw: &[u8]) -> Option<u32> {
        if let Some(&id) = self.raw.get(raw) {
            return id;
        }
        let id = if self.remove_stopwords && stopwords().contains(raw) {
            None
        } else {
            // Raw tokens are ASCII, so this conversion cannot fail.
            let word = String::from_utf8_lossy(raw);
            let word = if self.stem && raw.len() > 3 {
                morph_stem(&word)
            } else {
                word.into_owned()
            };
            let next = self.interned.len() as u32;
            Some(*self.interned.entry(word).or_insert(next))
        };
        self.raw.insert(raw.to_vec(), id);
        id
    }

    fn tokens(&mut self, text: &[u8]) -> Vec<u32> {
        raw_tokens(text).filter_map(|t| self.token_id(t)).collect()
    }

    pub fn prepare(&mut self, text: &[u8]) -> Prepared {
        let lines = spl_lines(text);
        let tokens = self.tokens(&read_text(&lines, self.limit));
        let sentences = if self.need_sentences {
            read_text_lcs(&lines, self.limit)
                .iter()
                .map(|s| self.tokens(s))
                .collect()
        } else {
            Vec::new()
        };
        Prepared { tokens, sentences }
    }
}

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
struct Match {
    hits: f64,
    model_count: f64,
    peer_count: f64,
    rank_score: f64,
}

pub(crate) fn score(
    metric: Metric,
    peer: &Prepared,
    models: &[Prepared],
    opts: &RougeOptions,
) -> ClusterResult {
    let matches: Vec<Match> = match metric {
        Metric::N(n) => {
            let peer_grams = ngrams(&peer.tokens, n);
            models
                .iter()
                .map(|m| counted_match(&ngrams(&m.tokens, n), &peer_grams))
                .collect()
        }
        Metric::S { distance, unigrams } => {
            let peer_grams = skip_bigrams(&peer.tokens, distance, unigrams);
            models
                .iter()
                .map(|m| counted_match(&skip_bigrams(&m.tokens, distance, unigrams), &peer_grams))
                .collect()
        }
        Metric::L => models.iter().map(|m| lcs_match(m, peer, None)).collect(),
        Metric::W(w) => models.iter().map(|m| lcs_match(m, peer, Some(w))).collect(),
    };
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

/// Gram counts; the total number of grams is the sum of the values.
type Counts<K> = HashMap<K, u32>;

fn ngrams(tokens: &[u32], n: usize) -> Counts<&[u32]> {
    let mut grams = HashMap::new();
    if n > 0 {
        for g in tokens.windows(n) {
            *grams.entry(g).or_insert(0) += 1;
        }
    }
    grams
}

/// Unigrams are stored with this second half, which no token id reaches.
const UNIGRAM: u32 = u32::MAX;

/// `createSkipBigram`: pairs (i, j) with j - i <= distance + 1 (any j when distance < 0); with
/// `-u` the unigram of every token but the last (the script's loop stops one short).
fn skip_bigrams(tokens: &[u32], distance: i64, unigrams: bool) -> Counts<(u32, u32)> {
    let mut grams = HashMap::new();
    let len = tokens.len();
    for i in 0..len.saturating_sub(1) {
        if unigrams {
            *grams.entry((tokens[i], UNIGRAM)).or_insert(0) += 1;
        }
        let last = if distance < 0 {
            len - 1
        } else {
            (i as u64 + distance as u64 + 1).min(len as u64 - 1) as usize
        };
        for j in i + 1..=last {
            *grams.entry((tokens[i], tokens[j])).or_insert(0) += 1;
        }
    }
    grams
}

/// `ngramScore`: clipped hits; the rank score is the recall as `%07.5f` (0 without grams).
fn counted_match<K: std::hash::Hash + Eq>(model: &Counts<K>, peer: &Counts<K>) -> Match {
    let hits: u32 = model
        .iter()
        .filter_map(|(g, &mc)| peer.get(g).map(|&pc| pc.min(mc)))
        .sum();
    let model_count: u32 = model.values().sum();
    let peer_count: u32 = peer.values().sum();
    let rank_score = if model_count != 0 {
        round5(f64::from(hits) / f64::from(model_count))
    } else {
        0.0
    };
    Match {
        hits: f64::from(hits),
        model_count: f64::from(model_count),
        peer_count: f64::from(peer_count),
        rank_score,
    }
}

fn unigram_counts(tokens: &[u32]) -> HashMap<u32, i64> {
    let mut counts = HashMap::new();
    for &t in tokens {
        *counts.entry(t).or_insert(0) += 1;
    }
    counts
}

/// `lcs` / `wlcs`: for each model sentence the union of its LCS (or WLCS) with every peer
/// sentence; each union position counts once, and only while both the model's and the peer's
/// unigram budgets for that word last (the 1.4.1 clip against double counting).
fn lcs_match(model: &Prepared, peer: &Prepared, weight: Option<f64>) -> Match {
    let mut model_left = unigram_counts(&model.tokens);
    let mut peer_left = unigram_counts(&peer.tokens);
    let pow = |x: f64| weight.map_or(x, |w| x.powf(w));
    let mut hits = 0.0;
    let mut base = 0.0;
    let mut mask = Vec::new();
    for sentence in &model.sentences {
        mask.clear();
        mask.resize(sentence.len(), false);
        base += pow(sentence.len() as f64);
        if !sentence.is_empty() {
            for p in &peer.sentences {
                match weight {
                    None => mark_lcs(sentence, p, &mut mask),
                    Some(w) => mark_wlcs(sentence, p, w, &mut mask),
                }
            }
        }
        let mut run = 0.0;
        for (j, &tok) in sentence.iter().enumerate() {
            if !mask[j] {
                continue;
            }
            let (Some(m), Some(p)) = (model_left.get_mut(&tok), peer_left.get_mut(&tok)) else {
                continue;
            };
            if *m <= 0 || *p <= 0 {
                continue;
            }
            *m -= 1;
            *p -= 1;
            match weight {
                None => hits += 1.0,
                // Consecutive union hits form one run weighted run^w (as the script counts it:
                // a run ends where the mask ends, clipped positions do not end it).
                Some(_) => {
                    run += 1.0;
                    if j + 1 == sentence.len() || !mask[j + 1] {
                        hits += pow(run);
                        run = 0.0;
                    }
                }
            }
        }
    }
    let peer_tokens = peer.tokens.len() as f64;
    let (model_count, peer_count, rank_score) = match weight {
        None => {
            let score = if base > 0.0 { hits / base } else { 0.0 };
            (base, peer_tokens, score)
        }
        Some(w) => {
            // The script raises the summed sentence weights to the power once more.
            let score = if base > 0.0 {
                (hits / base).powf(1.0 / w)
            } else {
                0.0
            };
            (base.powf(w), peer_tokens.powf(w), score)
        }
    };
    Match {
        hits,
        model_count,
        peer_count,
        rank_score,
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Step {
    Diagonal,
    Up,
    Left,
}

/// `markLCS`: walk back from the corner and mark the model positions on the diagonal moves.
fn mark_path(steps: &[Step], cols: usize, m: usize, n: usize, mask: &mut [bool]) {
    let (mut i, mut j) = (m, n);
    while i != 0 && j != 0 {
        match steps[i * cols + j] {
            Step::Diagonal => {
                i -= 1;
                j -= 1;
                mask[i] = true;
            }
            Step::Up => i -= 1,
            Step::Left => j -= 1,
        }
    }
}

/// `lcs_inner`: the textbook DP with the script's tie-break (up before left).
fn mark_lcs(model: &[u32], peer: &[u32], mask: &mut [bool]) {
    let (m, n) = (model.len(), peer.len());
    let cols = n + 1;
    let mut c = vec![0u32; (m + 1) * cols];
    let mut steps = vec![Step::Up; (m + 1) * cols];
    for i in 1..=m {
        for j in 1..=n {
            let at = i * cols + j;
            if model[i - 1] == peer[j - 1] {
                c[at] = c[at - cols - 1] + 1;
                steps[at] = Step::Diagonal;
            } else if c[at - cols] >= c[at - 1] {
                c[at] = c[at - cols];
                steps[at] = Step::Up;
            } else {
                c[at] = c[at - 1];
                steps[at] = Step::Left;
            }
        }
    }
    mark_path(&steps, cols, m, n, mask);
}

/// `wlcs_inner`: the weighted DP, a diagonal after k consecutive matches adding
/// (k+1)^w - k^w, evaluated in the script's order so that ties break identically.
fn mark_wlcs(model: &[u32], peer: &[u32], w: f64, mask: &mut [bool]) {
    let (m, n) = (model.len(), peer.len());
    let cols = n + 1;
    let mut c = vec![0f64; (m + 1) * cols];
    let mut run = vec![0u32; (m + 1) * cols];
    let mut steps = vec![Step::Up; (m + 1) * cols];
    for i in 1..=m {
        for j in 1..=n {
            let at = i * cols + j;
            if model[i - 1] == peer[j - 1] {
                let k = run[at - cols - 1];
                c[at] = c[at - cols - 1] + f64::from(k + 1).powf(w) - f64::from(k).powf(w);
                steps[at] = Step::Diagonal;
                run[at] = k + 1;
            } else if c[at - cols] >= c[at - 1] {
                c[at] = c[at - cols];
                steps[at] = Step::Up;
            } else {
                c[at] = c[at - 1];
                steps[at] = Step::Left;
            }
        }
    }
    mark_path(&steps, cols, m, n, mask);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prep(opts: &RougeOptions, text: &str) -> (Pipeline, Prepared) {
        let mut p = Pipeline::new(opts);
        let prepared = p.prepare(text.as_bytes());
        (p, prepared)
    }

    #[test]
    fn stemming_only_above_three_characters() {
        let opts = RougeOptions::from_rouge155("-m").unwrap();
        let mut p = Pipeline::new(&opts);
        let a = p.prepare(b"talks was runs");
        let b = p.prepare(b"talk was run");
        // "talks" -> "talk"; "was" (3 letters) is kept; "runs" -> "run".
        assert_eq!(a.tokens, b.tokens);
        let c = p.prepare(b"wa");
        assert_ne!(c.tokens[0], a.tokens[1]);
    }

    #[test]
    fn stopwords_removed_only_with_s() {
        let (_, kept) = prep(
            &RougeOptions::from_rouge155("").unwrap(),
            "the talks of peace",
        );
        assert_eq!(kept.tokens.len(), 4);
        let (_, removed) = prep(
            &RougeOptions::from_rouge155("-s").unwrap(),
            "the talks of peace",
        );
        assert_eq!(removed.tokens.len(), 2);
    }

    #[test]
    fn empty_peer_and_empty_reference_score_zero() {
        let opts = RougeOptions::from_rouge155("-n 2 -w 1.2 -2 4 -u").unwrap();
        let mut p = Pipeline::new(&opts);
        let empty = p.prepare(b"");
        let full = p.prepare(b"peace talks resume\n");
        for metric in opts.metrics() {
            for (peer, refs) in [(&empty, vec![full.clone()]), (&full, vec![empty.clone()])] {
                let r = score(metric, peer, &refs, &opts);
                assert_eq!((r.recall, r.precision, r.f), (0.0, 0.0, 0.0), "{metric:?}");
            }
        }
    }

    #[test]
    fn identical_texts_score_one() {
        let opts = RougeOptions::from_rouge155("-n 2 -2 4 -u").unwrap();
        let mut p = Pipeline::new(&opts);
        let a = p.prepare(b"the peace talks resume today\nkremlin says no\n");
        for metric in opts.metrics() {
            let r = score(metric, &a, std::slice::from_ref(&a), &opts);
            assert_eq!((r.recall, r.precision, r.f), (1.0, 1.0, 1.0), "{metric:?}");
        }
    }

    #[test]
    fn su_skips_the_last_unigram() {
        let grams = skip_bigrams(&[1, 2, 3], 4, true);
        assert_eq!(grams.values().sum::<u32>(), 5); // 1, 2, (1,2), (1,3), (2,3)
        assert!(!grams.contains_key(&(3, UNIGRAM)));
    }
}
