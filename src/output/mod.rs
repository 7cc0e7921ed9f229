//! Writing outputs. Files: a temp file in the destination's directory, fsynced, then renamed
//! over it, so a reader never sees a half-written file and a failed write never destroys the
//! previous one; but only onto a regular file or a new name ([`write_output`]). Standard output:
//! [`write_stdout`], the one place the commands print their results through.

use crate::error::{Error, Result};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

mod guard;
pub use guard::{
    create_folder, folder_in_the_way, refuse_input_as_output, refuse_read_as_output, FileId,
    ReadFiles, ReadRole,
};

/// Write `bytes` to `path`, or to standard output when `path` is `None` or `-`.
pub fn emit(path: Option<&Path>, bytes: &[u8]) -> Result<()> {
    match path {
        Some(p) if p.as_os_str() != "-" => write_output(p, bytes),
        _ => write_stdout(bytes),
    }
}

/// Write to standard output. A reader that went away (`… | head -1`) is success: it read what
/// it wanted. A closed standard output (`>&-`) loses the output: an error (exit 5).
pub fn write_stdout(bytes: &[u8]) -> Result<()> {
    // What is written to a closed standard output is lost.
    if crate::stdio::was_closed(1) {
        return Err(Error::Output(
            "cannot write to standard output: it is closed".into(),
        ));
    }
    match write_fd1(bytes) {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Output(format!(
            "cannot write to standard output: {e}"
        ))),
        Ok(()) => Ok(()),
    }
}

#[cfg(unix)]
fn write_fd1(bytes: &[u8]) -> std::io::Result<()> {
    use std::os::fd::AsFd;
    let mut stdout = std::io::stdout().lock();
    stdout.flush()?;
    // std's Stdout reports success when fd 1 is closed (EBADF); a duplicate of it cannot be
    // made then, and is unbuffered.
    let mut fd1 = std::fs::File::from(stdout.as_fd().try_clone_to_owned()?);
    fd1.write_all(bytes)
}

#[cfg(not(unix))]
fn write_fd1(bytes: &[u8]) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(bytes)?;
    stdout.flush()
}

/// Write an output file: a new name or a regular file is replaced atomically, and so is the
/// regular file a symlink points to (the link stays); a FIFO or a character device
/// (`/dev/null`) is written through, without truncating, since a rename would replace it with
/// a regular file; a descriptor named as a file (`/dev/stdout`, `/dev/fd/3`) is written
/// through at its end (a log the shell opened for appending keeps what it held); anything else
/// is refused.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<()> {
    match descriptor(path) {
        Some(1) => return write_stdout(bytes),
        Some(2) => return write_stderr(bytes).map_err(|e| Error::write_io(path, e)),
        Some(_) => return append_to_descriptor(path, bytes),
        None => {}
    }
    let link = match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => return write_atomic(path, bytes),
        Err(e) => return Err(Error::write_io(path, e)),
        Ok(m) => m,
    };
    if link.file_type().is_file() {
        return write_atomic(path, bytes);
    }
    let target = std::fs::metadata(path)
        .map_err(|e| Error::output(path, format!("{e} (a dangling symlink?)")))?;
    if link.file_type().is_symlink() && target.is_file() {
        let resolved = path.canonicalize().map_err(|e| Error::write_io(path, e))?;
        return write_atomic(&resolved, bytes);
    }
    if !is_stream(&target) {
        return Err(Error::output(
            path,
            "not a regular file, FIFO or character device; refusing to replace it",
        ));
    }
    let mut file = open_stream(path)?;
    file.write_all(bytes)
        .and_then(|()| file.flush())
        .map_err(|e| Error::write_io(path, e))
}

/// The descriptor `path` names, when it is one of this process's open files (`/dev/stdout`,
/// `/dev/fd/3`, `/proc/self/fd/3`): opening it anew would start at offset 0, overwriting a log
/// the shell opened for appending, or replace the file it is.
pub fn descriptor(path: &Path) -> Option<u32> {
    let name = path.to_str()?;
    match name {
        "/dev/stdout" => return Some(1),
        "/dev/stderr" => return Some(2),
        _ => {}
    }
    ["/dev/fd/", "/proc/self/fd/"]
        .iter()
        .find_map(|dir| name.strip_prefix(dir))
        .and_then(|n| n.parse().ok())
}

/// Write through a descriptor named as a file, at its end: what the shell opened it on keeps
/// what it held.
fn append_to_descriptor(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .and_then(|mut f| f.write_all(bytes))
        .map_err(|e| Error::write_io(path, e))
}

