//! End-to-end tests of `newsdigest summarize`: the built binary on temp directories.

use crate::util::{examples, newsdigest};
use std::collections::HashSet;
use std::path::Path;

fn digest(args: &[&str]) -> String {
    crate::util::stdout_of(newsdigest().arg("summarize").args(args).arg(examples()))
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn content_words(s: &str) -> HashSet<String> {
    const STOP: &[&str] = &[
        "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with", "that", "this", "is",
        "was", "are", "were", "be", "been", "has", "have", "had", "it", "its", "as", "at", "by",
        "from", "he", "she", "they", "his", "her", "their", "said", "says", "but", "not", "we",
        "will", "would",
    ];
    s.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| !w.is_empty() && !STOP.contains(&w.as_str()))
        .collect()
}

/// Strings from each noise class of the example articles; none may reach a digest.
const NOISE: &[&str] = &[
    "403",
    "Sorry!!",
    "page you were looking for",
    "Legal Disclaimer",
    "without warranty",
    "Most popular",
    "Tokenize Indonesia",
    "log in to post",
    "No comment",
    "News Feed",
    "Show More",
    "Read more",
    "min read",
    "Getty Images",
    "POOL/AFP",
    "news editor at",
    "Avatar",
    "Published by",
    "Voz.us",
    "Share\n",
];

#[test]
fn example_digest_is_within_budget_verbatim_clean_and_non_redundant() {
    let out = digest(&[]);
    let sentences: Vec<&str> = out.lines().collect();
    assert!(sentences.len() >= 3, "too short a digest: {out}");
    let words: usize = sentences.iter().map(|s| s.split_whitespace().count()).sum();
    assert!(words <= 100, "{words} words");
    let articles: Vec<String> = std::fs::read_dir(examples())
        .unwrap()
        .map(|e| squash(&std::fs::read_to_string(e.unwrap().path()).unwrap()))
        .collect();
    for s in &sentences {
        assert!(
            articles.iter().any(|a| a.contains(&squash(s))),
            "not verbatim from an article: {s}"
        );
        for noise in NOISE {
            assert!(!format!("{s}\n").contains(noise), "noise {noise:?} in {s}");
        }
    }
    for (i, a) in sentences.iter().enumerate() {
        for b in &sentences[i + 1..] {
            let (wa, wb) = (content_words(a), content_words(b));
            let jaccard = wa.intersection(&wb).count() as f32 / wa.union(&wb).count() as f32;
            assert!(jaccard <= 0.5, "redundant pair ({jaccard}):\n{a}\n{b}");
        }
    }
    assert_eq!(out, digest(&[]), "second run differs");
}

#[test]
fn seed_gives_byte_identical_output_in_every_format() {
    for format in ["text", "markdown", "json"] {
        assert_eq!(
            digest(&["--format", format, "--seed", "7"]),
            digest(&["--format", format, "--seed", "7"])
        );
    }
}

#[test]
fn sentence_and_byte_budgets_hold() {
    assert_eq!(digest(&["--sentences", "2"]).lines().count(), 2);
    let out = digest(&["--bytes", "300"]);
    assert!(
        !out.is_empty() && out.trim_end_matches('\n').len() <= 300,
        "{}",
        out.len()
    );
    let out = digest(&["--words", "40", "--sentences", "5"]);
    assert!(out.split_whitespace().count() <= 40);
}

#[test]
fn markdown_is_titled_and_names_sources() {
    let out = digest(&["--format", "markdown"]);
    assert!(out.starts_with("# "), "{out}");
    let items: Vec<&str> = out.lines().filter(|l| l.starts_with("- ")).collect();
    assert!(!items.is_empty());
    // Cited by headline or file name (tests/ux.rs has the details), never by a path.
    assert!(
        items
            .iter()
            .all(|l| l.ends_with(")_") && !l.contains("peace-talks/")),
        "{out}"
    );
}

