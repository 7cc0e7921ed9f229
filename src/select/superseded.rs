//! Superseded forecasts: when articles span days, a sentence that says what would, could or is
//! expected to happen is old news once a later article states what did ("The vote is expected
//! to re-elect Cardoso" beside "Cardoso was re-elected"). The `cluster` method keeps the
//! outcome: a forecast whose outcome is in the digest is not picked, and one picked before its
//! outcome gives its place up when the outcome comes.
//!
//! An article's day is [`crate::read::Article::day`]: its publication date, else a date in its
//! file name. Only the digest's own picks are compared, so the cost does not grow with the
//! input.

use super::near_copies::intersection;
use super::{Corpus, Pick};
use chrono::NaiveDate;

/// Words that make a statement a forecast, a plan or a possibility rather than a fact,
/// matched in lower case only ("May" is a month, "Will" a name).
const FORECAST_WORDS: &[&str] = &[
    "would",
    "could",
    "might",
    "may",
    "expected",
    "likely",
    "will",
    "hopes",
    "threatened",
];

/// Share of a forecast's content words (at least [`MIN_SHARED`]) that a later statement must
/// hold to be its outcome.
pub const OUTCOME_OVERLAP: f32 = 0.4;
const MIN_SHARED: usize = 3;

/// The day of each article (empty when the input spans one day or none is known: then
/// nothing is superseded). Whether a sentence is a forecast is asked of the picks only.
#[derive(Debug, Clone, Default)]
pub struct Days {
    of_article: Vec<Option<NaiveDate>>,
}

impl Days {
    pub fn new(corpus: &Corpus) -> Days {
        let of_article: Vec<Option<NaiveDate>> = corpus.articles.iter().map(|a| a.day()).collect();
        let first = of_article.iter().flatten().min();
        if first.is_none() || of_article.iter().flatten().all(|d| Some(d) == first) {
            return Days::default();
        }
        Days { of_article }
    }

    /// Whether a pick states the outcome of candidate `forecast` (so it must not be added).
    pub fn outcome_chosen(&self, corpus: &Corpus, forecast: usize, picks: &[Pick]) -> bool {
        picks
            .iter()
            .any(|p| self.is_outcome(corpus, p.candidate, forecast))
    }

    /// The picks that are forecasts candidate `outcome` states the outcome of.
    pub fn replaced_by(&self, corpus: &Corpus, outcome: usize, picks: &[Pick]) -> Vec<usize> {
        picks
            .iter()
            .map(|p| p.candidate)
            .filter(|&f| self.is_outcome(corpus, outcome, f))
            .collect()
    }

    fn day(&self, corpus: &Corpus, c: usize) -> Option<NaiveDate> {
        self.of_article
            .get(corpus.sentence(c).article)
            .copied()
            .flatten()
    }

    fn is_outcome(&self, corpus: &Corpus, outcome: usize, forecast: usize) -> bool {
        let (Some(later), Some(earlier)) = (self.day(corpus, outcome), self.day(corpus, forecast))
        else {
            return false;
        };
        if later <= earlier
            || !is_forecast(&corpus.sentence(forecast).text)
            || is_forecast(&corpus.sentence(outcome).text)
        {
            return false;
        }
        let words = &corpus.candidates[forecast].words;
        let needed = ((OUTCOME_OVERLAP * words.len() as f32).ceil() as usize).max(MIN_SHARED);
        intersection(words, &corpus.candidates[outcome].words) >= needed
    }
}

/// Whether the sentence speaks of what may happen rather than what did.
fn is_forecast(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic())
        .any(|w| FORECAST_WORDS.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SummaryConfig;
    use crate::read::Article;
    use crate::select::candidates;
    use crate::split::test_sentence as sentence;

    #[test]
    fn forecasts_are_told_from_statements() {
        assert!(is_forecast("The vote is expected to re-elect Cardoso."));
        assert!(is_forecast("Chile said it would protest to Britain."));
        assert!(!is_forecast("Chile protested to Britain on Sunday."));
        assert!(!is_forecast("The talks resumed in May in Geneva."));
    }

    #[test]
    fn a_later_statement_is_the_outcome_of_an_earlier_forecast() {
        let articles = [
            Article {
                id: "APW19981003.0001.txt".into(),
                ..Article::default()
            },
            Article {
                id: "APW19981005.0001.txt".into(),
                ..Article::default()
            },
        ];
        let s = vec![
            sentence(
                0,
                0,
                "Brazilians are expected to give President Cardoso a second term in Sunday's vote.",
            ),
            sentence(
                1,
                0,
                "Cardoso won a second term as Brazil's president in Sunday's vote, results showed.",
            ),
        ];
        let c = candidates(&s);
        let config = SummaryConfig::default();
        let corpus = Corpus {
            articles: &articles,
            sentences: &s,
            candidates: &c,
            embedded: None,
            config: &config,
        };
        let days = Days::new(&corpus);
        assert!(days.is_outcome(&corpus, 1, 0));
        assert!(!days.is_outcome(&corpus, 0, 1));
        let picked = [Pick::plain(0, 1.0)];
        assert_eq!(days.replaced_by(&corpus, 1, &picked), [0]);
        assert!(days.outcome_chosen(&corpus, 0, &[Pick::plain(1, 1.0)]));
        // One day only: nothing is superseded.
        let same_day = [articles[0].clone(), articles[0].clone()];
        let one_day = Corpus {
            articles: &same_day,
            ..corpus
        };
        assert!(!Days::new(&one_day).is_outcome(&one_day, 1, 0));
    }
}
