//! Regression tests of probe 17 (reference sets of `eval` and `bench`, a sectioned JSON digest
//! read back, `run`'s log): each is named after the bug it pins down.

use crate::util::{newsdigest, stderr_of, tempdir, tree};
use std::fs;

const ARTICLE: &str = "The central bank raised interest rates by half a point on Thursday, \
the biggest increase in two decades.\n\nThe decision was widely expected by economists, who said \
the bank had little choice after prices rose sharply in the year to April.\n";

#[test]
fn run_logged_another_runs_lock_as_an_error() {
    let dir = tempdir();
    let d = dir.path();
    tree(d, &[("in/a.txt", ARTICLE)]);
    fs::create_dir_all(d.join("state")).unwrap();
    let lock = fs::File::create(d.join("state/newsdigest.lock")).unwrap();
    lock.lock().expect("lock");
    for format in ["text", "json"] {
        let run = newsdigest()
            .current_dir(d)
            .args(["run", "--input", "in", "--output-dir", "out"])
            .args(["--state-dir", "state", "--log-format", format])
            .assert()
            .code(7);
        let err = stderr_of(&run);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("another run holds the lock"), "{err}");
        let level = match format {
            "text" => " WARN ",
            _ => "\"level\":\"warn\"",
        };
        assert!(err.contains(level), "{err}");
    }
}
