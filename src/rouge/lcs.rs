//! ROUGE-L and ROUGE-W of one peer against one reference (`computeLCSScore`,
//! `computeWLCSScore`): the union LCS per model sentence, clipped by unigram budgets.

use super::score::Match;
use super::tokenize::Prepared;
use rustc_hash::FxHashMap as FxMap;

/// `lcs` / `wlcs`: for each model sentence the union of its LCS (or WLCS) with every peer
/// sentence; each union position counts once, and only while both the model's and the peer's
/// unigram budgets for that word last (the 1.4.1 clip against double counting).
pub(crate) fn lcs_match(
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
        let budgets = (&mut model_left, &mut peer_left);
        add_clipped_hits(&mut hits, sentence, &mask, budgets, weight);
    }
    scored(hits, base, peer.tokens.len() as f64, weight)
}

/// Adds the hits of one model sentence's union positions while both unigram budgets (model,
/// peer) last; into the running sum, in the script's order, so that the float sums agree.
fn add_clipped_hits(
    hits: &mut f64,
    sentence: &[u32],
    mask: &[bool],
    (model_left, peer_left): (&mut FxMap<u32, i64>, &mut FxMap<u32, i64>),
    weight: Option<f64>,
) {
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
            None => *hits += 1.0,
            // Consecutive union hits form one run weighted run^w (as the script counts it: a
            // run ends where the mask ends, clipped positions do not end it).
            Some(w) => {
                run += 1.0;
                if j + 1 == sentence.len() || !mask[j + 1] {
                    *hits += f64::powf(run, w);
                    run = 0.0;
                }
            }
        }
    }
}

/// The counts and the score, from the summed hits and sentence weights.
fn scored(hits: f64, base: f64, peer_tokens: f64, weight: Option<f64>) -> Match {
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
        if self.fill(model, peer_index, peer.len()) {
            self.walk_back(model, peer, mask);
        }
    }

    /// The bit rows of the LCS table of `model` against peer sentence `peer_index` (of `n`
    /// tokens); false if there is no such sentence.
    fn fill(&mut self, model: &[u32], peer_index: usize, n: usize) -> bool {
        let words = n.div_ceil(64);
        let Some(masks) = self.masks.get(peer_index) else {
            return false;
        };
        self.rows.clear();
        self.rows.resize((model.len() + 1) * words, u64::MAX);
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
        true
    }

    /// Walk back as `markLCS` does, keeping `here` = `c[i][j]` and `up` = `c[i-1][j]`
    /// current; once `here` is 0 no token pair is left to match, so the rest of the walk
    /// marks nothing.
    fn walk_back(&self, model: &[u32], peer: &[u32], mask: &mut [bool]) {
        let (m, n) = (model.len(), peer.len());
        let words = n.div_ceil(64);
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
}
