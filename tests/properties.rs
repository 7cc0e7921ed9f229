//! Property tests of the summariser's invariants over random article sets: the digest respects
//! its budget, is a subset of the input sentences, and never repeats itself.

use newsdigest::choice::Choice;
use newsdigest::config::{Budget, Method, SummaryConfig};
use newsdigest::embeddings::WordEmbeddings;
use newsdigest::pipeline::summarize;
use newsdigest::read::Article;
use proptest::prelude::*;
use std::collections::HashSet;
use std::sync::OnceLock;

fn model() -> &'static WordEmbeddings {
    static MODEL: OnceLock<WordEmbeddings> = OnceLock::new();
    MODEL.get_or_init(|| WordEmbeddings::default_model().expect("default model loads"))
}

const WORDS: &[&str] = &[
    "talks",
    "ceasefire",
    "envoy",
    "minister",
    "troops",
    "border",
    "deal",
    "sanctions",
    "summit",
    "president",
    "officials",
    "agreed",
    "rejected",
    "proposal",
    "territory",
    "peace",
    "war",
    "negotiators",
    "capital",
    "weapons",
    "prisoners",
    "exchange",
    "energy",
    "grain",
    "ports",
];

fn sentence() -> impl Strategy<Value = String> {
    // Prose-like: content words joined by function words, so that cleaning keeps it.
    (
        prop::sample::subsequence(WORDS, 4..12),
        prop::sample::select(&["the", "a", "new"][..]),
    )
        .prop_map(|(words, det)| {
            let glue = ["of the", "and the", "to the", "in a", "for the", "with"];
            let mut s = format!("The {det}");
            for (i, w) in words.iter().enumerate() {
                s.push_str(&format!(" {w} {}", glue[i % glue.len()]));
            }
            s.push_str(" war.");
            s
        })
}

fn article_set() -> impl Strategy<Value = Vec<Article>> {
    prop::collection::vec(prop::collection::vec(sentence(), 1..8), 1..5).prop_map(|docs| {
        docs.into_iter()
            .enumerate()
            .map(|(i, sentences)| Article {
                id: format!("a{i}.txt"),
                text: sentences.join("\n"),
                ..Article::default()
            })
            .collect()
    })
}

fn budget() -> impl Strategy<Value = Budget> {
    (
        prop::option::of(10usize..120),
        prop::option::of(1usize..6),
        prop::option::of(80usize..700),
    )
        .prop_map(|(words, sentences, bytes)| {
            let b = Budget {
                words,
                sentences,
                bytes,
            };
            if b.words.is_none() && b.sentences.is_none() && b.bytes.is_none() {
                Budget::default()
            } else {
                b
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn digest_respects_budget_is_a_subset_and_has_no_duplicates(
        articles in article_set(),
        budget in budget(),
        method in prop::sample::select(Method::CHOICES.iter().map(|c| c.value).collect::<Vec<_>>()),
        seed in 0u64..1000,
    ) {
        let config = SummaryConfig { budget, method, seed, ..SummaryConfig::default() };
        // A budget smaller than every sentence gives an empty digest, never an over-long one.
        let digest = summarize(&articles, &config, &newsdigest::pipeline::RunContext::default(), model()).expect("prose-like input gives a digest");
        let texts: Vec<&str> = digest.sentences.iter().map(|s| s.text.as_str()).collect();
        let words: usize = texts.iter().map(|s| s.split_whitespace().count()).sum();
        let bytes = texts.join("\n").len();
        prop_assert!(budget.words.is_none_or(|w| words <= w));
        prop_assert!(budget.sentences.is_none_or(|s| texts.len() <= s));
        prop_assert!(budget.bytes.is_none_or(|b| bytes <= b));
        let inputs: HashSet<&str> = articles.iter().flat_map(|a| a.text.lines()).collect();
        for t in &texts {
            prop_assert!(inputs.contains(t), "not an input sentence: {}", t);
        }
        let distinct: HashSet<&str> = texts.iter().copied().collect();
        prop_assert_eq!(distinct.len(), texts.len());
    }
}
