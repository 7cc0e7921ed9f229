//! Deleting files: expired digests (retention), outputs a killed run left unrecorded, and stale
//! temp files. Every path to delete comes from the state directory, which anyone able to edit
//! it controls, so a file is only deleted if it is a regular file (not a symlink) directly in
//! `output.dir` whose name `output.name` could have made; anything else is refused with a
//! warning.

use super::config::RunConfig;
use super::log::Logger;
use super::novelty::{days_before, forget_old_sentences, keep_days};
use super::state::State;
use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta};
use serde_json::json;
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

/// Digests never deleted by retention, whatever their age: the one a run just wrote and the two
/// before it, so a wrong clock or a typo in `retention_days` cannot leave the reader with none.
pub const KEEP_NEWEST: usize = 3;

/// Whether the run's time can be trusted to age digests: `Err` says why not (for a warning).
/// A time before the newest digest means the clock went backwards; one more than a day plus the
/// retention window after it, a clock jump (or `--now` far ahead): either would expire digests
/// that are not old.
pub fn clock_check(cfg: &RunConfig, newest: Option<DateTime<FixedOffset>>) -> Result<(), String> {
    let Some(newest) = newest else {
        return Ok(());
    };
    let now = cfg.now.fixed_offset();
    if now < newest {
        return Err(format!(
            "the clock has gone backwards: this run's time {} is before the newest digest's \
             ({}); nothing is deleted by retention this run",
            now.to_rfc3339(),
            newest.to_rfc3339()
        ));
    }
    let limit = TimeDelta::days(i64::from(cfg.retention_days) + 1);
    if cfg.retention_days > 0 && now - newest > limit {
        return Err(format!(
            "this run's time {} is more than retention_days + 1 day after the newest digest \
             ({}): the clock may have jumped, so nothing is deleted by retention this run",
            now.to_rfc3339(),
            newest.to_rfc3339()
        ));
    }
    Ok(())
}

/// Apply retention (returns the files to delete), forget sentences outside the novelty window
/// and article keys no run can need again. The newest [`KEEP_NEWEST`] digests are never
/// expired.
pub fn expire(state: &mut State, today: NaiveDate, cfg: &RunConfig) -> Vec<PathBuf> {
    let mut files = Vec::new();
    if cfg.retention_days > 0 {
        let cutoff = days_before(today, cfg.retention_days);
        let keep_from = state.digests.len().saturating_sub(KEEP_NEWEST);
        for (i, rec) in state.digests.iter_mut().enumerate() {
            if i < keep_from && rec.date < cutoff {
                files.append(&mut rec.files);
            }
        }
    }
    forget_old_sentences(state, today, cfg);
    state.digests.retain(|r| {
        !r.files.is_empty() || !r.sentences.is_empty() || !r.article_sentences.is_empty()
    });
    prune_articles(state, today, cfg);
    files
}

/// Content keys are needed while their article can still be picked up: with `max_age` set, an
/// article older than it never is, so its key goes once that and the novelty window have
/// passed (plus a day for time zones). Without `max_age` every key stays: an old article still
/// in the sources would otherwise be digested again.
fn prune_articles(state: &mut State, today: NaiveDate, cfg: &RunConfig) {
    let Some(max_age) = cfg.max_age else {
        return;
    };
    let age_days = u32::try_from(max_age.num_days().saturating_add(1)).unwrap_or(u32::MAX);
    let days = age_days.saturating_add(keep_days(cfg)).saturating_add(1);
    let cutoff = days_before(today, days);
    state.articles.retain(|_, a| a.digested >= cutoff);
}

