//! `newsdigest eval` end to end: output formats, --rouge155, missing clusters, errors and exit
//! codes. Data: the seeds ROUGE vectors shipped in tests/fixtures/rouge-seeds.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::fs;
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    crate::util::fixture("rouge-seeds")
}

fn eval() -> Command {
    let mut cmd = crate::util::newsdigest();
    cmd.arg("eval");
    cmd
}

/// `eval` of the `lead` peer against the fixture's references.
fn lead_against_refs() -> Command {
    let f = fixtures();
    let mut c = eval();
    c.arg("--refs")
        .arg(f.join("refs"))
        .arg("--system")
        .arg(f.join("peers/lead"));
    c
}

fn vectors() -> Value {
    serde_json::from_slice(&fs::read(fixtures().join("vectors.json")).expect("vectors"))
        .expect("json")
}

#[test]
fn table_is_the_default_and_lists_every_system_and_metric() {
    let f = fixtures();
    let out = eval()
        .arg("--refs")
        .arg(f.join("refs"))
        .arg("--system")
        .arg(f.join("peers/lead"))
        .arg("--system")
        .arg(f.join("peers/odd"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("utf-8");
    assert!(text.contains("-n 4 -x -m -2 4 -u -l 100"), "{text}");
    for needle in [
        "lead",
        "odd",
        "ROUGE-1",
        "ROUGE-4",
        "ROUGE-SU4",
        "95%-conf.int.",
    ] {
        assert!(text.contains(needle), "missing {needle} in\n{text}");
    }
    assert!(!text.contains("ROUGE-L"), "DUC default has -x");
}

#[test]
fn rouge155_flags_reproduce_the_perl_figures_in_csv() {
    let f = fixtures();
    let v = vectors();
    let set = &v["option_sets"]["best_reference"];
    let flags = set["flags"].as_str().expect("flags");
    let out = eval()
        .arg("--refs")
        .arg(f.join("refs"))
        .arg("--system")
        .arg(f.join("peers/lead"))
        .arg("--rouge155")
        .arg(flags)
        .args(["--format", "csv", "--per-cluster"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("utf-8");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("system,metric,cluster,recall,precision,f")
    );
    let mut checked = 0;
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells.len(), 6, "{line}");
        assert_eq!(cells[0], "lead");
        let expected = if cells[2] == "ALL" {
            &set["average"]["lead"][cells[1]]
        } else {
            &set["per_cluster"]["lead"][cells[1]][cells[2]]
        };
        for (cell, key) in cells[3..].iter().zip(["R", "P", "F"]) {
            let want = expected[key].as_f64().expect("figure");
            assert_eq!(*cell, format!("{want:.5}"), "{line}");
            checked += 1;
        }
    }
    // ROUGE-1, ROUGE-2, ROUGE-L x (average + 5 clusters) x R/P/F
    assert_eq!(checked, 3 * 6 * 3);
}

#[test]
fn json_has_flags_metrics_intervals_and_clusters() {
    let f = fixtures();
    let out = eval()
        .arg("--refs")
        .arg(f.join("refs"))
        .arg("--system")
        .arg(f.join("peers/firsts"))
        .args([
            "--rouge155",
            "-n 2 -w 1.2 -b 665 -p 0.5 -c 95 -r 1000 -f A -t 0 -a",
        ])
        .args(["--format", "json", "--per-cluster"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).expect("json");
    let names: Vec<&str> = v["metrics"]
        .as_array()
        .expect("metrics")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(names, ["ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-W-1.2"]);
    let m = &v["systems"][0]["metrics"][3];
    let want = &vectors()["option_sets"]["nostem_lw_665b"]["average"]["firsts"]["ROUGE-W-1.2"];
    assert_eq!(m["recall"]["mean"], want["R"]);
    assert!(m["recall"]["ci_low"].as_f64() <= m["recall"]["mean"].as_f64());
    assert!(m["recall"]["ci_high"].as_f64() >= m["recall"]["mean"].as_f64());
    assert_eq!(m["per_cluster"].as_object().expect("clusters").len(), 5);
    assert_eq!(v["missing"].as_array().expect("missing").len(), 0);
}

#[test]
fn single_cluster_files_mode() {
    let f = fixtures();
    eval()
        .arg("--ref")
        .arg(f.join("refs/seeds0/A.txt"))
        .arg("--ref")
        .arg(f.join("refs/seeds0/B.txt"))
        .arg("--summary")
        .arg(f.join("peers/lead/seeds0.txt"))
        .args([
            "--format",
            "csv",
            "--per-cluster",
            "--max-n",
            "1",
            "--no-skip-bigrams",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("seeds0,ROUGE-1,ALL,"))
        .stdout(predicate::str::contains("seeds0,ROUGE-1,single,"));
}

#[test]
fn missing_clusters_are_reported_not_skipped_silently() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let refs = tmp.path().join("refs");
    let sys = tmp.path().join("mine");
    let f = fixtures();
    for cluster in ["seeds0", "seeds1"] {
        fs::create_dir_all(refs.join(cluster)).expect("mkdir");
        fs::copy(
            f.join(format!("refs/{cluster}/A.txt")),
            refs.join(cluster).join("A.txt"),
        )
        .expect("copy");
    }
    fs::create_dir_all(refs.join("empty")).expect("mkdir");
    fs::create_dir_all(&sys).expect("mkdir");
    fs::copy(f.join("peers/lead/seeds0.txt"), sys.join("seeds0.txt")).expect("copy");
    fs::write(sys.join("extra.txt"), "A summary without references.\n").expect("write");
    let out = eval()
        .arg("--refs")
        .arg(&refs)
        .arg("--system")
        .arg(&sys)
        .args(["--format", "json"])
        .assert()
        .success()
        .stderr(predicate::str::contains("no summary for cluster 'seeds1'"))
        .stderr(predicate::str::contains(
            "cluster 'extra' has no reference summary",
        ))
        .stderr(predicate::str::contains(
            "cluster 'empty' has no reference summary",
        ))
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).expect("json");
    let missing: Vec<(String, String)> = v["missing"]
        .as_array()
        .expect("missing")
        .iter()
        .map(|m| {
            (
                m["cluster"].as_str().unwrap_or("").into(),
                m["missing"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    assert_eq!(
        missing,
        [
            ("empty".to_string(), "references".to_string()),
            ("extra".into(), "references".into()),
            ("seeds1".into(), "summary".into()),
        ]
    );
    assert_eq!(v["systems"][0]["clusters"], 1);
}

#[test]
fn missing_or_unreadable_input_exits_3() {
    let f = fixtures();
    eval()
        .args(["--refs", "/nonexistent/refs", "--system"])
        .arg(f.join("peers/lead"))
        .assert()
        .code(3)
        .stderr(
            predicate::str::contains("/nonexistent/refs")
                .and(predicate::str::is_match("^[^\n]*\n$").expect("regex")),
        );
    eval()
        .arg("--ref")
        .arg(f.join("refs/seeds0/A.txt"))
        .args(["--summary", "/nonexistent/mine.txt"])
        .assert()
        .code(3);
    // A system sharing no cluster with the references.
    let tmp = tempfile::tempdir().expect("tempdir");
    fs::write(tmp.path().join("other.txt"), "text\n").expect("write");
    eval()
        .arg("--refs")
        .arg(f.join("refs"))
        .arg("--system")
        .arg(tmp.path())
        .assert()
        .code(3);
}

#[test]
fn bad_flags_exit_2_without_panicking() {
    let f = fixtures();
    let base = lead_against_refs;
    for flags in [
        "-q",
        "-l 100 -b 665",
        "-n",
        "-f C",
        "-p 1.5",
        "-3 HM",
        "config.xml",
    ] {
        base()
            .args(["--rouge155", flags])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("panicked").not());
    }
    base().args(["--alpha", "2"]).assert().code(2);
    base().args(["--resamples", "0"]).assert().code(2);
    base().args(["--format", "xml"]).assert().code(2);
    eval().assert().code(2);
    eval()
        .arg("--ref")
        .arg(f.join("refs/seeds0/A.txt"))
        .assert()
        .code(2);
    eval()
        .arg("--refs")
        .arg(f.join("refs"))
        .arg("--summary")
        .arg(f.join("peers/lead/seeds0.txt"))
        .assert()
        .code(2);
}

#[test]
fn absurd_sizes_exit_2_with_the_limit_instead_of_aborting() {
    let f = fixtures();
    let base = lead_against_refs;
    for (args, limit) in [
        (vec!["--rouge155", "-n 999999"], "16"),
        (vec!["--max-n", "1000000"], "16"),
        (vec!["--rouge155", "-r 1000000000"], "100000"),
        (vec!["--resamples", "1000000000"], "100000"),
    ] {
        base().args(&args).assert().code(2).stderr(
            predicate::str::contains(limit).and(predicate::str::contains("panicked").not()),
        );
    }
    // 100,000 words on one line: ROUGE-S with any gap, and ROUGE-W, would need tables beyond memory.
    let tmp = tempfile::tempdir().expect("tmp");
    let sys = tmp.path().join("huge");
    fs::create_dir_all(&sys).expect("dir");
    fs::write(sys.join("seeds0.txt"), "peace talks ".repeat(50_000)).expect("write");
    for flags in ["-2 -1 -u -x -r 10", "-w 1.2 -r 10"] {
        eval()
            .arg("--refs")
            .arg(f.join("refs"))
            .arg("--system")
            .arg(&sys)
            .args(["--rouge155", flags])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("at most"));
    }
}

/// Regression (a summary `<cluster>.txt` that was a symbolic link loop or a link to nothing was
/// skipped without a word; only the cluster's absence was reported).
#[cfg(unix)]
#[test]
fn summary_link_to_nothing_or_a_loop_was_skipped_silently() {
    let tmp = tempfile::tempdir().unwrap();
    let (refs, sys) = (tmp.path().join("refs"), tmp.path().join("sys"));
    for cluster in ["c1", "c2", "c3"] {
        fs::create_dir_all(refs.join(cluster)).unwrap();
        fs::write(
            refs.join(cluster).join("A.txt"),
            "The talks resumed in Geneva.\n",
        )
        .unwrap();
    }
    fs::create_dir_all(&sys).unwrap();
    fs::write(sys.join("c1.txt"), "Talks resumed in Geneva on Monday.\n").unwrap();
    std::os::unix::fs::symlink("c2.txt", sys.join("c2.txt")).unwrap();
    std::os::unix::fs::symlink(tmp.path().join("gone"), sys.join("c3.txt")).unwrap();
    let out = eval()
        .arg("--refs")
        .arg(&refs)
        .arg("--system")
        .arg(&sys)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("c2.txt: a symbolic link loop; skipped"),
        "{stderr}"
    );
    assert!(
        stderr.contains("c3.txt: no such file or directory; skipped"),
        "{stderr}"
    );
}
