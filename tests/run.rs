//! `newsdigest run` end to end: simulated days, the lock, killed runs, a damaged state file and
//! the shipped cron/systemd examples. Every test works in its own temporary directory and
//! synchronises with the binary through its test pause points (no sleeps, no timing races).

use assert_cmd::Command;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, Stdio};

use crate::util::BIN;
pub const DAY1: &str = "2026-11-02T06:30:00+01:00";
pub const DAY2: &str = "2026-11-03T06:30:00+01:00";
pub const DAY3: &str = "2026-11-04T06:30:00+01:00";

pub fn fixtures() -> PathBuf {
    crate::util::fixture("run")
}

/// A simulated installation: articles arrive in `incoming/`, digests go to `digests/`.
pub struct Sim {
    dir: tempfile::TempDir,
}

impl Sim {
    pub fn new() -> Self {
        Self::with_config(
            "timezone = \"Europe/Berlin\"\nstate_dir = \"state\"\n\n[sources]\ninputs = [\"incoming\"]\n\n[output]\ndir = \"digests\"\nformats = [\"markdown\", \"json\"]\nretention_days = 30\n\n[summary]\nwords = 60\nnovelty_days = 7\n",
        )
    }

    pub fn with_config(config: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("incoming")).unwrap();
        std::fs::write(dir.path().join("newsdigest.toml"), config).unwrap();
        Sim { dir }
    }

    /// A default installation after a successful first day, with its digests and state.
    pub fn after_first_day() -> (Sim, BTreeMap<String, Vec<u8>>, Vec<u8>) {
        let sim = Sim::new();
        sim.arrive("day1");
        sim.run(DAY1).assert().code(0);
        let (digests, state) = (sim.digests(), sim.state_bytes());
        (sim, digests, state)
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn config(&self) -> PathBuf {
        self.path("newsdigest.toml")
    }

    /// The collector drops a day's articles into `incoming/` (earlier days' stay there).
    pub fn arrive(&self, day: &str) {
        for entry in std::fs::read_dir(fixtures().join(day)).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), self.path("incoming").join(entry.file_name())).unwrap();
        }
    }

    pub fn run(&self, now: &str) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.arg("run")
            .arg("--config")
            .arg(self.config())
            .arg("--now")
            .arg(now)
            .env_remove("NEWSDIGEST_TEST_PAUSE");
        cmd
    }

    /// Start a run that stops at `point` and wait until it is there.
    // The child is handed to the caller, who kills or resumes it and waits.
    #[allow(clippy::zombie_processes)]
    pub fn spawn_paused(&self, now: &str, point: &str) -> (Child, BufReader<ChildStderr>) {
        let mut child = std::process::Command::new(BIN)
            .arg("run")
            .arg("--config")
            .arg(self.config())
            .arg("--now")
            .arg(now)
            .env("NEWSDIGEST_TEST_PAUSE", point)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let marker = format!("test pause at {point}");
        let mut seen = String::new();
        loop {
            let mut line = String::new();
            let n = stderr.read_line(&mut line).unwrap_or(0);
            if n == 0 {
                let status = child.wait();
                panic!("run ended ({status:?}) before pausing at {point}:\n{seen}");
            }
            seen.push_str(&line);
            if line.contains(&marker) {
                return (child, stderr);
            }
        }
    }

    /// Every file under `digests/` (not the state) with its bytes.
    pub fn digests(&self) -> BTreeMap<String, Vec<u8>> {
        let mut out = BTreeMap::new();
        let dir = self.path("digests");
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for e in entries {
                let e = e.unwrap();
                if e.file_type().unwrap().is_file() {
                    out.insert(
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read(e.path()).unwrap(),
                    );
                }
            }
        }
        out
    }

    pub fn state_bytes(&self) -> Vec<u8> {
        std::fs::read(self.path("state/state.json")).unwrap()
    }

    pub fn digest_json(&self, name: &str) -> Value {
        serde_json::from_slice(&std::fs::read(self.path("digests").join(name)).unwrap()).unwrap()
    }
}

