//! The run itself.
//!
//! Order of a run, chosen so that a run killed at any point loses nothing:
//! lock → load state → clean up after an interrupted run → find new articles → summarise →
//! journal the outputs → write each output atomically → save the state atomically →
//! drop the journal → delete expired digests. The state only ever names complete outputs.

use super::config::RunConfig;
use super::journal;
use super::lock;
use super::log::Logger;
use super::plan::{log_plan, nothing_new_reason, plan, record_articles, skipped_now, Plan};
use super::retention::{self, clock_check, delete_output, expire};
use super::state::{self, DigestRecord, Loaded, State};
use super::test_pause;
use crate::config::{Method, SummaryConfig};
use crate::embeddings::WordEmbeddings;
use crate::error::{Error, Result};
use crate::output::{write_new, Written};
use crate::pipeline::{self, Digest, RunContext};
use crate::read::Article;
use crate::render;
use serde_json::{json, Value};
use std::collections::HashSet;
use std::path::PathBuf;

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

/// Do one scheduled run.
pub fn run(cfg: &RunConfig, log: &Logger) -> Result<Outcome> {
    crate::output::create_folder(&cfg.state_dir)?;
    // Fail before the work, not after it, when the digests have nowhere to go.
    if let Some(e) = crate::output::folder_in_the_way(&cfg.output_dir) {
        return Err(e);
    }
    let _lock = lock::acquire(&cfg.state_dir)?;
    log_start(cfg, log);
    test_pause("locked");
    let state_file = state::state_path(&cfg.state_dir);
    let mut loaded = state::load(&state_file)?;
    retention::recover_interrupted(cfg, &loaded.state, log);
    // A run killed inside an atomic write leaves its temp file. The state directory is only
    // ours (and locked); in the output directory, `summarize --output` may be writing one right
    // now, so only old ones go there.
    retention::remove_stale_temps(&cfg.state_dir, std::time::Duration::ZERO, log);
    retention::remove_stale_temps(&cfg.output_dir, std::time::Duration::from_secs(3600), log);

    let plan = plan(cfg, &loaded.state)?;
    log_plan(cfg, &plan, &loaded.state.skipped, log);
    test_pause("planned");
    let skipped = skipped_now(&plan);
    let skips_changed = skipped != loaded.state.skipped;
    loaded.state.skipped = skipped;
    if plan.new.is_empty() {
        // Only to remember which skipped files were warned about.
        if skips_changed {
            state::save(&state_file, &loaded.state, loaded.raw.as_deref())?;
        }
        return Ok(Outcome::NothingNew {
            reason: nothing_new_reason(cfg, &plan, &loaded.state),
        });
    }
    let digest = match summarise(cfg, &plan, log)? {
        Ok(digest) => digest,
        // New articles that only repeat recent digests have been read and found to say nothing
        // new: recorded as digested, so they are not tried daily.
        Err(reason) => {
            record_articles(&mut loaded.state, &plan);
            state::save(&state_file, &loaded.state, loaded.raw.as_deref())?;
            return Ok(Outcome::NothingNew { reason });
        }
    };
    let files = write_and_record(cfg, &plan, &digest, &mut loaded, log)?;
    let deleted = delete_expired(cfg, &mut loaded.state, log);
    let other_languages: usize = digest.meta.languages_skipped.values().sum();
    Ok(Outcome::Written {
        files,
        // As the digest's title counts them: those in another language, or (with a topic)
        // far from it, are not in it (probe 17: "digest of 10 articles" when 3 were on topic).
        // The off-topic count is of the English articles only.
        articles: plan
            .new
            .len()
            .saturating_sub(other_languages)
            .saturating_sub(digest.meta.off_topic_articles.unwrap_or(0)),
        sentences: digest.sentences.len(),
        deleted,
    })
}

fn log_start(cfg: &RunConfig, log: &Logger) {
    let config = cfg
        .file
        .as_ref()
        .map_or("(flags only)".to_string(), |f| f.display().to_string());
    log.info(
        &format!(
            "run started: newsdigest {}, config {config}, state in {}",
            env!("CARGO_PKG_VERSION"),
            cfg.state_dir.display()
        ),
        &[("version", json!(env!("CARGO_PKG_VERSION")))],
    );
}

