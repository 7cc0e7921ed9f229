//! Tests of [`super`]: story sections, their budgets and headlines.

use super::super::{summarize, RunContext};
use super::*;
use crate::novelty::article_key;
use crate::stories::continuing::KnownStory;

fn article(id: &str, text: &str) -> Article {
    Article {
        id: id.into(),
        text: text.into(),
        ..Article::default()
    }
}

/// Yesterday: the Harbor City water story.
fn yesterday() -> Vec<Article> {
    vec![
        article(
            "courier.txt",
            include_str!("../../tests/fixtures/run/day1/courier-water-advisory.txt"),
        ),
        article(
            "gazette.txt",
            include_str!("../../tests/fixtures/run/day1/gazette-schools-close.txt"),
        ),
        article(
            "tribune.txt",
            include_str!("../../tests/fixtures/run/day1/tribune-pipeline-break.txt"),
        ),
    ]
}

/// Today: a follow-up of the water story (repeating two of yesterday's sentences) and a
/// new story, a ferry strike, in two articles.
fn today() -> Vec<Article> {
    vec![
        article(
            "ledger.txt",
            include_str!("../../tests/fixtures/run-stories/day2/ledger-water-lifted.txt"),
        ),
        article(
            "standard.txt",
            include_str!("../../tests/fixtures/run-stories/day2/standard-ferry-strike.txt"),
        ),
        article(
            "times.txt",
            include_str!("../../tests/fixtures/run-stories/day2/times-ferry-talks.txt"),
        ),
    ]
}

fn config() -> SummaryConfig {
    SummaryConfig {
        budget: Budget {
            words: Some(200),
            sentences: None,
            bytes: None,
        },
        ..SummaryConfig::default()
    }
}

fn marks(stories: &[StoryDigest]) -> Vec<(&str, bool, Option<&str>)> {
    stories
        .iter()
        .map(|s| {
            (
                s.articles[0].as_str(),
                s.continuing,
                s.first_digest.as_deref(),
            )
        })
        .collect()
}

#[test]
fn a_story_whose_articles_the_reader_has_read_is_continuing_and_shows_only_what_is_new() {
    let model = WordEmbeddings::default_model().unwrap();
    let plain = summarize(&today(), &config(), &RunContext::default(), &model).unwrap();
    assert!(plain.stories.iter().all(|s| !s.continuing));
    assert_eq!(plain.meta.continuing_left_out, Some(0));
    assert!(plain.memory.is_empty(), "only run asks for the memory");
    let seen = RunContext {
        seen: yesterday().into(),
        ..Default::default()
    };
    let d = summarize(&today(), &config(), &seen, &model).unwrap();
    let mut got = marks(&d.stories);
    got.sort();
    assert_eq!(
        got,
        [("ledger.txt", true, None), ("standard.txt", false, None)]
    );
    let read: String = yesterday().iter().map(|a| a.text.clone()).collect();
    let read = crate::novelty::normalise(&read);
    for s in &d.sentences {
        assert!(
            !read.contains(&s.text),
            "a sentence read yesterday: {}",
            s.text
        );
    }
}

#[test]
fn a_story_of_a_recent_digest_continues_since_that_digest_and_is_remembered() {
    let model = WordEmbeddings::default_model().unwrap();
    let ledger = &today()[0];
    let known = KnownStory {
        first_digest: Some("2026-11-02".into()),
        trace: Trace {
            content: vec![article_key(ledger)],
            ..Trace::default()
        },
    };
    let context = RunContext {
        known_stories: vec![known],
        remember_stories: true,
        ..Default::default()
    };
    let d = summarize(&today(), &config(), &context, &model).unwrap();
    let water = d.stories.iter().find(|s| s.articles == ["ledger.txt"]);
    assert_eq!(
        water.map(|s| (s.continuing, s.first_digest.as_deref())),
        Some((true, Some("2026-11-02")))
    );
    assert_eq!(d.memory.len(), d.stories.len());
    for (m, s) in d.memory.iter().zip(&d.stories) {
        assert_eq!(
            (&m.headline, &m.first_digest),
            (&s.headline, &s.first_digest)
        );
        assert_eq!(m.trace.ids, s.articles);
        assert!(!m.trace.signature.is_empty() && !m.trace.sentences.is_empty());
    }
}

#[test]
fn a_continuing_story_with_nothing_new_is_left_out_and_counted() {
    let model = WordEmbeddings::default_model().unwrap();
    let mut read = yesterday();
    read.push(today()[0].clone());
    let context = RunContext {
        seen: read.into(),
        ..Default::default()
    };
    let d = summarize(&today(), &config(), &context, &model).unwrap();
    assert_eq!(marks(&d.stories), [("standard.txt", false, None)]);
    assert_eq!(d.meta.continuing_left_out, Some(1));
}

