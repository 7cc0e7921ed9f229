//! A story's headline: of its articles' titles, the one that says what the story is about.
//! The first article's title may belong to a side story (a business report grouped with the
//! search-engine stories it mentions); the title whose words the other titles and the digest
//! share most is the story's own.

use crate::words;
use rustc_hash::{FxHashMap, FxHashSet};

/// Index of the most representative of `titles`: each content stem of a title scores the
/// number of other titles that use it, plus [`CONTEXT_WEIGHT`] when a digest sentence
/// (`context`) uses it, and a title's score is their sum over the square root of its number of
/// stems (long titles should not win by length). Ties go to the earliest title; `None` when `titles` is empty.
pub fn best_title(titles: &[&str], context: &[&str]) -> Option<usize> {
    let stems: Vec<FxHashSet<String>> = titles.iter().map(|t| content_stems(t)).collect();
    let mut used_by: FxHashMap<&str, f32> = FxHashMap::default();
    for set in &stems {
        for s in set {
            *used_by.entry(s.as_str()).or_insert(0.0) += 1.0;
        }
    }
    let in_context: FxHashSet<String> = context.iter().flat_map(|c| content_stems(c)).collect();
    let score = |set: &FxHashSet<String>| -> f32 {
        if set.is_empty() {
            return 0.0;
        }
        let sum: f32 = set
            .iter()
            .map(|s| {
                used_by[s.as_str()] - 1.0
                    + CONTEXT_WEIGHT * f32::from(u8::from(in_context.contains(s)))
            })
            .sum();
        sum / (set.len() as f32).sqrt()
    };
    let mut best: Option<(usize, f32)> = None;
    for (i, set) in stems.iter().enumerate() {
        let s = score(set);
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

/// What a digest sentence's use of a stem adds, against 1 per other title: the headline
/// should announce the sentences under it.
const CONTEXT_WEIGHT: f32 = 3.0;

/// For each of `titles`, whether another of them shares a content word (stemmed) with it.
pub fn echoed(titles: &[&str]) -> Vec<bool> {
    let stems: Vec<FxHashSet<String>> = titles.iter().map(|t| content_stems(t)).collect();
    let mut used_by: FxHashMap<&str, u32> = FxHashMap::default();
    for s in stems.iter().flatten() {
        *used_by.entry(s.as_str()).or_insert(0) += 1;
    }
    stems
        .iter()
        .map(|set| set.iter().any(|s| used_by[s.as_str()] > 1))
        .collect()
}

fn content_stems(text: &str) -> FxHashSet<String> {
    words::tokens(text)
        .into_iter()
        .filter(|t| !words::is_stopword(t) && t.chars().any(char::is_alphabetic))
        .map(|t| words::stem(&t))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (the bbc digest's search-engine story was headed "Ad sales boost Time Warner
    /// profit", the title of its first article).
    #[test]
    fn the_title_the_story_shares_wins_over_the_first_one() {
        let titles = [
            "Ad sales boost Time Warner profit",
            "Google launches TV search service",
            "Search wars hit desktop PCs",
            "The year search became personal",
        ];
        let digest = ["The net search giant Google has launched a search service."];
        assert_eq!(best_title(&titles, &digest), Some(1));
    }

    #[test]
    fn ties_and_empty_inputs() {
        assert_eq!(best_title(&[], &[]), None);
        assert_eq!(best_title(&["Alpha beta", "Gamma delta"], &[]), Some(0));
        assert_eq!(best_title(&["", "Gamma delta"], &[]), Some(0));
    }
}
