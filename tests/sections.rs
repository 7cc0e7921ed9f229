//! Sectioned digests: an input of several stories gives one section per story, ranked, in every
//! format; one story (the examples) stays a plain digest.

use crate::util::{examples, newsdigest, shared, tempdir, tree};
use serde_json::Value;

/// Two reports of a flood in Bremen and two of an earthquake in Izmir: as outlets write them,
/// each pair shares its names and places.
const FLOOD: [&str; 2] = [
    "Floods hit Bremen as the Weser burst its banks\n\n\
The Weser burst its banks in Bremen on Monday and flooded the old town.\n\n\
Rescue teams in Bremen used boats to reach families trapped near the Weser bridge.\n\n\
Mayor Andreas Bovenschulte said the Weser would fall slowly over three days.\n",
    "Bremen flood: hundreds leave homes along the Weser\n\n\
Heavy rain pushed the Weser into the streets of Bremen's old town on Monday.\n\n\
Hundreds of Bremen families spent the night in school halls away from the Weser.\n\n\
Mayor Andreas Bovenschulte promised money to repair flooded houses in Bremen.\n",
];
const QUAKE: [&str; 2] = [
    "Earthquake shakes Izmir on Turkey's Aegean coast\n\n\
A strong earthquake shook Izmir on Turkey's Aegean coast early on Tuesday.\n\n\
Several buildings in Izmir collapsed and roads to the Aegean coast were blocked.\n\n\
Doctors in Izmir treated dozens of people after the earthquake, the governor said.\n",
    "Izmir earthquake: Turkey sends soldiers and tents\n\n\
The earthquake struck Izmir before dawn on Tuesday while most people were asleep.\n\n\
Engineers in Izmir checked bridges and schools along the Aegean coast for cracks.\n\n\
Turkey sent soldiers and tents to Izmir for families who lost their homes in the earthquake.\n",
];

pub(crate) fn two_stories() -> tempfile::TempDir {
    let dir = tempdir();
    tree(
        dir.path(),
        &[
            ("flood-a.txt", FLOOD[0]),
            ("flood-b.txt", FLOOD[1]),
            ("quake-a.txt", QUAKE[0]),
            ("quake-b.txt", QUAKE[1]),
        ],
    );
    dir
}