/// Why `path` must not be deleted, if so (a missing file is fine: nothing to do).
fn refusal(path: &Path, cfg: &RunConfig) -> Option<String> {
    if path.components().any(|c| c == Component::ParentDir)
        || path.parent() != Some(&cfg.output_dir)
    {
        return Some(format!(
            "not directly in output.dir {}",
            cfg.output_dir.display()
        ));
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if !cfg.name.matches(name) {
        return Some(format!(
            "its name does not match output.name `{}`",
            cfg.name
        ));
    }
    match std::fs::symlink_metadata(path) {
        Ok(m) if !m.file_type().is_file() => Some("not a regular file".into()),
        _ => None,
    }
}

/// Delete an output file named by the state, if it is one ([`refusal`]). `what` says why, for
/// the log. True if a file was deleted.
pub fn delete_output(path: &Path, cfg: &RunConfig, log: &Logger, what: &str) -> bool {
    if let Some(why) = refusal(path, cfg) {
        log.warn(
            &format!("{what}: refusing to delete {}: {why}", path.display()),
            &[("refused", json!(path.display().to_string()))],
        );
        return false;
    }
    match std::fs::remove_file(path) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => {
            log.warn(
                &format!("{what}: cannot delete {}: {e}", path.display()),
                &[],
            );
            false
        }
    }
}

/// Remove outputs that a killed run wrote but never recorded (listed in its journal, with the
/// fingerprint of what it wrote). A listed file with other bytes, or one the journal does not
/// mark as written, is not that run's and stays.
pub fn recover_interrupted(cfg: &RunConfig, state: &State, log: &Logger) {
    let journal = super::journal::path(&cfg.state_dir);
    let bytes = match crate::read::read_capped(
        &journal,
        crate::read::MAX_INPUT_BYTES,
        crate::read::Special::Refuse,
    ) {
        Ok(bytes) => bytes,
        Err(_) if std::fs::symlink_metadata(&journal).is_err() => return,
        Err(e) => {
            log.warn(
                &format!(
                    "recovery: cannot read {}: {}; any output an interrupted run left stays \
                     in place",
                    journal.display(),
                    crate::error::io_reason(&e)
                ),
                &[],
            );
            return;
        }
    };
    let Some(entries) = super::journal::parse(&bytes) else {
        // Nothing is deleted on the word of a file that cannot be read as a journal.
        log.warn(
            &format!(
                "recovery: {} is damaged (not a journal); any output an interrupted run left \
                 stays in place",
                journal.display()
            ),
            &[],
        );
        let _ = std::fs::remove_file(&journal);
        return;
    };
    let recorded: HashSet<&PathBuf> = state.recorded_files().collect();
    for entry in entries {
        let path = &entry.path;
        if recorded.contains(path) || std::fs::symlink_metadata(path).is_err() {
            continue;
        }
        if !written_by_that_run(path, entry.written.as_deref()) {
            log.warn(
                &format!(
                    "recovery: leaving {} in place: an interrupted run planned that name, but \
                     the file there is not one it wrote",
                    path.display()
                ),
                &[("left", json!(path.display().to_string()))],
            );
            continue;
        }
        if delete_output(path, cfg, log, "recovery") {
            log.warn(
                &format!(
                    "removed {}, left incomplete by an interrupted run",
                    path.display()
                ),
                &[("removed", json!(path.display().to_string()))],
            );
        }
    }
    let _ = std::fs::remove_file(&journal);
}

/// Whether `path` holds the bytes `fingerprint` ([`super::journal::fingerprint`]) was taken of.
pub fn written_by_that_run(path: &Path, fingerprint: Option<&str>) -> bool {
    let Some(fingerprint) = fingerprint else {
        return false;
    };
    crate::read::read_capped(
        path,
        crate::read::MAX_INPUT_BYTES,
        crate::read::Special::Refuse,
    )
    .is_ok_and(|bytes| super::journal::fingerprint(&bytes) == fingerprint)
}

