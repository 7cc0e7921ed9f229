//! The shipped scheduling examples call the documented command, and it runs.

use super::*;

// ---- the shipped scheduling examples ---------------------------------------------------

const DOCUMENTED: &str = "newsdigest run --config /etc/newsdigest.toml";

fn example(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

/// The command of the one active crontab line (five time fields, then the command).
fn crontab_command() -> String {
    let text = example("examples/cron/newsdigest.crontab");
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.contains('='))
        .collect();
    assert_eq!(
        lines.len(),
        1,
        "one active crontab line expected: {lines:?}"
    );
    let fields: Vec<&str> = lines[0].split_whitespace().collect();
    let ranges = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)];
    for (field, (lo, hi)) in fields[..5].iter().zip(ranges) {
        if *field != "*" {
            let n: u32 = field
                .parse()
                .unwrap_or_else(|_| panic!("time field {field}"));
            assert!((lo..=hi).contains(&n), "time field {field}");
        }
    }
    fields[5..].join(" ")
}

/// `[Section]` → key → values of a systemd unit file.
fn unit(rel: &str) -> BTreeMap<String, BTreeMap<String, Vec<String>>> {
    let mut out: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    let mut section = String::new();
    for line in example(rel).lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if line.starts_with('[') {
            section = line.trim_matches(['[', ']']).to_string();
            continue;
        }
        let (k, v) = line
            .split_once('=')
            .unwrap_or_else(|| panic!("bad line {line}"));
        assert!(!section.is_empty(), "key outside a section: {line}");
        out.entry(section.clone())
            .or_default()
            .entry(k.trim().to_string())
            .or_default()
            .push(v.trim().to_string());
    }
    out
}

/// Run a documented command line here: the binary under test for `newsdigest`, a temporary
/// config for /etc/newsdigest.toml.
fn run_command_line(line: &str, config: &Path, now: &str) -> i32 {
    let words: Vec<&str> = line.split_whitespace().collect();
    assert!(words[0].ends_with("newsdigest"), "{line}");
    let args: Vec<String> = words[1..]
        .iter()
        .map(|w| {
            if *w == "/etc/newsdigest.toml" {
                config.display().to_string()
            } else {
                w.to_string()
            }
        })
        .collect();
    let out = std::process::Command::new(BIN)
        .args(&args)
        .args(["--now", now])
        .env_remove("NEWSDIGEST_TEST_PAUSE")
        .output()
        .unwrap();
    out.status.code().unwrap()
}

#[test]
fn crontab_and_systemd_examples_call_the_documented_command_and_it_runs() {
    let cron = crontab_command();
    assert!(cron.ends_with(DOCUMENTED), "crontab runs `{cron}`");

    let service = unit("examples/cron/newsdigest.service");
    let exec = &service["Service"]["ExecStart"];
    assert_eq!(exec.len(), 1);
    assert!(exec[0].ends_with(DOCUMENTED), "service runs `{}`", exec[0]);
    assert_eq!(service["Service"]["Type"], ["oneshot"]);
    // "Nothing new" is a normal day, not a failed unit.
    assert!(service["Service"]["SuccessExitStatus"][0]
        .split_whitespace()
        .any(|c| c == "6"));
    let timer = unit("examples/cron/newsdigest.timer");
    assert!(!timer["Timer"]["OnCalendar"][0].is_empty());
    assert_eq!(timer["Timer"]["Persistent"], ["true"]);
    assert_eq!(timer["Install"]["WantedBy"], ["timers.target"]);
    // Where systemd's own tool is installed, it must accept the schedule.
    if let Ok(out) = std::process::Command::new("systemd-analyze")
        .arg("calendar")
        .arg(&timer["Timer"]["OnCalendar"][0])
        .output()
    {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    if let Some(u) = timer["Timer"].get("Unit") {
        assert_eq!(u, &["newsdigest.service"]);
    }

    // Both command lines run: the first writes the day's digest, the second finds nothing new.
    let sim = Sim::new();
    sim.arrive("day1");
    assert_eq!(run_command_line(&cron, &sim.config(), DAY1), 0);
    assert_eq!(run_command_line(&exec[0], &sim.config(), DAY1), 6);
    assert_eq!(sim.digests().len(), 2);
}

#[test]
fn example_config_is_valid_and_documents_every_key() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/newsdigest.toml");
    let cfg =
        newsdigest::schedule::resolve(Some(&path), Default::default(), Default::default()).unwrap();
    assert_eq!(cfg.formats.len(), 2);
    let text = example("examples/newsdigest.toml");
    for key in [
        "timezone",
        "state_dir",
        "[sources]",
        "inputs",
        "format",
        "max_age",
        "[output]",
        "dir",
        "name",
        "formats",
        "retention_days",
        "[summary]",
        "words",
        "sentences",
        "bytes",
        "method",
        "seed",
        "embeddings",
        "novelty_days",
        "stories",
        "story_words",
        "[log]",
        "quiet",
    ] {
        assert!(
            text.contains(key),
            "examples/newsdigest.toml does not mention {key}"
        );
    }
}
