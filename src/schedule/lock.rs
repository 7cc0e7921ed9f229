//! One run at a time: an OS file lock (`flock` on Unix) on `<state dir>/newsdigest.lock`.
//! The kernel releases it when the process ends, however it ends, so a killed run never
//! leaves a stale lock behind. The lock file itself is never deleted: deleting it would let a
//! second run lock a fresh inode while the first still holds the old one.

use crate::error::{Error, Result};
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
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
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).read(true).write(true);
    // Never through a symlink: the pid written below would replace whatever file it names.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
    let mut file = options.open(&path).map_err(|e| {
        #[cfg(unix)]
        let symlink = e.raw_os_error() == Some(libc::ELOOP);
        #[cfg(not(unix))]
        let symlink = false;
        let why = match symlink {
            true => "it is a symlink; remove it (the run makes its own)".to_string(),
            false => e.to_string(),
        };
        Error::Output(format!("cannot open lock file {}: {why}", path.display()))
    })?;
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return Err(Error::Output(format!(
            "cannot use lock file {}: not a regular file",
            path.display()
        )));
    }
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            // The holder's pid, which it wrote below, tells whoever finds a run stuck which.
            let mut text = String::new();
            let holder = (&file)
                .take(32)
                .read_to_string(&mut text)
                .ok()
                .and_then(|_| text.trim().parse().ok());
            return Err(Error::Locked { path, holder });
        }
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
        // Regression (probe 17): the message did not say which process holds the lock.
        let pid = std::process::id();
        assert!(matches!(err, Error::Locked { holder: Some(p), .. } if p == pid));
        assert!(err.to_string().ends_with(&format!(" (pid {pid})")), "{err}");
        drop(first);
        assert!(!is_held(dir.path()));
        acquire(dir.path()).unwrap();
    }

    /// Regression (a symlink in the lock file's place had its target emptied and overwritten
    /// with the run's pid): the lock is never opened through a symlink.
    #[test]
    #[cfg(unix)]
    fn a_symlinked_lock_file_had_its_target_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let precious = dir.path().join("precious.txt");
        std::fs::write(&precious, "precious data\n").unwrap();
        std::os::unix::fs::symlink(&precious, dir.path().join(LOCK_FILE)).unwrap();
        let err = acquire(dir.path()).unwrap_err().to_string();
        assert!(err.contains("symlink"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&precious).unwrap(),
            "precious data\n"
        );
    }
}