fn write_stderr(bytes: &[u8]) -> std::io::Result<()> {
    let mut stderr = std::io::stderr().lock();
    match stderr.write_all(bytes).and_then(|()| stderr.flush()) {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Open a FIFO or device (or a symlink to one) for writing through. A FIFO is opened without
/// blocking, and waits for a reader at most [`crate::read::FIFO_WRITER_WAIT`] (as an input FIFO
/// waits for a writer): a plain open would block for ever when nothing reads it.
#[cfg(unix)]
fn open_stream(path: &Path) -> Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let start = std::time::Instant::now();
    let file = loop {
        let opened = std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path);
        match opened {
            Ok(file) => break file,
            // ENXIO: a FIFO that no process has open for reading yet.
            Err(e) if e.raw_os_error() == Some(libc::ENXIO) => {
                if start.elapsed() >= crate::read::FIFO_WRITER_WAIT {
                    return Err(Error::output(
                        path,
                        format!(
                            "a FIFO that no process reads (waited {} s for one)",
                            crate::read::FIFO_WRITER_WAIT.as_secs()
                        ),
                    ));
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(e) => return Err(Error::write_io(path, e)),
        }
    };
    // Writes block again once a reader is there: a slow reader must not make them fail.
    use std::os::fd::AsRawFd;
    let fd = file.as_raw_fd();
    // SAFETY: fcntl on a descriptor this function owns, with flags it just read.
    let cleared = unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        flags >= 0 && libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) >= 0
    };
    if !cleared {
        return Err(Error::write_io(path, std::io::Error::last_os_error()));
    }
    Ok(file)
}

#[cfg(not(unix))]
fn open_stream(path: &Path) -> Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| Error::write_io(path, e))
}

/// A FIFO or a character device: written through, never replaced.
#[cfg(unix)]
fn is_stream(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_fifo() || meta.file_type().is_char_device()
}

#[cfg(not(unix))]
fn is_stream(_meta: &std::fs::Metadata) -> bool {
    false
}

/// Write `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    filled_temp_file(path, bytes)?
        .persist(path)
        .map_err(|e| Error::write_io(path, plain(&e.error)))?;
    Ok(())
}

/// Whether [`write_new`] wrote its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Done,
    /// The name exists (another process took it since it was chosen): nothing was written.
    Taken,
}

/// Write `path` atomically, as [`write_atomic`], but only if no file of that name exists at
/// the moment of the rename: a name chosen free is never replaced, even when another process
/// writes it meanwhile.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<Written> {
    match filled_temp_file(path, bytes)?.persist_noclobber(path) {
        Ok(_) => Ok(Written::Done),
        Err(e) if e.error.kind() == ErrorKind::AlreadyExists => Ok(Written::Taken),
        Err(e) => Err(Error::write_io(path, plain(&e.error))),
    }
}

/// An io error without the temp file's path that tempfile adds to it: the user named `path`,
/// not `.newsdigest-XXXX.tmp`.
fn plain(e: &std::io::Error) -> std::io::Error {
    match e.raw_os_error() {
        Some(code) => std::io::Error::from_raw_os_error(code),
        None => std::io::Error::new(e.kind(), e.kind().to_string()),
    }
}

/// Every temp file of [`write_atomic`] starts with this and ends with [`TEMP_SUFFIX`].
pub const TEMP_PREFIX: &str = ".newsdigest-";
pub const TEMP_SUFFIX: &str = ".tmp";

/// A temp file older than this is no write in progress (writes take seconds): it was left by a
/// process killed mid-write (SIGTERM, SIGKILL, a crash).
pub const STALE_TEMP: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// Remove our temp files (`prefix`…[`TEMP_SUFFIX`]) in `dir` older than `min_age`: regular
/// files only, never through a symlink. Returns those removed.
pub fn sweep_stale_temps(dir: &Path, prefix: &str, min_age: std::time::Duration) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(prefix) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let old_enough = std::fs::symlink_metadata(entry.path())
            .ok()
            .filter(|m| m.file_type().is_file())
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= min_age);
        if old_enough && std::fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed
}

/// A temp file beside `path` holding `bytes`, synced, readable as `path` would be. Stale temp
/// files of killed writes there are swept first.
fn filled_temp_file(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if path.is_dir() {
        return Err(Error::output(path, "is a directory"));
    }
    sweep_stale_temps(dir, TEMP_PREFIX, STALE_TEMP);
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
        .map_err(|e| temp_file_error(path, dir, &e))?;
    tmp.write_all(bytes)
        .map_err(|e| Error::write_io(path, plain(&e)))?;
    set_readable(tmp.as_file(), path)?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::write_io(path, plain(&e)))?;
    Ok(tmp)
}

/// Why the temp file beside `path` could not be made, in plain words. The io error tempfile
/// gives names its random temp path, which the user never asked for.
fn temp_file_error(path: &Path, dir: &Path, e: &std::io::Error) -> Error {
    match e.kind() {
        ErrorKind::NotFound => Error::output(
            path,
            format_args!("its directory {} does not exist", dir.display()),
        ),
        ErrorKind::PermissionDenied => {
            Error::output(path, format_args!("permission denied in {}", dir.display()))
        }
        _ => Error::write_io(path, plain(e)),
    }
}

