//! The state file (`<state dir>/state.json`): which articles were digested (keyed by content
//! hash), which digests were written, and their sentences for the novelty window.
//!
//! It is replaced atomically (temp file + rename), and the previous version is kept as
//! `state.json.bak` first, so a damaged state file can be restored by hand. A state file that
//! cannot be read is an error naming it: silently starting afresh would digest every article
//! again and forget which digests retention may delete.

use crate::error::{Error, Result};
use crate::output::write_atomic;
use crate::read::Special;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const STATE_FILE: &str = "state.json";
pub const BACKUP_SUFFIX: &str = ".bak";
/// The outputs a run is about to write; a later run removes those a killed run left behind.
pub const JOURNAL_FILE: &str = "pending-outputs.json";
const VERSION: u32 = 1;

/// What the runs so far have done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct State {
    pub version: u32,
    /// When the last successful run happened.
    #[serde(default)]
    pub last_success: Option<DateTime<FixedOffset>>,
    /// Content key → the article digested under it.
    #[serde(default)]
    pub articles: BTreeMap<String, SeenArticle>,
    /// Digests written, oldest first.
    #[serde(default)]
    pub digests: Vec<DigestRecord>,
    /// Expired digests whose deletion is still to be done (a run may be killed midway).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pending_delete: Vec<PathBuf>,
    /// Source files skipped as unreadable (binary, too large, …) → their size and mtime: each
    /// is warned about once, not every day, until it changes.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub skipped: BTreeMap<PathBuf, String>,
    /// Recorded digest files → the fingerprint of the bytes written there: retention deletes
    /// a file only while it holds them, not one a person has since put in its place. States of
    /// earlier versions have none, and their files are deleted by name, as then.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub written: BTreeMap<PathBuf, String>,
}

