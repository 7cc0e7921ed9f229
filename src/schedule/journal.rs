//! The journal of a run in progress (`<state dir>/pending-outputs.json`): the outputs it is
//! about to write, each marked with a fingerprint of its bytes once written. A later run
//! removes what a killed run wrote but never recorded, and only that: a file listed but never
//! marked, or whose bytes are no longer the ones written (another installation, or a person,
//! put a file of that name there since), is left in place.

use super::state::JOURNAL_FILE;
use crate::error::{Error, Result};
use crate::output::write_atomic;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// One output of the run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub path: PathBuf,
    /// [`fingerprint`] of the bytes written, once they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written: Option<String>,
}

/// A journal line as this or an earlier version wrote it (a bare path: planned only).
#[derive(Deserialize)]
#[serde(untagged)]
enum Listed {
    Entry(Entry),
    Path(PathBuf),
}

/// FNV-1a 128 of a file's bytes, in hex: stable across Rust releases, as the state's keys are.
pub fn fingerprint(bytes: &[u8]) -> String {
    format!("{:032x}", crate::novelty::fnv1a_128(bytes))
}

/// The journal's path in `state_dir`.
pub fn path(state_dir: &Path) -> PathBuf {
    state_dir.join(JOURNAL_FILE)
}

/// Replace the journal with `entries`.
pub fn write(journal: &Path, entries: &[Entry]) -> Result<()> {
    let bytes = serde_json::to_vec(entries)
        .map_err(|e| Error::Internal(format!("cannot serialise the journal: {e}")))?;
    write_atomic(journal, &bytes)
}

/// The entries of a journal's bytes; `None` if they are not a journal (damaged).
pub fn parse(bytes: &[u8]) -> Option<Vec<Entry>> {
    let listed: Vec<Listed> = serde_json::from_slice(bytes).ok()?;
    let entries = listed
        .into_iter()
        .map(|l| match l {
            Listed::Entry(e) => e,
            Listed::Path(path) => Entry {
                path,
                written: None,
            },
        })
        .collect();
    Some(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journals_of_bare_paths_read_as_planned_only() {
        let old = parse(br#"["/out/digest.md"]"#).unwrap();
        assert_eq!(old[0].written, None);
        let entries = vec![Entry {
            path: "/out/digest.md".into(),
            written: Some(fingerprint(b"digest")),
        }];
        let bytes = serde_json::to_vec(&entries).unwrap();
        assert_eq!(parse(&bytes), Some(entries));
        // Regression: a damaged journal read as an empty one, and recovery said nothing.
        assert_eq!(parse(b"[{\"path\": "), None);
        assert!(parse(b"not json").is_none());
        assert_ne!(fingerprint(b"a"), fingerprint(b"b"));
    }
}
