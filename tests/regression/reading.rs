//! Regression tests of the hardening issue, reading side: escape sequences in articles, FIFOs
//! and devices, tiny budgets and eval's flags. Each is named after the bug it pins down.

use crate::util::{examples, newsdigest, tempdir, tree};
use std::time::Duration;

/// Sentences long enough to be picked, with an escape sequence inside each.
const HOSTILE: &str =
    "The ministers met in Geneva \u{1b}]0;pwned\u{7}on Tuesday to resume the talks.\n\
The delegations agreed \u{1b}]52;c;ZWNobyBoaQ==\u{7}on an agenda for the prisoner exchange.\n\
Observers said \u{1b}[2J\u{1b}[Hthe ceasefire had held \u{9b}31mfor a whole week now.\n";

fn assert_no_controls(out: &[u8], what: &str) {
    let text = String::from_utf8_lossy(out);
    let bad: Vec<char> = text
        .chars()
        .filter(|c| c.is_control() && *c != '\n' && *c != '\t')
        .collect();
    assert!(
        bad.is_empty(),
        "{what}: control characters {bad:?} in\n{text}"
    );
}

#[test]
fn terminal_escapes_in_articles_reach_no_output() {
    let dir = tempdir();
    let html = format!(
        "<!DOCTYPE html><html><head><title>Talks &#27;]0;t&#7;resume</title></head><body><article><p>{}</p></article></body></html>",
        HOSTILE.replace('\u{1b}', "&#27;").replace('\u{7}', "&#x7;")
    );
    let jsonl = serde_json::json!({
        "title": "Talks \u{1b}[2J resume", "source": "Wire\u{1b}]0;x\u{7}", "text": HOSTILE,
    });
    tree(
        dir.path(),
        &[
            ("a.txt", HOSTILE),
            ("b.md", &format!("# Talks \u{1b}]0;t\u{7}\n\n{HOSTILE}")),
            ("c.html", &html),
            ("d.jsonl", &format!("{jsonl}\n")),
        ],
    );
    for format in ["text", "markdown", "html", "json"] {
        let out = newsdigest()
            .args(["summarize", "--sentences", "3", "--format", format])
            .arg(dir.path())
            .assert()
            .code(0);
        assert_no_controls(&out.get_output().stdout, format);
    }
}

#[cfg(unix)]
use crate::util::mkfifo;