/// The digest, or (inner `Err`) why the new articles hold nothing new.
fn summarise(
    cfg: &RunConfig,
    plan: &Plan,
    log: &Logger,
) -> Result<std::result::Result<Digest, String>> {
    let model = WordEmbeddings::resolve(cfg.embeddings.as_deref())?;
    let context = RunContext {
        novelty: plan.window.novelty.clone(),
        known_stories: plan.window.stories.clone(),
        remember_stories: true,
        today: Some(cfg.now.with_timezone(&cfg.timezone).date_naive()),
        ..Default::default()
    };
    let articles: Vec<Article> = plan.new.iter().map(|f| f.article.clone()).collect();
    let (n, days) = (plan.new.len(), cfg.novelty_days);
    let digest = match pipeline::summarize(&articles, &cfg.summary, &context, &model) {
        Ok(d) => d,
        // Had novelty not taken sentences out, this would be the articles' own fault (exit 3):
        // a cheap second look without it tells which.
        Err(Error::Input(why)) if !context.novelty.is_empty() && usable(&articles, cfg, &model) => {
            return Ok(Err(format!(
                "{n} new article(s), but all they say was in the digests of the last {days} \
                 day(s) or in their articles ({why} once that is left out)"
            )))
        }
        Err(e) => return Err(e),
    };
    log_digest(&digest, log);
    if digest.sentences.is_empty() {
        if context.novelty.is_empty() {
            // No recent digest to repeat: no sentence is usable or fits the budget (exit 3).
            return Err(Error::Input(digest.why_empty()));
        }
        return Ok(Err(format!(
            "{n} new article(s), but every usable sentence repeats the digests of the last \
             {days} day(s)"
        )));
    }
    Ok(Ok(digest))
}

/// What the log says of a digest: languages skipped, sentences left out, stories continuing.
fn log_digest(digest: &Digest, log: &Logger) {
    if let Some(warning) = crate::language::skipped_warning(&digest.meta.languages_skipped) {
        log.warn(&warning, &[]);
    }
    let left_out = digest
        .meta
        .sentences_total
        .saturating_sub(digest.meta.sentences_kept);
    log.info(
        &format!(
            "{} sentence(s) read, {} left as candidates (boilerplate, copies and sentences of \
             recent digests or their articles left out)",
            digest.meta.sentences_total, digest.meta.sentences_kept
        ),
        &[("left_out", json!(left_out))],
    );
    if !digest.stories.is_empty() {
        let continuing = digest.stories.iter().filter(|s| s.continuing).count();
        let left = digest.meta.continuing_left_out.unwrap_or(0);
        let others = digest.meta.stories_left_out.unwrap_or(0);
        log.info(
            &format!(
                "{} story(ies) in the digest, {continuing} of them continuing; {left} continuing \
                 story(ies) left out with nothing new, {others} other(s) for the budget or with \
                 no usable sentence (their articles count as digested)",
                digest.stories.len()
            ),
            &[
                ("stories", json!(digest.stories.len())),
                ("continuing", json!(continuing)),
                ("continuing_left_out", json!(left)),
                ("stories_left_out", json!(others)),
            ],
        );
    }
}

/// Whether `articles` hold a usable sentence at all, novelty aside (the `lead` baseline: no
/// embedding or clustering needed to find out).
fn usable(articles: &[Article], cfg: &RunConfig, model: &WordEmbeddings) -> bool {
    let probe = SummaryConfig {
        method: Method::Lead,
        ..cfg.summary.clone()
    };
    pipeline::summarize(articles, &probe, &RunContext::default(), model).is_ok()
}

/// The outputs of a run until the state records them. Dropped without [`Pending::commit`] (an
/// error, a panic), it deletes them and the journal: no unrecorded digest is left behind, and
/// never an earlier digest, since names are chosen not to exist.
struct Pending {
    journal: PathBuf,
    entries: Vec<journal::Entry>,
    written: Vec<PathBuf>,
    committed: bool,
}

impl Pending {
    /// Journal `files` first, so that a run killed before commit is cleaned up by the next.
    fn begin(cfg: &RunConfig, files: &[PathBuf]) -> Result<Self> {
        let journal = journal::path(&cfg.state_dir);
        let entries: Vec<journal::Entry> = files
            .iter()
            .map(|path| journal::Entry {
                path: path.clone(),
                written: None,
            })
            .collect();
        journal::write(&journal, &entries)?;
        Ok(Pending {
            journal,
            entries,
            written: Vec::new(),
            committed: false,
        })
    }

    /// `path` now holds `bytes`, written by this run: the journal says so, so that recovery
    /// may remove exactly that file.
    fn wrote(&mut self, path: &std::path::Path, bytes: &[u8]) -> Result<()> {
        self.written.push(path.to_path_buf());
        for e in self.entries.iter_mut().filter(|e| e.path == path) {
            e.written = Some(journal::fingerprint(bytes));
        }
        journal::write(&self.journal, &self.entries)
    }

    /// Each file written, with the fingerprint of its bytes.
    fn fingerprints(&self) -> impl Iterator<Item = (PathBuf, String)> + '_ {
        self.entries
            .iter()
            .filter_map(|e| Some((e.path.clone(), e.written.clone()?)))
    }

    fn commit(mut self) {
        self.committed = true;
        let _ = std::fs::remove_file(&self.journal);
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        for done in &self.written {
            let _ = std::fs::remove_file(done);
        }
        let _ = std::fs::remove_file(&self.journal);
    }
}