/// Delete `output::write_atomic`'s temp files (`.newsdigest-*.tmp`) older than `min_age`.
pub fn remove_stale_temps(dir: &Path, min_age: std::time::Duration, log: &Logger) {
    use crate::output::{sweep_stale_temps, TEMP_PREFIX};
    for path in sweep_stale_temps(dir, TEMP_PREFIX, min_age) {
        log.warn(
            &format!(
                "removed {}, a temporary file left by an interrupted write",
                path.display()
            ),
            &[],
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::config::{resolve, Once};
    use crate::schedule::settings::{Setting, Settings};
    use crate::schedule::state::{DigestRecord, SeenArticle};

    fn cfg(out: &Path, retention_days: u32) -> RunConfig {
        let mut flags = Settings::default();
        flags.sources.inputs = Setting::flag(vec!["in".into()], "--input");
        flags.output.dir = Setting::flag(out.to_path_buf(), "--output-dir");
        flags.output.retention_days = Setting::flag(retention_days, "--retention-days");
        resolve(None, flags, Once::default()).unwrap()
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn record(d: u32, file: &str) -> DigestRecord {
        DigestRecord {
            date: day(d),
            written: format!("2026-11-{d:02}T06:00:00Z").parse().unwrap(),
            files: vec![PathBuf::from(file)],
            articles: 1,
            sentences: vec![format!("Sentence of {file}.")],
            article_sentences: vec!["00".into()],
            stories: Vec::new(),
        }
    }

    #[test]
    fn retention_deletes_old_digests_but_never_the_newest_three() {
        let cfg = cfg(Path::new("/out"), 2);
        let mut state = State {
            digests: (1..=5).map(|d| record(d, &format!("d{d}"))).collect(),
            ..State::default()
        };
        assert_eq!(
            expire(&mut state, day(6), &cfg),
            [PathBuf::from("d1"), PathBuf::from("d2")]
        );
        // Long after, still the newest three stay whatever their age.
        assert!(expire(&mut state, day(30), &cfg).is_empty());
        assert_eq!(state.digests.len(), 3);
        assert!(state.digests.iter().all(|d| d.sentences.is_empty()));
    }

    #[test]
    fn future_clock_or_clock_gone_backwards_deletes_nothing() {
        let mut c = cfg(Path::new("/out"), 30);
        let newest = Some("2026-11-20T06:00:00+00:00".parse().unwrap());
        c.now = "2026-11-21T06:00:00Z".parse().unwrap();
        assert!(clock_check(&c, newest).is_ok());
        c.now = "2099-01-01T06:00:00Z".parse().unwrap();
        assert!(clock_check(&c, newest).unwrap_err().contains("jumped"));
        c.now = "2026-11-19T06:00:00Z".parse().unwrap();
        assert!(clock_check(&c, newest).unwrap_err().contains("backwards"));
    }

    #[test]
    fn state_growth_article_keys_older_than_max_age_and_window_are_pruned() {
        let mut c = cfg(Path::new("/out"), 0);
        let seen = |d| SeenArticle {
            id: "a".into(),
            digested: day(d),
        };
        let mut state = State::default();
        state.articles.insert("old".into(), seen(1));
        state.articles.insert("new".into(), seen(20));
        // Without max_age every key is needed (an old article may still be in the sources).
        expire(&mut state, day(30), &c);
        assert_eq!(state.articles.len(), 2);
        c.max_age = Some(TimeDelta::days(3));
        expire(&mut state, day(30), &c);
        assert_eq!(state.articles.keys().collect::<Vec<_>>(), ["new"]);
    }

    #[cfg(unix)]
    #[test]
    fn deletion_through_the_state_file_only_deletes_our_regular_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        let c = cfg(&out, 1);
        let log = Logger::new(super::super::LogFormat::Text, true);
        let victim = dir.path().join("precious.txt");
        std::fs::write(&victim, "keep").unwrap();
        let odd = out.join("notes.md");
        std::fs::write(&odd, "keep").unwrap();
        let link = out.join("digest-2026-11-01.md");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let sneaky = out.join("../precious.txt");
        for p in [&victim, &odd, &link, &sneaky] {
            assert!(!delete_output(p, &c, &log, "retention"), "{}", p.display());
        }
        assert!(victim.exists() && odd.exists() && link.exists());
        let ours = out.join("digest-2026-11-02-2.json");
        std::fs::write(&ours, "{}").unwrap();
        assert!(delete_output(&ours, &c, &log, "retention"));
        assert!(!ours.exists());
    }
}
