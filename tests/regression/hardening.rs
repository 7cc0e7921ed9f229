//! Regression tests of the hardening issue: each is named after the bug it pins down.

use crate::run::*;
use serde_json::Value;
use std::path::Path;

use crate::util::stderr_of;

fn edit_state(sim: &Sim, edit: impl FnOnce(&mut Value)) {
    let mut state: Value = serde_json::from_slice(&sim.state_bytes()).unwrap();
    edit(&mut state);
    std::fs::write(
        sim.path("state/state.json"),
        serde_json::to_vec(&state).unwrap(),
    )
    .unwrap();
}

fn old_record(day: u32, file: &Path) -> Value {
    serde_json::json!({
        "date": format!("2026-09-{day:02}"),
        "written": format!("2026-09-{day:02}T06:00:00+02:00"),
        "files": [file],
        "articles": 1,
    })
}

#[cfg(unix)]
#[test]
fn retention_through_the_state_file_deletes_only_our_digests() {
    let sim = Sim::new();
    sim.arrive("day1");
    sim.run(DAY1).assert().code(0);
    let victim = sim.path("precious.txt");
    std::fs::write(&victim, "keep").unwrap();
    let legit = sim.path("digests/digest-2026-09-01.md");
    std::fs::write(&legit, "an old digest").unwrap();
    let link = sim.path("digests/digest-2026-09-03.md");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    edit_state(&sim, |s| {
        let digests = s["digests"].as_array_mut().unwrap();
        let old = [
            old_record(1, &legit),
            old_record(2, &victim),
            old_record(3, &link),
            old_record(4, &sim.path("digests/digest-2026-09-04.md")),
        ];
        for (i, r) in old.into_iter().enumerate() {
            digests.insert(i, r);
        }
    });
    sim.arrive("day2");
    let out = sim.run(DAY2).assert().code(0);
    let stderr = stderr_of(&out);
    assert!(!legit.exists(), "an expired digest was kept: {stderr}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    assert!(std::fs::symlink_metadata(&link).is_ok(), "symlink deleted");
    assert!(stderr.contains("refusing to delete"), "{stderr}");
}

#[test]
fn crash_recovery_through_the_journal_deletes_only_our_outputs() {
    let sim = Sim::new();
    sim.arrive("day1");
    sim.run(DAY1).assert().code(0);
    let victim = sim.path("incoming/courier-water-advisory.txt");
    let before = std::fs::read(&victim).unwrap();
    std::fs::write(
        sim.path("state/pending-outputs.json"),
        serde_json::to_vec(&[&victim]).unwrap(),
    )
    .unwrap();
    // A nothing-new run still recovers: the article must survive it.
    let out = sim.run(DAY2).assert().code(6);
    assert_eq!(
        std::fs::read(&victim).unwrap(),
        before,
        "{}",
        stderr_of(&out)
    );
    // A bare path (a journal of an earlier version) was only planned: it stays without a word
    // of deleting it.
    assert!(stderr_of(&out).contains("leaving"), "{}", stderr_of(&out));
}

#[test]
fn future_clock_now_in_2099_deletes_no_digest() {
    let sim = Sim::new();
    sim.arrive("day1");
    sim.run(DAY1).assert().code(0);
    sim.arrive("day2");
    sim.run(DAY2).assert().code(0);
    let before = sim.digests();
    sim.arrive("day3");
    std::fs::write(
        sim.path("incoming/late-news.txt"),
        "Late news from the harbor\n\nThe harbor authority opened a new ferry terminal on the \
         east pier after three years of construction work.\n",
    )
    .unwrap();
    let out = sim.run("2099-01-01T06:30:00+01:00").assert().code(0);
    let stderr = stderr_of(&out);
    assert!(stderr.contains("clock may have jumped"), "{stderr}");
    for name in before.keys() {
        assert!(sim.digests().contains_key(name), "{name} deleted: {stderr}");
    }
}

#[test]
fn clock_gone_backwards_is_warned_about_and_deletes_nothing() {
    let sim = Sim::new();
    sim.arrive("day2");
    sim.run(DAY2).assert().code(0);
    sim.arrive("day1");
    let out = sim.run(DAY1).assert();
    assert!(stderr_of(&out).contains("clock has gone backwards"));
}

#[cfg(unix)]
#[test]
fn symlink_loop_in_a_source_dir_is_skipped_not_exit_3() {
    let sim = Sim::new();
    sim.arrive("day1");
    std::fs::create_dir(sim.path("incoming/sub")).unwrap();
    std::os::unix::fs::symlink(sim.path("incoming"), sim.path("incoming/sub/loop")).unwrap();
    let out = sim.run(DAY1).assert().code(0);
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains("WARN") && stderr.contains("loop"),
        "{stderr}"
    );
}