#[cfg(unix)]
#[test]
fn named_fifo_without_writer_blocks_forever() {
    let dir = tempdir();
    let fifo = dir.path().join("pipe.txt");
    mkfifo(&fifo);
    let out = newsdigest()
        .arg("summarize")
        .arg(&fifo)
        .timeout(Duration::from_secs(30))
        .assert()
        .code(3);
    let stderr = crate::util::stderr_of(&out);
    assert!(stderr.contains("no writer"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn fifo_inside_a_directory_is_skipped_without_a_word() {
    let dir = tempdir();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    for entry in std::fs::read_dir(examples()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join("in").join(path.file_name().unwrap())).unwrap();
    }
    mkfifo(&dir.path().join("in/zz-pipe.txt"));
    let out = newsdigest()
        .args(["summarize", "--words", "30"])
        .arg(dir.path().join("in"))
        .timeout(Duration::from_secs(60))
        .assert()
        .code(0);
    let stderr = crate::util::stderr_of(&out);
    assert!(
        stderr.contains("zz-pipe.txt: skipped: not a regular file"),
        "{stderr}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn endless_device_as_input_grows_without_bound() {
    let out = newsdigest()
        .args(["summarize", "/dev/zero"])
        .timeout(Duration::from_secs(60))
        .assert()
        .code(3);
    let stderr = crate::util::stderr_of(&out);
    assert!(stderr.contains("larger than 64 MiB"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn eval_summary_fifo_without_writer_blocks_forever() {
    let dir = tempdir();
    let fifo = dir.path().join("summary.txt");
    mkfifo(&fifo);
    tree(dir.path(), &[("ref.txt", "The talks resumed in Geneva.")]);
    newsdigest()
        .args(["eval", "--ref"])
        .arg(dir.path().join("ref.txt"))
        .arg("--summary")
        .arg(&fifo)
        .timeout(Duration::from_secs(30))
        .assert()
        .code(3);
}

#[test]
fn byte_budget_below_every_sentence_gives_an_empty_digest_with_exit_0() {
    let out = newsdigest()
        .args(["summarize", "--bytes", "1"])
        .arg(examples())
        .assert()
        .code(3);
    let stderr = crate::util::stderr_of(&out);
    assert!(stderr.contains("no sentence fits the budget"), "{stderr}");
}

#[test]
fn eval_accepts_stem_and_no_stem_together() {
    let dir = tempdir();
    tree(dir.path(), &[("r.txt", "a b c"), ("s.txt", "a b c")]);
    newsdigest()
        .args(["eval", "--stem", "--no-stem", "--ref"])
        .arg(dir.path().join("r.txt"))
        .arg("--summary")
        .arg(dir.path().join("s.txt"))
        .assert()
        .code(2);
}

/// Regression (a symlink loop inside an input folder failed the whole digest with exit 3,
/// while `run` skipped it).
#[cfg(unix)]
#[test]
fn symlink_loop_inside_an_input_folder_stopped_the_digest() {
    let dir = tempdir();
    let article = std::fs::read_to_string(examples().join("001_adc7b29497a524f7.txt"))
        .expect("example article");
    tree(dir.path(), &[("news/a.txt", &article)]);
    std::os::unix::fs::symlink(".", dir.path().join("news/loop")).expect("symlink");
    let out = newsdigest()
        .args(["summarize", "--sentences", "2"])
        .arg(dir.path().join("news"))
        .assert()
        .code(0);
    let stderr = crate::util::stderr_of(&out);
    assert!(
        stderr.contains("warning") && stderr.contains("loop"),
        "{stderr}"
    );
    // Regression: walkdir's message repeated the path ("news/loop: skipped: File system loop
    // found: news/loop points to an ancestor news").
    assert!(
        stderr.contains("loop: skipped: a symlink loop back to "),
        "{stderr}"
    );
    assert_eq!(stderr.matches("news/loop").count(), 1, "{stderr}");
    assert!(!out.get_output().stdout.is_empty());
}

/// Regression (a topic file, a `run` config or a `rouge155` config on a device was read without
/// a cap: `/dev/zero` grew memory by a gigabyte a second).
#[cfg(unix)]
#[test]
fn topic_and_config_files_on_a_device_were_read_without_end() {
    let examples = examples().display().to_string();
    let runs: [(&[&str], i32); 3] = [
        (&["summarize", "--topic-file", "/dev/zero", &examples], 3),
        (&["run", "--check", "--config", "/dev/zero"], 2),
        (&["rouge155", "-a", "/dev/zero"], 3),
    ];
    for (args, code) in runs {
        let out = newsdigest()
            .args(args)
            .timeout(Duration::from_secs(60))
            .assert()
            .code(code);
        let stderr = crate::util::stderr_of(&out);
        assert!(stderr.contains("/dev/zero"), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    }
}

/// Regression (`eval` scored a binary summary or reference as if it were text, and an empty
/// reference without a word, while `summarize` refused the same file with exit 3).
#[test]
fn eval_scored_binary_summaries_and_empty_references_silently() {
    let dir = tempdir();
    tree(
        dir.path(),
        &[
            ("ref.txt", "The talks resumed in Geneva on Monday.\n"),
            ("empty.txt", "\n"),
            ("summary.txt", "Talks resumed in Geneva.\n"),
        ],
    );
    std::fs::write(dir.path().join("binary.txt"), b"PK\x03\x04\x00\x00garbage").unwrap();
    let eval = |reference: &str, summary: &str| {
        newsdigest()
            .args(["eval", "--ref"])
            .arg(dir.path().join(reference))
            .arg("--summary")
            .arg(dir.path().join(summary))
            .assert()
    };
    for (reference, summary) in [("ref.txt", "binary.txt"), ("binary.txt", "summary.txt")] {
        let out = eval(reference, summary).code(3);
        let stderr = crate::util::stderr_of(&out);
        assert!(stderr.contains("binary data"), "{stderr}");
    }
    let out = eval("empty.txt", "summary.txt").code(0);
    let stderr = crate::util::stderr_of(&out);
    assert!(stderr.contains("empty reference"), "{stderr}");
}

/// Regression (a FIFO named like a summary inside `eval --refs` was skipped without a word,
/// where `summarize` warns about one met while walking).
#[cfg(unix)]
#[test]
fn fifo_in_an_eval_refs_folder_was_skipped_without_a_word() {
    let dir = tempdir();
    tree(
        dir.path(),
        &[
            ("refs/c1/a.txt", "The talks resumed in Geneva on Monday.\n"),
            ("system/c1.txt", "Talks resumed in Geneva.\n"),
        ],
    );
    mkfifo(&dir.path().join("refs/c1/b.txt"));
    let out = newsdigest()
        .args(["eval", "--refs"])
        .arg(dir.path().join("refs"))
        .arg("--system")
        .arg(dir.path().join("system"))
        .timeout(Duration::from_secs(60))
        .assert()
        .code(0);
    let stderr = crate::util::stderr_of(&out);
    assert!(
        stderr.contains("b.txt") && stderr.contains("FIFO"),
        "{stderr}"
    );
}

/// Regression (a file name's newline or terminal escape went raw into the error line: the error
/// was two lines, the second a forged "newsdigest: …", and ESC sequences reached the terminal).
#[cfg(unix)]
#[test]
fn control_characters_in_a_file_name_reached_the_error_line() {
    let dir = tempdir();
    let name = "evil\nnewsdigest: forged \u{1b}]0;pwned\u{7}.txt";
    std::fs::write(dir.path().join(name), b"abc\0def").unwrap();
    // Named: the one-line error. Found in its folder: a one-line warning, then the error that
    // the folder holds nothing readable.
    for (target, lines) in [(dir.path().join(name), 1), (dir.path().to_path_buf(), 2)] {
        let out = newsdigest().arg("summarize").arg(&target).assert().code(3);
        let stderr = crate::util::stderr_of(&out);
        assert_eq!(stderr.lines().count(), lines, "{stderr:?}");
        assert!(
            !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
            "{stderr:?}"
        );
        assert!(stderr.contains("binary data"), "{stderr:?}");
    }
}

/// Regression (one truncated feed among good articles in a folder failed the whole digest,
/// exit 3; `run` already skipped such a file).
#[test]
fn one_bad_file_in_a_folder_failed_the_whole_digest() {
    let dir = tempdir();
    let article = std::fs::read_to_string(examples().join("001_adc7b29497a524f7.txt"))
        .expect("example article");
    tree(
        dir.path(),
        &[
            ("news/a.txt", &article),
            (
                "news/broken.xml",
                "<?xml version=\"1.0\"?><rss><channel><item><title>T",
            ),
        ],
    );
    let out = newsdigest()
        .args(["summarize", "--sentences", "2"])
        .arg(dir.path().join("news"))
        .assert()
        .code(0);
    let stderr = crate::util::stderr_of(&out);
    assert!(
        stderr.contains("broken.xml") && stderr.contains("skipped"),
        "{stderr}"
    );
    // Named on the command line, the same file is an error.
    newsdigest()
        .arg("summarize")
        .arg(dir.path().join("news/broken.xml"))
        .assert()
        .code(3);
}

#[test]
fn an_empty_named_file_is_named_alone_and_warned_of_beside_others() {
    // Regression: "the inputs hold no article text" named no file, and an empty file beside
    // good ones was passed over without a word.
    let dir = tempdir();
    tree(dir.path(), &[("empty.txt", "\n  \n")]);
    let empty = dir.path().join("empty.txt");
    let out = newsdigest().arg("summarize").arg(&empty).assert().code(3);
    let err = crate::util::stderr_of(&out);
    assert!(err.contains("empty.txt: holds no article text"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let out = newsdigest()
        .arg("summarize")
        .arg(&empty)
        .arg(examples())
        .assert()
        .success();
    let err = crate::util::stderr_of(&out);
    assert!(
        err.contains("warning: ") && err.contains("empty.txt: holds no article text"),
        "{err}"
    );
}

#[test]
fn seen_problems_are_not_blamed_on_the_inputs() {
    // Regression: an empty --seen file was "the inputs hold no article text", and inputs all
    // seen already held "no usable sentence after cleaning".
    let dir = tempdir();
    tree(dir.path(), &[("empty.txt", "")]);
    let out = newsdigest()
        .arg("summarize")
        .arg("--seen")
        .arg(dir.path().join("empty.txt"))
        .arg(examples())
        .assert()
        .code(3);
    assert!(crate::util::stderr_of(&out).starts_with("newsdigest: --seen: "));
    let out = newsdigest()
        .arg("summarize")
        .arg("--seen")
        .arg(examples())
        .arg(examples())
        .assert()
        .code(3);
    let err = crate::util::stderr_of(&out);
    assert!(
        err.contains("that the --seen articles do not hold already"),
        "{err}"
    );
}

#[test]
fn random_bytes_without_a_nul_are_binary_not_welsh() {
    let dir = tempdir();
    let bytes: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8 | 1)
        .collect();
    std::fs::write(dir.path().join("r.bin"), bytes).unwrap();
    let out = newsdigest()
        .arg("summarize")
        .arg(dir.path().join("r.bin"))
        .assert()
        .code(3);
    let err = crate::util::stderr_of(&out);
    assert!(
        err.contains("r.bin: binary data, not text (control byte 0x"),
        "{err}"
    );
}

/// Regression (`summarize - <&-` said standard input "holds no article text", as if it had
/// been read empty).
#[cfg(target_os = "linux")]
#[test]
fn closed_stdin_was_called_empty() {
    let with_stdin = |redirect: &str| {
        std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("exec \"$0\" summarize - {redirect}"))
            .arg(crate::util::BIN)
            .output()
            .unwrap()
    };
    let out = with_stdin("<&-");
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("standard input: it is closed"), "{stderr}");
    // Read from /dev/null on purpose, it is empty.
    let out = with_stdin("</dev/null");
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds no article text"));
}

/// Regression: `also_in` named every article holding a near-copy of a digest sentence, so a
/// sentence saying "at least 62 people" was cited to an article saying "65".
#[test]
fn also_in_cited_an_article_with_other_figures() {
    let dir = tempfile::tempdir().unwrap();
    let lead = |n: u32| {
        format!(
            "An Arctic cold wave and accompanying blizzards have killed at least {n} people \
             throughout Europe, police and media reported Monday."
        )
    };
    let shared = "Temperatures fell to minus 26 Celsius in parts of Romania, where schools were \
                  closed for the rest of the week.";
    std::fs::write(
        dir.path().join("a.txt"),
        format!("{}\n{shared}\n", lead(62)),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        format!("{}\n{shared}\n", lead(65)),
    )
    .unwrap();
    let out = crate::util::newsdigest()
        .args(["summarize", "--format", "json", "--words", "60"])
        .arg(dir.path())
        .output()
        .unwrap();
    let digest: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for s in digest["sentences"].as_array().unwrap() {
        let (text, id) = (
            s["text"].as_str().unwrap(),
            s["source"]["id"].as_str().unwrap(),
        );
        let also: Vec<&str> = s["also_in"]
            .as_array()
            .map(|a| a.iter().filter_map(|x| x["id"].as_str()).collect())
            .unwrap_or_default();
        if text.contains("at least") {
            assert!(also.is_empty(), "{text} cited to {also:?} besides {id}");
        } else {
            assert_eq!(also.len(), 1, "{text}: the word-for-word copy is a source");
        }
    }
}

/// Regression: a feed of headlines only (every sentence under 8 words) was told "no sentence
/// fits the budget", as if the budget were too small.
#[test]
fn headlines_only_were_said_not_to_fit_the_budget() {
    let dir = tempdir();
    tree(
        dir.path(),
        &[
            ("a.txt", "Court rejects $280bn tobacco case.\n"),
            ("b.txt", "India calls for fair trade rules.\n"),
        ],
    );
    let out = newsdigest()
        .args(["summarize", "-q"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("shorter than 8 words"), "{stderr}");
}
