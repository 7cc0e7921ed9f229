//! Tests of the baselines through the one [`Selector`] interface.

use super::lead::Lead;
use super::tfidf::sentences;
use super::*;
use crate::config::Budget;

fn config(words: usize, overflow: bool) -> SummaryConfig {
    SummaryConfig {
        budget: Budget {
            words: Some(words),
            sentences: None,
            bytes: None,
        },
        overflow,
        ..SummaryConfig::default()
    }
}

fn toy() -> Vec<Sentence> {
    sentences(&[
        (
            0,
            "Rebels seized the northern town of Kasso on Monday morning.",
        ),
        (
            0,
            "Government troops withdrew from Kasso after two days of heavy fighting.",
        ),
        (
            0,
            "The local football team won its third match of the season.",
        ),
        (
            1,
            "Rebels now control Kasso, the largest northern town, officials said on Tuesday.",
        ),
        (
            1,
            "Aid agencies warned that thousands of civilians had fled the fighting in Kasso.",
        ),
        (
            2,
            "Thousands of civilians fled Kasso as the rebels advanced on the town.",
        ),
        (
            2,
            "The rebels promised to hold elections in the northern region next year.",
        ),
    ])
}

fn words(o: &Outcome, s: &[Sentence], c: &[Candidate]) -> usize {
    o.picks
        .iter()
        .map(|p| s[c[p.candidate].sentence].text.split_whitespace().count())
        .sum()
}

/// Run `method` on the toy sentences (undated articles) under `config`.
fn run(method: Method, s: &[Sentence], c: &[Candidate], config: &SummaryConfig) -> Outcome {
    let articles = vec![Article::default(); 3];
    let corpus = Corpus {
        articles: &articles,
        sentences: s,
        candidates: c,
        embedded: None,
        config,
    };
    selector(method)
        .select(&corpus)
        .expect("baselines do not fail")
}

const BASELINES: [Method; 4] = [
    Method::Lead,
    Method::Random,
    Method::Centroid,
    Method::Lexrank,
];

#[test]
fn every_baseline_keeps_the_budget_and_is_deterministic() {
    let s = toy();
    let c = candidates(&s);
    let cfg = config(25, false);
    for method in BASELINES {
        let a = run(method, &s, &c, &cfg);
        let b = run(method, &s, &c, &cfg);
        assert!(!a.picks.is_empty());
        assert!(words(&a, &s, &c) <= 25);
        assert_eq!(a.picks, b.picks);
    }
}

#[test]
fn overflow_lets_the_last_sentence_cross_the_budget() {
    let s = toy();
    let c = candidates(&s);
    let o = run(Method::Lead, &s, &c, &config(15, true));
    assert_eq!(o.picks.len(), 2);
    assert!(words(&o, &s, &c) > 15);
}

#[test]
fn lead_takes_the_first_article_in_order_or_the_earliest_dated() {
    let s = toy();
    let c = candidates(&s);
    let o = run(Method::Lead, &s, &c, &config(30, false));
    let picked: Vec<usize> = o.picks.iter().map(|p| c[p.candidate].sentence).collect();
    assert_eq!(picked, vec![0, 1]);
    // Dated: article 2 is the earliest.
    let dated: Vec<Article> = ["2025-03-03", "2025-03-02", "2025-03-01"]
        .iter()
        .map(|d| Article {
            published: chrono::DateTime::parse_from_rfc3339(&format!("{d}T09:00:00Z")).ok(),
            ..Article::default()
        })
        .collect();
    let cfg = config(12, false);
    let corpus = Corpus {
        articles: &dated,
        sentences: &s,
        candidates: &c,
        embedded: None,
        config: &cfg,
    };
    let o = Lead.select(&corpus).expect("lead");
    assert_eq!(c[o.picks[0].candidate].sentence, 5);
}

#[test]
fn lexrank_and_centroid_open_with_the_shared_story() {
    let s = toy();
    let c = candidates(&s);
    for method in [Method::Centroid, Method::Lexrank] {
        let o = run(method, &s, &c, &config(100, false));
        let first = &s[c[o.picks[0].candidate].sentence].text;
        assert!(first.contains("Kasso"), "{first}");
    }
    // LexRank: the off-topic sentence, similar to nothing, is the last choice.
    let o = run(Method::Lexrank, &s, &c, &config(100, false));
    let last = o
        .picks
        .last()
        .map(|p| s[c[p.candidate].sentence].text.as_str());
    assert!(last.is_some_and(|t| t.contains("football")), "{last:?}");
}