#[test]
fn output_and_state_dirs_inside_a_source_dir_are_not_read_back() {
    let sim = Sim::with_config(
        "[sources]\ninputs = [\".\"]\n[output]\ndir = \"out\"\nformats = [\"markdown\", \"json\", \"text\"]\n",
    );
    sim.arrive("day1");
    std::fs::rename(sim.path("incoming"), sim.path("articles")).unwrap();
    sim.run(DAY1).assert().code(0);
    // The digests just written are no new articles.
    let out = sim.run(DAY2).assert().code(6);
    assert!(stderr_of(&out).contains("nothing new"));
}

#[test]
fn binary_file_in_a_source_is_warned_about_once_not_every_day() {
    let sim = Sim::new();
    sim.arrive("day1");
    std::fs::write(
        sim.path("incoming/photo.txt"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00",
    )
    .unwrap();
    let first = stderr_of(&sim.run(DAY1).assert().code(0));
    assert!(first.contains("WARN  skipped"), "{first}");
    // Regression: the warning named the file twice ("skipped X: X: binary data").
    assert_eq!(first.matches("photo.txt").count(), 1, "{first}");
    let second = stderr_of(&sim.run(DAY2).assert().code(6));
    assert!(!second.contains("WARN"), "{second}");
    assert!(second.contains("photo.txt"), "{second}");
}

#[test]
fn check_passed_with_an_unwritable_state_or_output_dir() {
    let sim = Sim::new();
    sim.arrive("day1");
    // A regular file where a directory would have to be made: refused even to root.
    std::fs::write(sim.path("blocker"), "").unwrap();
    for flag in ["--state-dir", "--output-dir"] {
        let out = sim
            .run(DAY1)
            .arg("--check")
            .arg(flag)
            .arg(sim.path("blocker/dir"))
            .assert()
            .code(5);
        assert!(stderr_of(&out).contains("blocker"), "{flag}");
    }
}

/// Regression (a state file that is a link to a device was read without a cap, with the lock
/// held: memory grew without end and every later cron run exited 7).
#[cfg(unix)]
#[test]
fn state_file_on_a_device_was_read_without_end_holding_the_lock() {
    let sim = Sim::new();
    sim.arrive("day1");
    std::fs::create_dir_all(sim.path("state")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", sim.path("state/state.json")).unwrap();
    let out = sim
        .run(DAY1)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(3);
    let stderr = stderr_of(&out);
    assert!(stderr.contains("larger than"), "{stderr}");
}

/// Regression (`output.dir = ""` passed `--check` and meant the config's own directory: the
/// sources under it were then excluded, and every run found nothing, exit 6).
#[test]
fn empty_output_dir_passed_the_check_and_hid_every_source() {
    let sim = Sim::with_config("[sources]\ninputs = [\"incoming\"]\n[output]\ndir = \"\"\n");
    let out = sim.run(DAY1).arg("--check").assert().code(2);
    let stderr = stderr_of(&out);
    assert!(stderr.contains("output.dir: empty"), "{stderr}");
}

/// Regression (`--check` passed a file-name pattern longer than a file system takes; the run
/// then failed writing, exit 5).
#[test]
fn overlong_name_pattern_passed_the_check_and_failed_the_run() {
    let sim = Sim::new();
    let name = format!("{}-{{date}}.{{ext}}", "d".repeat(300));
    let out = sim
        .run(DAY1)
        .args(["--check", "--name", &name])
        .assert()
        .code(2);
    let stderr = stderr_of(&out);
    assert!(stderr.contains("at most 255"), "{stderr}");
}

/// Regression (a FIFO given as a source was skipped without a word, so the run said only
/// "nothing new").
#[cfg(unix)]
#[test]
fn fifo_source_was_skipped_without_a_word() {
    let sim = Sim::with_config(
        "state_dir = \"state\"\n[sources]\ninputs = [\"incoming\", \"pipe\"]\n[output]\ndir = \"digests\"\n",
    );
    sim.arrive("day1");
    crate::util::mkfifo(&sim.path("pipe"));
    let out = sim
        .run(DAY1)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(0);
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains("pipe") && stderr.contains("FIFO"),
        "{stderr}"
    );
}

/// Regression (a first run whose budget no sentence fits said "every usable sentence repeats the
/// digests of the last 7 day(s)", exit 6, though there were no earlier digests).
#[test]
fn a_budget_no_sentence_fits_was_called_repeats_of_recent_digests() {
    let sim = Sim::new();
    sim.arrive("day1");
    let out = sim.run(DAY1).args(["--words", "3"]).assert().code(3);
    let stderr = stderr_of(&out);
    assert!(stderr.contains("no sentence fits the budget"), "{stderr}");
}

/// Regression (retention deleted a recorded digest's path even after a person had put another
/// file there; recovery checked the bytes, retention did not).
#[test]
fn retention_deleted_a_digest_file_replaced_by_hand() {
    let sim = Sim::new();
    sim.arrive("day1");
    sim.run(DAY1).assert().code(0);
    let state: Value = serde_json::from_slice(&sim.state_bytes()).unwrap();
    let files: Vec<String> = state["digests"][0]["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect();
    let (md, json) = if files[0].ends_with(".md") {
        (&files[0], &files[1])
    } else {
        (&files[1], &files[0])
    };
    std::fs::write(md, "my own notes").unwrap();
    edit_state(&sim, |s| {
        let digests = s["digests"].as_array_mut().unwrap();
        digests[0]["date"] = "2026-09-01".into();
        for day in 2..5 {
            let file = sim.path(&format!("digests/digest-2026-09-{day:02}.md"));
            digests.push(old_record(day, &file));
        }
    });
    sim.arrive("day2");
    let out = sim.run(DAY2).assert().code(0);
    let stderr = stderr_of(&out);
    assert_eq!(std::fs::read_to_string(md).unwrap(), "my own notes");
    assert!(
        stderr.contains("leaving") && stderr.contains(md.as_str()),
        "{stderr}"
    );
    // Its sibling still holds what was written: expired and deleted as before.
    assert!(!Path::new(json).exists(), "{stderr}");
}

/// Regression (an output.dir or state_dir holding a source folder hid it whole: every run
/// found nothing, exit 6, and `--check` said only that the sources hold no article).
#[test]
fn output_or_state_dir_over_a_source_hid_it_in_silence() {
    for config in [
        "[sources]\ninputs = [\"incoming\"]\n[output]\ndir = \".\"\n",
        "state_dir = \"incoming\"\n[sources]\ninputs = [\"incoming\"]\n[output]\ndir = \"out\"\n",
    ] {
        let sim = Sim::with_config(config);
        sim.arrive("day1");
        for check in [true, false] {
            let mut cmd = sim.run(DAY1);
            if check {
                cmd.arg("--check");
            }
            let out = cmd.assert().code(2);
            let stderr = stderr_of(&out);
            assert!(
                stderr.contains("incoming") && stderr.contains("output or state folder"),
                "{config}: {stderr}"
            );
        }
    }
}

/// Regression (config errors named their key twice: "c.toml:5:6: output.name: output.name: …",
/// "--name: output.name: …").
#[test]
fn config_errors_named_their_key_twice() {
    let sim = Sim::with_config(
        "[sources]\ninputs = [\"incoming\"]\n[output]\ndir = \"out\"\nformats = [\"json\", \"markdown\"]\nname = \"x-{date}\"\n",
    );
    let out = sim.run(DAY1).arg("--check").assert().code(2);
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains(":6:8: output.name: `x-{date}` has no {ext}"),
        "{stderr}"
    );
    assert_eq!(stderr.matches("output.name").count(), 1, "{stderr}");
    let out = sim
        .run(DAY1)
        .args(["--check", "--name", "y-{date}"])
        .assert()
        .code(2);
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains("--name: `y-{date}` has no {ext}"),
        "{stderr}"
    );
}

