//! A digest of many stories: the articles are grouped into stories ([`crate::stories`]), each
//! story is summarised on its own sentences (so its concepts are weighed within the story), and
//! stories are added in rank order — most outlets first — while the total budget holds. A story
//! whose digest would not fit is left out rather than cut.

use super::{pick, DigestSentence, Picked};
use crate::config::{Budget, StoryMode, SummaryConfig, Totals};
use crate::embeddings::WordEmbeddings;
use crate::error::{Error, Result};
use crate::read::Article;
use crate::select::MIN_WORDS;
use crate::split::Sentence;
use crate::stories::{self, Stories, StoryOptions};
use serde::Serialize;

/// Stories that do not fit in a row before the search for one that does stops: past the top of
/// the ranking they only get smaller.
const MAX_MISFITS: usize = 5;

/// One story of a sectioned digest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryDigest {
    /// Rank of the story among the input's stories (0: the most widely carried).
    pub id: usize,
    /// An article's title, else the story's first sentence.
    pub headline: String,
    /// Distinct outlets carrying the story.
    pub outlets: usize,
    /// Their names (an article of unknown outlet is its own).
    pub outlet_names: Vec<String>,
    /// The `id`s of its articles, as in `source.id`.
    pub articles: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
    pub sentences: Vec<DigestSentence>,
}

/// The input's stories when the digest is to be sectioned, else `None`.
pub(super) fn stories(
    articles: &[Article],
    sentences: &[Sentence],
    config: &SummaryConfig,
) -> Option<Stories> {
    if config.stories == StoryMode::Off || articles.len() < 2 {
        return None;
    }
    config.progress.stage("grouping stories", 0);
    let found = stories::detect(articles, sentences, &StoryOptions::default());
    (found.stories.len() > 1).then_some(found)
}

/// Summarise story after story, in rank order, while the total budget holds.
pub(super) fn by_story(
    articles: &[Article],
    sentences: &[Sentence],
    found: &Stories,
    config: &SummaryConfig,
    model: &WordEmbeddings,
    focus: &crate::topic::Prepared,
) -> Result<(Picked, Vec<StoryDigest>)> {
    let limit = match config.stories {
        StoryMode::Count(n) => n,
        _ => usize::MAX,
    };
    let story_config = SummaryConfig {
        budget: story_budget(&config.budget, config.story_words),
        explain: false,
        ..config.clone()
    };
    let mut totals = Totals::default();
    let mut out: Vec<StoryDigest> = Vec::new();
    let mut candidates = 0;
    let mut folded = 0;
    let mut misfits = 0;
    for (rank, story) in found.stories.iter().enumerate() {
        if out.len() >= limit || misfits >= MAX_MISFITS || nothing_fits(&config.budget, totals) {
            break;
        }
        let own: Vec<Sentence> = sentences
            .iter()
            .filter(|s| found.story_of[s.article] == rank)
            .cloned()
            .collect();
        let picked = match pick(articles, &own, &story_config, model, focus) {
            Ok(p) => p,
            // A story with nothing usable (all fragments, all seen) is no section.
            Err(Error::Input(_)) => continue,
            Err(e) => return Err(e),
        };
        candidates += picked.candidates;
        folded += picked.folded;
        let with = picked.sentences.iter().fold(totals, |t, s| t.with(&s.text));
        if picked.sentences.is_empty() || !fits(config, totals, with) {
            misfits += 1;
            continue;
        }
        misfits = 0;
        totals = with;
        out.push(section(rank, &story.articles, articles, picked.sentences));
    }
    if out.is_empty() {
        return Err(Error::Input("no story's digest fits the budget".into()));
    }
    let sentences = out.iter().flat_map(|s| s.sentences.clone()).collect();
    Ok((
        Picked {
            sentences,
            candidates,
            folded,
            explain: None,
        },
        out,
    ))
}

/// A story's budget: its own word budget, within the total's limits.
fn story_budget(total: &Budget, story_words: usize) -> Budget {
    Budget {
        words: Some(total.words.map_or(story_words, |w| w.min(story_words))),
        sentences: total.sentences,
        bytes: total.bytes,
    }
}

/// Whether a story's sentences keep the digest within the total budget (benchmark mode lets
/// the last story cross it, as the last sentence may).
fn fits(config: &SummaryConfig, before: Totals, after: Totals) -> bool {
    config.budget.holds(after) || (config.overflow && !config.budget.exhausted(before))
}

/// No sentence could be added any more.
fn nothing_fits(budget: &Budget, totals: Totals) -> bool {
    budget.exhausted(totals) || budget.words.is_some_and(|w| w < totals.words + MIN_WORDS)
}

fn section(
    rank: usize,
    members: &[usize],
    articles: &[Article],
    sentences: Vec<DigestSentence>,
) -> StoryDigest {
    let mut outlet_names: Vec<String> = Vec::new();
    for &a in members {
        let article = &articles[a];
        let name = article
            .source
            .clone()
            .unwrap_or_else(|| crate::cite::file_name(&article.id));
        if !outlet_names.contains(&name) {
            outlet_names.push(name);
        }
    }
    let dates: Vec<_> = members
        .iter()
        .filter_map(|&a| articles[a].published)
        .collect();
    let headline = members
        .iter()
        .find_map(|&a| stories::headline(&articles[a]).map(str::to_string))
        .or_else(|| sentences.first().map(|s| s.text.clone()))
        .unwrap_or_default();
    StoryDigest {
        id: rank,
        headline,
        outlets: outlet_names.len(),
        outlet_names,
        articles: members.iter().map(|&a| articles[a].id.clone()).collect(),
        first_seen: dates.iter().min().map(|d| d.to_rfc3339()),
        last_seen: dates.iter().max().map(|d| d.to_rfc3339()),
        sentences,
    }
}
