//! The `cluster` method's objective on hand-made candidates.

use super::*;
use crate::config::{Budget, SummaryConfig};
use crate::read::Article;
use crate::select::tfidf::sentences;
use crate::select::Candidate;
use crate::split::Sentence;
use ndarray::{arr1, Array2};

/// The texts the cluster method picks from `candidates` of `s`, with 2-d unit `vectors` (one
/// row per candidate, flattened), cluster `labels` and a budget of `words`.
fn picks(
    weights: Weights,
    s: &[Sentence],
    candidates: &[Candidate],
    vectors: Vec<f32>,
    labels: &[usize],
    articles: &[Article],
    words: usize,
) -> Vec<String> {
    let embedded = Embedded {
        vectors: Array2::from_shape_vec((candidates.len(), 2), vectors).expect("shape"),
        avoid: None,
        labels: arr1(labels),
        focus: None,
    };
    let config = SummaryConfig {
        budget: Budget {
            words: Some(words),
            sentences: None,
            bytes: None,
        },
        ..SummaryConfig::default()
    };
    let corpus = Corpus {
        articles,
        sentences: s,
        candidates,
        embedded: Some(&embedded),
        config: &config,
    };
    ClusterMethod { weights }
        .select(&corpus)
        .expect("select")
        .picks
        .iter()
        .map(|p| s[candidates[p.candidate].sentence].text.clone())
        .collect()
}

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
    let picked = picks(
        weights,
        &s,
        &candidates,
        vec![1.0, 0.0, 1.0, 0.0],
        &[0, 0],
        &[Article::default(), Article::default()],
        13,
    );
    assert_eq!(picked.len(), 1);
    picked[0].clone()
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

/// Regression (issue 11): a forecast stayed beside its later outcome ("The vote is expected to
/// re-elect Cardoso." with "Voters re-elected Cardoso."). There is room for all three
/// sentences and none repeats another; the forecast, the most central, gives its place up.
#[test]
fn a_forecast_gives_way_to_its_later_outcome() {
    let s = sentences(&[
        (
            0,
            "Brazilians are expected to give President Cardoso a second term in Sunday's vote.",
        ),
        (
            1,
            "Cardoso won a second term as Brazil's president in Sunday's vote, results showed.",
        ),
        (
            1,
            "Markets in Sao Paulo rose sharply on Monday after the final count.",
        ),
    ]);
    let candidates = crate::select::candidates(&s);
    assert_eq!(candidates.len(), 3);
    let dated = |id: &str| Article {
        id: id.into(),
        ..Article::default()
    };
    let articles = [dated("APW19981003.0001"), dated("APW19981005.0002")];
    let picked = picks(
        Weights::default(),
        &s,
        &candidates,
        vec![0.8, 0.6, 1.0, 0.0, 0.0, 1.0],
        &[0, 0, 1],
        &articles,
        40,
    );
    assert!(picked.iter().any(|t| t.contains("won")), "{picked:?}");
    assert!(!picked.iter().any(|t| t.contains("expected")), "{picked:?}");
}
