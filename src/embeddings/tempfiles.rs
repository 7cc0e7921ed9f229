//! `embeddings convert`'s temporary files: named so they can be recognised, and swept when a
//! killed convert left one behind (a model-sized file nobody would otherwise remove).

use std::path::Path;
use std::time::Duration;

/// Every temporary file of `convert` starts with this and ends with [`SUFFIX`].
pub const PREFIX: &str = ".newsdigest-convert-";
pub const SUFFIX: &str = crate::output::TEMP_SUFFIX;

/// A temporary file older than this is no convert's work in progress: a convert writes
/// continuously, so its file's modification time stays fresh.
const STALE: Duration = crate::output::STALE_TEMP;

/// A new temporary file in `dir` for a convert's output.
pub fn create_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(PREFIX)
        .suffix(SUFFIX)
        .tempfile_in(dir)
}

/// Remove stale temporary files of earlier converts from `dir` (only regular files with our
/// prefix and suffix, never through a symlink).
pub fn sweep(dir: &Path) {
    crate::output::sweep_stale_temps(dir, PREFIX, STALE);
}
