//! Issue 17, what a person at a terminal sees: completions and the man page, progress on a
//! terminal only, the language filter, how digests cite and title their sources, the order of
//! sentences, and the same flag spellings across commands.

use crate::util::{examples, newsdigest, tempdir, tree, BIN};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// `cmd` run by `sh` on a pseudo-terminal (`script`); returns what the terminal showed.
fn on_terminal(cmd: &str, env: &[(&str, &str)]) -> String {
    let out = Command::new("script")
        .args(["-qec", cmd, "/dev/null"])
        .env("TERM", "xterm")
        .env_remove("NO_COLOR")
        .envs(env.iter().copied())
        .output()
        .expect("`script` (util-linux) runs a command on a pseudo-terminal");
    assert!(out.status.success(), "{cmd}: {out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(out: &[u8]) -> Value {
    serde_json::from_slice(out).expect("JSON output")
}

#[test]
fn bash_completions_are_valid_bash_and_know_the_flags() {
    let dir = tempdir();
    let file = dir.path().join("newsdigest.bash");
    newsdigest()
        .args(["completions", "bash", "-o"])
        .arg(&file)
        .assert()
        .success()
        .stdout("");
    let script = std::fs::read_to_string(&file).unwrap();
    assert!(script.contains("summarize") && script.contains("--order"));
    let check = Command::new("bash").arg("-n").arg(&file).output().unwrap();
    assert!(check.status.success(), "bash -n: {check:?}");
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let out = newsdigest().args(["completions", shell]).output().unwrap();
        assert!(out.status.success() && out.stdout.len() > 1000, "{shell}");
    }
    newsdigest().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn man_pages_are_roff_with_a_title_line() {
    // clap_mangen opens with the roff apostrophe string (`.ie`/`.el`), then the title.
    let title = |page: &str| {
        page.lines()
            .find(|l| !l.starts_with(".ie") && !l.starts_with(".el"))
            .unwrap_or_default()
            .to_string()
    };
    let out = newsdigest().arg("man").output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(title(&page).starts_with(".TH newsdigest 1"), "{page}");
    assert!(
        page.contains("newsdigest\\-summarize(1)"),
        "subcommands are listed"
    );
    let dir = tempdir();
    let file = dir.path().join("newsdigest-summarize.1");
    newsdigest()
        .args(["man", "summarize", "-o"])
        .arg(&file)
        .assert()
        .success();
    let page = std::fs::read_to_string(&file).unwrap();
    assert!(
        title(&page).starts_with(".TH newsdigest-summarize 1"),
        "{page}"
    );
    assert!(page.contains("\\-\\-order"));
    newsdigest().args(["man", "nope"]).assert().code(2);
}

/// 400 short English articles.
fn many_articles(root: &Path) {
    let subjects = [
        "The minister",
        "Negotiators",
        "The envoy",
        "Officials",
        "Diplomats",
    ];
    let claims = [
        "the talks in Geneva would resume next week",
        "a ceasefire could be agreed within days",
        "prisoners would be exchanged before the winter",
    ];
    for i in 0..400 {
        let mut text = format!("Delegations meet again for round {i} of the talks on the war\n");
        for j in 0..5 {
            text.push_str(&format!(
                "{} said on Monday that {}, according to statement number {}.\n",
                subjects[(i + j) % subjects.len()],
                claims[(i * 3 + j) % claims.len()],
                i * 5 + j
            ));
        }
        std::fs::write(root.join(format!("a{i:03}.txt")), text).unwrap();
    }
}

#[test]
fn progress_shows_on_a_terminal_only() {
    let dir = tempdir();
    many_articles(dir.path());
    let run = |flags: &str| {
        format!(
            "'{BIN}' summarize --method lead {flags} '{}' > '{}'",
            dir.path().display(),
            dir.path().join("digest.out").display()
        )
    };
    let shown = on_terminal(&run(""), &[]);
    assert!(
        shown.contains("reading") && shown.contains("/400"),
        "{shown:?}"
    );
    assert!(shown.contains("\x1b[36m"), "coloured by default: {shown:?}");
    let plain = on_terminal(&run(""), &[("NO_COLOR", "1")]);
    assert!(
        plain.contains("/400") && !plain.contains("\x1b[36m"),
        "{plain:?}"
    );
    for (flags, env) in [("--quiet", ("TERM", "xterm")), ("", ("TERM", "dumb"))] {
        let quiet = on_terminal(&run(flags), &[env]);
        assert!(!quiet.contains("reading"), "{flags} {env:?}: {quiet:?}");
    }
    // In a pipe: nothing on stderr at all.
    newsdigest()
        .args(["summarize", "--method", "lead"])
        .arg(dir.path())
        .assert()
        .success()
        .stderr("");
}

const RU: &str = "Министры иностранных дел договорились в субботу провести новый раунд \
                  переговоров в Женеве. Делегации встретятся на следующей неделе.\n";
const FR: &str = "Les ministres des affaires étrangères ont convenu samedi de reprendre les \
                  négociations. Le président a salué cette décision, qui intervient après des \
                  semaines de tensions.\n";
const JA: &str =
    "外務大臣たちは土曜日、ジュネーブで新たな協議を行うことで合意したと発表しました。\n";

#[test]
fn russian_only_input_names_its_language() {
    let dir = tempdir();
    tree(dir.path(), &[("a.txt", RU), ("b.txt", RU), ("c.txt", RU)]);
    newsdigest()
        .arg("summarize")
        .arg(dir.path())
        .assert()
        .code(3)
        .stdout("")
        .stderr(
            "newsdigest: the 3 inputs are Russian; only English is supported (see README, \
             Languages)\n",
        );
    tree(dir.path(), &[("ja.txt", JA)]);
    newsdigest()
        .arg("summarize")
        .arg(dir.path().join("ja.txt"))
        .assert()
        .code(3)
        .stderr(predicates::str::starts_with(
            "newsdigest: the input is Japanese;",
        ));
}

#[test]
fn other_languages_are_left_out_and_counted() {
    let dir = tempdir();
    for entry in std::fs::read_dir(examples()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    tree(
        dir.path(),
        &[("ru1.txt", RU), ("ru2.txt", RU), ("fr.txt", FR)],
    );
    let out = newsdigest()
        .args(["summarize", "--format", "json", "--sentences", "20"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: left out 3 articles not in English (2 Russian, 1 French)"),
        "{stderr}"
    );
    let digest = json(&out.stdout);
    assert_eq!(
        digest["meta"]["languages_skipped"],
        serde_json::json!({"rus": 2, "fra": 1})
    );
    assert_eq!(digest["meta"]["inputs"], 5);
    for s in digest["sentences"].as_array().unwrap() {
        let id = s["source"]["id"].as_str().unwrap();
        assert!(!id.contains("ru") && !id.contains("fr.txt"), "{id}");
    }
}

#[test]
fn digests_cite_titles_and_file_names_never_paths() {
    let dir = tempdir();
    let prose = "The foreign ministers agreed on Saturday to hold a new round of talks in Geneva. \
                 Negotiators said the talks would address the exchange of prisoners and grain.\n";
    let headline = "Ministers agree to hold new talks in Geneva\n";
    tree(
        dir.path(),
        &[
            ("headline.txt", &format!("{headline}{prose}")),
            ("odd\nname.txt", &prose.replace("Saturday", "Sunday")),
        ],
    );
    let root = dir.path().display().to_string();
    let run = |format: &str| {
        let out = newsdigest()
            .args(["summarize", "--sentences", "10", "--format", format])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let md = run("markdown");
    assert!(!md.contains(&root), "{md}");
    assert!(
        md.contains("Ministers agree to hold new talks in Geneva"),
        "{md}"
    );
    assert!(md.contains("odd\\\\nname.txt"), "{md}");
    for line in md.lines().skip(1).filter(|l| !l.is_empty()) {
        assert!(line.starts_with("- "), "one list item a line: {line:?}");
    }
    let html = run("html");
    assert!(!html.contains(&root), "{html}");
    assert!(
        html.contains("<span class=\"src\">Ministers agree"),
        "{html}"
    );
    assert!(html.contains("odd\\nname.txt"), "{html}");
}

#[test]
fn the_title_says_the_newest_articles_date_and_counts_outlets() {
    let dir = tempdir();
    let line = |outlet: &str, date: &str, text: &str| {
        format!("{{\"source\": \"{outlet}\", \"date\": \"{date}\", \"text\": \"{text}\"}}\n")
    };
    let jsonl = [
        line(
            "Courier",
            "2025-03-02T10:00:00Z",
            "The foreign ministers agreed on Saturday to hold a new round of talks in Geneva.",
        ),
        line(
            "Gazette",
            "2025-03-04T10:00:00Z",
            "Negotiators resumed the talks in Geneva on Sunday after a pause of two weeks.",
        ),
        line(
            "Courier",
            "2025-03-03T10:00:00Z",
            "The delegations exchanged lists of prisoners before the talks resumed in Geneva.",
        ),
    ]
    .concat();
    tree(dir.path(), &[("day.jsonl", &jsonl)]);
    let out = newsdigest()
        .args(["summarize", "--format", "markdown"])
        .arg(dir.path().join("day.jsonl"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let md = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        md.lines().next(),
        Some("# News digest, 4 March 2025 — 3 articles, 2 outlets")
    );
}

fn order_of(order: &str) -> Vec<(String, u64, f64)> {
    let out = newsdigest()
        .args([
            "summarize",
            "--format",
            "json",
            "--sentences",
            "5",
            "--order",
            order,
        ])
        .arg(examples())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    json(&out.stdout)["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let id = s["source"]["id"].as_str().unwrap().to_string();
            (
                id,
                s["position"].as_u64().unwrap(),
                s["score"].as_f64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn order_reading_or_rank() {
    let reading = order_of("reading");
    let rank = order_of("rank");
    assert_ne!(
        reading, rank,
        "the examples' picks read differently by rank"
    );
    let mut same = rank.clone();
    same.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    assert_eq!(
        same, reading,
        "the same sentences; reading: by file, then position"
    );
    assert!(rank.windows(2).all(|w| w[0].2 >= w[1].2), "rank: by score");
    newsdigest()
        .args(["summarize", "--order", "sideways"])
        .arg(examples())
        .assert()
        .code(2);
}

#[test]
fn run_reads_summary_order_from_its_config() {
    let base = "state_dir = \"state\"\n[sources]\ninputs = [\"incoming\"]\n[output]\n\
                dir = \"digests\"\nformats = [\"json\"]\n[summary]\nsentences = 4\n";
    let sim = crate::run::Sim::with_config(&format!("{base}order = \"rank\"\n"));
    sim.arrive("day1");
    sim.run(crate::run::DAY1).assert().code(0);
    let digest = sim.digest_json("digest-2026-11-02.json");
    let scores: Vec<f64> = digest["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["score"].as_f64().unwrap())
        .collect();
    assert!(
        scores.len() > 1 && scores.windows(2).all(|w| w[0] >= w[1]),
        "{scores:?}"
    );
    let bad = crate::run::Sim::with_config(&format!("{base}order = \"sideways\"\n"));
    let out = bad.run(crate::run::DAY1).arg("--check").assert().code(2);
    let stderr = crate::util::stderr_of(&out);
    assert!(
        stderr.contains("summary.order: unknown value `sideways`"),
        "{stderr}"
    );
}

fn help(args: &[&str]) -> String {
    let out = newsdigest().args(args).arg("--help").output().unwrap();
    assert!(out.status.success(), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The codes an `Exit codes:` table of `--help` lists.
fn exit_codes(help: &str) -> Vec<u8> {
    let table = help.split("Exit codes").nth(1).unwrap_or_default();
    table
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .collect()
}

#[test]
fn flags_are_spelled_the_same_everywhere() {
    for cmd in [&["summarize"][..], &["bench"], &["run"]] {
        let h = help(cmd);
        assert!(
            h.contains("--seed <N>") && h.contains("--words <N>"),
            "{cmd:?}"
        );
        assert!(h.contains("--embeddings <FILE>"), "{cmd:?}");
    }
    assert!(help(&["embeddings", "eval-sts"]).contains("--embeddings <FILE>"));
    for cmd in [&["summarize"][..], &["completions"], &["man"]] {
        assert!(help(cmd).contains("-o, --output <FILE>"), "{cmd:?}");
    }
    let codes = |cmd: &[&str]| exit_codes(&help(cmd));
    assert_eq!(codes(&["summarize"]), [0, 1, 2, 3, 4, 5]);
    assert_eq!(codes(&["bench"]), [0, 1, 2, 3, 4, 5]);
    assert_eq!(codes(&["eval"]), [0, 1, 2, 3, 5], "eval reads no model");
    assert_eq!(codes(&["run"]), [0, 1, 2, 3, 4, 5, 6, 7]);
    assert_eq!(codes(&["embeddings", "info"]), [0, 1, 2, 4, 5]);
    assert_eq!(codes(&["embeddings", "convert"]), [0, 1, 2, 4, 5]);
    assert_eq!(codes(&["embeddings", "eval-sts"]), [0, 1, 2, 3, 4, 5]);
    assert_eq!(codes(&["completions"]), [0, 1, 2, 5]);
    assert_eq!(codes(&["man"]), [0, 1, 2, 5]);
}

#[test]
fn the_readme_has_what_the_messages_and_a_newcomer_point_to() {
    let readme = std::fs::read_to_string(crate::util::repo("README.md")).unwrap();
    // The language error says "see README, Languages".
    assert!(readme.contains("\n### Languages\n"));
    for needed in [
        "newsdigest completions bash -o",
        "newsdigest man -o",
        "4–5 minutes",
        "test-only\ndependencies",
        "DUC 2003",
        "Opinosis",
    ] {
        assert!(readme.contains(needed), "README lacks {needed:?}");
    }
    // `../shared` is the developers' folder: the README explains it, never needs it.
    let lines: Vec<&str> = readme.lines().filter(|l| l.contains("../shared")).collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains("eval/README.md"), "{lines:?}");
}

#[test]
fn bench_counts_clusters_and_eval_shows_scoring_on_a_terminal() {
    let dir = tempdir();
    let data = crate::bench::dataset(dir.path());
    let saved = dir.path().join("saved");
    let bench = format!(
        "'{BIN}' bench --method lead,random --jobs 1 --save '{}' '{}' > /dev/null",
        saved.display(),
        data.display()
    );
    let shown = on_terminal(&bench, &[]);
    assert!(
        shown.contains("summarising") && shown.contains("/4"),
        "{shown:?}"
    );
    let eval = format!(
        "'{BIN}' eval --refs '{}' --system '{}' > /dev/null",
        saved.join("refs").display(),
        saved.join("lead").display()
    );
    let shown = on_terminal(&eval, &[]);
    assert!(shown.contains("scoring 1 system(s)"), "{shown:?}");
    let quiet = on_terminal(&format!("{eval} --quiet"), &[]);
    assert!(!quiet.contains("scoring"), "{quiet:?}");
}

#[test]
fn clap_usage_errors_are_one_line_on_stderr_with_exit_2() {
    // Regression: clap printed a paragraph (message, tip, usage, pointer) for a bad flag.
    for args in [
        &["summarize", "--foo", "x"][..],
        &["summarize"],
        &["sumarize", "x"],
        &["summarize", "--format", "xx", "x"],
        &["summarize", "--words", "1", "--words", "2", "x"],
    ] {
        let out = newsdigest().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.starts_with("newsdigest: "), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    }
    let out = newsdigest().args(["sumarize", "x"]).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("'summarize'") && err.contains("--help'"),
        "{err}"
    );
}
