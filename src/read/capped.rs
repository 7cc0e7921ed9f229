//! Reading a file with a hard byte cap, whatever the file is.
//!
//! `metadata().len()` is 0 for FIFOs and devices, so a size check before reading stops nothing:
//! `/dev/zero` would be read until memory runs out. Every read here goes through a cap instead.
//!
//! FIFOs: opening one for reading blocks until a writer opens it, forever if none comes. Files
//! are opened with `O_NONBLOCK` (which never blocks and changes nothing for regular files); a
//! FIFO named by the user is then read once a writer shows up, waiting at most
//! [`FIFO_WRITER_WAIT`]. FIFOs and devices met while walking a directory are refused.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::time::{Duration, Instant};

/// How long a named FIFO may go without a writer before it is an error.
pub const FIFO_WRITER_WAIT: Duration = Duration::from_secs(5);

/// Pause between polls of a FIFO that has no data yet.
const POLL: Duration = Duration::from_millis(5);

/// What to do with a file that is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    /// Read it (a FIFO or device the user named): the cap still applies.
    Read,
    /// Refuse it (found while walking a directory).
    Refuse,
}

/// A reader that fails with `FileTooLarge` once more than `cap` bytes come through.
pub struct CappedReader {
    file: File,
    cap: u64,
    total: u64,
    /// A FIFO that has not shown a writer yet: when we started waiting.
    awaiting_writer: Option<Instant>,
}

/// Open `path` for capped reading without ever blocking in `open`.
pub fn open_capped(path: &Path, cap: u64, special: Special) -> io::Result<CappedReader> {
    let file = open_nonblocking(path)?;
    let kind = file.metadata()?.file_type();
    if !kind.is_file() {
        if special == Special::Refuse {
            return Err(io::Error::other(
                "not a regular file (a FIFO, socket or device); skipped",
            ));
        }
        if kind.is_dir() {
            return Err(io::Error::other("is a directory"));
        }
    }
    if kind.is_file() && file.metadata()?.len() > cap {
        return Err(too_large(cap));
    }
    Ok(CappedReader {
        file,
        cap,
        total: 0,
        awaiting_writer: is_fifo(&kind).then(Instant::now),
    })
}

/// The whole content of `path`, or an error past `cap` bytes (kind `FileTooLarge`), for a FIFO
/// without a writer (kind `TimedOut`) or for a special file when `special` refuses them.
pub fn read_capped(path: &Path, cap: u64, special: Special) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    open_capped(path, cap, special)?.read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn too_large(cap: u64) -> io::Error {
    let size = if cap >= 1 << 20 {
        format!("{} MiB", cap >> 20)
    } else {
        format!("{cap} bytes")
    };
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!("larger than {size}; refusing to read it"),
    )
}

impl Read for CappedReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // One byte past the cap tells "exactly at the cap" from "over it".
        let room = (self.cap + 1).saturating_sub(self.total);
        let want = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        if want == 0 {
            return Ok(0);
        }
        let n = self.read_waiting(&mut buf[..want])?;
        self.total += n as u64;
        if self.total > self.cap {
            return Err(too_large(self.cap));
        }
        Ok(n)
    }
}

impl CappedReader {
    /// Read from the non-blocking descriptor as a blocking read would, except that a FIFO
    /// without a writer ends after [`FIFO_WRITER_WAIT`].
    fn read_waiting(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match self.file.read(buf) {
                // End of file, unless a FIFO's writer has not come yet.
                Ok(0) => match self.awaiting_writer {
                    Some(since) if since.elapsed() >= FIFO_WRITER_WAIT => {
                        return Err(io::Error::new(
                            io::ErrorKind::TimedOut,
                            format!(
                                "a FIFO with no writer (waited {} s)",
                                FIFO_WRITER_WAIT.as_secs()
                            ),
                        ))
                    }
                    Some(_) => std::thread::sleep(POLL),
                    None => return Ok(0),
                },
                Ok(n) => {
                    self.awaiting_writer = None;
                    return Ok(n);
                }
                // A writer is there but has written nothing yet.
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    self.awaiting_writer = None;
                    std::thread::sleep(POLL);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

#[cfg(unix)]
fn is_fifo(kind: &std::fs::FileType) -> bool {
    std::os::unix::fs::FileTypeExt::is_fifo(kind)
}

#[cfg(not(unix))]
fn is_fifo(_: &std::fs::FileType) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cap_is_exact() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a");
        std::fs::write(&path, b"12345").unwrap();
        assert_eq!(read_capped(&path, 5, Special::Refuse).unwrap(), b"12345");
        let e = read_capped(&path, 4, Special::Refuse).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::FileTooLarge);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn endless_device_stops_at_the_cap() {
        let e = read_capped(Path::new("/dev/zero"), 1 << 20, Special::Read).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::FileTooLarge, "{e}");
        let e = read_capped(Path::new("/dev/zero"), 1 << 20, Special::Refuse).unwrap_err();
        assert!(e.to_string().contains("not a regular file"), "{e}");
    }
}
