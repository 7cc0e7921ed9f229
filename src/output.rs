//! Atomic output: a temp file in the destination's directory, fsynced, then renamed over it.
//! A reader never sees a half-written file and a failed write never destroys the previous one.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Write `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if path.is_dir() {
        return Err(Error::output(path, "is a directory"));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".newsdigest-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::output(path, e))?;
    tmp.write_all(bytes).map_err(|e| Error::output(path, e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::output(path, e))?;
    tmp.persist(path)
        .map_err(|e| Error::output(path, e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_existing_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.txt");
        std::fs::write(&target, "old").unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn missing_directory_is_an_output_error() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("no/such/dir/out.txt");
        let err = write_atomic(&target, b"x").unwrap_err();
        assert!(matches!(err, Error::Output(_)));
    }
}
