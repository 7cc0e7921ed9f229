//! The novelty window: which recent digests' sentences (and their articles' sentence keys) a
//! run hands to the summariser as a [`Novelty`], and when the state forgets them.

use super::config::{RunConfig, DEFAULT_NOVELTY_DAYS};
use super::state::{State, StoryRecord};
use crate::novelty::Novelty;
use crate::pipeline::StoryMemory;
use crate::stories::continuing::{KnownStory, Trace};
use chrono::{Days, NaiveDate};
use std::collections::HashSet;

/// What the digests of the last `cfg.novelty_days` days before `date` made known.
#[derive(Debug, Default)]
pub struct Window {
    pub novelty: Novelty,
    /// The stories they carried, oldest digest first.
    pub stories: Vec<KnownStory>,
    /// Digests inside the window.
    pub digests: usize,
}

pub fn window(state: &State, date: NaiveDate, cfg: &RunConfig) -> Window {
    if cfg.novelty_days == 0 {
        return Window::default();
    }
    let from = days_before(date, cfg.novelty_days);
    let mut published = Vec::new();
    let mut unique = HashSet::new();
    let mut seen = Vec::new();
    let mut digests = 0;
    let mut stories = Vec::new();
    for d in state.digests.iter().filter(|d| d.date >= from) {
        digests += 1;
        seen.extend(d.article_sentences.iter().cloned());
        for s in &d.sentences {
            if unique.insert(s.as_str()) {
                published.push(s.clone());
            }
        }
        stories.extend(d.stories.iter().map(|s| known(s, state)));
    }
    Window {
        novelty: Novelty::new(published, seen),
        stories,
        digests,
    }
}

/// A recorded story as the summariser compares it; its articles' ids come from the state's
/// record of them.
fn known(record: &StoryRecord, state: &State) -> KnownStory {
    KnownStory {
        first_digest: Some(record.first_digest.to_string()),
        trace: Trace {
            ids: record
                .articles
                .iter()
                .filter_map(|k| state.articles.get(k).map(|a| a.id.clone()))
                .collect(),
            content: record.articles.clone(),
            sentences: record.sentences.clone(),
            signature: record.terms.clone(),
        },
    }
}

/// The record of a story of today's digest: first digested today unless it continues one.
pub fn record(memory: &StoryMemory, today: NaiveDate) -> StoryRecord {
    let first = memory
        .first_digest
        .as_deref()
        .and_then(|d| d.parse::<NaiveDate>().ok())
        .map_or(today, |d| d.min(today));
    StoryRecord {
        headline: memory.headline.clone(),
        first_digest: first,
        articles: memory.trace.content.clone(),
        sentences: memory.trace.sentences.clone(),
        // Three decimals are plenty to compare, and keep the state file small.
        terms: memory
            .trace
            .signature
            .iter()
            .map(|(t, w)| (t.clone(), (w * 1000.0).round() / 1000.0))
            .collect(),
    }
}

/// Forget sentences outside the window. They are kept a little longer than it (at least
/// [`DEFAULT_NOVELTY_DAYS`]), so that widening the window later still finds the last week's.
pub fn forget_old_sentences(state: &mut State, today: NaiveDate, cfg: &RunConfig) {
    let keep_from = days_before(today, keep_days(cfg));
    for rec in &mut state.digests {
        if rec.date < keep_from {
            rec.sentences.clear();
            rec.article_sentences.clear();
            rec.stories.clear();
        }
    }
}

/// How many days sentences stay in the state.
pub fn keep_days(cfg: &RunConfig) -> u32 {
    cfg.novelty_days.max(DEFAULT_NOVELTY_DAYS)
}

pub fn days_before(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_sub_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::config::{resolve, Once};
    use crate::schedule::settings::{Setting, Settings};
    use crate::schedule::state::{DigestRecord, SeenArticle};
    use std::path::PathBuf;

    fn cfg(novelty_days: u32) -> RunConfig {
        let mut flags = Settings::default();
        flags.sources.inputs = Setting::flag(vec!["in".into()], "--input");
        flags.output.dir = Setting::flag(PathBuf::from("/out"), "--output-dir");
        flags.summary.novelty_days = Setting::flag(novelty_days, "--novelty-days");
        resolve(None, flags, Once::default()).unwrap()
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn digest(d: u32, story: StoryRecord) -> DigestRecord {
        DigestRecord {
            date: day(d),
            written: format!("2026-11-{d:02}T06:00:00Z").parse().unwrap(),
            files: vec![PathBuf::from(format!("digest-{d}.md"))],
            articles: 1,
            sentences: vec![format!("A sentence of the digest of day {d}.")],
            article_sentences: vec![format!("{d:016x}")],
            stories: vec![story],
        }
    }

    fn story(first: u32, key: &str) -> StoryRecord {
        StoryRecord {
            headline: format!("Story {key}"),
            first_digest: day(first),
            articles: vec![key.into()],
            sentences: vec![format!("{first:016x}")],
            terms: vec![("pipelin".into(), 1.0)],
        }
    }

    #[test]
    fn the_window_knows_the_stories_of_its_digests_with_their_articles_ids() {
        let mut state = State::default();
        state.articles.insert(
            "k2".into(),
            SeenArticle {
                id: "/in/two.txt".into(),
                digested: day(2),
            },
        );
        state.digests = vec![digest(1, story(1, "k1")), digest(9, story(2, "k2"))];
        let w = window(&state, day(10), &cfg(7));
        assert_eq!(w.digests, 1);
        let known = &w.stories;
        assert_eq!(known.len(), 1, "day 1 is outside the window");
        assert_eq!(known[0].first_digest.as_deref(), Some("2026-11-02"));
        assert_eq!(known[0].trace.ids, ["/in/two.txt"]);
        assert_eq!(known[0].trace.content, ["k2"]);
        assert_eq!(known[0].trace.signature, [("pipelin".to_string(), 1.0)]);
        assert!(window(&state, day(10), &cfg(0)).stories.is_empty());
    }

    #[test]
    fn a_story_of_today_is_recorded_since_the_digest_it_continues() {
        let memory = |first: Option<&str>| StoryMemory {
            headline: "Pipeline breaks".into(),
            first_digest: first.map(Into::into),
            trace: Trace {
                ids: vec!["/in/a.txt".into()],
                content: vec!["ka".into()],
                sentences: vec!["00ff".into()],
                signature: vec![("pipelin".into(), 0.123_456)],
            },
        };
        let new = record(&memory(None), day(3));
        assert_eq!(new.first_digest, day(3));
        assert_eq!(new.articles, ["ka"]);
        assert_eq!(new.terms, [("pipelin".to_string(), 0.123)]);
        assert_eq!(
            record(&memory(Some("2026-11-01")), day(3)).first_digest,
            day(1)
        );
        // Anything unreadable (or later than today) counts from today.
        assert_eq!(record(&memory(Some("soon")), day(3)).first_digest, day(3));
        assert_eq!(
            record(&memory(Some("2026-11-09")), day(3)).first_digest,
            day(3)
        );
    }

    #[test]
    fn stories_are_forgotten_with_the_sentences() {
        let mut state = State {
            digests: vec![digest(1, story(1, "k1")), digest(20, story(20, "k20"))],
            ..State::default()
        };
        forget_old_sentences(&mut state, day(21), &cfg(7));
        assert!(state.digests[0].stories.is_empty());
        assert!(state.digests[0].sentences.is_empty());
        assert_eq!(state.digests[1].stories.len(), 1);
    }
}
