//! Lead: the opening sentences of the earliest article (by publication time when every article
//! has one, otherwise the first in input order), continuing into the next article only if the
//! first is too short for the budget — the classic news baseline.

use super::filler::fill;
use super::{Corpus, Outcome, Selector};
use crate::error::Result;

/// The lead baseline.
pub struct Lead;

impl Selector for Lead {
    fn select(&self, corpus: &Corpus) -> Result<Outcome> {
        let published: Vec<Option<i64>> = corpus
            .articles
            .iter()
            .map(|a| a.published.map(|d| d.timestamp()))
            .collect();
        Ok(lead_dated(corpus, &published))
    }
}

/// Lead with each article's publication time (Unix seconds, in input order) where known: when
/// every article is dated the earliest one leads; otherwise input order (the reader sorts
/// files by name).
fn lead_dated(corpus: &Corpus, published: &[Option<i64>]) -> Outcome {
    let rank = article_rank(published);
    let rank_of = |article: usize| rank.get(article).copied().unwrap_or(article);
    let mut order: Vec<(usize, f32)> = (0..corpus.candidates.len()).map(|c| (c, 0.0)).collect();
    order.sort_by_key(|&(c, _)| {
        let s = corpus.sentence(c);
        (rank_of(s.article), s.position)
    });
    let n = order.len().max(1) as f32;
    // Score: earlier is better, for JSON output and --explain readers.
    for (i, o) in order.iter_mut().enumerate() {
        o.1 = 1.0 - i as f32 / n;
    }
    fill(&order, *corpus)
}

/// The reading rank of each article: chronological when all are dated, else input order.
fn article_rank(published: &[Option<i64>]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..published.len()).collect();
    if !published.is_empty() && published.iter().all(Option::is_some) {
        // Stable sort: same-time articles keep input order.
        idx.sort_by_key(|&a| published[a]);
    }
    let mut rank = vec![0; published.len()];
    for (r, &a) in idx.iter().enumerate() {
        rank[a] = r;
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_articles_rank_chronologically_and_undated_keep_input_order() {
        assert_eq!(article_rank(&[Some(30), Some(10), Some(20)]), vec![2, 0, 1]);
        assert_eq!(article_rank(&[Some(30), None, Some(20)]), vec![0, 1, 2]);
    }
}
