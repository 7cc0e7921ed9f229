//! What a run would read and write, worked out without changing anything (shared by the run
//! and `--check`).

use super::config::RunConfig;
use super::log::Logger;
use super::novelty::{self, Window};
use super::sources::{self, Found, Scan};
use super::state::{SeenArticle, State};
use crate::error::{Error, Result};
use crate::read::ReadOptions;
use crate::render::OutputFormat;
use chrono::NaiveDate;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What a run would do now.
#[derive(Debug)]
pub struct Plan {
    /// The digest's date in the configured zone.
    pub date: NaiveDate,
    pub scan: Scan,
    /// The articles to digest, oldest first.
    pub new: Vec<Found>,
    pub outputs: Vec<(OutputFormat, PathBuf)>,
    /// What recent digests made known, not to be picked again.
    pub window: Window,
}

pub fn plan(cfg: &RunConfig, state: &State) -> Result<Plan> {
    let date = cfg.now.with_timezone(&cfg.timezone).date_naive();
    let scan = sources::scan(
        &cfg.sources,
        &ReadOptions {
            format: cfg.input_format,
            ..ReadOptions::default()
        },
        &[cfg.output_dir.as_path(), cfg.state_dir.as_path()],
        cfg.now,
    )?;
    let new: Vec<Found> = match cfg.since {
        // --since: a chosen window replaces "not digested yet" (for re-runs and backfills).
        Some(window) => {
            let start = cfg.now - window;
            scan.found
                .iter()
                .filter(|f| f.time >= start && f.time <= cfg.now)
                .cloned()
                .collect()
        }
        None => {
            let oldest = cfg.max_age.map(|age| cfg.now - age);
            scan.found
                .iter()
                .filter(|f| !state.articles.contains_key(&f.key))
                .filter(|f| oldest.is_none_or(|t| f.time >= t))
                .cloned()
                .collect()
        }
    };
    Ok(Plan {
        date,
        scan,
        new,
        outputs: output_paths(cfg, date)?,
        window: novelty::window(state, date, cfg),
    })
}

/// The output files for `date`: the first set of names of which none exists, so a run never
/// overwrites a file (a second run the same day gets `-2`, and so on).
pub(super) fn output_paths(
    cfg: &RunConfig,
    date: NaiveDate,
) -> Result<Vec<(OutputFormat, PathBuf)>> {
    for nth in 1..=999 {
        let paths: Vec<(OutputFormat, PathBuf)> = cfg
            .formats
            .iter()
            .map(|&f| (f, cfg.output_dir.join(cfg.name.file_name(date, f, nth))))
            .collect();
        if paths
            .iter()
            .all(|(_, p)| std::fs::symlink_metadata(p).is_err())
        {
            return Ok(paths);
        }
    }
    Err(Error::output(
        &cfg.output_dir,
        format!("999 digests for {date} already exist"),
    ))
}

/// Record the plan's new articles as digested.
pub fn record_articles(state: &mut State, plan: &Plan) {
    for f in &plan.new {
        state.articles.insert(
            f.key.clone(),
            SeenArticle {
                id: f.article.id.clone(),
                digested: plan.date,
            },
        );
    }
}

pub fn nothing_new_reason(cfg: &RunConfig, plan: &Plan, state: &State) -> String {
    let found = plan.scan.found.len();
    if cfg.since.is_some() {
        return format!("none of the {found} article(s) found is within --since");
    }
    if found == 0 {
        return format!("the sources hold no article ({} file(s))", plan.scan.files);
    }
    let digested = plan
        .scan
        .found
        .iter()
        .filter(|f| state.articles.contains_key(&f.key))
        .count();
    let mut reason = format!("{digested} of {found} article(s) found were digested already");
    if digested < found {
        reason.push_str(&format!(", {} older than max_age", found - digested));
    }
    if let Some(t) = &state.last_success {
        reason.push_str(&format!(" (last successful run {})", t.to_rfc3339()));
    }
    reason
}

/// The skipped files with their [`sources::fingerprint`], as the state remembers them.
pub fn skipped_now(plan: &Plan) -> BTreeMap<PathBuf, String> {
    plan.scan
        .skipped
        .iter()
        .map(|(f, _)| (f.clone(), sources::fingerprint(f)))
        .collect()
}

/// Log the plan. A skipped file `known` (the state's record) in the same version was warned
/// about before: now only an info line.
pub fn log_plan(cfg: &RunConfig, plan: &Plan, known: &BTreeMap<PathBuf, String>, log: &Logger) {
    for w in &plan.scan.warnings {
        log.warn(w, &[]);
    }
    for (file, why) in &plan.scan.skipped {
        let msg = format!("skipped {}: {why}", file.display());
        let fields = [("skipped", json!(file.display().to_string()))];
        if known.get(file) == Some(&sources::fingerprint(file)) {
            log.info(&format!("{msg} (as before)"), &fields);
        } else {
            log.warn(&msg, &fields);
        }
    }
    log.info(
        &format!(
            "{} new article(s) of {} found in {} file(s); digest date {}",
            plan.new.len(),
            plan.scan.found.len(),
            plan.scan.files,
            plan.date
        ),
        &[
            ("new", json!(plan.new.len())),
            ("found", json!(plan.scan.found.len())),
            ("files", json!(plan.scan.files)),
            ("date", json!(plan.date.to_string())),
        ],
    );
    let published = plan.window.novelty.published().len();
    let stories = plan.window.stories.len();
    if cfg.novelty_days > 0 && published > 0 {
        log.info(
            &format!(
                "novelty: avoiding {published} sentence(s) of {} digest(s) from the last {} \
                 day(s), and recognising the {stories} story(ies) they carried",
                plan.window.digests, cfg.novelty_days
            ),
            &[
                ("avoid", json!(published)),
                ("known_stories", json!(stories)),
            ],
        );
    }
}
