//! One run at a time: an OS file lock (`flock` on Unix) on `<state dir>/newsdigest.lock`.
//! The kernel releases it when the process ends, however it ends, so a killed run never
//! leaves a stale lock behind. The lock file itself is never deleted: deleting it would let a
//! second run lock a fresh inode while the first still holds the old one.

use crate::error::{Error, Result};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

pub const LOCK_FILE: &str = "newsdigest.lock";

/// Held for the whole run; dropping it releases the lock.
#[derive(Debug)]
pub struct RunLock {
    _file: File,
    pub path: PathBuf,
}

/// Take the lock in `state_dir` without waiting: another holder gives [`Error::Locked`].
pub fn acquire(state_dir: &Path) -> Result<RunLock> {
    let path = state_dir.join(LOCK_FILE);
    let mut file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path)
        .map_err(|e| Error::Output(format!("cannot open lock file {}: {e}", path.display())))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => return Err(Error::Locked(path)),
        Err(std::fs::TryLockError::Error(e)) => {
            return Err(Error::Output(format!(
                "cannot lock {}: {e}",
                path.display()
            )))
        }
    }
    // The holder's pid helps whoever finds a run stuck; failing to write it is harmless.
    let _ = file
        .set_len(0)
        .and_then(|()| writeln!(file, "{}", std::process::id()));
    Ok(RunLock { _file: file, path })
}

/// Whether a run holds the lock now (for `--check`); never creates anything.
pub fn is_held(state_dir: &Path) -> bool {
    let path = state_dir.join(LOCK_FILE);
    // Read-only is enough for flock, and lets a user without write access check.
    match File::open(&path) {
        Ok(file) => matches!(file.try_lock(), Err(std::fs::TryLockError::WouldBlock)),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_holder_is_refused_until_the_first_drops() {
        let dir = tempfile::tempdir().unwrap();
        let first = acquire(dir.path()).unwrap();
        assert!(is_held(dir.path()));
        let err = acquire(dir.path()).unwrap_err();
        assert!(matches!(err, Error::Locked(_)));
        drop(first);
        assert!(!is_held(dir.path()));
        acquire(dir.path()).unwrap();
    }
}