#[test]
fn a_plain_digest_is_remembered_as_one_story() {
    let model = WordEmbeddings::default_model().unwrap();
    let context = RunContext {
        remember_stories: true,
        ..Default::default()
    };
    let d = summarize(&yesterday(), &config(), &context, &model).unwrap();
    assert!(d.stories.is_empty());
    assert_eq!(d.meta.continuing_left_out, None);
    assert_eq!(d.memory.len(), 1);
    assert_eq!(
        d.memory[0].trace.ids,
        ["courier.txt", "gazette.txt", "tribune.txt"]
    );
    assert_eq!(d.memory[0].first_digest, None);
}

/// Regression: a story of wire files ("APW19981017.0151") had no first_seen / last_seen,
/// though their names carry the day.
#[test]
fn a_story_of_undated_files_is_dated_by_their_names() {
    let named = |id: &str| Article {
        id: id.into(),
        ..Article::default()
    };
    let a = [
        named("APW19981019.0001"),
        named("NYT19981017.0002"),
        named("notes.txt"),
    ];
    assert_eq!(
        seen_span(&[0, 1, 2], &a),
        (Some("1998-10-17".into()), Some("1998-10-19".into()))
    );
    assert_eq!(seen_span(&[2], &a), (None, None));
}

/// Regression (bbc: `business/001.txt` and `tech/001.txt` in one story were counted as one
/// article and both shown as `001.txt`).
#[test]
fn two_files_of_one_name_in_two_folders_are_two_articles() {
    let articles = [
        article("bbc/business/001.txt", "Shares rose."),
        article("bbc/tech/001.txt", "Shares fell."),
        article("bbc/tech/002.txt", "Shares held."),
    ];
    let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    let names = crate::cite::distinct_names(&ids);
    let story = section(0, &[0, 1, 2], &articles, &names, Vec::new(), None);
    assert_eq!(story.outlets, 3);
    assert_eq!(
        story.outlet_names,
        ["business/001.txt", "tech/001.txt", "002.txt"]
    );
}

/// Regression (found by the property test: two unrelated one-sentence articles at `--words 10`
/// were an error, "no story's digest fits the budget", where a plain digest whose sentences
/// are all too long is an empty digest, reported by the caller).
#[test]
fn no_story_fitting_the_budget_is_an_empty_digest_not_an_error() {
    let articles = [
        article(
            "a0.txt",
            "The the deal of the proposal and the negotiators to the prisoners in a exchange for the energy with grain of the war.",
        ),
        article(
            "a1.txt",
            "The the troops of the summit and the agreed to the territory in a capital for the weapons with ports of the war.",
        ),
    ];
    let config = SummaryConfig {
        budget: Budget {
            words: Some(10),
            sentences: None,
            bytes: None,
        },
        ..SummaryConfig::default()
    };
    let model = WordEmbeddings::default_model().unwrap();
    let digest = summarize(&articles, &config, &RunContext::default(), &model).unwrap();
    assert!(digest.sentences.is_empty());
}

/// A story told by one article is that article's lead (the cluster objective missed it in 3 of
/// the 6 one-article sections of bbc/business at 6,000 words); others keep the method.
#[test]
fn a_story_of_one_article_is_its_lead() {
    use crate::split::test_sentence as s;
    let one = [s(3, 0, "Lead."), s(3, 1, "Next.")];
    let two = [s(3, 0, "Lead."), s(4, 0, "Other lead.")];
    assert_eq!(story_method(Method::Cluster, &one), Method::Lead);
    assert_eq!(story_method(Method::Cluster, &two), Method::Cluster);
    // A method asked for is kept.
    assert_eq!(story_method(Method::Lexrank, &one), Method::Lexrank);
}

/// A plain digest of one titled article is its lead (16 of 38 bbc articles summarised alone at
/// 60 words kept their lead before); a file of reviews one a line, untitled, keeps the method.
#[test]
fn a_plain_digest_of_one_titled_article_is_its_lead() {
    use crate::split::test_sentence as s;
    let sentences = [s(0, 0, "Lead."), s(0, 1, "Next.")];
    let news = [article(
        "a.txt",
        "Profits jump at TimeWarner\n\nQuarterly profits jumped.\n",
    )];
    let reviews = [article(
        "r.txt",
        "the battery lasts long\nthe screen is bright\n",
    )];
    assert_eq!(
        plain_method(Method::Cluster, &news, &sentences),
        Method::Lead
    );
    assert_eq!(
        plain_method(Method::Cluster, &reviews, &sentences),
        Method::Cluster
    );
    let two = [s(0, 0, "Lead."), s(1, 0, "Other.")];
    let both = [news[0].clone(), news[0].clone()];
    assert_eq!(plain_method(Method::Cluster, &both, &two), Method::Cluster);
}
