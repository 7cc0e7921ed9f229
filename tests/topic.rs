//! Following one story through the CLI: `--topic`, `--topic-file` and `--seen` on `summarize`,
//! `bench --topic-from-query` and the update layout, on small temporary trees.

use crate::util::{newsdigest, tempdir, tree};
use serde_json::Value;

const TALKS: &str = "Negotiators met in Geneva to discuss security guarantees for Ukraine.\n\n\
Kyiv wants security guarantees from its allies before any ceasefire is signed.\n\n\
The talks on guarantees for Ukraine will resume next week in Geneva.\n";
const TALKS_2: &str = "European ministers offered Ukraine security guarantees in Geneva.\n\n\
Diplomats said the guarantees for Ukraine remain the hardest question of the talks.\n";
const FOOTBALL: &str = "The home team won the football cup final with a late goal.\n\n\
Fans celebrated the football victory in the streets until midnight.\n\n\
The coach praised his players after the final whistle of the match.\n";

fn summarize_json(dir: &std::path::Path, extra: &[&str]) -> Value {
    let out = newsdigest()
        .args(["summarize", "--format", "json", "--sentences", "2", "-q"])
        .args(extra)
        .arg(dir)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("summarize JSON")
}

#[test]
fn a_topic_leaves_out_an_article_far_from_it_and_says_so() {
    let tmp = tempdir();
    let docs = tmp.path().join("docs");
    tree(
        &docs,
        &[("a.txt", TALKS), ("b.txt", TALKS_2), ("c.txt", FOOTBALL)],
    );
    let d = summarize_json(&docs, &["--topic", "security guarantees for Ukraine"]);
    assert_eq!(d["meta"]["off_topic_articles"], 1, "{d}");
    for s in d["sentences"].as_array().expect("sentences") {
        assert_ne!(s["source"]["id"].as_str(), Some("c.txt"), "{s}");
    }
    // Without a topic there is nothing to say about it.
    let generic = summarize_json(&docs, &[]);
    assert!(generic["meta"].get("off_topic_articles").is_none());
    // The same topic from a file.
    tree(
        tmp.path(),
        &[("q.txt", "Ukraine\nSecurity guarantees for Ukraine.\n")],
    );
    let q = tmp.path().join("q.txt");
    let f = summarize_json(&docs, &["--topic-file", q.to_str().expect("utf-8")]);
    assert_eq!(f["meta"]["off_topic_articles"], 1);
    // Regression: a topic file saved as UTF-16 (Notepad) was "not UTF-8 text", though
    // articles in it are read.
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "Ukraine\nSecurity guarantees for Ukraine.\n".encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    let q16 = tmp.path().join("q16.txt");
    std::fs::write(&q16, utf16).unwrap();
    let f = summarize_json(&docs, &["--topic-file", q16.to_str().expect("utf-8")]);
    assert_eq!(f["meta"]["off_topic_articles"], 1);
}

#[test]
fn empty_or_stopword_only_topics_are_usage_errors() {
    let tmp = tempdir();
    tree(tmp.path(), &[("a.txt", TALKS)]);
    for topic in ["", "the and of"] {
        newsdigest()
            .args(["summarize", "--topic", topic])
            .arg(tmp.path())
            .assert()
            .code(2);
    }
}

/// Regression (probe 16): a topic no article mentions gave "225 of 225 articles on the
/// topic" and an arbitrary digest under it.
#[test]
fn a_topic_that_no_article_mentions_was_a_digest_of_everything() {
    let tmp = tempdir();
    tree(tmp.path(), &[("a.txt", TALKS), ("b.txt", FOOTBALL)]);
    newsdigest()
        .args(["summarize", "--topic", "xyzzyplugh"])
        .arg(tmp.path())
        .assert()
        .code(3)
        .stderr(predicates::str::contains(
            "no article is on the topic: none uses a word of it (xyzzyplugh)",
        ));
}

#[test]
fn a_sentence_of_a_seen_article_is_not_repeated() {
    let tmp = tempdir();
    tree(
        tmp.path(),
        &[
            ("old/a.txt", TALKS),
            ("new/a.txt", TALKS),
            ("new/b.txt", TALKS_2),
        ],
    );
    let old = tmp.path().join("old");
    let d = summarize_json(
        &tmp.path().join("new"),
        &["--seen", old.to_str().expect("utf-8")],
    );
    let texts: Vec<&str> = d["sentences"]
        .as_array()
        .expect("sentences")
        .iter()
        .filter_map(|s| s["text"].as_str())
        .collect();
    assert!(!texts.is_empty());
    for t in texts {
        assert!(!TALKS.contains(t), "{t} was read already");
    }
}

#[test]
fn bench_reads_query_txt_and_the_update_layout() {
    let tmp = tempdir();
    let data = tmp.path().join("upd");
    let r = "Ukraine asked for security guarantees in Geneva.\n";
    tree(
        &data,
        &[
            (
                "t1/query.txt",
                "Ukraine talks\nDescribe the security guarantees for Ukraine.\n",
            ),
            ("t1/A/docs/a.txt", TALKS),
            ("t1/A/refs/1.txt", r),
            ("t1/B/docs/b.txt", TALKS_2),
            ("t1/B/refs/1.txt", r),
        ],
    );
    let out = newsdigest()
        .arg("bench")
        .arg(&data)
        .args([
            "--format",
            "json",
            "--method",
            "cluster",
            "--topic-from-query",
            "-q",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report: Value = serde_json::from_slice(&out).expect("bench JSON");
    assert_eq!(report["clusters"], 2);
    let per = &report["methods"][0]["per_cluster"]["ROUGE-2"];
    assert!(
        per.get("t1-A").is_some() && per.get("t1-B").is_some(),
        "{per}"
    );
    newsdigest()
        .arg("bench")
        .arg(&data)
        .args(["--topic-from-query", "--topic", "x y"])
        .assert()
        .code(2);
}
