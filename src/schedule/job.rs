//! The run itself, and `--check` (the same plan, printed instead of carried out).
//!
//! Order of a run, chosen so that a run killed at any point loses nothing:
//! lock → load state → clean up after an interrupted run → find new articles → summarise →
//! journal the outputs → write each output atomically → save the state atomically →
//! drop the journal → delete expired digests. The state only ever names complete outputs.

use super::config::RunConfig;
use super::hash::sentence_key;
use super::lock;
use super::log::Logger;
use super::sources::{self, Found, Scan};
use super::state::{self, DigestRecord, SeenArticle, State};
use super::test_pause;
use crate::embeddings::WordEmbeddings;
use crate::error::{Error, Result};
use crate::output::write_atomic;
use crate::pipeline;
use crate::read::{Article, ReadOptions};
use crate::render::{self, OutputFormat};
use crate::split;
use chrono::{Days, NaiveDate};
use serde_json::{json, Value};
use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// How a run ended, short of an error.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// A digest was written.
    Written {
        files: Vec<PathBuf>,
        articles: usize,
        sentences: usize,
        deleted: Vec<PathBuf>,
    },
    /// Nothing new to digest; nothing was written.
    NothingNew { reason: String },
}

/// What a run would do now.
#[derive(Debug)]
pub struct Plan {
    /// The digest's date in the configured zone.
    pub date: NaiveDate,
    pub scan: Scan,
    /// The articles to digest, oldest first.
    pub new: Vec<Found>,
    pub outputs: Vec<(OutputFormat, PathBuf)>,
    /// Sentences of recent digests, not to be picked again.
    pub avoid: Vec<String>,
    /// Keys of the sentences of the articles recent digests were made from.
    pub seen_sentences: HashSet<String>,
    /// Digests that were considered for the novelty window.
    pub novelty_digests: usize,
}

