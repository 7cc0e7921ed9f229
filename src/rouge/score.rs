//! Per-cluster scores of one peer against its references, as ROUGE-1.5.5 computes them
//! (`computeNGramScore`, `computeSkipBigramScore`, `computeLCSScore`, `computeWLCSScore`).

use super::bootstrap::{round5, Triple};
use super::options::{Limit, Metric, RougeOptions, Scoring};
use super::stem::morph_stem;
use super::tokenize::{raw_tokens, read_text, read_text_lcs, spl_lines};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// rustc's FxHash: token ids and small keys need speed, not DoS resistance.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

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
    raw: FxMap<Vec<u8>, Option<u32>>,
    interned: FxMap<String, u32>,
}

impl Pipeline {
    pub fn new(opts: &RougeOptions) -> Self {
        Pipeline {
            stem: opts.stem,
            remove_stopwords: opts.remove_stopwords,
            limit: opts.limit,
            need_sentences: opts.rouge_l || opts.wlcs_weight.is_some(),
            raw: FxMap::default(),
            interned: FxMap::default(),
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

/// `lcs` / `wlcs`: for each model sentence the union of its LCS (or WLCS) with every peer
/// sentence; each union position counts once, and only while both the model's and the peer's
/// unigram budgets for that word last (the 1.4.1 clip against double counting).
fn lcs_match(
    model: &Prepared,
    model_unigrams: &FxMap<u32, i64>,
    peer: &Prepared,
    peer_unigrams: &FxMap<u32, i64>,
    weight: Option<f64>,
) -> Match {
    // Budgets are fresh for every reference, as in the script.
    let mut model_left = model_unigrams.clone();
    let mut peer_left = peer_unigrams.clone();
    let pow = |x: f64| weight.map_or(x, |w| x.powf(w));
    let mut dp = Dp::new(model, peer, weight);
    let mut bits = weight.is_none().then(|| LcsBits::new(peer));
    let mut hits = 0.0;
    let mut base = 0.0;
    let mut mask = Vec::new();
    for sentence in &model.sentences {
        mask.clear();
        mask.resize(sentence.len(), false);
        base += pow(sentence.len() as f64);
        if !sentence.is_empty() {
            for (pi, p) in peer.sentences.iter().enumerate() {
                match &mut bits {
                    Some(bits) => bits.mark(sentence, pi, p, &mut mask),
                    None => dp.mark(sentence, p, &mut mask),
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

/// The plain LCS table, bit-parallel (Crochemore et al. 2001, Hyyrö 2004): row i is a bit
/// vector whose bit j is 0 exactly when `c[i][j+1] = c[i][j] + 1`, so any cell is
/// `c[i][j] = j - popcount(row_i & low j bits)`. The backtrace then reads the very cells the
/// script's table holds and takes the same path, at a 64th of the cost of filling the table.
struct LcsBits {
    /// Per peer sentence: token -> bit mask of its positions.
    masks: Vec<FxMap<u32, Vec<u64>>>,
    rows: Vec<u64>,
}

impl LcsBits {
    fn new(peer: &Prepared) -> Self {
        let masks = peer
            .sentences
            .iter()
            .map(|s| {
                let words = s.len().div_ceil(64);
                let mut m: FxMap<u32, Vec<u64>> = FxMap::default();
                for (j, &t) in s.iter().enumerate() {
                    m.entry(t).or_insert_with(|| vec![0; words])[j / 64] |= 1 << (j % 64);
                }
                m
            })
            .collect();
        LcsBits {
            masks,
            rows: Vec::new(),
        }
    }

    /// Same result as the table DP plus `markLCS` (see [`Dp::mark`]).
    fn mark(&mut self, model: &[u32], peer_index: usize, peer: &[u32], mask: &mut [bool]) {
        let (m, n) = (model.len(), peer.len());
        let words = n.div_ceil(64);
        let Some(masks) = self.masks.get(peer_index) else {
            return;
        };
        self.rows.clear();
        self.rows.resize((m + 1) * words, u64::MAX);
        for (i, a) in model.iter().enumerate() {
            let (done, rest) = self.rows.split_at_mut((i + 1) * words);
            let prev = &done[i * words..];
            let cur = &mut rest[..words];
            match masks.get(a) {
                None => cur.copy_from_slice(prev),
                Some(ma) => {
                    let mut carry = false;
                    for w in 0..words {
                        let v = prev[w];
                        let (sum, c1) = v.overflowing_add(v & ma[w]);
                        let (sum, c2) = sum.overflowing_add(u64::from(carry));
                        carry = c1 || c2;
                        cur[w] = sum | (v & !ma[w]);
                    }
                }
            }
        }
        let rows = &self.rows;
        // c[i][j] from scratch: one popcount per word.
        let c = |i: usize, j: usize| -> usize {
            let row = &rows[i * words..(i + 1) * words];
            let mut ones: usize = row[..j / 64].iter().map(|w| w.count_ones() as usize).sum();
            if !j.is_multiple_of(64) {
                ones += (row[j / 64] & ((1u64 << (j % 64)) - 1)).count_ones() as usize;
            }
            j - ones
        };
        // c[i][j+1] - c[i][j]: bit j of row i is 0.
        let step =
            |i: usize, j: usize| usize::from((rows[i * words + j / 64] >> (j % 64)) & 1 == 0);
        // Walk back as `markLCS` does, keeping `here` = c[i][j] and `up` = c[i-1][j] current;
        // once `here` is 0 no token pair is left to match, so the rest of the walk marks nothing.
        let (mut i, mut j) = (m, n);
        if i == 0 || j == 0 {
            return;
        }
        let mut here = c(i, j);
        let mut up = c(i - 1, j);
        while i != 0 && j != 0 && here != 0 {
            if model[i - 1] == peer[j - 1] {
                mask[i - 1] = true;
                here = up - step(i - 1, j - 1);
                i -= 1;
                j -= 1;
                up = if i > 0 { c(i - 1, j) } else { 0 };
            } else {
                let left = here - step(i, j - 1);
                if up >= left {
                    here = up;
                    i -= 1;
                    up = if i > 0 { c(i - 1, j) } else { 0 };
                } else {
                    here = left;
                    up -= step(i - 1, j - 1);
                    j -= 1;
                }
            }
        }
    }
}

const DIAGONAL: u8 = 0;
const UP: u8 = 1;
const LEFT: u8 = 2;

/// Buffers of the (W)LCS dynamic programme as the script fills it, reused across sentence pairs
/// (used for ROUGE-W; plain LCS goes through [`LcsBits`]).
struct Dp {
    weight: Option<f64>,
    /// `k^w` for k = 0..=longest sentence (the WLCS increments, computed once).
    pw: Vec<f64>,
    steps: Vec<u8>,
    prev: Vec<f64>,
    cur: Vec<f64>,
    prev_run: Vec<u32>,
    cur_run: Vec<u32>,
}

impl Dp {
    fn new(model: &Prepared, peer: &Prepared, weight: Option<f64>) -> Self {
        let longest = model
            .sentences
            .iter()
            .chain(&peer.sentences)
            .map(Vec::len)
            .max()
            .unwrap_or(0);
        let pw = match weight {
            Some(w) => (0..=longest + 1).map(|k| (k as f64).powf(w)).collect(),
            None => Vec::new(),
        };
        Dp {
            weight,
            pw,
            steps: Vec::new(),
            prev: Vec::new(),
            cur: Vec::new(),
            prev_run: Vec::new(),
            cur_run: Vec::new(),
        }
    }

    /// `lcs_inner` / `wlcs_inner` then `markLCS`: fill the table with the script's tie-break
    /// (up before left), walk back from the corner, mark model positions on diagonal moves.
    /// For WLCS a diagonal after k consecutive matches adds (k+1)^w - k^w, evaluated in the
    /// script's order so that ties break identically.
    fn mark(&mut self, model: &[u32], peer: &[u32], mask: &mut [bool]) {
        let (m, n) = (model.len(), peer.len());
        let cols = n + 1;
        self.steps.clear();
        self.steps.resize((m + 1) * cols, UP);
        for v in [&mut self.prev, &mut self.cur] {
            v.clear();
            v.resize(cols, 0.0);
        }
        for v in [&mut self.prev_run, &mut self.cur_run] {
            v.clear();
            v.resize(cols, 0);
        }
        if self.weight.is_none() {
            self.fill_lcs(model, peer);
        } else {
            self.fill_wlcs(model, peer);
        }
        let (mut i, mut j) = (m, n);
        while i != 0 && j != 0 {
            match self.steps[i * cols + j] {
                DIAGONAL => {
                    i -= 1;
                    j -= 1;
                    mask[i] = true;
                }
                UP => i -= 1,
                _ => j -= 1,
            }
        }
    }

    /// The script's plain LCS table. Scoring uses [`LcsBits`]; this is the reference it is
    /// tested against.
    fn fill_lcs(&mut self, model: &[u32], peer: &[u32]) {
        let cols = peer.len() + 1;
        let mut prev = vec![0u32; cols];
        let mut cur = vec![0u32; cols];
        for (i, &a) in model.iter().enumerate() {
            let row = &mut self.steps[(i + 1) * cols..(i + 2) * cols];
            for (j, &b) in peer.iter().enumerate() {
                let (step, value) = if a == b {
                    (DIAGONAL, prev[j] + 1)
                } else if prev[j + 1] >= cur[j] {
                    (UP, prev[j + 1])
                } else {
                    (LEFT, cur[j])
                };
                cur[j + 1] = value;
                row[j + 1] = step;
            }
            std::mem::swap(&mut prev, &mut cur);
        }
    }

    /// The WLCS table: f64 weights plus the length of the run of matches ending at each cell.
    fn fill_wlcs(&mut self, model: &[u32], peer: &[u32]) {
        let (m, n) = (model.len(), peer.len());
        let cols = n + 1;
        for i in 1..=m {
            let row = &mut self.steps[i * cols..(i + 1) * cols];
            for j in 1..=n {
                if model[i - 1] == peer[j - 1] {
                    let k = self.prev_run[j - 1] as usize;
                    self.cur[j] = self.prev[j - 1] + self.pw[k + 1] - self.pw[k];
                    self.cur_run[j] = self.prev_run[j - 1] + 1;
                    row[j] = DIAGONAL;
                } else if self.prev[j] >= self.cur[j - 1] {
                    self.cur[j] = self.prev[j];
                    self.cur_run[j] = 0;
                    row[j] = UP;
                } else {
                    self.cur[j] = self.cur[j - 1];
                    self.cur_run[j] = 0;
                    row[j] = LEFT;
                }
            }
            std::mem::swap(&mut self.prev, &mut self.cur);
            std::mem::swap(&mut self.prev_run, &mut self.cur_run);
        }
    }
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
    fn upper_case_and_punctuation_do_not_change_stems() {
        let opts = RougeOptions::from_rouge155("-m").unwrap();
        let mut p = Pipeline::new(&opts);
        let a = p.prepare(b"TALKS, Talks' talks...\n");
        assert_eq!(a.tokens.len(), 3);
        assert!(a.tokens.iter().all(|&t| t == a.tokens[0]));
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
        let mut p = Pipeline::new(&opts);
        let a = p.prepare(b"the peace talks resume today\nkremlin says no\n");
        for metric in opts.metrics() {
            let sa = side(metric, &a);
            let r = score(metric, (&a, &sa), &[(&a, &sa)], &opts);
            assert_eq!((r.recall, r.precision, r.f), (1.0, 1.0, 1.0), "{metric:?}");
        }
    }

    #[test]
    fn bit_parallel_lcs_takes_the_table_path() {
        // Deterministic pseudo-random sequences over a small alphabet, up to 3 machine words.
        let mut x = 12345u64;
        let mut next = |k: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((x >> 33) % k) as u32
        };
        for _ in 0..300 {
            let (m, n) = (next(40) as usize, next(160) as usize);
            let alphabet = 2 + u64::from(next(6));
            let model: Vec<u32> = (0..m).map(|_| next(alphabet)).collect();
            let peer: Vec<u32> = (0..n).map(|_| next(alphabet)).collect();
            let text = Prepared {
                tokens: peer.clone(),
                sentences: vec![peer.clone()],
            };
            let (mut table, mut fast) = (vec![false; m], vec![false; m]);
            Dp::new(&text, &text, None).mark(&model, &peer, &mut table);
            LcsBits::new(&text).mark(&model, 0, &peer, &mut fast);
            assert_eq!(table, fast, "{model:?} {peer:?}");
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
}
