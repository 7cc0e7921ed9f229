//! Typed errors of the library, and the exit code each one maps to.
//!
//! Cron and systemd read exit codes, so every failure class has its own documented code
//! (see [`ExitStatus`]). Messages are one line and name the file or key at fault.

use std::path::{Path, PathBuf};

/// Exit codes of the `newsdigest` binary (documented in `--help` and the README).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum ExitStatus {
    /// The command did what was asked.
    Success = 0,
    /// An unexpected internal failure (a bug: please report it).
    Internal = 1,
    /// Bad command line or configuration file.
    Usage = 2,
    /// An input could not be read or held nothing usable.
    Input = 3,
    /// The embeddings model could not be read.
    Embeddings = 4,
    /// An output could not be written (the previous file, if any, is intact).
    Output = 5,
    /// `run`: no article is new since the last successful run.
    NothingNew = 6,
    /// `run`: another instance holds the lock.
    Locked = 7,
}

impl ExitStatus {
    pub const ALL: [ExitStatus; 8] = [
        ExitStatus::Success,
        ExitStatus::Internal,
        ExitStatus::Usage,
        ExitStatus::Input,
        ExitStatus::Embeddings,
        ExitStatus::Output,
        ExitStatus::NothingNew,
        ExitStatus::Locked,
    ];

    pub fn code(self) -> u8 {
        self as u8
    }

    /// One line for `--help`, the README and the docs.
    pub fn meaning(self) -> &'static str {
        match self {
            ExitStatus::Success => "success",
            ExitStatus::Internal => "internal error (a bug: please report it)",
            ExitStatus::Usage => "usage or configuration error",
            ExitStatus::Input => {
                "input error (missing, empty, binary or undecodable input; no usable text)"
            }
            ExitStatus::Embeddings => "the embeddings model could not be read",
            ExitStatus::Output => {
                "an output could not be written (a previous output file is left intact)"
            }
            ExitStatus::NothingNew => "run: nothing new to digest since the last successful run",
            ExitStatus::Locked => "run: another instance holds the lock",
        }
    }

    /// The exit-code table of `--help` for a command that can return `codes`.
    pub fn table(codes: &[ExitStatus]) -> String {
        let mut out = String::from("Exit codes:");
        for c in codes {
            out.push_str(&format!("\n  {}  {}", c.code(), c.meaning()));
        }
        out
    }
}

/// Every error the library reports.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Config(String),
    #[error("{0}")]
    Input(String),
    /// A file or directory could not be read.
    #[error("{}: {}", .path.display(), io_reason(.source))]
    ReadIo {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file could not be written.
    #[error("cannot write {}: {source}", .path.display())]
    WriteIo {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Embeddings(String),
    #[error("{0}")]
    Output(String),
    #[error("nothing new to digest: {0}")]
    NothingNew(String),
    /// `holder`: the pid the holding run wrote into the lock file, when it reads as one.
    #[error("another run holds the lock {}{}", .path.display(), .holder.map_or(String::new(), |p| format!(" (pid {p})")))]
    Locked { path: PathBuf, holder: Option<u32> },
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    pub fn exit_status(&self) -> ExitStatus {
        match self {
            Error::Usage(_) | Error::Config(_) => ExitStatus::Usage,
            Error::Input(_) | Error::ReadIo { .. } => ExitStatus::Input,
            Error::WriteIo { .. } => ExitStatus::Output,
            Error::Embeddings(_) => ExitStatus::Embeddings,
            Error::Output(_) => ExitStatus::Output,
            Error::NothingNew(_) => ExitStatus::NothingNew,
            Error::Locked { .. } => ExitStatus::Locked,
            Error::Internal(_) => ExitStatus::Internal,
        }
    }

    /// An input error about `path`, e.g. `input(path, "not UTF-8 text")`.
    pub fn input(path: &Path, what: impl std::fmt::Display) -> Self {
        Error::Input(format!("{}: {what}", path.display()))
    }

    /// `path` could not be read.
    pub fn read_io(path: &Path, source: std::io::Error) -> Self {
        Error::ReadIo {
            path: path.to_path_buf(),
            source,
        }
    }

    /// `path` could not be written.
    pub fn write_io(path: &Path, source: std::io::Error) -> Self {
        Error::WriteIo {
            path: path.to_path_buf(),
            source,
        }
    }

    /// An output error about `path`.
    pub fn output(path: &Path, what: impl std::fmt::Display) -> Self {
        Error::Output(format!("cannot write {}: {what}", path.display()))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The usual causes in plain words; anything else as the OS says it.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        // ELOOP: "Too many levels of symbolic links (os error 40)".
        _ if e.raw_os_error() == Some(40) && cfg!(target_os = "linux") => {
            "a symbolic link loop".into()
        }
        _ => e.to_string(),
    }
}
