//! `embeddings convert`'s temporary files: named so they can be recognised, and swept when a
//! killed convert left one behind (a model-sized file nobody would otherwise remove).

use std::path::Path;
use std::time::{Duration, SystemTime};

/// Every temporary file of `convert` starts with this and ends with [`SUFFIX`].
pub const PREFIX: &str = ".newsdigest-convert-";
pub const SUFFIX: &str = ".tmp";

/// A temporary file older than this is no convert's work in progress: a convert writes
/// continuously, so its file's modification time stays fresh.
const STALE: Duration = Duration::from_secs(60 * 60);

/// A new temporary file in `dir` for a convert's output.
pub fn create_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(PREFIX)
        .suffix(SUFFIX)
        .tempfile_in(dir)
}

/// Remove stale temporary files of earlier converts from `dir`; only regular files with our
/// prefix and suffix, never through a symlink. Failures are warnings: the convert goes on.
pub fn sweep(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(PREFIX) && name.ends_with(SUFFIX)) {
            continue;
        }
        let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
            continue;
        };
        let age = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok());
        if meta.is_file() && age.is_some_and(|a| a > STALE) {
            if let Err(e) = std::fs::remove_file(entry.path()) {
                crate::warn_line!(
                    "newsdigest: warning: cannot remove stale {}: {e}",
                    crate::cite::printable(&entry.path().display().to_string())
                );
            }
        }
    }
}