pub fn sentences(digest: &Value) -> Vec<String> {
    digest["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap().to_string())
        .collect()
}

/// File names of every article a digest drew on (the source and the copies).
pub fn source_files(digest: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for s in digest["sentences"].as_array().unwrap() {
        let mut ids = vec![s["source"]["id"].as_str().unwrap().to_string()];
        if let Some(also) = s["also_in"].as_array() {
            ids.extend(also.iter().map(|a| a["id"].as_str().unwrap().to_string()));
        }
        for id in ids {
            out.insert(
                Path::new(&id)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
            );
        }
    }
    out
}

pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn fixture_names(day: &str) -> BTreeSet<String> {
    std::fs::read_dir(fixtures().join(day))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

pub fn names(map: &BTreeMap<String, Vec<u8>>) -> Vec<&str> {
    map.keys().map(String::as_str).collect()
}

#[test]
fn three_days_digest_only_what_is_new() {
    let sim = Sim::new();

    // Day 1: three articles.
    sim.arrive("day1");
    sim.run(DAY1).assert().code(0);
    let day1 = sim.digests();
    assert_eq!(
        names(&day1),
        ["digest-2026-11-02.json", "digest-2026-11-02.md"]
    );
    let d1 = sim.digest_json("digest-2026-11-02.json");
    let s1 = sentences(&d1);
    assert!(!s1.is_empty());
    assert!(source_files(&d1).is_subset(&fixture_names("day1")));

    // Day 2: three more articles arrive; day 1's are still in the directory. Two of the new
    // ones repeat sentences of day 1's articles word for word, and a wire story repeats every
    // sentence of day 1's digest among new ones (written here, since it depends on day 1's
    // digest): none of those may come back.
    sim.arrive("day2");
    let mut wire = String::from("Harbor City water update from the wire desk\n\n");
    for s in &s1 {
        wire.push_str(s);
        wire.push_str(" Crews worked through the night on Tuesday to secure the site.\n\n");
    }
    std::fs::write(sim.path("incoming/zz-wire-recap.txt"), wire).unwrap();
    sim.run(DAY2).assert().code(0);
    let after2 = sim.digests();
    assert_eq!(
        names(&after2),
        [
            "digest-2026-11-02.json",
            "digest-2026-11-02.md",
            "digest-2026-11-03.json",
            "digest-2026-11-03.md"
        ]
    );
    for (name, bytes) in &day1 {
        assert_eq!(&after2[name], bytes, "{name} changed on day 2");
    }
    let d2 = sim.digest_json("digest-2026-11-03.json");
    let s2 = sentences(&d2);
    assert!(!s2.is_empty());
    let sources2 = source_files(&d2);
    let mut day2_names = fixture_names("day2");
    day2_names.insert("zz-wire-recap.txt".into());
    assert!(
        sources2.is_subset(&day2_names),
        "day 2 digest drew on day 1 articles: {sources2:?}"
    );
    // Nor a sentence of the articles day 1 digested (the wire copies of their background).
    let day1_text: Vec<String> = fixture_names("day1")
        .iter()
        .map(|n| collapse(&std::fs::read_to_string(fixtures().join("day1").join(n)).unwrap()))
        .collect();
    for s in &s2 {
        assert!(!s1.contains(s), "day 2 repeats a day 1 sentence: {s}");
        assert!(
            !day1_text.iter().any(|t| t.contains(&collapse(s))),
            "day 2 repeats a sentence of a day 1 article: {s}"
        );
    }
    assert_eq!(d2["meta"]["inputs"], 4);

    // Day 3: only a re-saved copy of a day 2 article (other name, CRLF, extra blank lines).
    sim.arrive("day3");
    let state2 = sim.state_bytes();
    let out = sim.run(DAY3).assert().code(6);
    let stderr = crate::util::stderr_of(&out);
    assert!(stderr.contains("nothing new"), "{stderr}");
    assert_eq!(
        sim.digests(),
        after2,
        "a day with nothing new changed the digests"
    );
    assert_eq!(
        sim.state_bytes(),
        state2,
        "a day with nothing new changed the state"
    );

    // --check agrees, and writes nothing.
    let out = sim.run(DAY3).arg("--check").assert().code(0);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.contains("would read 0 new article(s)"), "{stdout}");
    assert!(stdout.contains("exit 6"), "{stdout}");
    assert_eq!(sim.digests(), after2);
}

#[test]
fn a_republished_article_with_a_new_headline_is_nothing_new() {
    let sim = Sim::new();
    sim.arrive("day1");
    sim.run(DAY1).assert().code(0);
    let day1 = sim.digests();
    // The same story re-published under a new headline: another content key, no new sentence.
    let body = std::fs::read_to_string(fixtures().join("day1/tribune-pipeline-break.txt")).unwrap();
    let (_, rest) = body.split_once('\n').unwrap();
    std::fs::write(
        sim.path("incoming/tribune-update.txt"),
        format!("UPDATED: Harbor City water main break\n{rest}"),
    )
    .unwrap();
    let out = sim.run(DAY2).assert().code(6);
    let stderr = crate::util::stderr_of(&out);
    assert!(stderr.contains("1 new article(s), but"), "{stderr}");
    assert_eq!(sim.digests(), day1);
    // It was read and recorded: not tried again every day.
    let out = sim.run(DAY3).arg("--check").assert().code(0);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.contains("would read 0 new article(s)"), "{stdout}");
}