/// Regression (a journal that could not be read, here a FIFO, was ignored without a word).
#[cfg(unix)]
#[test]
fn unreadable_journal_was_ignored_in_silence() {
    let sim = Sim::new();
    sim.arrive("day1");
    sim.run(DAY1).assert().code(0);
    crate::util::mkfifo(&sim.path("state/pending-outputs.json"));
    sim.arrive("day2");
    let out = sim
        .run(DAY2)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(0);
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains("WARN  recovery:") && stderr.contains("pending-outputs.json"),
        "{stderr}"
    );
}

/// Regression (an empty `summary.topic` in the file was refused without its line and column).
#[test]
fn empty_topic_in_the_config_did_not_say_where() {
    let sim = Sim::with_config(
        "[sources]\ninputs = [\"incoming\"]\n[output]\ndir = \"out\"\n[summary]\ntopic = \"the\"\n",
    );
    let out = sim.run(DAY1).arg("--check").assert().code(2);
    let stderr = stderr_of(&out);
    assert!(
        stderr
            .contains("newsdigest.toml:6:9: summary.topic: the topic \"the\" has no content word"),
        "{stderr}"
    );
}

/// Regression (config errors spoke serde's types: "expected u32", "expected a sequence").
#[test]
fn config_errors_spoke_of_u32_and_sequences() {
    for (setting, says) in [
        (
            "[summary]\nnovelty_days = -3\n",
            "expected a whole number from 0 to 4294967295",
        ),
        // A count of at least 1 says so (probe 16: it said "from 0", then refused 0).
        (
            "[summary]\nwords = -3\n",
            "expected a whole number from 1 to 4294967295",
        ),
        (
            "[summary]\nseed = 1.5\n",
            "expected a whole number from 0 to 18446744073709551615",
        ),
        ("[output]\nformats = \"md\"\n", "expected a list"),
    ] {
        let sim = Sim::with_config(&format!("[sources]\ninputs = [\"incoming\"]\n{setting}"));
        let out = sim.run(DAY1).arg("--check").assert().code(2);
        let stderr = stderr_of(&out);
        assert!(
            stderr.contains(says) && !stderr.contains("expected u"),
            "{stderr}"
        );
    }
}

