//! `newsdigest bench` end to end on a tiny dataset written by the test: scores against ROUGE
//! computed by hand, budget and determinism of every method, and `--save` rescored by
//! `newsdigest eval` to the same figures.

use crate::util::newsdigest;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

const FLOOD_A: &str = "The river flooded the old town on Monday and forced families to leave.\n\n\
Rescue teams used small boats to reach people trapped in their homes near the bridge.\n\n\
Officials said the water level would fall slowly over the next three days.\n";
const FLOOD_B: &str =
    "Heavy rain pushed the river over its banks and into the streets of the old town.\n\n\
Hundreds of families spent the night in school halls on higher ground.\n\n\
The mayor promised money to repair the damaged houses once the water goes down.\n";
const QUAKE_A: &str = "A strong earthquake shook the coastal city early on Tuesday morning.\n\n\
Several buildings collapsed and many roads were blocked by fallen rocks.\n\n\
Doctors in the main hospital treated dozens of people with minor injuries.\n";
const QUAKE_B: &str =
    "The earthquake struck before dawn while most people in the city were asleep.\n\n\
Engineers began checking bridges and schools for cracks after the shaking stopped.\n\n\
The government sent soldiers and tents to help people who lost their homes.\n";

/// Two clusters of two articles; two references for `flood`, one for `quake`.
pub(crate) fn dataset(root: &Path) -> PathBuf {
    let dir = root.join("tiny");
    let files: [(&str, &str); 7] = [
        ("flood/docs/a.txt", FLOOD_A),
        ("flood/docs/b.txt", FLOOD_B),
        (
            "flood/refs/A.txt",
            "The river flooded the town and families had to leave their homes.\n",
        ),
        (
            "flood/refs/B.txt",
            "Families left the old town after the river flooded it on Monday.\n",
        ),
        ("quake/docs/a.txt", QUAKE_A),
        ("quake/docs/b.txt", QUAKE_B),
        (
            "quake/refs/A.txt",
            "An earthquake hit the coastal city on Tuesday and buildings collapsed.\n",
        ),
    ];
    for (path, text) in files {
        let p = dir.join(path);
        fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        fs::write(p, text).expect("write");
    }
    dir
}

fn bench_json(dataset: &Path, extra: &[&str]) -> Value {
    let out = newsdigest()
        .arg("bench")
        .arg(dataset)
        .args(["--format", "json"])
        .args(extra)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("bench JSON")
}

fn method<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["methods"]
        .as_array()
        .expect("methods")
        .iter()
        .find(|m| m["method"] == name)
        .expect("method in report")
}

fn recall(m: &Value, metric: &str) -> f64 {
    m["metrics"]
        .as_array()
        .expect("metrics")
        .iter()
        .find(|x| x["metric"] == metric)
        .and_then(|x| x["recall"]["mean"].as_f64())
        .expect("metric recall")
}

#[test]
fn lead_scores_equal_hand_computed_rouge() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = dataset(tmp.path());
    let report = bench_json(&data, &["--method", "lead", "--words", "10"]);
    assert_eq!(report["clusters"], 2);
    assert_eq!(
        report["rouge"],
        "-n 4 -x -m -2 4 -u -l 10 -p 0.5 -c 95 -r 1000 -f A -t 0 -a"
    );
    let lead = method(&report, "lead");
    // Lead takes each cluster's first sentence of a.txt (the overflow lets it cross 10 words);
    // ROUGE cuts summary and references to 10 words, stems words longer than 3 letters.
    //
    // flood, summary:  the river flood the old town on monday and forc
    //   ref A:         the river flood the town and famili had to leav
    //   ref B:         famili left the old town after the river flood it
    //   ROUGE-1 hits:  A 6 (the×2 river flood town and), B 6 (the×2 old town river flood)
    //                  -> 12 / 20 = 0.6
    //   ROUGE-2 hits:  A 3 (the-river river-flood flood-the), B 4 (the-old old-town the-river
    //                  river-flood) -> 7 / 18 = 0.38889
    // quake, summary:  a strong earthquak shook the coastal citi earli on tuesdai
    //   ref A:         an earthquak hit the coastal citi on tuesdai and build
    //   ROUGE-1 hits:  earthquak the coastal citi on tuesdai -> 6 / 10 = 0.6
    //   ROUGE-2 hits:  the-coastal coastal-citi on-tuesdai -> 3 / 9 = 0.33333
    let per = &lead["per_cluster"];
    assert_eq!(per["ROUGE-1"]["flood"].as_f64(), Some(0.6));
    assert_eq!(per["ROUGE-1"]["quake"].as_f64(), Some(0.6));
    assert_eq!(per["ROUGE-2"]["flood"].as_f64(), Some(0.38889));
    assert_eq!(per["ROUGE-2"]["quake"].as_f64(), Some(0.33333));
    // Every bootstrap resample of two clusters scoring 0.6 averages 0.6.
    assert_eq!(recall(lead, "ROUGE-1"), 0.6);
    // ROUGE-2: the mean of the bootstrap means, close to the plain mean 0.36111.
    assert!((recall(lead, "ROUGE-2") - 0.36111).abs() < 0.01);
}

