//! End-to-end tests of `newsdigest clean`: the built binary on the examples and temp trees.

use crate::util::{examples, newsdigest, tempdir, tree};
use serde_json::Value;

fn clean(args: &[&str], inputs: &[&std::path::Path]) -> String {
    crate::util::stdout_of(newsdigest().arg("clean").args(args).args(inputs))
}

const STORY: &str = "The two governments signed a trade agreement in Geneva on Monday.\nOfficials said the deal would cut tariffs on steel and grain over five years.\n";

#[test]
fn text_lists_each_articles_kept_paragraphs_without_noise() {
    let out = clean(&[], &[&examples()]);
    assert!(out.starts_with("# "), "{out}");
    for noise in [
        "403",
        "Sorry!!",
        "Legal Disclaimer",
        "without warranty",
        "No comment",
        "Getty Images",
    ] {
        assert!(!out.contains(noise), "{noise} kept:\n{out}");
    }
    let kept: Vec<&str> = out
        .lines()
        .filter(|l| !l.starts_with("# ") && !l.is_empty())
        .collect();
    let unique: std::collections::HashSet<&&str> = kept.iter().collect();
    assert_eq!(unique.len(), kept.len(), "a paragraph repeats");
}

#[test]
fn explain_adds_each_dropped_unit_with_its_reason() {
    let out = clean(&["--explain"], &[&examples()]);
    assert!(out.contains("- [short] 403"), "{out}");
    assert!(out.contains("- [repeat] "), "{out}");
    assert!(out.contains("- [boilerplate] "), "{out}");
}

#[test]
fn json_has_one_object_per_article_with_kept_dropped_and_duplicate_of() {
    let dir = tempdir();
    let noisy = format!("403\n{STORY}Copyright 2025 The Daily Planet. All rights reserved.\n");
    tree(
        dir.path(),
        &[
            ("a.txt", &noisy),
            ("b.txt", STORY),
            (
                "c.txt",
                "The weather in the mountains was cold and wet for the whole of the week.\n",
            ),
        ],
    );
    let out = clean(&["--format", "json"], &[dir.path()]);
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    let a = &lines[0];
    assert!(a["id"].as_str().unwrap().ends_with("a.txt"));
    assert_eq!(a["kept"].as_array().unwrap().len(), 2);
    let reasons: Vec<&str> = a["dropped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons, ["short", "boilerplate"]);
    assert_eq!(a["dropped"][0]["text"], "403");
    assert!(a["duplicate_of"].is_null());
    let b = &lines[1];
    assert!(
        b["duplicate_of"].as_str().unwrap().ends_with("a.txt"),
        "{b}"
    );
    assert!(b["kept"].as_array().unwrap().is_empty());
    assert_eq!(b["dropped"][0]["reason"], "copy");
    assert!(lines[2]["duplicate_of"].is_null());
}

#[test]
fn a_copy_is_named_in_text_mode_whatever_its_paragraphing() {
    let dir = tempdir();
    let flat = STORY.replace('\n', " ");
    tree(dir.path(), &[("a.txt", STORY), ("b.txt", &flat)]);
    let out = clean(&[], &[dir.path()]);
    assert!(out.contains("b.txt (copy of "), "{out}");
}