fn summarize(args: &[&str], input: &std::path::Path) -> String {
    let out = newsdigest()
        .arg("summarize")
        .args(args)
        .arg(input)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// `summarize --format json --words 200 ARGS INPUT`, parsed.
fn digest_json(args: &[&str], input: &std::path::Path) -> Value {
    let mut all = vec!["--format", "json", "--words", "200"];
    all.extend_from_slice(args);
    serde_json::from_str(&summarize(&all, input)).expect("json")
}

#[test]
fn two_stories_give_two_sections_in_every_format() {
    let dir = two_stories();
    let json: Value = digest_json(&[], dir.path());
    let stories = json["stories"].as_array().expect("a stories list");
    assert_eq!(stories.len(), 2, "{json:#}");
    for story in stories {
        let ids: Vec<&str> = story["articles"]
            .as_array()
            .expect("articles")
            .iter()
            .map(|a| a.as_str().expect("id"))
            .collect();
        assert_eq!(ids.len(), 2, "{story:#}");
        let kind = if ids[0].contains("flood") {
            "flood"
        } else {
            "quake"
        };
        assert!(ids.iter().all(|i| i.contains(kind)), "{ids:?}");
        assert_eq!(story["outlets"], 2);
        for s in story["sentences"].as_array().expect("sentences") {
            assert!(s["source"]["id"].as_str().is_some_and(|i| i.contains(kind)));
        }
        assert!(story["headline"].as_str().is_some_and(|h| !h.is_empty()));
    }
    let markdown = summarize(&["--format", "markdown", "--words", "200"], dir.path());
    assert_eq!(markdown.matches("\n## ").count(), 2, "{markdown}");
    // Plain files name no outlet: the line counts articles (regression: "2 outlets: a.txt, …").
    assert_eq!(markdown.matches("2 articles: ").count(), 2, "{markdown}");
    assert!(!markdown.contains("outlet"), "{markdown}");
    let html = summarize(&["--format", "html", "--words", "200"], dir.path());
    assert_eq!(html.matches("<section>").count(), 2);
    let text = summarize(&["--words", "200"], dir.path());
    assert_eq!(text.split("\n\n").count(), 2, "{text}");
}

#[test]
fn stories_off_gives_one_digest_and_a_story_that_does_not_fit_is_left_out() {
    let dir = two_stories();
    let off = summarize(&["--format", "json", "--stories", "off"], dir.path());
    assert!(!off.contains("\"stories\""), "{off}");
    // Room for one story only: the second is left out, not cut.
    let one: Value = serde_json::from_str(&summarize(
        &["--format", "json", "--words", "30", "--story-words", "30"],
        dir.path(),
    ))
    .expect("json");
    assert_eq!(one["stories"].as_array().map(Vec::len), Some(1), "{one:#}");
    let capped: Value = serde_json::from_str(&summarize(
        &["--format", "json", "--stories", "1"],
        dir.path(),
    ))
    .expect("json");
    assert_eq!(capped["stories"].as_array().map(Vec::len), Some(1));
}

/// Regression: the budget a story left unused was lost when the next story's digest at its
/// own budget did not fit (`--words 100` gave one 57-word story on bbc).
#[test]
fn what_a_story_leaves_of_the_total_goes_to_the_next_story() {
    let dir = two_stories();
    let json: Value = serde_json::from_str(&summarize(
        &["--format", "json", "--words", "40", "--story-words", "30"],
        dir.path(),
    ))
    .expect("json");
    let stories = json["stories"].as_array().expect("stories");
    assert_eq!(stories.len(), 2, "{json:#}");
    let words = |story: &Value| -> usize {
        story["sentences"]
            .as_array()
            .expect("sentences")
            .iter()
            .map(|s| s["text"].as_str().expect("text").split_whitespace().count())
            .sum()
    };
    assert!(words(&stories[0]) <= 30, "{json:#}");
    assert!(words(&stories[0]) + words(&stories[1]) <= 40, "{json:#}");
    let inputs: String = ["flood-a.txt", "flood-b.txt", "quake-a.txt", "quake-b.txt"]
        .iter()
        .map(|f| std::fs::read_to_string(dir.path().join(f)).expect("input"))
        .collect();
    for s in json["sentences"].as_array().expect("sentences") {
        let text = s["text"].as_str().expect("text");
        assert!(inputs.contains(text), "cut: {text}");
    }
}

#[test]
fn the_examples_are_one_story_and_stay_a_plain_digest() {
    let json = summarize(&["--format", "json"], &examples());
    assert!(!json.contains("\"stories\""), "{json}");
}

/// Reading, cleaning, splitting and embedding run in parallel: the digest must not depend on
/// how many threads there are.
#[test]
fn the_digest_is_the_same_whatever_the_thread_count() {
    let dir = two_stories();
    std::fs::create_dir_all(dir.path().join("more")).expect("mkdir");
    for entry in std::fs::read_dir(examples()).expect("examples") {
        let path = entry.expect("entry").path();
        std::fs::copy(
            &path,
            dir.path()
                .join("more")
                .join(path.file_name().expect("name")),
        )
        .expect("copy");
    }
    let run = |threads: &str| {
        crate::util::stdout_of(
            newsdigest()
                .env("RAYON_NUM_THREADS", threads)
                .args(["summarize", "--format", "json", "--words", "300"])
                .arg(dir.path()),
        )
    };
    let one = run("1");
    assert!(one.contains("\"stories\""), "{one}");
    assert_eq!(one, run("2"));
    assert_eq!(one, run("3"));
}

/// Regression: with a topic, a broad feed's stories were still ranked by outlets alone, so a
/// story that only mentioned a topic word led the digest (a Yukos topic over the bbc set opened
/// with the Liberal Democrats). Now the stories far from the topic are left out and counted;
/// when one story is left, the digest is a plain one of it, with the whole budget.
#[test]
fn a_topic_keeps_only_its_stories_of_a_mixed_feed() {
    let dir = tempdir();
    let quake_mentioning_a_flood = format!(
        "{}\nRain after the earthquake raised fears of a flood in the lower town.\n",
        QUAKE[1]
    );
    tree(
        dir.path(),
        &[
            ("a-quake.txt", QUAKE[0]),
            ("b-quake.txt", quake_mentioning_a_flood.as_str()),
            ("c-flood.txt", FLOOD[0]),
            ("d-flood.txt", FLOOD[1]),
        ],
    );
    let sections: Value = digest_json(&[], dir.path());
    assert_eq!(sections["stories"].as_array().map(Vec::len), Some(2));
    let topic: Value = digest_json(&["--topic", "flood of the Weser in Bremen"], dir.path());
    assert!(topic.get("stories").is_none(), "{topic:#}");
    assert_eq!(topic["meta"]["off_topic_stories"], 1, "{topic:#}");
    let sentences = topic["sentences"].as_array().expect("sentences");
    assert!(!sentences.is_empty());
    for s in sentences {
        let id = s["source"]["id"].as_str().unwrap_or_default();
        assert!(id.contains("flood"), "{s}");
    }
    // Without a topic there is nothing to count.
    assert!(sections["meta"].get("off_topic_stories").is_none());
}

/// Regression: `summarize --topic` on one topic's articles, which detection splits into event
/// stories, gave short sections of sub-stories (DUC 2007: 38.3 → 44.1 R-1 once fixed). The
/// stories on topic make one plain digest.
#[test]
fn the_stories_on_a_topic_make_one_digest() {
    let dir = two_stories();
    let d: Value = digest_json(
        &[
            "--topic",
            "floods and earthquakes: homes lost, families helped",
        ],
        dir.path(),
    );
    assert!(d.get("stories").is_none(), "{d:#}");
    assert_eq!(d["meta"]["off_topic_stories"], 0, "{d:#}");
    let ids: Vec<&str> = d["sentences"]
        .as_array()
        .expect("sentences")
        .iter()
        .filter_map(|s| s["source"]["id"].as_str())
        .collect();
    assert!(ids.iter().any(|i| i.contains("flood")), "{ids:?}");
    assert!(ids.iter().any(|i| i.contains("quake")), "{ids:?}");
    // --stories N keeps the sections.
    let n: Value = digest_json(
        &[
            "--stories",
            "5",
            "--topic",
            "floods and earthquakes: homes lost, families helped",
        ],
        dir.path(),
    );
    assert_eq!(n["stories"].as_array().map(Vec::len), Some(2), "{n:#}");
}

/// Regression (found before release): a topic no article names left no story on topic, and
/// `summarize` failed with "no usable sentence", which blamed the input's text. It then gave a
/// digest of every story, titled as on the topic (probe 16: "225 of 225 articles on the
/// topic"); now the error says what is wrong.
#[test]
fn a_topic_the_input_never_names_says_so() {
    let dir = two_stories();
    let out = newsdigest()
        .args(["summarize", "--topic", "zebra crossing"])
        .arg(dir.path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no article is on the topic") && !stderr.contains("no usable sentence"),
        "{stderr}"
    );
}

/// Regression: one story with a stray article was sectioned (the stray is a story of its own),
/// so the main story got one short section: DUC 2003's clusters, each one story, lost 11 R-1
/// through `summarize`. A story holding most of the input keeps it a plain digest.
#[test]
fn a_story_with_a_stray_article_stays_a_plain_digest() {
    let dir = tempdir();
    let third_flood = "Bremen counts the cost of the Weser flood\n\n\
The Weser flood left Bremen's old town under water for two days.\n\n\
Shop owners in Bremen began clearing mud from streets along the Weser on Wednesday.\n\n\
Mayor Andreas Bovenschulte said Bremen would ask for federal money after the flood.\n";
    tree(
        dir.path(),
        &[
            ("flood-a.txt", FLOOD[0]),
            ("flood-b.txt", FLOOD[1]),
            ("flood-c.txt", third_flood),
            ("quake-a.txt", QUAKE[0]),
        ],
    );
    // Two stories are there: asked for, they are sections.
    let asked: Value = digest_json(&["--stories", "5"], dir.path());
    assert_eq!(
        asked["stories"].as_array().map(Vec::len),
        Some(2),
        "{asked:#}"
    );
    let auto: Value = digest_json(&[], dir.path());
    assert!(auto.get("stories").is_none(), "{auto:#}");
}

/// Regression: a 25-article topic spanning years (DUC 2007) was cut into 60-word sections of
/// its event stories (37.7 R-1 against 44.3 for one digest). Grouped again at the looser
/// threshold they are one topic, and `auto` gives one plain digest.
#[test]
#[ignore = "needs ../shared/data/duc2007 (development data, not in a fresh clone); \
            run with --include-ignored where it is present"]
fn one_topic_of_several_event_stories_stays_a_plain_digest() {
    for cluster in ["D0701A", "D0711C", "D0734H"] {
        let docs = shared(&format!("data/duc2007/{cluster}/docs"));
        let asked = digest_json(&["--stories", "20", "--story-words", "20"], &docs);
        let found = asked["stories"].as_array().map_or(0, Vec::len);
        assert!(
            found >= 2,
            "{cluster}: detection no longer splits it ({found})"
        );
        let auto = digest_json(&[], &docs);
        assert!(auto.get("stories").is_none(), "{cluster}: sectioned");
    }
}

/// Regression: `--bytes` did not count the blank line between sections (nor a continuing
/// story's marker line), so a sectioned text digest could run over it.
#[test]
fn bytes_budget_counts_the_blank_lines_between_sections() {
    let dir = two_stories();
    let full = summarize(&[], dir.path());
    assert_eq!(full.split("\n\n").count(), 2, "{full}");
    let bytes = full.trim_end_matches('\n').len();
    for limit in [bytes, bytes - 1] {
        let out = summarize(&["--bytes", &limit.to_string()], dir.path());
        assert!(out.trim_end_matches('\n').len() <= limit, "{limit}: {out}");
    }
}

/// Regression: six outlets' copies of one flood report beside three reports of an earthquake
/// made one plain digest under `--stories auto` (the flood story alone holds two thirds of the
/// articles, which the one-topic test took for a topic's event stories merging), and the flood,
/// whose copies count once in a plain digest, was left out of it.
#[test]
fn a_story_many_outlets_copy_was_taken_for_the_whole_input() {
    let dir = tempdir();
    let mut files: Vec<(String, String)> = (1..=6)
        .map(|i| (format!("outlet{i}.txt"), FLOOD[0].to_string()))
        .collect();
    files.push(("quake-a.txt".into(), QUAKE[0].into()));
    files.push(("quake-b.txt".into(), QUAKE[1].into()));
    files.push((
        "quake-c.txt".into(),
        "Izmir counts the cost of the earthquake\n\nShops in Izmir stayed shut on Wednesday \
         as aftershocks of the earthquake rattled Turkey's Aegean coast.\n"
            .into(),
    ));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    tree(dir.path(), &refs);
    let json = digest_json(&[], dir.path());
    let stories = json["stories"]
        .as_array()
        .expect("sections, not one digest");
    assert_eq!(stories[0]["outlets"], 6, "{json:#}");
    assert!(stories[0]["headline"]
        .as_str()
        .is_some_and(|h| h.contains("Bremen")));
}

/// Regression (probe 17): a story whose digest did not fit the budget left was left out
/// without a word, and `run` recorded its articles as digested.
#[test]
fn stories_left_out_for_the_budget_are_counted() {
    let dir = two_stories();
    let all = digest_json(&[], dir.path());
    assert_eq!(all["meta"]["stories_left_out"], 0, "{all:#}");
    let one: Value = serde_json::from_str(&summarize(
        &["--format", "json", "--words", "20", "--story-words", "20"],
        dir.path(),
    ))
    .expect("json");
    assert_eq!(one["stories"].as_array().map(Vec::len), Some(1), "{one:#}");
    assert_eq!(one["meta"]["stories_left_out"], 1, "{one:#}");
}
