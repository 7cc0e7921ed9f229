//! split: the cleaned articles' sentences become the [`Sentence`]s every later stage works on,
//! each with its article and position. (Cleaning judged them as sentences already, cut by
//! [`crate::segment`].)

use rayon::prelude::*;
use serde::Serialize;

/// A sentence of the cleaned input, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sentence {
    /// Index of its article in the input list.
    pub article: usize,
    /// 0-based position of the sentence in its (cleaned) article.
    pub position: usize,
    pub text: String,
}

/// A sentence for unit tests of the later stages.
#[cfg(test)]
pub(crate) fn test_sentence(article: usize, position: usize, text: &str) -> Sentence {
    Sentence {
        article,
        position,
        text: text.to_string(),
    }
}

/// Every sentence of the cleaned articles, in input order (cleaning split them with
/// [`crate::segment::sentences`] when it judged them).
pub fn split(documents: &[(usize, &[String])]) -> Vec<Sentence> {
    let per_document: Vec<Vec<Sentence>> = documents
        .par_iter()
        .map(|&(article, sentences)| {
            sentences
                .iter()
                .enumerate()
                .map(|(position, text)| Sentence {
                    article,
                    position,
                    text: text.clone(),
                })
                .collect()
        })
        .collect();
    per_document.into_iter().flatten().collect()
}