#[test]
fn check_lists_what_a_run_would_read_and_write() {
    let sim = Sim::new();
    sim.arrive("day1");
    let out = sim.run(DAY1).arg("--check").assert().code(0);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.contains("(valid)"), "{stdout}");
    assert!(stdout.contains("would read 3 new article(s)"), "{stdout}");
    assert!(stdout.contains("courier-water-advisory.txt"), "{stdout}");
    assert!(stdout.contains("digest-2026-11-02.md"), "{stdout}");
    assert!(stdout.contains("digest-2026-11-02.json"), "{stdout}");
    assert!(sim.digests().is_empty());
    assert!(!sim.path("state/state.json").exists());
}

#[test]
fn the_date_in_names_is_in_the_configured_time_zone() {
    let sim = Sim::new();
    sim.arrive("day1");
    // 23:30 UTC on 2 November is already 3 November in Berlin (the config's zone), still
    // 2 November in New York.
    for (zone, date) in [
        (None, "2026-11-03"),
        (Some("America/New_York"), "2026-11-02"),
    ] {
        let mut cmd = sim.run("2026-11-02T23:30:00Z");
        cmd.arg("--check");
        if let Some(z) = zone {
            cmd.args(["--timezone", z]);
        }
        let out = cmd.assert().code(0);
        let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        assert!(
            stdout.contains(&format!("digest-{date}.md")),
            "{zone:?}: {stdout}"
        );
    }
    sim.run("2026-11-02T23:30:00Z")
        .args(["--check", "--timezone", "Mars/Olympus"])
        .assert()
        .code(2);
}

#[test]
fn second_run_the_same_day_never_overwrites_the_first() {
    let sim = Sim::new();
    sim.arrive("day1");
    sim.run(DAY1).assert().code(0);
    let first = sim.digests();
    sim.arrive("day2");
    sim.run("2026-11-02T18:00:00+01:00").assert().code(0);
    let both = sim.digests();
    for (name, bytes) in &first {
        assert_eq!(&both[name], bytes);
    }
    assert!(
        both.contains_key("digest-2026-11-02-2.md"),
        "{:?}",
        names(&both)
    );
}

#[test]
fn config_errors_name_file_line_and_key() {
    let sim = Sim::with_config(
        "[sources]\ninputs = [\"incoming\"]\n[output]\ndir = \"d\"\nformat = \"json\"\n",
    );
    let out = sim.run(DAY1).assert().code(2);
    let stderr = crate::util::stderr_of(&out);
    assert!(
        stderr.contains("newsdigest.toml:5:1: output.format: unknown field `format`"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1);
}

#[test]
fn json_logs_one_object_per_line_and_quiet_is_silent_on_success() {
    let sim = Sim::new();
    sim.arrive("day1");
    let out = sim
        .run(DAY1)
        .args(["--log-format", "json"])
        .assert()
        .code(0);
    let stderr = crate::util::stderr_of(&out);
    assert!(stderr.lines().count() >= 2);
    for line in stderr.lines() {
        let v: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(v["ts"].is_string() && v["level"].is_string() && v["msg"].is_string());
        assert!(!line.contains('\x1b'));
    }
    sim.arrive("day2");
    let out = sim.run(DAY2).arg("--quiet").assert().code(0);
    assert!(out.get_output().stderr.is_empty());
}

#[test]
fn since_overrides_the_record_of_digested_articles() {
    let sim = Sim::new();
    sim.arrive("day1");
    sim.run(DAY1).assert().code(0);
    // Two of the three articles are dated within the last day; the third is older.
    let day = std::time::Duration::from_secs(86_400);
    let base = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_793_597_400);
    for (name, age) in [
        ("courier-water-advisory.txt", 0),
        ("tribune-pipeline-break.txt", 0),
        ("gazette-schools-close.txt", 5),
    ] {
        let f = std::fs::File::options()
            .write(true)
            .open(sim.path("incoming").join(name))
            .unwrap();
        f.set_modified(base - day * age).unwrap();
    }
    // base is 2026-11-02T05:30:00Z; a run at 06:30 local (05:30Z) with --since 1d.
    sim.run(DAY1).assert().code(6);
    sim.run(DAY1)
        .args(["--since", "1d", "--novelty-days", "0"])
        .assert()
        .code(0);
    let d = sim.digest_json("digest-2026-11-02-2.json");
    assert!(!source_files(&d).contains("gazette-schools-close.txt"));
    assert_eq!(d["meta"]["inputs"], 2);
}

