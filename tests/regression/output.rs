//! The command-line edge every command shares (`output`): standard output and `-o` onto
//! special files. Here with `summarize`, the command that has `-o`.

use crate::run::*;
use crate::util::BIN;
use serde_json::Value;
use std::process::Stdio;

fn summarize() -> std::process::Command {
    let mut cmd = std::process::Command::new(BIN);
    cmd.arg("summarize")
        .arg(fixtures().join("day1"))
        .arg("--format")
        .arg("json");
    cmd
}

/// Run `cmd` with a reader that goes away before anything is written (`… | head -0`).
fn with_broken_pipe(mut cmd: std::process::Command) -> std::process::Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

/// Run `newsdigest ARGS` from `dir` with its standard output closed (`>&-`).
#[cfg(unix)]
fn with_stdout_closed(dir: &std::path::Path, args: &str) -> std::process::Output {
    std::process::Command::new("sh")
        .current_dir(dir)
        .arg("-c")
        .arg(format!("exec \"$0\" {args} >&-"))
        .arg(BIN)
        .output()
        .unwrap()
}

#[test]
fn broken_pipe_on_stdout_is_success_not_exit_5() {
    let out = with_broken_pipe(summarize());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(out.stderr.is_empty(), "{stderr}");
}

#[cfg(unix)]
#[test]
fn closed_stdout_loses_the_output_so_exit_5_not_0() {
    let out = with_stdout_closed(&fixtures(), "summarize day1");
    assert_eq!(
        out.status.code(),
        Some(5),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Redirected to /dev/null on purpose is fine.
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" summarize \"$1\" >/dev/null")
        .arg(BIN)
        .arg(fixtures().join("day1"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[cfg(unix)]
#[test]
fn output_onto_dev_null_or_a_fifo_replaced_it_with_a_regular_file() {
    use std::os::unix::fs::FileTypeExt;
    let status = summarize().arg("-o").arg("/dev/null").status().unwrap();
    assert_eq!(status.code(), Some(0));
    assert!(std::fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());

    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("digest.pipe");
    crate::util::mkfifo(&fifo);
    let child = summarize().arg("-o").arg(&fifo).spawn().unwrap();
    let read = std::fs::read(&fifo).unwrap();
    assert_eq!(child.wait_with_output().unwrap().status.code(), Some(0));
    let _: Value = serde_json::from_slice(&read).unwrap();
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
}

/// Regression (`-o` onto a FIFO that no process reads blocked in `open` for ever; an input
/// FIFO without a writer already gave up after 5 s).
#[cfg(unix)]
#[test]
fn output_onto_a_fifo_without_a_reader_hung_for_ever() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("digest.pipe");
    crate::util::mkfifo(&fifo);
    let mut child = summarize()
        .arg("-o")
        .arg(&fifo)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("still blocked on the FIFO after 60 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{stderr}");
    assert!(stderr.contains("no process reads"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn output_onto_an_input_silently_replaced_the_article() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for e in std::fs::read_dir(fixtures().join("day1")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), input.join(e.file_name())).unwrap();
    }
    let article = input.join("courier-water-advisory.txt");
    let before = std::fs::read(&article).unwrap();
    for inputs in [vec![article.clone()], vec![input.clone()]] {
        let out = std::process::Command::new(BIN)
            .arg("summarize")
            .args(&inputs)
            .arg("-o")
            .arg(&article)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{inputs:?}");
        assert_eq!(std::fs::read(&article).unwrap(), before);
    }
    // `-o -` is standard output.
    let out = summarize().args(["-o", "-"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let _: Value = serde_json::from_slice(&out.stdout).unwrap();
}

/// `rouge155` had its own writer: a reader that went away gave exit 5, and a closed standard
/// output exit 0. It now prints through the one every other command uses.
#[cfg(unix)]
#[test]
fn rouge155_broken_pipe_exited_5_and_closed_stdout_exited_0() {
    let dir = crate::util::fixture("rouge155-see");
    let mut cmd = std::process::Command::new(BIN);
    cmd.current_dir(&dir)
        .args(["rouge155", "-n", "2", "-a", "spl.xml"]);
    let out = with_broken_pipe(cmd);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = with_stdout_closed(&dir, "rouge155 -n 2 -a spl.xml");
    assert_eq!(
        out.status.code(),
        Some(5),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
