//! `--check`: validate everything a run depends on and describe what it would do, the same
//! [`plan`] printed instead of carried out.

use super::config::RunConfig;
use super::lock;
use super::plan::{nothing_new_reason, plan, Plan};
use super::retention::{clock_check, expire};
use super::state::{self, DigestRecord, State};
use crate::embeddings::WordEmbeddings;
use crate::error::{Error, Result};
use std::fmt::Write as _;
use std::path::Path;

pub fn check(cfg: &RunConfig) -> Result<String> {
    // First, as a run fails on these first (exit 5).
    writable(&cfg.state_dir)?;
    writable(&cfg.output_dir)?;
    let state_file = state::state_path(&cfg.state_dir);
    let loaded = state::load(&state_file)?;
    let plan = plan(cfg, &loaded.state)?;
    let model = WordEmbeddings::resolve(cfg.embeddings.as_deref())?;
    let mut out = String::new();
    describe_setup(&mut out, cfg, &plan, &model, &state_file, &loaded);
    describe_inputs(&mut out, cfg, &plan);
    describe_outputs(&mut out, cfg, &plan, &loaded.state);
    let _ = writeln!(
        out,
        "novelty: {} sentence(s) of {} recent digest(s) avoided",
        plan.window.novelty.published().len(),
        plan.window.digests
    );
    Ok(out)
}

/// The configuration, clock, model, state and lock a run would use.
fn describe_setup(
    out: &mut String,
    cfg: &RunConfig,
    plan: &Plan,
    model: &WordEmbeddings,
    state_file: &Path,
    loaded: &state::Loaded,
) {
    let state = &loaded.state;
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
}

/// The sources and what a run would read of them.
fn describe_inputs(out: &mut String, cfg: &RunConfig, plan: &Plan) {
    let _ = writeln!(out, "sources:");
    for s in &cfg.sources {
        let _ = writeln!(out, "  {s}");
    }
    for w in &plan.scan.warnings {
        let _ = writeln!(out, "warning: {w}");
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
}

/// What a run would write and delete, or why it would write nothing.
fn describe_outputs(out: &mut String, cfg: &RunConfig, plan: &Plan, state: &State) {
    if plan.new.is_empty() {
        let _ = writeln!(
            out,
            "nothing new: a run now would write nothing and exit 6 ({})",
            nothing_new_reason(cfg, plan, state)
        );
    } else {
        let _ = writeln!(out, "would write:");
        for (_, p) in &plan.outputs {
            let _ = writeln!(out, "  {}", p.display());
        }
        let newest = state.digests.iter().map(|d| d.written).max();
        let mut after = state.clone();
        after.digests.push(DigestRecord {
            date: plan.date,
            written: cfg.now.fixed_offset(),
            files: Vec::new(),
            articles: 0,
            sentences: Vec::new(),
            article_sentences: Vec::new(),
            stories: Vec::new(),
        });
        let expired = match clock_check(cfg, newest) {
            Ok(()) => expire(&mut after, plan.date, cfg),
            Err(why) => {
                let _ = writeln!(out, "warning: {why}");
                Vec::new()
            }
        };
        for p in state.pending_delete.iter().chain(&expired) {
            let _ = writeln!(out, "would delete (retention): {}", p.display());
        }
    }
}

/// A run creates `dir` (and its parents) and writes there: find out now if it could, by
/// creating and removing a temp file in it or in its nearest existing ancestor.
fn writable(dir: &Path) -> Result<()> {
    let mut at = dir;
    while !at.exists() {
        match at.parent() {
            Some(p) if !p.as_os_str().is_empty() => at = p,
            _ => return Ok(()),
        }
    }
    if !at.is_dir() {
        return Err(Error::output(
            dir,
            format!("{} is not a directory", at.display()),
        ));
    }
    tempfile::Builder::new()
        .prefix(".newsdigest-check-")
        .tempfile_in(at)
        .map(drop)
        .map_err(|e| Error::output(dir, format!("not writable: {e}")))
}
