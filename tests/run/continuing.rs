//! Continuing stories across runs: a story an earlier digest of the novelty window carried is
//! marked "(continuing)" in every format and shows only what is new; with nothing new it is
//! left out and counted. `summarize --seen` marks the same way.

use super::*;
use crate::util::{fixture, newsdigest, stdout_of};

/// Sectioned digests of four formats, 200 words: room for two or three stories.
fn sim() -> Sim {
    Sim::with_config(&config(7))
}

fn config(novelty_days: u32) -> String {
    format!(
        "timezone = \"Europe/Berlin\"\nstate_dir = \"state\"\n\n[sources]\ninputs = [\"incoming\"]\n\n\
         [output]\ndir = \"digests\"\nformats = [\"markdown\", \"json\", \"text\", \"html\"]\n\n\
         [summary]\nwords = 200\nnovelty_days = {novelty_days}\n"
    )
}

/// The collector drops the articles of `tests/fixtures/<dir>` into `incoming/`.
fn arrive(sim: &Sim, dir: &str) {
    for entry in std::fs::read_dir(fixture(dir)).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), sim.path("incoming").join(entry.file_name())).unwrap();
    }
}

/// Day 1: the Harbor City water story (three articles) and a museum theft (two).
fn day1(sim: &Sim) {
    arrive(sim, "run/day1");
    arrive(sim, "run-stories/day1");
    sim.run(DAY1).assert().code(0);
}

/// (its articles' file names, sorted and joined by spaces, continuing, first_digest) of every
/// story of a JSON digest, sorted.
fn marks(digest: &Value) -> Vec<(String, bool, Option<String>)> {
    let mut out: Vec<(String, bool, Option<String>)> = digest["stories"]
        .as_array()
        .expect("a sectioned digest")
        .iter()
        .map(|s| {
            let mut files: Vec<String> = s["articles"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| {
                    Path::new(a.as_str().unwrap())
                        .file_name()
                        .unwrap()
                        .to_string_lossy()
                        .into_owned()
                })
                .collect();
            files.sort();
            (
                files.join(" "),
                s["continuing"].as_bool().expect("a continuing field"),
                s["first_digest"].as_str().map(str::to_string),
            )
        })
        .collect();
    out.sort();
    out
}

fn text_of(dir: &str) -> Vec<String> {
    std::fs::read_dir(fixture(dir))
        .unwrap()
        .map(|e| collapse(&std::fs::read_to_string(e.unwrap().path()).unwrap()))
        .collect()
}

fn story_sentences(story: &Value) -> Vec<String> {
    story["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_follow_up_of_yesterdays_story_is_continuing_and_shows_only_what_is_new() {
    let sim = sim();
    day1(&sim);
    let d1 = sim.digest_json("digest-2026-11-02.json");
    assert_eq!(
        marks(&d1),
        [
            (
                "courier-water-advisory.txt gazette-schools-close.txt tribune-pipeline-break.txt"
                    .to_string(),
                false,
                None
            ),
            (
                "herald-museum-theft.txt post-gallery-skylight.txt".to_string(),
                false,
                None
            )
        ]
    );
    assert_eq!(d1["meta"]["continuing_left_out"], 0);
    let digested = sentences(&d1);

    // Day 2: a follow-up of the water story (it repeats two sentences of day 1's articles) and
    // a new story, a ferry strike, in two articles.
    arrive(&sim, "run-stories/day2");
    sim.run(DAY2).assert().code(0);
    let d2 = sim.digest_json("digest-2026-11-03.json");
    assert_eq!(
        marks(&d2),
        [
            (
                "ledger-water-lifted.txt".to_string(),
                true,
                Some("2026-11-02".to_string())
            ),
            (
                "standard-ferry-strike.txt times-ferry-talks.txt".to_string(),
                false,
                None
            )
        ]
    );
    let stories = d2["stories"].as_array().unwrap();
    let water = stories.iter().find(|s| s["continuing"] == true).unwrap();
    let ferry = stories.iter().find(|s| s["continuing"] == false).unwrap();
    let water_text = story_sentences(water);
    assert!(!water_text.is_empty());
    let day1_articles = text_of("run/day1");
    for s in &water_text {
        assert!(!digested.contains(s), "a sentence of day 1's digest: {s}");
        assert!(
            !day1_articles.iter().any(|t| t.contains(&collapse(s))),
            "a sentence of a day 1 article: {s}"
        );
    }

    // Every format shows it; the new story is not marked.
    let md = String::from_utf8(sim.digests()["digest-2026-11-03.md"].clone()).unwrap();
    let water_head = water["headline"].as_str().unwrap();
    let ferry_head = ferry["headline"].as_str().unwrap();
    assert!(
        md.contains(&format!("## {water_head} (continuing)\n")),
        "{md}"
    );
    assert!(md.contains(&format!("## {ferry_head}\n")), "{md}");
    assert!(md.contains("· first digested 2026-11-02_"), "{md}");
    assert_eq!(md.matches("(continuing)").count(), 1, "{md}");
    let html = String::from_utf8(sim.digests()["digest-2026-11-03.html"].clone()).unwrap();
    assert!(
        html.contains(&format!(
            "{water_head} <span class=\"continuing\">(continuing)</span></h2>"
        )),
        "{html}"
    );
    assert_eq!(html.matches("(continuing)").count(), 1, "{html}");
    let text = String::from_utf8(sim.digests()["digest-2026-11-03.txt"].clone()).unwrap();
    let block = text
        .split("\n\n")
        .find(|b| b.contains(&water_text[0]))
        .unwrap();
    assert!(block.starts_with("(continuing)\n"), "{text}");
    assert_eq!(text.matches("(continuing)").count(), 1, "{text}");

    // Day 3: a recap that only repeats what the water digests and their articles said, and a
    // new story: the recap is left out, and counted.
    arrive(&sim, "run-stories/day3");
    sim.run(DAY3).assert().code(0);
    let d3 = sim.digest_json("digest-2026-11-04.json");
    assert_eq!(
        marks(&d3),
        [(
            "courier-marathon-relay.txt gazette-marathon-route.txt".to_string(),
            false,
            None
        )]
    );
    assert_eq!(d3["meta"]["continuing_left_out"], 1);
    assert!(!source_files(&d3).contains("wire-water-recap.txt"));
}

#[test]
fn novelty_days_zero_marks_nothing_as_continuing() {
    let sim = Sim::with_config(&config(0));
    day1(&sim);
    arrive(&sim, "run-stories/day2");
    sim.run(DAY2).assert().code(0);
    let d2 = sim.digest_json("digest-2026-11-03.json");
    assert!(marks(&d2).iter().all(|(_, c, _)| !c), "{:?}", marks(&d2));
}

#[test]
fn summarize_with_seen_marks_the_story_read_before_the_same_way() {
    let out = stdout_of(
        newsdigest()
            .args(["summarize", "--format", "json", "--words", "200", "--seen"])
            .arg(fixture("run/day1"))
            .arg("--seen")
            .arg(fixture("run-stories/day1"))
            .arg(fixture("run-stories/day2")),
    );
    let d: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        marks(&d),
        [
            ("ledger-water-lifted.txt".to_string(), true, None),
            (
                "standard-ferry-strike.txt times-ferry-talks.txt".to_string(),
                false,
                None
            )
        ]
    );
    let read = text_of("run/day1");
    for s in sentences(&d) {
        assert!(!read.iter().any(|t| t.contains(&collapse(&s))), "read: {s}");
    }
}
