//! A story's signature: its most distinctive title-and-lead terms, weighted, so that a later
//! digest can tell a story it carried before even when no article or sentence is shared (a
//! follow-up by another outlet). Signatures are plain strings and weights: they compare across
//! runs, each weighed by the IDF of its own input.

use super::features::features;
use super::StoryOptions;
use crate::read::Article;
use crate::split::Sentence;

/// Terms a signature keeps: a story's names and key words, not its every word.
pub const SIGNATURE_TERMS: usize = 20;

/// A story's heaviest terms (stems) with their weights: unit length, heaviest first, ties by
/// term.
pub type Signature = Vec<(String, f32)>;

/// One signature per group of `articles` (indices into them): the mean of the articles' TF-IDF
/// vectors of title and lead (as story detection weighs them), cut to its
/// [`SIGNATURE_TERMS`] heaviest terms, unit length. `sentences` are the articles' split
/// sentences (article indices into `articles`).
pub fn signatures(
    articles: &[Article],
    sentences: &[Sentence],
    groups: &[Vec<usize>],
) -> Vec<Signature> {
    // Multi-word names as extra terms help grouping but crowd a 20-term signature with
    // variants of the same name (eval/results/continuing.md: recall 0.80 → 0.87 without them).
    let opts = StoryOptions {
        name_weight: 0.0,
        ..StoryOptions::default()
    };
    let f = features(articles, sentences, &opts);
    groups
        .iter()
        .map(|group| {
            let mut sum: rustc_hash::FxHashMap<u32, f32> = Default::default();
            for v in group.iter().filter_map(|&a| f.vectors.get(a)) {
                for &(id, w) in v {
                    *sum.entry(id).or_insert(0.0) += w;
                }
            }
            let mut terms: Vec<(String, f32)> = sum
                .into_iter()
                .map(|(id, w)| (f.terms[id as usize].clone(), w))
                .collect();
            terms.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            terms.truncate(SIGNATURE_TERMS);
            let norm = terms.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                for (_, w) in &mut terms {
                    *w /= norm;
                }
            }
            terms
        })
        .collect()
}

/// Cosine of two signatures (both unit length): 0 when they share no term. At most
/// [`SIGNATURE_TERMS`]² comparisons.
pub fn similarity(a: &[(String, f32)], b: &[(String, f32)]) -> f32 {
    a.iter()
        .filter_map(|(t, w)| b.iter().find(|(u, _)| u == t).map(|(_, v)| w * v))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, text: &str) -> Article {
        Article {
            id: title.into(),
            title: Some(title.into()),
            text: text.into(),
            ..Article::default()
        }
    }

    fn sentence(article: usize, text: &str) -> Sentence {
        crate::split::test_sentence(article, 0, text)
    }

    #[test]
    fn a_follow_up_is_closer_to_its_story_than_another_story_is() {
        let articles = [
            article(
                "Harbor City pipeline break",
                "The Eastfield pipeline broke in Harbor City.",
            ),
            article(
                "Harbor City council funds pipeline repair",
                "The council will repair the Eastfield pipeline.",
            ),
            article(
                "Museum reopens after theft",
                "The Lindqvist museum reopened its gallery.",
            ),
        ];
        let sentences: Vec<Sentence> = articles
            .iter()
            .enumerate()
            .map(|(i, a)| sentence(i, &a.text))
            .collect();
        let s = signatures(
            &articles,
            &sentences,
            &[vec![0], vec![1], vec![2], vec![0, 1]],
        );
        assert!(s
            .iter()
            .all(|s| s.len() <= SIGNATURE_TERMS && !s.is_empty()));
        let norm: f32 = s[3].iter().map(|(_, w)| w * w).sum();
        assert!((norm - 1.0).abs() < 1e-4);
        assert!((similarity(&s[0], &s[0]) - 1.0).abs() < 1e-4);
        assert!(similarity(&s[0], &s[1]) > 0.3, "{:?} {:?}", s[0], s[1]);
        assert_eq!(similarity(&s[0], &s[2]), 0.0);
        assert!(similarity(&s[3], &s[1]) > similarity(&s[0], &s[1]));
    }
}