/// Write every output, then record them and the articles in the state; all or nothing.
fn write_and_record(
    cfg: &RunConfig,
    plan: &Plan,
    digest: &Digest,
    loaded: &mut Loaded,
    log: &Logger,
) -> Result<Vec<PathBuf>> {
    crate::output::create_folder(&cfg.output_dir)?;
    let (pending, files) = write_outputs(cfg, plan, digest, log)?;
    test_pause("outputs-written");

    let state = &mut loaded.state;
    let newest = state.digests.iter().map(|d| d.written).max();
    let stamp = cfg.now.with_timezone(&cfg.timezone).fixed_offset();
    record_articles(state, plan);
    state.digests.push(DigestRecord {
        date: plan.date,
        written: stamp,
        files: files.clone(),
        articles: plan.new.len(),
        sentences: digest.sentences.iter().map(|s| s.text.clone()).collect(),
        article_sentences: digest.input_keys.clone(),
        stories: digest
            .memory
            .iter()
            .map(|m| super::novelty::record(m, plan.date))
            .collect(),
    });
    state.written.extend(pending.fingerprints());
    state.last_success = Some(stamp);
    let mut to_delete = std::mem::take(&mut state.pending_delete);
    match clock_check(cfg, newest) {
        Ok(()) => to_delete.extend(expire(state, plan.date, cfg)),
        Err(why) => log.warn(&why, &[]),
    }
    // A file a kept digest still names (a name reused after a hand deletion) stays.
    let kept: HashSet<PathBuf> = state.recorded_files().cloned().collect();
    to_delete.retain(|p| !kept.contains(p));
    // Recorded before deleting, so that a run killed midway finishes the job next time.
    state.pending_delete = to_delete;
    state::save(
        &state::state_path(&cfg.state_dir),
        state,
        loaded.raw.as_deref(),
    )?;
    pending.commit();
    Ok(files)
}

/// Sets of names tried before a run gives up on finding free ones.
const NAME_ATTEMPTS: usize = 10;

/// Write every output under names that do not exist. When another run takes one of them
/// meanwhile (two installations, each with its own state, sharing an output folder), what this
/// attempt wrote is removed and the whole set moves to the next free names.
fn write_outputs(
    cfg: &RunConfig,
    plan: &Plan,
    digest: &Digest,
    log: &Logger,
) -> Result<(Pending, Vec<PathBuf>)> {
    let mut outputs = plan.outputs.clone();
    for _ in 0..NAME_ATTEMPTS {
        let files: Vec<PathBuf> = outputs.iter().map(|(_, p)| p.clone()).collect();
        let mut pending = Pending::begin(cfg, &files)?;
        let mut taken = false;
        for (format, path) in &outputs {
            let bytes = render::render(digest, *format);
            if write_new(path, bytes.as_bytes())? == Written::Taken {
                log.warn(
                    &format!(
                        "{} was written by another process; trying the next name",
                        path.display()
                    ),
                    &[],
                );
                taken = true;
                break;
            }
            pending.wrote(path, bytes.as_bytes())?;
            log.info(
                &format!("wrote {}", path.display()),
                &[("file", json!(path.display().to_string()))],
            );
            test_pause("output");
        }
        if !taken {
            return Ok((pending, files));
        }
        // Dropping `pending` removes what this attempt wrote, and only that.
        drop(pending);
        outputs = super::plan::output_paths(cfg, plan.date)?;
    }
    Err(Error::output(
        &cfg.output_dir,
        "other processes keep taking the digest's file names",
    ))
}

/// Whether the expired digest `path` now holds other bytes than this tool wrote there (then it
/// is a person's file, and stays).
fn replaced_by_hand(path: &std::path::Path, state: &State, log: &Logger) -> bool {
    let Some(fingerprint) = state.written.get(path) else {
        return false;
    };
    if std::fs::symlink_metadata(path).is_err()
        || super::retention::written_by_that_run(path, Some(fingerprint))
    {
        return false;
    }
    log.warn(
        &format!(
            "retention: leaving {} in place: it no longer holds the digest written there",
            path.display()
        ),
        &[("left", json!(path.display().to_string()))],
    );
    true
}

/// Delete what the saved state lists as expired, then forget the list.
fn delete_expired(cfg: &RunConfig, state: &mut State, log: &Logger) -> Vec<PathBuf> {
    if state.pending_delete.is_empty() {
        return Vec::new();
    }
    let mut deleted = Vec::new();
    for path in &state.pending_delete {
        if replaced_by_hand(path, state, log) {
            continue;
        }
        if delete_output(path, cfg, log, "retention") {
            log.info(
                &format!("retention: deleted {}", path.display()),
                &[("deleted", json!(path.display().to_string()))],
            );
            deleted.push(path.clone());
        }
    }
    // Deletions done: forget them. Failing here only means they are retried next run.
    state.pending_delete.clear();
    let recorded: HashSet<PathBuf> = state.recorded_files().cloned().collect();
    state.written.retain(|p, _| recorded.contains(p));
    // The backup keeps the state from before this run.
    if let Err(e) = state::save(&state::state_path(&cfg.state_dir), state, None) {
        log.warn(&format!("{e}"), &[]);
    }
    deleted
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