#[test]
fn max_age_keeps_stale_articles_out() {
    let sim = Sim::new();
    sim.arrive("day1");
    let base = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_793_597_400);
    let f = std::fs::File::options()
        .write(true)
        .open(sim.path("incoming/gazette-schools-close.txt"))
        .unwrap();
    f.set_modified(base - std::time::Duration::from_secs(10 * 86_400))
        .unwrap();
    for name in ["courier-water-advisory.txt", "tribune-pipeline-break.txt"] {
        let f = std::fs::File::options()
            .write(true)
            .open(sim.path("incoming").join(name))
            .unwrap();
        f.set_modified(base).unwrap();
    }
    sim.run(DAY1).args(["--max-age", "3d"]).assert().code(0);
    let d = sim.digest_json("digest-2026-11-02.json");
    assert_eq!(d["meta"]["inputs"], 2);
    assert!(!source_files(&d).contains("gazette-schools-close.txt"));
    let out = sim.run(DAY1).args(["--max-age", "3d"]).assert().code(6);
    let stderr = crate::util::stderr_of(&out);
    assert!(stderr.contains("1 older than max_age"), "{stderr}");
}

// Continuing stories, crashes and races, and the shipped cron/systemd examples.
mod continuing;
mod crashes;
mod examples;

#[test]
fn an_output_dir_that_is_a_file_fails_before_the_work_and_says_so() {
    // Regression: the run digested everything, then failed with "File exists (os error 17)".
    let sim = Sim::new();
    sim.arrive("day1");
    std::fs::write(sim.path("digests"), "mine").unwrap();
    let out = sim.run(DAY1).assert().code(5);
    let stderr = crate::util::stderr_of(&out);
    assert!(
        stderr.contains("digests: it exists and is not a folder"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("new article"),
        "fails before reading: {stderr}"
    );
    assert_eq!(std::fs::read(sim.path("digests")).unwrap(), b"mine");
}

#[test]
fn run_warns_of_the_fifo_and_the_foreign_article_it_leaves_out() {
    // Regression: `summarize` said both; `run` dropped them silently and counted the French
    // article in "done: digest of N article(s)" while the title did not.
    let sim = Sim::new();
    sim.arrive("day1");
    let english = std::fs::read_dir(sim.path("incoming")).unwrap().count();
    crate::util::mkfifo(&sim.path("incoming/pipe.txt"));
    std::fs::write(
        sim.path("incoming/fr.txt"),
        "Le gouvernement français a annoncé lundi de nouvelles mesures pour lutter contre \
         l'inflation. Les prix de l'énergie ont fortement augmenté depuis le début de l'année, \
         selon les chiffres officiels.\n",
    )
    .unwrap();
    let out = sim.run(DAY1).assert().code(0);
    let stderr = crate::util::stderr_of(&out);
    assert!(
        stderr.contains("pipe.txt: not a regular file (a FIFO, socket or device)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("left out 1 article not in English (1 French)"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("done: digest of {english} article(s)")),
        "{stderr}"
    );
}

/// Regression (probe 17): with a topic, "done: digest of N article(s)" counted the articles
/// far from the topic too, which the digest left out.
#[test]
fn the_done_line_counted_articles_off_the_topic() {
    let sim = Sim::new();
    sim.arrive("day1");
    let on_topic = std::fs::read_dir(sim.path("incoming")).unwrap().count();
    std::fs::write(
        sim.path("incoming/football.txt"),
        "Rovers win the cup final\n\nRovers won the cup final with a late goal on Saturday, \
         and their fans celebrated in the streets of the town until midnight.\n\nThe coach \
         praised his players after the final whistle and thanked the supporters.\n",
    )
    .unwrap();
    let out = sim
        .run(DAY1)
        .args(["--topic", "Harbor City water pipeline break"])
        .assert()
        .code(0);
    let stderr = crate::util::stderr_of(&out);
    assert!(
        stderr.contains(&format!("done: digest of {on_topic} article(s)")),
        "{stderr}"
    );
}