#[test]
fn json_carries_sources_positions_clusters_and_metadata() {
    let out = digest(&["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let first = &v["sentences"][0];
    for key in [
        "text",
        "source",
        "position",
        "cluster",
        "cluster_size",
        "cluster_articles",
        "score",
    ] {
        assert!(!first[key].is_null(), "missing {key} in {first}");
    }
    assert_eq!(v["meta"]["inputs"], 5);
    assert!(v["meta"]["sentences_dropped"].as_u64().unwrap() > 0);
    assert!(v["meta"]["model"].as_str().unwrap().contains("default"));
}

#[test]
fn explain_lists_clusters_on_stderr() {
    let out = newsdigest()
        .args(["summarize", "--explain"])
        .arg(examples())
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("cluster") && err.contains("weight"), "{err}");
    assert!(
        err.lines().any(|l| l.trim_start().starts_with('*')),
        "chosen candidates are marked"
    );
}

#[test]
fn output_file_is_written_and_replaced_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("digest.txt");
    std::fs::write(&target, "previous digest\n").unwrap();
    newsdigest()
        .args(["summarize", "--output"])
        .arg(&target)
        .arg(examples())
        .assert()
        .success()
        .stdout("");
    let written = std::fs::read_to_string(&target).unwrap();
    assert_eq!(written, digest(&[]));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temp files left"
    );
}

#[test]
fn stdin_is_an_input() {
    let text = std::fs::read_to_string(examples().join("004_b35553a4e739370f.txt")).unwrap();
    let out = newsdigest()
        .args(["summarize", "--sentences", "2", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 2);
}

/// Runs a failing command and checks: one line on stderr, the exit code, and that a previous
/// output file is left exactly as it was.
fn fails_cleanly(args: &[&str], inputs: &[&Path], code: i32) {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("digest.txt");
    std::fs::write(&target, "previous digest\n").unwrap();
    let out = newsdigest()
        .arg("summarize")
        .args(args)
        .arg("--output")
        .arg(&target)
        .args(inputs)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "stderr: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one error line: {err}");
    assert!(err.starts_with("newsdigest: "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "previous digest\n"
    );
}

#[test]
fn bad_inputs_fail_with_one_line_and_input_code() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    fails_cleanly(&[], &[&empty], 3);

    let binary = dir.path().join("photo.txt");
    std::fs::write(
        &binary,
        [0x89u8, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0xfe, 0],
    )
    .unwrap();
    fails_cleanly(&[], &[&binary], 3);

    fails_cleanly(&[], &[&dir.path().join("missing.txt")], 3);

    let no_text = dir.path().join("no-text");
    std::fs::create_dir(&no_text).unwrap();
    std::fs::write(no_text.join("image.png"), [1u8, 2, 3]).unwrap();
    fails_cleanly(&[], &[&no_text], 3);

    let noise_only = dir.path().join("noise.txt");
    std::fs::write(&noise_only, "404\nPage not found\nShare\nRead more\n").unwrap();
    fails_cleanly(&[], &[&noise_only], 3);
}

#[test]
fn unreadable_embeddings_fail_with_embeddings_code() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("model.fifu");
    std::fs::write(&model, b"not a model at all").unwrap();
    let model_arg = model.to_str().unwrap();
    fails_cleanly(&["--embeddings", model_arg], &[&examples()], 4);
    let missing = dir.path().join("missing.fifu");
    fails_cleanly(
        &["--embeddings", missing.to_str().unwrap()],
        &[&examples()],
        4,
    );
}

#[test]
fn bad_flags_are_usage_errors() {
    newsdigest()
        .args(["summarize", "--words", "0"])
        .arg(examples())
        .assert()
        .code(2);
    newsdigest()
        .args(["summarize", "--format", "pdf"])
        .arg(examples())
        .assert()
        .code(2);
    newsdigest().arg("summarize").assert().code(2);
}

#[test]
fn unwritable_output_is_an_output_error() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("no/such/dir/digest.txt");
    newsdigest()
        .args(["summarize", "--output"])
        .arg(&target)
        .arg(examples())
        .assert()
        .code(5);
}