/// Temp files are created private (0600); a digest is for readers, so give the new file the
/// permissions of the file it replaces, or the usual 0644 for a new one. Set-user-id,
/// set-group-id and sticky bits are not carried over: the new file is this user's.
#[cfg(unix)]
fn set_readable(file: &std::fs::File, path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)
        .map(|m| m.permissions().mode() & 0o777)
        .unwrap_or(0o644);
    file.set_permissions(std::fs::Permissions::from_mode(mode))
        .map_err(|e| Error::write_io(path, e))
}

#[cfg(not(unix))]
fn set_readable(_file: &std::fs::File, _path: &Path) -> Result<()> {
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

    #[cfg(unix)]
    #[test]
    fn new_files_are_readable_and_replacements_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("digest.md");
        write_atomic(&target, b"a").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&target), 0o644);
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&target, b"b").unwrap();
        assert_eq!(mode(&target), 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn output_onto_a_fifo_or_dev_null_writes_through_instead_of_replacing_it() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()));
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        write_output(&fifo, b"through").unwrap();
        assert_eq!(reader.join().unwrap(), b"through");
        assert!(std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo());
        write_output(Path::new("/dev/null"), b"gone").unwrap();
        let null = std::fs::metadata("/dev/null").unwrap();
        assert!(null.file_type().is_char_device());
        // A symlink stays a symlink; a dangling one is refused rather than created.
        let target = dir.path().join("target.txt");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_output(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), dir.path().join("dangling"))
            .unwrap();
        assert!(write_output(&dir.path().join("dangling"), b"x").is_err());
    }

    /// Regression (a symlinked output was written in place, truncated first: a failed write,
    /// a full disk, left its target cut short): the target is replaced by a rename, as a
    /// regular file is, and the link stays.
    #[test]
    #[cfg(unix)]
    fn a_failed_write_through_a_symlink_destroyed_its_target() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.txt");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let before = std::fs::metadata(&target).unwrap().ino();
        write_output(&link, b"new").unwrap();
        assert_ne!(
            std::fs::metadata(&target).unwrap().ino(),
            before,
            "not renamed over"
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            2,
            "a temp file was left"
        );
    }

    /// Regression (`-o /dev/stdout >> log` emptied the log: the descriptor's file was opened
    /// anew, truncated): a descriptor named as a file is written at its end.
    #[test]
    #[cfg(target_os = "linux")]
    fn output_onto_dev_stdout_emptied_the_log_it_appends_to() {
        use std::os::fd::AsRawFd;
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("app.log");
        std::fs::write(&log, "line 1\n").unwrap();
        let held = std::fs::OpenOptions::new().append(true).open(&log).unwrap();
        let name = format!("/dev/fd/{}", held.as_raw_fd());
        write_output(Path::new(&name), b"digest\n").unwrap();
        assert_eq!(std::fs::read_to_string(&log).unwrap(), "line 1\ndigest\n");
        assert_eq!(descriptor(Path::new("/dev/stdout")), Some(1));
        assert_eq!(descriptor(Path::new("/proc/self/fd/2")), Some(2));
        assert_eq!(descriptor(Path::new("/dev/fdx")), None);
    }

    /// Regression (replacing a set-user-id file made a new set-user-id file owned by whoever
    /// ran the digest): only the permission bits carry over.
    #[test]
    #[cfg(unix)]
    fn a_replaced_setuid_file_stayed_setuid() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("digest.txt");
        std::fs::write(&out, "old").unwrap();
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o6755)).unwrap();
        write_output(&out, b"new").unwrap();
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o755);
    }

    /// Regression (a write killed by SIGTERM or SIGINT left its temp file, and only `run`
    /// and `convert` ever swept them): a write sweeps its folder's stale temp files, and only
    /// those over an hour old (a fresh one may be another write in progress).
    #[test]
    fn temp_files_of_killed_writes_were_left_for_ever() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".newsdigest-AbC123.tmp");
        let fresh = dir.path().join(".newsdigest-DeF456.tmp");
        let other = dir.path().join(".other.tmp");
        for p in [&stale, &fresh, &other] {
            std::fs::write(p, "partial").unwrap();
        }
        let old = std::time::SystemTime::now() - 2 * STALE_TEMP;
        for p in [&stale, &other] {
            let f = std::fs::File::options().write(true).open(p).unwrap();
            f.set_modified(old).unwrap();
        }
        write_output(&dir.path().join("digest.md"), b"digest").unwrap();
        assert!(!stale.exists() && fresh.exists() && other.exists());
    }

    #[test]
    fn missing_directory_is_an_output_error() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("no/such/dir/out.txt");
        let err = write_atomic(&target, b"x").unwrap_err();
        assert!(matches!(err, Error::Output(_)));
        // Regression: the message named the random temp file (".newsdigest-XXXX.tmp").
        let message = err.to_string();
        assert!(message.contains("does not exist"), "{message}");
        assert!(!message.contains(".newsdigest-"), "{message}");
    }
}
