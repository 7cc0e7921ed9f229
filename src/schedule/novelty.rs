//! The novelty window: which recent digests' sentences (and their articles' sentence keys) a
//! run hands to the summariser as a [`Novelty`], and when the state forgets them.

use super::config::{RunConfig, DEFAULT_NOVELTY_DAYS};
use super::state::State;
use crate::novelty::Novelty;
use chrono::{Days, NaiveDate};
use std::collections::HashSet;

/// What the digests of the last `cfg.novelty_days` days before `date` made known.
#[derive(Debug, Default)]
pub struct Window {
    pub novelty: Novelty,
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
    for d in state.digests.iter().filter(|d| d.date >= from) {
        digests += 1;
        seen.extend(d.article_sentences.iter().cloned());
        for s in &d.sentences {
            if unique.insert(s.as_str()) {
                published.push(s.clone());
            }
        }
    }
    Window {
        novelty: Novelty::new(published, seen),
        digests,
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
