//! The `cluster` method's objective on hand-made candidates.

use super::*;
use crate::config::{Budget, SummaryConfig};
use crate::read::Article;
use crate::select::tfidf::sentences;
use crate::select::Candidate;
use ndarray::{arr1, Array2};

/// Two sentences saying the same, one opening with a back-reference, with equal vectors, one
/// cluster and room for one of them.
fn pick_one(weights: Weights) -> String {
    let s = sentences(&[
        (
            0,
            "But the ceasefire talks in Geneva ended without a deal on Monday night.",
        ),
        (
            1,
            "The ceasefire talks in Geneva ended without a deal on Monday night again.",
        ),
    ]);
    let candidates: Vec<Candidate> = (0..2)
        .map(|i| Candidate {
            sentence: i,
            copies: Vec::new(),
            words: vec![0, 1, 2, 3],
        })
        .collect();
    let embedded = Embedded {
        vectors: Array2::from_shape_vec((2, 2), vec![1.0, 0.0, 1.0, 0.0]).expect("shape"),
        avoid: None,
        labels: arr1(&[0, 0]),
        focus: None,
    };
    let config = SummaryConfig {
        budget: Budget {
            words: Some(13),
            sentences: None,
            bytes: None,
        },
        ..SummaryConfig::default()
    };
    let articles = vec![Article::default(); 2];
    let corpus = Corpus {
        articles: &articles,
        sentences: &s,
        candidates: &candidates,
        embedded: Some(&embedded),
        config: &config,
    };
    let outcome = ClusterMethod { weights }.select(&corpus).expect("select");
    assert_eq!(outcome.picks.len(), 1);
    s[candidates[outcome.picks[0].candidate].sentence]
        .text
        .clone()
}

#[test]
fn a_sentence_that_leans_on_context_gives_way_to_one_that_stands_alone() {
    let neutral = Weights {
        back_reference: 0.0,
        ..Weights::default()
    };
    // Without the penalty the two tie, and the first in input order wins.
    assert!(pick_one(neutral).starts_with("But"));
    assert!(pick_one(Weights::default()).starts_with("The ceasefire"));
}
