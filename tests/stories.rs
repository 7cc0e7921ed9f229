//! Story detection: the examples are one story through the library, and `bench --mix` scores a
//! tiny mixed dataset end to end.

use crate::util::{examples, newsdigest, tempdir, tree};
use newsdigest::read::{read_inputs, ReadOptions};
use newsdigest::stories::{detect, StoryOptions};
use newsdigest::{clean, split};
use serde_json::Value;

#[test]
fn the_peace_talks_examples_are_one_story() {
    let articles = read_inputs(&[examples()], &ReadOptions::default()).expect("examples");
    assert_eq!(articles.len(), 5);
    let sentences = split::split(&clean::clean(&articles).sentences());
    let stories = detect(&articles, &sentences, &StoryOptions::default());
    assert_eq!(stories.stories.len(), 1, "{stories:?}");
    assert_eq!(stories.stories[0].articles, vec![0, 1, 2, 3, 4]);
}

const VOLCANO: [&str; 2] = [
    "Mount Etna erupted on Sunday, sending lava down its eastern slope towards Catania.\n\n\
     Catania airport closed while ash from Etna fell on nearby villages in Sicily.",
    "Ash from the Etna eruption closed Catania airport again on Monday, Sicilian officials \
     said.\n\nLava from Mount Etna slowed before reaching the villages below the volcano.",
];
const STRIKE: [&str; 2] = [
    "Rail workers across France walked out on Tuesday in a national strike over pension \
     reform, halting most SNCF trains.\n\nThe unions said the strike against the pension \
     plan would continue.",
    "Most SNCF trains stayed in depots on the second day of the French rail strike, as \
     unions rejected the government's pension reform.\n\nCommuters in Paris queued for buses.",
];

#[test]
fn bench_mix_scores_a_tiny_mixed_dataset() {
    let tmp = tempdir();
    let root = tmp.path().join("tiny");
    tree(
        &root,
        &[
            ("etna/docs/a.txt", VOLCANO[0]),
            ("etna/docs/b.txt", VOLCANO[1]),
            (
                "etna/refs/A.txt",
                "Etna erupted and closed Catania airport.\n",
            ),
            ("strike/docs/a.txt", STRIKE[0]),
            ("strike/docs/b.txt", STRIKE[1]),
            (
                "strike/refs/A.txt",
                "French rail workers struck over pensions.\n",
            ),
        ],
    );
    let out = newsdigest()
        .args(["bench", "--mix", "--format", "json", "--top", "2"])
        .arg(&root)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report: Value = serde_json::from_slice(&out).expect("bench --mix JSON");
    assert_eq!(report["articles"], 4);
    assert_eq!(report["true_stories"], 2);
    assert_eq!(report["found_stories"], 2);
    assert_eq!(report["ari"].as_f64(), Some(1.0));
    assert_eq!(report["purity"].as_f64(), Some(1.0));
    assert_eq!(report["top"].as_array().map(Vec::len), Some(2));
    // Perfect grouping: each true cluster's story is the cluster, so the per-story digest
    // scores what the per-cluster digest scores.
    let rouge = &report["rouge"];
    assert_eq!(rouge["words"], 100);
    let (story, cluster) = (&rouge["per_story"], &rouge["per_cluster"]);
    assert!(story[0].as_f64().is_some_and(|r| r > 0.0), "{rouge}");
    assert_eq!(story, cluster, "{rouge}");
    // Flattened articles give the same grouping.
    newsdigest()
        .args(["bench", "--mix", "--flatten"])
        .arg(&root)
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "| 1.0000 | 1.0000 | 1.0000 | 2 | 2 |",
        ));
    // Regression: the same dataset twice was scored, every article "of two true stories",
    // with an "ARI without them" over no article at all.
    newsdigest()
        .args(["bench", "--mix", "--story-words", "0"])
        .arg(&root)
        .arg(tmp.path().join("./tiny"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("given twice"));
}

#[test]
fn bench_without_mix_takes_exactly_one_dataset() {
    newsdigest()
        .args(["bench", "a", "b"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("exactly one DATASET_DIR"));
    newsdigest()
        .args(["bench", "--top", "3", "a"])
        .assert()
        .code(2);
}

#[test]
fn bench_mix_refuses_the_flags_it_would_ignore() {
    // Regression: `bench --mix --method lead` (or --words, --topic, --seen, --save) ran the
    // generic cluster digests anyway, without a word.
    for flags in [
        &["--method", "lead"][..],
        &["--words", "50"],
        &["--save", "out"],
        &["--topic", "volcano"],
        &["--topic-from-query"],
        &["--seen", "a"],
        &["--no-seen"],
    ] {
        newsdigest()
            .args(["bench", "--mix", "a"])
            .args(flags)
            .assert()
            .code(2)
            .stderr(predicates::str::contains("cannot be used with"));
    }
}
