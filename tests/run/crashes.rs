//! Runs that race, crash or fail: the lock, a run killed while writing, a damaged state file
//! and failures that must leave the digests and the state as they were.

use super::*;

#[test]
fn concurrent_runs_exactly_one_writes_the_other_exits_7() {
    let sim = Sim::new();
    sim.arrive("day1");
    // A takes the lock and waits there; B must give up at once.
    let (mut a, mut a_err) = sim.spawn_paused(DAY1, "locked");
    let out = sim.run(DAY1).assert().code(7);
    let stderr = crate::util::stderr_of(&out);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("lock"), "{stderr}");
    assert!(
        sim.digests().is_empty(),
        "the locked-out run wrote something"
    );
    // A goes on and writes the digest.
    a.stdin.take().unwrap().write_all(b"\n").unwrap();
    let mut rest = String::new();
    a_err.read_to_string(&mut rest).unwrap();
    assert_eq!(a.wait().unwrap().code(), Some(0), "{rest}");
    assert_eq!(
        names(&sim.digests()),
        ["digest-2026-11-02.json", "digest-2026-11-02.md"]
    );
}

#[test]
fn two_runs_started_together_write_one_digest() {
    let sim = Sim::new();
    sim.arrive("day1");
    let spawn = || {
        std::process::Command::new(BIN)
            .args(["run", "--quiet", "--now", DAY1, "--config"])
            .arg(sim.config())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .env_remove("NEWSDIGEST_TEST_PAUSE")
            .spawn()
            .unwrap()
    };
    let (mut a, mut b) = (spawn(), spawn());
    let mut codes = [
        a.wait().unwrap().code().unwrap(),
        b.wait().unwrap().code().unwrap(),
    ];
    codes.sort();
    // Whichever order they ran in: one wrote (0); the other was locked out (7) or, if it
    // started after the first had finished, found nothing new (6).
    assert!(codes == [0, 6] || codes == [0, 7], "{codes:?}");
    assert_eq!(
        names(&sim.digests()),
        ["digest-2026-11-02.json", "digest-2026-11-02.md"]
    );
}

#[test]
fn run_killed_while_writing_leaves_previous_digest_and_state_and_next_run_succeeds() {
    // "output": after the first of two outputs is in place; "outputs-written": after both,
    // before the state is saved; "state-backup-written": while the state is being saved.
    for point in ["output", "outputs-written", "state-backup-written"] {
        let (sim, day1, state1) = Sim::after_first_day();

        sim.arrive("day2");
        let (mut child, _stderr) = sim.spawn_paused(DAY2, point);
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        // What a kill inside an atomic write leaves: a temp file beside the target.
        let temp = sim.path("state/.newsdigest-killed.tmp");
        std::fs::write(&temp, "{\"version\": 1, \"articles\": {").unwrap();

        let now = sim.digests();
        for (name, bytes) in &day1 {
            assert_eq!(&now[name], bytes, "{point}: {name} changed");
        }
        assert_eq!(sim.state_bytes(), state1, "{point}: state changed");
        // No temp file is left where a reader could take it for a digest.
        assert!(
            now.keys().all(|n| n.starts_with("digest-")),
            "{point}: {now:?}"
        );

        // The next run succeeds, under the same names (the killed run's leftovers are
        // replaced, not kept beside a "-2" copy), and the state records both days.
        let out = sim.run(DAY2).assert().code(0);
        let stderr = crate::util::stderr_of(&out);
        assert!(stderr.contains("interrupted run"), "{point}: {stderr}");
        assert_eq!(
            names(&sim.digests()),
            [
                "digest-2026-11-02.json",
                "digest-2026-11-02.md",
                "digest-2026-11-03.json",
                "digest-2026-11-03.md"
            ],
            "{point}"
        );
        assert!(!temp.exists(), "{point}: stale temp file kept");
        let state: Value = serde_json::from_slice(&sim.state_bytes()).unwrap();
        assert_eq!(state["digests"].as_array().unwrap().len(), 2, "{point}");
        assert_eq!(state["articles"].as_object().unwrap().len(), 6, "{point}");
        sim.run(DAY3).assert().code(6);
    }
}

