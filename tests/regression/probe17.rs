//! Regression tests of probe 17 (reference sets of `eval` and `bench`, a sectioned JSON digest
//! read back, `run`'s log): each is named after the bug it pins down.

use crate::util::{newsdigest, stderr_of, stdout_of, tempdir, tree};
use serde_json::Value;
use std::fs;

const ARTICLE: &str = "The central bank raised interest rates by half a point on Thursday, \
the biggest increase in two decades.\n\nThe decision was widely expected by economists, who said \
the bank had little choice after prices rose sharply in the year to April.\n";

#[test]
fn a_sectioned_json_digest_held_no_article_text_as_seen() {
    let input = crate::sections::two_stories();
    let dir = tempdir();
    let digest = dir.path().join("digest.json");
    newsdigest()
        .arg("summarize")
        .args([
            "--format",
            "json",
            "--words",
            "80",
            "--story-words",
            "30",
            "-o",
        ])
        .arg(&digest)
        .arg(input.path())
        .assert()
        .success();
    let json: Value = serde_json::from_slice(&fs::read(&digest).unwrap()).unwrap();
    assert!(json["stories"].as_array().is_some_and(|s| s.len() == 2));
    let sentences = json["sentences"].as_array().unwrap().len();
    // Read back: each sentence once (the stories list them again, and are not read).
    let cleaned = stdout_of(
        newsdigest()
            .args(["clean", "--format", "json"])
            .arg(&digest),
    );
    assert_eq!(cleaned.lines().count(), sentences, "{cleaned}");
    // As what the reader has read: the digest of what they have not.
    let again = stdout_of(
        newsdigest()
            .arg("summarize")
            .arg("--seen")
            .arg(&digest)
            .arg(input.path()),
    );
    let read: Vec<&str> = json["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["text"].as_str())
        .collect();
    assert!(
        again.lines().all(|l| !read.contains(&l)),
        "{again}\nrepeats one of\n{read:?}"
    );
}

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