#[test]
fn every_method_keeps_the_budget_and_is_deterministic() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = dataset(tmp.path());
    let methods = ["cluster", "lead", "centroid", "lexrank", "random"];
    let mut runs = Vec::new();
    // The second run is single-threaded: the number of threads must not change anything.
    for (run, jobs) in [("one", "2"), ("two", "1")] {
        let save = tmp.path().join(run);
        let report = bench_json(
            &data,
            &[
                "--method",
                &methods.join(","),
                "--words",
                "20",
                "--seed",
                "7",
                "--jobs",
                jobs,
                "--save",
                save.to_str().expect("utf-8 path"),
            ],
        );
        assert_eq!(report["methods"].as_array().map(Vec::len), Some(5));
        runs.push((save, report));
    }
    for m in methods {
        for cluster in ["flood", "quake"] {
            let file = format!("{m}/{cluster}.txt");
            let a = fs::read_to_string(runs[0].0.join(&file)).expect("saved summary");
            let b = fs::read_to_string(runs[1].0.join(&file)).expect("saved summary");
            assert_eq!(a, b, "{file} differs between two runs with the same seed");
            let lines: Vec<&str> = a.lines().collect();
            assert!(!lines.is_empty(), "{file} is empty");
            // Benchmark mode: only the last sentence may cross the 20-word budget.
            let before_last: usize = lines[..lines.len() - 1]
                .iter()
                .map(|l| l.split_whitespace().count())
                .sum();
            assert!(before_last < 20, "{file}: {a}");
            // Every sentence comes from the cluster's articles.
            let docs = if cluster == "flood" {
                [FLOOD_A, FLOOD_B]
            } else {
                [QUAKE_A, QUAKE_B]
            };
            for l in &lines {
                assert!(docs.iter().any(|d| d.contains(l)), "{file}: {l}");
            }
        }
        assert_eq!(
            method(&runs[0].1, m)["metrics"],
            method(&runs[1].1, m)["metrics"]
        );
    }
}

#[test]
fn saved_summaries_rescore_to_the_same_figures_with_eval() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = dataset(tmp.path());
    let save = tmp.path().join("saved");
    let report = bench_json(
        &data,
        &[
            "--method",
            "lead,lexrank,random",
            "--save",
            save.to_str().expect("utf-8 path"),
        ],
    );
    let out = newsdigest()
        .arg("eval")
        .arg("--refs")
        .arg(save.join("refs"))
        .arg("--system")
        .arg(save.join("lead"))
        .arg("--system")
        .arg(save.join("lexrank"))
        .arg("--system")
        .arg(save.join("random"))
        .args(["--rouge155", report["rouge"].as_str().expect("flags")])
        .args(["--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let eval: Value = serde_json::from_slice(&out).expect("eval JSON");
    let systems = eval["systems"].as_array().expect("systems");
    assert_eq!(systems.len(), 3);
    for s in systems {
        let name = s["system"].as_str().expect("system name");
        let bench = method(&report, name);
        for metric in ["ROUGE-1", "ROUGE-2", "ROUGE-SU4"] {
            let e = s["metrics"]
                .as_array()
                .expect("metrics")
                .iter()
                .find(|m| m["metric"] == metric)
                .expect("metric");
            let b = bench["metrics"]
                .as_array()
                .expect("metrics")
                .iter()
                .find(|m| m["metric"] == metric)
                .expect("metric");
            assert_eq!(e["recall"], b["recall"], "{name} {metric}");
        }
    }
}

#[test]
fn table_lists_every_method_with_intervals_and_time() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = dataset(tmp.path());
    let out = newsdigest()
        .arg("bench")
        .arg(&data)
        .args(["--method", "lead,random"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("utf-8");
    for needle in [
        "| lead ",
        "| random ",
        "ROUGE-SU4",
        "ms/cluster",
        "-n 4 -x -m -2 4 -u -l 100 -p 0.5 -c 95 -r 1000 -f A -t 0 -a",
    ] {
        assert!(text.contains(needle), "missing {needle} in\n{text}");
    }
}

#[test]
fn bad_datasets_and_flags_fail_with_documented_codes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    newsdigest()
        .arg("bench")
        .arg(tmp.path().join("missing"))
        .assert()
        .code(3);
    // A dataset of which no cluster has references cannot be scored (one left out alone is
    // a warning: tests/regression/probe17.rs).
    let data = dataset(tmp.path());
    fs::remove_dir_all(data.join("quake/refs")).expect("rm");
    fs::remove_dir_all(data.join("flood/refs")).expect("rm");
    newsdigest()
        .arg("bench")
        .arg(&data)
        .args(["--method", "lead"])
        .assert()
        .code(3);
    newsdigest()
        .arg("bench")
        .arg(&data)
        .args(["--method", "lead,best"])
        .assert()
        .code(2);
}

#[test]
fn a_cluster_without_usable_sentences_scores_as_an_empty_summary() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = dataset(tmp.path());
    let noise = data.join("noise");
    fs::create_dir_all(noise.join("docs")).expect("mkdir");
    fs::create_dir_all(noise.join("refs")).expect("mkdir");
    fs::write(noise.join("docs/a.txt"), "Share\n\nRead more\n").expect("write");
    fs::write(noise.join("refs/A.txt"), "Nothing happened today.\n").expect("write");
    let report = bench_json(&data, &["--method", "lead"]);
    let lead = method(&report, "lead");
    assert_eq!(report["clusters"], 3);
    assert_eq!(lead["failed"][0]["cluster"], "noise");
    assert_eq!(lead["per_cluster"]["ROUGE-1"]["noise"].as_f64(), Some(0.0));
}