/// Do one scheduled run.
pub fn run(cfg: &RunConfig, log: &Logger) -> Result<Outcome> {
    std::fs::create_dir_all(&cfg.state_dir).map_err(|e| Error::output(&cfg.state_dir, e))?;
    let _lock = lock::acquire(&cfg.state_dir)?;
    log.info(
        &format!(
            "run started: newsdigest {}, config {}, state in {}",
            env!("CARGO_PKG_VERSION"),
            cfg.file
                .as_ref()
                .map_or("(flags only)".to_string(), |f| f.display().to_string()),
            cfg.state_dir.display()
        ),
        &[("version", json!(env!("CARGO_PKG_VERSION")))],
    );
    test_pause("locked");
    let state_file = state::state_path(&cfg.state_dir);
    let loaded = state::load(&state_file)?;
    let mut state = loaded.state;
    recover_interrupted(&cfg.state_dir, &state, log);
    // A run killed inside an atomic write leaves its temp file. The state directory is only
    // ours (and locked); in the output directory, `summarize --output` may be writing one right
    // now, so only old ones go there.
    remove_stale_temps(&cfg.state_dir, std::time::Duration::ZERO, log);
    remove_stale_temps(&cfg.output_dir, std::time::Duration::from_secs(3600), log);

    let plan = plan(cfg, &state)?;
    log_plan(cfg, &plan, log);
    if plan.new.is_empty() {
        return Ok(Outcome::NothingNew {
            reason: nothing_new_reason(cfg, &plan, &state),
        });
    }

    let model = match &cfg.embeddings {
        Some(path) => WordEmbeddings::load(path)?,
        None => WordEmbeddings::default_model()?,
    };
    let mut summary = cfg.summary.clone();
    summary.avoid = plan.avoid.clone();
    let mut articles: Vec<Article> = plan.new.iter().map(|f| f.article.clone()).collect();
    // Keys of what these articles say, taken before novelty edits them.
    let article_sentences = sentence_keys(&articles);
    let dropped: usize = articles
        .iter_mut()
        .map(|a| drop_published(a, &plan.avoid) + drop_seen(a, &plan.seen_sentences))
        .sum();
    if dropped > 0 {
        log.info(
            &format!(
                "novelty: left out {dropped} sentence(s) copied from recent digests or the \
                 articles they were made from"
            ),
            &[("copied", json!(dropped))],
        );
    }
    let stamp = cfg.now.with_timezone(&cfg.timezone).fixed_offset();
    articles.retain(|a| !a.text.trim().is_empty());
    // New articles whose every sentence was in recent digests (or their articles) have been
    // read and found to say nothing new: recorded as digested, so they are not tried daily.
    let repeats = |state: &mut State, reason: String| -> Result<Outcome> {
        record_articles(state, &plan);
        state::save(&state_file, state, loaded.raw.as_deref())?;
        Ok(Outcome::NothingNew { reason })
    };
    let (n, days) = (plan.new.len(), cfg.novelty_days);
    if articles.is_empty() {
        return repeats(
            &mut state,
            format!(
                "{n} new article(s), but all they say was in the digests of the last {days} \
                 day(s) or in their articles"
            ),
        );
    }
    let digest = match pipeline::summarize(&articles, &summary, &model) {
        Ok(d) => d,
        // Had novelty not taken sentences out, this would be the articles' own fault (exit 3).
        Err(Error::Input(why)) if dropped > 0 => {
            return repeats(
                &mut state,
                format!(
                    "{n} new article(s), but once what the last {days} day(s) digested is \
                     taken out: {why}"
                ),
            )
        }
        Err(e) => return Err(e),
    };
    if digest.sentences.is_empty() {
        return repeats(
            &mut state,
            format!(
                "{n} new article(s), but every usable sentence repeats the digests of the last \
                 {days} day(s)"
            ),
        );
    }

    std::fs::create_dir_all(&cfg.output_dir).map_err(|e| Error::output(&cfg.output_dir, e))?;
    let files: Vec<PathBuf> = plan.outputs.iter().map(|(_, p)| p.clone()).collect();
    let journal = cfg.state_dir.join(state::JOURNAL_FILE);
    let journal_bytes = serde_json::to_vec(&files)
        .map_err(|e| Error::Internal(format!("cannot serialise the journal: {e}")))?;
    write_atomic(&journal, &journal_bytes)?;
    let mut written: Vec<&Path> = Vec::new();
    for (format, path) in &plan.outputs {
        let rendered = render::render(&digest, *format);
        if let Err(e) = write_atomic(path, rendered.as_bytes()) {
            // No partial set of outputs: the ones this run created go (they are new files,
            // never an earlier digest, since names are chosen not to exist).
            for done in &written {
                let _ = std::fs::remove_file(done);
            }
            let _ = std::fs::remove_file(&journal);
            return Err(e);
        }
        written.push(path);
        log.info(
            &format!("wrote {}", path.display()),
            &[("file", json!(path.display().to_string()))],
        );
        test_pause("output");
    }
    test_pause("outputs-written");

    record_articles(&mut state, &plan);
    state.digests.push(DigestRecord {
        date: plan.date,
        written: stamp,
        files: files.clone(),
        articles: plan.new.len(),
        sentences: digest.sentences.iter().map(|s| s.text.clone()).collect(),
        article_sentences,
    });
    state.last_success = Some(stamp);
    let mut to_delete = std::mem::take(&mut state.pending_delete);
    to_delete.extend(expire(&mut state, plan.date, cfg));
    // A file a kept digest still names (a name reused after a hand deletion) stays.
    let kept: HashSet<PathBuf> = state.recorded_files().cloned().collect();
    to_delete.retain(|p| !kept.contains(p));
    // Recorded before deleting, so that a run killed midway finishes the job next time.
    state.pending_delete = to_delete.clone();
    if let Err(e) = state::save(&state_file, &state, loaded.raw.as_deref()) {
        // Unrecorded outputs would be digested again next run: take them back now.
        for done in &written {
            let _ = std::fs::remove_file(done);
        }
        let _ = std::fs::remove_file(&journal);
        return Err(e);
    }
    let _ = std::fs::remove_file(&journal);

    let mut deleted = Vec::new();
    for path in &to_delete {
        match std::fs::remove_file(path) {
            Ok(()) => {
                log.info(
                    &format!("retention: deleted {}", path.display()),
                    &[("deleted", json!(path.display().to_string()))],
                );
                deleted.push(path.clone());
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => log.warn(
                &format!("retention: cannot delete {}: {e}", path.display()),
                &[],
            ),
        }
    }
    if !to_delete.is_empty() {
        // Deletions done: forget them. Failing here only means they are retried next run.
        state.pending_delete.clear();
        // The backup keeps the state from before this run.
        if let Err(e) = state::save(&state_file, &state, None) {
            log.warn(&format!("{e}"), &[]);
        }
    }
    Ok(Outcome::Written {
        files,
        articles: plan.new.len(),
        sentences: digest.sentences.len(),
        deleted,
    })
}

/// Work out what a run would read and write, without changing anything.
pub fn plan(cfg: &RunConfig, state: &State) -> Result<Plan> {
    let date = cfg.now.with_timezone(&cfg.timezone).date_naive();
    let scan = sources::scan(
        &cfg.sources,
        &ReadOptions {
            format: cfg.input_format,
            ..ReadOptions::default()
        },
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
    let mut avoid = Vec::new();
    let mut novelty_digests = 0;
    let mut seen_sentences = HashSet::new();
    if cfg.novelty_days > 0 {
        let from = date
            .checked_sub_days(Days::new(u64::from(cfg.novelty_days)))
            .unwrap_or(NaiveDate::MIN);
        let mut seen = HashSet::new();
        for d in state.digests.iter().filter(|d| d.date >= from) {
            novelty_digests += 1;
            seen_sentences.extend(d.article_sentences.iter().cloned());
            for s in &d.sentences {
                if seen.insert(s.as_str()) {
                    avoid.push(s.clone());
                }
            }
        }
    }
    let outputs = output_paths(cfg, date)?;
    Ok(Plan {
        date,
        scan,
        new,
        outputs,
        avoid,
        seen_sentences,
        novelty_digests,
    })
}

/// The output files for `date`: the first set of names of which none exists, so a run never
/// overwrites a file (a second run the same day gets `-2`, and so on).
fn output_paths(cfg: &RunConfig, date: NaiveDate) -> Result<Vec<(OutputFormat, PathBuf)>> {
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

fn record_articles(state: &mut State, plan: &Plan) {
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

/// Apply retention (returns the files to delete) and drop sentences outside the novelty window.
/// The newest digest (the one just written) is never expired.
fn expire(state: &mut State, today: NaiveDate, cfg: &RunConfig) -> Vec<PathBuf> {
    let mut files = Vec::new();
    if cfg.retention_days > 0 {
        let cutoff = today
            .checked_sub_days(Days::new(u64::from(cfg.retention_days)))
            .unwrap_or(NaiveDate::MIN);
        let newest = state.digests.len().saturating_sub(1);
        for (i, rec) in state.digests.iter_mut().enumerate() {
            if i != newest && rec.date < cutoff {
                files.append(&mut rec.files);
            }
        }
    }
    // Sentences are kept a little longer than the window, so that widening it later still
    // finds the last week's digests.
    let keep_days = cfg.novelty_days.max(super::config::DEFAULT_NOVELTY_DAYS);
    let keep_from = today
        .checked_sub_days(Days::new(u64::from(keep_days)))
        .unwrap_or(NaiveDate::MIN);
    for rec in &mut state.digests {
        if rec.date < keep_from {
            rec.sentences.clear();
            rec.article_sentences.clear();
        }
    }
    state.digests.retain(|r| {
        !r.files.is_empty() || !r.sentences.is_empty() || !r.article_sentences.is_empty()
    });
    files
}

/// Take verbatim copies (whitespace aside) of already published sentences out of an article's
/// lines. The summariser's similarity check (`SummaryConfig::avoid`) covers paraphrases; this
/// makes the plain case, wire copy repeating yesterday's sentence, hold whatever the model.
fn drop_published(article: &mut Article, published: &[String]) -> usize {
    let published: Vec<String> = published
        .iter()
        .map(|s| collapse(s))
        .filter(|s| s.len() >= 20)
        .collect();
    if published.is_empty() {
        return 0;
    }
    let mut removed = 0;
    let mut out = String::with_capacity(article.text.len());
    for line in article.text.lines() {
        let mut line = collapse(line);
        for p in &published {
            let mut from = 0;
            while let Some(i) = line[from..].find(p.as_str()).map(|i| i + from) {
                let end = i + p.len();
                // A whole sentence: at the line's start or after a sentence's end.
                let starts = i == 0
                    || line[..i].strip_suffix(' ').is_some_and(|b| {
                        b.ends_with(['.', '!', '?', '"', '\u{201d}', '\'', '\u{2019}', ')'])
                    });
                let ends = end == line.len() || line[end..].starts_with(' ');
                if starts && ends {
                    line.replace_range(i..end, "");
                    line = collapse(&line);
                    removed += 1;
                    from = i.min(line.len());
                } else {
                    from = end;
                }
                while !line.is_char_boundary(from) {
                    from += 1;
                }
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
    if removed > 0 {
        article.text = out;
    }
    removed
}

/// Novelty sentences must be long enough to be news, not boilerplate.
fn is_novelty_sentence(s: &str) -> bool {
    s.len() >= 20 && s.split_whitespace().count() >= 4
}

/// Keys of the sentences of `articles`, sorted and without repeats.
fn sentence_keys(articles: &[Article]) -> Vec<String> {
    let mut keys: Vec<String> = articles
        .iter()
        .flat_map(|a| a.text.lines().flat_map(split::sentences))
        .filter(|s| is_novelty_sentence(s))
        .map(|s| sentence_key(&s))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// Take out of an article the sentences that articles of recent digests already carried (wire
/// copy repeating yesterday's background): they were digested then, and are not news now.
fn drop_seen(article: &mut Article, seen: &HashSet<String>) -> usize {
    if seen.is_empty() {
        return 0;
    }
    let mut removed = 0;
    let mut out = String::with_capacity(article.text.len());
    for line in article.text.lines() {
        let sentences = split::sentences(line);
        let keep: Vec<&String> = sentences
            .iter()
            .filter(|s| !(is_novelty_sentence(s) && seen.contains(&sentence_key(s))))
            .collect();
        if keep.len() == sentences.len() {
            // Untouched lines stay exactly as they were.
            out.push_str(line);
        } else {
            removed += sentences.len() - keep.len();
            out.push_str(
                &keep
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        out.push('\n');
    }
    if removed > 0 {
        article.text = out;
    }
    removed
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Delete `output::write_atomic`'s temp files (`.newsdigest-*.tmp`) older than `min_age`.
fn remove_stale_temps(dir: &Path, min_age: std::time::Duration, log: &Logger) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".newsdigest-") && name.ends_with(".tmp")) {
            continue;
        }
        let old_enough = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= min_age);
        if old_enough && std::fs::remove_file(entry.path()).is_ok() {
            log.warn(
                &format!(
                    "removed {}, a temporary file left by an interrupted write",
                    entry.path().display()
                ),
                &[],
            );
        }
    }
}

/// Remove outputs that a killed run wrote but never recorded (listed in its journal).
fn recover_interrupted(state_dir: &Path, state: &State, log: &Logger) {
    let journal = state_dir.join(state::JOURNAL_FILE);
    let Ok(bytes) = std::fs::read(&journal) else {
        return;
    };
    let listed: Vec<PathBuf> = serde_json::from_slice(&bytes).unwrap_or_default();
    let recorded: HashSet<&PathBuf> = state.recorded_files().collect();
    for path in listed.iter().filter(|p| !recorded.contains(p)) {
        if std::fs::remove_file(path).is_ok() {
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

fn nothing_new_reason(cfg: &RunConfig, plan: &Plan, state: &State) -> String {
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

fn log_plan(cfg: &RunConfig, plan: &Plan, log: &Logger) {
    for w in &plan.scan.warnings {
        log.warn(w, &[]);
    }
    for (file, why) in &plan.scan.skipped {
        log.warn(
            &format!("skipped {}: {why}", file.display()),
            &[("skipped", json!(file.display().to_string()))],
        );
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
    if cfg.novelty_days > 0 && !plan.avoid.is_empty() {
        log.info(
            &format!(
                "novelty: avoiding {} sentence(s) of {} digest(s) from the last {} day(s)",
                plan.avoid.len(),
                plan.novelty_digests,
                cfg.novelty_days
            ),
            &[("avoid", json!(plan.avoid.len()))],
        );
    }
}

/// `--check`: validate everything a run depends on and describe what it would do.
pub fn check(cfg: &RunConfig) -> Result<String> {
    let state_file = state::state_path(&cfg.state_dir);
    let loaded = state::load(&state_file)?;
    let state = loaded.state;
    let plan = plan(cfg, &state)?;
    let model = match &cfg.embeddings {
        Some(path) => WordEmbeddings::load(path)?,
        None => WordEmbeddings::default_model()?,
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "config: {} (valid)",
        cfg.file
            .as_ref()
            .map_or("(command line only)".to_string(), |f| f
                .display()
                .to_string())
    );
    let _ = writeln!(
        out,
        "time zone: {}; digest date now: {}",
        cfg.timezone, plan.date
    );
    let _ = writeln!(out, "embeddings: {} ({} dims)", model.name(), model.dims());
    let _ = writeln!(
        out,
        "state: {} ({}; {} article(s), {} digest(s) recorded; last success: {})",
        state_file.display(),
        if loaded.raw.is_some() {
            "valid"
        } else {
            "none yet: first run"
        },
        state.articles.len(),
        state.digests.len(),
        state
            .last_success
            .map_or("never".to_string(), |t| t.to_rfc3339())
    );
    let _ = writeln!(
        out,
        "lock: {} ({})",
        cfg.state_dir.join(lock::LOCK_FILE).display(),
        if lock::is_held(&cfg.state_dir) {
            "held by a run now: a run would exit 7"
        } else {
            "free"
        }
    );
    let _ = writeln!(out, "sources:");
    for s in &cfg.sources {
        let _ = writeln!(out, "  {s}");
    }
    for (file, why) in &plan.scan.skipped {
        let _ = writeln!(out, "would skip {}: {why}", file.display());
    }
    let _ = writeln!(
        out,
        "would read {} new article(s) of {} found in {} file(s){}",
        plan.new.len(),
        plan.scan.found.len(),
        plan.scan.files,
        if plan.new.is_empty() { "" } else { ":" }
    );
    for f in &plan.new {
        let _ = writeln!(out, "  {}", f.article.id);
    }
    if plan.new.is_empty() {
        let _ = writeln!(
            out,
            "nothing new: a run now would write nothing and exit 6 ({})",
            nothing_new_reason(cfg, &plan, &state)
        );
    } else {
        let _ = writeln!(out, "would write:");
        for (_, p) in &plan.outputs {
            let _ = writeln!(out, "  {}", p.display());
        }
        let mut after = state.clone();
        after.digests.push(DigestRecord {
            date: plan.date,
            written: cfg.now.fixed_offset(),
            files: Vec::new(),
            articles: 0,
            sentences: Vec::new(),
            article_sentences: Vec::new(),
        });
        let expired = expire(&mut after, plan.date, cfg);
        for p in state.pending_delete.iter().chain(&expired) {
            let _ = writeln!(out, "would delete (retention): {}", p.display());
        }
    }
    let _ = writeln!(
        out,
        "novelty: {} sentence(s) of {} recent digest(s) avoided",
        plan.avoid.len(),
        plan.novelty_digests
    );
    Ok(out)
}

/// Fields for the final log line of a run.
pub fn outcome_fields(outcome: &Outcome) -> Vec<(&'static str, Value)> {
    match outcome {
        Outcome::Written {
            files,
            articles,
            sentences,
            deleted,
        } => vec![
            (
                "files",
                json!(files
                    .iter()
                    .map(|f| f.display().to_string())
                    .collect::<Vec<_>>()),
            ),
            ("articles", json!(articles)),
            ("sentences", json!(sentences)),
            ("deleted", json!(deleted.len())),
        ],
        Outcome::NothingNew { .. } => vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::config::{resolve, Overrides};

    #[test]
    fn published_sentences_are_taken_out_verbatim_only() {
        let mut a = Article {
            text: "Title line\nThe mayor  said the pipe broke overnight. Crews came.\n\
                   He said the pipe broke overnight twice.\n"
                .into(),
            ..Article::default()
        };
        let n = drop_published(&mut a, &["The mayor said the pipe broke overnight.".into()]);
        assert_eq!(n, 1);
        assert_eq!(
            a.text,
            "Title line\nCrews came.\nHe said the pipe broke overnight twice.\n"
        );
        // Inside another sentence it is not a copy of it.
        let n = drop_published(&mut a, &["said the pipe broke overnight twice.".into()]);
        assert_eq!(n, 0);
    }

    #[test]
    fn sentences_of_earlier_articles_are_taken_out() {
        let earlier = Article {
            text: "The pipe broke overnight near Millbrook Road. Crews came at dawn.\n".into(),
            ..Article::default()
        };
        let seen: HashSet<String> = sentence_keys(&[earlier]).into_iter().collect();
        let mut later = Article {
            text: "Title\nThe council met on Tuesday evening. The pipe broke overnight  near \
                   Millbrook Road.\nCrews came at dawn.\n"
                .into(),
            ..Article::default()
        };
        // "Crews came at dawn." is too short to count as news either way.
        assert_eq!(drop_seen(&mut later, &seen), 1);
        assert_eq!(
            later.text,
            "Title\nThe council met on Tuesday evening.\nCrews came at dawn.\n"
        );
    }

    fn record(day: u32, file: &str) -> DigestRecord {
        DigestRecord {
            date: NaiveDate::from_ymd_opt(2026, 11, day).unwrap(),
            written: chrono::DateTime::parse_from_rfc3339("2026-11-01T06:00:00Z").unwrap(),
            files: vec![PathBuf::from(file)],
            articles: 1,
            sentences: vec![format!("Sentence of {file}.")],
            article_sentences: vec!["00".into()],
        }
    }

    #[test]
    fn retention_deletes_old_digests_but_never_the_newest() {
        let ov = Overrides {
            inputs: vec!["in".into()],
            output_dir: Some("out".into()),
            retention_days: Some(2),
            novelty_days: Some(7),
            ..Overrides::default()
        };
        let cfg = resolve(None, ov).unwrap();
        let mut state = State {
            digests: vec![record(1, "a"), record(2, "b"), record(3, "c")],
            ..State::default()
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 4).unwrap();
        assert_eq!(expire(&mut state, today, &cfg), vec![PathBuf::from("a")]);
        // Long after, everything but the newest goes; the newest stays whatever its age.
        let later = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap();
        assert_eq!(expire(&mut state, later, &cfg), vec![PathBuf::from("b")]);
        assert_eq!(state.digests.len(), 1);
        assert_eq!(state.digests[0].files, vec![PathBuf::from("c")]);
        // Its sentences are outside every window by then.
        assert!(state.digests[0].sentences.is_empty());
    }
}
