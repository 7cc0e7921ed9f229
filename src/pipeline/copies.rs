//! Whole-article copies in the citations. The cleaning drops an article that copies an earlier
//! one (the same wire story in four outlets' pages), so its sentences never become candidates
//! and no sentence cited it: the digest said "4 outlets" and credited one. A sentence taken
//! from the original is credited to each copy that carries it word for word.

use super::{DigestSentence, Source};
use crate::clean::Copy;
use crate::read::Article;
use rustc_hash::{FxHashMap, FxHashSet};

/// Copies looked at per sentence: a feed of 100,000 copies of one item must not make every
/// citation 100,000 long (the story's outlets line counts them all).
const MAX_COPIES_CHECKED: usize = 64;

/// Add to each sentence's `also_in` the copies of its source article that hold it, one per
/// source not already cited ([`credit_key`]).
pub(super) fn credit(sentences: &mut [DigestSentence], copies: &[Copy], articles: &[Article]) {
    if copies.is_empty() {
        return;
    }
    let mut of_original: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for c in copies {
        of_original
            .entry(articles[c.of].id.as_str())
            .or_default()
            .push(c.article);
    }
    let mut flat_text: FxHashMap<usize, String> = FxHashMap::default();
    for s in sentences {
        let Some(copies) = of_original.get(s.source.id.as_str()) else {
            continue;
        };
        let sentence = one_spaced(&s.text);
        let mut cited: FxHashSet<String> = std::iter::once(&s.source)
            .chain(&s.also_in)
            .map(credit_key)
            .collect();
        for &c in copies.iter().take(MAX_COPIES_CHECKED) {
            let text = flat_text
                .entry(c)
                .or_insert_with(|| one_spaced(&articles[c].text));
            if !text.contains(&sentence) {
                continue;
            }
            let source = Source::of(&articles[c]);
            if cited.insert(credit_key(&source)) {
                s.also_in.push(source);
            }
        }
    }
}

/// Who a citation credits, as the reader sees it: the outlet, else the article's title (two
/// files of one titled article are one source to a reader), else the article.
fn credit_key(source: &Source) -> String {
    source
        .outlet
        .clone()
        .or_else(|| source.title.clone())
        .unwrap_or_else(|| source.id.clone())
}

fn one_spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, outlet: Option<&str>, text: &str) -> Article {
        Article {
            id: id.into(),
            source: outlet.map(str::to_string),
            text: text.into(),
            ..Default::default()
        }
    }

    /// Regression (probe 16): four outlets' pages of one AP story were "4 outlets" in the
    /// digest's title, but every sentence cited only the first, as the others were dropped as
    /// its copies.
    #[test]
    fn copies_dropped_by_the_cleaning_were_never_cited() {
        let story = "British police arrested Pinochet on a Spanish warrant.\nChile protested.";
        let edited = "British police arrested Pinochet on a Spanish warrant.\nChile objected.";
        let articles = [
            article("0.html", Some("Seattle Times"), story),
            article(
                "1.html",
                Some("Boston Globe"),
                &story.replace('\n', "\n\n  "),
            ),
            article("2.html", Some("Seattle Times"), story),
            article("3.html", Some("Miami Herald"), edited),
        ];
        let copies: Vec<Copy> = (1..4).map(|article| Copy { article, of: 0 }).collect();
        let cite = |text: &str| DigestSentence {
            source: Source::of(&articles[0]),
            ..DigestSentence::of_test(text, "", 0)
        };
        let mut digest = [
            cite("British police arrested Pinochet on a Spanish warrant."),
            cite("Chile protested."),
        ];
        credit(&mut digest, &copies, &articles);
        let outlets = |s: &DigestSentence| -> Vec<String> {
            s.also_in.iter().filter_map(|a| a.outlet.clone()).collect()
        };
        // The same outlet is not cited twice; each copy holding the sentence is.
        assert_eq!(outlets(&digest[0]), ["Boston Globe", "Miami Herald"]);
        // The edited copy does not say "Chile protested."
        assert_eq!(outlets(&digest[1]), ["Boston Globe"]);
    }
}