#[test]
fn corrupt_or_truncated_state_is_a_clear_error_and_nothing_is_lost() {
    for damage in ["truncate", "empty", "garbage"] {
        let (sim, day1, good) = Sim::after_first_day();
        let bad: Vec<u8> = match damage {
            "truncate" => good[..good.len() / 2].to_vec(),
            "empty" => Vec::new(),
            _ => b"\x00garbage{".to_vec(),
        };
        std::fs::write(sim.path("state/state.json"), &bad).unwrap();
        sim.arrive("day2");

        for check in [false, true] {
            let mut cmd = sim.run(DAY2);
            cmd.arg("--quiet");
            if check {
                cmd.arg("--check");
            }
            let out = cmd.assert().code(3);
            let stderr = crate::util::stderr_of(&out);
            assert_eq!(stderr.lines().count(), 1, "{damage}: {stderr}");
            assert!(stderr.contains("state/state.json"), "{damage}: {stderr}");
            assert!(stderr.contains("corrupt"), "{damage}: {stderr}");
        }
        // Nothing written, nothing deleted, and the damaged file is left for inspection.
        assert_eq!(sim.digests(), day1, "{damage}");
        assert_eq!(sim.state_bytes(), bad, "{damage}");

        // Putting the good state back (as the message says) recovers fully.
        std::fs::write(sim.path("state/state.json"), &good).unwrap();
        sim.run(DAY2).assert().code(0);
        let d2 = sim.digest_json("digest-2026-11-03.json");
        assert!(source_files(&d2).is_subset(&fixture_names("day2")));
    }
}

#[test]
fn failed_runs_leave_digests_and_state_as_they_were() {
    let (sim, day1, state1) = Sim::after_first_day();
    sim.arrive("day2");
    // A model that cannot be read: exit 4.
    sim.run(DAY2)
        .args(["--embeddings", "no-such-model.fifu"])
        .assert()
        .code(4);
    // An output directory that cannot be made (its parent is a file): exit 5.
    std::fs::write(sim.path("blocker"), "").unwrap();
    let blocked = sim.path("blocker/digests");
    sim.run(DAY2)
        .arg("--output-dir")
        .arg(&blocked)
        .assert()
        .code(5);
    // A source directory that vanished (a failed mount): exit 3, not "nothing new".
    sim.run(DAY2)
        .args(["--input", "/nonexistent/newsdigest-incoming"])
        .assert()
        .code(3);
    assert_eq!(sim.digests(), day1);
    assert_eq!(sim.state_bytes(), state1);
    assert!(!sim.path("state/pending-outputs.json").exists());
    sim.run(DAY2).assert().code(0);
}

/// Regression (two installations with their own state but one output folder, run at the same
/// time: the second rename replaced the first run's digest, and both states recorded it).
#[test]
fn a_digest_name_taken_after_planning_was_overwritten() {
    let sim = Sim::new();
    sim.arrive("day1");
    let (mut a, mut a_err) = sim.spawn_paused(DAY1, "planned");
    // Another process writes the JSON name this run planned to use.
    std::fs::create_dir_all(sim.path("digests")).unwrap();
    std::fs::write(sim.path("digests/digest-2026-11-02.json"), "theirs").unwrap();
    a.stdin.take().unwrap().write_all(b"\n").unwrap();
    let mut rest = String::new();
    a_err.read_to_string(&mut rest).unwrap();
    assert_eq!(a.wait().unwrap().code(), Some(0), "{rest}");
    let digests = sim.digests();
    assert_eq!(
        names(&digests),
        [
            "digest-2026-11-02-2.json",
            "digest-2026-11-02-2.md",
            "digest-2026-11-02.json"
        ],
        "{rest}"
    );
    assert_eq!(digests["digest-2026-11-02.json"], b"theirs");
    let state = String::from_utf8(sim.state_bytes()).unwrap();
    assert!(state.contains("digest-2026-11-02-2.md"), "{state}");
    assert!(!state.contains("digest-2026-11-02.json"), "{state}");
}

/// Regression (recovery removed every file the journal listed: a file that another
/// installation or a person put under a name the killed run had only planned was deleted):
/// only the bytes the killed run wrote go.
#[test]
fn recovery_deleted_a_file_the_killed_run_never_wrote() {
    let (sim, _day1, _state1) = Sim::after_first_day();
    sim.arrive("day2");
    let (mut child, _stderr) = sim.spawn_paused(DAY2, "output");
    child.kill().unwrap(); // SIGKILL after the first of two outputs
    child.wait().unwrap();
    let journal: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(sim.path("state/pending-outputs.json")).unwrap())
            .unwrap();
    let path_of = |written: bool| {
        journal
            .iter()
            .find(|e| e.get("written").is_some() == written)
            .and_then(|e| e["path"].as_str())
            .map(std::path::PathBuf::from)
            .unwrap()
    };
    let (written, planned) = (path_of(true), path_of(false));
    assert!(written.exists() && !planned.exists());
    std::fs::write(&planned, "someone else's file").unwrap();
    let out = sim.run(DAY2).assert().code(0);
    let stderr = crate::util::stderr_of(&out);
    assert_eq!(
        std::fs::read_to_string(&planned).unwrap(),
        "someone else's file",
        "{stderr}"
    );
    assert!(stderr.contains("leaving"), "{stderr}");
    assert!(
        stderr.contains("left incomplete by an interrupted run"),
        "{stderr}"
    );
}
