//! Helpers shared by every integration test: paths into the repository, temporary trees and
//! the built binary.

#![allow(dead_code)] // each test module uses its own subset

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};

/// The built `newsdigest` binary.
pub const BIN: &str = env!("CARGO_BIN_EXE_newsdigest");

/// A command running the built binary.
pub fn newsdigest() -> Command {
    Command::new(BIN)
}

/// A path inside the repository.
pub fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The example articles (`examples/peace-talks`).
pub fn examples() -> PathBuf {
    repo("examples/peace-talks")
}

/// Run `cmd`, which must succeed, and return its standard output.
pub fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().expect("the binary runs");
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// `tests/fixtures/<rel>`.
pub fn fixture(rel: &str) -> PathBuf {
    repo("tests/fixtures").join(rel)
}

/// `../shared/<rel>` beside the checkout (development data; absent in a fresh clone). Tests
/// that need it are `#[ignore]`d with the reason and fail, never pass, when run without it.
pub fn shared(rel: &str) -> PathBuf {
    let path = repo("../shared").join(rel);
    assert!(
        path.exists(),
        "{} is missing: this test needs the development data in ../shared",
        path.display()
    );
    path
}

/// A fresh temporary directory, removed when dropped.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary directory")
}

/// Write `files` (relative path, contents) under `root`, creating directories.
pub fn tree(root: &Path, files: &[(&str, &str)]) {
    for (rel, text) in files {
        let path = root.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create directory");
        }
        fs::write(&path, text).expect("write file");
    }
}

/// A finished command's standard error, as text.
pub fn stderr_of(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&out.get_output().stderr).into_owned()
}

/// Make a FIFO at `path`.
#[cfg(unix)]
pub fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(ok.success());
}