impl Default for State {
    fn default() -> Self {
        State {
            version: VERSION,
            last_success: None,
            articles: BTreeMap::new(),
            digests: Vec::new(),
            pending_delete: Vec::new(),
            skipped: BTreeMap::new(),
            written: BTreeMap::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeenArticle {
    /// The article's id (path) when first digested.
    pub id: String,
    /// The date (in the configured zone) of the digest it went into.
    pub digested: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DigestRecord {
    /// The digest's date in the configured time zone.
    pub date: NaiveDate,
    pub written: DateTime<FixedOffset>,
    /// The files written (one per format).
    pub files: Vec<PathBuf>,
    /// How many articles it digested.
    pub articles: usize,
    /// Its sentences, for the novelty window; dropped once outside it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sentences: Vec<String>,
    /// Keys ([`crate::novelty::sentence_key`]) of every sentence of the articles it digested, so
    /// that a later article copying one of them does not bring it back; dropped with
    /// `sentences`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub article_sentences: Vec<String>,
    /// The stories it carried (a plain digest: one), for the next runs to tell which of
    /// theirs continue; dropped with `sentences`. Digests of versions before stories have none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stories: Vec<StoryRecord>,
}

/// A story a digest carried, as the next runs recognise it
/// ([`crate::stories::continuing::Trace`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryRecord {
    pub headline: String,
    /// The date of the earliest digest that carried the story (this one, or the one a story it
    /// continues came from).
    pub first_digest: NaiveDate,
    /// Content keys of its articles (their ids are in [`State::articles`]).
    pub articles: Vec<String>,
    /// Keys of its articles' sentences.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sentences: Vec<String>,
    /// Its signature: heaviest terms and their weights.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<(String, f32)>,
}

impl State {
    /// Every file a digest record names.
    pub fn recorded_files(&self) -> impl Iterator<Item = &PathBuf> {
        self.digests.iter().flat_map(|d| d.files.iter())
    }
}

/// The state as loaded, with the bytes it was read from (kept as the backup on save).
#[derive(Debug)]
pub struct Loaded {
    pub state: State,
    pub raw: Option<Vec<u8>>,
}

pub fn state_path(state_dir: &Path) -> PathBuf {
    state_dir.join(STATE_FILE)
}

/// Load the state; a missing file is a first run, anything unreadable is an error.
pub fn load(path: &Path) -> Result<Loaded> {
    // Capped: a state file that is a FIFO or a link to a device must not hold the lock for ever.
    let raw = match crate::read::read_capped(path, crate::read::MAX_INPUT_BYTES, Special::Read) {
        Ok(raw) => raw,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Loaded {
                state: State::default(),
                raw: None,
            })
        }
        Err(e) => {
            return Err(Error::Input(format!(
                "cannot read state file {}: {e}",
                path.display()
            )))
        }
    };
    let state: State = serde_json::from_slice(&raw).map_err(|e| corrupt(path, &e.to_string()))?;
    if state.version > VERSION {
        return Err(Error::Input(format!(
            "state file {} has version {}, newer than this newsdigest understands ({VERSION}); \
             upgrade newsdigest",
            path.display(),
            state.version
        )));
    }
    Ok(Loaded {
        state,
        raw: Some(raw),
    })
}

fn corrupt(path: &Path, why: &str) -> Error {
    let mut bak = path.as_os_str().to_owned();
    bak.push(BACKUP_SUFFIX);
    let bak = PathBuf::from(bak);
    let restore = if is_valid_state(&bak) {
        format!(
            "restore it from {} (the state before the last successful run), or ",
            bak.display()
        )
    } else if std::fs::symlink_metadata(&bak).is_ok() {
        format!("its backup {} is no valid state either; ", bak.display())
    } else {
        String::new()
    };
    Error::Input(format!(
        "state file {} is corrupt or truncated ({why}); it records which articles were \
         already digested, so the run stops instead of digesting them all again: {restore}move \
         it aside to start afresh (every article then counts as new)",
        path.display()
    ))
}

/// Whether `path` holds a state this version can read (advice names a backup only if so).
fn is_valid_state(path: &Path) -> bool {
    crate::read::read_capped(path, crate::read::MAX_INPUT_BYTES, Special::Refuse)
        .ok()
        .and_then(|raw| serde_json::from_slice::<State>(&raw).ok())
        .is_some_and(|s| s.version <= VERSION)
}

/// Write the state atomically, keeping the version it replaces as the backup.
pub fn save(path: &Path, state: &State, previous: Option<&[u8]>) -> Result<()> {
    let bytes = serde_json::to_vec_pretty(state)
        .map_err(|e| Error::Internal(format!("cannot serialise the state: {e}")))?;
    if let Some(prev) = previous {
        let mut bak = path.as_os_str().to_owned();
        bak.push(BACKUP_SUFFIX);
        write_atomic(Path::new(&bak), prev)?;
    }
    super::test_pause("state-backup-written");
    write_atomic(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> State {
        let mut s = State::default();
        s.articles.insert(
            "00ff".into(),
            SeenArticle {
                id: "a.txt".into(),
                digested: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            },
        );
        s
    }

    #[test]
    fn round_trip_with_backup() {
        let dir = tempfile::tempdir().unwrap();
        let p = state_path(dir.path());
        assert_eq!(load(&p).unwrap().state, State::default());
        save(&p, &sample(), None).unwrap();
        let loaded = load(&p).unwrap();
        assert_eq!(loaded.state, sample());
        save(&p, &State::default(), loaded.raw.as_deref()).unwrap();
        let bak = dir.path().join("state.json.bak");
        assert_eq!(load(&bak).unwrap().state, sample());
    }

    #[test]
    fn truncated_or_garbage_state_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = state_path(dir.path());
        save(&p, &sample(), None).unwrap();
        let full = std::fs::read(&p).unwrap();
        for bad in [&full[..full.len() / 2], b"", b"\x00\x01garbage"] {
            std::fs::write(&p, bad).unwrap();
            let e = load(&p).unwrap_err();
            assert!(matches!(e, Error::Input(_)));
            let msg = e.to_string();
            assert!(msg.contains(&p.display().to_string()), "{msg}");
            assert!(msg.contains("corrupt"), "{msg}");
        }
    }

    #[test]
    fn newer_version_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = state_path(dir.path());
        std::fs::write(&p, r#"{"version": 99}"#).unwrap();
        assert!(load(&p).unwrap_err().to_string().contains("newer"));
    }
}