/// Regression (a damaged state's advice said to restore `state.json.bak` without looking at
/// it: the backup could be damaged too).
#[test]
fn corrupt_state_advice_named_a_backup_that_was_no_better() {
    let (sim, _, good) = Sim::after_first_day();
    std::fs::write(sim.path("state/state.json"), b"{").unwrap();
    let advice = |sim: &Sim| stderr_of(&sim.run(DAY2).arg("--check").assert().code(3));
    std::fs::write(sim.path("state/state.json.bak"), b"garbage").unwrap();
    let stderr = advice(&sim);
    assert!(
        stderr.contains("state.json.bak is no valid state either") && !stderr.contains("restore"),
        "{stderr}"
    );
    std::fs::write(sim.path("state/state.json.bak"), &good).unwrap();
    let stderr = advice(&sim);
    assert!(stderr.contains("restore it from"), "{stderr}");
}

/// Regression (`--now 9999-12-31T23:00:00-12:00` wrote `digest-+10000-01-01.md`).
#[test]
fn now_past_the_year_9999_named_a_digest_plus_10000() {
    let sim = Sim::new();
    sim.arrive("day1");
    for now in ["9999-12-31T23:00:00-12:00", "1969-12-31T23:00:00Z"] {
        let out = sim.run(now).arg("--check").assert().code(2);
        let stderr = stderr_of(&out);
        assert!(
            stderr.contains("between the years 1970 and 9998"),
            "{stderr}"
        );
    }
}
